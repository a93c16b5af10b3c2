"""Someone already stored joins a job future: which job futures a person could
join, and who could join a job future, those at the same company first.

People come in without a job future (an import, a contact added on People);
once one of theirs is open, linking them lets the cadence plan and the log
form reach them. Read from stored fields, so thousands cost no validation.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobfutures_tui.models import Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.changes import Change
from jobfutures_tui.usecases.story import link_known

_STAGES = {stage.value: stage.label for stage in Stage}


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a picker: what it is, in words, and what filtering matches."""

    record_id: str
    label: str
    detail: str
    same_company: bool

    @property
    def words(self) -> str:
        return f"{self.label} {self.detail}".casefold()


def futures_to_join(repo: Repository, person_id: str) -> list[Choice]:
    """The open job futures this person is not part of, their company's first."""
    peek = repo.peek
    company_id = peek("people", person_id, "company_id")
    found = []
    for prospect_id in repo.open_prospect_ids():
        if person_id in (peek("prospects", prospect_id, "person_ids") or ()):
            continue
        company = peek("prospects", prospect_id, "company_id")
        role = str(peek("prospects", prospect_id, "role") or "")
        stage = _STAGES.get(str(peek("prospects", prospect_id, "stage")), "")
        name = str(peek("companies", company, "name") or "(missing company)")
        detail = " · ".join(part for part in (role, stage) if part)
        found.append(Choice(prospect_id, name, detail, company == company_id))
    found.sort(key=lambda c: (not c.same_company, c.label.casefold(), c.detail, c.record_id))
    return found


def people_to_add(repo: Repository, prospect_id: str) -> list[Choice]:
    """Everyone not yet among this job future's people, those at its company first."""
    peek = repo.peek
    linked = set(peek("prospects", prospect_id, "person_ids") or ())
    company_id = peek("prospects", prospect_id, "company_id")
    found = []
    for person_id in repo.person_ids():
        if person_id in linked:
            continue
        theirs = peek("people", person_id, "company_id")
        title = str(peek("people", person_id, "title") or "")
        company = str(peek("companies", theirs, "name") or "") if theirs else ""
        detail = " · ".join(part for part in (title, company) if part)
        name = str(peek("people", person_id, "name") or "")
        found.append(Choice(person_id, name, detail, theirs == company_id))
    found.sort(key=lambda c: (not c.same_company, c.label.casefold(), c.record_id))
    return found


def join(repo: Repository, prospect_id: str, person_id: str) -> Change:
    """The change that makes the person one of the job future's people (empty when
    they are already, or either is gone); the person is selected after."""
    prospect, person = repo.prospect(prospect_id), repo.person(person_id)
    if prospect is None or person is None:
        return Change("", select=person_id)
    company = repo.company(prospect.company_id)
    where = company.name if company else "the job future"
    save = tuple(link_known(prospect, person))
    return Change(f"Added {person.name} to {where}", save=save, select=person_id)
