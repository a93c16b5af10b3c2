"""The next touch of a job future: when, what for, with whom, by which channel, and why.

Pure code over the records and calendar dates (docs/advice.md): no store, no
clock. :func:`decide` works out everything that does not depend on today
(a :class:`Decision`, which the store keeps between sessions); :func:`finish`
makes it a :class:`Suggestion` for a day (lateness, urgency, snoozing).
Touch instants become local calendar dates once, and all arithmetic is on
dates, so a DST change can never move a day.

How a job future's history is read: its touches are folded in order into a
:class:`~jobfutures_tui.engine.history.CadenceSummary`, and the engine decides
from the summary alone. In order, the engine asks:

1. the plan (:mod:`~jobfutures_tui.engine.plans`): its next step, or its
   repeat, counted from the day it (re)started (a move to another stage
   restarts it); a touch skipped counts as made;
2. what the last touch calls for: an unanswered message is followed up
   within a week (a voicemail within three days, another way), twice, then
   the plan goes on at its long pace; an opening is answered at once (or, at
   a stage other than offer, the seeker offers to refer someone); a referral
   is thanked;
3. the moments layered on the plan: a referrer whose referral reached an
   offer is thanked; a recruiter who is the only contact is asked who leads
   the team; after a first answer, they are asked once for names of other
   managers;
4. whom (:mod:`~jobfutures_tui.engine.person_choice`) and how
   (:mod:`~jobfutures_tui.engine.channels`): the hiring manager before a
   recruiter, only channels the person can be reached by and that fit the touch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, NamedTuple

import pendulum

from jobfutures_tui.engine.channels import choose_channel, missing_details, reachable_at_all
from jobfutures_tui.engine.facts import FutureLike, PersonLike, SkipLike
from jobfutures_tui.engine.history import (
    MAX_FOLLOW_UPS,
    CadenceSummary,
    LastTouch,
    TouchLike,
    as_pendulum,
    local_day,
    plus_days,
    summarise,
)
from jobfutures_tui.engine.person_choice import only_recruiters, pick_person
from jobfutures_tui.engine.plans import Anchor, CadencePlan, Step, Zone, plan_for, plan_start
from jobfutures_tui.engine.relative import day_month, days_between, ordinal
from jobfutures_tui.engine.urgency import Urgency, urgency
from jobfutures_tui.engine.workload import ALL_DAYS, next_workday
from jobfutures_tui.models import Skip
from jobfutures_tui.models.enums import (
    Channel,
    Origin,
    Outcome,
    PersonRole,
    Stage,
    TouchKind,
)

__all__ = [
    "DECISION_VERSION",
    "Decision",
    "Suggestion",
    "Thanks",
    "Urgency",
    "decide",
    "finish",
    "skip_next",
    "stopped",
    "suggest_next",
    "urgency",
    "urgency_of",
]

FOLLOW_UP_DAYS = 7
"""An unanswered touch is followed up within a week."""
VOICEMAIL_RETRY_DAYS = 3
"""A voicemail nobody returned is retried this soon, another way."""
MIN_GAP_DAYS = 7
"""A step counted from the start never lands within a week of the last outgoing touch."""
FIND_MANAGER_DAYS = 14
"""A recruiter who is the only contact is asked who leads the team within two
weeks of the last touch (or at the plan's next touch, if sooner)."""
ASK_AFTER_ANSWER_DAYS = 14
"""After a first answer, names of other managers are asked for within two weeks."""

_START_PHRASE = {
    Origin.INTERVIEWED: "the interview",
    Origin.REJECTED: "their decision",
    Origin.OFFER_DECLINED: "you declined the offer",
    Origin.NO_OPENING: "you met",
    Origin.REFERRED: "the referral",
}
_MOVED_PHRASE = {
    Stage.INTERVIEWED: "the interview",
    Stage.REJECTED_WARM: "their no",
    Stage.REFERRAL: "the referral",
    Stage.OFFER: "the opening came up",
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
    TouchKind.INTRODUCTION: "introduce yourself, naming who referred you",
    TouchKind.REFERRER_THANKS: "thank them for the referral",
    TouchKind.FIND_MANAGER: "ask who leads the team",
    TouchKind.AFTER_HIRE: "hope their new hire is working out",
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

_ASK_STAGES = frozenset({Stage.REJECTED_WARM})
_ASK_ORIGINS = frozenset({Origin.REJECTED, Origin.NO_OPENING, Origin.OFFER_DECLINED})
"""Names of other managers are asked for after a no: at the rejected-but-warm
stage, or while interviewed when it began without an opening for the seeker."""


# ------------------------------------------------------------ results


@dataclass(frozen=True, slots=True)
class Suggestion:
    """The next touch for one job future, for one day."""

    due: pendulum.Date
    kind: TouchKind
    channel: Channel | None
    """None: nobody can be reached; the reason says which detail to add."""
    person_id: str | None
    reason: str
    overdue_days: int
    urgency: Urgency
    plan_id: str

    @property
    def how(self) -> str:
        """'email · check-in', or 'no way to reach them · check-in'."""
        channel = self.channel.label if self.channel is not None else "no way to reach them"
        return f"{channel} · {self.kind.label}"


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
    future, its people, the seeker's city and its history, so a decision can
    be kept (in memory, and in the derived index between sessions) and
    finished for any day (:func:`finish`) in a few microseconds.
    """

    due: date
    kind: TouchKind
    words: Words
    channel: Channel | None
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
            None if self.channel is None else self.channel.value,
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
            None if channel is None else _CHANNELS[channel],
            person_id,
            opening,
            None if answer_day is None else day(answer_day),
            plan_id,
            None if last_day is None else day(last_day),
        )


DECISION_VERSION = 5
"""Bump when the engine would decide differently from the same records, so
decisions kept in the derived index are made again (5: the advice rules)."""

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
    tz: Zone,
    thanks: Thanks | None = None,
    workdays: frozenset[int] = ALL_DAYS,
) -> Suggestion | None:
    """:func:`decide`, then :func:`finish` for ``today`` (None: nothing to suggest)."""
    decision = decide(
        prospect, people, touches, plan=plan, home_city=home_city, tz=tz, thanks=thanks
    )
    if decision is None:
        return None
    return finish(
        decision,
        stage=prospect.stage,
        today=today,
        snoozed_until=snoozed_until,
        workdays=workdays,
    )


def decide(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    plan: CadencePlan | None = None,
    home_city: str = "",
    tz: Zone,
    thanks: Thanks | None = None,
) -> Decision | None:
    """The next touch for ``prospect`` whatever today is, or None when nothing
    should be sent: archived, they asked to stop, everyone is do-not-contact,
    or a plan without a repeating interval has run out.

    ``touches``: this job future's touches in any order, or their summary;
    ``people``: its people; ``home_city``: the seeker's city (in person needs
    it); ``thanks``: a referral by one of its people reached the offer stage.
    """
    made = _decided(prospect, people, touches, plan, home_city, tz, thanks)
    return None if made is None else made[1]


def _decided(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    plan: CadencePlan | None,
    home_city: str,
    tz: Zone,
    thanks: Thanks | None,
) -> tuple[_Next, Decision] | None:
    found = _upcoming(prospect, people, touches, plan, tz)
    if found is None:
        return None
    nxt, history, followed, last_day, zone = found
    nxt = _moments(nxt, prospect, people, history, last_day, zone, thanks, followed.since)
    person, nxt = _whom(nxt, prospect, people, history, home_city)
    person_id = person.id if person is not None else None
    last_channel = (
        history.last_channel_to(None, anyone=True)
        if person_id is None
        else history.last_channel_to(person_id)
    )
    their = nxt.answers.channel if nxt.answers is not None else None
    chosen = choose_channel(
        person,
        nxt.kind,
        last=last_channel,
        their_channel=their,
        my_city=home_city,
        texted=history.texted_by(person_id),
    )
    words = _said(nxt, chosen.kind, chosen.channel, person)
    replied = history.last_answer_at
    last = history.last
    if replied is None:
        answer_day = None
    elif last is not None and replied == last.at:
        answer_day = last_day
    else:
        answer_day = local_day(replied, zone)
    decision = Decision(
        nxt.due,
        chosen.kind,
        words,
        chosen.channel,
        person_id,
        nxt.opening,
        answer_day,
        followed.plan.id,
        last_day,
    )
    return nxt, decision


def skip_next(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    at: datetime,
    plan: CadencePlan | None = None,
    home_city: str = "",
    tz: Zone,
    thanks: Thanks | None = None,
) -> Skip | None:
    """What skipping the touch due now records (add it to the job future's
    ``skips``): the kind suggested, and whether it was one of the plan's
    touches; None when nothing is due to skip."""
    made = _decided(prospect, people, touches, plan, home_city, tz, thanks)
    if made is None:
        return None
    nxt, decision = made
    return Skip.model_validate({"at": at, "kind": decision.kind, "step": nxt.step})


def finish(
    decision: Decision,
    *,
    stage: Stage,
    today: date,
    snoozed_until: date | None = None,
    workdays: frozenset[int] = ALL_DAYS,
) -> Suggestion:
    """A decision made a suggestion for ``today``: snoozing, workdays, lateness,
    urgency, words."""
    due, words = _due_day(decision, snoozed_until, workdays)
    lateness = days_between(due, today)
    return Suggestion(  # positional: keywords make this line cost twice as much
        as_pendulum(due),
        decision.kind,
        decision.channel,
        decision.person_id,
        "".join(w if type(w) is str else day_month(w, today) for w in words),  # type: ignore[arg-type]
        max(0, lateness),
        _urgency(decision, stage, today, lateness),
        decision.plan_id,
    )


def _due_day(
    decision: Decision, snoozed_until: date | None, workdays: frozenset[int]
) -> tuple[date, Words]:
    """When it is due once snoozed, on a workday (docs/advice.md), and the words for it."""
    due, words = decision.due, decision.words
    if snoozed_until is not None and due < snoozed_until:
        due = snoozed_until
        words = (*words, " (snoozed until ", snoozed_until, ")")
    workday = next_workday(due, workdays)
    if workday != due:
        due = workday
        words = (*words, " (on your next workday)")
    return due, words


def urgency_of(
    decision: Decision,
    *,
    stage: Stage,
    today: date,
    snoozed_until: date | None = None,
    workdays: frozenset[int] = ALL_DAYS,
) -> Urgency:
    """The urgency :func:`finish` would give, without the rest of the suggestion
    (what ordering thousands of cards needs)."""
    due = decision.due
    if snoozed_until is not None and due < snoozed_until:
        due = snoozed_until
    if workdays is not ALL_DAYS:
        due = next_workday(due, workdays)
    return _urgency(decision, stage, today, days_between(due, today))


def _urgency(decision: Decision, stage: Stage, today: date, lateness: int) -> Urgency:
    answer_day = decision.answer_day
    return urgency(
        lateness=lateness,
        stage=stage,
        replied_days_ago=None if answer_day is None else days_between(answer_day, today),
        opening=decision.opening,
    )


def stopped(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    *,
    today: date,
    tz: Zone,
) -> str | None:
    """Why nothing will be suggested for this job future, or None if something will."""
    if not prospect.is_open:
        return "archived"
    stop_at = _summary(touches).stop_at
    if stop_at is not None:
        day = local_day(stop_at, tz)
        return f"they asked you to stop on {day_month(day, today)}"
    if _nobody_to_contact(people):
        return "everyone here is marked do not contact"
    return None


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
    """One of the plan's touches (a step or the repeat), not a follow-up, a reply or a moment."""
    to: str | None = None
    """Whom it must go to (a referrer owed a thank-you)."""
    lead: Words = ()
    """Said before the reason ('check-in skipped on 3 Dec; next: ')."""


class _Skipped(NamedTuple):
    """What a job future's skips change: steps done, and where the plan goes on from."""

    steps: int
    """Plan touches skipped since the plan (re)started: each counts as a step done."""
    latest: SkipLike | None
    """The newest skip, when no touch was logged after it."""
    day: date | None
    """Its local day."""
    kinds: frozenset[TouchKind]
    """Every kind ever skipped (a moment skipped is not suggested again)."""

    @classmethod
    def of(
        cls,
        skips: Sequence[SkipLike],
        last: LastTouch | None,
        zone: Zone,
        since: datetime | None,
    ) -> _Skipped:
        if not skips:
            return _NO_SKIPS
        newest = max(skips, key=lambda skip: skip.at)
        steps = sum([1 for skip in skips if skip.step and (since is None or skip.at >= since)])
        kinds = frozenset([skip.kind for skip in skips])
        if last is not None and newest.at < last.at:
            return cls(steps, None, None, kinds)
        return cls(steps, newest, local_day(newest.at, zone), kinds)

    def lead(self) -> Words:
        """'check-in skipped on 3 Dec; next: ', before the next touch's reason."""
        if self.latest is None or self.day is None:
            return ()
        return (f"{self.latest.kind.label} skipped on ", self.day, "; next: ")


_NO_SKIPS = _Skipped(0, None, None, frozenset())


class _Plan(NamedTuple):
    """The plan a job future follows, and since when."""

    plan: CadencePlan
    start: date
    """The day it (re)started: the job future's start, or the day it moved to its stage."""
    since: datetime | None
    """The start of that day, when it restarted with a move: touches before it do not count."""
    phrase: str
    """What the start is, in words ('the interview', 'their no')."""


def _upcoming(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    plan: CadencePlan | None,
    tz: Zone,
) -> tuple[_Next, CadenceSummary, _Plan, date | None, Zone] | None:
    """The plan's next touch (or what the last touch calls for), with what it was
    worked out from, or None (see :func:`decide`)."""
    if not prospect.is_open or _nobody_to_contact(people):
        return None
    history = _summary(touches)
    if history.stop_at is not None:
        return None
    zone = tz
    followed = _plan_of(prospect, plan, zone)
    last = history.last
    last_day = None if last is None else local_day(last.at, zone)
    skipped = _Skipped.of(prospect.skips, last, zone, followed.since)
    nxt = _next_touch(followed, history, prospect, last_day, zone, skipped)
    if nxt is None:
        return None
    if last_day is not None and nxt.due < last_day:
        nxt = nxt._replace(due=last_day)
    return nxt, history, followed, last_day, zone


def _plan_of(prospect: FutureLike, plan: CadencePlan | None, zone: Zone) -> _Plan:
    plan = plan or plan_for(prospect, zone=zone)
    start, moved = plan_start(prospect, zone)
    if moved is None:
        return _Plan(plan, start, None, _START_PHRASE.get(prospect.origin, "the start"))
    since = datetime.combine(moved, time(), tzinfo=zone)
    return _Plan(plan, start, since, _MOVED_PHRASE.get(prospect.stage, "the move"))


def _next_touch(
    followed: _Plan,
    history: CadenceSummary,
    prospect: FutureLike,
    last_day: date | None,
    zone: Zone,
    skipped: _Skipped,
) -> _Next | None:
    last = history.last
    if skipped.day is not None:
        # Skipped since the last touch: the plan goes on from the skip; what the
        # last touch called for (a follow-up, a reply) was skipped with it.
        planned = _planned(followed, history, skipped.day, zone, skipped)
        if planned is None:
            return None
        return planned._replace(lead=skipped.lead())
    if last is None or last_day is None:
        return _planned(followed, history, followed.start, zone, skipped, first=True)

    if last.outcome is Outcome.OPENING_MENTIONED:
        if prospect.stage is Stage.OFFER:
            words: Words = ("they mentioned an opening on ", last_day, ": reply now")
            return _Next(
                last_day, TouchKind.OPENING_REPLY, words, opening=True, answers=last, step=False
            )
        words = (
            "they mentioned an opening on ",
            last_day,
            ": not for you? offer to refer someone (for you? move it to offer)",
        )
        return _Next(
            plus_days(last_day, 1), TouchKind.OFFER_TO_REFER, words, answers=last, step=False
        )
    if last.outcome is Outcome.REFERRAL_GIVEN:
        words = ("they gave you a referral on ", last_day, ": thank them")
        return _Next(
            plus_days(last_day, 1), TouchKind.REFERRER_THANKS, words, answers=last, step=False
        )
    if history.following_up and last.channel is not Channel.LETTER:
        return _follow_up(last, last_day, history.streak)
    return _planned(followed, history, last_day, zone, skipped)


def _planned(
    followed: _Plan,
    history: CadenceSummary,
    since: date,
    zone: Zone,
    skipped: _Skipped,
    *,
    first: bool = False,
) -> _Next | None:
    """The plan's next step or its repeat, counted from ``since`` (the last
    touch, a skip after it, or the start); at the long pace while they do not answer."""
    plan = followed.plan
    repeat = plan.repeat
    planned: _Next | None = None
    steps_done = history.steps_done(len(plan.steps), skipped=skipped.steps, since=followed.since)
    after_skip = skipped.day is not None
    if steps_done < len(plan.steps):
        step = plan.steps[steps_done]
        planned = _step(step, followed, history, since, zone, after_skip, first)
    elif repeat is not None:
        due = plus_days(since, repeat.days)
        words: Words = (f"{repeat.kind.label} every {repeat.span}",)
        if first:
            words = (f"no touch yet: {_DO[repeat.kind]}",)
        elif not after_skip:
            words += ("; last touch ", since)
        planned = _Next(due, repeat.kind, words)
    if planned is None or not history.fallback:
        return planned

    # Unanswered after the follow-ups: the plan's next touch, at the long pace.
    if history.streak == MAX_FOLLOW_UPS + 1:
        lead = f"{ordinal(MAX_FOLLOW_UPS)} follow-up unanswered"
    else:
        lead = f"no reply to {history.streak} touches in a row"
    if repeat is None:
        return planned._replace(words=(f"{lead}: ", *planned.words))
    due = max(planned.due, plus_days(since, repeat.days))
    verb = "back to" if history.streak == MAX_FOLLOW_UPS + 1 else "staying at"
    return planned._replace(due=due, words=(f"{lead}: {verb} every {repeat.span}",))


def _step(
    step: Step,
    followed: _Plan,
    history: CadenceSummary,
    since: date,
    zone: Zone,
    after_skip: bool,
    first: bool,
) -> _Next:
    what = f"{step.kind.label} {step.span} after "
    if first and followed.since is None:
        return _Next(
            plus_days(followed.start, step.days),
            step.kind,
            (f"no touch yet: {_DO[step.kind]}",),
        )
    if step.anchor is Anchor.START or first:
        due = plus_days(followed.start, step.days)
        out_at = history.last_out_at
        if out_at is not None:
            last = history.last
            same = last is not None and out_at == last.at and not after_skip
            out_day = since if same else local_day(out_at, zone)
            due = max(due, plus_days(out_day, MIN_GAP_DAYS))
        return _Next(due, step.kind, (what + (step.after or followed.phrase),))
    due = plus_days(since, step.days)
    if step.after:
        return _Next(due, step.kind, (what + step.after,))
    if after_skip:
        return _Next(due, step.kind, (f"{what}that",))
    return _Next(due, step.kind, (f"{what}the last touch (", since, ")"))


def _follow_up(last: LastTouch, last_day: date, streak: int) -> _Next:
    noun = _NOUN[last.channel]
    voicemail = last.outcome is Outcome.LEFT_VOICEMAIL or last.channel is Channel.VOICEMAIL
    lead: Words
    if streak > 1:
        lead = (f"{ordinal(streak - 1)} follow-up unanswered",)
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


# ------------------------------------------------------------ moments


def _moments(
    nxt: _Next,
    prospect: FutureLike,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    last_day: date | None,
    zone: Zone,
    thanks: Thanks | None,
    since: datetime | None,
) -> _Next:
    """The touches the articles name on top of a plan (docs/advice.md, "Moments")."""
    thanked = _thanks_first(nxt, thanks, prospect, people, history, last_day, zone)
    if thanked is not None:
        return thanked
    if not nxt.step:
        return nxt
    skipped = {skip.kind for skip in prospect.skips}
    if (
        only_recruiters(people)
        and TouchKind.FIND_MANAGER not in history.kinds_out
        and TouchKind.FIND_MANAGER not in skipped
    ):
        recruiter = next(p for p in people if not p.do_not_contact)
        words: Words = (
            f"only a recruiter here: ask {_first(recruiter.name)} who leads the team, "
            "so you can write to them directly",
        )
        # Worth doing soon: the whole relationship hangs on a name.
        soon = nxt.due if last_day is None else plus_days(last_day, FIND_MANAGER_DAYS)
        return nxt._replace(kind=TouchKind.FIND_MANAGER, words=words, due=min(nxt.due, soon))
    answered = history.last_answer_at
    if (
        answered is not None
        and (since is None or answered >= since)  # an answer at this stage
        and nxt.kind is not TouchKind.THANK_YOU  # thanks first
        and last_day is not None
        and _asks_for_names(prospect)
        and Outcome.REFERRAL_GIVEN not in history.outcomes  # they gave names already
        and TouchKind.REFERRAL_ASK not in history.kinds_out
        and TouchKind.REFERRAL_ASK not in skipped
    ):
        answer_day = local_day(answered, zone)
        soon = max(plus_days(answer_day, ASK_AFTER_ANSWER_DAYS), plus_days(last_day, MIN_GAP_DAYS))
        words = ("they answered on ", answer_day, ": once, ask whom else they would suggest")
        return _Next(min(nxt.due, soon), TouchKind.REFERRAL_ASK, words, step=False, lead=nxt.lead)
    return nxt


def _asks_for_names(prospect: FutureLike) -> bool:
    if prospect.stage in _ASK_STAGES:
        return True
    return prospect.stage is Stage.INTERVIEWED and prospect.origin in _ASK_ORIGINS


def _thanks_first(
    nxt: _Next,
    thanks: Thanks | None,
    prospect: FutureLike,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    last_day: date | None,
    zone: Zone,
) -> _Next | None:
    """The thank-you a referrer is owed, if nothing more pressing comes first."""
    if thanks is None or nxt.opening:
        return None
    referrer = next((p for p in people if p.id == thanks.person_id), None)
    if referrer is None or referrer.do_not_contact:
        return None
    out = history.last_out_at
    if out is not None and local_day(out, zone) >= thanks.day:
        return None  # a touch went out since: the chance to thank them was taken
    for skip in prospect.skips:
        if skip.kind is TouchKind.REFERRER_THANKS and local_day(skip.at, zone) >= thanks.day:
            return None  # skipped
    words: Words = (
        f"your referral to {thanks.company} reached the offer stage on ",
        thanks.day,
        f": thank {_first(referrer.name)}",
    )
    due = max(thanks.day, last_day) if last_day is not None else thanks.day
    return _Next(due, TouchKind.REFERRER_THANKS, words, step=False, to=referrer.id, lead=nxt.lead)


# ------------------------------------------------------------ whom, and saying it


def _whom(
    nxt: _Next,
    prospect: FutureLike,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    home_city: str,
) -> tuple[PersonLike | None, _Next]:
    """The person the touch goes to, and the touch (a follow-up of a recruiter's
    silence becomes a note to the manager)."""

    def reachable(person: PersonLike) -> bool:
        return reachable_at_all(person, my_city=home_city, texted=history.texted_by(person.id))

    if nxt.to is not None:
        return next((p for p in people if p.id == nxt.to), None), nxt
    best = pick_person(people, prospect, reachable)
    same = _same_person(people, nxt.answers)
    if same is not None and not reachable(same) and best is not None and reachable(best):
        same = None  # whoever spoke left no way back: the best placed who can be reached
    if same is None:
        return best, _noting_unreachable_better(nxt, people, prospect, best, reachable)
    if (
        nxt.kind is TouchKind.FOLLOW_UP
        and same.role is PersonRole.RECRUITER
        and best is not None
        and best.role is not PersonRole.RECRUITER
        and reachable(best)
    ):
        assert nxt.answers is not None
        noun = _NOUN[nxt.answers.channel]
        words: Words = (
            f"{_first(same.name)} (recruiter) has not answered the {noun}: write to "
            f"{_first(best.name)} ({best.role.label}) directly",
        )
        return best, nxt._replace(kind=TouchKind.CHECK_IN, words=words, answers=None)
    return same, nxt


def _noting_unreachable_better(
    nxt: _Next,
    people: Sequence[PersonLike],
    prospect: FutureLike,
    chosen: PersonLike | None,
    reachable: Any,
) -> _Next:
    """When someone better placed than the chosen person cannot be reached, say so."""
    top = pick_person(people, prospect)
    if top is None or chosen is None or top.id == chosen.id or reachable(top):
        return nxt
    note = (
        f" (no {missing_details(top)} for {_first(top.name)}, the {top.role.label}: "
        "add one to write to them instead)"
    )
    return nxt._replace(words=(*nxt.words, note))


def _said(nxt: _Next, kind: TouchKind, channel: Channel | None, person: PersonLike | None) -> Words:
    """The reason, with what the channel changed: nobody reachable, or another kind."""
    if channel is None:
        if person is None:
            return ("nobody to contact here yet: add a person; ", *nxt.lead, *nxt.words)
        missing = f"no {missing_details(person)} for {_first(person.name)}: add one; "
        return (missing, *nxt.lead, *nxt.words)
    if kind is not nxt.kind:
        who = _first(person.name) if person is not None else "them"
        instead = (
            f" — no way to reach {who} for a {nxt.kind.label}: "
            f"a {kind.label} by {_NOUN[channel]} instead"
        )
        return (*nxt.lead, *nxt.words, instead)
    return (*nxt.lead, *nxt.words)


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


def _first(name: str) -> str:
    words = name.split()
    return words[0] if words else name
