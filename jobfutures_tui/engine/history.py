"""What a job future's touches say for its cadence, in a few facts.

The cadence engine (:mod:`jobfutures_tui.engine.cadence`) never needs a job
future's whole history, only what replaying it in order leaves behind: the
newest touch, how many outgoing touches completed a planned step, how many
touches in a row went unanswered, when they last answered, whether they asked
to stop, and the channel of the last touch out to each person. That is a
:class:`CadenceSummary`, built by folding the touches in order
(:meth:`CadenceSummary.add`).

The engine decides from a summary only: given touches, it first summarises
them, so there is one way to decide whatever the input. The store keeps a
summary per job future beside its index of touches (``touch-index.json``), so
the due list and the board need not read years of history.

How a history is read: an outgoing touch either completes the plan's next step
or, while earlier touches wait for an answer, is a follow-up. Sent, no-answer
and voicemail touches wait for an answer; any incoming touch, a reply or a
conversation answers them. After :data:`MAX_FOLLOW_UPS` unanswered follow-ups
the engine falls back to the plan's long cycle until they answer again.

A summary does not depend on the plan, the time zone or today, so it stays
right when any of them changes. Change :data:`SUMMARY_VERSION` whenever what
the fold computes changes: stored summaries of another version are rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple, Protocol

import pendulum

from jobfutures_tui.models.enums import Channel, Direction, Outcome, TouchKind

SUMMARY_VERSION = 2
"""Bump when :meth:`CadenceSummary.add` changes what it computes (2: kinds of
touch, texts received, the planned touches' dates, letters wait for nothing)."""

MAX_FOLLOW_UPS = 2
"""Unanswered follow-ups before falling back to the plan's long cycle."""

UNANSWERED = frozenset({Outcome.SENT, Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL})
"""Outcomes that wait for an answer."""

REPLY_OUTCOMES = frozenset(Outcome) - UNANSWERED
"""Outcomes that say they answered, even on a touch of ours: a reply, a
conversation, a referral given, an opening mentioned, a request to stop. The
one definition of "they replied": the engine's :func:`answered`, the flag a
new touch is saved with (:func:`they_replied`), the demo and the benchmark data."""

EXTRA_KINDS = frozenset(
    {
        TouchKind.OPENING_REPLY,
        TouchKind.OFFER_TO_REFER,
        TouchKind.REFERRER_THANKS,
        TouchKind.REFERRAL_ASK,
    }
)
"""Touches the moments add on top of a plan (docs/advice.md): made, they do not
count as one of the plan's steps."""

PLANNED_KEPT = 16
"""How many of the latest planned touches a summary keeps the date of: enough to
count the steps of any plan done since it (re)started."""

Zone = pendulum.Timezone | pendulum.FixedTimezone


class TouchLike(Protocol):
    """What the fold reads of a touch: a :class:`~jobfutures_tui.models.Touch`
    or the store's unvalidated :class:`TouchFacts` of one."""

    @property
    def id(self) -> str: ...
    @property
    def at(self) -> datetime: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def person_id(self) -> str | None: ...
    @property
    def channel(self) -> Channel: ...
    @property
    def direction(self) -> Direction: ...
    @property
    def outcome(self) -> Outcome: ...
    @property
    def replied(self) -> bool: ...
    @property
    def kind(self) -> TouchKind | None: ...


class TouchFacts(NamedTuple):
    """The facts of a stored touch the store indexes and the fold reads
    (a tuple: the store builds one per touch, tens of thousands at a time)."""

    id: str
    prospect_id: str
    at: datetime
    created_at: datetime
    person_id: str | None
    channel: Channel
    direction: Direction
    outcome: Outcome
    replied: bool
    kind: TouchKind | None = None
    script_id: str | None = None
    """The script used (the fold ignores it; the insights count replies by script)."""

    @classmethod
    def of(cls, touch: Any) -> TouchFacts:
        """The facts of a validated :class:`~jobfutures_tui.models.Touch`."""
        return cls(
            touch.id,
            touch.prospect_id,
            touch.at,
            touch.created_at,
            touch.person_id,
            touch.channel,
            touch.direction,
            touch.outcome,
            touch.replied,
            touch.kind,
            touch.script_id,
        )


ORDER = itemgetter(2, 3, 0)
""":func:`order` on a :class:`TouchFacts` (at, created_at, id), in C: 50,000 sort keys."""


def order(touch: TouchLike) -> tuple[datetime, datetime, str]:
    """Touches in the order they happened; ties in the order they were logged."""
    return (touch.at, touch.created_at, touch.id)


def they_replied(direction: Direction, outcome: Outcome) -> bool:
    """Whether a touch logged with this direction and outcome is their answer:
    the ``replied`` flag a new touch is saved with."""
    return direction is Direction.IN or outcome in REPLY_OUTCOMES


def answered(touch: TouchLike) -> bool:
    """Someone answered: :func:`they_replied`, or the touch was marked replied
    since (inlined: the fold calls this for every touch)."""
    return touch.direction is Direction.IN or touch.replied or touch.outcome in REPLY_OUTCOMES


class LastTouch(NamedTuple):
    """The newest touch of a job future, as the engine and the board need it."""

    id: str
    at: datetime
    channel: Channel
    direction: Direction
    outcome: Outcome
    person_id: str | None


@dataclass(slots=True)
class CadenceSummary:
    """What replaying a job future's touches in order leaves behind."""

    touches: int = 0
    """Touches folded in."""
    planned: int = 0
    """Outgoing touches that were not follow-ups: each completes a plan step
    while the plan has steps left (so the steps done are ``min(planned, steps)``)."""
    streak: int = 0
    """Touches in a row with no answer."""
    last: LastTouch | None = None
    last_out_at: datetime | None = None
    last_answer_at: datetime | None = None
    stop_at: datetime | None = None
    """When they first asked to stop (None: never)."""
    outs: dict[str | None, tuple[int, Channel]] = field(default_factory=dict)
    """Per person id, the position (0, 1, …) and channel of the last touch out
    to them; the key None stands for touches logged without a person."""
    planned_at: list[datetime] = field(default_factory=list)
    """When the latest planned touches were made (at most PLANNED_KEPT), oldest first."""
    kinds_out: set[TouchKind] = field(default_factory=set)
    """The kinds of touch made (those the user said)."""
    texted: set[str | None] = field(default_factory=set)
    """Who has sent the seeker a text (None: a text logged without a person)."""
    seen: dict[str | None, datetime] = field(default_factory=dict)
    """Per person id, the latest touch with them, either way (None: without a person)."""
    outcomes: set[Outcome] = field(default_factory=set)
    """Every outcome some touch had (a referral given, an opening mentioned…)."""

    # ------------------------------------------------------------ folding

    def add(self, touch: TouchLike) -> None:
        """Fold in the next touch; it must not sort before any touch already in."""
        if touch.outcome is Outcome.ASKED_TO_STOP and self.stop_at is None:
            self.stop_at = touch.at
        out = touch.direction is Direction.OUT
        if out:
            kind = touch.kind
            if kind not in EXTRA_KINDS and not 0 < self.streak <= MAX_FOLLOW_UPS:
                self.planned += 1
                self.planned_at.append(touch.at)
                if len(self.planned_at) > PLANNED_KEPT:
                    del self.planned_at[0]
            if kind is not None:
                self.kinds_out.add(kind)
            self.last_out_at = touch.at
            self.outs[touch.person_id] = (self.touches, touch.channel)
        elif touch.channel is Channel.TEXT:
            self.texted.add(touch.person_id)
        self.seen[touch.person_id] = touch.at
        self.outcomes.add(touch.outcome)
        if answered(touch):
            self.streak = 0
            self.last_answer_at = touch.at
        elif not (out and touch.channel is Channel.LETTER):  # a letter waits for nothing
            self.streak += 1
        self.last = LastTouch(
            touch.id, touch.at, touch.channel, touch.direction, touch.outcome, touch.person_id
        )
        self.touches += 1

    # ------------------------------------------------------------ reading

    @property
    def fallback(self) -> bool:
        """Unanswered past the follow-ups: the plan goes on at its long pace."""
        return self.streak > MAX_FOLLOW_UPS

    @property
    def following_up(self) -> bool:
        """Waiting for an answer, with follow-ups left to send."""
        return 0 < self.streak <= MAX_FOLLOW_UPS

    def steps_done(self, steps: int, *, skipped: int = 0, since: datetime | None = None) -> int:
        """Of a plan's ``steps``, how many are done: touched (from ``since`` on, when
        the plan restarted then), or ``skipped`` on the job future."""
        return min(self.planned_since(since) + skipped, steps)

    def planned_since(self, since: datetime | None) -> int:
        """Planned touches made at or after ``since`` (None: all of them)."""
        if since is None:
            return self.planned
        kept = self.planned_at
        count = sum([1 for at in kept if at >= since])
        if count == PLANNED_KEPT:  # every one kept is that recent: older ones may be too
            return self.planned
        return count

    def texted_by(self, person_id: str | None) -> bool:
        """Whether this person (or a text logged without a person) has texted the seeker."""
        return person_id in self.texted or None in self.texted

    def last_with(self, person_id: str) -> datetime | None:
        """The latest touch with this person, either way (a touch logged without a
        person counts for everyone)."""
        mine, unnamed = self.seen.get(person_id), self.seen.get(None)
        if mine is None or unnamed is None:
            return mine or unnamed
        return max(mine, unnamed)

    def last_channel_to(self, person_id: str | None, *, anyone: bool = False) -> Channel | None:
        """The channel of the last touch out to this person (a touch logged
        without a person counts for everyone); with ``anyone``, to anybody."""
        if anyone:
            latest = max(self.outs.values(), default=None)
        else:
            mine, unnamed = self.outs.get(person_id), self.outs.get(None)
            latest = max(mine, unnamed) if mine and unnamed else mine or unnamed
        return latest[1] if latest else None

    # ------------------------------------------------------------ storing

    def to_json(self) -> list[Any]:
        last = self.last
        return [
            self.touches,
            self.planned,
            self.streak,
            None
            if last is None
            else [
                last.id,
                last.at.isoformat(),
                last.channel.value,
                last.direction.value,
                last.outcome.value,
                last.person_id,
            ],
            _iso(self.last_out_at),
            _iso(self.last_answer_at),
            _iso(self.stop_at),
            [
                [person, position, channel.value]
                for person, (position, channel) in self.outs.items()
            ],
            [at.isoformat() for at in self.planned_at],
            sorted(kind.value for kind in self.kinds_out),
            list(self.texted),
            [[person, at.isoformat()] for person, at in self.seen.items()],
            sorted(outcome.value for outcome in self.outcomes),
        ]

    @classmethod
    def from_json(cls, row: list[Any]) -> CadenceSummary:
        """Read a stored summary; raises ValueError (or KeyError, TypeError) if it is odd."""
        touches, planned, streak, last, out_at, answer_at, stop_at, outs, *more = row
        planned_at, kinds, texted, seen, outcomes = more
        if type(touches) is not int or type(planned) is not int or type(streak) is not int:
            raise TypeError("counts must be whole numbers")
        parse = datetime.fromisoformat
        summary = cls(
            touches,
            planned,
            streak,
            None,
            None if out_at is None else parse(out_at),
            None if answer_at is None else parse(answer_at),
            None if stop_at is None else parse(stop_at),
            {person: (position, _CHANNELS[channel]) for person, position, channel in outs},
            [parse(at) for at in planned_at],
            {_KINDS[kind] for kind in kinds},
            set(texted),
            {person: parse(at) for person, at in seen},
            {_OUTCOMES[outcome] for outcome in outcomes},
        )
        if last is not None:
            touch_id, at, channel, direction, outcome, person_id = last
            summary.last = LastTouch(
                touch_id,
                parse(at),
                _CHANNELS[channel],
                _DIRECTIONS[direction],
                _OUTCOMES[outcome],
                person_id,
            )
        if any(person is not None and type(person) is not str for person in summary.texted):
            raise TypeError("a person id must be text")
        instants = (summary.last_out_at, summary.last_answer_at, summary.stop_at)
        for at in (*instants, *summary.planned_at, *summary.seen.values()):
            if at is not None and at.tzinfo is None:
                raise ValueError("an instant needs its offset")
        if summary.last is not None and summary.last.at.tzinfo is None:
            raise ValueError("an instant needs its offset")
        return summary


def summarise(touches: Iterable[TouchLike]) -> CadenceSummary:
    """Replay touches (in any order) into a summary."""
    summary = CadenceSummary()
    for touch in sorted(touches, key=order):
        summary.add(touch)
    return summary


# ------------------------------------------------------------ dates


def local_day(at: datetime, zone: Zone) -> date:
    """The calendar date of an instant where the user is."""
    return datetime.astimezone(at, zone).date()


def plus_days(day: date, days: int) -> date:
    """``day`` moved by whole days (a plain date: pendulum's ``add`` is ~10× slower)."""
    return date.fromordinal(day.toordinal() + days)


def as_pendulum(day: date) -> pendulum.Date:
    return day if isinstance(day, pendulum.Date) else pendulum.Date(day.year, day.month, day.day)


_CHANNELS = {member.value: member for member in Channel}
_DIRECTIONS = {member.value: member for member in Direction}
_OUTCOMES = {member.value: member for member in Outcome}
_KINDS = {member.value: member for member in TouchKind}


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()
