"""The built-in sample data behind ``jobfutures --demo``, tests and screenshots.

Everything is fictional and dated relative to ``today``, so the board always
looks lived-in: some job futures were touched a few days ago, others weeks or
months ago. For a given ``today`` the result is the same to the last field
(ids come from names, timestamps from ``today``), which keeps tests and
screenshots reproducible.

The story: the seeker, Sam Ortiz, a data engineer in Denver, declined an offer
at Woodgrove Bank about eleven months ago to join a startup, and has kept
tending the companies that liked them ever since. One of those long games
(Fourth Coffee) has just turned into an offer. Two people at Northwind live in
Denver too, so they can be met in person.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any

import pendulum

from jobfutures_tui.engine.history import they_replied
from jobfutures_tui.engine.script_library import LIBRARY, builtin, builtin_script
from jobfutures_tui.engine.scripts import fitting
from jobfutures_tui.models import (
    Channel,
    ClosedReason,
    Company,
    Direction,
    NewsItem,
    Origin,
    Outcome,
    Person,
    PersonRole,
    Profile,
    Prospect,
    Record,
    Script,
    Shareable,
    ShareKind,
    Stage,
    Touch,
    TouchKind,
)
from jobfutures_tui.models.dates import UTC, to_date
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store import Repository

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://jobfutures.example/demo")
"""Demo ids are uuid5 of a readable key in this namespace."""

# Shorthands keep the tables below readable.
CALL, VOICEMAIL, EMAIL = Channel.CALL, Channel.VOICEMAIL, Channel.EMAIL
IN_PERSON, LINKEDIN, TEXT, LETTER = (
    Channel.IN_PERSON,
    Channel.LINKEDIN,
    Channel.TEXT,
    Channel.LETTER,
)
NO_ANSWER, LEFT_VM, SENT = Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL, Outcome.SENT
REPLIED, TALKED = Outcome.REPLIED, Outcome.CONVERSATION
REFERRAL, OPENING, STOP = Outcome.REFERRAL_GIVEN, Outcome.OPENING_MENTIONED, Outcome.ASKED_TO_STOP
IN = Direction.IN
HM, RECRUITER, INTERVIEWER = (
    PersonRole.HIRING_MANAGER,
    PersonRole.RECRUITER,
    PersonRole.INTERVIEWER,
)
REFERRER, OTHER = PersonRole.REFERRER, PersonRole.OTHER


def demo_id(kind: str, name: str) -> str:
    """The stable id of a demo record, e.g. ``demo_id("company", "Contoso, Ltd.")``."""
    return uuid.uuid5(NAMESPACE, f"{kind}:{name}").hex


@dataclass(frozen=True, slots=True)
class _T:
    """One touch: ``days`` ago, with whom, how, what came of it, and a note."""

    days: int
    who: str
    channel: Channel
    outcome: Outcome
    note: str
    direction: Direction = Direction.OUT
    shared: tuple[str, ...] = ()
    script: str | None = None
    """The key of the built-in script used (see rules/script_library.py)."""


_KINDS: tuple[tuple[tuple[str, ...], TouchKind], ...] = (
    (("introduction to", "for the introduction", "passing my name"), TouchKind.REFERRER_THANKS),
    (("introduced myself",), TouchKind.INTRODUCTION),
    (("thank", "merci"), TouchKind.THANK_YOU),
    (("hoped the new",), TouchKind.AFTER_HIRE),
    (("to check", "make sure", "checked the"), TouchKind.FOLLOW_UP),
    (
        ("write-up", "case study", "demo ", "dashboard", "slides", "sketch", "template"),
        TouchKind.WORK_SAMPLE,
    ),
    (
        (
            "article",
            "talk",
            "share",
            "invite",
            "invitation",
            "link",
            "paper",
            "post",
            "piece",
            "idea",
            "chart",
            "notes",
        ),
        TouchKind.VALUE_SHARE,
    ),
    (
        ("congratulat", "cheered", "how the", "caught up", "about the new", "told "),
        TouchKind.CHECK_IN,
    ),
)
"""What a demo touch of yours was for, read from its note (the first that matches):
the notes say it in words, so the figures by kind and by script have something to
show. Meetings and calls that became conversations are left without a kind."""
_WORDS_SENT = {EMAIL, LINKEDIN, TEXT, LETTER, VOICEMAIL}
"""Channels whose touch carries words a script gives (a meeting, a call: talk)."""


def _kind_of(spec: _T) -> TouchKind | None:
    if spec.direction is not Direction.OUT or spec.channel is IN_PERSON:
        return None
    if spec.script:
        return builtin(spec.script).kind  # type: ignore[union-attr]
    if spec.channel is CALL and spec.outcome is not NO_ANSWER:
        return None  # a conversation: what it was for is in the talk, not a plan
    note = spec.note.casefold()
    return next((kind for words, kind in _KINDS if any(w in note for w in words)), None)


@functools.cache
def _shipped() -> tuple[Script, ...]:
    return tuple(builtin_script(item) for item in LIBRARY)


def _script_for(kind: TouchKind | None, spec: _T, stage: Stage, origin: Origin) -> str | None:
    """The built-in the app would have offered for it (engine/scripts.py, fitting)."""
    if kind is None or spec.channel not in _WORDS_SENT:
        return None
    found = fitting(_shipped(), kind=kind, channel=spec.channel, stage=stage, origin=origin)
    fits = [s for s in found if not s.channels or spec.channel in s.channels]
    return fits[0].id if fits else None


class _Builder:
    def __init__(self, today: pendulum.Date) -> None:
        self.today = today
        self.companies: dict[str, Company] = {}
        self.people: dict[str, Person] = {}
        self.prospects: list[Prospect] = []
        self.touches: list[Touch] = []
        self.shareables: list[Shareable] = []
        self.profile: Profile | None = None

    # ------------------------------------------------------------ time

    def day(self, days_ago: int) -> pendulum.Date:
        return self.today.subtract(days=days_ago)

    def at(self, days_ago: int, slot: int = 0) -> pendulum.DateTime:
        """An instant ``days_ago`` days back, during working hours (UTC)."""
        day = self.day(days_ago)
        hour = 14 + (slot * 5) % 7
        minute = (slot * 7) % 4 * 15
        return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=UTC)

    # ------------------------------------------------------------ records

    def company(
        self,
        name: str,
        website: str,
        began: int,
        notes: str = "",
        news: tuple[tuple[int, str], ...] = (),
        people: tuple[dict[str, Any], ...] = (),
    ) -> None:
        created = self.at(began, 6)
        items = tuple(NewsItem(on=self.day(ago), text=text) for ago, text in news)
        latest_news = min([began, *(ago for ago, _ in news)])
        company_id = demo_id("company", name)
        self.companies[name] = Company(
            id=company_id,
            created_at=created,
            updated_at=self.at(latest_news, 6),
            name=name,
            website=website,
            notes=notes,
            news=items,
        )
        for fields in people:
            person = Person(
                id=demo_id("person", fields["name"]),
                created_at=created,
                updated_at=created,
                company_id=company_id,
                **fields,
            )
            self.people[person.name] = person

    def prospect(
        self,
        company: str,
        people: tuple[str, ...],
        role: str,
        stage: Stage,
        origin: Origin,
        began: int,
        touches: tuple[_T, ...],
        *,
        moved: int | None = None,
        referred_by: str | None = None,
        self_assessment: str = "",
        notes: str = "",
        tags: tuple[str, ...] = (),
        closed_reason: ClosedReason | None = None,
        closed_note: str = "",
    ) -> None:
        prospect_id = demo_id("prospect", company)
        created = self.at(began, 6)
        stage_changed = self.at(began if moved is None else moved, 3)
        logged = []
        for index, spec in enumerate(sorted(touches, key=lambda t: -t.days)):
            at = self.at(spec.days, len(self.touches) + index)
            logged.append(
                Touch(
                    id=demo_id("touch", f"{company}:{index}"),
                    created_at=at,
                    updated_at=at,
                    prospect_id=prospect_id,
                    person_id=self.people[spec.who].id,
                    at=at,
                    channel=spec.channel,
                    direction=spec.direction,
                    outcome=spec.outcome,
                    note=spec.note,
                    shared=spec.shared,
                    kind=(kind := _kind_of(spec)),
                    script_id=f"builtin-{spec.script}"
                    if spec.script
                    else _script_for(kind, spec, stage, origin),
                    replied=they_replied(spec.direction, spec.outcome),
                )
            )
        self.touches.extend(logged)
        updated = max([created, stage_changed, *(t.at for t in logged)])
        self.prospects.append(
            Prospect(
                id=prospect_id,
                created_at=created,
                updated_at=updated,
                company_id=self.companies[company].id,
                person_ids=tuple(self.people[name].id for name in people),
                role=role,
                stage=stage,
                origin=origin,
                began_on=self.day(began),
                referred_by_id=self.people[referred_by].id if referred_by else None,
                self_assessment=self_assessment,
                notes=notes,
                tags=tags,
                closed_reason=closed_reason,
                closed_note=closed_note,
                stage_changed_at=stage_changed,
            )
        )

    def shareable(self, title: str, kind: ShareKind, link: str, added: int) -> None:
        at = self.at(added, 4)
        self.shareables.append(
            Shareable(
                id=demo_id("shareable", title),
                created_at=at,
                updated_at=at,
                title=title,
                kind=kind,
                link=link,
            )
        )

    def records(self) -> list[Record]:
        return [
            *([self.profile] if self.profile is not None else []),
            *self.shareables,
            *self.companies.values(),
            *self.people.values(),
            *self.prospects,
            *self.touches,
        ]


def build_demo(today: pendulum.Date | None = None) -> list[Record]:
    """The sample data set: companies, people, job futures, then touches.

    Deterministic for a given ``today`` (default: today where the user is);
    no touch is later than two days before ``today`` or older than 18 months.
    """
    day = local_today() if today is None else to_date(today)
    builder = _Builder(day)
    _profile(builder)
    _companies(builder)
    _prospects(builder)
    _library(builder)
    return builder.records()


def populate(repo: Repository, today: pendulum.Date | None = None) -> None:
    """Save the whole sample data set into ``repo`` in one batch."""
    repo.save(*build_demo(today))


# ---------------------------------------------------------------- the seeker


CITY = "Denver"
"""Where the seeker lives, as some of the demo's people do."""


def _profile(b: _Builder) -> None:
    b.profile = Profile(
        created_at=b.at(420, 1),
        updated_at=b.at(30, 1),
        name="Sam Ortiz",
        signature="Sam Ortiz\nData engineer · Denver\n+1 720 555 0199",
        email="sam.ortiz@mail.example",
        other_emails=("sam@ortiz.example",),
        phone="+1 720 555 0199",
        linkedin="https://linkedin.example/in/sam-ortiz",
        city=CITY,
        pitch="Data engineer who makes pipelines boring and dashboards trustworthy",
        asked=True,
    )


# ---------------------------------------------------------------- things to share


def _library(b: _Builder) -> None:
    """What the seeker has to send: every item their touches shared (added the day
    it was first sent), and two not sent to anyone yet."""
    seen: set[str] = set()
    for touch in sorted(b.touches, key=lambda t: t.at):
        for title in touch.shared:
            if title not in seen:
                seen.add(title)
                kind = _SHARE_KINDS.get(title.split(":")[0], ShareKind.WORK_SAMPLE)
                b.shareable(title, kind, "", (b.today - touch.at.date()).days)
    b.shareable(
        "Talk: streaming joins without tears", ShareKind.EVENT, "https://example.com/joins", 6
    )
    b.shareable(
        "Portfolio: a lakehouse cost model", ShareKind.WORK_SAMPLE, "~/portfolio/costs.pdf", 4
    )


_SHARE_KINDS = {
    "Article": ShareKind.ARTICLE,
    "Paper": ShareKind.ARTICLE,
    "Post": ShareKind.ARTICLE,
    "Event": ShareKind.EVENT,
}


# ---------------------------------------------------------------- companies


def _companies(b: _Builder) -> None:
    b.company(
        "Northwind Logistics",
        "https://northwind.example",
        began=38,
        notes="Regional freight and warehousing. The data team sits inside operations, "
        "so the work is close to the trucks.",
        news=(
            (20, "Opened a new distribution hub in Denver"),
            (70, "Started same-day delivery in three more cities"),
        ),
        people=(
            dict(
                name="Priya Raman",
                title="Director of Engineering",
                role=HM,
                phone="+1 303 555 0142",
                email="priya.raman@northwind.example",
                linkedin="https://linkedin.example/in/priya-raman",
                city=CITY,
                notes="Thinks in whiteboard diagrams. Loves a good routing puzzle.",
            ),
            dict(
                name="Marcus Bell",
                title="Senior Technical Recruiter",
                role=RECRUITER,
                email="marcus.bell@northwind.example",
                city="Chicago",
            ),
            dict(
                name="Dana Whitfield",
                title="Principal Engineer",
                role=INTERVIEWER,
                linkedin="https://linkedin.example/in/dana-whitfield",
                city=CITY,
                notes="Ran the pairing exercise. Big fan of DuckDB.",
            ),
        ),
    )
    b.company(
        "Contoso, Ltd.",
        "https://contoso.example",
        began=160,
        notes="Large retailer with a serious data platform group. They promote from "
        "inside a lot, which cost me this round.",
        news=((45, "Moved its analytics stack onto a lakehouse"),),
        people=(
            dict(
                name="Tomás Ibáñez",
                title="Head of Data Platform",
                role=HM,
                phone="+1 206 555 0117",
                email="tomas.ibanez@contoso.example",
                linkedin="https://linkedin.example/in/tomas-ibanez",
                city="Seattle",
                address="Contoso, Ltd.\nAttn: Tomás Ibáñez\n1 Contoso Way\nSeattle, WA 98109",
                notes="Generous with introductions. Cycles to work, rain or shine.",
            ),
            dict(
                name="Aisha Khan",
                title="Talent Partner",
                role=RECRUITER,
                email="aisha.khan@contoso.example",
                city="Seattle",
            ),
        ),
    )
    b.company(
        "Fabrikam",
        "https://fabrikam.example",
        began=48,
        notes="Consumer hardware with a fast-growing app. Building a product analytics "
        "team from scratch.",
        news=((12, "Announced a Series C to expand its smart-home line"),),
        people=(
            dict(
                name="Zoë O'Neill",
                title="VP Product",
                role=HM,
                preferred_channel=EMAIL,
                email="zoe.oneill@fabrikam.example",
                linkedin="https://linkedin.example/in/zoe-oneill",
                city="Portland",
                notes="Prefers email; answers late in the evening.",
            ),
            dict(
                name="Inês Carvalho",
                title="People Partner",
                role=RECRUITER,
                email="ines.carvalho@fabrikam.example",
                linkedin="https://linkedin.example/in/ines-carvalho",
            ),
        ),
    )
    b.company(
        "Tailspin Toys",
        "https://tailspintoys.example",
        began=65,
        notes="Toys with firmware in them. Small engineering org, big ambitions.",
        news=(
            (90, "Raised a Series C to grow its STEM kits"),
            (30, "Launched a companion app for its kite kits"),
        ),
        people=(
            dict(
                name="Li Wei",
                title="VP Engineering",
                role=HM,
                preferred_channel=CALL,
                phone="+1 415 555 0163",
                email="li.wei@tailspintoys.example",
                city="San Francisco",
                notes="Would rather talk than write. Calls back within the day.",
            ),
            dict(
                name="Jordan Hayes",
                title="Recruiting Lead",
                role=RECRUITER,
                phone="+1 415 555 0188",
                email="jordan.hayes@tailspintoys.example",
            ),
            dict(
                name="Mei Chen",
                title="Staff Engineer",
                role=INTERVIEWER,
                city="San Francisco",
            ),
        ),
    )
    b.company(
        "Wingtip Aviation",
        "https://wingtip.example",
        began=210,
        notes="Charter airline with a small data group. I never learned who the data lead is.",
        people=(
            dict(
                name="Beatriz Santos",
                title="Talent Acquisition Partner",
                role=RECRUITER,
                email="beatriz.santos@wingtip.example",
                linkedin="https://linkedin.example/in/beatriz-santos",
                city="Phoenix",
            ),
        ),
    )
    b.company(
        "Woodgrove Bank",
        "https://woodgrovebank.example",
        began=330,
        notes="I turned down their offer to join the startup. Left on very good terms.",
        news=(
            (100, "Launched real-time fraud scoring for card payments"),
            (240, "Promoted Nadia Haddad to Director of Data Engineering"),
        ),
        people=(
            dict(
                name="Nadia Haddad",
                title="Director of Data Engineering",
                role=HM,
                phone="+1 212 555 0129",
                email="nadia.haddad@woodgrovebank.example",
                linkedin="https://linkedin.example/in/nadia-haddad",
                city="New York",
                address="Woodgrove Bank\nAttn: Nadia Haddad\n250 Park Ave\nNew York, NY 10177",
                notes="Knows everyone in fintech data. Runs a book club for her team.",
            ),
            dict(
                name="Greg Olsen",
                title="Engineering Manager",
                role=INTERVIEWER,
                email="greg.olsen@woodgrovebank.example",
                city="New York",
            ),
        ),
    )
    b.company(
        "Litware",
        "https://litware.example",
        began=120,
        notes="B2B software, about 200 people. Wants an analytics engineering team "
        "once the budget allows.",
        people=(
            dict(
                name="Owen Fitzgerald",
                title="CTO",
                role=HM,
                phone="+1 617 555 0171",
                email="owen@litware.example",
                city="Boston",
            ),
            dict(
                name="Sofia Rossi",
                title="Senior Recruiter",
                role=RECRUITER,
                preferred_channel=LINKEDIN,
                linkedin="https://linkedin.example/in/sofia-rossi",
                city="Boston",
            ),
        ),
    )
    b.company(
        "Adventure Works",
        "https://adventure-works.example",
        began=280,
        notes="Outdoor gear, strong e-commerce team.",
        news=((130, "Bought a bike-rental startup"),),
        people=(
            dict(
                name="Hiroshi Tanaka",
                title="Engineering Director",
                role=HM,
                phone="+1 503 555 0135",
                email="hiroshi.tanaka@adventure-works.example",
                city="Portland",
                address="Adventure Works\n88 Trailhead Rd\nPortland, OR 97205",
                notes="Straight talker. Gave the most useful feedback of any interview.",
            ),
            dict(
                name="Chloe Martin",
                title="Senior Data Engineer",
                role=INTERVIEWER,
                linkedin="https://linkedin.example/in/chloe-martin",
            ),
        ),
    )
    b.company(
        "Alpine Ski House",
        "https://alpineskihouse.example",
        began=16,
        notes="Resort group. Ticketing and lift data are a mess they know about.",
        news=((25, "Rolled its lift-ticket app out to every resort"),),
        people=(
            dict(
                name="Erik Lindqvist",
                title="Head of Engineering",
                role=HM,
                email="erik.lindqvist@alpineskihouse.example",
                city="Salt Lake City",
            ),
            dict(
                name="Hana Kim",
                title="HR Generalist",
                role=RECRUITER,
                linkedin="https://linkedin.example/in/hana-kim",
            ),
        ),
    )
    b.company(
        "Coho Winery",
        "https://cohowinery.example",
        began=500,
        notes="Family winery with a growing online shop.",
        people=(
            dict(
                name="Gabriel Moreau",
                title="Founder & CEO",
                role=HM,
                phone="+1 707 555 0154",
                email="gabriel@cohowinery.example",
                city="Napa",
            ),
        ),
    )
    b.company(
        "Proseware",
        "https://proseware.example",
        began=44,
        notes="Developer tools. Consolidating three warehouses into one.",
        people=(
            dict(
                name="Amara Okafor",
                title="VP Engineering",
                role=HM,
                email="amara.okafor@proseware.example",
                linkedin="https://linkedin.example/in/amara-okafor",
                city="Austin",
            ),
            dict(
                name="Ben Carter",
                title="Staff Engineer",
                role=REFERRER,
                preferred_channel=TEXT,
                phone="+1 512 555 0110",
                city="Austin",
                notes="Worked together at my old job. Happy to vouch for me.",
            ),
        ),
    )
    b.company(
        "Lucerne Publishing",
        "https://lucernepublishing.example",
        began=420,
        notes="Publisher moving its catalogue and royalties systems to the cloud.",
        news=((150, "Signed a distribution deal for audiobooks"),),
        people=(
            dict(
                name="Clara Vogel",
                title="Director of Digital",
                role=HM,
                preferred_channel=EMAIL,
                email="clara.vogel@lucernepublishing.example",
                city="New York",
                notes="Email only, she says; her calendar is wall-to-wall.",
            ),
            dict(
                name="Peter Novak",
                title="Data Engineer",
                role=INTERVIEWER,
            ),
        ),
    )
    b.company(
        "Trey Research",
        "https://treyresearch.example",
        began=75,
        notes="Applied ML lab doing contract research. Needs platform help badly.",
        people=(
            dict(
                name="Samuel Adeyemi",
                title="Research Engineering Manager",
                role=HM,
                phone="+1 919 555 0146",
                email="samuel.adeyemi@treyresearch.example",
                city="Raleigh",
            ),
            dict(
                name="Yuki Sato",
                title="Research Scientist",
                role=INTERVIEWER,
                linkedin="https://linkedin.example/in/yuki-sato",
            ),
        ),
    )
    b.company(
        "Wide World Importers",
        "https://wideworldimporters.example",
        began=370,
        notes="Importer with a big supply-chain analytics group.",
        news=((200, "Opened a bonded warehouse near the Port of Savannah"),),
        people=(
            dict(
                name="Rosa Delgado",
                title="Director of Supply Chain Analytics",
                role=HM,
                phone="+1 912 555 0193",
                email="rosa.delgado@wideworldimporters.example",
                city="Savannah",
                address="Wide World Importers\n2100 Harbor Blvd\nSavannah, GA 31401",
            ),
            dict(
                name="Mike Turner",
                title="Recruiter",
                role=RECRUITER,
                email="mike.turner@wideworldimporters.example",
            ),
        ),
    )
    b.company(
        "Blue Yonder Airlines",
        "https://blueyonder.example",
        began=80,
        notes="Mid-size airline rebuilding its data platform after a messy merger.",
        news=(
            (60, "Finished merging its two loyalty programmes"),
            (15, "Announced new routes to Lisbon and Reykjavík"),
        ),
        people=(
            dict(
                name="Daniel Reyes",
                title="VP Data",
                role=HM,
                phone="+1 214 555 0121",
                email="daniel.reyes@blueyonder.example",
                linkedin="https://linkedin.example/in/daniel-reyes",
                city="Dallas",
            ),
            dict(
                name="Hannah Brooks",
                title="Senior Data Engineer",
                role=REFERRER,
                linkedin="https://linkedin.example/in/hannah-brooks",
                city="Dallas",
                notes="We met at a meetup years ago. She put in a good word with Daniel.",
            ),
            dict(
                name="Olivia Grant",
                title="Chief of Staff to the VP Data",
                role=OTHER,
                email="olivia.grant@blueyonder.example",
                city="Dallas",
                notes="Keeps Daniel's calendar. Kind, organised, replies fast.",
            ),
        ),
    )
    b.company(
        "Margie's Travel",
        "https://margiestravel.example",
        began=450,
        notes="Travel agency going online-first.",
        people=(
            dict(
                name="Kevin Walsh",
                title="Engineering Manager",
                role=HM,
                email="kevin.walsh@margiestravel.example",
                city="Miami",
                do_not_contact=True,
                notes="Asked me not to contact him again. Respect that.",
            ),
        ),
    )
    b.company(
        "Humongous Insurance",
        "https://humongousinsurance.example",
        began=240,
        notes="Insurer modernising claims data. Slow to hire, but they stay put once they do.",
        news=((110, "Moved claims processing to a new cloud platform"),),
        people=(
            dict(
                name="Grace Liu",
                title="Head of Data Engineering",
                role=HM,
                phone="+1 860 555 0138",
                email="grace.liu@humongousinsurance.example",
                city="Hartford",
                address="Humongous Insurance\n1 Constitution Plaza\nHartford, CT 06103",
            ),
            dict(
                name="Noah Schmidt",
                title="Senior Data Engineer",
                role=INTERVIEWER,
                linkedin="https://linkedin.example/in/noah-schmidt",
                notes="Used to work at Relecloud; still friends with the founders.",
            ),
        ),
    )
    b.company(
        "Fourth Coffee",
        "https://fourthcoffee.example",
        began=480,
        notes="Coffee chain with 140 shops and a loyalty app. The long game paid off here.",
        news=(
            (200, "Opened a flagship roastery downtown"),
            (50, "Passed two million loyalty app members"),
        ),
        people=(
            dict(
                name="Jamal Washington",
                title="COO",
                role=HM,
                phone="+1 206 555 0175",
                email="jamal.washington@fourthcoffee.example",
                linkedin="https://linkedin.example/in/jamal-washington",
                city="Seattle",
                notes="Remembers every detail of a conversation. Takes his espresso short.",
            ),
            dict(
                name="Emily Rhodes",
                title="People Operations Lead",
                role=RECRUITER,
                email="emily.rhodes@fourthcoffee.example",
                city="Seattle",
            ),
        ),
    )
    b.company(
        "Relecloud",
        "https://relecloud.example",
        began=92,
        notes="Twenty-person cloud startup. Wants someone to own the data product end to end.",
        news=((40, "Closed a seed extension led by a climate fund"),),
        people=(
            dict(
                name="Marisol Vega",
                title="Co-founder & CEO",
                role=HM,
                preferred_channel=TEXT,
                phone="+1 720 555 0150",
                email="marisol@relecloud.example",
                city="Boulder",
                notes="Texts first, talks later.",
            ),
            dict(
                name="Arjun Mehta",
                title="Co-founder & CTO",
                role=INTERVIEWER,
                email="arjun@relecloud.example",
                city="Boulder",
            ),
        ),
    )
    b.company(
        "Initech [Labs]",
        "https://initech-labs.example",
        began=52,
        notes="The R&D spin-off of Initech. Yes, the brackets are part of the name.",
        people=(
            dict(
                name="Joanna Park",
                title="Engineering Manager, Data",
                role=HM,
                phone="+1 512 555 0184",
                email="joanna.park@initech-labs.example",
                city="Austin",
            ),
            dict(
                name="Stan Whitaker",
                title="Recruiter [contract]",
                role=RECRUITER,
                email="stan.whitaker@initech-labs.example",
            ),
        ),
    )
    b.company(
        "Café Olé Roasters",
        "https://cafeole.example",
        began=190,
        notes="Specialty roaster selling to cafés and by subscription. Small and friendly.",
        news=((95, "Started shipping subscriptions to Canada ☕"),),
        people=(
            dict(
                name="Renée Dubois",
                title="Head of Operations",
                role=HM,
                email="renee@cafeole.example",
                linkedin="https://linkedin.example/in/renee-dubois",
                city="Montréal",
            ),
            dict(
                name="Luis Ortega",
                title="Roastmaster",
                role=OTHER,
                city="Montréal",
                notes="Showed me the roasting logs. Would be my best ally there.",
            ),
        ),
    )
    b.company(
        "Tailwind Traders",
        "https://tailwindtraders.example",
        began=300,
        notes="Home-improvement retailer. Data team of thirty, well run.",
        news=((75, "Opened its first store in Canada"),),
        people=(
            dict(
                name="Kwame Mensah",
                title="Engineering Director",
                role=HM,
                preferred_channel=LINKEDIN,
                linkedin="https://linkedin.example/in/kwame-mensah",
                email="kwame.mensah@tailwindtraders.example",
                city="Atlanta",
                notes="Lives on LinkedIn; answers there before email.",
            ),
            dict(
                name="Sara Lindgren",
                title="Recruiting Manager",
                role=RECRUITER,
                phone="+1 404 555 0197",
                email="sara.lindgren@tailwindtraders.example",
            ),
        ),
    )
    b.company(
        "A. Datum Corporation",
        "https://adatum.example",
        began=520,
        notes="Market research firm. The role meant moving to Singapore.",
        people=(
            dict(
                name="Kenji Watanabe",
                title="CTO",
                role=HM,
                email="kenji.watanabe@adatum.example",
                linkedin="https://linkedin.example/in/kenji-watanabe",
                city="Singapore",
            ),
        ),
    )


# ---------------------------------------------------------------- job futures


def _prospects(b: _Builder) -> None:
    _interviewed(b)
    _rejected_but_warm(b)
    _referrals(b)
    _offers(b)
    _archived(b)


# The touch tables below read best one touch per short block, so the formatter
# leaves them alone.
# fmt: off


def _interviewed(b: _Builder) -> None:
    b.prospect(
        "Northwind Logistics",
        ("Priya Raman", "Dana Whitfield", "Marcus Bell"),
        "Staff Data Engineer",
        Stage.INTERVIEWED,
        Origin.INTERVIEWED,
        began=38,
        notes="Final round went well. Headcount depends on next quarter's plan.",
        tags=("logistics", "dream-company"),
        touches=(
            _T(37, "Priya Raman", EMAIL, SENT,
               "Thank-you after the onsite. Said the routing problem stuck with me "
               "and that I'd gladly hear about any other data roles.",
               script="thank-you-interview"),
            _T(36, "Dana Whitfield", LINKEDIN, REPLIED,
               "Thanked Dana for the pairing session and sent the DuckDB benchmark "
               "we talked about. She sent back a paper on join ordering.",
               shared=("DuckDB vs. Spark benchmark notes",)),
            _T(22, "Priya Raman", VOICEMAIL, LEFT_VM,
               "Quick message congratulating the team on the Denver hub. Offered my "
               "notes on cross-dock scheduling.", script="voicemail"),
            _T(15, "Priya Raman", EMAIL, REPLIED,
               "Priya wrote back: still waiting on headcount, and yes please to the "
               "cross-dock notes.", direction=IN),
            _T(12, "Priya Raman", EMAIL, SENT,
               "Sent the four-page cross-dock write-up with a two-line cover note. "
               "No ask attached.",
               shared=("Cross-dock scheduling write-up",), script="work-sample"),
        ),
    )
    b.prospect(
        "Litware",
        ("Owen Fitzgerald", "Sofia Rossi"),
        "Analytics Engineering Manager",
        Stage.INTERVIEWED,
        Origin.NO_OPENING,
        began=120,
        notes="Owen liked the profile, but nothing is budgeted until the new fiscal year.",
        touches=(
            _T(119, "Owen Fitzgerald", EMAIL, SENT,
               "Thanks for the time. Said I'd love to stay in touch while they plan the team.",
               script="thank-you-interview"),
            _T(100, "Sofia Rossi", LINKEDIN, SENT,
               "Thanked Sofia for setting up the chat and connected here, as she prefers."),
            _T(95, "Owen Fitzgerald", CALL, NO_ANSWER,
               "Tried Owen to share a thought on their dbt rollout. No answer."),
            _T(94, "Owen Fitzgerald", VOICEMAIL, LEFT_VM,
               "Short voicemail: one idea on testing dbt models, and I'll send the link.",
               script="voicemail"),
            _T(70, "Owen Fitzgerald", EMAIL, REPLIED,
               "Sent the article on testing dbt models in CI. Owen replied that the "
               "team is trying it this sprint.",
               shared=("Article: testing dbt models in CI",), script="share-article"),
            _T(21, "Owen Fitzgerald", LINKEDIN, SENT,
               "Invited Owen to the Boston analytics engineering meetup where I'm on "
               "a panel.",
               shared=("Event: Boston analytics engineering meetup",)),
        ),
    )
    b.prospect(
        "Alpine Ski House",
        ("Erik Lindqvist", "Hana Kim"),
        "Data Platform Lead",
        Stage.INTERVIEWED,
        Origin.INTERVIEWED,
        began=16,
        notes="They decide after season planning. Erik was candid about the ticketing mess.",
        tags=("remote-ok",),
        touches=(
            _T(15, "Erik Lindqvist", EMAIL, SENT,
               "Thank-you note. Mentioned one quick win for the lift-scan data I "
               "noticed during the interview."),
            _T(14, "Erik Lindqvist", EMAIL, REPLIED,
               "Erik thanked me and said they'll decide once the season plan is done.",
               direction=IN),
            _T(13, "Hana Kim", LINKEDIN, SENT,
               "Connected with Hana and thanked her for keeping the process so smooth."),
        ),
    )
    b.prospect(
        "Trey Research",
        ("Samuel Adeyemi", "Yuki Sato"),
        "ML Platform Engineer",
        Stage.INTERVIEWED,
        Origin.INTERVIEWED,
        began=75,
        notes="They need a platform person but have to win a grant first.",
        touches=(
            _T(74, "Samuel Adeyemi", EMAIL, SENT,
               "Thank-you after the panel. Said the feature-store question was the "
               "most fun I'd had in an interview.", script="thank-you-interview"),
            _T(73, "Yuki Sato", LINKEDIN, SENT,
               "Thanked Yuki and shared the paper on reproducible training runs we "
               "both liked.",
               shared=("Paper: reproducible ML training runs",)),
            _T(55, "Samuel Adeyemi", CALL, NO_ANSWER,
               "Called to ask how the grant application went. No answer."),
            _T(54, "Samuel Adeyemi", EMAIL, REPLIED,
               "Emailed the same question with a link to a GPU cost calculator. "
               "Samuel says the grant decision is due soon.",
               shared=("GPU cost calculator spreadsheet",)),
            _T(28, "Samuel Adeyemi", IN_PERSON, TALKED,
               "Ran into Samuel at the Triangle ML meetup. Twenty minutes on "
               "experiment tracking; he asked for my slides."),
        ),
    )
    b.prospect(
        "Initech [Labs]",
        ("Joanna Park", "Stan Whitaker"),
        "Senior Data Engineer",
        Stage.INTERVIEWED,
        Origin.INTERVIEWED,
        began=52,
        notes="Decent loop. Joanna is new in the job and still finding her feet.",
        touches=(
            _T(51, "Joanna Park", EMAIL, SENT,
               "Thank-you note. Said I'd be glad to hear about any data roles as the "
               "labs team grows."),
            _T(50, "Stan Whitaker", EMAIL, SENT,
               "Thanked Stan for the scheduling help [and the parking tips]."),
            _T(30, "Joanna Park", LINKEDIN, SENT,
               "Shared a short post on schema migrations without downtime; she'd "
               "mentioned their upcoming one.",
               shared=("Post: zero-downtime schema migrations",)),
            _T(23, "Joanna Park", CALL, NO_ANSWER,
               "Called to check the link reached her. No answer, no voicemail."),
        ),
    )


def _rejected_but_warm(b: _Builder) -> None:
    b.prospect(
        "Contoso, Ltd.",
        ("Tomás Ibáñez", "Aisha Khan"),
        "Data Platform Lead",
        Stage.REJECTED_WARM,
        Origin.REJECTED,
        began=160,
        moved=146,
        notes="They picked an internal candidate. Tomás said it was close and asked me "
        "to keep in touch.",
        self_assessment="I spent too long on the migration story and ran short in the "
        "design round. Next time: lead with the cost numbers, keep each story under two "
        "minutes, and ask about on-call load early.",
        tags=("dream-company",),
        touches=(
            _T(158, "Tomás Ibáñez", EMAIL, SENT,
               "Thank-you after the final round. Said I'd like to be considered for "
               "other platform roles too."),
            _T(147, "Aisha Khan", EMAIL, SENT,
               "Thanked Aisha for a well-run process and asked her to keep me in mind "
               "for platform work."),
            _T(146, "Tomás Ibáñez", CALL, TALKED,
               "Tomás called with the news: internal hire. He was kind and said the "
               "team liked my take on data contracts.", direction=IN),
            _T(145, "Tomás Ibáñez", LETTER, SENT,
               "Mailed a card thanking him for calling personally and for the honest "
               "feedback."),
            _T(120, "Tomás Ibáñez", LINKEDIN, SENT,
               "Shared a good article on data contracts between teams, since it came "
               "up in the interview.",
               shared=("Article: data contracts between teams",)),
            _T(55, "Tomás Ibáñez", EMAIL, REPLIED,
               "Hoped the new lead is settling in well. Tomás replied warmly; says "
               "Fabrikam is building a product analytics team."),
            _T(50, "Tomás Ibáñez", CALL, REFERRAL,
               "Tomás offered to introduce me to Zoë O'Neill at Fabrikam. Thanked him "
               "and promised to tell him how it goes."),
            _T(48, "Tomás Ibáñez", EMAIL, SENT,
               "Thanked Tomás for the introduction to Zoë and promised to tell him "
               "how it goes."),
            _T(20, "Tomás Ibáñez", EMAIL, REPLIED,
               "Told Tomás the Fabrikam chat went well; he replied that he is glad "
               "and to keep him posted.", direction=IN),
        ),
    )
    b.prospect(
        "Wingtip Aviation",
        ("Beatriz Santos",),
        "Senior Data Engineer",
        Stage.REJECTED_WARM,
        Origin.NO_OPENING,
        began=210,
        moved=188,
        notes="The role was frozen after the loop. I only ever dealt with TA: find the "
        "data lead's name.",
        touches=(
            _T(209, "Beatriz Santos", EMAIL, SENT,
               "Thank-you after the interviews, with continued interest in the team."),
            _T(188, "Beatriz Santos", EMAIL, REPLIED,
               "Beatriz wrote that the role is frozen; she'll keep my profile on file.",
               direction=IN),
            _T(187, "Beatriz Santos", LINKEDIN, SENT,
               "Thanked her and connected here."),
            _T(120, "Beatriz Santos", EMAIL, SENT,
               "Sent a piece on using open flight-delay data for crew planning.",
               shared=("Article: flight-delay data for crew planning",)),
            _T(113, "Beatriz Santos", CALL, NO_ANSWER,
               "Called to check the email arrived. No answer."),
            _T(62, "Beatriz Santos", LINKEDIN, SENT,
               "Invited her to the aviation data meetup in Phoenix.",
               shared=("Event: Phoenix aviation data meetup",)),
        ),
    )
    b.prospect(
        "Woodgrove Bank",
        ("Nadia Haddad", "Greg Olsen"),
        "Principal Data Engineer",
        Stage.REJECTED_WARM,
        Origin.OFFER_DECLINED,
        began=330,
        moved=329,
        notes="I declined their offer for the startup job. Nadia took it well and wants "
        "to stay in touch.",
        tags=("fintech",),
        touches=(
            _T(329, "Nadia Haddad", CALL, TALKED,
               "Called to turn down the offer myself. Thanked her and explained why the "
               "startup fit better right now."),
            _T(327, "Nadia Haddad", LETTER, SENT,
               "Mailed handwritten thank-you cards to Nadia and the panel."),
            _T(326, "Greg Olsen", EMAIL, SENT,
               "Thanked Greg for the system design round; he'd asked for the book I "
               "mentioned, so I sent the title.",
               shared=("Book: Designing Data-Intensive Applications",)),
            _T(300, "Nadia Haddad", EMAIL, SENT,
               "Sent the streaming-joins article she asked about during the loop.",
               shared=("Article: streaming joins in practice",)),
            _T(240, "Nadia Haddad", LINKEDIN, REPLIED,
               "Congratulated her on the promotion to Director. She replied with a "
               "photo of the team's new office."),
            _T(160, "Nadia Haddad", VOICEMAIL, LEFT_VM,
               "Left a friendly message about their fraud-scoring work and a talk I "
               "thought she'd like."),
            _T(155, "Nadia Haddad", EMAIL, REPLIED,
               "Nadia wrote back about the talk; she's sending two of her engineers.",
               direction=IN),
            _T(85, "Nadia Haddad", IN_PERSON, REFERRAL,
               "Saw Nadia at the fintech data summit. She mentioned a friend at Blue "
               "Yonder Airlines who is hiring and offered to introduce me."),
            _T(30, "Nadia Haddad", EMAIL, SENT,
               "Thanked her for the Blue Yonder introduction and told her how it's "
               "going so far."),
            _T(20, "Nadia Haddad", EMAIL, REPLIED,
               "Nadia answered: the team is reorganising, and she will know more "
               "about headcount after the holidays.", direction=IN),
        ),
    )
    b.prospect(
        "Adventure Works",
        ("Hiroshi Tanaka", "Chloe Martin"),
        "Staff Data Engineer",
        Stage.REJECTED_WARM,
        Origin.REJECTED,
        began=280,
        moved=265,
        notes="They hired someone with more retail experience. Hiroshi said to stay in touch.",
        self_assessment="Froze on the live SQL exercise (window functions). I have since "
        "worked through thirty practice problems. Also prepare a short, calm answer to "
        "'why are you leaving'.",
        touches=(
            _T(279, "Hiroshi Tanaka", EMAIL, SENT,
               "Thank-you note after the onsite."),
            _T(278, "Chloe Martin", LINKEDIN, SENT,
               "Thanked Chloe for the SQL round; it was tough but fair."),
            _T(265, "Hiroshi Tanaka", CALL, TALKED,
               "Hiroshi called: they went another way. Very useful feedback on the SQL "
               "exercise.", direction=IN),
            _T(264, "Hiroshi Tanaka", LINKEDIN, SENT,
               "Thanked him for the straight feedback and said I'd keep learning."),
            _T(170, "Hiroshi Tanaka", EMAIL, REPLIED,
               "Hoped the new hire is working out. He said yes, and the team "
               "has grown since."),
            _T(100, "Hiroshi Tanaka", LETTER, SENT,
               "Mailed a printed copy of my inventory forecasting case study with a "
               "sticky note on page two.",
               shared=("Work sample: inventory forecasting case study",)),
            _T(45, "Hiroshi Tanaka", CALL, REFERRAL,
               "Hiroshi said Amara Okafor at Proseware needs a data lead and passed my "
               "name along."),
            _T(43, "Hiroshi Tanaka", EMAIL, SENT,
               "Thank-you to Hiroshi for passing my name to Proseware."),
            _T(9, "Hiroshi Tanaka", TEXT, REPLIED,
               "Hiroshi asked how the Proseware talks were going; told him it is "
               "moving.", direction=IN),
        ),
    )
    b.prospect(
        "Lucerne Publishing",
        ("Clara Vogel", "Peter Novak"),
        "Senior Data Engineer",
        Stage.REJECTED_WARM,
        Origin.REJECTED,
        began=420,
        moved=405,
        notes="Slow-moving but stable. Clara reads every email, she just rarely answers.",
        self_assessment="I knew little about book metadata (ONIX) and it showed. I read "
        "up on it since; next time bring a small project built on their public catalogue.",
        touches=(
            _T(419, "Clara Vogel", EMAIL, SENT,
               "Thank-you after the interview."),
            _T(405, "Clara Vogel", EMAIL, REPLIED,
               "Clara let me know they chose another candidate.", direction=IN),
            _T(404, "Clara Vogel", EMAIL, SENT,
               "Thanked her for letting me know and said I'd be glad to stay in touch."),
            _T(403, "Peter Novak", LINKEDIN, SENT,
               "Connected with Peter and thanked him for the walk through their pipeline."),
            _T(300, "Clara Vogel", EMAIL, REPLIED,
               "Hoped the new engineer is doing well. Clara said he is, and thanked me."),
            _T(210, "Clara Vogel", EMAIL, SENT,
               "Sent a small demo that cleans up ONIX records from their public "
               "catalogue.",
               shared=("Work sample: ONIX catalogue clean-up demo",)),
            _T(110, "Clara Vogel", EMAIL, SENT,
               "Shared an invitation to the publishing tech conference; their audiobook "
               "deal was in the programme.",
               shared=("Event: publishing tech conference",)),
            _T(12, "Clara Vogel", EMAIL, REPLIED,
               "Clara wrote back at last: back from leave, liked the reading list, "
               "suggests a call in the new year.", direction=IN),
        ),
    )
    b.prospect(
        "Wide World Importers",
        ("Rosa Delgado", "Mike Turner"),
        "Data Engineering Manager",
        Stage.REJECTED_WARM,
        Origin.REJECTED,
        began=370,
        moved=352,
        notes="Good rapport with Rosa. They wanted more management experience.",
        self_assessment="I undersold the people side. Prepare two concrete stories about "
        "growing junior engineers, with results.",
        touches=(
            _T(369, "Rosa Delgado", EMAIL, SENT,
               "Thank-you after the panel interview."),
            _T(368, "Mike Turner", EMAIL, SENT,
               "Thanked Mike for coordinating four interviewers across two time zones."),
            _T(352, "Rosa Delgado", CALL, TALKED,
               "Rosa called to say no for now, and suggested I keep in touch.",
               direction=IN),
            _T(351, "Rosa Delgado", LINKEDIN, SENT,
               "Thanked her for the call and connected here."),
            _T(260, "Rosa Delgado", EMAIL, REPLIED,
               "Hoped the new manager is settling in. Rosa replied with news of the "
               "Savannah warehouse."),
            _T(175, "Rosa Delgado", CALL, NO_ANSWER,
               "Called about the new bonded warehouse. No answer."),
            _T(170, "Rosa Delgado", VOICEMAIL, LEFT_VM,
               "Left a message with one idea about customs data for the new warehouse."),
            _T(168, "Rosa Delgado", EMAIL, REPLIED,
               "Rosa emailed back asking for the idea in writing.", direction=IN),
            _T(75, "Rosa Delgado", LETTER, SENT,
               "Mailed the two-page note on customs data plus a tariff chart.",
               shared=("Work sample: customs data for bonded warehouses",)),
            _T(10, "Rosa Delgado", EMAIL, REPLIED,
               "Rosa thanked me for the letter and the customs-data write-up; their "
               "planning freeze ends in January.", direction=IN),
        ),
    )
    b.prospect(
        "Humongous Insurance",
        ("Grace Liu", "Noah Schmidt"),
        "Principal Data Engineer",
        Stage.REJECTED_WARM,
        Origin.REJECTED,
        began=240,
        moved=225,
        notes="Grace liked the take-home. They hired someone with insurance background.",
        self_assessment="The take-home was fine, but I asked too few questions about "
        "their claims data. Next time spend the first ten minutes of the debrief on "
        "their problem, not my solution.",
        touches=(
            _T(239, "Grace Liu", EMAIL, SENT,
               "Thank-you note after the take-home review."),
            _T(238, "Noah Schmidt", LINKEDIN, SENT,
               "Thanked Noah and sent the Parquet tuning notes he asked about.",
               shared=("Parquet tuning notes",)),
            _T(225, "Grace Liu", EMAIL, REPLIED,
               "Grace let me know they hired someone else, with kind words.",
               direction=IN),
            _T(222, "Grace Liu", CALL, TALKED,
               "Fifteen-minute feedback call. She'd like me to stay in touch."),
            _T(135, "Grace Liu", EMAIL, REPLIED,
               "Hoped the new hire is doing well; asked how the cloud move is going. "
               "Long, friendly reply."),
            _T(95, "Noah Schmidt", LINKEDIN, REFERRAL,
               "Noah says his old boss at Relecloud is building a data team and he "
               "passed my name along.", direction=IN),
            _T(60, "Grace Liu", LETTER, SENT,
               "Mailed my claims-triage dashboard write-up with a short handwritten note.",
               shared=("Work sample: claims triage dashboard",)),
            _T(33, "Grace Liu", CALL, NO_ANSWER,
               "Called to check the write-up arrived. No answer."),
            _T(8, "Grace Liu", EMAIL, REPLIED,
               "Grace returned the call by email; she enjoyed the claims-data "
               "article and sent one back.", direction=IN),
        ),
    )
    b.prospect(
        "Café Olé Roasters",
        ("Renée Dubois", "Luis Ortega"),
        "Analytics Lead",
        Stage.REJECTED_WARM,
        Origin.NO_OPENING,
        began=190,
        moved=175,
        notes="They chose a part-time contractor for now. Renée wants to revisit next year.",
        self_assessment="Great conversation, but I pitched a full-time role when they "
        "needed a small project. Next time, offer a fixed-scope pilot.",
        touches=(
            _T(189, "Renée Dubois", EMAIL, SENT,
               "Merci for the visit. Said I'd love to help whenever they're ready."),
            _T(175, "Renée Dubois", EMAIL, REPLIED,
               "Renée explained they'll use a contractor this year.", direction=IN),
            _T(174, "Renée Dubois", LINKEDIN, SENT,
               "Thanked her for being so open and connected here."),
            _T(140, "Luis Ortega", IN_PERSON, TALKED,
               "Luis gave me a tour of the roastery and showed me their roast logs. "
               "Brought him a simple chart of his batch times."),
            _T(80, "Renée Dubois", EMAIL, SENT,
               "Sent an article on forecasting subscription demand, with one line on "
               "how it could apply to the Canada launch.",
               shared=("Article: forecasting subscription demand",)),
            _T(73, "Renée Dubois", CALL, NO_ANSWER,
               "Called to check the article arrived. No answer."),
            _T(15, "Renée Dubois", CALL, TALKED,
               "Renée called back. Talked roast-forecasting for ten minutes; she "
               "asked me to send the demand model notes.", direction=IN),
        ),
    )


def _referrals(b: _Builder) -> None:
    b.prospect(
        "Fabrikam",
        ("Zoë O'Neill", "Inês Carvalho"),
        "Head of Product Analytics",
        Stage.REFERRAL,
        Origin.REFERRED,
        began=48,
        referred_by="Tomás Ibáñez",
        notes="Introduced by Tomás (Contoso). Zoë wants someone to own metric definitions.",
        touches=(
            _T(48, "Zoë O'Neill", EMAIL, REPLIED,
               "Zoë answered Tomás's introduction within the hour and suggested coffee.",
               direction=IN),
            _T(41, "Zoë O'Neill", IN_PERSON, TALKED,
               "Coffee near their office. Talked about their experiment platform and "
               "who owns the metrics."),
            _T(40, "Zoë O'Neill", EMAIL, SENT,
               "Sent my metrics-layer write-up, as promised over coffee.",
               shared=("Work sample: metrics layer write-up",)),
            _T(26, "Zoë O'Neill", EMAIL, OPENING,
               "Zoë says a product analytics lead role opens next quarter and she'll "
               "loop in Inês.", direction=IN),
            _T(9, "Inês Carvalho", LINKEDIN, SENT,
               "Connected with Inês as Zoë suggested, with the write-up attached."),
        ),
    )
    b.prospect(
        "Proseware",
        ("Amara Okafor", "Ben Carter"),
        "Director of Data Engineering",
        Stage.REFERRAL,
        Origin.REFERRED,
        began=44,
        referred_by="Hiroshi Tanaka",
        notes="Hiroshi (Adventure Works) passed my name to Amara. Ben can vouch from our "
        "time together.",
        tags=("remote-ok",),
        touches=(
            _T(43, "Amara Okafor", EMAIL, SENT,
               "Introduced myself, mentioned Hiroshi, and shared my warehouse "
               "consolidation write-up.",
               shared=("Work sample: warehouse consolidation write-up",)),
            _T(36, "Amara Okafor", CALL, NO_ANSWER,
               "Called to make sure the email arrived. No answer."),
            _T(35, "Ben Carter", TEXT, REPLIED,
               "Asked Ben if Amara is the right person. Yes, he says, she's just "
               "buried in planning."),
            _T(29, "Amara Okafor", LINKEDIN, SENT,
               "Short note with a link to a talk on merging warehouses."),
            _T(18, "Amara Okafor", EMAIL, REPLIED,
               "Amara apologised for the delay and suggested a call.", direction=IN),
            _T(6, "Amara Okafor", CALL, TALKED,
               "Forty-five minutes on their consolidation. She'll set up a loop next month."),
        ),
    )
    b.prospect(
        "Blue Yonder Airlines",
        ("Daniel Reyes", "Olivia Grant", "Hannah Brooks"),
        "Head of Data Platform",
        Stage.REFERRAL,
        Origin.REFERRED,
        began=80,
        referred_by="Nadia Haddad",
        notes="Nadia (Woodgrove) introduced me to Daniel. Post-merger platform rebuild.",
        tags=("relocation",),
        touches=(
            _T(80, "Daniel Reyes", EMAIL, REPLIED,
               "Daniel wrote first after Nadia's introduction.", direction=IN),
            _T(79, "Daniel Reyes", EMAIL, SENT,
               "Thanked him and shared the slides from my data contracts talk.",
               shared=("Slides: data contracts talk",)),
            _T(72, "Hannah Brooks", LINKEDIN, REPLIED,
               "Thanked Hannah for vouching for me with Daniel and sent her my meetup "
               "slides. She wished me luck.",
               shared=("Slides: data contracts talk",)),
            _T(66, "Daniel Reyes", CALL, TALKED,
               "Good call about the loyalty merger and their two warehouses."),
            _T(52, "Daniel Reyes", IN_PERSON, TALKED,
               "Lunch with Daniel and Olivia at their ops centre in Dallas."),
            _T(51, "Olivia Grant", EMAIL, SENT,
               "Sent Olivia the architecture sketch she asked for at lunch.",
               shared=("Work sample: two-warehouse migration sketch",)),
            _T(24, "Daniel Reyes", LINKEDIN, SENT,
               "Congratulated him on the finished loyalty merger and shared an article "
               "on airline data mesh pitfalls.",
               shared=("Article: data mesh pitfalls at airlines",)),
            _T(10, "Daniel Reyes", EMAIL, REPLIED,
               "Daniel replied from the road: busy quarter, but happy to meet for "
               "coffee in December.", direction=IN),
        ),
    )
    b.prospect(
        "Relecloud",
        ("Marisol Vega", "Arjun Mehta"),
        "VP Product",
        Stage.REFERRAL,
        Origin.REFERRED,
        began=92,
        referred_by="Noah Schmidt",
        notes="Noah (Humongous Insurance) recommended me. A stretch role: data product "
        "owner with a VP title.",
        tags=("startup",),
        touches=(
            _T(92, "Marisol Vega", EMAIL, SENT,
               "Introduced myself with Noah's blessing and a one-page summary of my work."),
            _T(90, "Marisol Vega", TEXT, REPLIED,
               "Marisol texted back to set up a call.", direction=IN),
            _T(85, "Marisol Vega", CALL, TALKED,
               "First call. She wants the data product to sell itself to customers."),
            _T(70, "Marisol Vega", TEXT, SENT,
               "Texted a link to a case study on usage-based pricing dashboards.",
               shared=("Article: usage-based pricing dashboards",)),
            _T(45, "Arjun Mehta", IN_PERSON, TALKED,
               "Whiteboard session with Arjun on their event pipeline."),
            _T(44, "Arjun Mehta", EMAIL, SENT,
               "Thanked Arjun and sent a cleaned-up photo of the whiteboard plus notes.",
               shared=("Notes: event pipeline whiteboard",)),
            _T(16, "Marisol Vega", TEXT, REPLIED,
               "Congratulated them on the seed extension. Marisol replied with a 🎉."),
        ),
    )


def _offers(b: _Builder) -> None:
    b.prospect(
        "Tailspin Toys",
        ("Li Wei", "Jordan Hayes", "Mei Chen"),
        "Engineering Manager",
        Stage.OFFER,
        Origin.INTERVIEWED,
        began=65,
        moved=12,
        notes="Offer for the Engineering Manager role. Deciding on scope and equity.",
        touches=(
            _T(64, "Li Wei", EMAIL, SENT,
               "Thank-you after the first interview."),
            _T(50, "Li Wei", CALL, TALKED,
               "Li called back the same day as he does. Chatted about their release "
               "process."),
            _T(35, "Li Wei", CALL, TALKED,
               "Walked him through my incident review template.",
               shared=("Work sample: incident review template",)),
            _T(20, "Mei Chen", IN_PERSON, TALKED,
               "Second-round onsite. Mei showed me the kite firmware lab."),
            _T(12, "Jordan Hayes", CALL, OPENING,
               "Jordan called: they're preparing an offer.", direction=IN),
            _T(4, "Li Wei", CALL, TALKED,
               "Talked scope before answering. He's open to two hires in my first year."),
        ),
    )
    b.prospect(
        "Fourth Coffee",
        ("Jamal Washington", "Emily Rhodes"),
        "Director of Data",
        Stage.OFFER,
        Origin.REJECTED,
        began=480,
        moved=8,
        notes="Rejected sixteen months ago; the person they hired is moving abroad. "
        "Jamal came back to me. Proof the long game works.",
        self_assessment="The first time I was too focused on tools. The second time I "
        "talked about loyalty members and margins, and it landed.",
        tags=("dream-company",),
        touches=(
            _T(479, "Jamal Washington", EMAIL, SENT,
               "Thank-you after the final interview."),
            _T(465, "Jamal Washington", CALL, TALKED,
               "Jamal called: they hired someone else. He hoped we'd stay in touch.",
               direction=IN),
            _T(464, "Jamal Washington", LETTER, SENT,
               "Mailed a thank-you card and said I'd like to be considered in future."),
            _T(370, "Jamal Washington", EMAIL, REPLIED,
               "Hoped the new director is settling in. Jamal said things are going well."),
            _T(280, "Jamal Washington", VOICEMAIL, LEFT_VM,
               "Voicemail about a loyalty-app article I thought he'd like."),
            _T(278, "Jamal Washington", EMAIL, REPLIED,
               "Jamal asked for the link.", direction=IN),
            _T(277, "Jamal Washington", EMAIL, SENT,
               "Sent the loyalty-app article.",
               shared=("Article: what loyalty apps learn from churn",)),
            _T(190, "Jamal Washington", IN_PERSON, TALKED,
               "Coffee at the new flagship roastery. Showed him my roasting-yield "
               "dashboard.",
               shared=("Work sample: roasting-yield dashboard",)),
            _T(110, "Jamal Washington", LINKEDIN, SENT,
               "Cheered on the loyalty app's growth and sent a chart of how similar "
               "apps keep their members.",
               shared=("Chart: loyalty app retention benchmarks",)),
            _T(40, "Jamal Washington", CALL, OPENING,
               "Jamal called: the director is moving to Europe. Would I like to talk?",
               direction=IN),
            _T(25, "Jamal Washington", IN_PERSON, TALKED,
               "Interview day at headquarters. Met the leadership team."),
            _T(8, "Emily Rhodes", EMAIL, OPENING,
               "Emily sent the written offer. Reading it carefully this week.",
               direction=IN),
            _T(6, "Emily Rhodes", EMAIL, REPLIED,
               "Replied to Emily with my notice period and salary range; she will "
               "set up the final round."),
        ),
    )
    b.prospect(
        "Tailwind Traders",
        ("Kwame Mensah", "Sara Lindgren"),
        "Staff Data Engineer",
        Stage.OFFER,
        Origin.NO_OPENING,
        began=300,
        moved=14,
        notes="No opening at first. Kwame got a staff role approved and thought of me.",
        touches=(
            _T(299, "Kwame Mensah", EMAIL, SENT,
               "Thank-you after our exploratory chat."),
            _T(270, "Kwame Mensah", LINKEDIN, SENT,
               "Shared a talk on retail demand sensing."),
            _T(240, "Kwame Mensah", LINKEDIN, REPLIED,
               "Asked how the pricing project was going. He replied with a long update."),
            _T(160, "Kwame Mensah", LINKEDIN, SENT,
               "Invited him to the Atlanta data engineering meetup.",
               shared=("Event: Atlanta data engineering meetup",)),
            _T(100, "Kwame Mensah", CALL, TALKED,
               "Caught up by phone about their Canada expansion."),
            _T(60, "Kwame Mensah", LINKEDIN, OPENING,
               "Kwame messaged: a staff data engineer role was just approved.",
               direction=IN),
            _T(35, "Kwame Mensah", IN_PERSON, TALKED,
               "Interview loop at their Atlanta office."),
            _T(14, "Sara Lindgren", CALL, OPENING,
               "Sara called with a verbal offer; written one to follow.",
               direction=IN),
            _T(2, "Sara Lindgren", EMAIL, SENT,
               "Sent Sara my availability for the loop and a short note on the "
               "pipeline work she asked about."),
            _T(1, "Sara Lindgren", EMAIL, OPENING,
               "Sara confirmed the Staff role is open and asked for two references "
               "by Friday.", direction=IN),
        ),
    )


def _archived(b: _Builder) -> None:
    b.prospect(
        "Coho Winery",
        ("Gabriel Moreau",),
        "Head of Data",
        Stage.ARCHIVE,
        Origin.INTERVIEWED,
        began=500,
        moved=389,
        closed_reason=ClosedReason.NOT_INTERESTED,
        closed_note="They handed the data work to an agency; the role would mostly be "
        "vendor management now. Not for me. Closed on good terms.",
        touches=(
            _T(499, "Gabriel Moreau", EMAIL, SENT,
               "Thank-you after meeting at the vineyard."),
            _T(470, "Gabriel Moreau", CALL, TALKED,
               "Gabriel said they need a few months to think about the role."),
            _T(400, "Gabriel Moreau", EMAIL, SENT,
               "Sent a short article on wine club retention.",
               shared=("Article: wine club retention",)),
            _T(390, "Gabriel Moreau", CALL, TALKED,
               "Gabriel explained the agency plan. Wished him luck and said I'd step back."),
        ),
    )
    b.prospect(
        "Margie's Travel",
        ("Kevin Walsh",),
        "Senior Data Engineer",
        Stage.ARCHIVE,
        Origin.REJECTED,
        began=450,
        moved=330,
        closed_reason=ClosedReason.ASKED_TO_STOP,
        closed_note="Kevin asked me to stop contacting him. Done: no more touches.",
        touches=(
            _T(449, "Kevin Walsh", EMAIL, SENT,
               "Thank-you after the interview."),
            _T(420, "Kevin Walsh", CALL, NO_ANSWER,
               "Called to share a thought on fare caching. No answer."),
            _T(414, "Kevin Walsh", VOICEMAIL, LEFT_VM,
               "Short voicemail with the fare caching idea."),
            _T(340, "Kevin Walsh", EMAIL, SENT,
               "Sent an article on travel search latency.",
               shared=("Article: travel search latency",)),
            _T(333, "Kevin Walsh", LINKEDIN, SENT,
               "Checked the article reached him."),
            _T(330, "Kevin Walsh", EMAIL, STOP,
               "Kevin wrote that he isn't hiring and asked me not to follow up. "
               "Sent a one-line thanks and closed this.", direction=IN),
        ),
    )
    b.prospect(
        "A. Datum Corporation",
        ("Kenji Watanabe",),
        "Data Engineering Lead",
        Stage.ARCHIVE,
        Origin.REJECTED,
        began=520,
        moved=325,
        closed_reason=ClosedReason.HIRED_ELSEWHERE,
        closed_note="I took the startup job, and this role meant moving to Singapore. "
        "Closed; still connected with Kenji on LinkedIn.",
        touches=(
            _T(519, "Kenji Watanabe", EMAIL, SENT,
               "Thank-you after the video interviews."),
            _T(500, "Kenji Watanabe", CALL, TALKED,
               "Kenji called to say they chose someone already in Singapore.",
               direction=IN),
            _T(420, "Kenji Watanabe", LINKEDIN, REPLIED,
               "Shared a survey-weighting notebook. Kenji liked it and passed it to "
               "his team.",
               shared=("Notebook: survey weighting with open data",)),
            _T(326, "Kenji Watanabe", EMAIL, SENT,
               "Told Kenji I've joined a startup and wished him and the team well."),
        ),
    )


# fmt: on
