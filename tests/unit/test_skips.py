"""Skipping the touch that is due: the plan goes on from the skip, no one is contacted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cadence import START, d, future, hm, touch
from test_cadence_properties import cases
from thoroughness import examples

from jobfutures_tui.engine.built_in_plans import AFTER_A_HIRE, EARLY_ON, PROMPT_THANKS
from jobfutures_tui.engine.cadence import decide, skip_next, suggest_next
from jobfutures_tui.engine.facts import FutureFacts
from jobfutures_tui.engine.history import summarise
from jobfutures_tui.models import Company, Person, Prospect, Skip, Touch
from jobfutures_tui.models.enums import TouchKind
from jobfutures_tui.models.plan import Anchor, CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.facts import Facts
from jobfutures_tui.usecases.skips import skip_due

UTC = pendulum.UTC
TODAY = d(6, 1)


def skipped(on: pendulum.Date, kind: str, *, step: bool = True, hour: int = 18) -> Skip:
    return Skip(at=pendulum.datetime(on.year, on.month, on.day, hour, tz=UTC), kind=kind, step=step)


def answered(on: pendulum.Date) -> Touch:
    return touch(on, "email", "replied", direction="in")


# Each case: the plan, the touches, the skips, then the due day, the kind and
# the start of the reason. EARLY_ON: thank-you 1–2 days from the start (2 Mar),
# then check-in, value share, check-in, value share every 2–4 weeks, then
# value share every 2–3 months.
CASES: list[tuple[str, CadencePlan, list[Touch], list[Skip], pendulum.Date, TouchKind, str]] = [
    (
        "the thank-you skipped before any touch",
        EARLY_ON,
        [],
        [skipped(d(3, 3), "thank-you")],
        d(3, 17),
        TouchKind.CHECK_IN,
        "thank-you skipped on 3 Mar; next: check-in 2–4 weeks after that",
    ),
    (
        "a check-in skipped after the thanks were answered",
        EARLY_ON,
        [touch(d(3, 3)), answered(d(3, 4))],
        [skipped(d(3, 20), "check-in")],
        d(4, 3),
        TouchKind.VALUE_SHARE,
        "check-in skipped on 20 Mar; next: something useful 2–4 weeks after that",
    ),
    (
        "a follow-up skipped: the plan's next step, not another follow-up",
        EARLY_ON,
        [touch(d(3, 3))],
        [skipped(d(3, 11), "follow-up", step=False)],
        d(3, 25),
        TouchKind.CHECK_IN,
        "follow-up skipped on 11 Mar; next: check-in 2–4 weeks after that",
    ),
    (
        "a reply to an opening skipped",
        EARLY_ON,
        [touch(d(3, 3)), touch(d(3, 5), "call", "opening-mentioned", direction="in")],
        [skipped(d(3, 6), "offer-to-refer", step=False)],
        d(3, 20),
        TouchKind.CHECK_IN,
        "offer to refer someone skipped on 6 Mar; next: check-in 2–4 weeks after that",
    ),
    (
        "a skip older than the last touch only counts as a step done",
        EARLY_ON,
        [touch(d(3, 3)), answered(d(3, 4)), touch(d(4, 1)), answered(d(4, 2))],
        [skipped(d(3, 20), "check-in")],
        d(4, 16),
        TouchKind.CHECK_IN,
        "check-in 2–4 weeks after the last touch (2 Apr)",
    ),
    (
        "every step skipped: the repeat, counted from the last skip",
        EARLY_ON,
        [],
        [
            skipped(d(3, n), kind)
            for n, kind in enumerate(
                ["thank-you", "check-in", "value-share", "check-in", "value-share"], start=3
            )
        ],
        d(5, 6),
        TouchKind.VALUE_SHARE,
        "something useful skipped on 7 Mar; next: something useful every 2–3 months",
    ),
    (
        "a step counted from the start keeps its day",
        AFTER_A_HIRE,
        [],
        [skipped(d(3, 3), "thank-you")],
        d(5, 31),
        TouchKind.AFTER_HIRE,
        "thank-you skipped on 3 Mar; next: note after their hire 3–4 months after they hired",
    ),
    (
        "unanswered past the follow-ups: still the long pace after a skip",
        EARLY_ON,
        [touch(d(3, 3)), touch(d(3, 10)), touch(d(3, 17))],
        [skipped(d(3, 25), "check-in")],
        d(5, 24),
        TouchKind.VALUE_SHARE,
        "check-in skipped on 25 Mar; next: 2nd follow-up unanswered: back to every 2–3 months",
    ),
]


@pytest.mark.parametrize(
    ("plan", "touches", "skips", "due", "kind", "reason"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_after_a_skip(
    plan: CadencePlan,
    touches: list[Touch],
    skips: list[Skip],
    due: pendulum.Date,
    kind: TouchKind,
    reason: str,
) -> None:
    people = [hm()]
    prospect = future(people, skips=tuple(skips))
    result = suggest_next(prospect, people, touches, plan=plan, today=TODAY, tz=UTC)
    assert result is not None
    assert (result.due, result.kind) == (due, kind)
    assert result.reason.startswith(reason), result.reason


def test_the_last_step_skipped_of_a_plan_without_repeat_leaves_nothing_due() -> None:
    once = CadencePlan(id="once", name="Once", steps=PROMPT_THANKS.steps)
    prospect = future([hm()], skips=(skipped(d(3, 3), "thank-you"),))
    assert suggest_next(prospect, [hm()], [], plan=once, today=TODAY, tz=UTC) is None


@pytest.mark.parametrize(
    ("touches", "kind", "step"),
    [
        ([], TouchKind.THANK_YOU, True),
        ([touch(d(3, 3)), answered(d(3, 4))], TouchKind.CHECK_IN, True),
        ([touch(d(3, 3))], TouchKind.FOLLOW_UP, False),
        ([touch(d(3, 5), "call", "opening-mentioned", direction="in")],
         TouchKind.OFFER_TO_REFER, False),
        ([touch(d(3, 5), "call", "referral-given", direction="in")],
         TouchKind.REFERRER_THANKS, False),
    ],
)  # fmt: skip
def test_a_skip_records_what_was_due_and_whether_it_was_a_plan_touch(
    touches: list[Touch], kind: TouchKind, step: bool
) -> None:
    at = pendulum.datetime(2026, 3, 20, 9, tz=UTC)
    found = skip_next(future([hm()]), [hm()], touches, plan=EARLY_ON, at=at, tz=UTC)
    assert found == Skip(at=at, kind=kind, step=step)


def test_nothing_to_skip_for_an_archived_job_future() -> None:
    at = pendulum.datetime(2026, 3, 20, 9, tz=UTC)
    assert skip_next(future([hm()], stage="archive"), [hm()], [], at=at, tz=UTC) is None


@settings(max_examples=examples(60), deadline=None)
@given(cases(), st.integers(0, 60))
def test_a_skip_moves_on_and_never_brings_the_next_touch_closer(
    case: dict[str, Any], minutes: int
) -> None:
    """Skipping what is due never leaves the same touch due again, on the same
    day or sooner, unless the plan counts it from the start."""
    before = suggest_next(**case)
    assert before is not None
    touches = case["touches"]
    latest = max((t.at for t in touches), default=pendulum.datetime(2025, 9, 1, tz=UTC))
    at = latest.add(minutes=minutes + 1)
    skip = skip_next(
        case["prospect"], case["people"], touches, plan=case["plan"], at=at, tz=case["tz"]
    )
    assert skip is not None and skip.kind is before.kind
    case["prospect"] = case["prospect"].model_copy(update={"skips": (skip,)})
    after = suggest_next(**case)
    if after is None:
        assert case["plan"].repeat is None
        return
    assert after.reason.startswith(f"{skip.kind.label} skipped on ")
    plan = case["plan"]
    done = summarise(touches).steps_done(len(plan.steps), skipped=int(skip.step))
    if done == len(plan.steps) or plan.steps[done].anchor is Anchor.LAST_TOUCH:
        assert after.due > at.in_timezone(case["tz"]).date()


def test_stored_skips_are_read_as_the_model_reads_them(tmp_path: Path) -> None:
    firm = Company(name="Northwind")
    skips = (skipped(d(3, 3), "thank-you"), skipped(d(3, 20), "follow-up", step=False))
    prospect = future([]).model_copy(update={"company_id": firm.id, "skips": skips})
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, prospect)
        facts = Facts(repo).future(prospect.id)
        assert isinstance(facts, FutureFacts), "read from the stored row, not the model"
        assert [(s.at, s.kind, s.step) for s in facts.skips] == [
            (s.at, s.kind, s.step) for s in prospect.skips
        ]
        assert decide(facts, [], None, plan=EARLY_ON, tz=UTC) == decide(
            prospect, [], None, plan=EARLY_ON, tz=UTC
        )


def test_skip_due_saves_a_skip_and_says_what_comes_next(tmp_path: Path) -> None:
    now = pendulum.datetime(2026, 3, 20, 9, tz=UTC)
    firm = Company(name="Northwind")
    person = Person(name="Dana Reyes", email="dana@example.com", company_id=firm.id)
    prospect = Prospect(
        company_id=firm.id, person_ids=(person.id,), began_on=START, snoozed_until=d(3, 22)
    )
    with pendulum.travel_to(now, freeze=True), Repository.open(tmp_path / "data") as repo:
        repo.save(firm, person, prospect)
        today = now.date()
        before = next_suggestion(repo, prospect.id, today=today)
        assert before is not None and before.kind is TouchKind.THANK_YOU
        done = skip_due(repo, prospect, today=today)
        assert done is not None
        assert done.skip == Skip(at=now, kind=TouchKind.THANK_YOU, step=True)
        assert done.prospect.skips == (done.skip,)
        assert done.prospect.snoozed_until == d(3, 22), "a snooze still holds"
        assert done.following is not None and done.following.kind is TouchKind.CHECK_IN
        repo.save(done.prospect)
        after = next_suggestion(repo, prospect.id, today=today)
        assert after == done.following
        assert after.due == d(4, 3)
        assert after.reason == "thank-you skipped on 20 Mar; next: check-in 2–4 weeks after that"
