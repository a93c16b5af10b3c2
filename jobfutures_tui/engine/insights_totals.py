"""Every job future's share of the figures, added up whatever the day: the figures of
any day its shares serve are read off the totals, without a job future's share or a
touch (docs/insights.md, "How fast").

Each total is a count by something that does not move with the day (a stage and the
day it was entered, a Monday, the day of an outgoing touch), so a job future's share
is added, and taken out again when it changes; a day's figures take the days they
look at. Pure: nothing here reads a store, a file or the clock.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from jobfutures_tui.engine.follow_through import ON_TIME, UNPLANNED
from jobfutures_tui.engine.history import local_day
from jobfutures_tui.engine.insights import (
    WEEKS_SHOWN,
    Figures,
    FollowThrough,
    Move,
    Pipeline,
    Referrals,
    Share,
    Week,
    Window,
)
from jobfutures_tui.engine.replies import GroupKey, Tally, replies
from jobfutures_tui.models.enums import Stage


@dataclass
class GroupTotal:
    """Outgoing touches of one channel, kind and script that count for the replies."""

    touches: int = 0
    replies: int = 0
    on_the_touch: int = 0
    days: Counter[int] = field(default_factory=Counter)
    """Days to each answer that came later → how many."""

    def add(self, tally: Tally, sign: int) -> None:
        self.touches += sign * tally.touches
        self.replies += sign * tally.replies
        self.on_the_touch += sign * tally.on_the_touch
        for days in tally.days:
            self.days[days] += sign

    def tally(self) -> Tally:
        found = Tally()
        found.touches, found.replies, found.on_the_touch = (
            self.touches,
            self.replies,
            self.on_the_touch,
        )
        found.days = sorted(self.days.elements())
        return found


@dataclass
class Totals:
    """Every share added (:meth:`add`), each kept by what does not move with the day."""

    horizon: float = float("-inf")
    """The latest of the shares' horizons (engine/touch_counts.py): days from then on."""
    settled: float = float("-inf")
    """The latest instant a share kept an unanswered touch apart after."""
    futures: int = 0
    touches: int = 0
    now: Counter[Stage] = field(default_factory=Counter)
    entered: Counter[tuple[Stage, int]] = field(default_factory=Counter)
    """(stage, day) → job futures that count in that stage from that day (negative:
    that stop counting there)."""
    moves: Counter[tuple[Stage, Stage]] = field(default_factory=Counter)
    warm: int = 0
    reached: Counter[int] = field(default_factory=Counter)
    referred: int = 0
    referrers: Counter[str] = field(default_factory=Counter)
    given: int = 0
    weeks: Counter[int] = field(default_factory=Counter)
    groups: dict[GroupKey, GroupTotal] = field(default_factory=dict)
    pending: Counter[tuple[float, GroupKey]] = field(default_factory=Counter)
    made: Counter[tuple[int, int]] = field(default_factory=Counter)
    """(day, how it kept to the plan) of outgoing touches (engine/follow_through.py)."""
    skips: Counter[int] = field(default_factory=Counter)
    snoozes: Counter[int] = field(default_factory=Counter)
    """The day open job futures are snoozed until → how many."""

    def serves(self, window: Window) -> bool:
        """Whether every share added serves this window (not when the clock went back)."""
        return (
            self.horizon <= window.horizon.timestamp()
            and self.settled <= window.settled.timestamp()
        )

    def add(self, one: Share, sign: int = 1) -> None:
        """Add a share (``sign`` -1: take it out again, as it was added)."""
        counts = one.counts
        if sign > 0:
            self.horizon = max(self.horizon, counts.horizon)
            self.settled = max(self.settled, counts.settled)
        self.futures += sign
        self.touches += sign * counts.touches
        self.now[one.stage] += sign
        spells = one.spells
        for index, (stage, day) in enumerate(spells):
            self.entered[stage, day] += sign
            if index + 1 < len(spells):
                self.entered[stage, spells[index + 1][1]] -= sign
        for move in one.moves:
            self.moves[move] += sign
        if one.warm:
            self.warm += sign
            if one.reached is not None:
                self.reached[one.reached] += sign
        self.referred += sign * one.referred
        if one.referrer is not None:
            self.referrers[one.referrer] += sign
        self.given += sign * counts.given
        for monday, n in counts.weeks.items():
            self.weeks[monday] += sign * n
        for key, tally in counts.groups.items():
            group = self.groups.get(key)
            if group is None:
                group = self.groups[key] = GroupTotal()
            group.add(tally, sign)
        for pending in counts.pending:
            self.pending[pending] += sign
        for made in counts.made:
            self.made[made] += sign
        for day in one.skips:
            self.skips[day] += sign
        if one.snoozed_until is not None:
            self.snoozes[one.snoozed_until] += sign


def figures(
    totals: Totals,
    window: Window,
    *,
    goal: int | None,
    since: date | None,
    script_names: Mapping[str, str],
    chain: list[str],
) -> Figures:
    """The figures of the window's day (the totals must serve it)."""
    ends = [end.toordinal() for end in window.month_ends]
    today = window.today.toordinal()
    # The pipeline month by month: per stage, the running sum of who entered and left,
    # read at each month's end.
    by_stage: dict[Stage, list[tuple[int, int]]] = {stage: [] for stage in Stage}
    for (stage, day), n in totals.entered.items():
        if n:
            by_stage[stage].append((day, n))
    months = [dict.fromkeys(Stage, 0) for _ in ends]
    for stage, entries in by_stage.items():
        entries.sort()
        days = [day for day, _ in entries]
        running = list(accumulate(n for _, n in entries))
        for index, end in enumerate(ends):
            at = bisect_right(days, end)
            months[index][stage] = running[at - 1] if at else 0
    # Replies: touches still waiting for their answer, or that got none.
    groups = {key: group.tally() for key, group in totals.groups.items() if group.touches}
    waiting = 0
    settled = window.settled.timestamp()
    for (when, key), n in totals.pending.items():
        if n <= 0:
            continue
        if when > settled:
            waiting += n
        else:
            tally = groups.get(key)
            if tally is None:
                tally = groups[key] = Tally()
            for _ in range(n):
                tally.add(None)
    # Follow-through, skips and snoozes: the days the window looks at.
    follow_day = local_day(window.follow_since, window.zone).toordinal()
    on_time = late = unplanned = 0
    late_days: list[int] = []
    for (day, how), n in totals.made.items():
        if day < follow_day or n <= 0:
            continue
        if how == ON_TIME:
            on_time += n
        elif how == UNPLANNED:
            unplanned += n
        else:
            late += n
            late_days += [how] * n
    reached = sorted(totals.reached.elements())
    base = window.first_week.toordinal()
    return Figures(
        today=window.today,
        since=since,
        weekly_goal=goal,
        weeks=[
            Week(date.fromordinal(base + 7 * i), totals.weeks.get(base + 7 * i, 0))
            for i in range(WEEKS_SHOWN)
        ],
        replies=replies(groups, waiting, script_names),
        pipeline=Pipeline(
            {stage: totals.now.get(stage, 0) for stage in Stage},
            [(date.fromordinal(end), counts) for end, counts in zip(ends, months, strict=True)],
            [Move(a, b, n) for (a, b), n in sorted(totals.moves.items(), key=_most_moves) if n > 0],
            totals.warm,
            len(reached),
            statistics.median(reached) if reached else None,
        ),
        referrals=Referrals(
            totals.referred,
            totals.given,
            chain,
            sorted(
                ((pid, n) for pid, n in totals.referrers.items() if n > 0),
                key=lambda item: (-item[1], item[0]),
            ),
        ),
        follow=FollowThrough(
            local_day(window.follow_since, window.zone),
            on_time,
            late,
            unplanned,
            sum(n for day, n in totals.skips.items() if day >= follow_day),
            sum(n for day, n in totals.snoozes.items() if day > today),
            statistics.median(late_days) if late_days else None,
        ),
        touches=totals.touches,
        futures=totals.futures,
    )


_STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


def _most_moves(item: tuple[tuple[Stage, Stage], int]) -> tuple[int, int, int]:
    (first, now), count = item
    return (-count, _STAGE_ORDER[first], _STAGE_ORDER[now])
