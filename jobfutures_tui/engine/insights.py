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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from jobfutures_tui.engine.facts import FutureFacts
from jobfutures_tui.engine.follow_through import FollowThrough
from jobfutures_tui.engine.history import (
    TouchFacts,
    answered,
    local_day,
    order,
    plus_days,
)
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.stage_history import first_stage, moved, start_day
from jobfutures_tui.models.enums import (
    Channel,
    ClosedReason,
    Direction,
    Origin,
    Outcome,
    Stage,
    TouchKind,
)

REPLY_WINDOW_DAYS = 30
"""An answer counts as the reply to an outgoing touch within this many days."""
WEEKS_SHOWN = 26
"""Touches per week: this many weeks, the current one last."""
MONTHS_SHOWN = 12
"""The pipeline month by month: this many month ends, the current month last."""


# ------------------------------------------------------------ results


@dataclass(frozen=True)
class Rate:
    """How often one kind of outgoing touch got an answer."""

    label: str
    touches: int
    """Outgoing touches that count: answered, or at least REPLY_WINDOW_DAYS old."""
    replies: int
    median_days: float | None = None
    """Median days from the touch to its answer (0: the same day)."""

    @property
    def rate(self) -> float | None:
        return self.replies / self.touches if self.touches else None

    def to_json(self) -> dict[str, object]:
        rate = self.rate
        return {
            "label": self.label,
            "touches": self.touches,
            "replies": self.replies,
            "rate": None if rate is None else round(rate, 4),
            "median_days_to_reply": self.median_days,
        }


@dataclass(frozen=True)
class Replies:
    overall: Rate
    by_channel: list[Rate]
    by_kind: list[Rate]
    by_script: list[Rate]
    waiting: int
    """Outgoing touches younger than the window and not answered yet (not counted)."""


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
    """From the first stage to the current one, for job futures that moved."""
    warm: int
    """Job futures that were rejected-but-warm (began there or are there)."""
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
    extra: dict[str, object] = field(default_factory=dict)


# ------------------------------------------------------------ grouping


def by_prospect(touches: Iterable[TouchFacts]) -> dict[str, list[TouchFacts]]:
    """Each job future's touches in the order they happened."""
    grouped: dict[str, list[TouchFacts]] = {}
    for touch in touches:
        grouped.setdefault(touch.prospect_id, []).append(touch)
    for history in grouped.values():
        history.sort(key=order)
    return grouped


# ------------------------------------------------------------ touches per week


def week_start(day: date) -> date:
    return date.fromordinal(day.toordinal() - day.weekday())


def weekly(touches: Iterable[TouchFacts], today: date, zone: Zone) -> list[Week]:
    """Outgoing touches per week (Monday to Sunday), the last WEEKS_SHOWN weeks."""
    first = date.fromordinal(week_start(today).toordinal() - 7 * (WEEKS_SHOWN - 1))
    cutoff = datetime.combine(plus_days(first, -1), datetime.min.time(), tzinfo=zone)
    counts = [0] * WEEKS_SHOWN
    base = first.toordinal()
    for touch in touches:
        if touch.direction is not Direction.OUT or touch.at < cutoff:
            continue
        index = (local_day(touch.at, zone).toordinal() - base) // 7
        if 0 <= index < WEEKS_SHOWN:
            counts[index] += 1
    return [Week(date.fromordinal(base + 7 * i), count) for i, count in enumerate(counts)]


# ------------------------------------------------------------ replies


class _Tally:
    __slots__ = ("days", "replies", "touches")

    def __init__(self) -> None:
        self.touches = 0
        self.replies = 0
        self.days: list[int] = []

    def rate(self, label: str) -> Rate:
        median = statistics.median(self.days) if self.days else None
        return Rate(label, self.touches, self.replies, median)


def reply_days(history: Sequence[TouchFacts], zone: Zone) -> list[int | None]:
    """For each touch of one job future (in order): the days until its answer, for an
    outgoing touch answered within REPLY_WINDOW_DAYS (0: the touch itself was
    answered, or the same day); None otherwise (unanswered, or an incoming touch).

    An answer is a later touch with the same person (a touch logged without a person
    matches anyone) that :func:`answered` says is theirs: any incoming touch, or an
    outcome of replied, conversation, referral given, opening mentioned, asked to stop.
    """
    found: list[int | None] = [None] * len(history)
    later: dict[str | None, datetime] = {}
    window = timedelta(days=REPLY_WINDOW_DAYS)
    for index in range(len(history) - 1, -1, -1):
        touch = history[index]
        said = answered(touch)
        if touch.direction is Direction.OUT:
            if said:
                found[index] = 0
            else:
                person = touch.person_id
                if person is None:
                    when = min(later.values(), default=None)
                else:
                    mine, anyone = later.get(person), later.get(None)
                    when = mine if anyone is None else anyone if mine is None else min(mine, anyone)
                if when is not None and when - touch.at <= window:
                    start = local_day(touch.at, zone).toordinal()
                    found[index] = local_day(when, zone).toordinal() - start
        if said:
            later[touch.person_id] = touch.at
    return found


def replies(
    histories: Mapping[str, Sequence[TouchFacts]],
    *,
    now: datetime,
    since: datetime | None,
    zone: Zone,
    script_names: Mapping[str, str],
) -> Replies:
    """Reply rates of outgoing touches made since ``since`` (None: ever), overall and
    by channel, kind of touch and script, each with its count and median days."""
    overall = _Tally()
    channels: dict[Channel, _Tally] = {}
    kinds: dict[TouchKind | None, _Tally] = {}
    scripts: dict[str | None, _Tally] = {}
    waiting = 0
    settled = now - timedelta(days=REPLY_WINDOW_DAYS)
    for history in histories.values():
        if not any(t.direction is Direction.OUT for t in history):
            continue
        if since is not None and history[-1].at < since:
            continue
        days = reply_days(history, zone)
        for touch, day in zip(history, days, strict=True):
            if touch.direction is not Direction.OUT or (since is not None and touch.at < since):
                continue
            if day is None and touch.at > settled:
                waiting += 1
                continue
            script = touch.script_id if touch.script_id in script_names else None
            for tally in (
                overall,
                channels.setdefault(touch.channel, _Tally()),
                kinds.setdefault(touch.kind, _Tally()),
                scripts.setdefault(script, _Tally()),
            ):
                tally.touches += 1
                if day is not None:
                    tally.replies += 1
                    tally.days.append(day)
    return Replies(
        overall.rate("every outgoing touch"),
        _ranked({channel.label: tally for channel, tally in channels.items()}),
        _ranked(
            {
                (kind.label if kind is not None else "(kind not said)"): tally
                for kind, tally in kinds.items()
            }
        ),
        _ranked(
            {
                (script_names[sid] if sid is not None else "(no script)"): tally
                for sid, tally in scripts.items()
            }
        ),
        waiting,
    )


def _ranked(tallies: Mapping[str, _Tally]) -> list[Rate]:
    """Most touches first (the figures to trust first), then by name."""
    rates = [tally.rate(label) for label, tally in tallies.items()]
    return sorted(rates, key=lambda rate: (-rate.touches, rate.label.casefold()))


# ------------------------------------------------------------ the pipeline


def _stage_then(future: FutureFacts, day: date, moved_day: date | None) -> Stage:
    if moved_day is None or moved_day <= day:
        return future.stage
    return first_stage(future)


def month_ends(today: date) -> list[date]:
    """The last day of each of the last MONTHS_SHOWN months, today for this one."""
    ends: list[date] = [today]
    first = today.replace(day=1)
    for _ in range(MONTHS_SHOWN - 1):
        end = plus_days(first, -1)
        ends.append(end)
        first = end.replace(day=1)
    return list(reversed(ends))


def pipeline(
    futures: Sequence[FutureFacts],
    histories: Mapping[str, Sequence[TouchFacts]],
    closed: Mapping[str, str],
    *,
    today: date,
    zone: Zone,
) -> Pipeline:
    """Stages now and month by month, the moves, and what became of rejected-but-warm."""
    now = {stage: 0 for stage in Stage}
    ends = month_ends(today)
    months = [{stage: 0 for stage in Stage} for _ in ends]
    moves: dict[tuple[Stage, Stage], int] = {}
    warm = 0
    reached: list[int] = []
    hired = ClosedReason.HIRED_HERE.value
    for future in futures:
        now[future.stage] += 1
        began = start_day(future, zone)
        changed = future.stage_changed_at
        moved_day = local_day(changed, zone) if changed is not None and moved(future) else None
        first = first_stage(future)
        for index, end in enumerate(ends):
            if began <= end:
                months[index][_stage_then(future, end, moved_day)] += 1
        if first is not future.stage:
            key = (first, future.stage)
            moves[key] = moves.get(key, 0) + 1
        if Stage.REJECTED_WARM not in (first, future.stage):
            continue
        warm += 1
        since = began if first is Stage.REJECTED_WARM else moved_day or began
        days: list[int] = []
        reached_stage = future.stage in (Stage.REFERRAL, Stage.OFFER) or (
            future.stage is Stage.ARCHIVE and closed.get(future.id) == hired
        )
        if first is Stage.REJECTED_WARM and moved_day is not None and reached_stage:
            days.append(moved_day.toordinal() - since.toordinal())
        for touch in histories.get(future.id, ()):
            if touch.outcome is Outcome.REFERRAL_GIVEN:
                day = local_day(touch.at, zone)
                if day >= since:
                    days.append(day.toordinal() - since.toordinal())
                    break
        if days:
            reached.append(max(0, min(days)))
    return Pipeline(
        now,
        [(end, counts) for end, counts in zip(ends, months, strict=True)],
        [Move(a, b, n) for (a, b), n in sorted(moves.items(), key=lambda item: -item[1])],
        warm,
        len(reached),
        statistics.median(reached) if reached else None,
    )


# ------------------------------------------------------------ referrals


def referrals(
    futures: Sequence[FutureFacts],
    histories: Mapping[str, Sequence[TouchFacts]],
    chain: list[str],
    *,
    since: datetime | None,
) -> Referrals:
    referred = 0
    by_person: dict[str, int] = {}
    for future in futures:
        if since is not None and future.created_at < since:
            continue
        if future.referred_by_id is not None or future.origin is Origin.REFERRED:
            referred += 1
        if future.referred_by_id is not None:
            by_person[future.referred_by_id] = by_person.get(future.referred_by_id, 0) + 1
    given = sum(
        1
        for history in histories.values()
        for touch in history
        if touch.outcome is Outcome.REFERRAL_GIVEN and (since is None or touch.at >= since)
    )
    top = sorted(by_person.items(), key=lambda item: (-item[1], item[0]))
    return Referrals(referred, given, chain, top)
