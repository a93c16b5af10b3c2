"""The cadence engine, rule by rule, with explicit dates (docs/advice.md)."""

from __future__ import annotations

from typing import Any

import pendulum
import pytest
from pydantic import ValidationError

from jobfutures_tui.engine.built_in_plans import (
    AFTER_A_HIRE,
    BUILT_IN_PLANS,
    EARLY_ON,
    LONG_GAME,
    PROMPT_THANKS,
)
from jobfutures_tui.engine.cadence import Suggestion, Urgency, stopped, suggest_next, urgency
from jobfutures_tui.engine.channels import choose_channel
from jobfutures_tui.engine.facts import is_referred
from jobfutures_tui.engine.history import summarise
from jobfutures_tui.engine.person_choice import pick_person, recruiter_only_warning
from jobfutures_tui.engine.plans import default_plan, plan_for
from jobfutures_tui.models import (
    Channel,
    Direction,
    Origin,
    Outcome,
    Person,
    PersonRole,
    Prospect,
    Skip,
    Stage,
    Touch,
    field_errors,
)
from jobfutures_tui.models.enums import TouchKind
from jobfutures_tui.models.plan import Anchor, CadencePlan, Repeat, span_words

UTC = pendulum.UTC
START = pendulum.date(2026, 3, 2)
"""The interview (or the no) every job future here began with."""
TODAY = pendulum.date(2026, 3, 10)


def d(month: int, day: int, year: int = 2026) -> pendulum.Date:
    return pendulum.date(year, month, day)


def hm(**fields: Any) -> Person:
    """A hiring manager reachable by email, phone and LinkedIn."""
    fields.setdefault("name", "Dana Reyes")
    fields.setdefault("email", "dana@example.com")
    fields.setdefault("phone", "+1 555 0100")
    fields.setdefault("linkedin", "linkedin.com/in/dana")
    return Person(**fields)


def future(people: list[Person] | None = None, **fields: Any) -> Prospect:
    fields.setdefault("began_on", START)
    fields.setdefault("created_at", pendulum.datetime(2026, 3, 2, 12, tz=UTC))
    ids = tuple(p.id for p in people or [])
    return Prospect(company_id="c1", person_ids=ids, **fields)


def touch(
    on: pendulum.Date,
    channel: str = "email",
    outcome: str = "sent",
    *,
    direction: str = "out",
    hour: int = 10,
    zone: Any = UTC,
    person: Person | None = None,
    **fields: Any,
) -> Touch:
    at = pendulum.datetime(on.year, on.month, on.day, hour, tz=zone)
    return Touch(
        prospect_id="p1",
        person_id=person.id if person else None,
        at=at,
        channel=channel,
        outcome=outcome,
        direction=direction,
        **fields,
    )


def suggest(
    touches: list[Touch],
    *,
    people: list[Person] | None = None,
    prospect: Prospect | None = None,
    today: pendulum.Date = TODAY,
    **options: Any,
) -> Suggestion:
    people = [hm()] if people is None else people
    prospect = prospect or future(people, origin=Origin.INTERVIEWED)
    options.setdefault("tz", UTC)
    options.setdefault("plan", EARLY_ON)
    result = suggest_next(prospect, people, touches, today=today, **options)
    assert result is not None
    return result


# ------------------------------------------------------------ plans as data


def plan(**fields: Any) -> CadencePlan:
    fields.setdefault("id", "mine")
    fields.setdefault("name", "Mine")
    return CadencePlan(**fields)


def plan_errors(**fields: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        plan(**fields)
    return field_errors(caught.value)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"steps": [{"kind": "check-in", "days": 0}]}, "steps.0", "at least 1 day (got 0)"),
        ({"steps": [{"kind": "check-in", "days": -5}]}, "steps.0", "at least 1 day (got -5)"),
        (
            {"steps": [{"kind": "check-in", "days": 14, "up_to_days": 7}]},
            "steps.0",
            "range must end between 14 and 3650 days (got 7)",
        ),
        ({"repeat": {"kind": "check-in", "days": 0}}, "repeat", "repeating interval must be at"),
        ({"repeat": {"kind": "check-in", "days": 99999}}, "repeat", "at most 3650 days"),
        ({}, "record", "a plan needs at least one step or a repeating interval"),
        ({"steps": [{"kind": "pester", "days": 3}]}, "steps.0.kind", "unknown kind of touch"),
        ({"repeat": {"kind": "check-in", "days": 3, "anchor": "start"}}, "repeat.anchor", ""),
        ({"id": "Not An Id", "repeat": {"kind": "check-in", "days": 3}}, "id", ""),
    ],
)
def test_plan_validation_names_the_problem(fields: dict, field: str, message: str) -> None:
    errors = plan_errors(**fields)
    assert field in errors
    assert message in errors[field]


def test_plan_accepts_labels_and_anchor_words() -> None:
    mine = plan(
        steps=[{"kind": "Something useful", "days": 3, "anchor": "Last touch"}],
        repeat={"kind": "check in", "days": 30, "up_to_days": 45},
    )
    assert mine.steps[0].kind is TouchKind.VALUE_SHARE
    assert mine.steps[0].anchor is Anchor.LAST_TOUCH
    assert CadencePlan.model_validate_json(mine.model_dump_json()) == mine


def test_built_in_plans_have_stable_ids_and_something_to_repeat() -> None:
    assert list(BUILT_IN_PLANS) == [
        "prompt-thanks",
        "early-on",
        "after-a-hire",
        "long-game",
        "introduced",
    ]
    for built_in in BUILT_IN_PLANS.values():
        assert built_in.repeat is not None
        assert built_in.description
        assert CadencePlan.model_validate(built_in.model_dump()) == built_in


def test_built_in_plans_follow_the_seeds() -> None:
    assert [(s.kind, s.days, s.high) for s in PROMPT_THANKS.steps] == [(TouchKind.THANK_YOU, 1, 2)]
    assert {(s.days, s.high) for s in EARLY_ON.steps[1:]} == {(14, 28)}
    assert EARLY_ON.repeat == Repeat(kind=TouchKind.VALUE_SHARE, days=60, up_to_days=90)
    check_in = AFTER_A_HIRE.steps[1]
    assert (check_in.kind, check_in.days, check_in.high) == (TouchKind.AFTER_HIRE, 90, 120)
    assert AFTER_A_HIRE.steps[2].kind is TouchKind.WORK_SAMPLE
    assert AFTER_A_HIRE.repeat is not None and AFTER_A_HIRE.repeat.span == "4–6 months"
    assert LONG_GAME.repeat is not None and LONG_GAME.repeat.span == "3–6 months"


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (1, 1, "1 day"),
        (1, 2, "1–2 days"),
        (3, 3, "3 days"),
        (14, 28, "2–4 weeks"),
        (7, 7, "1 week"),
        (7, 14, "1–2 weeks"),
        (12, 12, "12 days"),
        (56, 56, "8 weeks"),
        (45, 60, "2 months"),
        (60, 90, "2–3 months"),
        (90, 90, "3 months"),
        (120, 180, "4–6 months"),
        (10, 20, "10–20 days"),
        (30, 30, "30 days"),
    ],
)
def test_span_words(low: int, high: int, words: str) -> None:
    assert span_words(low, high) == words


@pytest.mark.parametrize(
    ("stage", "origin", "began_on", "expected"),
    [
        (Stage.INTERVIEWED, Origin.INTERVIEWED, START, "early-on"),
        (Stage.REJECTED_WARM, Origin.INTERVIEWED, START, "after-a-hire"),
        (Stage.INTERVIEWED, Origin.REJECTED, START, "after-a-hire"),
        (Stage.INTERVIEWED, Origin.OFFER_DECLINED, START, "early-on"),
        (Stage.INTERVIEWED, Origin.NO_OPENING, START, "early-on"),
        (Stage.REFERRAL, Origin.REFERRED, START, "introduced"),
        (Stage.INTERVIEWED, Origin.REFERRED, START, "early-on"),
        (Stage.OFFER, Origin.INTERVIEWED, START, "early-on"),
        # Something in play is kept close, even after a "no", even long after.
        (Stage.OFFER, Origin.REJECTED, START, "early-on"),
        (Stage.REFERRAL, Origin.REJECTED, START, "early-on"),
        (Stage.OFFER, Origin.INTERVIEWED, d(3, 1, 2025), "early-on"),
        (Stage.REFERRAL, Origin.REJECTED, d(1, 5, 2023), "early-on"),
        (Stage.INTERVIEWED, Origin.INTERVIEWED, d(3, 1, 2025), "long-game"),
        (Stage.REJECTED_WARM, Origin.REJECTED, d(1, 5, 2023), "long-game"),
        (Stage.INTERVIEWED, Origin.INTERVIEWED, d(3, 3, 2025), "early-on"),
        (Stage.INTERVIEWED, Origin.INTERVIEWED, None, "early-on"),
    ],
)
def test_default_plan_by_stage_origin_and_age(
    stage: Stage, origin: Origin, began_on: pendulum.Date | None, expected: str
) -> None:
    prospect = future(stage=stage, origin=origin, began_on=began_on)
    assert default_plan(prospect, UTC).id == expected


def test_plan_for_uses_the_chosen_plan_then_the_default() -> None:
    mine = plan(id="quarterly", repeat={"kind": "check-in", "days": 90})
    assert plan_for(future(cadence_plan="long-game"), zone=UTC) is LONG_GAME
    assert plan_for(future(cadence_plan="quarterly"), [mine], zone=UTC) is mine
    assert plan_for(future(cadence_plan="gone"), [mine], zone=UTC) is EARLY_ON
    prospect = future(cadence_plan="after-a-hire", origin=Origin.INTERVIEWED)
    assert suggest([], prospect=prospect, plan=None).plan_id == "after-a-hire"


# ------------------------------------------------------------ never due


def test_archived_prospect_is_never_due() -> None:
    prospect = future(stage=Stage.ARCHIVE)
    assert suggest_next(prospect, [hm()], [], today=TODAY, tz=UTC) is None
    assert stopped(prospect, [hm()], [], today=TODAY, tz=UTC) == "archived"


def test_asked_to_stop_anywhere_in_the_history_stops_everything() -> None:
    dana = hm()
    touches = [
        touch(d(3, 3), "call", "asked-to-stop", direction="in"),
        touch(d(3, 5), "email", "replied"),
    ]
    prospect = future([dana])
    assert suggest_next(prospect, [dana], touches, today=TODAY, tz=UTC) is None
    why = stopped(prospect, [dana], touches, today=TODAY, tz=UTC)
    assert why == "they asked you to stop on 3 Mar"


def test_everyone_do_not_contact_is_never_due() -> None:
    people = [hm(do_not_contact=True), hm(name="Lee Park", role="recruiter", do_not_contact=True)]
    prospect = future(people)
    assert suggest_next(prospect, people, [], today=TODAY, tz=UTC) is None
    assert "do not contact" in (stopped(prospect, people, [], today=TODAY, tz=UTC) or "")
    assert stopped(future(), [hm()], [], today=TODAY, tz=UTC) is None


def test_a_plan_without_repeat_ends() -> None:
    once = plan(steps=[{"kind": "thank-you", "days": 1, "anchor": "start"}])
    answered = [touch(d(3, 3), outcome="replied")]
    assert suggest_next(future(), [hm()], answered, plan=once, today=TODAY, tz=UTC) is None


# ------------------------------------------------------------ the rules

ASKED = Skip(at=pendulum.datetime(2026, 3, 1, tz=UTC), kind=TouchKind.REFERRAL_ASK, step=False)
"""The ask for other managers' names, skipped before the story starts: these
rules are about the plan's own steps (the ask has tests of its own)."""
HIRED = future(origin=Origin.REJECTED, stage=Stage.REJECTED_WARM, skips=(ASKED,))

RULES = [
    # name, plan, prospect, touches, due, kind, reason
    (
        "no touch yet: a thank-you the day after the start",
        EARLY_ON,
        None,
        [],
        d(3, 3),
        TouchKind.THANK_YOU,
        "no touch yet: send a thank-you",
    ),
    (
        "no touch yet on the long game: reconnect",
        LONG_GAME,
        None,
        [],
        d(3, 3),
        TouchKind.RECONNECT,
        "no touch yet: reconnect",
    ),
    (
        "sent, no reply: follow up within a week",
        EARLY_ON,
        None,
        [touch(d(3, 3))],
        d(3, 10),
        TouchKind.FOLLOW_UP,
        "no reply yet to the email of 3 Mar: follow up within a week to check it arrived",
    ),
    (
        "a call nobody picked up: try again within a week",
        EARLY_ON,
        None,
        [touch(d(3, 3), "call", "no-answer")],
        d(3, 10),
        TouchKind.FOLLOW_UP,
        "no answer to the call on 3 Mar: try again within a week",
    ),
    (
        "left a voicemail: retry in 3 days",
        EARLY_ON,
        None,
        [touch(d(3, 3), "call", "left-voicemail")],
        d(3, 6),
        TouchKind.FOLLOW_UP,
        "voicemail left on 3 Mar, no call back: try another channel in 3 days",
    ),
    (
        "1st follow-up unanswered: one last one",
        EARLY_ON,
        None,
        [touch(d(3, 3)), touch(d(3, 9), "call", "no-answer")],
        d(3, 16),
        TouchKind.FOLLOW_UP,
        "1st follow-up unanswered: one last follow-up within a week",
    ),
    (
        "2nd follow-up unanswered: back to the long cycle",
        EARLY_ON,
        None,
        [touch(d(3, 3)), touch(d(3, 9), "call", "no-answer"), touch(d(3, 15), "linkedin")],
        d(5, 14),
        TouchKind.CHECK_IN,
        "2nd follow-up unanswered: back to every 2–3 months",
    ),
    (
        "still unanswered after the long-cycle touch: no more follow-ups",
        EARLY_ON,
        None,
        [
            touch(d(3, 3)),
            touch(d(3, 9), "call", "no-answer"),
            touch(d(3, 15), "linkedin"),
            touch(d(5, 14)),
        ],
        d(7, 13),
        TouchKind.VALUE_SHARE,
        "no reply to 4 touches in a row: staying at every 2–3 months",
    ),
    (
        "a reply after the fallback resets the count",
        EARLY_ON,
        None,
        [
            touch(d(3, 3)),
            touch(d(3, 9), "call", "no-answer"),
            touch(d(3, 15), "linkedin"),
            touch(d(5, 14)),
            touch(d(5, 20), direction="in", outcome="replied"),
        ],
        d(6, 3),
        TouchKind.VALUE_SHARE,
        "something useful 2–4 weeks after the last touch (20 May)",
    ),
    (
        "an incoming touch answers: the plan goes on",
        EARLY_ON,
        None,
        [touch(d(3, 3)), touch(d(3, 4), "email", "sent", direction="in")],
        d(3, 18),
        TouchKind.CHECK_IN,
        "check-in 2–4 weeks after the last touch (4 Mar)",
    ),
    (
        "a touch marked replied answers",
        EARLY_ON,
        None,
        [touch(d(3, 3), replied=True)],
        d(3, 17),
        TouchKind.CHECK_IN,
        "check-in 2–4 weeks after the last touch (3 Mar)",
    ),
    (
        "a conversation answers",
        EARLY_ON,
        None,
        [touch(d(3, 3), "call", "conversation")],
        d(3, 17),
        TouchKind.CHECK_IN,
        "check-in 2–4 weeks after the last touch",
    ),
    (
        "an opening mentioned at the offer stage: reply at once",
        EARLY_ON,
        future(stage=Stage.OFFER),
        [touch(d(3, 3), "call", "conversation"), touch(d(3, 6), "call", "opening-mentioned")],
        d(3, 6),
        TouchKind.OPENING_REPLY,
        "they mentioned an opening on 6 Mar: reply now",
    ),
    (
        "an opening mentioned elsewhere: not for you, so offer to refer someone",
        EARLY_ON,
        None,
        [touch(d(3, 3), "call", "conversation"), touch(d(3, 6), "call", "opening-mentioned")],
        d(3, 7),
        TouchKind.OFFER_TO_REFER,
        "they mentioned an opening on 6 Mar: not for you? offer to refer someone",
    ),
    (
        "a referral given: thank them",
        EARLY_ON,
        None,
        [touch(d(3, 3), "email", "referral-given", direction="in")],
        d(3, 4),
        TouchKind.REFERRER_THANKS,
        "they gave you a referral on 3 Mar: thank them",
    ),
    (
        "someone else got the job: check-in 3 months after the start",
        AFTER_A_HIRE,
        HIRED,
        [touch(d(3, 3), outcome="replied")],
        d(5, 31),
        TouchKind.AFTER_HIRE,
        "note after their hire 3–4 months after they hired someone else",
    ),
    (
        "then a work sample a few months after the check-in",
        AFTER_A_HIRE,
        HIRED,
        [touch(d(3, 3), outcome="replied"), touch(d(6, 1), outcome="replied")],
        d(7, 31),
        TouchKind.WORK_SAMPLE,
        "work sample 2–4 months after the last touch (1 Jun)",
    ),
    (
        "then the repeating interval after the last touch",
        AFTER_A_HIRE,
        HIRED,
        [
            touch(d(3, 3), outcome="replied"),
            touch(d(6, 1), outcome="replied"),
            touch(d(8, 3), outcome="replied"),
        ],
        d(12, 1),
        TouchKind.WORK_SAMPLE,
        "work sample every 4–6 months; last touch 3 Aug",
    ),
    (
        "a step from the start never lands within a week of the last touch out",
        AFTER_A_HIRE,
        HIRED,
        [touch(d(5, 28), outcome="replied")],
        d(6, 4),
        TouchKind.AFTER_HIRE,
        "note after their hire 3–4 months after they hired someone else",
    ),
    (
        "a late first touch: the start step waits a week after it",
        AFTER_A_HIRE,
        HIRED,
        [touch(d(6, 20), outcome="replied")],
        d(6, 27),
        TouchKind.AFTER_HIRE,
        "note after their hire 3–4 months after they hired someone else",
    ),
    (
        "an incoming touch after a start step's date: due no earlier than that touch",
        AFTER_A_HIRE,
        HIRED,
        [touch(d(3, 9), direction="in", outcome="replied")],
        d(3, 9),
        TouchKind.THANK_YOU,
        "thank-you 1–2 days after their decision",
    ),
    (
        "a follow-up is not a plan step: the plan resumes after the reply",
        EARLY_ON,
        None,
        [touch(d(3, 3)), touch(d(3, 9), outcome="replied")],
        d(3, 23),
        TouchKind.CHECK_IN,
        "check-in 2–4 weeks after the last touch (9 Mar)",
    ),
]


@pytest.mark.parametrize(
    ("plan_", "prospect", "touches", "due", "kind", "reason"),
    [rule[1:] for rule in RULES],
    ids=[rule[0] for rule in RULES],
)
def test_rule(
    plan_: CadencePlan,
    prospect: Prospect | None,
    touches: list[Touch],
    due: pendulum.Date,
    kind: TouchKind,
    reason: str,
) -> None:
    result = suggest(touches, plan=plan_, prospect=prospect)
    assert (result.due, result.kind) == (due, kind)
    assert reason in result.reason
    assert result.overdue_days == max(0, (TODAY - due).days)


def test_touches_may_come_in_any_order() -> None:
    touches = [touch(d(3, 15), "linkedin"), touch(d(3, 3)), touch(d(3, 9), "call", "no-answer")]
    people = [hm()]
    assert suggest(touches, people=people).reason.startswith("2nd follow-up unanswered")
    assert suggest(list(reversed(touches)), people=people) == suggest(touches, people=people)


def test_no_touch_yet_counts_from_the_day_it_was_added() -> None:
    berlin = pendulum.timezone("Europe/Berlin")
    added = pendulum.datetime(2026, 3, 4, 23, 30, tz=UTC)  # already 5 March in Berlin
    prospect = future(began_on=None, created_at=added)
    assert suggest([], prospect=prospect, tz=UTC).due == d(3, 5)
    assert suggest([], prospect=prospect, tz=berlin).due == d(3, 6)


def test_an_opening_at_the_offer_stage_is_urgent_and_answered_in_kind() -> None:
    touches = [touch(d(3, 6), "call", "opening-mentioned", direction="in")]
    at_offer = future(stage=Stage.OFFER)
    result = suggest(touches, prospect=at_offer)
    assert (result.kind, result.channel) == (TouchKind.OPENING_REPLY, Channel.CALL)
    assert result.overdue_days == 4
    assert result.urgency.breakdown["opening"] > 0
    assert result.reason == "they mentioned an opening on 6 Mar: reply now"

    elsewhere = suggest(touches)
    assert elsewhere.kind is TouchKind.OFFER_TO_REFER
    assert "opening" not in elsewhere.urgency.breakdown


def test_overdue_days_and_not_yet_due() -> None:
    early = suggest([touch(d(3, 3))], today=d(3, 5))
    assert (early.due, early.overdue_days) == (d(3, 10), 0)
    assert early.urgency.breakdown["not yet due"] < 0
    late = suggest([touch(d(3, 3))], today=d(3, 31))
    assert late.overdue_days == 21
    assert late.urgency.breakdown["overdue"] > 0


def test_snooze_moves_the_due_date_and_says_so() -> None:
    result = suggest([touch(d(3, 3))], snoozed_until=d(3, 20))
    assert result.due == d(3, 20)
    assert result.overdue_days == 0
    assert result.reason.endswith("(snoozed until 20 Mar)")
    unchanged = suggest([touch(d(3, 3))], snoozed_until=d(3, 8))
    assert unchanged.due == d(3, 10)
    assert "snoozed" not in unchanged.reason


def test_dates_in_another_year_show_the_year() -> None:
    result = suggest([touch(d(12, 30, 2025))], today=d(1, 2))
    assert "30 Dec 2025" in result.reason
    assert result.due == d(1, 6)


# ------------------------------------------------------------ dates and zones


@pytest.mark.parametrize(
    ("zone", "at_utc", "local_day", "due"),
    [
        # New York springs forward at 02:00 on 8 March 2026.
        ("America/New_York", (2026, 3, 8, 4, 30), d(3, 7), d(3, 14)),
        ("America/New_York", (2026, 3, 8, 7, 30), d(3, 8), d(3, 15)),
        ("America/New_York", (2026, 3, 1, 4, 30), d(2, 28), d(3, 7)),
        # Berlin falls back at 03:00 on 25 October 2026.
        ("Europe/Berlin", (2026, 10, 24, 22, 30), d(10, 25), d(11, 1)),
        ("Europe/Berlin", (2026, 10, 25, 23, 30), d(10, 26), d(11, 2)),
        ("Europe/Berlin", (2026, 10, 24, 21, 30), d(10, 24), d(10, 31)),
    ],
)
def test_follow_up_counts_local_calendar_days_across_dst(
    zone: str, at_utc: tuple[int, ...], local_day: pendulum.Date, due: pendulum.Date
) -> None:
    sent = Touch(prospect_id="p1", at=pendulum.datetime(*at_utc, tz=UTC), channel="email")
    result = suggest([sent], tz=pendulum.timezone(zone), today=due)
    assert result.due == due
    assert result.overdue_days == 0
    assert f"{local_day.day} {local_day.format('MMM')}" in result.reason


def test_days_are_counted_in_the_zone_given() -> None:
    """The engine never looks up the user's zone: the use cases pass it."""
    sent = Touch(prospect_id="p1", at=pendulum.datetime(2026, 3, 8, 20, tz=UTC), channel="email")
    # 20:00 UTC on 8 March is 05:00 on 9 March in Tokyo.
    assert suggest([sent], tz=pendulum.timezone("Asia/Tokyo")).due == d(3, 16)
    assert suggest([sent], tz=UTC).due == d(3, 15)


def test_late_evening_touches_count_on_their_local_day_across_dst() -> None:
    new_york = pendulum.timezone("America/New_York")
    touches = [
        touch(d(1, 10), zone=new_york, hour=23),
        touch(d(1, 16), "call", "no-answer", zone=new_york, hour=23),
        touch(d(1, 22), "linkedin", zone=new_york, hour=23),
    ]
    result = suggest(touches, tz=new_york, today=d(3, 1))
    assert result.due == d(3, 23)  # 60 days after 22 January, in summer time
    assert result.due == d(1, 22).add(days=60)


# ------------------------------------------------------------ people and channels


def test_person_hiring_manager_first_recruiter_last() -> None:
    people = [
        hm(name="Rae Recruiter", role="recruiter"),
        hm(name="Oli Other", role="other"),
        hm(name="Ref Erin", role="referrer"),
        hm(name="Ian Interviewer", role="interviewer"),
        hm(name="Hana Manager", role="hiring-manager", do_not_contact=True),
    ]
    order = []
    remaining = list(people)
    while (chosen := pick_person(remaining)) is not None:
        order.append(chosen.name)
        remaining.remove(chosen)
    assert order == ["Ian Interviewer", "Ref Erin", "Oli Other", "Rae Recruiter"]
    assert pick_person([]) is None


def test_person_ties_follow_the_prospects_order() -> None:
    first, second = hm(name="Ann One"), hm(name="Bo Two")
    prospect = future([second, first])
    assert pick_person([first, second], prospect) is second


def test_a_follow_up_goes_to_whoever_did_not_answer() -> None:
    manager, colleague = hm(), hm(name="Ian Interviewer", role="interviewer")
    people = [manager, colleague]
    result = suggest([touch(d(3, 3), person=colleague)], people=people)
    assert result.kind is TouchKind.FOLLOW_UP
    assert result.person_id == colleague.id


def test_a_recruiters_silence_sends_you_to_the_manager() -> None:
    manager, recruiter = hm(), hm(name="Rae Recruiter", role="recruiter")
    people = [manager, recruiter]
    result = suggest([touch(d(3, 3), person=recruiter)], people=people)
    assert (result.kind, result.person_id) == (TouchKind.CHECK_IN, manager.id)
    assert "Rae (recruiter) has not answered the email: write to Dana" in result.reason
    answered = suggest([touch(d(3, 3), outcome="replied", person=recruiter)], people=people)
    assert answered.person_id == manager.id


def test_a_prospect_with_nobody_asks_for_a_person() -> None:
    result = suggest([], people=[])
    assert (result.person_id, result.channel) == (None, None)
    assert result.reason.startswith("nobody to contact here yet: add a person")


def test_preferred_channel_wins_even_twice_in_a_row() -> None:
    dana = hm(preferred_channel="call")
    result = suggest([touch(d(3, 3), "call", "left-voicemail", person=dana)], people=[dana])
    assert result.channel is Channel.CALL


def test_channels_rotate_through_what_the_person_has() -> None:
    dana = hm(city="Lyon")
    seen = []
    last = None
    for _ in range(6):
        last = choose_channel(dana, TouchKind.CHECK_IN, last=last, my_city=" lyon ").channel
        seen.append(last)
    # No text: Dana never texted and does not prefer texts.
    assert seen == [
        Channel.EMAIL,
        Channel.CALL,
        Channel.LINKEDIN,
        Channel.IN_PERSON,
        Channel.EMAIL,
        Channel.CALL,
    ]


@pytest.mark.parametrize(
    ("details", "last", "home", "expected"),
    [
        ({"phone": ""}, "email", "", Channel.LINKEDIN),
        ({"phone": "", "linkedin": ""}, "email", "", Channel.EMAIL),
        ({"phone": "", "linkedin": "", "email": ""}, None, "", None),
        ({"phone": "", "linkedin": "", "email": "", "address": "1 Rue X"}, None, "", "letter"),
        ({"email": "", "linkedin": ""}, "call", "", Channel.CALL),
        ({"email": "", "linkedin": ""}, "voicemail", "", Channel.CALL),
        ({"email": "", "linkedin": "", "preferred_channel": "text"}, "call", "", Channel.TEXT),
        ({"linkedin": "", "city": "Lyon"}, "call", "Paris", Channel.EMAIL),
        ({"linkedin": "", "city": "Lyon"}, "call", "LYON", Channel.IN_PERSON),
        ({}, "letter", "", Channel.EMAIL),
        ({}, "in-person", "", Channel.EMAIL),
    ],
)
def test_channel_needs_the_details_and_never_repeats(
    details: dict, last: str | None, home: str, expected: Channel | None
) -> None:
    person = hm(**details)
    choice = choose_channel(
        person, TouchKind.CHECK_IN, last=Channel(last) if last else None, my_city=home
    )
    assert choice.channel == expected


def test_channel_looks_at_the_last_touch_out_to_that_person() -> None:
    dana, lee = hm(), hm(name="Lee Park")
    touches = [
        touch(d(3, 3), "call", person=dana),
        touch(d(3, 4), "email", person=lee),
        touch(d(3, 5), "linkedin", direction="in", person=dana),
    ]
    assert summarise(touches).last_channel_to(dana.id) is Channel.CALL
    unassigned = [touch(d(3, 3), "call", person=dana), touch(d(3, 6), "linkedin")]
    assert summarise(unassigned).last_channel_to(dana.id) is Channel.LINKEDIN


def test_voicemail_retry_suggests_another_channel() -> None:
    dana = hm()
    result = suggest([touch(d(3, 3), "call", "left-voicemail", person=dana)], people=[dana])
    assert result.channel not in (Channel.CALL, Channel.VOICEMAIL)


# ------------------------------------------------------------ warnings and urgency


def test_recruiter_only_warning() -> None:
    recruiter = hm(name="Rae Recruiter", role="recruiter")
    assert "Only a recruiter" in (recruiter_only_warning([recruiter]) or "")
    two = [recruiter, hm(name="Sam Sourcer", role=PersonRole.RECRUITER)]
    assert "Only recruiters" in (recruiter_only_warning(two) or "")
    assert recruiter_only_warning([recruiter, hm()]) is None
    assert recruiter_only_warning([recruiter, hm(do_not_contact=True)]) is not None
    assert recruiter_only_warning([]) is None


def test_urgency_parts_are_named_and_add_up() -> None:
    score = urgency(lateness=3, stage=Stage.OFFER, replied_days_ago=10, opening=True)
    assert score.breakdown == {"overdue": 3.0, "stage": 6.0, "warmth": 3.0, "opening": 20.0}
    assert score.total == 32.0
    assert (Urgency(()).breakdown, Urgency(()).total) == ({}, 0)


@pytest.mark.parametrize(
    ("higher", "lower"),
    [
        ({"stage": Stage.OFFER}, {"stage": Stage.INTERVIEWED}),
        ({"stage": Stage.REFERRAL}, {"stage": Stage.REJECTED_WARM}),
        ({"replied_days_ago": 5}, {"replied_days_ago": 45}),
        ({"replied_days_ago": 45}, {"replied_days_ago": 200}),
        ({"replied_days_ago": 45}, {}),
        ({"opening": True}, {}),
        ({"lateness": 10}, {"lateness": 0}),
        ({"lateness": 0}, {"lateness": -3}),
    ],
)
def test_urgency_weighs(higher: dict, lower: dict) -> None:
    base: dict[str, Any] = {"lateness": 1, "stage": Stage.INTERVIEWED}
    assert urgency(**base | higher).total > urgency(**base | lower).total


def test_an_offer_due_this_week_beats_a_contact_forgotten_for_years() -> None:
    offer = urgency(lateness=0, stage=Stage.OFFER, opening=True)
    forgotten = urgency(lateness=3 * 365, stage=Stage.INTERVIEWED)
    assert offer.total > forgotten.total


def test_warmth_comes_from_the_last_answer() -> None:
    touches = [touch(d(3, 3), "call", "conversation"), touch(d(3, 5))]
    assert suggest(touches).urgency.breakdown["warmth"] == 3.0
    assert "warmth" not in suggest([touch(d(3, 3))]).urgency.breakdown


def test_directions_are_the_models() -> None:
    # Guard against a renamed member silently disabling the reply rule.
    assert {Direction.IN, Direction.OUT} == set(Direction)
    assert Outcome.ASKED_TO_STOP in set(Outcome)


def test_referred_is_one_fact_for_the_plan_and_the_insights() -> None:
    """engine/facts.is_referred: begun as a referral, or naming who referred it."""
    assert is_referred(Prospect(company_id="c", origin=Origin.REFERRED))
    assert is_referred(Prospect(company_id="c", referred_by_id="someone"))
    assert not is_referred(Prospect(company_id="c", origin=Origin.INTERVIEWED))
