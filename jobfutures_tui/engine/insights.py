"""How it is going, in figures: pure counting over a lifetime of touches and job
futures (docs/insights.md says each definition in plain words).

The insights screen (5) and ``jobfutures stats`` both call
:func:`jobfutures_tui.usecases.insights.insights`, which gathers the stored rows and
calls the functions here: each job future's :class:`Share`, added up and read off
for a day by :mod:`engine.insights_totals`. Nothing here reads a store, a file or
the clock.

"They replied" is the engine's one definition (:func:`engine.history.answered`);
"the touch that was due" is the cadence engine's own (:func:`engine.plan_walk.upcoming`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from itertools import pairwise

from jobfutures_tui.engine.facts import FutureFacts, is_referred
from jobfutures_tui.engine.history import local_day, plus_days
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.replies import Replies
from jobfutures_tui.engine.stage_history import StepLike, start_day, timeline
from jobfutures_tui.engine.touch_counts import Counts
from jobfutures_tui.engine.workload import ALL_DAYS
from jobfutures_tui.models.enums import (
    ClosedReason,
    Stage,
)

WEEKS_SHOWN = 26
"""Touches per week: this many weeks, the current one last."""
MONTHS_SHOWN = 12
"""The pipeline month by month: this many month ends, the current month last."""


# ------------------------------------------------------------ results


@dataclass(frozen=True)
class Week:
    start: date
    """Its Monday."""
    touches: int


@dataclass(frozen=True)
class Move:
    from_stage: Stage
    to_stage: Stage
    count: int


@dataclass(frozen=True)
class Pipeline:
    now: dict[Stage, int]
    """Job futures per stage today (the archive included)."""
    months: list[tuple[date, dict[Stage, int]]]
    """Per month end (today for the current month), the job futures in each stage."""
    moves: list[Move]
    """Each move from one stage to another, the most made first (from the first
    stage to the current one where a job future's moves were not kept)."""
    warm: int
    """Job futures that were rejected-but-warm (at any time they are known to have been)."""
    warm_reached: int
    """Of those, the ones that later reached referral or offer (or whose people referred you)."""
    warm_median_days: float | None
    """Median days from rejected-but-warm to that."""


@dataclass(frozen=True)
class Referrals:
    referred: int
    """Job futures that came from a referral."""
    given: int
    """Touches whose outcome was a referral given."""
    chain: list[str]
    """The longest chain of job futures, first to last (ids)."""
    top: list[tuple[str, int]]
    """Person id → how many job futures they referred you to, most first."""


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


@dataclass(frozen=True)
class Figures:
    """Every figure but the cold list (that one needs the engine's decisions)."""

    today: date
    since: date | None
    weekly_goal: int | None
    weeks: list[Week]
    replies: Replies
    pipeline: Pipeline
    referrals: Referrals
    follow: FollowThrough
    touches: int = 0
    futures: int = 0


# ------------------------------------------------------------ one job future


@dataclass(frozen=True)
class Window:
    """What every job future's part is counted against (its parts are kept while
    this stays the same: see usecases/insights.py)."""

    today: date
    zone: Zone
    since: datetime | None
    """Rates, referrals: from this instant on (None: ever)."""
    follow_since: datetime
    """Follow-through: from this instant on."""
    settled: datetime
    """An unanswered touch made after this still has time to be answered."""
    workdays: frozenset[int] = ALL_DAYS

    @cached_property
    def first_week(self) -> date:
        return date.fromordinal(week_start(self.today).toordinal() - 7 * (WEEKS_SHOWN - 1))

    @cached_property
    def month_ends(self) -> list[date]:
        return month_ends(self.today)

    @cached_property
    def horizon(self) -> datetime:
        """The first instant the weeks or the follow-through look at."""
        first = datetime.combine(self.first_week, time(), tzinfo=self.zone)
        return min(first, self.follow_since)


@dataclass(slots=True)
class Share:
    """What one job future adds to the figures on any day its counts serve: its touches'
    counts, and what its record says."""

    counts: Counts
    stage: Stage
    spells: tuple[tuple[Stage, int], ...]
    """Each stage it was in, in order, with the day (ordinal) it counts there from: a
    month's end on or after that day, and before the next one's, finds it there."""
    moves: tuple[tuple[Stage, Stage], ...]
    """Its moves, from one stage to another, in order."""
    warm: bool
    reached: int | None
    """Days from rejected-but-warm to referral or offer (or a referral given)."""
    referred: bool
    referrer: str | None
    skips: tuple[int, ...]
    """The day (ordinal) of each touch it skipped."""
    snoozed_until: int | None
    """The day (ordinal) it is snoozed until, while open; None: not snoozed."""


def share(
    future: FutureFacts,
    counts: Counts,
    closed_reason: str,
    zone: Zone,
    since: datetime | None,
    steps: Sequence[StepLike] = (),
) -> Share:
    """One job future's share of every figure, from its row and its touches' counts
    (:func:`engine.touch_counts.count`); ``since``: the referrals count job futures
    added from then on (None: every one); ``steps``: its kept moves
    (``Prospect.stages``)."""
    stages = timeline(future, steps, zone)
    spells: list[tuple[Stage, int]] = []
    first = start_day(future, zone).toordinal()
    for stage, day in stages:
        first = max(first, day.toordinal())
        spells.append((stage, first))
    moves = tuple((a, b) for (a, _), (b, _) in pairwise(stages) if a is not b)
    warm_at = next((i for i, (s, _) in enumerate(stages) if s is Stage.REJECTED_WARM), None)
    reached: int | None = None
    if warm_at is not None:
        start = stages[warm_at][1].toordinal()
        days: list[int] = []
        last = len(stages) - 1
        for index in range(warm_at + 1, len(stages)):
            stage, day = stages[index]
            if stage in (Stage.REFERRAL, Stage.OFFER) or (
                stage is Stage.ARCHIVE
                and index == last
                and closed_reason == ClosedReason.HIRED_HERE.value
            ):
                days.append(day.toordinal() - start)
                break
        given = next((day for day in counts.given_days if day >= start), None)
        if given is not None:
            days.append(given - start)
        reached = max(0, min(days)) if days else None
    counted = since is None or future.created_at >= since
    snoozed = future.snoozed_until if future.is_open else None
    return Share(
        counts,
        future.stage,
        tuple(spells),
        moves,
        warm_at is not None,
        reached,
        counted and is_referred(future),
        future.referred_by_id if counted else None,
        tuple(local_day(skip.at, zone).toordinal() for skip in future.skips),
        None if snoozed is None else snoozed.toordinal(),
    )


# ------------------------------------------------------------ grouping


def week_start(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


def month_ends(today: date) -> list[date]:
    """The last day of each of the last MONTHS_SHOWN months, today for this one."""
    ends: list[date] = [today]
    first = today.replace(day=1)
    for _ in range(MONTHS_SHOWN - 1):
        end = plus_days(first, -1)
        ends.append(end)
        first = end.replace(day=1)
    return list(reversed(ends))
