"""Built-in words for keeping in touch: follow-ups, check-ins, something to
read, a work sample, and the note after their hire.

Each fits the channels it names and no other, and never mentions another
channel: the person may not have it.
"""

from __future__ import annotations

from jobfutures_tui.engine.script_builtin import (
    CALL,
    DEAR,
    EMAIL,
    FACE,
    HI,
    LETTER,
    LINKEDIN,
    SHORT,
    VOICEMAIL,
    BuiltIn,
    short,
    written,
)
from jobfutures_tui.models import TouchKind

K = TouchKind

FOLLOW_UPS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "follow-up-no-reply",
        "Follow-up after no reply",
        K.FOLLOW_UP,
        EMAIL,
        "About a week after silence: check the last note arrived, with no pressure.",
        written(
            HI,
            "I wanted to make sure my last note reached you; inboxes fill up fast. There's no "
            "rush at all, and no need for a long answer. How are things at {company} these days?",
            sign="Best,",
        ),
    ),
    BuiltIn(
        "follow-up-nudge",
        "Follow-up: a gentle nudge",
        K.FOLLOW_UP,
        EMAIL,
        "Another way to check a note arrived: brief, light and easy to answer.",
        written(
            HI,
            "I'm bringing my earlier note back to the top of the pile, in case it slipped past "
            "in a busy week. Nothing needs doing; I'd simply enjoy hearing how the team is "
            "getting on. Is it a hectic season at {company}?",
            sign="All the best,",
        ),
    ),
    BuiltIn(
        "follow-up-note",
        "Follow-up: short",
        K.FOLLOW_UP,
        SHORT,
        "A line to check your last message arrived.",
        short(
            "Hi {first_name}, just checking that my last message reached you; no rush at all. "
            "How are things at {company}?"
        ),
    ),
    BuiltIn(
        "follow-up-call",
        "Follow-up call",
        K.FOLLOW_UP,
        CALL,
        "After an unanswered touch: a short call to check it arrived.",
        "Hi {first_name}, it's {my_name}. I got in touch a few days ago and wanted to make sure "
        "it didn't go astray. Nothing urgent; I know how full your days are. Have you got two "
        "minutes now, or is there a better moment?",
    ),
    BuiltIn(
        "follow-up-call-quick",
        "Follow-up call: quick hello",
        K.FOLLOW_UP,
        CALL,
        "A second way to check in after silence, so two calls never sound the same.",
        "Hi {first_name}, {my_name} here; I'll be quick. I'm checking that my last message "
        "reached you, since things get buried; no rush at all. While I have you: how are "
        "things at {company} these days?",
    ),
    BuiltIn(
        "follow-up-voicemail",
        "Follow-up voicemail",
        K.FOLLOW_UP,
        VOICEMAIL,
        "Twenty seconds: who you are, that you're checking your last message arrived.",
        "Hi {first_name}, it's {my_name}. I'm checking that my last message reached you; "
        "nothing urgent at all. If you'd like to talk, I'm on {my_phone}. Have a good week.",
    ),
)

CHECK_INS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "check-in-email",
        "Check-in email",
        K.CHECK_IN,
        EMAIL,
        "A short hello every few weeks or months: interest, their news, one question.",
        written(
            HI,
            "It has been {since} since we talked about the {role} role, and {company} is still "
            "high on my list. I noticed the latest news ({news}). How is it landing with your "
            "team?",
            "No need for a long answer; I simply wanted to say hello.",
            sign="Best wishes,",
            subject="Keeping in touch",
        ),
    ),
    BuiltIn(
        "check-in-their-work",
        "Check-in: their work",
        K.CHECK_IN,
        EMAIL,
        "A check-in that asks about their work, so two in a row never read alike.",
        written(
            HI,
            "I have kept following {company} since our conversations, and the news ({news}) "
            "caught my eye. The work your team does interests me as much as when we met. I'm "
            "curious: what is taking most of your attention this quarter?",
            "I hope the season is treating you well.",
            sign="Warm regards,",
            subject="Hello from {my_first_name}",
        ),
    ),
    BuiltIn(
        "manager-after-recruiter",
        "Manager, after the recruiter",
        K.CHECK_IN,
        EMAIL,
        "Write to the hiring manager directly: recruiters see too many candidates to remember.",
        written(
            HI,
            "Since the {role} interviews I have kept in touch with {company} through the hiring "
            "team, and I wanted you to hear from me directly too: it is still the place I would "
            "most like to work. I saw the news ({news}). How is it shaping your plans for the "
            "team?",
            sign="Best regards,",
        ),
    ),
    BuiltIn(
        "quick-note",
        "Quick note",
        K.CHECK_IN,
        SHORT,
        "Two lines: their news and a question.",
        short(
            "Hi {first_name}, I saw the news from {company} ({news}) and thought of you. How is "
            "it going on your side?"
        ),
    ),
    BuiltIn(
        "check-in-letter",
        "Check-in letter",
        K.CHECK_IN,
        LETTER,
        "When paper is the only way to reach them: interest, their news, one question.",
        written(
            DEAR,
            "It has been {since} since we met about the {role} role, and I still follow "
            "{company} with real interest; the news ({news}) was good to see. I'd enjoy hearing "
            "how it has changed things for you and the team.",
            "What are you looking forward to this year?",
            sign="With best wishes,",
        ),
    ),
    BuiltIn(
        "call-opener",
        "Call opener",
        K.CHECK_IN,
        CALL,
        "Open a check-in call: why you call, your interest, their news, one question.",
        "Hi {first_name}, it's {my_name}; we met about the {role} role. Have you got two "
        "minutes? I'm calling to stay in touch, because {company} is still the company I would "
        "most like to join. I saw the news ({news}). How is that changing things for your team?",
    ),
    BuiltIn(
        "call-opener-their-work",
        "Call opener: their work",
        K.CHECK_IN,
        CALL,
        "A second opener, so two calls in a row never sound the same.",
        "Hi {first_name}, {my_name} here; we spoke about the {role} role a while back. I won't "
        "keep you long. I have kept following {company} (most recently: {news}), and I'm as "
        "keen on it as ever. I'm curious: what is your team most focused on this quarter?",
    ),
    BuiltIn(
        "voicemail",
        "Voicemail",
        K.CHECK_IN,
        VOICEMAIL,
        "Twenty seconds: who you are, why you called, something of theirs you noticed.",
        "Hi {first_name}, it's {my_name}, from the {role} interviews. Nothing urgent: I'm just "
        "keeping in touch. I saw the news from {company} ({news}) and would love to hear how "
        "it's going for your team. I'm on {my_phone} whenever it suits you. Have a good week.",
    ),
    BuiltIn(
        "check-in-coffee",
        "Over a coffee",
        K.CHECK_IN,
        FACE,
        "Meeting in person: open warmly, ask about them, and mind the clock.",
        "Hi {first_name}, it's {my_first_name}; thank you for making the time. I have kept "
        "following {company}, and the news ({news}) caught my eye. How has it changed things for "
        "your team? I'm as interested in {company} as when we met, so I'd love to hear where it's "
        "heading. I'll keep an eye on the time; I know your day is full.",
    ),
)

SHARING: tuple[BuiltIn, ...] = (
    BuiltIn(
        "share-article",
        "Sharing an article or event",
        K.VALUE_SHARE,
        EMAIL,
        "Bring something of value: an article or an event that fits their work.",
        written(
            HI,
            "I came across “{to_share}” ({link}) and thought of you, given what your team "
            "works on at {company}. Does it match what you are seeing?",
            "I'm still following {company} with interest. No reply needed if the week is busy.",
            sign="Best,",
            subject="Thought of you: {to_share}",
        ),
    ),
    BuiltIn(
        "share-after-news",
        "Sharing after their news",
        K.VALUE_SHARE,
        EMAIL,
        "Tie something worth reading to their latest news, and ask what they make of it.",
        written(
            HI,
            "Your news ({news}) set me thinking, and “{to_share}” ({link}) seemed worth "
            "passing on: it looks at a similar problem from another angle. I'd be curious "
            "whether any of it would hold at {company}. What do you make of it?",
            sign="All the best,",
            subject="An idea after your news",
        ),
    ),
    BuiltIn(
        "share-note",
        "Sharing: short",
        K.VALUE_SHARE,
        LINKEDIN,
        "Something worth reading, in two lines with the link.",
        short(
            "Hi {first_name}, this made me think of your team at {company}: “{to_share}” "
            "({link}). Does it match what you are seeing?"
        ),
    ),
    BuiltIn(
        "share-letter",
        "Sharing: a copy by post",
        K.VALUE_SHARE,
        LETTER,
        "A printed copy of something worth reading, with a line on why you thought of them.",
        written(
            DEAR,
            "I came across “{to_share}” and have enclosed a copy, since it seemed close to "
            "what your team at {company} works on. I still follow {company} with interest "
            "(most recently: {news}).",
            "Does it match what you are seeing?",
            sign="With best wishes,",
        ),
    ),
    BuiltIn(
        "work-sample",
        "Sending a work sample",
        K.WORK_SAMPLE,
        EMAIL,
        "Show your work: a short piece close to their problems, with a question.",
        written(
            HI,
            "I recently finished “{to_share}” and have attached it. It is close to the "
            "problems we discussed for the {role} role, so I thought you might like to see how "
            "I went about it. I'd value your view: what would you have done differently?",
            sign="Best regards,",
            subject="Some recent work: {to_share}",
        ),
    ),
    BuiltIn(
        "work-sample-letter",
        "Sending a work sample by post",
        K.WORK_SAMPLE,
        LETTER,
        "A printed piece of your work, close to their problems, with a question.",
        written(
            DEAR,
            "I've enclosed “{to_share}”, a piece of recent work close to what we discussed "
            "for the {role} role. I thought you might enjoy seeing how I went about it, and I "
            "would value your view: what would you have done differently?",
            "I'm still following {company} with real interest.",
            sign="With best wishes,",
        ),
    ),
    BuiltIn(
        "work-sample-note",
        "Work sample: short",
        K.WORK_SAMPLE,
        LINKEDIN,
        "A link to your work and one question, in two lines.",
        short(
            "Hi {first_name}, I recently finished “{to_share}” ({link}); it is close to the "
            "problems we discussed for the {role} role. What would you have done differently?"
        ),
    ),
)

AFTER_HIRES: tuple[BuiltIn, ...] = (
    BuiltIn(
        "after-the-hire",
        "After they hired someone else",
        K.AFTER_HIRE,
        EMAIL,
        "Three or four months after the hire: hope it works out; show you still follow them.",
        written(
            HI,
            "It has been a few months since the {role} role was filled, and I hope the new "
            "hire has settled in well. I have kept following {company} (most recently: {news}), "
            "and my interest hasn't faded. How is the team finding this year so far?",
            sign="All the best,",
            subject="A quick hello",
        ),
    ),
    BuiltIn(
        "after-hire",
        "After the hire: their year",
        K.AFTER_HIRE,
        EMAIL,
        "Another note for months after their hire, so the next one reads differently.",
        written(
            HI,
            "I was thinking back to our conversations about the {role} role, and I hope it has "
            "gone well with the person you chose. {company} is still a company I admire, and "
            "the news ({news}) was good to see. What has the team taken on since?",
            sign="Best wishes,",
            subject="Checking in after a few months",
        ),
    ),
    BuiltIn(
        "after-hire-note",
        "After the hire: short",
        K.AFTER_HIRE,
        LINKEDIN,
        "Two lines, months after their hire: good wishes and a question.",
        short(
            "Hi {first_name}, I hope the {role} hire has settled in and the team is having a "
            "good year. I still follow {company} with interest. What are you working on these "
            "days?"
        ),
    ),
    BuiltIn(
        "after-hire-letter",
        "After the hire: by post",
        K.AFTER_HIRE,
        LETTER,
        "Months after their hire, on paper: good wishes, your interest, one question.",
        written(
            DEAR,
            "A few months have passed since the {role} role was filled, and I hope the person "
            "you chose has turned out to be a fine fit for the team. I still follow {company} "
            "with interest (most recently: {news}).",
            "What has the year brought for the team?",
            sign="With best wishes,",
        ),
    ),
)

KEEPING_IN_TOUCH = (*FOLLOW_UPS, *CHECK_INS, *SHARING, *AFTER_HIRES)
"""Every built-in for keeping in touch, in the order a relationship meets them."""
