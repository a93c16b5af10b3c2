"""Closing, reopening and deleting a job future, as records to save or delete.

Archiving keeps everything (the timeline, the people) and can be reopened;
deleting is for mistakes, so it also removes what only the mistake created:
people and a company nothing else refers to.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from jobfutures_tui.models import Company, Prospect, Record, Stage, revise
from jobfutures_tui.models.dates import now as utc_now
from jobfutures_tui.models.entities import ReasonField, Text
from jobfutures_tui.models.enums import ClosedReason
from jobfutures_tui.store import Repository


class ArchiveInput(BaseModel):
    """Why a job future is closed; "other" needs a word of explanation."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    reason: ReasonField
    note: Text = ""

    @field_validator("note")
    @classmethod
    def _other_needs_a_note(cls, value: str, info: ValidationInfo) -> str:
        if not value and info.data.get("reason") is ClosedReason.OTHER:
            raise ValueError("say in a few words why (the reason is 'other')")
        return value


def archive(prospect: Prospect, closing: ArchiveInput) -> Prospect:
    return revise(
        prospect,
        stage=Stage.ARCHIVE,
        closed_reason=closing.reason,
        closed_note=closing.note,
        stage_changed_at=utc_now(),
        snoozed_until=None,
    )


def reopen(prospect: Prospect, stage: Stage) -> Prospect:
    """Back on the board; the closing reason goes, the history stays."""
    return revise(
        prospect, stage=stage, closed_reason=None, closed_note="", stage_changed_at=utc_now()
    )


def people_used(repo: Repository, prospect_ids: list[str]) -> set[str]:
    """The people these job futures use: theirs, and who referred them (from stored
    fields). A person none of the others uses may go with a job future or off it."""
    used: set[str] = set()
    for pid in prospect_ids:
        used.update(repo.peek("prospects", pid, "person_ids") or ())
        if referrer := repo.peek("prospects", pid, "referred_by_id"):
            used.add(referrer)
    return used


def deletion(repo: Repository, prospect: Prospect) -> list[Record]:
    """The job future, its touches, and the people and company only it refers to."""
    others = [pid for pid in repo.prospect_ids() if pid != prospect.id]
    still_used = people_used(repo, others)
    doomed: list[Record] = [prospect, *repo.touches_for(prospect.id)]
    for person_id in prospect.person_ids:
        person = repo.person(person_id)
        if person is not None and person_id not in still_used:
            doomed.append(person)
    company = repo.company(prospect.company_id)
    if company is not None and not _company_used(repo, company, others, doomed):
        doomed.append(company)
    return doomed


def _company_used(
    repo: Repository, company: Company, others: list[str], doomed: list[Record]
) -> bool:
    if any(repo.peek("prospects", pid, "company_id") == company.id for pid in others):
        return True
    leaving = {record.id for record in doomed}
    return any(
        repo.peek("people", person_id, "company_id") == company.id
        for person_id in repo.person_ids()
        if person_id not in leaving
    )
