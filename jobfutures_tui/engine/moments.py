"""The touches the articles name on top of a plan (docs/advice.md, "Moments").

A referrer whose referral reached an offer is thanked; a recruiter who is the
only contact is asked who leads the team; after a first answer, they are
asked once for names of other managers. Each replaces, or comes before, the
touch the plan walk (:mod:`~jobfutures_tui.engine.plan_walk`) found.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from jobfutures_tui.engine.facts import FutureLike, PersonLike
from jobfutures_tui.engine.history import CadenceSummary, local_day, plus_days
from jobfutures_tui.engine.person_choice import only_recruiters
from jobfutures_tui.engine.plan_walk import MIN_GAP_DAYS, Next
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.reasons import Words, first_name
from jobfutures_tui.models.enums import Origin, Outcome, Stage, TouchKind

FIND_MANAGER_DAYS = 14
"""A recruiter who is the only contact is asked who leads the team within two
weeks of the last touch (or at the plan's next touch, if sooner)."""
ASK_AFTER_ANSWER_DAYS = 14
"""After a first answer, names of other managers are asked for within two weeks."""


_ASK_STAGES = frozenset({Stage.REJECTED_WARM})
_ASK_ORIGINS = frozenset({Origin.REJECTED, Origin.NO_OPENING, Origin.OFFER_DECLINED})
"""Names of other managers are asked for after a no: at the rejected-but-warm
stage, or while interviewed when it began without an opening for the seeker."""


class Thanks(NamedTuple):
    """A referral that reached the offer stage: the referrer is owed a thank-you."""

    day: date
    """When the referred job future reached the offer stage."""
    person_id: str
    """The referrer: one of this job future's people."""
    company: str
    """Where the referral led."""


def moments(
    nxt: Next,
    prospect: FutureLike,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    last_day: date | None,
    zone: Zone,
    thanks: Thanks | None,
    since: datetime | None,
) -> Next:
    """The moment due instead of ``nxt`` (or before it), else ``nxt`` itself."""
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
            f"only a recruiter here: ask {first_name(recruiter.name)} who leads the team, "
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
        return Next(min(nxt.due, soon), TouchKind.REFERRAL_ASK, words, step=False, lead=nxt.lead)
    return nxt


def _asks_for_names(prospect: FutureLike) -> bool:
    if prospect.stage in _ASK_STAGES:
        return True
    return prospect.stage is Stage.INTERVIEWED and prospect.origin in _ASK_ORIGINS


def _thanks_first(
    nxt: Next,
    thanks: Thanks | None,
    prospect: FutureLike,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    last_day: date | None,
    zone: Zone,
) -> Next | None:
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
        f": thank {first_name(referrer.name)}",
    )
    due = max(thanks.day, last_day) if last_day is not None else thanks.day
    return Next(due, TouchKind.REFERRER_THANKS, words, step=False, to=referrer.id, lead=nxt.lead)
