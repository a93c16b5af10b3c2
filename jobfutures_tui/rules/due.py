"""The list of touches due: one suggestion per open job future, most urgent first.

Shared by the today screen and ``jobfutures due`` so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pendulum

from jobfutures_tui.models import Stage, dates
from jobfutures_tui.rules.cadence import Suggestion, suggest_next
from jobfutures_tui.rules.facts import Facts
from jobfutures_tui.store import Repository

WEEK = 7


class When(StrEnum):
    """How soon, in the groups the today screen shows."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this week"
    LATER = "later"


@dataclass(frozen=True, slots=True)
class DueItem:
    prospect_id: str
    company: str
    person: str
    stage: Stage
    suggestion: Suggestion

    def when(self, today: pendulum.Date) -> When:
        due = self.suggestion.due
        if due < today:
            return When.OVERDUE
        if due == today:
            return When.TODAY
        return When.THIS_WEEK if (due - today).days <= WEEK else When.LATER

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
            "channel": s.channel.value,
            "kind": s.kind.value,
            "reason": s.reason,
            "suggest_stage": s.suggest_stage.value if s.suggest_stage else None,
            "urgency": round(s.urgency.total, 2),
            "urgency_parts": s.urgency.breakdown,
        }


def due_items(
    repo: Repository,
    *,
    today: pendulum.Date,
    within_days: int | None = WEEK,
    home_city: str = "",
) -> list[DueItem]:
    """Open job futures with a touch due by ``today + within_days`` (None: any date).

    Most urgent first. Reads each open job future's stored fields and the
    summary of its touches (:meth:`Repository.cadence_summary`), never its
    history, and validates no record whole (see :mod:`~jobfutures_tui.rules.facts`).
    """
    horizon = today.add(days=within_days) if within_days is not None else None
    zone = dates.local_timezone()
    facts = Facts(repo)
    items: list[DueItem] = []
    for prospect_id in repo.open_prospect_ids():
        prospect = facts.future(prospect_id)
        if prospect is None:
            continue
        people = facts.people(prospect)
        suggestion = suggest_next(
            prospect,
            people,
            repo.cadence_summary(prospect_id),
            today=today,
            home_city=home_city,
            snoozed_until=prospect.snoozed_until,
            tz=zone,
        )
        if suggestion is None or (horizon is not None and suggestion.due > horizon):
            continue
        company = facts.company_name(prospect.company_id)
        person = next((p.name for p in people if p.id == suggestion.person_id), "")
        items.append(
            DueItem(
                prospect_id,
                company if company is not None else "(missing company)",
                person,
                prospect.stage,
                suggestion,
            )
        )
    items.sort(key=lambda i: (-i.suggestion.urgency.total, i.suggestion.due, i.company.casefold()))
    return items


def next_due(repo: Repository, *, today: pendulum.Date, home_city: str = "") -> DueItem | None:
    """The soonest touch due at any date: what an empty day points to."""
    items = due_items(repo, today=today, within_days=None, home_city=home_city)
    return min(items, key=lambda i: (i.suggestion.due, -i.suggestion.urgency.total), default=None)
