"""A plan's touches written one per line: read back exactly, wrong lines named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.engine.plan_text import StepsError, parse_steps, plan_lines, span_text
from jobfutures_tui.models.enums import TouchKind
from jobfutures_tui.models.plan import MAX_DAYS, Anchor, Repeat, Step


@pytest.mark.parametrize(
    ("line", "step"),
    [
        (
            "thank-you 1-2 days from start",
            Step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),
        ),
        ("check-in 2-4 weeks", Step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28)),
        ("check-in 2–4 weeks", Step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28)),
        ("Check-In 2 to 4 Weeks", Step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28)),
        ("value-share 3 months", Step(kind=TouchKind.VALUE_SHARE, days=90)),
        ("something useful 10d", Step(kind=TouchKind.VALUE_SHARE, days=10)),
        ("work sample 1 year", Step(kind=TouchKind.WORK_SAMPLE, days=365)),
        ("reconnect 1 week from last touch", Step(kind=TouchKind.RECONNECT, days=7)),
        (
            "after-hire 3-4 months from start, after they hired someone else",
            Step(
                kind=TouchKind.AFTER_HIRE,
                days=90,
                up_to_days=120,
                anchor=Anchor.START,
                after="they hired someone else",
            ),
        ),
        (
            "check-in 2 weeks after the launch, finally",
            Step(kind=TouchKind.CHECK_IN, days=14, after="the launch, finally"),
        ),
    ],
)
def test_a_step_line_reads_as_its_step(line: str, step: Step) -> None:
    assert parse_steps(line) == ((step,), None)


def test_a_plan_reads_its_steps_in_order_and_one_repeat_anywhere() -> None:
    text = "\n  repeat value-share every 2-3 months\n\nthank-you 1 day from start\ncheck-in 2 weeks"
    steps, repeat = parse_steps(text)
    assert [step.kind for step in steps] == [TouchKind.THANK_YOU, TouchKind.CHECK_IN]
    assert repeat == Repeat(kind=TouchKind.VALUE_SHARE, days=60, up_to_days=90)
    assert parse_steps("repeat check-in 3 months") == ((), Repeat(kind="check-in", days=90))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "write at least one touch"),
        ("\n  \n", "write at least one touch"),
        ("check-in", "line 1: say how long after"),
        ("thank-you 1 day\ncheck-in 0 days", "line 2: '0 days': a touch comes at least 1 day"),
        ("check-in 0-3 days", "line 1: '0-3 days': a touch comes at least 1 day"),
        ("check-in -3 days", "line 1: '-3 days': a time cannot be negative"),
        ("check-in 2--4 weeks", "line 1: '2--4 weeks': a time cannot be negative"),
        ("check-in 4-2 weeks", "line 1: '4-2 weeks': write the shorter time first (2-4 weeks)"),
        ("check-in 2", "line 1: '2' what? Say days, weeks or months"),
        ("check-in 2 fortnights", "line 1: 'fortnights' is not a unit"),
        ("check-in 11 years", "line 1: '11 years' is too long: at most 3650 days"),
        ("chek-in 2 weeks", "line 1: unknown kind of touch 'chek-in': choose one of"),
        ("2 weeks", "line 1: start with the kind of touch"),
        ("check-in every 2 weeks", "line 1: 'every' is for the repeat line"),
        ("repeat check-in every 2 weeks from start", "line 1: a repeat counts from the last"),
        ("repeat check-in every 2 weeks, after x", "line 1: a repeat counts from the last"),
        ("check-in 2 weeks soonish", "line 1: 'soonish' is not understood"),
        ("check-in 2 weeks, after", "line 1: say what it comes after"),
        (
            "repeat check-in every 1 week\nthank-you 1 day\nrepeat check-in every 2 weeks",
            "line 3: a plan repeats one way only",
        ),
    ],
)
def test_a_wrong_line_is_named_with_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(StepsError) as caught:
        parse_steps(text)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("plan", list(BUILT_IN_PLANS.values()), ids=list(BUILT_IN_PLANS))
def test_built_in_plans_read_back_as_themselves(plan) -> None:  # type: ignore[no-untyped-def]
    assert parse_steps(plan_lines(plan.steps, plan.repeat)) == (plan.steps, plan.repeat)


def test_the_early_on_plan_as_text() -> None:
    plan = BUILT_IN_PLANS["after-a-hire"]
    assert plan_lines(plan.steps, plan.repeat).splitlines() == [
        "thank-you 1-2 days from start",
        "after-hire 3-4 months from start, after they hired someone else",
        "work-sample 2-4 months",
        "repeat work-sample every 4-6 months",
    ]


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(1, 1, "1 day"), (1, 2, "1-2 days"), (14, 28, "2-4 weeks"), (30, 45, "30-45 days"),
     (60, 90, "2-3 months"), (365, 730, "1-2 years"), (7, 10, "7-10 days")],
)  # fmt: skip
def test_span_text_is_exact(low: int, high: int, text: str) -> None:
    assert span_text(low, high) == text


kinds = st.sampled_from(list(TouchKind))
spans = st.integers(1, MAX_DAYS).flatmap(
    lambda low: st.tuples(st.just(low), st.one_of(st.none(), st.integers(low, MAX_DAYS)))
)
afters = st.one_of(
    st.just(""),
    st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd", "Po")), max_size=30).map(
        lambda text: " ".join(text.split())
    ),
)


@st.composite
def steps(draw: st.DrawFn) -> Step:
    low, high = draw(spans)
    return Step(
        kind=draw(kinds),
        days=low,
        up_to_days=high,
        anchor=draw(st.sampled_from(list(Anchor))),
        after=draw(afters),
    )


@st.composite
def repeats(draw: st.DrawFn) -> Repeat:
    low, high = draw(spans)
    return Repeat(kind=draw(kinds), days=low, up_to_days=high)


@given(st.lists(steps(), max_size=6), st.one_of(st.none(), repeats()))
def test_any_plan_reads_back_as_itself(written: list[Step], repeat: Repeat | None) -> None:
    if not written and repeat is None:
        return
    read, read_repeat = parse_steps(plan_lines(written, repeat))
    assert [(s.kind, s.days, s.high, s.anchor, s.after) for s in read] == [
        (s.kind, s.days, s.high, s.anchor, s.after) for s in written
    ]
    assert (read_repeat is None) == (repeat is None)
    if repeat is not None and read_repeat is not None:
        assert (read_repeat.kind, read_repeat.days, read_repeat.high) == (
            repeat.kind,
            repeat.days,
            repeat.high,
        )


@given(st.integers(-MAX_DAYS, 0), kinds)
def test_no_zero_or_negative_time_is_ever_read(days: int, kind: TouchKind) -> None:
    with pytest.raises(StepsError, match="line 1: "):
        parse_steps(f"{kind.value} {days} days")
