"""Skip the touch that is due: recorded on the job future, read by the engine.

The engine (:func:`~jobfutures_tui.rules.cadence.skip_next`) says what is
skipped; the job future keeps it in ``skips``, so an undo takes it back with
the record, and the history of contacts stays only what really happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobfutures_tui.models import Prospect, Skip, revise
from jobfutures_tui.models.dates import now
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.rules.cadence import Suggestion, skip_next, suggest_next
from jobfutures_tui.rules.plans import plan_for
from jobfutures_tui.store import Repository


@dataclass(frozen=True, slots=True)
class Skipped:
    prospect: Prospect
    """The job future with the skip added, to save."""
    skip: Skip
    following: Suggestion | None
    """What is due after it (None: nothing more is planned)."""


def skip_due(repo: Repository, prospect: Prospect, *, today: date) -> Skipped | None:
    """Skip the touch due for ``prospect``; None when nothing is due to skip."""
    people = [p for p in (repo.person(pid) for pid in prospect.person_ids) if p is not None]
    plan = plan_for(prospect, repo.records(CadencePlan))
    summary = repo.cadence_summary(prospect.id)
    skip = skip_next(prospect, people, summary, plan=plan, at=now())
    if skip is None:
        return None
    skipped = revise(prospect, skips=(*prospect.skips, skip))
    following = suggest_next(
        skipped, people, summary, plan=plan, today=today, snoozed_until=skipped.snoozed_until
    )
    return Skipped(skipped, skip, following)
