"""The list of touches due: one suggestion per open job future, most urgent first,
and the daily budget's share of them (:func:`due_list`).

Shared by the today screen and ``jobfutures due`` so both say the same thing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

import pendulum

from jobfutures_tui import settings
from jobfutures_tui.collector import collector_paused
from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.plural import counted
from jobfutures_tui.engine.relative import short_date
from jobfutures_tui.engine.workload import Entry, spread
from jobfutures_tui.models import Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import due_order
from jobfutures_tui.usecases.decisions import Open, open_some, open_suggestions, workdays
from jobfutures_tui.usecases.facts import Facts

WEEK = 7


class When(StrEnum):
    """How soon, in the groups the today screen shows."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"
    LATER = "later"


def when(due: date, today: date) -> When:
    """How soon a day is: overdue, today, this week (within the next seven days), later.
    The one definition the board, Today and ``jobfutures due`` share."""
    days = due.toordinal() - today.toordinal()
    if days < 0:
        return When.OVERDUE
    if days == 0:
        return When.TODAY
    return When.THIS_WEEK if days <= WEEK else When.LATER


@dataclass(frozen=True, slots=True)
class DueItem:
    prospect_id: str
    company: str
    person: str
    stage: Stage
    suggestion: Suggestion

    def when(self, today: pendulum.Date) -> When:
        return when(self.suggestion.due, today)

    def to_json(self, today: pendulum.Date) -> dict[str, Any]:
        s = self.suggestion
        return {
            "prospect_id": self.prospect_id,
            "company": self.company,
            "person": self.person,
            "person_id": s.person_id,
            "stage": self.stage.value,
            "due": s.due.isoformat(),
            "when": self.when(today).value,
            "overdue_days": s.overdue_days,
            "channel": None if s.channel is None else s.channel.value,
            "kind": s.kind.value,
            "reason": s.reason,
            "urgency": round(s.urgency.total, 2),
            "urgency_parts": s.urgency.breakdown,
        }


def due_items(
    repo: Repository,
    *,
    today: pendulum.Date,
    within_days: int | None = WEEK,
    limit: int | None = None,
) -> list[DueItem]:
    """Open job futures with a touch due by ``today + within_days`` (None: any date).

    In the order of :func:`_order`, then by company; only the first ``limit`` (None:
    all). Reads no history and validates no record whole: the engine's decisions are
    kept between calls and sessions (:mod:`~jobfutures_tui.usecases.decisions`), and
    names are read field by field (:mod:`~jobfutures_tui.usecases.facts`), only for
    the touches listed.
    """
    return _listed(repo, today, within_days, limit)[0]


def _listed(
    repo: Repository, today: pendulum.Date, within_days: int | None, limit: int | None
) -> tuple[list[DueItem], list[_Due]]:
    """:func:`due_items`, and every touch due (listed or not), in order."""
    horizon = today.add(days=within_days) if within_days is not None else None
    with collector_paused():
        due = _decided(repo, today, horizon)
        return _first(repo, due, today, limit), due


class _Due(NamedTuple):
    """A touch due, before it is worded and its names read: ordering thousands needs
    only when each is due and how urgent. Reading every person's and company's name
    was a third of a long ``jobfutures due``, wording every suggestion a tenth
    (docs/benchmarks.md)."""

    prospect_id: str
    company_id: str
    stage: Stage
    due: date
    urgency: float
    future: Open | None
    """None: taken from the list kept (due_order.py), read when it is listed."""


def _decided(repo: Repository, today: pendulum.Date, horizon: date | None) -> list[_Due]:
    """Every open job future's touch due by ``horizon`` (None: any date), in the store's
    order: as kept from an earlier run this day (usecases/due_order.py), or worked out."""
    key = due_order.key_of(repo, today)
    kept = due_order.kept(repo, key) if key is not None else None
    if kept is not None:
        return [_Due(*touch, None) for touch in kept if horizon is None or touch[3] <= horizon]
    due = []
    for future in open_suggestions(repo):
        found = future.due_and_urgency(today)
        if found is None:
            continue
        day, urgency = found
        due.append(_Due(future.prospect_id, future.company_id, future.stage, day, urgency, future))
    if key is not None:
        due_order.keep(repo, key, [touch[:5] for touch in due])
    return [touch for touch in due if horizon is None or touch.due <= horizon]


def _first(repo: Repository, due: list[_Due], today: date, limit: int | None) -> list[DueItem]:
    """The first ``limit`` of ``due`` (None: all) by :func:`_order`, then the company's
    name, as items; ``due`` is left sorted. Only those that can be listed are worded and
    named: the first ``limit`` and any tied with the last of them (the name orders them)."""

    # Each touch's place worked out once, for the sort and for the cut after it.
    places = [_order(touch.due, touch.urgency, today) for touch in due]
    keyed = sorted(zip(places, range(len(due)), strict=True))
    due[:] = [due[n] for _, n in keyed]
    candidates = due
    if limit is not None and len(due) > limit > 0:
        last = keyed[limit - 1][0]
        candidates = due[: bisect_right(keyed, (last, len(due)))]
    items = _named(repo, candidates, today)
    items.sort(
        key=lambda item: (*_item_order(item, today), item.company.casefold(), item.prospect_id)
    )
    return items if limit is None else items[:limit]


def _named(repo: Repository, due: list[_Due], today: date) -> list[DueItem]:
    facts = Facts(repo)
    kept = open_some(repo, [touch.prospect_id for touch in due if touch.future is None])
    items = []
    for prospect_id, company_id, stage, _, _, worked_out in due:
        future = worked_out or kept.get(prospect_id)
        if future is None:
            continue  # read with the list kept, gone since: cannot be
        suggestion = future.suggestion(today)
        if suggestion is None:
            continue  # none when it was decided: cannot be
        company = facts.company_name(company_id)
        person = facts.person_name(suggestion.person_id) if suggestion.person_id else None
        items.append(
            DueItem(
                prospect_id,
                company if company is not None else "(missing company)",
                person or "",
                stage,
                suggestion,
            )
        )
    return items


def _order(due: date, urgency: float, today: date) -> tuple[int, float, float]:
    """Overdue first, most urgent first; then today, this week and later, each by date,
    then by urgency (docs/advice.md, "Order"); the company's name, read only for the
    touches listed, then the job future's id (the order it is read in may vary), settle
    the rest."""
    group = _GROUPS[when(due, today)]
    if group == 0:
        return (group, -urgency, due.toordinal())
    return (group, due.toordinal(), -urgency)


def _item_order(item: DueItem, today: date) -> tuple[int, float, float]:
    return _order(item.suggestion.due, item.suggestion.urgency.total, today)


_GROUPS = {When.OVERDUE: 0, When.TODAY: 1, When.THIS_WEEK: 2, When.LATER: 3}


def next_due(repo: Repository, *, today: pendulum.Date) -> DueItem | None:
    """The soonest touch due at any date: what an empty day points to."""
    with collector_paused():
        due = _decided(repo, today, None)
        if not due:
            return None
        soonest = min((t.due, -t.urgency) for t in due)
        tied = [t for t in due if (t.due, -t.urgency) == soonest]
        named = _named(repo, tied, today)
        return min(named, key=lambda item: (item.company.casefold(), item.prospect_id))


# ------------------------------------------------------------ the daily budget


def daily_budget() -> int | None:
    """The user's daily budget, from their settings (None: no budget)."""
    return settings.current().settings.daily_budget


@dataclass(frozen=True)
class DueList:
    """The touches due, where the daily budget puts them."""

    items: list[DueItem]
    """In the order to show them: by the day each is shown on (see :meth:`when`)."""
    moved_to: Mapping[str, pendulum.Date] = field(default_factory=dict)
    """Job future id → the later day the budget moved its touch to."""
    note: str | None = None
    """How many the budget moved, and to when (None: it moved nothing)."""
    left_out: Mapping[When, int] = field(default_factory=dict)
    """The touches due but not listed (past the limit), how many in each group."""

    def shown_on(self, item: DueItem) -> date:
        return self.moved_to.get(item.prospect_id, item.suggestion.due)

    def when(self, item: DueItem, today: date) -> When:
        """The group it is shown in: an overdue touch the budget kept stays overdue."""
        moved = self.moved_to.get(item.prospect_id)
        return when(item.suggestion.due if moved is None else moved, today)


def due_list(
    repo: Repository,
    *,
    today: pendulum.Date,
    within_days: int | None = WEEK,
    budget: int | None = None,
    limit: int | None = None,
) -> DueList:
    """:func:`due_items`, with at most ``budget`` touches on any day: today the most
    urgent (overdue ones included), the rest moved to the next workdays
    (:func:`~jobfutures_tui.engine.workload.spread`). Every touch due by
    ``today + within_days`` is listed, on the day it is moved to if it moved; or only
    the first ``limit`` of them, with how many more there are."""
    if budget is None:
        items, due = _listed(repo, today, within_days, limit)
        listed = {item.prospect_id for item in items}
        left_out = Counter(when(t.due, today) for t in due if t.prospect_id not in listed)
        return DueList(items, left_out=left_out)
    # Every touch counts towards its day's budget, even those due after the horizon; and
    # the budget's choice among touches equally urgent goes by name, so all are named.
    everything = due_items(repo, today=today, within_days=None)
    entries = [
        Entry(item.prospect_id, item.suggestion.due, item.suggestion.urgency.total)
        for item in everything
    ]
    placed = spread(entries, today=today, budget=budget, workdays=workdays())
    horizon = None if within_days is None else today.add(days=within_days)
    items = [i for i in everything if horizon is None or i.suggestion.due <= horizon]
    shown = {item.prospect_id for item in items}
    moved = {
        key: pendulum.Date(day.year, day.month, day.day)
        for day, keys in placed.moved_to.items()
        for key in keys
        if key in shown
    }
    listing = DueList(items, moved, budget_note(budget, items, moved, today))
    items.sort(key=lambda item: _shown_order(listing, item, today))
    if limit is None or len(items) <= limit:
        return listing
    left_out = Counter(listing.when(item, today) for item in items[limit:])
    return replace(listing, items=items[:limit], left_out=left_out)


def _shown_order(
    listing: DueList, item: DueItem, today: date
) -> tuple[int, float, float, str, str]:
    """As :func:`_order` then the company, by the day each touch is shown on."""
    group = _GROUPS[listing.when(item, today)]
    urgent = -item.suggestion.urgency.total
    day = listing.shown_on(item).toordinal()
    if group == 0:
        return (group, urgent, day, item.company.casefold(), item.prospect_id)
    return (group, day, urgent, item.company.casefold(), item.prospect_id)


DAYS_NAMED = 3
"""The note names this many days; past that, the last two are summed up."""


def days_late(days: int) -> str:
    """'1 day late', '3 days late': a touch past its due date (Today, ``jobfutures due``)."""
    return f"{counted(days, 'day')} late"


def moved_words(moved: pendulum.Date, overdue_days: int, today: pendulum.Date) -> tuple[str, str]:
    """A touch the daily budget moved: 'moved to Tue 8 Dec', and how late it already
    is (' · 3 days late', or ''), as Today and ``jobfutures due`` both say it."""
    late = f" · {days_late(overdue_days)}" if overdue_days else ""
    return f"moved to {short_date(moved, today)}", late


def budget_note(
    budget: int, items: list[DueItem], moved: Mapping[str, pendulum.Date], today: pendulum.Date
) -> str | None:
    """'Budget 5 a day: 7 moved — 4 to Mon 7 Dec, 3 to Tue 8 Dec (2 overdue)'."""
    if not moved:
        return None
    per_day: dict[pendulum.Date, int] = {}
    for day in moved.values():
        per_day[day] = per_day.get(day, 0) + 1
    days = sorted(per_day)
    parts = [f"{per_day[day]} to {short_date(day, today)}" for day in days]
    if len(days) > DAYS_NAMED:
        rest = sum(per_day[day] for day in days[DAYS_NAMED - 1 :])
        parts = [*parts[: DAYS_NAMED - 1], f"{rest} more by {short_date(days[-1], today)}"]
    late = sum(1 for item in items if item.prospect_id in moved and item.suggestion.due < today)
    overdue = f" ({late} overdue)" if late else ""
    return f"Budget {budget} a day: {len(moved)} moved — {', '.join(parts)}{overdue}"
