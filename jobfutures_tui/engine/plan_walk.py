"""The plan's next touch, or what the last touch calls for (docs/advice.md, "When").

The first step of deciding (:mod:`~jobfutures_tui.engine.cadence`): from the
job future's plan, counted from the day it (re)started, its skips, and the
summary of its touches, the touch that comes next and when, in words. The
moments (:mod:`~jobfutures_tui.engine.moments`) and whom it goes to
(:mod:`~jobfutures_tui.engine.whom`) are worked out on top of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, NamedTuple

from jobfutures_tui.engine.facts import FutureLike, PersonLike, SkipLike
from jobfutures_tui.engine.history import (
    MAX_FOLLOW_UPS,
    CadenceSummary,
    LastTouch,
    TouchLike,
    local_day,
    plus_days,
    summarise,
)
from jobfutures_tui.engine.plans import Anchor, Zone, plan_for, plan_start
from jobfutures_tui.engine.reasons import NOUN, Words
from jobfutures_tui.engine.relative import ordinal
from jobfutures_tui.models.enums import Channel, Origin, Outcome, Stage, TouchKind

if TYPE_CHECKING:
    from jobfutures_tui.models.plan import CadencePlan, Step

FOLLOW_UP_DAYS = 7
"""An unanswered touch is followed up within a week."""
VOICEMAIL_RETRY_DAYS = 3
"""A voicemail nobody returned is retried this soon, another way."""
MIN_GAP_DAYS = 7
"""A step counted from the start never lands within a week of the last outgoing touch."""


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


History = Iterable[TouchLike] | CadenceSummary | None
"""A job future's touches in any order, or what they add up to (None: no touches)."""


_EMPTY = CadenceSummary()


def summary_of(touches: History) -> CadenceSummary:
    """What the touches add up to (the engine decides from this alone)."""
    if touches is None:
        return _EMPTY
    if isinstance(touches, CadenceSummary):
        return touches
    return summarise(touches)


class Next(NamedTuple):
    """A touch found, before the person and the channel are known."""

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


class FollowedPlan(NamedTuple):
    """The plan a job future follows, and since when."""

    plan: CadencePlan
    start: date
    """The day it (re)started: the job future's start, or the day it moved to its stage."""
    since: datetime | None
    """The start of that day, when it restarted with a move: touches before it do not count."""
    phrase: str
    """What the start is, in words ('the interview', 'their no')."""
    not_before: date | None = None
    """The day the user chose the plan: none of its touches is due before it."""
    fresh: bool = False
    """Chosen since the last touch: the next touch is the plan's, not a follow-up,
    a reply or a moment the last touch called for."""


def upcoming(
    prospect: FutureLike,
    people: Sequence[PersonLike],
    touches: History,
    plan: CadencePlan | None,
    tz: Zone,
) -> tuple[Next, CadenceSummary, FollowedPlan, date | None, Zone] | None:
    """The plan's next touch (or what the last touch calls for), with what it was
    worked out from, or None (see :func:`~jobfutures_tui.engine.cadence.decide`)."""
    if not prospect.is_open or nobody_to_contact(people):
        return None
    history = summary_of(touches)
    if history.stop_at is not None:
        return None
    zone = tz
    last = history.last
    last_day = None if last is None else local_day(last.at, zone)
    followed = _plan_of(prospect, plan, zone, last)
    skipped = _Skipped.of(prospect.skips, last, zone, followed.since)
    nxt = _next_touch(followed, history, prospect, last_day, zone, skipped)
    if nxt is None:
        return None
    if last_day is not None and nxt.due < last_day:
        nxt = nxt._replace(due=last_day)
    chosen_day = followed.not_before
    if nxt.step and chosen_day is not None and nxt.due < chosen_day:
        # Its day had passed when the user chose the plan: due from that day, and
        # the words say so (not "1 day after the last touch", long gone).
        words = (f"{nxt.kind.label}: the plan's next touch, from the day you chose it (",)
        nxt = nxt._replace(due=chosen_day, words=(*words, chosen_day, ")"))
    return nxt, history, followed, last_day, zone


def _plan_of(
    prospect: FutureLike, plan: CadencePlan | None, zone: Zone, last: LastTouch | None
) -> FollowedPlan:
    """The plan and where it starts: the job future's start, or the day it moved to its
    stage, or (chosen by hand since) its last touch, with nothing due before the choice."""
    plan = plan or plan_for(prospect, zone=zone)
    start, moved = plan_start(prospect, zone)
    chosen = prospect.plan_chosen_at
    if chosen is not None:
        chosen_day = local_day(chosen, zone)
        if chosen_day > start:
            last_day = None if last is None else local_day(last.at, zone)
            anchor = last_day if last_day is not None and last_day <= chosen_day else chosen_day
            since = datetime.combine(chosen_day, time(), tzinfo=zone)
            phrase = "the last touch" if anchor != chosen_day else "you chose this plan"
            fresh = last is None or last.at < chosen
            return FollowedPlan(plan, max(anchor, start), since, phrase, chosen_day, fresh)
    if moved is None:
        return FollowedPlan(plan, start, None, _START_PHRASE.get(prospect.origin, "the start"))
    since = datetime.combine(moved, time(), tzinfo=zone)
    return FollowedPlan(plan, start, since, _MOVED_PHRASE.get(prospect.stage, "the move"))


def _next_touch(
    followed: FollowedPlan,
    history: CadenceSummary,
    prospect: FutureLike,
    last_day: date | None,
    zone: Zone,
    skipped: _Skipped,
) -> Next | None:
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
    if followed.fresh:
        return _planned(followed, history, last_day, zone, skipped)

    if last.outcome is Outcome.OPENING_MENTIONED:
        if prospect.stage is Stage.OFFER:
            words: Words = ("they mentioned an opening on ", last_day, ": reply now")
            return Next(
                last_day, TouchKind.OPENING_REPLY, words, opening=True, answers=last, step=False
            )
        words = (
            "they mentioned an opening on ",
            last_day,
            ": not for you? offer to refer someone (for you? move it to offer)",
        )
        return Next(
            plus_days(last_day, 1), TouchKind.OFFER_TO_REFER, words, answers=last, step=False
        )
    if last.outcome is Outcome.REFERRAL_GIVEN:
        words = ("they gave you a referral on ", last_day, ": thank them")
        return Next(
            plus_days(last_day, 1), TouchKind.REFERRER_THANKS, words, answers=last, step=False
        )
    if history.following_up and last.channel is not Channel.LETTER:
        return _follow_up(last, last_day, history.streak)
    return _planned(followed, history, last_day, zone, skipped)


def _planned(
    followed: FollowedPlan,
    history: CadenceSummary,
    since: date,
    zone: Zone,
    skipped: _Skipped,
    *,
    first: bool = False,
) -> Next | None:
    """The plan's next step or its repeat, counted from ``since`` (the last
    touch, a skip after it, or the start); at the long pace while they do not answer."""
    plan = followed.plan
    repeat = plan.repeat
    planned: Next | None = None
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
        planned = Next(due, repeat.kind, words)
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
    followed: FollowedPlan,
    history: CadenceSummary,
    since: date,
    zone: Zone,
    after_skip: bool,
    first: bool,
) -> Next:
    what = f"{step.kind.label} {step.span} after "
    if first and followed.since is None:
        return Next(
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
            if plus_days(out_day, MIN_GAP_DAYS) > due:  # the words say what set the day
                gap: Words = ("not within a week of your last touch (", out_day, ")")
                if step.after or followed.start != out_day:
                    gap = (what + (step.after or followed.phrase) + "; ", *gap)
                else:  # counted from that touch: the week is the whole story
                    gap = (f"{step.kind.label} a week after your last touch (", out_day, ")")
                return Next(plus_days(out_day, MIN_GAP_DAYS), step.kind, gap)
        return Next(due, step.kind, (what + (step.after or followed.phrase),))
    due = plus_days(since, step.days)
    if step.after:
        return Next(due, step.kind, (what + step.after,))
    if after_skip:
        return Next(due, step.kind, (f"{what}that",))
    return Next(due, step.kind, (f"{what}the last touch (", since, ")"))


def _follow_up(last: LastTouch, last_day: date, streak: int) -> Next:
    noun = NOUN[last.channel]
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
    return Next(due, TouchKind.FOLLOW_UP, (*lead, f": {tail}"), answers=last, step=False)


def nobody_to_contact(people: Sequence[PersonLike]) -> bool:
    """Everyone is marked do-not-contact (no people at all is not that)."""
    for person in people:
        if not person.do_not_contact:
            return False
    return bool(people)
