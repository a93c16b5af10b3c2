"""Skip the touch that is due: recorded on the job future, read by the engine.

The engine (:func:`~jobfutures_tui.engine.cadence.skip_next`) says what is
skipped; the job future keeps it in ``skips``, so an undo takes it back with
the record, and the history of contacts stays only what really happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.models import Prospect, Skip, revise
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.what_if import skip_now, suggestion_after


@dataclass(frozen=True, slots=True)
class Skipped:
    prospect: Prospect
    """The job future with the skip added, to save."""
    skip: Skip
    following: Suggestion | None
    """What is due after it (None: nothing more is planned)."""


def skip_due(repo: Repository, prospect: Prospect, *, today: date) -> Skipped | None:
    """Skip the touch due for ``prospect``; None when nothing is due to skip."""
    skip = skip_now(repo, prospect)
    if skip is None:
        return None
    skipped = revise(prospect, skips=(*prospect.skips, skip))
    return Skipped(skipped, skip, suggestion_after(repo, skipped, today=today))
