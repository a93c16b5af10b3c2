"""Whom the next touch is with (docs/advice.md, "The right person").

The hiring manager first, then an interviewer, a referrer, anyone else, and
a recruiter last: recruiters hear from too many candidates to remember one,
while a manager who liked you has a say and a reason to keep you in mind.
Nobody marked do-not-contact is ever chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from jobfutures_tui.models.enums import PersonRole

if TYPE_CHECKING:
    from jobfutures_tui.engine.facts import FutureLike, PersonLike

ROLE_ORDER = (
    PersonRole.HIRING_MANAGER,
    PersonRole.INTERVIEWER,
    PersonRole.REFERRER,
    PersonRole.OTHER,
    PersonRole.RECRUITER,
)
_ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_ORDER)}


def ranked(people: Sequence[PersonLike], prospect: FutureLike | None = None) -> list[PersonLike]:
    """The people who may be contacted, best first; ties keep the job future's
    own order (its main person first)."""
    order = {pid: index for index, pid in enumerate(prospect.person_ids)} if prospect else {}
    keyed = [
        (_ROLE_RANK.get(p.role, len(ROLE_ORDER)), order.get(p.id, len(order)), index, p)
        for index, p in enumerate(people)
        if not p.do_not_contact
    ]
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]


def pick_person(
    people: Sequence[PersonLike],
    prospect: FutureLike | None = None,
    reachable: Callable[[PersonLike], bool] | None = None,
) -> PersonLike | None:
    """The best-ranked person who can be reached (``reachable``), else the
    best-ranked one (whose details are missing), else None."""
    if len(people) == 1:  # the usual case
        return None if people[0].do_not_contact else people[0]
    found = ranked(people, prospect)
    if reachable is not None:
        for person in found:
            if reachable(person):
                return person
    return found[0] if found else None


def only_recruiters(people: Sequence[PersonLike]) -> bool:
    """Everyone who may be contacted is a recruiter (and someone may be)."""
    may = [p for p in people if not p.do_not_contact]
    return bool(may) and all(p.role is PersonRole.RECRUITER for p in may)


def recruiter_only_warning(people: Sequence[PersonLike]) -> str | None:
    """What the card and the story say when only recruiters can be contacted."""
    if not only_recruiters(people):
        return None
    may = [p for p in people if not p.do_not_contact]
    who = "a recruiter" if len(may) == 1 else "recruiters"
    return (
        f"Only {who} here: find the hiring manager, who is likelier to remember you "
        "and to have a say."
    )
