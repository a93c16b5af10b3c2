"""Cadence rules that must hold for any history, checked with hypothesis."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.engine.cadence import suggest_next, urgency
from jobfutures_tui.engine.channels import FITS, reaches
from jobfutures_tui.engine.history import UNANSWERED, summarise
from jobfutures_tui.models import Channel, Direction, Outcome, Person, Prospect, Stage, Touch
from jobfutures_tui.models.plan import CadencePlan

UTC = pendulum.UTC
ZONES = [
    pendulum.timezone(name)
    for name in ("UTC", "America/New_York", "Europe/Berlin", "Pacific/Auckland", "Asia/Kolkata")
]
BASE = pendulum.datetime(2025, 10, 1, tz=UTC)
"""Histories start here and span two DST changes in each hemisphere."""

zones = st.sampled_from(ZONES)
plans = st.sampled_from(list(BUILT_IN_PLANS.values()))
outcomes_without_stop = st.sampled_from([o for o in Outcome if o is not Outcome.ASKED_TO_STOP])
unanswered = st.sampled_from(sorted(UNANSWERED))
stages = st.sampled_from(Stage.board())
any_direction = st.sampled_from(list(Direction))


@st.composite
def people(draw: st.DrawFn) -> list[Person]:
    """One to three people, each reachable by email at least."""
    found = []
    for index in range(draw(st.integers(1, 3))):
        found.append(
            Person(
                name=f"Person {index}",
                role=draw(st.sampled_from(["hiring-manager", "recruiter", "interviewer"])),
                email=f"p{index}@example.com",
                phone=draw(st.sampled_from(["", "+1 555 0100"])),
                linkedin=draw(st.sampled_from(["", "linkedin.com/in/p"])),
                city=draw(st.sampled_from(["", "Lyon", "Oslo"])),
                preferred_channel=draw(st.none() | st.sampled_from(list(Channel))),
                do_not_contact=draw(st.booleans()) if index else False,
            )
        )
    return found


@st.composite
def histories(
    draw: st.DrawFn, team: list[Person], outcomes: Any, directions: Any, replies: Any
) -> list[Touch]:
    touches = []
    for _ in range(draw(st.integers(0, 8))):
        minutes = draw(st.integers(0, 400 * 24 * 60))
        touches.append(
            Touch(
                prospect_id="p1",
                person_id=draw(st.sampled_from([None, *(p.id for p in team)])),
                at=BASE.add(minutes=minutes),
                channel=draw(st.sampled_from(list(Channel))),
                direction=draw(directions),
                outcome=draw(outcomes),
                replied=draw(replies),
            )
        )
    return touches


@st.composite
def cases(
    draw: st.DrawFn,
    outcomes: Any = outcomes_without_stop,
    directions: Any = any_direction,
    replies: Any = None,
) -> dict[str, Any]:
    team = draw(people())
    began = BASE.date().add(days=draw(st.integers(-800, 30)))
    prospect = Prospect(
        company_id="c1",
        person_ids=tuple(p.id for p in team),
        stage=draw(stages),
        began_on=began,
        created_at=BASE,
    )
    return {
        "prospect": prospect,
        "people": team,
        "touches": draw(
            histories(team, outcomes, directions, st.booleans() if replies is None else replies)
        ),
        "plan": draw(plans),
        "tz": draw(zones),
        "today": BASE.date().add(days=draw(st.integers(0, 500))),
        "home_city": draw(st.sampled_from(["", "lyon"])),
    }


def last_local_day(touches: list[Touch], zone: Any) -> pendulum.Date | None:
    if not touches:
        return None
    return max(touches, key=lambda t: t.at).at.in_timezone(zone).date()


@settings(max_examples=examples(80), deadline=None)
@given(cases())
def test_due_never_precedes_the_last_touch(case: dict[str, Any]) -> None:
    result = suggest_next(**case)
    assert result is not None
    last = last_local_day(case["touches"], case["tz"])
    if last is not None:
        assert result.due >= last
    assert result.overdue_days >= 0
    assert result.overdue_days == max(0, (case["today"] - result.due).days)
    assert result.reason


@settings(max_examples=examples(60), deadline=None)
@given(cases(), st.data())
def test_a_stopped_prospect_is_never_due(case: dict[str, Any], data: st.DataObject) -> None:
    touches = case["touches"]
    stop = Touch(
        prospect_id="p1",
        at=BASE.add(days=data.draw(st.integers(0, 400))),
        channel=data.draw(st.sampled_from(list(Channel))),
        direction=data.draw(st.sampled_from(list(Direction))),
        outcome=Outcome.ASKED_TO_STOP,
    )
    at = data.draw(st.integers(0, len(touches)))
    case["touches"] = [*touches[:at], stop, *touches[at:]]
    assert suggest_next(**case) is None


@settings(max_examples=examples(60), deadline=None)
@given(cases(), st.integers(1, 3))
def test_consecutive_suggestions_change_channel_unless_preferred(
    case: dict[str, Any], rounds: int
) -> None:
    touches = list(case["touches"])
    by_id = {p.id: p for p in case["people"]}
    previous = suggest_next(**case)
    for _ in range(rounds):
        assert previous is not None
        at = pendulum.datetime(
            previous.due.year, previous.due.month, previous.due.day, 12, tz=case["tz"]
        )
        if touches:
            at = max(at, max(t.at for t in touches).add(minutes=1))
        touches.append(
            Touch(
                prospect_id="p1",
                person_id=previous.person_id,
                at=at,
                channel=previous.channel,
                outcome=Outcome.SENT,
            )
        )
        case["touches"] = touches
        following = suggest_next(**case)
        assert following is not None
        assert following.due >= at.in_timezone(case["tz"]).date()
        person = by_id.get(following.person_id or "")
        if following.person_id == previous.person_id and person is not None:
            assert_channel_follows_the_rules(case, touches, person, following, previous)
        previous = following


def assert_channel_follows_the_rules(
    case: dict[str, Any],
    touches: list[Touch],
    person: Person,
    following: Any,
    previous: Any,
) -> None:
    """A reachable preferred channel that fits wins; else a rotating kind never
    repeats the channel just used while another fitting one reaches them."""
    texted = summarise(touches).texted_by(person.id)

    def ok(channel: Channel) -> bool:
        return reaches(person, channel, my_city=case["home_city"], texted=texted)

    assert following.channel is not None and ok(following.channel)
    fit = FITS[following.kind]
    preferred = person.preferred_channel
    wanted = Channel.CALL if preferred is Channel.VOICEMAIL else preferred
    if wanted is not None and wanted in (*fit.channels, *fit.last_resort) and ok(wanted):
        assert following.channel is preferred
    elif fit.rotate and len([c for c in fit.channels if ok(c)]) > 1:
        phone = {Channel.CALL, Channel.VOICEMAIL}
        same = {previous.channel} | (phone if previous.channel in phone else set())
        assert following.channel not in same


@settings(max_examples=examples(60), deadline=None)
@given(cases(), st.integers(-30, 400))
def test_snoozed_is_not_due_before_its_date(case: dict[str, Any], days: int) -> None:
    until = case["today"].add(days=days)
    result = suggest_next(**case, snoozed_until=until)
    assert result is not None
    assert result.due >= until
    plain = suggest_next(**case)
    assert plain is not None
    assert result.due == max(plain.due, until)


@settings(max_examples=examples(60), deadline=None)
@given(
    st.integers(-400, 4000),
    st.integers(1, 400),
    stages,
    st.none() | st.integers(0, 400),
    st.booleans(),
)
def test_more_overdue_is_more_urgent(
    lateness: int, more: int, stage: Stage, replied: int | None, opening: bool
) -> None:
    less_late = urgency(lateness=lateness, stage=stage, replied_days_ago=replied, opening=opening)
    more_late = urgency(
        lateness=lateness + more, stage=stage, replied_days_ago=replied, opening=opening
    )
    assert more_late.total > less_late.total


@settings(max_examples=examples(60), deadline=None)
@given(
    cases(outcomes=unanswered, directions=st.just(Direction.OUT), replies=st.just(False)),
    st.integers(1, 300),
)
def test_waiting_longer_raises_urgency(case: dict[str, Any], wait: int) -> None:
    """With no answer in the history (so no warmth), only the wait changes."""
    sooner = suggest_next(**case)
    later = suggest_next(**case | {"today": case["today"].add(days=wait)})
    assert sooner is not None and later is not None
    assert later.due == sooner.due
    assert later.urgency.total > sooner.urgency.total


def test_every_built_in_plan_is_a_plan() -> None:
    assert all(isinstance(plan, CadencePlan) for plan in BUILT_IN_PLANS.values())
