"""The words generated data is made of: names, companies, titles, notes, news.

Kept apart from :mod:`benchmarks.generate`, which draws from them, so the
generator reads as what it does rather than as pages of vocabulary.
"""

from __future__ import annotations

from jobfutures_tui.models import ClosedReason, PersonRole

FIRST_NAMES = (
    "Priya", "Tomás", "Grace", "Li", "Amara", "Jonas", "Sofia", "Mateo", "Aisha", "Ben",
    "Chloé", "Dmitri", "Elena", "Farid", "Hana", "Ibrahim", "Julia", "Kenji", "Lena", "Marcus",
    "Nadia", "Oskar", "Paula", "Quentin", "Rosa", "Samuel", "Tara", "Uma", "Victor", "Wen",
    "Yara", "Zoltan", "Alice", "Bruno", "Carmen", "Diego", "Eva", "Felix", "Greta", "Hugo",
    "Ines", "Jamal", "Keiko", "Luca", "Maya", "Nikhil", "Olga", "Pedro", "Rachel", "Sven",
    "Thandiwe", "Valeria", "William", "Xin", "Yusuf", "Zara", "Anders", "Beatriz", "Chen", "Dana",
)  # fmt: skip
LAST_NAMES = (
    "Raman", "Ibáñez", "O'Neill", "Wei", "Okafor", "Lindqvist", "Rossi", "García", "Khan",
    "Müller", "Dubois", "Petrov", "Novak", "Haddad", "Sato", "Nguyen", "Schmidt", "Kowalski",
    "Andersen", "Moreau", "Silva", "Tanaka", "Cohen", "Fischer", "Park", "Ortiz", "Mensah",
    "Johansson", "Bianchi", "Costa", "Ahmed", "Brennan", "Chowdhury", "Dimitrov", "Eriksen",
    "Fontaine", "Gallagher", "Horvath", "Iyer", "Jensen", "Kaur", "Larsen", "Mbeki", "Nakamura",
    "Olsen", "Popescu", "Quinn", "Reyes", "Santos", "Thompson", "Usman", "Van Dijk", "Walsh",
    "Yamamoto", "Zielinski", "Abbott", "Baker", "Castillo", "Delgado", "Evans",
)  # fmt: skip
COMPANY_HEADS = (
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Woodgrove", "Litware",
    "Adventure", "Blue Harbor", "Red Cedar", "Silverline", "Granite", "Lakeshore", "Summit",
    "Brightwater", "Ironbridge", "Maple", "Harborview", "Keystone", "Clearpath", "Bluestone",
    "Oakridge", "Pinecrest", "Riverbend", "Stonegate", "Sunrise", "Trident", "Westfield",
    "Evergreen", "Falcon", "Golden Gate", "Highland", "Meridian", "Nimbus", "Orion", "Pioneer",
    "Quantum", "Redwood", "Sapphire", "Tidewater", "Vanguard", "Willow", "Zenith", "Copperleaf",
    "Alder", "Beacon", "Cobalt", "Driftwood", "Ember", "Foxglove",
)  # fmt: skip
COMPANY_TRADES = (
    "Logistics", "Analytics", "Health", "Robotics", "Energy", "Software", "Foods", "Bank",
    "Insurance", "Media", "Labs", "Systems", "Networks", "Biotech", "Aviation", "Retail",
    "Games", "Security", "Capital", "Mobility", "Materials", "Pharma", "Cloud", "Data",
    "Learning", "Travel", "Telecom", "Devices", "Payments", "Studios", "Semiconductors",
    "Freight", "Farms", "Water", "Solar", "Textiles", "Instruments", "Consulting", "Marine",
    "Outfitters",
)  # fmt: skip
COMPANY_SUFFIXES = ("", "", "", "", "Inc.", "Ltd.", "Group", "Co.", "& Partners", "GmbH", "AG")
JOB_TITLES = (
    "Staff Data Engineer", "Data Platform Lead", "VP Product", "Engineering Manager",
    "Senior Backend Engineer", "Head of Analytics", "Principal Engineer", "Product Manager",
    "Machine Learning Engineer", "Site Reliability Engineer", "Director of Engineering",
    "Solutions Architect", "Data Scientist", "Senior Product Designer", "Tech Lead, Payments",
    "Platform Engineer", "Security Engineer", "QA Lead", "Developer Advocate",
    "Analytics Engineer", "Senior Frontend Engineer", "Infrastructure Manager",
    "Head of Data", "CTO", "Mobile Engineer", "Research Engineer", "Technical Program Manager",
    "Database Administrator", "Customer Success Engineer", "Staff Software Engineer",
)  # fmt: skip
PERSON_TITLES = {
    PersonRole.HIRING_MANAGER: (
        "Director of Engineering", "Engineering Manager", "VP Engineering", "Head of Data",
        "CTO", "Group Product Manager", "Head of Platform", "VP Product",
    ),
    PersonRole.RECRUITER: (
        "Technical Recruiter", "Talent Partner", "HR Business Partner", "Recruiting Lead",
        "Talent Acquisition Manager",
    ),
    PersonRole.INTERVIEWER: (
        "Senior Engineer", "Staff Engineer", "Principal Engineer", "Data Scientist",
        "Product Designer", "Tech Lead",
    ),
    PersonRole.REFERRER: ("Former colleague", "Engineering Manager", "Consultant", "Founder"),
    PersonRole.OTHER: ("Chief of Staff", "Office Manager", "Board member", "Product Owner"),
}  # fmt: skip
CITIES = (
    "Denver", "Austin", "Seattle", "Boston", "Chicago", "Toronto", "Vancouver", "London",
    "Berlin", "Amsterdam", "Dublin", "Paris", "Madrid", "Lisbon", "Stockholm", "Oslo",
    "Copenhagen", "Zürich", "Vienna", "Warsaw", "Prague", "Tel Aviv", "Dubai", "Bangalore",
    "Singapore", "Tokyo", "Seoul", "Sydney", "Melbourne", "Auckland", "São Paulo",
    "Mexico City", "New York", "San Francisco", "Los Angeles", "Atlanta", "Montréal",
    "Edinburgh", "Helsinki", "Nairobi",
)  # fmt: skip
TOPICS = (
    "their new Denver office", "the data platform migration", "the Q3 launch", "their Series C",
    "the conference talk on streaming", "the open-source release", "the reorg in product",
    "the new pricing model", "their hiring freeze", "the move to Kubernetes",
    "the acquisition rumour", "the customer-facing dashboards", "the security audit",
    "their podcast episode", "the hackathon", "the expansion into Europe",
    "the ML ranking project", "the on-call changes", "the warehouse rewrite",
    "the team offsite", "the mobile redesign", "the quarterly results", "the new CTO",
    "their engineering blog post", "the partnership announcement",
)  # fmt: skip
OUT_OPENERS = (
    "Sent the article on", "Shared my write-up about", "Asked how it is going with",
    "Congratulated her on", "Congratulated him on", "Checked in about", "Mentioned",
    "Sent a short note on", "Passed along a talk about", "Asked a question about",
    "Shared a portfolio piece related to", "Followed up on",
)  # fmt: skip
IN_OPENERS = (
    "They wrote back about", "Got a reply mentioning", "They wanted to talk about",
    "Heard from them regarding", "They reached out about", "Quick message back about",
)  # fmt: skip
CLOSERS = (
    ".", ".", "; no reply yet.", "; promised to follow up next month.",
    "; they said things are busy.", "; sounded positive.", "; asked me to check back in spring.",
    "; might have an opening later this year.", "; suggested coffee.",
    "; forwarded it to the team.",
    " — keep it short next time.", "; they liked the example.", "; mentioned a possible referral.",
)  # fmt: skip
ASSESSMENTS = (
    "Strong on system design, weaker on the take-home.", "Good rapport with the manager.",
    "They wanted more people-management experience.", "Loved the culture; comp was low.",
    "Panel went well; lost to an internal candidate.", "Need to brush up on SQL window functions.",
    "Manager seemed genuinely sorry to pass.", "", "", "",
)  # fmt: skip
PROSPECT_NOTES = (
    "Prefers short emails.", "Met at a meetup first.", "Team is growing next year.",
    "Budget freeze until Q2.", "Hiring manager moved teams once already.",
    "Ask about the platform rewrite.", "Send the portfolio piece on pipelines.", "", "", "",
)  # fmt: skip
PERSON_NOTES = (
    "Runs every morning; mention the marathon.", "Two kids, busy on Fridays.",
    "Very direct; appreciates brevity.", "Likes podcasts about leadership.",
    "Former colleague of a friend.", "", "", "", "",
)  # fmt: skip
TAGS = ("remote", "hybrid", "onsite", "fintech", "climate", "startup", "enterprise", "dream")
NEWS = (
    "Opened a {city} office", "Raised a new round", "Announced layoffs", "Launched a new product",
    "Hired a new VP of Engineering", "Won an industry award", "Moved headquarters to {city}",
    "Published an engineering blog post", "Announced a partnership", "Started hiring again",
)  # fmt: skip
CLOSED_NOTES = {
    ClosedReason.HIRED_HERE: ("Accepted their offer!", "Started here."),
    ClosedReason.HIRED_ELSEWHERE: ("Took another job; not looking now.", "Happy elsewhere."),
    ClosedReason.NOT_INTERESTED: ("Culture is not a fit after all.", "Company changed too much."),
    ClosedReason.ASKED_TO_STOP: ("Asked politely to stop reaching out.",),
    ClosedReason.OTHER: ("Company shut down.", "Team dissolved."),
}
