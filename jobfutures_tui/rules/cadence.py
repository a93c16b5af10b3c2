"""When the next touch is due, with whom, by which channel, and why.

Pure code over the records and pendulum calendar dates (DESIGN.md, "Cadence"):
no store, no clock. Callers pass ``today`` (``models.dates.today()``), so
tests pin it. Touch instants are turned into local calendar dates once, and
all arithmetic is on dates, so a DST change can never move a day.

How a job future's history is read: its touches are replayed in order. An
outgoing touch either completes the plan's next step or, while earlier
touches wait for an answer, is a follow-up. Sent, no-answer and voicemail
touches wait for an answer; any incoming touch, a reply or a conversation
answers them. After two unanswered follow-ups the plan goes on with its next
touch, but no sooner than its repeating interval (the long cycle) and without
follow-ups, until they answer again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

import pendulum

from jobfutures_tui.models import dates
from jobfutures_tui.models.entities import Person, Prospect, Touch
from jobfutures_tui.models.enums import (
    Channel,
    Direction,
    Origin,
    Outcome,
    PersonRole,
    Stage,
    TouchKind,
)
from jobfutures_tui.rules.plans import Anchor, CadencePlan, Step, Zone, plan_for, start_day

FOLLOW_UP_DAYS = 7
"""An unanswered touch is followed up within a week."""
VOICEMAIL_RETRY_DAYS = 3
"""A voicemail nobody returned is retried this soon, another way."""
MAX_FOLLOW_UPS = 2
"""Unanswered follow-ups before falling back to the plan's long cycle."""
MIN_GAP_DAYS = 7
"""A step counted from the start never lands within a week of the last outgoing touch."""
WARM_DAYS = 30
COOL_DAYS = 90

UNANSWERED = frozenset({Outcome.SENT, Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL})

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
        return sum(points for _, points in self.parts)

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


# ------------------------------------------------------------ the engine


def suggest_next(
    prospect: Prospect,
    people: Sequence[Person],
    touches: Iterable[Touch],
    *,
    plan: CadencePlan | None = None,
    today: pendulum.Date,
    home_city: str = "",
    snoozed_until: pendulum.Date | None = None,
    tz: Zone | None = None,
) -> Suggestion | None:
    """The next touch due for ``prospect``, or None when nothing should be sent.

    None means: archived, they asked to stop, everyone is do-not-contact, or a
    plan without a repeating interval has run out. ``touches`` are this
    prospect's touches in any order; ``people`` its people.
    """
    if not prospect.is_open or _nobody_to_contact(people):
        return None
    zone = tz or dates.local_timezone()
    ordered = sorted(touches, key=_order)
    plan = plan or plan_for(prospect, zone=zone)
    history = _replay(plan, ordered)
    if history.asked_to_stop is not None:
        return None
    start = start_day(prospect, zone)
    last_day = None if history.last is None else _local(history.last, zone)
    nxt = _next_touch(plan, history, prospect, start, last_day, zone, today)
    if nxt is None:
        return None
    due, kind, reason, opening, answers = nxt

    if last_day is not None and due < last_day:
        due = last_day
    if snoozed_until is not None and due < snoozed_until:
        due = snoozed_until
        reason += f" (snoozed until {_day(snoozed_until, today)})"

    person = _same_person(people, answers) or pick_person(people, prospect)
    channel = pick_channel(person, ordered, home_city)
    lateness = _days_between(due, today)
    replied = history.last_answer
    if replied is None:
        answer_day = None
    else:
        answer_day = last_day if replied is history.last else _local(replied, zone)
    score = urgency(
        lateness=lateness,
        stage=prospect.stage,
        replied_days_ago=None if answer_day is None else _days_between(answer_day, today),
        opening=opening,
    )
    return Suggestion(
        due=due,
        kind=kind,
        channel=channel,
        person_id=person.id if person else None,
        reason=reason,
        overdue_days=max(0, lateness),
        suggest_stage=Stage.OFFER if opening and prospect.stage is not Stage.OFFER else None,
        urgency=score,
        plan_id=plan.id,
    )


def stopped(
    prospect: Prospect,
    people: Sequence[Person],
    touches: Iterable[Touch],
    *,
    today: pendulum.Date,
    tz: Zone | None = None,
) -> str | None:
    """Why nothing will be suggested for this job future, or None if something will."""
    zone = tz or dates.local_timezone()
    return _stopped(prospect, people, sorted(touches, key=_order), zone, today)


def suggested_stage(prospect: Prospect, touches: Iterable[Touch]) -> Stage | None:
    """A stage the history calls for: archive once they asked to stop, offer
    when their latest touch mentioned an opening; None when it fits."""
    if not prospect.is_open:
        return None
    ordered = sorted(touches, key=_order)
    if any(t.outcome is Outcome.ASKED_TO_STOP for t in ordered):
        return Stage.ARCHIVE
    if ordered and ordered[-1].outcome is Outcome.OPENING_MENTIONED:
        return None if prospect.stage is Stage.OFFER else Stage.OFFER
    return None


def recruiter_only_warning(people: Sequence[Person]) -> str | None:
    """A nudge when nobody but recruiters can be contacted (DESIGN.md, rule 8)."""
    reachable = [p for p in people if not p.do_not_contact]
    if not reachable or any(p.role is not PersonRole.RECRUITER for p in reachable):
        return None
    who = "a recruiter" if len(reachable) == 1 else "recruiters"
    return (
        f"Only {who} here: add the hiring manager, who is likelier to remember you "
        "and to have a say."
    )


def pick_person(people: Sequence[Person], prospect: Prospect | None = None) -> Person | None:
    """Whom to contact: a hiring manager first, a recruiter last, never do-not-contact.

    Ties keep the prospect's own order (its main person first).
    """
    order = {pid: index for index, pid in enumerate(prospect.person_ids)} if prospect else {}
    best: tuple[int, int, int] | None = None
    chosen: Person | None = None
    for index, person in enumerate(people):
        if person.do_not_contact:
            continue
        rank = _ROLE_RANK.get(person.role, len(ROLE_ORDER))
        key = (rank, order.get(person.id, len(order)), index)
        if best is None or key < best:
            best, chosen = key, person
    return chosen


def pick_channel(person: Person | None, touches: Sequence[Touch], home_city: str = "") -> Channel:
    """The person's preferred channel, else the next one they can be reached by
    that differs from the last outgoing touch to them (a call and a voicemail
    count as the same channel). A touch logged without a person counts for all.
    """
    if person is not None and person.preferred_channel is not None:
        return person.preferred_channel
    last = _last_out_to(person, touches)
    if last is None:
        order, avoid = ROTATION, frozenset[Channel]()
    else:
        avoid = _PHONE if last.channel in _PHONE else frozenset({last.channel})
        mark = Channel.CALL if last.channel in _PHONE else last.channel
        at = ROTATION.index(mark) + 1 if mark in ROTATION else 0
        order = ROTATION[at:] + ROTATION[:at]
    for channel in order:
        if channel not in avoid and can_reach(person, channel, home_city):
            return channel
    return Channel.LETTER


def can_reach(person: Person | None, channel: Channel, home_city: str = "") -> bool:
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
    if STAGE_POINTS.get(stage):
        parts.append(("stage", STAGE_POINTS[stage]))
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


# ------------------------------------------------------------ history


@dataclass(slots=True)
class _History:
    steps_done: int = 0
    streak: int = 0
    """Outgoing touches in a row with no answer."""
    fallback: bool = False
    last: Touch | None = None
    last_out: Touch | None = None
    last_answer: Touch | None = None
    asked_to_stop: Touch | None = None


_order = attrgetter("at", "created_at", "id")
"""Touches in the order they happened; ties in the order they were logged."""


def answered(touch: Touch) -> bool:
    """An incoming touch, a reply or a conversation: someone answered."""
    return touch.direction is Direction.IN or touch.replied or touch.outcome not in UNANSWERED


def _replay(plan: CadencePlan, ordered: Sequence[Touch]) -> _History:
    history = _History()
    steps = len(plan.steps)
    for touch in ordered:
        if touch.outcome is Outcome.ASKED_TO_STOP and history.asked_to_stop is None:
            history.asked_to_stop = touch
        if touch.direction is Direction.OUT:
            following_up = 0 < history.streak <= MAX_FOLLOW_UPS
            if not following_up and history.steps_done < steps:
                history.steps_done += 1
            history.last_out = touch
        if answered(touch):
            history.streak = 0
            history.fallback = False
            history.last_answer = touch
        else:
            history.streak += 1
            if history.streak > MAX_FOLLOW_UPS:
                history.fallback = True
        history.last = touch
    return history


class _Next(NamedTuple):
    due: pendulum.Date
    kind: TouchKind
    reason: str
    opening: bool = False
    answers: Touch | None = None
    """The touch this one responds to: it goes to the same person."""


def _next_touch(
    plan: CadencePlan,
    history: _History,
    prospect: Prospect,
    start: pendulum.Date,
    last_day: pendulum.Date | None,
    zone: Zone,
    today: pendulum.Date,
) -> _Next | None:
    last = history.last
    if last is None or last_day is None:
        if plan.steps:
            step = plan.steps[0]
            return _Next(start.add(days=step.days), step.kind, f"no touch yet: {_DO[step.kind]}")
        first = plan.repeat
        assert first is not None  # a plan has steps or a repeat
        return _Next(start.add(days=first.days), first.kind, f"no touch yet: {_DO[first.kind]}")

    if last.outcome is Outcome.OPENING_MENTIONED:
        reason = f"they mentioned an opening on {_day(last_day, today)}: reply now"
        if prospect.stage is not Stage.OFFER:
            reason += " and move it to the offer stage"
        return _Next(last_day, TouchKind.OPENING_REPLY, reason, opening=True, answers=last)
    if last.outcome is Outcome.REFERRAL_GIVEN:
        reason = f"they gave you a referral on {_day(last_day, today)}: thank them"
        return _Next(last_day.add(days=1), TouchKind.THANK_YOU, reason, answers=last)

    if 0 < history.streak <= MAX_FOLLOW_UPS:
        return _follow_up(last, last_day, history.streak, today)

    repeat = plan.repeat
    planned: _Next | None = None
    if history.steps_done < len(plan.steps):
        step = plan.steps[history.steps_done]
        planned = _step(step, history, prospect, start, last_day, zone, today)
    elif repeat is not None:
        due = last_day.add(days=repeat.days)
        reason = f"{repeat.kind.label} every {repeat.span}; last touch {_day(last_day, today)}"
        planned = _Next(due, repeat.kind, reason)
    if planned is None or not history.fallback:
        return planned

    # Unanswered after the follow-ups: the plan's next touch, at the long pace.
    if history.streak == MAX_FOLLOW_UPS + 1:
        lead = f"{_ordinal(MAX_FOLLOW_UPS)} follow-up unanswered"
    else:
        lead = f"no reply to {history.streak} touches in a row"
    if repeat is None:
        return planned._replace(reason=f"{lead}: {planned.reason}")
    due = max(planned.due, last_day.add(days=repeat.days))
    verb = "back to" if history.streak == MAX_FOLLOW_UPS + 1 else "staying at"
    return planned._replace(due=due, reason=f"{lead}: {verb} every {repeat.span}")


def _follow_up(last: Touch, last_day: pendulum.Date, streak: int, today: pendulum.Date) -> _Next:
    noun = _NOUN[last.channel]
    on = _day(last_day, today)
    voicemail = last.outcome is Outcome.LEFT_VOICEMAIL or last.channel is Channel.VOICEMAIL
    if streak > 1:
        lead = f"{_ordinal(streak - 1)} follow-up unanswered"
    elif voicemail:
        lead = f"voicemail left on {on}, no call back"
    elif last.outcome is Outcome.NO_ANSWER:
        lead = f"no answer to the {noun} on {on}"
    else:
        lead = f"no reply yet to the {noun} of {on}"
    if voicemail:
        days, tail = VOICEMAIL_RETRY_DAYS, f"try another channel in {VOICEMAIL_RETRY_DAYS} days"
    elif streak > 1:
        days, tail = FOLLOW_UP_DAYS, "one last follow-up within a week"
    elif last.outcome is Outcome.NO_ANSWER:
        days, tail = FOLLOW_UP_DAYS, "try again within a week"
    else:
        days, tail = FOLLOW_UP_DAYS, "follow up within a week to check it arrived"
    return _Next(last_day.add(days=days), TouchKind.FOLLOW_UP, f"{lead}: {tail}", answers=last)


def _step(
    step: Step,
    history: _History,
    prospect: Prospect,
    start: pendulum.Date,
    last_day: pendulum.Date,
    zone: Zone,
    today: pendulum.Date,
) -> _Next:
    if step.anchor is Anchor.START:
        due = start.add(days=step.days)
        last_out = history.last_out
        if last_out is not None:
            out_day = last_day if last_out is history.last else _local(last_out, zone)
            due = max(due, out_day.add(days=MIN_GAP_DAYS))
        after = step.after or _START_PHRASE.get(prospect.origin, "the start")
    else:
        due = last_day.add(days=step.days)
        after = step.after or f"the last touch ({_day(last_day, today)})"
    return _Next(due, step.kind, f"{step.kind.label} {step.span} after {after}")


def _stopped(
    prospect: Prospect,
    people: Sequence[Person],
    ordered: Sequence[Touch],
    zone: Zone,
    today: pendulum.Date,
) -> str | None:
    if not prospect.is_open:
        return "archived"
    for touch in ordered:
        if touch.outcome is Outcome.ASKED_TO_STOP:
            return f"they asked you to stop on {_day(_local(touch, zone), today)}"
    if _nobody_to_contact(people):
        return "everyone here is marked do not contact"
    return None


def _nobody_to_contact(people: Sequence[Person]) -> bool:
    return bool(people) and all(p.do_not_contact for p in people)


def _same_person(people: Sequence[Person], touch: Touch | None) -> Person | None:
    """The person a follow-up or a reply goes to: whoever the touch was with."""
    if touch is None or touch.person_id is None:
        return None
    for person in people:
        if person.id == touch.person_id and not person.do_not_contact:
            return person
    return None


def _last_out_to(person: Person | None, touches: Sequence[Touch]) -> Touch | None:
    for touch in reversed(touches):
        if touch.direction is not Direction.OUT:
            continue
        if person is None or touch.person_id is None or touch.person_id == person.id:
            return touch
    return None


# ------------------------------------------------------------ words and dates


def _local(touch: Touch, zone: Zone) -> pendulum.Date:
    """The touch's calendar date where the user is."""
    return touch.at.in_timezone(zone).date()


def _days_between(earlier: pendulum.Date, later: pendulum.Date) -> int:
    """Whole calendar days from one date to another (pendulum's subtraction
    builds an Interval, twenty times slower)."""
    return later.toordinal() - earlier.toordinal()


def _day(day: pendulum.Date, today: pendulum.Date) -> str:
    """'3 Mar', with the year when it is not this year's."""
    return day.format("D MMM" if day.year == today.year else "D MMM YYYY")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
