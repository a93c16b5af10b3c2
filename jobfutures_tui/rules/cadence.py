"""When the next touch is due, with whom, by which channel, and why.

Pure code over the records and pendulum calendar dates (DESIGN.md, "Cadence"):
no store, no clock. Callers pass ``today`` (``models.dates.today()``), so
tests pin it. Touch instants are turned into local calendar dates once, and
all arithmetic is on dates, so a DST change can never move a day.

How a job future's history is read: its touches are replayed in order into a
:class:`~jobfutures_tui.rules.history.CadenceSummary` (see that module), and
the engine decides from the summary alone. An outgoing touch either
completes the plan's next step or, while earlier touches wait for an answer,
is a follow-up. Sent, no-answer and voicemail touches wait for an answer; any
incoming touch, a reply or a conversation answers them. After two unanswered
follow-ups the plan goes on with its next touch, but no sooner than its
repeating interval (the long cycle) and without follow-ups, until they answer
again. The store keeps each job future's summary up to date, so deciding for
thousands of job futures reads no history (:func:`suggest_next` takes either).

A skipped touch (the user chose not to make it, :func:`skip_next`) is kept
on the job future, not in its history: the summary stays a fold of the
contacts that happened, so an unanswered message is still unanswered after
its follow-up was skipped. The engine reads the skips on top of the summary:
each skipped plan touch counts as a step done, and the newest skip, when
nothing was logged after it, is where the plan goes on from (no follow-up
or reply is suggested again for what came before it).

Dates are plain :class:`datetime.date` inside (pendulum's arithmetic is about
ten times slower); a suggestion's due date is a pendulum date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

import pendulum

from jobfutures_tui.models import Skip, dates
from jobfutures_tui.models.enums import (
    Channel,
    Origin,
    Outcome,
    PersonRole,
    Stage,
    TouchKind,
)
from jobfutures_tui.rules.facts import FutureLike, PersonLike, SkipLike
from jobfutures_tui.rules.history import (
    MAX_FOLLOW_UPS,
    UNANSWERED,
    CadenceSummary,
    LastTouch,
    TouchLike,
    answered,
    as_pendulum,
    local_day,
    plus_days,
    summarise,
)
from jobfutures_tui.rules.plans import Anchor, CadencePlan, Step, Zone, plan_for, start_date

__all__ = [
    "MAX_FOLLOW_UPS",
    "UNANSWERED",
    "CadenceSummary",
    "answered",
    "skip_next",
    "summarise",
]

FOLLOW_UP_DAYS = 7
"""An unanswered touch is followed up within a week."""
VOICEMAIL_RETRY_DAYS = 3
"""A voicemail nobody returned is retried this soon, another way."""
MIN_GAP_DAYS = 7
"""A step counted from the start never lands within a week of the last outgoing touch."""
WARM_DAYS = 30
COOL_DAYS = 90

ROTATION: tuple[Channel, ...] = (
    Channel.EMAIL,
    Channel.CALL,
    Channel.LINKEDIN,
    Channel.IN_PERSON,
    Channel.TEXT,
)
"""Channels suggested in turn. A voicemail is what a call becomes, so it is
never suggested; a letter is the last resort when nothing else differs."""

_PHONE = frozenset({Channel.CALL, Channel.VOICEMAIL})

ROLE_ORDER = (
    PersonRole.HIRING_MANAGER,
    PersonRole.INTERVIEWER,
    PersonRole.REFERRER,
    PersonRole.OTHER,
    PersonRole.RECRUITER,
)
_ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_ORDER)}

STAGE_POINTS = {
    Stage.OFFER: 6.0,
    Stage.REFERRAL: 4.0,
    Stage.INTERVIEWED: 2.0,
    Stage.REJECTED_WARM: 1.0,
}
WARM_POINTS = 3.0
"""They answered within WARM_DAYS."""
COOL_POINTS = 1.5
"""They answered within COOL_DAYS."""
OPENING_POINTS = 20.0
"""A live opening outranks any amount of lateness."""

_START_PHRASE = {
    Origin.INTERVIEWED: "the interview",
    Origin.REJECTED: "their decision",
    Origin.OFFER_DECLINED: "you declined the offer",
    Origin.NO_OPENING: "you met",
    Origin.REFERRED: "the referral",
}

_DO = {
    TouchKind.THANK_YOU: "send a thank-you",
    TouchKind.FOLLOW_UP: "follow up",
    TouchKind.CHECK_IN: "check in",
    TouchKind.VALUE_SHARE: "share something useful",
    TouchKind.WORK_SAMPLE: "send a work sample",
    TouchKind.REFERRAL_ASK: "ask who else they would introduce you to",
    TouchKind.OFFER_TO_REFER: "offer to refer someone",
    TouchKind.RECONNECT: "reconnect",
    TouchKind.OPENING_REPLY: "reply about the opening",
}

_NOUN = {
    Channel.CALL: "call",
    Channel.VOICEMAIL: "voicemail",
    Channel.EMAIL: "email",
    Channel.IN_PERSON: "visit",
    Channel.LINKEDIN: "LinkedIn message",
    Channel.TEXT: "text",
    Channel.LETTER: "letter",
}


# ------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class Urgency:
    """A score made of named parts, so a user can see why one row is on top."""

    parts: tuple[tuple[str, float], ...]

    @property
    def total(self) -> float:
        return sum([points for _, points in self.parts])

    @property
    def breakdown(self) -> dict[str, float]:
        return dict(self.parts)

    def explain(self) -> str:
        """'overdue +3.00, stage +6.00 = 9.00'."""
        shown = ", ".join(f"{name} {points:+.2f}" for name, points in self.parts)
        return f"{shown} = {self.total:.2f}" if shown else "0.00"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The next touch for one job future."""

    due: pendulum.Date
    kind: TouchKind
    channel: Channel
    person_id: str | None
    reason: str
    overdue_days: int
    suggest_stage: Stage | None
    urgency: Urgency
    plan_id: str


Words = tuple[str | date, ...]
"""A reason before today is known: text, and dates to show as '3 Mar' (with the
year when it is not today's year)."""


class Thanks(NamedTuple):
    """A referral that reached the offer stage: the referrer is owed a thank-you."""

    day: date
    """When the referred job future reached the offer stage."""
    person_id: str
    """The referrer: one of this job future's people."""
    company: str
    """Where the referral led."""


class Decision(NamedTuple):
    """What the engine decides for a job future before knowing today's date.

    Everything but lateness, urgency and snoozing depends only on the job
    future, its people and its history, so a decision can be kept (in memory,
    and in the derived index between sessions) and finished for any day
    (:func:`finish`) in a few microseconds.
    """

    due: date
    kind: TouchKind
    words: Words
    channel: Channel
    person_id: str | None
    opening: bool
    answer_day: date | None
    """When they last answered (warmth), if ever."""
    plan_id: str
    last_day: date | None
    """The day of the latest touch (None: never touched), for ordering."""

    def to_json(self) -> list[Any]:
        """Dates as day numbers (``date.toordinal``): quick to store and to read."""
        return [
            self.due.toordinal(),
            self.kind.value,
            [w if isinstance(w, str) else w.toordinal() for w in self.words],
            self.channel.value,
            self.person_id,
            self.opening,
            None if self.answer_day is None else self.answer_day.toordinal(),
            self.plan_id,
            None if self.last_day is None else self.last_day.toordinal(),
        ]

    @classmethod
    def from_json(cls, row: list[Any]) -> Decision:
        """Read a stored decision; raises ValueError (or KeyError, TypeError) if it is odd."""
        due, kind, words, channel, person_id, opening, answer_day, plan_id, last_day = row
        if type(opening) is not bool or type(plan_id) is not str:
            raise TypeError("opening or plan")
        if person_id is not None and type(person_id) is not str:
            raise TypeError("person")
        day = date.fromordinal  # TypeError unless a whole number, ValueError if out of range
        return cls(
            day(due),
            _KINDS[kind],
            tuple([w if type(w) is str else day(w) for w in words]),
            _CHANNELS[channel],
            person_id,
            opening,
            None if answer_day is None else day(answer_day),
            plan_id,
            None if last_day is None else day(last_day),
        )


DECISION_VERSION = 4
"""Bump when the engine would decide differently from the same records, so
decisions kept in the derived index are made again (3: skips, user plans)."""

_KINDS = {member.value: member for member in TouchKind}
_CHANNELS = {member.value: member for member in Channel}


# ------------------------------------------------------------ the engine

History = Iterable[TouchLike] | CadenceSummary | None
"""A job future's touches in any order, or what they add up to (None: no touches)."""


def suggest_next(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    plan: CadencePlan | None = None,
    today: date,
    home_city: str = "",
    snoozed_until: date | None = None,
    tz: Zone | None = None,
    thanks: Thanks | None = None,
) -> Suggestion | None:
    """The next touch due for ``prospect``, or None when nothing should be sent.

    None means: archived, they asked to stop, everyone is do-not-contact, or a
    plan without a repeating interval has run out. ``touches`` are this
    prospect's touches in any order, or their summary; ``people`` its people.
    The same as :func:`decide`, then :func:`finish`.
    """
    decision = decide(
        prospect, people, touches, plan=plan, home_city=home_city, tz=tz, thanks=thanks
    )
    if decision is None:
        return None
    return finish(decision, stage=prospect.stage, today=today, snoozed_until=snoozed_until)


def decide(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    plan: CadencePlan | None = None,
    home_city: str = "",
    tz: Zone | None = None,
    thanks: Thanks | None = None,
) -> Decision | None:
    """The next touch for ``prospect`` whatever today is, or None (see :func:`suggest_next`).

    ``thanks``: a referral by one of its people reached the offer stage; unless an
    opening needs a reply, thanking them comes first, until a touch goes out.
    """
    found = _upcoming(prospect, people, touches, plan, tz)
    if found is None:
        return None
    nxt, history, plan, last_day, zone = found
    thanked = _thanks_first(nxt, thanks, people, history, last_day, zone)
    if thanked is not None:
        nxt, referrer = thanked
    else:
        referrer = None
    due, kind, words, opening, answers = nxt.due, nxt.kind, nxt.words, nxt.opening, nxt.answers
    person = referrer or _same_person(people, answers) or pick_person(people, prospect)
    channel = pick_channel(person, history, home_city)
    replied = history.last_answer_at
    last = history.last
    if replied is None:
        answer_day = None
    elif last is not None and replied == last.at:
        answer_day = last_day
    else:
        answer_day = local_day(replied, zone)
    person_id = person.id if person else None
    return Decision(due, kind, words, channel, person_id, opening, answer_day, plan.id, last_day)


def _thanks_first(
    nxt: _Next,
    thanks: Thanks | None,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    last_day: date | None,
    zone: Zone,
) -> tuple[_Next, PersonLike] | None:
    """The thank-you a referrer is owed, if nothing more pressing comes first."""
    if thanks is None or nxt.opening:
        return None
    referrer = next((p for p in people if p.id == thanks.person_id), None)
    if referrer is None or referrer.do_not_contact:
        return None
    out = history.last_out_at
    if out is not None and local_day(out, zone) >= thanks.day:
        return None  # a touch went out since: the chance to thank them was taken
    first = referrer.name.split()[0] if referrer.name.split() else referrer.name
    words: Words = (
        f"your referral to {thanks.company} reached the offer stage on ",
        thanks.day,
        f": thank {first}",
    )
    due = max(thanks.day, last_day) if last_day is not None else thanks.day
    return _Next(due, TouchKind.THANK_YOU, words, step=False), referrer


def skip_next(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    at: datetime,
    plan: CadencePlan | None = None,
    tz: Zone | None = None,
) -> Skip | None:
    """What skipping the touch due now records (add it to the job future's
    ``skips``), or None when nothing is due to skip."""
    found = _upcoming(prospect, people, touches, plan, tz)
    if found is None:
        return None
    nxt = found[0]
    return Skip.model_validate({"at": at, "kind": nxt.kind, "step": nxt.step})


def _upcoming(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    plan: CadencePlan | None,
    tz: Zone | None,
) -> tuple[_Next, CadenceSummary, CadencePlan, date | None, Zone] | None:
    """The next touch with what it was worked out from, or None (see :func:`suggest_next`)."""
    if not prospect.is_open or _nobody_to_contact(people):
        return None
    history = _summary(touches)
    if history.stop_at is not None:
        return None
    zone = tz or dates.local_timezone()
    plan = plan or plan_for(prospect, zone=zone)
    start = start_date(prospect, zone)
    last = history.last
    last_day = None if last is None else local_day(last.at, zone)
    skipped = _Skipped.of(prospect.skips, last, zone)
    nxt = _next_touch(plan, history, prospect, start, last_day, zone, skipped)
    if nxt is None:
        return None
    if last_day is not None and nxt.due < last_day:
        nxt = nxt._replace(due=last_day)
    return nxt, history, plan, last_day, zone


def finish(
    decision: Decision, *, stage: Stage, today: date, snoozed_until: date | None = None
) -> Suggestion:
    """A decision made a suggestion for ``today``: snoozing, lateness, urgency, words."""
    due, words = decision.due, decision.words
    if snoozed_until is not None and due < snoozed_until:
        due = snoozed_until
        words = (*words, " (snoozed until ", snoozed_until, ")")
    lateness = _days_between(due, today)
    opening = decision.opening
    return Suggestion(  # positional: keywords make this line cost twice as much
        as_pendulum(due),
        decision.kind,
        decision.channel,
        decision.person_id,
        "".join(w if type(w) is str else _day(w, today) for w in words),  # type: ignore[arg-type]
        max(0, lateness),
        Stage.OFFER if opening and stage is not Stage.OFFER else None,
        _urgency(decision, stage, today, lateness),
        decision.plan_id,
    )


def urgency_of(
    decision: Decision, *, stage: Stage, today: date, snoozed_until: date | None = None
) -> Urgency:
    """The urgency :func:`finish` would give, without the rest of the suggestion
    (what ordering thousands of cards needs)."""
    due = decision.due
    if snoozed_until is not None and due < snoozed_until:
        due = snoozed_until
    return _urgency(decision, stage, today, _days_between(due, today))


def _urgency(decision: Decision, stage: Stage, today: date, lateness: int) -> Urgency:
    answer_day = decision.answer_day
    return urgency(
        lateness=lateness,
        stage=stage,
        replied_days_ago=None if answer_day is None else _days_between(answer_day, today),
        opening=decision.opening,
    )


def stopped(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    today: date,
    tz: Zone | None = None,
) -> str | None:
    """Why nothing will be suggested for this job future, or None if something will."""
    if not prospect.is_open:
        return "archived"
    stop_at = _summary(touches).stop_at
    if stop_at is not None:
        day = local_day(stop_at, tz or dates.local_timezone())
        return f"they asked you to stop on {_day(day, today)}"
    if _nobody_to_contact(people):
        return "everyone here is marked do not contact"
    return None


def suggested_stage(prospect: FutureLike, touches: History) -> Stage | None:
    """A stage the history calls for: archive once they asked to stop, offer
    when their latest touch mentioned an opening; None when it fits."""
    if not prospect.is_open:
        return None
    history = _summary(touches)
    if history.stop_at is not None:
        return Stage.ARCHIVE
    if history.last is not None and history.last.outcome is Outcome.OPENING_MENTIONED:
        return None if prospect.stage is Stage.OFFER else Stage.OFFER
    return None


def recruiter_only_warning(people: Sequence[PersonLike]) -> str | None:
    """A nudge when nobody but recruiters can be contacted (DESIGN.md, rule 8)."""
    reachable = [p for p in people if not p.do_not_contact]
    if not reachable or any(p.role is not PersonRole.RECRUITER for p in reachable):
        return None
    who = "a recruiter" if len(reachable) == 1 else "recruiters"
    return (
        f"Only {who} here: add the hiring manager, who is likelier to remember you "
        "and to have a say."
    )


def pick_person(
    people: Sequence[PersonLike], prospect: FutureLike | None = None
) -> PersonLike | None:
    """Whom to contact: a hiring manager first, a recruiter last, never do-not-contact.

    Ties keep the prospect's own order (its main person first).
    """
    if len(people) == 1:  # the usual case
        return None if people[0].do_not_contact else people[0]
    order = {pid: index for index, pid in enumerate(prospect.person_ids)} if prospect else {}
    best: tuple[int, int, int] | None = None
    chosen: PersonLike | None = None
    for index, person in enumerate(people):
        if person.do_not_contact:
            continue
        rank = _ROLE_RANK.get(person.role, len(ROLE_ORDER))
        key = (rank, order.get(person.id, len(order)), index)
        if best is None or key < best:
            best, chosen = key, person
    return chosen


def pick_channel(person: PersonLike | None, touches: History, home_city: str = "") -> Channel:
    """The person's preferred channel, else the next one they can be reached by
    that differs from the last outgoing touch to them (a call and a voicemail
    count as the same channel). A touch logged without a person counts for all.
    """
    if person is not None and person.preferred_channel is not None:
        return person.preferred_channel
    history = _summary(touches)
    if person is None:
        last = history.last_channel_to(None, anyone=True)
    else:
        last = history.last_channel_to(person.id)
    for channel in _AFTER[last]:
        if can_reach(person, channel, home_city):
            return channel
    return Channel.LETTER


def _after(last: Channel | None) -> tuple[Channel, ...]:
    """The channels to try after ``last``, in turn, without repeating it."""
    if last is None:
        return ROTATION
    avoid = _PHONE if last in _PHONE else frozenset({last})
    mark = Channel.CALL if last in _PHONE else last
    at = ROTATION.index(mark) + 1 if mark in ROTATION else 0
    return tuple(c for c in ROTATION[at:] + ROTATION[:at] if c not in avoid)


_AFTER = {last: _after(last) for last in (None, *Channel)}


def can_reach(person: PersonLike | None, channel: Channel, home_city: str = "") -> bool:
    """Whether the person's details allow this channel (a letter always does)."""
    if channel is Channel.LETTER:
        return True
    if person is None:
        return False
    if channel in (Channel.CALL, Channel.VOICEMAIL, Channel.TEXT):
        return bool(person.phone)
    if channel is Channel.EMAIL:
        return bool(person.email)
    if channel is Channel.LINKEDIN:
        return bool(person.linkedin)
    if channel is Channel.IN_PERSON:
        here = home_city.strip().casefold()
        return bool(here) and person.city.strip().casefold() == here
    return False


def urgency(
    *, lateness: int, stage: Stage, replied_days_ago: int | None = None, opening: bool = False
) -> Urgency:
    """Points for how late the touch is (negative before it is due), the stage,
    a recent answer and a mentioned opening."""
    parts: list[tuple[str, float]] = []
    if lateness > 0:
        parts.append(("overdue", _lateness_curve(lateness)))
    elif lateness < 0:
        parts.append(("not yet due", -_lateness_curve(-lateness) / 2))
    points = STAGE_POINTS.get(stage)
    if points:
        parts.append(("stage", points))
    if replied_days_ago is not None and replied_days_ago <= COOL_DAYS:
        parts.append(("warmth", WARM_POINTS if replied_days_ago <= WARM_DAYS else COOL_POINTS))
    if opening:
        parts.append(("opening", OPENING_POINTS))
    return Urgency(tuple(parts))


def _lateness_curve(days: int) -> float:
    """A point a day for the first week, gentle to two months, nearly flat
    after (about 15 points at two months, 17 at a year), so a contact
    forgotten for years never buries this week's offer."""
    return min(days, 7) * 1.0 + max(0, min(days, 60) - 7) * 0.15 + max(0, days - 60) * 0.005


# ------------------------------------------------------------ deciding


_EMPTY = CadenceSummary()


def _summary(touches: History) -> CadenceSummary:
    if touches is None:
        return _EMPTY
    if isinstance(touches, CadenceSummary):
        return touches
    return summarise(touches)


class _Next(NamedTuple):
    due: date
    kind: TouchKind
    words: Words
    opening: bool = False
    answers: LastTouch | None = None
    """The touch this one responds to: it goes to the same person."""
    step: bool = True
    """One of the plan's touches (a step or the repeat), not a follow-up or a reply."""


class _Skipped(NamedTuple):
    """What a job future's skips change: steps done, and where the plan goes on from."""

    steps: int
    """Plan touches skipped: each counts as a step done."""
    latest: SkipLike | None
    """The newest skip, when no touch was logged after it."""
    day: date | None
    """Its local day."""

    @classmethod
    def of(cls, skips: Sequence[SkipLike], last: LastTouch | None, zone: Zone) -> _Skipped:
        if not skips:
            return _NO_SKIPS
        newest = max(skips, key=lambda skip: skip.at)
        steps = sum([1 for skip in skips if skip.step])
        if last is not None and newest.at < last.at:
            return cls(steps, None, None)
        return cls(steps, newest, local_day(newest.at, zone))

    def lead(self) -> Words:
        """'check-in skipped on 3 Dec; next: ', before the next touch's reason."""
        if self.latest is None or self.day is None:
            return ()
        return (f"{self.latest.kind.label} skipped on ", self.day, "; next: ")


_NO_SKIPS = _Skipped(0, None, None)


def _next_touch(
    plan: CadencePlan,
    history: CadenceSummary,
    prospect: FutureLike,
    start: date,
    last_day: date | None,
    zone: Zone,
    skipped: _Skipped = _NO_SKIPS,
) -> _Next | None:
    last = history.last
    if skipped.day is not None:
        # Skipped since the last touch: the plan goes on from the skip; what the
        # last touch called for (a follow-up, a reply) was skipped with it.
        planned = _planned(plan, history, prospect, start, skipped.day, zone, skipped)
        if planned is None:
            return None
        return planned._replace(words=(*skipped.lead(), *planned.words))
    if last is None or last_day is None:
        first = plan.steps[0] if plan.steps else plan.repeat
        assert first is not None  # a plan has steps or a repeat
        return _Next(
            plus_days(start, first.days), first.kind, (f"no touch yet: {_DO[first.kind]}",)
        )

    if last.outcome is Outcome.OPENING_MENTIONED:
        words: Words = ("they mentioned an opening on ", last_day, ": reply now")
        if prospect.stage is not Stage.OFFER:
            words += (" and move it to the offer stage",)
        return _Next(
            last_day, TouchKind.OPENING_REPLY, words, opening=True, answers=last, step=False
        )
    if last.outcome is Outcome.REFERRAL_GIVEN:
        words = ("they gave you a referral on ", last_day, ": thank them")
        return _Next(plus_days(last_day, 1), TouchKind.THANK_YOU, words, answers=last, step=False)

    if history.following_up:
        return _follow_up(last, last_day, history.streak)
    return _planned(plan, history, prospect, start, last_day, zone, skipped)


def _planned(
    plan: CadencePlan,
    history: CadenceSummary,
    prospect: FutureLike,
    start: date,
    since: date,
    zone: Zone,
    skipped: _Skipped,
) -> _Next | None:
    """The plan's next step or its repeat, counted from ``since`` (the last
    touch, or a skip after it); at the long pace while they do not answer."""
    repeat = plan.repeat
    planned: _Next | None = None
    steps_done = history.steps_done(len(plan.steps), skipped=skipped.steps)
    after_skip = skipped.day is not None
    if steps_done < len(plan.steps):
        planned = _step(plan.steps[steps_done], history, prospect, start, since, zone, after_skip)
    elif repeat is not None:
        due = plus_days(since, repeat.days)
        words: Words = (f"{repeat.kind.label} every {repeat.span}",)
        if not after_skip:
            words += ("; last touch ", since)
        planned = _Next(due, repeat.kind, words)
    if planned is None or not history.fallback:
        return planned

    # Unanswered after the follow-ups: the plan's next touch, at the long pace.
    if history.streak == MAX_FOLLOW_UPS + 1:
        lead = f"{_ordinal(MAX_FOLLOW_UPS)} follow-up unanswered"
    else:
        lead = f"no reply to {history.streak} touches in a row"
    if repeat is None:
        return planned._replace(words=(f"{lead}: ", *planned.words))
    due = max(planned.due, plus_days(since, repeat.days))
    verb = "back to" if history.streak == MAX_FOLLOW_UPS + 1 else "staying at"
    return planned._replace(due=due, words=(f"{lead}: {verb} every {repeat.span}",))


def _follow_up(last: LastTouch, last_day: date, streak: int) -> _Next:
    noun = _NOUN[last.channel]
    voicemail = last.outcome is Outcome.LEFT_VOICEMAIL or last.channel is Channel.VOICEMAIL
    lead: Words
    if streak > 1:
        lead = (f"{_ordinal(streak - 1)} follow-up unanswered",)
    elif voicemail:
        lead = ("voicemail left on ", last_day, ", no call back")
    elif last.outcome is Outcome.NO_ANSWER:
        lead = (f"no answer to the {noun} on ", last_day)
    else:
        lead = (f"no reply yet to the {noun} of ", last_day)
    if voicemail:
        days, tail = VOICEMAIL_RETRY_DAYS, f"try another channel in {VOICEMAIL_RETRY_DAYS} days"
    elif streak > 1:
        days, tail = FOLLOW_UP_DAYS, "one last follow-up within a week"
    elif last.outcome is Outcome.NO_ANSWER:
        days, tail = FOLLOW_UP_DAYS, "try again within a week"
    else:
        days, tail = FOLLOW_UP_DAYS, "follow up within a week to check it arrived"
    due = plus_days(last_day, days)
    return _Next(due, TouchKind.FOLLOW_UP, (*lead, f": {tail}"), answers=last, step=False)


def _step(
    step: Step,
    history: CadenceSummary,
    prospect: FutureLike,
    start: date,
    since: date,
    zone: Zone,
    after_skip: bool = False,
) -> _Next:
    what = f"{step.kind.label} {step.span} after "
    if step.anchor is Anchor.START:
        due = plus_days(start, step.days)
        out_at = history.last_out_at
        if out_at is not None:
            last = history.last
            same = last is not None and out_at == last.at and not after_skip
            out_day = since if same else local_day(out_at, zone)
            due = max(due, plus_days(out_day, MIN_GAP_DAYS))
        return _Next(
            due,
            step.kind,
            (what + (step.after or _START_PHRASE.get(prospect.origin, "the start")),),
        )
    due = plus_days(since, step.days)
    if step.after:
        return _Next(due, step.kind, (what + step.after,))
    if after_skip:
        return _Next(due, step.kind, (f"{what}that",))
    return _Next(due, step.kind, (f"{what}the last touch (", since, ")"))


def _nobody_to_contact(people: Sequence[PersonLike]) -> bool:
    for person in people:
        if not person.do_not_contact:
            return False
    return bool(people)


def _same_person(people: Sequence[PersonLike], touch: LastTouch | None) -> PersonLike | None:
    """The person a follow-up or a reply goes to: whoever the touch was with."""
    if touch is None or touch.person_id is None:
        return None
    for person in people:
        if person.id == touch.person_id and not person.do_not_contact:
            return person
    return None


# ------------------------------------------------------------ words and dates


def _days_between(earlier: date, later: date) -> int:
    """Whole calendar days from one date to another (pendulum's subtraction
    builds an Interval, twenty times slower)."""
    return later.toordinal() - earlier.toordinal()


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(day: date, today: date) -> str:
    """'3 Mar', with the year when it is not this year's (pendulum's 'D MMM [YYYY]',
    without its formatter, which costs more than the rest of a suggestion)."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
