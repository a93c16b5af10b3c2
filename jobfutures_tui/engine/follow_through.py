"""Follow-through: were the touches made when the plan had them due? (docs/insights.md)

Each outgoing touch is set against the touch the cadence engine had due just before
it (:func:`engine.plan_walk.upcoming`, from the touches before it). Pure: the caller
passes the plan and the people.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from jobfutures_tui.engine.facts import FutureFacts, PersonLike
from jobfutures_tui.engine.history import CadenceSummary, TouchFacts, local_day
from jobfutures_tui.engine.plan_walk import upcoming
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.stage_history import first_stage, moved
from jobfutures_tui.engine.workload import ALL_DAYS, next_workday
from jobfutures_tui.models.enums import Direction, Stage
from jobfutures_tui.models.plan import CadencePlan


class Kept(NamedTuple):
    """One job future's outgoing touches since a day, against its plan."""

    on_time: int
    late: int
    unplanned: int
    """Made when the plan suggested nothing (it was stopped, nobody reachable)."""
    late_days: tuple[int, ...]


NOTHING_KEPT = Kept(0, 0, 0, ())


def kept(
    future: FutureFacts,
    history: Sequence[TouchFacts],
    *,
    since: datetime,
    zone: Zone,
    plan: CadencePlan | None,
    people: Sequence[PersonLike],
    workdays: frozenset[int] = ALL_DAYS,
) -> Kept:
    """Each outgoing touch made since ``since`` (``history`` in order), against the
    touch the cadence engine had due just before it, worked out from the touches
    before it: on time when made by the day it was due (moved to a workday, as the
    app shows it), late after.

    What is approximated (docs/insights.md): the plan and the people are today's,
    and the stage is the one the job future had then as far as the data says (its
    first stage before its last move, its stage since); skips count from when made.
    """
    if not history or history[-1].at < since:
        return NOTHING_KEPT
    on_time = late = unplanned = 0
    late_days: list[int] = []
    changed = future.stage_changed_at if moved(future) else None
    first = first_stage(future)
    if first is Stage.ARCHIVE:
        first = Stage.REJECTED_WARM  # archived as it was added: kept warm until then
    before = future._replace(stage=first, stage_changed_at=None)
    after = future if future.stage is not Stage.ARCHIVE else future._replace(stage=first)
    summary = CadenceSummary()
    for touch in history:
        if touch.at >= since and touch.direction is Direction.OUT:
            then = after if changed is None or changed <= touch.at else before
            if future.skips:
                then = then._replace(skips=tuple(s for s in future.skips if s.at < touch.at))
            found = upcoming(then, people, summary, plan, zone)
            if found is None:
                unplanned += 1
            else:
                due = next_workday(found[0].due, workdays)
                day = local_day(touch.at, zone)
                if day <= due:
                    on_time += 1
                else:
                    late += 1
                    late_days.append(day.toordinal() - due.toordinal())
        summary.add(touch)
    return Kept(on_time, late, unplanned, tuple(late_days))
