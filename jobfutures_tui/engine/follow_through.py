"""Follow-through: were the touches made when the plan had them due? (docs/insights.md)

Each outgoing touch is set against the touch the cadence engine had due just before
it (:func:`engine.plan_walk.upcoming`, from the touches before it). Pure: the caller
passes the plan and the people.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from jobfutures_tui.engine.facts import FutureFacts, PersonLike
from jobfutures_tui.engine.history import CadenceSummary, TouchFacts, local_day
from jobfutures_tui.engine.plan_walk import upcoming
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.stage_history import first_stage, moved
from jobfutures_tui.engine.workload import ALL_DAYS, next_workday
from jobfutures_tui.models.enums import Direction, Stage

if TYPE_CHECKING:
    from jobfutures_tui.models.plan import CadencePlan


UNPLANNED = -1
ON_TIME = 0
Made = tuple[int, int]
"""An outgoing touch's day (ordinal, where the user is) and how it kept to the plan:
:data:`UNPLANNED`, :data:`ON_TIME`, or the days it came late."""


def classified(
    future: FutureFacts,
    history: Sequence[TouchFacts],
    *,
    since: datetime,
    zone: Zone,
    plan: CadencePlan | None,
    people: Sequence[PersonLike],
    workdays: frozenset[int] = ALL_DAYS,
) -> tuple[Made, ...]:
    """Each outgoing touch made since ``since`` (``history`` in order), against the
    touch the cadence engine had due just before it, worked out from the touches
    before it: on time when made by the day it was due (moved to a workday, as the
    app shows it), late after. A touch's verdict does not depend on ``since``: a
    later day's figures take the touches since theirs (:func:`kept`).

    What is approximated (docs/insights.md): the plan and the people are today's,
    and the stage is the one the job future had then as far as the data says (its
    first stage before its last move, its stage since); skips count from when made.
    """
    if not history or history[-1].at < since:
        return ()
    made: list[Made] = []
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
            day = local_day(touch.at, zone).toordinal()
            if found is None:
                how = UNPLANNED
            else:
                how = max(day - next_workday(found[0].due, workdays).toordinal(), ON_TIME)
            made.append((day, how))
        summary.add(touch)
    return tuple(made)
