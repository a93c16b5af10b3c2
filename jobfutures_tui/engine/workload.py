"""Workdays and a daily budget: when the touches due are actually made.

A user who gets in touch only on workdays sees a due date that falls on
another day moved to the next workday. A user with a daily budget sees at
most that many touches on a day: the most urgent first (overdue ones
included), the rest spread over the next workdays, each filled up to the
budget, and told how many moved and to when. Pure: the days are passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

ALL_DAYS = frozenset(range(7))
"""Every day a workday: the default, nothing moves."""


def next_workday(day: date, workdays: frozenset[int] = ALL_DAYS) -> date:
    """``day`` if it is a workday (``date.weekday()`` numbers), else the next one."""
    if not workdays or day.weekday() in workdays:
        return day
    for ahead in range(1, 8):
        later = day + timedelta(days=ahead)
        if later.weekday() in workdays:
            return later
    return day


@dataclass(frozen=True)
class Entry:
    """A touch due: its id, its due date, its urgency (higher first)."""

    key: str
    due: date
    urgency: float


@dataclass
class Spread:
    """Where each touch is shown once the budget is applied."""

    shown_on: dict[str, date] = field(default_factory=dict)
    """Entry key → the day it is shown on (its due date unless it moved)."""
    moved_to: dict[date, list[str]] = field(default_factory=dict)
    """Day → the keys moved there because an earlier day was full, in order."""
    overdue_moved: int = 0
    """How many of the moved ones were already overdue."""

    @property
    def moved(self) -> int:
        return sum(len(keys) for keys in self.moved_to.values())


def spread(
    entries: Sequence[Entry],
    *,
    today: date,
    budget: int | None,
    workdays: frozenset[int] = ALL_DAYS,
    horizon: int = 366,
) -> Spread:
    """Today holds at most ``budget`` of the touches due by today, most urgent
    first; the rest carry on to the next workdays, each holding at most ``budget``
    of its own and the carried ones, most urgent first. No budget: nothing moves."""
    result = Spread({entry.key: entry.due for entry in entries})
    if budget is None or budget < 1:
        return result
    pending: dict[date, list[Entry]] = {}
    for entry in entries:
        pending.setdefault(max(entry.due, today), []).append(entry)
    carried: list[Entry] = []
    day = today
    for _ in range(horizon):
        if not carried and not pending:
            break
        arriving = pending.pop(day, [])
        if day != today and workdays and day.weekday() not in workdays:
            carried += arriving  # a day off: everything waits for the next workday
        else:
            queue = sorted([*carried, *arriving], key=lambda entry: -entry.urgency)
            kept, carried = queue[:budget], queue[budget:]
            for entry in kept:
                if max(entry.due, today) != day:
                    _moved(result, entry, day, today)
        day += timedelta(days=1)
    return result


def _moved(result: Spread, entry: Entry, day: date, today: date) -> None:
    result.shown_on[entry.key] = day
    result.moved_to.setdefault(day, []).append(entry.key)
    if entry.due < today:
        result.overdue_moved += 1
