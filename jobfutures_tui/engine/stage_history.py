"""What the stored data says of a job future's stages over time.

Since data format 7 a job future keeps its moves (``Prospect.stages``): the stage
it was moved from, since when, then each stage it was moved to. Before that, only
its stage now, when it was set (``stage_changed_at``), when it was added and how it
began were stored: for a job future that has not moved since, or for the time
before its first kept step, its first stage is read from those, and any stage
between the first and the last is not known (docs/insights.md, "The pipeline").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, Protocol

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


class StepLike(Protocol):
    """A kept step: a :class:`~jobfutures_tui.models.StageStep` or a :class:`Step`."""

    @property
    def stage(self) -> Stage: ...
    @property
    def at(self) -> datetime: ...


class Step(NamedTuple):
    stage: Stage
    at: datetime


Timeline = list[tuple[Stage, date]]
"""The stages a job future was in, oldest first, each with the day it was put there
(the first: the day it began)."""


def first_stage(future: FutureFacts) -> Stage:
    """The stage a job future began in, as far as the stored data says without its
    kept moves: its stage when it was set as it was added (or never moved), else
    what its origin implies (a "no": rejected-but-warm; a referral: referral;
    otherwise interviewed)."""
    if not moved(future):
        return future.stage
    return _origin_stage(future)


def _origin_stage(future: FutureFacts) -> Stage:
    return _FIRST_STAGE.get(future.origin, Stage.INTERVIEWED)


def moved(future: FutureFacts) -> bool:
    """Whether the job future moved to its stage after it was added."""
    changed = future.stage_changed_at
    return changed is not None and changed - future.created_at > CREATED_IN_STAGE


def start_day(future: FutureFacts, zone: Zone) -> date:
    """When the job future began: its start date, else the day it was added."""
    return future.began_on or local_day(future.created_at, zone)


def timeline(future: FutureFacts, steps: Sequence[StepLike], zone: Zone) -> Timeline:
    """Its stages over time: its kept steps, and before them (or without any) what
    the stored data says, as :func:`first_stage` reads it."""
    began = start_day(future, zone)
    if not steps:
        changed = future.stage_changed_at
        if changed is None or not moved(future):
            return [(future.stage, began)]
        return [(_origin_stage(future), began), (future.stage, local_day(changed, zone))]
    found: Timeline = [(step.stage, local_day(step.at, zone)) for step in steps]
    if steps[0].at - future.created_at > CREATED_IN_STAGE:
        # Moved before its moves were kept: before the first kept step, as ever.
        found.insert(0, (_origin_stage(future), began))
    else:
        found[0] = (found[0][0], began)
    if found[-1][0] is not future.stage:  # a hand edit: its stage now is what counts
        changed = future.stage_changed_at
        found.append((future.stage, local_day(changed, zone) if changed else found[-1][1]))
    return found


_STAGES = {member.value: member for member in Stage}


def steps_from_row(stored: Any) -> tuple[Step, ...]:
    """Steps exactly as the model writes them ({stage, at}), else an error (the
    caller reads the validated model instead). Absent: stored before format 7."""
    if stored == () or stored == []:
        return ()
    if type(stored) is not list:
        raise TypeError("stages")
    found = []
    for item in stored:
        if type(item) is not dict or len(item) != 2:
            raise TypeError("stage step")
        at = datetime.fromisoformat(item["at"])
        if at.tzinfo is None:
            raise ValueError("stage step at")
        found.append(Step(_STAGES[item["stage"]], at))
    return tuple(found)
