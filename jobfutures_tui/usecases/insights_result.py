"""What the insights screen (5) and ``jobfutures stats`` show, and its text form: the
day's figures are kept in the derived index at close, so a 5 pressed as the next
session's board appears, the same day, shows them at once (docs/insights.md,
"How fast"). The text holds every figure but the weekly goal (a setting, put back
when read); anything odd in it reads as nothing kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import orjson

from jobfutures_tui.engine.insights import (
    Figures,
    FollowThrough,
    Move,
    Pipeline,
    Referrals,
    Week,
)
from jobfutures_tui.engine.replies import Rate, Replies
from jobfutures_tui.models.enums import Stage


@dataclass(frozen=True)
class Cold:
    """An open job future whose next touch is overdue: silent longer than its plan."""

    prospect_id: str
    company: str
    person: str
    stage: Stage
    late_days: int
    """Days past the day its plan had the next touch due."""
    silent_days: int | None
    """Days since the last touch either way (None: never touched)."""
    how: str


@dataclass(frozen=True)
class Insights:
    figures: Figures
    cold: list[Cold]
    cold_total: int
    """Every open job future that is overdue (the list shows the first COLD_SHOWN)."""
    names: dict[str, str]
    """Person and job future ids → the name shown (referrers, the chain's companies)."""


def as_text(found: Insights) -> str:
    f = found.figures
    r, p, ref, ft = f.replies, f.pipeline, f.referrals, f.follow
    return orjson.dumps(
        {
            "today": f.today.toordinal(),
            "since": None if f.since is None else f.since.toordinal(),
            "weeks": [[week.start.toordinal(), week.touches] for week in f.weeks],
            "replies": [
                _rate(r.overall),
                [_rate(rate) for rate in r.by_channel],
                [_rate(rate) for rate in r.by_kind],
                [_rate(rate) for rate in r.by_script],
                r.waiting,
            ],
            "pipeline": [
                _stages(p.now),
                [[end.toordinal(), _stages(counts)] for end, counts in p.months],
                [[m.from_stage.value, m.to_stage.value, m.count] for m in p.moves],
                p.warm,
                p.warm_reached,
                p.warm_median_days,
            ],
            "referrals": [ref.referred, ref.given, ref.chain, ref.top],
            "follow": [
                ft.since.toordinal(),
                ft.on_time,
                ft.late,
                ft.unplanned,
                ft.skipped,
                ft.snoozed,
                ft.late_days_median,
            ],
            "touches": f.touches,
            "futures": f.futures,
            "cold": [
                [
                    c.prospect_id,
                    c.company,
                    c.person,
                    c.stage.value,
                    c.late_days,
                    c.silent_days,
                    c.how,
                ]
                for c in found.cold
            ],
            "cold_total": found.cold_total,
            "names": found.names,
        }
    ).decode()


def from_text(text: Any, goal: int | None) -> Insights | None:
    """The insights of :func:`as_text`, with this weekly goal (None: not such a text)."""
    try:
        kept = orjson.loads(text)
        overall, channels, kinds, scripts, waiting = kept["replies"]
        now, months, moves, warm, reached, median = kept["pipeline"]
        referred, given, chain, top = kept["referrals"]
        since, on_time, late, unplanned, skipped, snoozed, late_median = kept["follow"]
        figures = Figures(
            today=_day(kept["today"]),
            since=None if kept["since"] is None else _day(kept["since"]),
            weekly_goal=goal,
            weeks=[Week(_day(start), int(touches)) for start, touches in kept["weeks"]],
            replies=Replies(
                _rate_of(overall),
                [_rate_of(rate) for rate in channels],
                [_rate_of(rate) for rate in kinds],
                [_rate_of(rate) for rate in scripts],
                int(waiting),
            ),
            pipeline=Pipeline(
                _stages_of(now),
                [(_day(end), _stages_of(counts)) for end, counts in months],
                [Move(Stage(a), Stage(b), int(n)) for a, b, n in moves],
                int(warm),
                int(reached),
                _number(median),
            ),
            referrals=Referrals(
                int(referred),
                int(given),
                [str(pid) for pid in chain],
                [(str(pid), int(n)) for pid, n in top],
            ),
            follow=FollowThrough(
                _day(since),
                int(on_time),
                int(late),
                int(unplanned),
                int(skipped),
                int(snoozed),
                _number(late_median),
            ),
            touches=int(kept["touches"]),
            futures=int(kept["futures"]),
        )
        cold = [
            Cold(
                str(pid),
                str(company),
                str(person),
                Stage(stage),
                int(days),
                _whole(silent),
                str(how),
            )
            for pid, company, person, stage, days, silent, how in kept["cold"]
        ]
        names = {str(key): str(name) for key, name in kept["names"].items()}
        return Insights(figures, cold, int(kept["cold_total"]), names)
    except (TypeError, ValueError, KeyError, orjson.JSONDecodeError):
        return None


def with_goal(found: Insights, goal: int | None) -> Insights:
    return replace(found, figures=replace(found.figures, weekly_goal=goal))


def _rate(rate: Rate) -> list[Any]:
    return [rate.label, rate.touches, rate.replies, rate.median_days, rate.on_the_touch]


def _rate_of(kept: Any) -> Rate:
    label, touches, replies, median, on_the_touch = kept
    return Rate(str(label), int(touches), int(replies), _number(median), int(on_the_touch))


def _stages(counts: dict[Stage, int]) -> dict[str, int]:
    return {stage.value: n for stage, n in counts.items()}


def _stages_of(kept: Any) -> dict[Stage, int]:
    return {stage: int(kept[stage.value]) for stage in Stage}


def _day(ordinal: Any) -> date:
    return date.fromordinal(int(ordinal))


def _whole(value: Any) -> int | None:
    if value is not None and type(value) is not int:
        raise TypeError(value)
    return value


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float):
        raise TypeError(value)
    return value
