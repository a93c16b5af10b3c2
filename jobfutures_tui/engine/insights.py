"""How it is going, in figures: pure counting over a lifetime of touches and job
futures (docs/insights.md says each definition in plain words).

The insights screen (5) and ``jobfutures stats`` both call
:func:`jobfutures_tui.usecases.insights.insights`, which gathers the stored rows and
calls the functions here; nothing here reads a store, a file or the clock.

"They replied" is the engine's one definition (:func:`engine.history.answered`);
"the touch that was due" is the cadence engine's own (:func:`engine.plan_walk.upcoming`).
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cached_property
from itertools import pairwise

from jobfutures_tui.engine.facts import FutureFacts, is_referred
from jobfutures_tui.engine.follow_through import Kept, kept
from jobfutures_tui.engine.history import local_day, plus_days
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.replies import GroupKey, Replies, Tally, replies
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
class Part:
    """What one job future adds to the figures."""

    stage: Stage
    spans: tuple[tuple[Stage, int], ...]
    """Each stage it was in at a month end, with the first of the window's month ends
    it was there (len: none); it stays there until the next one's."""
    moves: tuple[tuple[Stage, Stage], ...]
    """Its moves, from one stage to another, in order."""
    warm: bool
    reached: int | None
    """Days from rejected-but-warm to referral or offer (or a referral given)."""
    referred: bool
    referrer: str | None
    weeks: dict[int, int]
    """Monday's ordinal → outgoing touches that week (in the window's weeks)."""
    groups: dict[GroupKey, Tally]
    waiting: int
    given: int
    kept: Kept
    skipped: int
    snoozed: bool


def part(
    future: FutureFacts,
    counts: Counts,
    closed_reason: str,
    window: Window,
    ends: Sequence[date],
    steps: Sequence[StepLike] = (),
) -> Part:
    """One job future's share of every figure, from its row and its touches' counts
    (:func:`engine.touch_counts.count`, which must serve the window); ``steps``: its
    kept moves (``Prospect.stages``)."""
    zone, since = window.zone, window.since
    # The pipeline.
    stages = timeline(future, steps, zone)
    spans: list[tuple[Stage, int]] = []
    at = bisect_left(ends, start_day(future, zone))
    for stage, day in stages:
        at = max(at, bisect_left(ends, day))
        if spans and spans[-1][1] == at:  # moved again before that month's end
            spans.pop()
        spans.append((stage, at))
    moves = tuple((a, b) for (a, _), (b, _) in pairwise(stages) if a is not b)
    warm_at = next((i for i, (s, _) in enumerate(stages) if s is Stage.REJECTED_WARM), None)
    warm = warm_at is not None
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
    # Referrals.
    counted = since is None or future.created_at >= since
    referred = counted and is_referred(future)
    referrer = future.referred_by_id if counted else None
    # Touches: per week, replies, follow-through.
    first_week = window.first_week.toordinal()
    weeks = {monday: n for monday, n in counts.weeks.items() if monday >= first_week}
    groups, waiting = counts.groups, 0
    if counts.pending:
        settled = window.settled.timestamp()
        answered_none = []
        for when, key in counts.pending:
            if when > settled:
                waiting += 1
            else:
                answered_none.append(key)
        if answered_none:  # no answer came within the window: counted, unanswered
            groups = {key: tally.copy() for key, tally in groups.items()}
            for key in answered_none:
                groups.setdefault(key, Tally()).add(None)
    follow = window.follow_since
    return Part(
        future.stage,
        tuple(spans),
        moves,
        warm,
        reached,
        referred,
        referrer,
        weeks,
        groups,
        waiting,
        counts.given,
        kept(counts.made, follow.timestamp()),
        sum(1 for skip in future.skips if skip.at >= follow),
        future.is_open and future.snoozed_until is not None and future.snoozed_until > window.today,
    )


# ------------------------------------------------------------ all together


def figures(
    parts: Iterable[Part],
    window: Window,
    *,
    goal: int | None,
    since: date | None,
    script_names: Mapping[str, str],
    chain: list[str],
    touches: int,
) -> Figures:
    """Every job future's part, added up."""
    ends = window.month_ends
    now = dict.fromkeys(Stage, 0)
    # Where each job future starts counting in a stage, and where it stops: the months
    # are the running sums (one step per stage it was in, not one per month).
    steps = {stage: [0] * (len(ends) + 1) for stage in Stage}
    moves: dict[tuple[Stage, Stage], int] = {}
    warm = 0
    reached: list[int] = []
    referred = given = waiting = 0
    referrers: dict[str, int] = {}
    weeks: dict[int, int] = {}
    groups: dict[GroupKey, Tally] = {}
    on_time = late = unplanned = skipped = snoozed = 0
    late_days: list[int] = []
    count = 0
    for one in parts:
        count += 1
        now[one.stage] += 1
        spans = one.spans
        for index, (stage, start) in enumerate(spans):
            counts = steps[stage]
            counts[start] += 1
            counts[spans[index + 1][1] if index + 1 < len(spans) else len(ends)] -= 1
        for move in one.moves:
            moves[move] = moves.get(move, 0) + 1
        if one.warm:
            warm += 1
            if one.reached is not None:
                reached.append(one.reached)
        referred += one.referred
        if one.referrer is not None:
            referrers[one.referrer] = referrers.get(one.referrer, 0) + 1
        given += one.given
        waiting += one.waiting
        for monday, n in one.weeks.items():
            weeks[monday] = weeks.get(monday, 0) + n
        for key, tally in one.groups.items():
            mine = groups.get(key)
            if mine is None:
                mine = groups[key] = Tally()
            mine.join(tally)
        on_time += one.kept.on_time
        late += one.kept.late
        unplanned += one.kept.unplanned
        late_days += one.kept.late_days
        skipped += one.skipped
        snoozed += one.snoozed
    months = [dict.fromkeys(Stage, 0) for _ in ends]
    for stage, counts in steps.items():
        running = 0
        for index in range(len(ends)):
            running += counts[index]
            months[index][stage] = running
    base = window.first_week.toordinal()
    return Figures(
        today=window.today,
        since=since,
        weekly_goal=goal,
        weeks=[
            Week(date.fromordinal(base + 7 * i), weeks.get(base + 7 * i, 0))
            for i in range(WEEKS_SHOWN)
        ],
        replies=replies(groups, waiting, script_names),
        pipeline=Pipeline(
            now,
            list(zip(ends, months, strict=True)),
            [Move(a, b, n) for (a, b), n in sorted(moves.items(), key=_most_moves)],
            warm,
            len(reached),
            statistics.median(reached) if reached else None,
        ),
        referrals=Referrals(
            referred,
            given,
            chain,
            sorted(referrers.items(), key=lambda item: (-item[1], item[0])),
        ),
        follow=FollowThrough(
            local_day(window.follow_since, window.zone),
            on_time,
            late,
            unplanned,
            skipped,
            snoozed,
            statistics.median(late_days) if late_days else None,
        ),
        touches=touches,
        futures=count,
    )


_STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


def _most_moves(item: tuple[tuple[Stage, Stage], int]) -> tuple[int, int, int]:
    (first, now), count = item
    return (-count, _STAGE_ORDER[first], _STAGE_ORDER[now])


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
