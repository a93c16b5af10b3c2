"""A history's summary and the engine's decision: what the store keeps says what the touches say."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.engine.cadence import Decision, decide, finish, suggest_next
from jobfutures_tui.engine.history import (
    REPLY_OUTCOMES,
    UNANSWERED,
    CadenceSummary,
    TouchFacts,
    answered,
    summarise,
    they_replied,
)
from jobfutures_tui.models import Channel, Direction, Outcome, Person, Prospect, Stage, Touch

UTC = pendulum.UTC
BASE = pendulum.datetime(2025, 10, 1, tz=UTC)
ZONES = [pendulum.timezone(n) for n in ("UTC", "America/New_York", "Pacific/Auckland")]


@st.composite
def teams(draw: st.DrawFn) -> list[Person]:
    return [
        Person(
            name=f"Person {index}",
            role=draw(st.sampled_from(["hiring-manager", "recruiter", "interviewer"])),
            email=draw(st.sampled_from(["", f"p{index}@example.com"])),
            phone=draw(st.sampled_from(["", "+1 555 0100"])),
            linkedin=draw(st.sampled_from(["", "linkedin.com/in/p"])),
            preferred_channel=draw(st.none() | st.sampled_from(list(Channel))),
            do_not_contact=draw(st.booleans()) if index else False,
        )
        for index in range(draw(st.integers(0, 3)))
    ]


@st.composite
def histories(draw: st.DrawFn, team: list[Person]) -> list[Touch]:
    """Touches in the order they were logged (not the order they happened), some at
    the same instant, so ties are broken by when they were logged."""
    touches = []
    for index in range(draw(st.integers(0, 10))):
        at = BASE.add(
            hours=draw(st.sampled_from([0, 5, 30, 200, 2000, 9000])) * draw(st.integers(0, 3))
        )
        touches.append(
            Touch(
                prospect_id="p1",
                person_id=draw(st.sampled_from([None, *(p.id for p in team)])),
                at=at,
                created_at=BASE.add(minutes=index),
                channel=draw(st.sampled_from(list(Channel))),
                direction=draw(st.sampled_from(list(Direction))),
                outcome=draw(st.sampled_from(list(Outcome))),
                replied=draw(st.booleans()),
            )
        )
    return touches


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    team = draw(teams())
    prospect = Prospect(
        company_id="c1",
        person_ids=tuple(p.id for p in team),
        stage=draw(st.sampled_from(Stage.board())),
        began_on=BASE.date().add(days=draw(st.integers(-800, 30))),
        created_at=BASE,
        snoozed_until=draw(st.none() | st.just(BASE.date().add(days=60))),
    )
    return {
        "prospect": prospect,
        "people": team,
        "touches": draw(histories(team)),
        "plan": draw(st.sampled_from(list(BUILT_IN_PLANS.values()))),
        "tz": draw(st.sampled_from(ZONES)),
        "home_city": "",
    }


def folded_one_by_one(touches: list[Touch]) -> CadenceSummary:
    """As the store keeps it: each touch's stored facts, folded in the order they happened."""
    summary = CadenceSummary()
    for facts in sorted(
        (TouchFacts.of(t) for t in touches), key=lambda f: (f.at, f.created_at, f.id)
    ):
        summary.add(facts)
    return summary


@settings(max_examples=examples(150), deadline=None)
@given(cases(), st.lists(st.integers(0, 900), min_size=1, max_size=4))
def test_a_kept_summary_and_decision_suggest_what_the_touches_do(
    case: dict[str, Any], days: list[int]
) -> None:
    touches = case.pop("touches")
    prospect = case["prospect"]
    stored = CadenceSummary.from_json(folded_one_by_one(touches).to_json())
    assert stored == summarise(touches)
    decision = decide(**case, touches=stored)
    if decision is not None:
        assert Decision.from_json(decision.to_json()) == decision
    for offset in days:
        today = BASE.date().add(days=offset)
        expected = suggest_next(
            **case, touches=touches, today=today, snoozed_until=prospect.snoozed_until
        )
        kept = (
            None
            if decision is None
            else finish(
                decision, stage=prospect.stage, today=today, snoozed_until=prospect.snoozed_until
            )
        )
        assert kept == expected


def test_the_fold_reads_a_history_as_the_engine_always_has() -> None:
    sent = [
        Touch(prospect_id="p1", at=BASE.add(days=n), channel="email", outcome="sent")
        for n in range(4)
    ]
    summary = summarise(sent)
    assert (summary.touches, summary.planned, summary.streak) == (4, 2, 4)
    assert summary.fallback and not summary.following_up
    assert summary.steps_done(1) == 1
    answer = Touch(prospect_id="p1", at=BASE.add(days=5), channel="call", outcome="conversation")
    summary.add(answer)
    assert (summary.streak, summary.last_answer_at) == (0, answer.at)
    assert summary.last_channel_to("someone") is Channel.CALL


def test_they_replied_is_what_the_engine_counts_as_an_answer() -> None:
    """One definition: a touch saved with the flag they_replied gives is answered
    exactly when they_replied says so, and an answer resets the unanswered streak."""
    for direction in Direction:
        for outcome in Outcome:
            flag = they_replied(direction, outcome)
            touch = Touch(
                prospect_id="p1",
                at=BASE,
                channel="email",
                direction=direction,
                outcome=outcome,
                replied=flag,
            )
            assert answered(touch) is flag, (direction, outcome)
            assert (summarise([touch]).streak == 0) is flag, (direction, outcome)
    assert set(Outcome) == REPLY_OUTCOMES | UNANSWERED and not REPLY_OUTCOMES & UNANSWERED
