"""Follow-through: were the touches made when the plan had them due? (docs/insights.md)

Each outgoing touch is set against the touch the cadence engine had due just before
it (:func:`engine.plan_walk.upcoming`, from the touches before it). Pure: the caller
passes the plans and the people.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from jobfutures_tui.engine.facts import FutureFacts, PersonLike
from jobfutures_tui.engine.history import CadenceSummary, TouchFacts, local_day
from jobfutures_tui.engine.plan_walk import upcoming
from jobfutures_tui.engine.plans import CadencePlan, Zone
from jobfutures_tui.engine.stage_history import first_stage, moved
from jobfutures_tui.engine.workload import ALL_DAYS, next_workday
from jobfutures_tui.models.enums import Direction, Stage


@dataclass(frozen=True)
class FollowThrough:
    since: date
    on_time: int
    late: int
    unplanned: int
    """Outgoing touches made when the plan suggested nothing (stopped, nobody reachable)."""
    skipped: int
    snoozed: int
    """Open job futures snoozed today."""
    late_days_median: float | None = None


def follow_through(
    futures: Sequence[FutureFacts],
    histories: Mapping[str, Sequence[TouchFacts]],
    *,
    since: datetime,
    today: date,
    zone: Zone,
    plan_of: Callable[[FutureFacts], CadencePlan | None],
    people_of: Callable[[FutureFacts], Sequence[PersonLike]],
    workdays: frozenset[int] = ALL_DAYS,
) -> FollowThrough:
    """Each outgoing touch made since ``since``, against the touch the cadence engine
    had due just before it (from the touches before it): on time when made by the day
    it was due (moved to a workday, as the app shows it), late after.

    What is approximated (docs/insights.md): the plan and the people are today's,
    and the stage is the one the job future had then as far as the data says
    (its first stage before its last move, its stage since).
    """
    on_time = late = unplanned = skipped = snoozed = 0
    late_days: list[int] = []
    for future in futures:
        skipped += sum(1 for skip in future.skips if skip.at >= since)
        if future.is_open and future.snoozed_until is not None and future.snoozed_until > today:
            snoozed += 1
        history = histories.get(future.id)
        if not history or history[-1].at < since:
            continue
        plan = plan_of(future)
        people = people_of(future)
        changed = future.stage_changed_at if moved(future) else None
        before = future._replace(stage=first_stage(future), stage_changed_at=None)
        summary = CadenceSummary()
        for touch in history:
            if touch.at >= since and touch.direction is Direction.OUT:
                then = future if changed is None or changed <= touch.at else before
                then = then._replace(skips=tuple(s for s in future.skips if s.at < touch.at))
                if then.stage is Stage.ARCHIVE:
                    then = then._replace(stage=first_stage(future))
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
    return FollowThrough(
        local_day(since, zone),
        on_time,
        late,
        unplanned,
        skipped,
        snoozed,
        statistics.median(late_days) if late_days else None,
    )
