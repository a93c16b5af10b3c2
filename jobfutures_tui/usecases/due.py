"""The list of touches due: one suggestion per open job future, most urgent first.

Shared by the today screen and ``jobfutures due`` so both say the same thing.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import pendulum

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.models import Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import open_suggestions
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
) -> list[DueItem]:
    """Open job futures with a touch due by ``today + within_days`` (None: any date).

    In the order of :func:`order_key`. Reads no history and validates no record whole: the
    engine's decisions are kept between calls and sessions
    (:mod:`~jobfutures_tui.usecases.decisions`), and names are read field by
    field (:mod:`~jobfutures_tui.usecases.facts`).
    """
    horizon = today.add(days=within_days) if within_days is not None else None
    facts = Facts(repo)
    items: list[DueItem] = []
    with _collector_paused():
        for future in open_suggestions(repo):
            suggestion = future.suggestion(today)
            if suggestion is None or (horizon is not None and suggestion.due > horizon):
                continue
            prospect_id, stage = future.prospect_id, future.stage
            company = facts.company_name(future.company_id)
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
        items.sort(key=lambda item: order_key(item, today))
    return items


def order_key(item: DueItem, today: pendulum.Date) -> tuple[int, float, float, str]:
    """Overdue first, most urgent first; then today, this week and later, each
    by date, then by urgency (docs/advice.md, "Order")."""
    s = item.suggestion
    group = _GROUPS[item.when(today)]
    urgent = -s.urgency.total
    if group == 0:
        return (group, urgent, s.due.toordinal(), item.company.casefold())
    return (group, s.due.toordinal(), urgent, item.company.casefold())


_GROUPS = {When.OVERDUE: 0, When.TODAY: 1, When.THIS_WEEK: 2, When.LATER: 3}


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Thousands of small results: the garbage collector would only rescan them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def next_due(repo: Repository, *, today: pendulum.Date) -> DueItem | None:
    """The soonest touch due at any date: what an empty day points to."""
    items = due_items(repo, today=today, within_days=None)
    return min(items, key=lambda i: (i.suggestion.due, -i.suggestion.urgency.total), default=None)
