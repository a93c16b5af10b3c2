"""What one job future's touches add up to for the insights, on any later day.

Counting means reading a lifetime of touches: most of the insights' time. Yet
what the figures take from one job future's touches hardly depends on the day:
its replies by group, its outgoing touches per week, how each kept to the plan.
So a job future's touches are counted once into :class:`Counts`, from a
``horizon`` (the first day the figures then looked at), and any later day's
figures are worked out from the counts without the touches
(:func:`engine.insights.share`, :mod:`engine.insights_totals`). Only three things
move with the day, and the counts keep what they need: the weeks and the
follow-through shown start later (both kept from the horizon on), and a touch
still waiting for its answer becomes one that got none (those are kept apart,
with their instant).
docs/insights.md, "How fast", says how they are kept between sessions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from jobfutures_tui.engine.follow_through import Made
from jobfutures_tui.engine.history import TouchFacts, local_day
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.replies import GroupKey, Tally, reply_days
from jobfutures_tui.models.enums import Direction, Outcome


@dataclass(slots=True)
class Counts:
    """One job future's touches, counted for the insights' figures."""

    horizon: float
    """POSIX seconds: the weeks and the follow-through are kept from this instant's
    day on (figures that start earlier count the touches again)."""
    settled: float
    """An unanswered touch made after this instant was still waiting for its answer:
    it is in :attr:`pending`, not in :attr:`groups`."""
    touches: int = 0
    """Its touches, either way."""
    last_day: int | None = None
    """The day (ordinal, where the user is) of its latest touch; None: never touched."""
    given: int = 0
    """Touches whose outcome was a referral given (since the figures' start)."""
    given_days: tuple[int, ...] = ()
    """The day (ordinal) of every referral given, in order."""
    weeks: dict[int, int] = field(default_factory=dict)
    """Monday's ordinal → outgoing touches that week (from the horizon on)."""
    groups: dict[GroupKey, Tally] = field(default_factory=dict)
    """Outgoing touches that count for the replies (since the figures' start), but
    those in :attr:`pending`."""
    pending: tuple[tuple[float, GroupKey], ...] = ()
    """Unanswered outgoing touches made after :attr:`settled`: instant and group."""
    made: tuple[Made, ...] = ()
    """The day of each outgoing touch from the horizon on, and how it kept to the plan
    (:func:`engine.follow_through.classified`)."""

    def serves(self, horizon: float, settled: float) -> bool:
        """Whether these counts hold for figures from ``horizon`` with touches after
        ``settled`` still waiting (not when the clock went back)."""
        return self.horizon <= horizon and self.settled <= settled


def count(
    history: Sequence[TouchFacts],
    *,
    since: datetime | None,
    horizon: datetime,
    settled: datetime,
    zone: Zone,
    made: tuple[Made, ...] = (),
) -> Counts:
    """Count one job future's touches (``history`` in order): the replies and referrals
    given from ``since`` (None: ever), the weeks from ``horizon``; ``made``: its
    follow-through from ``horizon``."""
    counts = Counts(horizon.timestamp(), settled.timestamp(), made=made)
    if not history:
        return counts
    counts.touches = len(history)
    counts.last_day = local_day(history[-1].at, zone).toordinal()
    weeks, groups = counts.weeks, counts.groups
    pending: list[tuple[float, GroupKey]] = []
    given_days: list[int] = []
    first_day = local_day(horizon, zone).toordinal()
    cutoff = horizon - timedelta(days=1)  # no touch before this is on the horizon's day
    out, referral = Direction.OUT, Outcome.REFERRAL_GIVEN
    for touch, answer in zip(history, reply_days(history), strict=True):
        if touch.outcome is referral:
            given_days.append(local_day(touch.at, zone).toordinal())
            if since is None or touch.at >= since:
                counts.given += 1
        if touch.direction is not out:
            continue
        if touch.at >= cutoff:
            local = local_day(touch.at, zone)
            if local.toordinal() >= first_day:
                monday = local.toordinal() - local.weekday()
                weeks[monday] = weeks.get(monday, 0) + 1
        if since is not None and touch.at < since:
            continue
        key = (touch.channel, touch.kind, touch.script_id)
        if answer is None and touch.at > settled:
            pending.append((touch.at.timestamp(), key))
            continue
        tally = groups.get(key)
        if tally is None:
            tally = groups[key] = Tally()
        tally.add(answer)
    counts.pending = tuple(pending)
    counts.given_days = tuple(given_days)
    return counts
