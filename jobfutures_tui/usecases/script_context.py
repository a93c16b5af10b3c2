"""What a script is filled in with for one person, and which scripts they have
already heard: read from the records, no UI.

"With this person" means the job future's touches with them, or logged
without a person (those count for everyone there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from jobfutures_tui import models
from jobfutures_tui.engine.cadence import Suggestion, stopped
from jobfutures_tui.engine.channels import fitting_channels
from jobfutures_tui.engine.scripts import fitting, months_between, since_words
from jobfutures_tui.models import ShareKind, TouchKind
from jobfutures_tui.models.dates import local_timezone
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import open_one
from jobfutures_tui.usecases.referrals import newest_referred_by

if TYPE_CHECKING:
    from jobfutures_tui.models import Company, Person, Profile, Prospect, Script, Shareable, Touch

_SAMPLE_KINDS = {
    TouchKind.WORK_SAMPLE: (ShareKind.WORK_SAMPLE,),
    TouchKind.VALUE_SHARE: (ShareKind.ARTICLE, ShareKind.EVENT, ShareKind.OTHER),
}


def with_person(touches: Sequence[Touch], person_id: str | None) -> list[Touch]:
    """Touches with this person (newest first, as the store gives them)."""
    if person_id is None:
        return list(touches)
    return [t for t in touches if t.person_id in (person_id, None)]


def used_script_ids(touches: Sequence[Touch]) -> list[str]:
    """Script ids of these touches, oldest first (for rotation)."""
    ordered = sorted(touches, key=lambda t: t.at)
    return [t.script_id for t in ordered if t.script_id]


def last_shared(touches: Sequence[Touch]) -> str:
    """The title of the last item shared in these touches ('' if none)."""
    for touch in sorted(touches, key=lambda t: t.at, reverse=True):
        if touch.shared:
            return touch.shared[-1]
    return ""


def next_to_share(
    library: Sequence[Shareable], touches: Sequence[Touch], kind: TouchKind | None
) -> Shareable | None:
    """The newest item not yet sent in these touches, of the sort this touch calls for."""
    sent = {title.casefold() for touch in touches for title in touch.shared}
    fresh = [item for item in library if item.title.casefold() not in sent]
    wanted = _SAMPLE_KINDS.get(kind) if kind is not None else None
    if wanted:
        fresh = [item for item in fresh if item.kind in wanted] or fresh
    return max(fresh, key=lambda item: (item.created_at, item.id), default=None)


def began(prospect: Prospect) -> date:
    """When they met: the interview or decision day, else when it was added."""
    if prospect.began_on is not None:
        return prospect.began_on
    return prospect.created_at.in_timezone(local_timezone()).date()


def script_values(
    *,
    prospect: Prospect,
    company: Company | None,
    person: Person | None,
    touches: Sequence[Touch],
    library: Sequence[Shareable],
    kind: TouchKind | None,
    today: date,
    me: Profile | None = None,
    referrer: Person | None = None,
    referred_to: str = "",
) -> dict[str, str]:
    """Every placeholder's value for this person ('' when there is none).

    ``me``: the seeker's profile, which signs the words; ``referrer``: who
    referred the seeker to this job future; ``referred_to``: the company this
    person's latest referral of the seeker led to (:func:`latest_referral`).
    """
    start = began(prospect)
    months = months_between(
        (start.year, start.month, start.day), (today.year, today.month, today.day)
    )
    news = max(company.news, key=lambda item: item.on).text if company and company.news else ""
    item = next_to_share(library, touches, kind)
    return {
        "first_name": person.first_name if person else "",
        "name": person.name if person else "",
        "title": person.title if person else "",
        "company": company.name if company else "",
        "role": prospect.role,
        "news": news,
        "shared": last_shared(touches),
        "to_share": item.title if item else "",
        "link": item.link if item else "",
        "months": str(months),
        "since": since_words(months),
        "referrer": referrer.name if referrer else "",
        "referred_to": referred_to,
        "my_name": me.name if me else "",
        "my_first_name": me.first_name if me else "",
        "my_signature": me.sign_off if me else "",
        "my_email": me.email if me else "",
        "my_phone": me.phone if me else "",
        "my_pitch": me.pitch if me else "",
    }


def latest_referral(repo: Repository, person_id: str | None) -> str:
    """The company of the newest job future this person referred the seeker to
    ('' if none): what thanking them for a referral names. Reads stored rows,
    so thousands of job futures cost no validation."""
    newest = newest_referred_by(repo, person_id) if person_id is not None else None
    company_id = repo.peek("prospects", newest, "company_id")
    company = repo.company(company_id) if isinstance(company_id, str) else None
    return company.name if company else ""


@dataclass(frozen=True, slots=True)
class NextScript:
    """A job future's next touch and the scripts for it, filled in for the person."""

    prospect: Prospect
    company: Company | None
    person: Person | None
    suggestion: Suggestion | None
    stopped: str | None
    """Why nothing is suggested (None while something is)."""
    scripts: tuple[Script, ...]
    """The scripts that fit, best first (:func:`~jobfutures_tui.engine.scripts.fitting`)."""
    values: dict[str, str]


def next_script(
    repo: Repository, prospect_id: str, *, today: date, person_id: str | None = None
) -> NextScript | None:
    """Everything the script panel shows for a job future (None: it is gone); with
    ``person_id`` (one of its people), filled in for that person instead.

    Reads the job future's touches: the months holding them are parsed, and all the
    months first unless the history is loaded (:attr:`Repository.history_loaded`).
    """
    prospect = repo.prospect(prospect_id)
    if prospect is None:
        return None
    company = repo.company(prospect.company_id)
    people = [p for p in (repo.person(pid) for pid in prospect.person_ids) if p is not None]
    future = open_one(repo, prospect_id)
    suggestion = future.suggestion(today) if future is not None else None
    summary = repo.cadence_summary(prospect_id)
    stopped_why = (
        None if suggestion else stopped(prospect, people, summary, today=today, tz=local_timezone())
    )
    if person_id is None or person_id not in prospect.person_ids:
        person_id = suggestion.person_id if suggestion else prospect.main_person_id
    person = next((p for p in people if p.id == person_id), people[0] if people else None)
    touches = with_person(repo.touches_for(prospect_id), person.id if person else None)
    kind = suggestion.kind if suggestion else None
    values = script_values(
        prospect=prospect,
        company=company,
        person=person,
        touches=touches,
        library=repo.records(models.Shareable),
        kind=kind,
        today=today,
        me=repo.profile(),
        referrer=repo.person(prospect.referred_by_id) if prospect.referred_by_id else None,
        referred_to=latest_referral(repo, person.id if person else None),
    )
    scripts: tuple[Script, ...] = ()
    if suggestion is not None:
        chosen = fitting(
            repo.records(models.Script),
            kind=suggestion.kind,
            # No channel reaches them yet: the words for the usual one.
            channel=suggestion.channel or fitting_channels(suggestion.kind)[0],
            stage=prospect.stage,
            origin=prospect.origin,
            used=used_script_ids(touches),
        )
        scripts = tuple(chosen)
    return NextScript(prospect, company, person, suggestion, stopped_why, scripts, values)
