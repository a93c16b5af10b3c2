"""Replies: which outgoing touches were answered, within how long, counted by
channel, kind of touch and script (docs/insights.md, "What counts as a reply").

"They replied" is the engine's one definition (:func:`engine.history.answered`).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from jobfutures_tui.engine.history import TouchFacts, answered
from jobfutures_tui.models.enums import Channel, Direction, TouchKind

REPLY_WINDOW_DAYS = 30
"""An answer counts as the reply to an outgoing touch within this many days."""

GroupKey = tuple[Channel, TouchKind | None, str | None]
"""The channel, kind and script id of outgoing touches counted together."""


@dataclass(frozen=True)
class Rate:
    """How often one kind of outgoing touch got an answer."""

    label: str
    touches: int
    """Outgoing touches that count: answered, or at least REPLY_WINDOW_DAYS old."""
    replies: int
    median_days: float | None = None
    """Median whole days from the touch to an answer that came later (a touch of theirs,
    or a later touch's outcome); None when none did. An even count's median is the
    midpoint of the middle two (14.5)."""
    on_the_touch: int = 0
    """Answers logged on the touch itself (a call that became a conversation): counted
    as replies, but with no time to measure, so left out of the median."""

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
            "answered_on_the_touch": self.on_the_touch,
        }


@dataclass(frozen=True)
class Replies:
    overall: Rate
    by_channel: list[Rate]
    by_kind: list[Rate]
    by_script: list[Rate]
    waiting: int
    """Outgoing touches younger than the window and not answered yet (not counted)."""


class Tally:
    __slots__ = ("days", "on_the_touch", "replies", "touches")

    def __init__(self) -> None:
        self.touches = 0
        self.replies = 0
        self.days: list[int] = []
        """Days to each answer that came later."""
        self.on_the_touch = 0

    def add(self, answer: int | None) -> None:
        """One outgoing touch that counts, with its :func:`reply_days` answer."""
        self.touches += 1
        if answer is None:
            return
        self.replies += 1
        if answer == ON_THE_TOUCH:
            self.on_the_touch += 1
        else:
            self.days.append(answer)

    def copy(self) -> Tally:
        twin = Tally()
        twin.join(self)
        return twin

    def join(self, other: Tally) -> None:
        self.touches += other.touches
        self.replies += other.replies
        self.days += other.days
        self.on_the_touch += other.on_the_touch

    def rate(self, label: str) -> Rate:
        median = statistics.median(self.days) if self.days else None
        return Rate(label, self.touches, self.replies, median, self.on_the_touch)


_WINDOW = timedelta(days=REPLY_WINDOW_DAYS)
ON_THE_TOUCH = -1
""":func:`reply_days` of a touch answered on itself (its own outcome says they answered)."""


def reply_days(history: Sequence[TouchFacts]) -> list[int | None]:
    """For each touch of one job future (in order): the whole days (24 hours each)
    until its answer, for an outgoing touch answered later within REPLY_WINDOW_DAYS (0:
    within a day); ON_THE_TOUCH when the touch itself was answered (its outcome is an
    answer: no time to measure); None otherwise (unanswered, or an incoming touch).

    An answer is a later touch with the same person (a touch logged without a person
    matches anyone) that :func:`answered` says is theirs: any incoming touch, or an
    outcome of replied, conversation, referral given, opening mentioned, asked to stop.
    """
    found: list[int | None] = [None] * len(history)
    later: dict[str | None, datetime] = {}
    out = Direction.OUT
    for index in range(len(history) - 1, -1, -1):
        touch = history[index]
        said = answered(touch)
        if touch.direction is out:
            if said:
                found[index] = ON_THE_TOUCH
            elif later:
                person = touch.person_id
                when: datetime | None
                if person is None:
                    when = min(later.values())
                else:
                    mine, anyone = later.get(person), later.get(None)
                    when = mine if anyone is None else anyone if mine is None else min(mine, anyone)
                if when is not None and (gap := when - touch.at) <= _WINDOW:
                    found[index] = gap.days
        if said:
            later[touch.person_id] = touch.at
    return found


def replies(
    groups: Mapping[GroupKey, Tally], waiting: int, script_names: Mapping[str, str]
) -> Replies:
    overall = Tally()
    channels: dict[str, Tally] = {}
    kinds: dict[str, Tally] = {}
    scripts: dict[str, Tally] = {}
    for (channel, kind, script), tally in groups.items():
        overall.join(tally)
        channels.setdefault(channel.label, Tally()).join(tally)
        kind_label = kind.label if kind is not None else "(kind not said)"
        kinds.setdefault(kind_label, Tally()).join(tally)
        name = script_names.get(script, "(no script)") if script is not None else "(no script)"
        scripts.setdefault(name, Tally()).join(tally)
    return Replies(
        overall.rate("every outgoing touch"),
        _ranked(channels),
        _ranked(kinds),
        _ranked(scripts),
        waiting,
    )


def _ranked(tallies: Mapping[str, Tally]) -> list[Rate]:
    """Most touches first (the figures to trust first), then by name."""
    rates = [tally.rate(label) for label, tally in tallies.items()]
    return sorted(rates, key=lambda rate: (-rate.touches, rate.label.casefold()))
