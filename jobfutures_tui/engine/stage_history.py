"""What the stored data says of a job future's stages over time.

Only a job future's stage now, when it was set (``stage_changed_at``), when it was
added and how it began are stored: its first stage is read from them, and any
stage between the first and the last is not known (docs/insights.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from jobfutures_tui.engine.facts import FutureFacts
from jobfutures_tui.engine.history import local_day
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.models.enums import Origin, Stage

CREATED_IN_STAGE = timedelta(days=1)
"""A stage set within this long of adding the job future was its first stage."""

_FIRST_STAGE = {
    Origin.REJECTED: Stage.REJECTED_WARM,
    Origin.REFERRED: Stage.REFERRAL,
}


def first_stage(future: FutureFacts) -> Stage:
    """The stage a job future began in, as far as the stored data says: its stage
    when it was set as it was added (or never moved), else what its origin implies
    (a "no": rejected-but-warm; a referral: referral; otherwise interviewed)."""
    if not moved(future):
        return future.stage
    return _FIRST_STAGE.get(future.origin, Stage.INTERVIEWED)


def moved(future: FutureFacts) -> bool:
    """Whether the job future moved to its stage after it was added."""
    changed = future.stage_changed_at
    return changed is not None and changed - future.created_at > CREATED_IN_STAGE


def start_day(future: FutureFacts, zone: Zone) -> date:
    """When the job future began: its start date, else the day it was added."""
    return future.began_on or local_day(future.created_at, zone)
