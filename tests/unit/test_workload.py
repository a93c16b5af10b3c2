"""Workdays and the daily budget (engine/workload.py), on a frozen calendar."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.workload import Entry, next_workday, spread

MON = date(2026, 12, 7)
WEEKDAYS = frozenset(range(5))


def test_a_weekend_due_date_moves_to_monday() -> None:
    assert next_workday(date(2026, 12, 5), WEEKDAYS) == MON  # Saturday
    assert next_workday(date(2026, 12, 6), WEEKDAYS) == MON  # Sunday
    assert next_workday(MON, WEEKDAYS) == MON
    assert next_workday(date(2026, 12, 5)) == date(2026, 12, 5), "every day, by default"


def test_a_week_of_holidays_moves_to_the_next_week() -> None:
    only_fridays = frozenset({4})
    assert next_workday(MON, only_fridays) == date(2026, 12, 11)


def test_a_budget_of_one_keeps_the_most_urgent_and_spreads_the_rest() -> None:
    entries = [Entry("a", MON, 5.0), Entry("b", MON, 9.0), Entry("c", MON, 1.0)]
    result = spread(entries, today=MON, budget=1, workdays=WEEKDAYS)
    assert result.shown_on == {"b": MON, "a": date(2026, 12, 8), "c": date(2026, 12, 9)}
    assert result.moved == 2 and result.overdue_moved == 0


def test_overdue_work_beyond_the_budget_is_moved_and_counted() -> None:
    fri = date(2026, 12, 4)
    entries = [Entry(f"late{n}", fri, 20.0 + n) for n in range(3)] + [Entry("today", MON, 2.0)]
    result = spread(entries, today=MON, budget=2, workdays=WEEKDAYS)
    kept = [k for k, day in result.shown_on.items() if day <= MON]
    assert kept == ["late1", "late2"], "the most urgent stay, shown as overdue"
    assert result.shown_on["late0"] == date(2026, 12, 8)
    assert result.shown_on["today"] == date(2026, 12, 8)
    assert result.overdue_moved == 1 and result.moved == 2


def test_days_off_hold_nothing_moved() -> None:
    fri = date(2026, 12, 11)
    entries = [Entry("x", fri, 3.0), Entry("y", fri, 2.0)]
    result = spread(entries, today=fri, budget=1, workdays=WEEKDAYS)
    assert result.shown_on["y"] == date(2026, 12, 14), "past the weekend"


def test_no_budget_moves_nothing() -> None:
    entries = [Entry("a", MON, 1.0), Entry("b", MON, 2.0)]
    assert spread(entries, today=MON, budget=None).moved == 0


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(st.tuples(st.integers(-10, 20), st.floats(-50, 50)), max_size=40),
    st.integers(1, 6),
    st.frozensets(st.integers(0, 6), min_size=1),
)
def test_no_day_holds_more_than_the_budget_and_nothing_is_lost(
    due: list[tuple[int, float]], budget: int, workdays: frozenset[int]
) -> None:
    entries = [
        Entry(str(n), date.fromordinal(MON.toordinal() + d), u) for n, (d, u) in enumerate(due)
    ]
    result = spread(entries, today=MON, budget=budget, workdays=workdays)
    assert set(result.shown_on) == {e.key for e in entries}
    per_day: dict[date, int] = {}
    for entry in entries:
        shown = result.shown_on[entry.key]
        assert shown >= min(entry.due, MON), "never earlier than due (overdue stays today at most)"
        day = max(shown, MON)  # an overdue one kept is on today's list
        per_day[day] = per_day.get(day, 0) + 1
    assert all(count <= budget for count in per_day.values())
