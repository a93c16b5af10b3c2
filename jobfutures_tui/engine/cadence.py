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
   is thanked (1 and 2: :mod:`~jobfutures_tui.engine.plan_walk`);
3. the moments layered on the plan (:mod:`~jobfutures_tui.engine.moments`):
   a referrer whose referral reached an offer is thanked; a recruiter who is
   the only contact is asked who leads the team; after a first answer, they
   are asked once for names of other managers;
4. whom (:mod:`~jobfutures_tui.engine.whom`, ranking people with
   :mod:`~jobfutures_tui.engine.person_choice`) and how
   (:mod:`~jobfutures_tui.engine.channels`): the hiring manager before a
   recruiter, only channels the person can be reached by and that fit the touch.

This module puts the four together and holds what comes out: the decision,
kept between sessions, and the suggestion for a day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

import pendulum

from jobfutures_tui.engine.channels import choose_channel
from jobfutures_tui.engine.facts import FutureLike, PersonLike
from jobfutures_tui.engine.history import as_pendulum, local_day
from jobfutures_tui.engine.moments import Thanks, moments
from jobfutures_tui.engine.plan_walk import History, Next, nobody_to_contact, summary_of, upcoming
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.reasons import Words
from jobfutures_tui.engine.relative import day_month, days_between
from jobfutures_tui.engine.urgency import Urgency, urgency
from jobfutures_tui.engine.whom import said, whom
from jobfutures_tui.engine.workload import ALL_DAYS, next_workday
from jobfutures_tui.models.enums import Channel, Stage, TouchKind

if TYPE_CHECKING:
    from jobfutures_tui.models import Skip
    from jobfutures_tui.models.plan import CadencePlan

__all__ = [
    "DECISION_VERSION",
    "Decision",
    "Suggestion",
    "Thanks",
    "Urgency",
    "decide",
    "due_and_urgency",
    "finish",
    "skip_next",
    "stopped",
    "suggest_next",
    "urgency",
]


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


DECISION_VERSION = 6
"""Bump when the engine would decide differently from the same records, so
decisions kept in the derived index are made again (5: the advice rules; 6: a plan
chosen since the last touch comes first, a start step names the week it waits)."""

_KINDS = {member.value: member for member in TouchKind}
_CHANNELS = {member.value: member for member in Channel}


# ------------------------------------------------------------ the engine


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
) -> tuple[Next, Decision] | None:
    found = upcoming(prospect, people, touches, plan, tz)
    if found is None:
        return None
    nxt, history, followed, last_day, zone = found
    if not followed.fresh:  # a plan chosen since the last touch: its own touch first
        nxt = moments(nxt, prospect, people, history, last_day, zone, thanks, followed.since)
    person, nxt = whom(nxt, prospect, people, history, home_city)
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
    words = said(nxt, chosen.kind, chosen.channel, person)
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
    from jobfutures_tui.models import Skip  # a record: pydantic's, imported to skip

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


def due_and_urgency(
    decision: Decision,
    *,
    stage: Stage,
    today: date,
    snoozed_until: date | None = None,
    workdays: frozenset[int] = ALL_DAYS,
) -> tuple[date, float]:
    """The day :func:`finish` would say the touch is due and its urgency's total,
    without the rest of the suggestion (what ordering and sorting out thousands
    needs: the board, the due list)."""
    due = due_day(decision, snoozed_until, workdays)
    return due, _urgency(decision, stage, today, days_between(due, today)).total


def due_day(
    decision: Decision, snoozed_until: date | None = None, workdays: frozenset[int] = ALL_DAYS
) -> date:
    """The day :func:`finish` would say the touch is due (what telling the overdue
    ones apart needs)."""
    due = decision.due
    if snoozed_until is not None and due < snoozed_until:
        due = snoozed_until
    if workdays is not ALL_DAYS:
        due = next_workday(due, workdays)
    return due


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
    stop_at = summary_of(touches).stop_at
    if stop_at is not None:
        day = local_day(stop_at, tz)
        return f"they asked you to stop on {day_month(day, today)}"
    if nobody_to_contact(people):
        return "everyone here is marked do not contact"
    return None
