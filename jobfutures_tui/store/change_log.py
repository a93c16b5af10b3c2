"""Which records each recent change touched, so a screen redraws only what changed.

A change names more than the records it saves or deletes: a touch names its
job future (both, when it moves to another), a plan the job futures that chose
it, and a job future the job futures of the people who referred it (a referral
reaching the offer stage owes them a thank-you). Their next touch may change
with it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobfutures_tui.models import Prospect, Record

CHANGE_LOG = 256
"""Changes remembered for screens that redraw only what changed."""

Rows = Mapping[str, Mapping[str, Any]]


class ChangeLog:
    """The ids each of the last :data:`CHANGE_LOG` changes touched, by revision."""

    def __init__(self) -> None:
        self._changes: deque[tuple[int, frozenset[str]]] = deque(maxlen=CHANGE_LOG)

    def add(self, revision: int, ids: frozenset[str]) -> None:
        self._changes.append((revision, ids))

    def clear(self) -> None:
        """Forget every change: whoever asks redraws everything."""
        self._changes.clear()

    def since(self, revision: int, current: int) -> set[str] | None:
        """Ids changed after ``revision`` (``current`` is the latest), or None when
        that is too long ago to know."""
        if revision == current:
            return set()
        if not self._changes or self._changes[0][0] > revision + 1:
            return None
        found: set[str] = set()
        for at, ids in self._changes:
            if at > revision:
                found |= ids
        return found


def touched_by(
    changed: Sequence[Record], prospects: Rows, owner: Callable[[str], str | None]
) -> set[str]:
    """Ids of the records a change of ``changed`` touches; ``prospects`` are the
    stored job futures' rows as they were before it, and ``owner`` names the job
    future a touch is stored under (a touch moved to another changes both)."""
    from jobfutures_tui.models import Prospect, Touch
    from jobfutures_tui.models.plan import CadencePlan

    touched = {record.id for record in changed}
    touches = [r for r in changed if isinstance(r, Touch)]
    touched |= {r.prospect_id for r in touches}
    touched |= {o for r in touches if (o := owner(r.id)) is not None}
    touched |= _following({r.id for r in changed if isinstance(r, CadencePlan)}, prospects)
    touched |= _referrers_of([r for r in changed if isinstance(r, Prospect)], prospects)
    return touched


def _following(plan_ids: set[str], prospects: Rows) -> set[str]:
    """Ids of the job futures that chose one of these plans (their next touch
    changes with the plan)."""
    if not plan_ids:
        return set()
    found = set()
    for prospect_id, row in list(prospects.items()):
        chosen = row.get("cadence_plan")
        if isinstance(chosen, str) and chosen in plan_ids:
            found.add(prospect_id)
    return found


def _referrers_of(changed: Sequence[Prospect], prospects: Rows) -> set[str]:
    """Ids of the job futures of the people who referred these (a referral
    reaching the offer stage owes them a thank-you)."""
    referrers = {p.referred_by_id for p in changed if p.referred_by_id}
    referrers |= {_stored_referrer(prospects, p.id) for p in changed}
    referrers.discard(None)
    if not referrers:
        return set()
    return {
        prospect_id
        for prospect_id, row in list(prospects.items())
        if not referrers.isdisjoint(row.get("person_ids") or ())
    }


def _stored_referrer(prospects: Rows, prospect_id: str) -> Any:
    row = prospects.get(prospect_id)
    return row.get("referred_by_id") if row is not None else None
