"""Whom the next touch goes to, and its reason once the channel is known
(docs/advice.md, "With whom").

The person who answered (or went silent) before the best placed one, unless
they left no way back; a recruiter's silence becomes a note to the manager;
a better placed person who cannot be reached is named, and so is the detail
to add when nobody can be.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jobfutures_tui.engine.channels import missing_details, reachable_at_all
from jobfutures_tui.engine.facts import FutureLike, PersonLike
from jobfutures_tui.engine.history import CadenceSummary, LastTouch
from jobfutures_tui.engine.person_choice import pick_person
from jobfutures_tui.engine.plan_walk import Next
from jobfutures_tui.engine.reasons import NOUN, Words, first_name
from jobfutures_tui.models.enums import Channel, PersonRole, TouchKind


def whom(
    nxt: Next,
    prospect: FutureLike,
    people: Sequence[PersonLike],
    history: CadenceSummary,
    home_city: str,
) -> tuple[PersonLike | None, Next]:
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
        noun = NOUN[nxt.answers.channel]
        words: Words = (
            f"{first_name(same.name)} (recruiter) has not answered the {noun}: write to "
            f"{first_name(best.name)} ({best.role.label}) directly",
        )
        return best, nxt._replace(kind=TouchKind.CHECK_IN, words=words, answers=None)
    return same, nxt


def _noting_unreachable_better(
    nxt: Next,
    people: Sequence[PersonLike],
    prospect: FutureLike,
    chosen: PersonLike | None,
    reachable: Any,
) -> Next:
    """When someone better placed than the chosen person cannot be reached, say so."""
    top = pick_person(people, prospect)
    if top is None or chosen is None or top.id == chosen.id or reachable(top):
        return nxt
    note = (
        f" (no {missing_details(top)} for {first_name(top.name)}, the {top.role.label}: "
        "add one to write to them instead)"
    )
    return nxt._replace(words=(*nxt.words, note))


def said(nxt: Next, kind: TouchKind, channel: Channel | None, person: PersonLike | None) -> Words:
    """The reason, with what the channel changed: nobody reachable, or another kind."""
    if channel is None:
        if person is None:
            return ("nobody to contact here yet: add a person; ", *nxt.lead, *nxt.words)
        missing = f"no {missing_details(person)} for {first_name(person.name)}: add one; "
        return (missing, *nxt.lead, *nxt.words)
    if kind is not nxt.kind:
        who = first_name(person.name) if person is not None else "them"
        instead = (
            f" — no way to reach {who} for a {nxt.kind.label}: "
            f"a {kind.label} by {NOUN[channel]} instead"
        )
        return (*nxt.lead, *nxt.words, instead)
    return (*nxt.lead, *nxt.words)


def _same_person(people: Sequence[PersonLike], touch: LastTouch | None) -> PersonLike | None:
    """The person a follow-up or a reply goes to: whoever the touch was with."""
    if touch is None or touch.person_id is None:
        return None
    for person in people:
        if person.id == touch.person_id and not person.do_not_contact:
            return person
    return None
