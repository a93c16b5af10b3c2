"""Follow-through: were the touches made when the plan had them due? (docs/insights.md)

Each outgoing touch is set against the touch the cadence engine had due just before
it (:func:`engine.plan_walk.upcoming`, from the touches before it). Pure: the caller
passes the plan and the people.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from jobfutures_tui.engine.facts import FutureFacts, PersonLike
from jobfutures_tui.engine.history import CadenceSummary, TouchFacts, local_day
from jobfutures_tui.engine.plan_walk import upcoming
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.stage_history import first_stage, moved
from jobfutures_tui.engine.workload import ALL_DAYS, next_workday
from jobfutures_tui.models.enums import Direction, Stage

if TYPE_CHECKING:
    from jobfutures_tui.models.plan import CadencePlan


class Kept(NamedTuple):
    """One job future's outgoing touches since a day, against its plan."""

    on_time: int
    late: int
    unplanned: int
    """Made when the plan suggested nothing (it was stopped, nobody reachable)."""
    late_days: tuple[int, ...]


NOTHING_KEPT = Kept(0, 0, 0, ())

UNPLANNED = -1
ON_TIME = 0
Made = tuple[float, int]
"""An outgoing touch's instant (POSIX seconds) and how it kept to the plan:
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
            if found is None:
                how = UNPLANNED
            else:
                due = next_workday(found[0].due, workdays)
                late = local_day(touch.at, zone).toordinal() - due.toordinal()
                how = max(late, ON_TIME)
            made.append((touch.at.timestamp(), how))
        summary.add(touch)
    return tuple(made)


def kept(made: Sequence[Made], since: float) -> Kept:
    """The touches of :func:`classified` made since ``since`` (POSIX seconds), added up."""
    if not made or made[-1][0] < since:
        return NOTHING_KEPT
    on_time = late = unplanned = 0
    late_days: list[int] = []
    for at, how in made:
        if at < since:
            continue
        if how == ON_TIME:
            on_time += 1
        elif how == UNPLANNED:
            unplanned += 1
        else:
            late += 1
            late_days.append(how)
    return Kept(on_time, late, unplanned, tuple(late_days))
