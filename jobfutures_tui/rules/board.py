"""What the board shows: one card per open job future, per stage, in order."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import pendulum

from jobfutures_tui.models import Company, PersonRole, Prospect, Stage, revise
from jobfutures_tui.models.dates import now as utc_now
from jobfutures_tui.store import Repository, TouchSummary

_NEVER = pendulum.DateTime(1, 1, 1, tzinfo=pendulum.UTC)


@dataclass(frozen=True, slots=True)
class Card:
    prospect_id: str
    stage: Stage
    company: str
    person: str
    person_role: PersonRole | None
    recruiter_only: bool
    role: str
    last_touch: TouchSummary | None
    search_text: str


def card_for(repo: Repository, prospect: Prospect) -> Card:
    company = repo.company(prospect.company_id)
    people = [p for p in (repo.person(pid) for pid in prospect.person_ids) if p is not None]
    main = people[0] if people else None
    recruiter_only = bool(people) and all(p.role is PersonRole.RECRUITER for p in people)
    company_name = company.name if company else "(missing company)"
    words = [company_name, prospect.role, prospect.notes, *prospect.tags]
    words += [p.name for p in people]
    return Card(
        prospect_id=prospect.id,
        stage=prospect.stage,
        company=company_name,
        person=main.name if main else "",
        person_role=main.role if main else None,
        recruiter_only=recruiter_only,
        role=prospect.role,
        last_touch=repo.last_touch(prospect.id),
        search_text=" ".join(words).casefold(),
    )


OrderKey = tuple[pendulum.DateTime, str, str]


def order_key(repo: Repository, prospect_id: str) -> tuple[Stage, OrderKey]:
    """A job future's column and its place in it (sorted ascending)."""
    stage = _stored_stage(repo, prospect_id)
    company_id = repo.peek(Prospect, prospect_id, "company_id")
    name = str(repo.peek(Company, company_id, "name") or "").casefold()
    last = repo.last_touch(prospect_id)
    return stage, (last.at if last else _NEVER, name, prospect_id)


class BoardOrder:
    """The board's order, kept up to date from the changes since it was worked out.

    Working it out costs ~30 ms at 5,000 job futures; after a move or a logged
    touch only the job futures that changed are placed again.
    """

    REBUILD_AFTER = 64
    """More changed records than this, and the whole order is worked out again."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._revision = -1
        self._keys: dict[str, OrderKey] = {}
        self._stages: dict[str, Stage] = {}
        self._columns: dict[Stage, list[OrderKey]] = {}

    def columns(self) -> dict[Stage, list[str]]:
        changed = None if self._revision < 0 else self.repo.changed_since(self._revision)
        self._revision = self.repo.revision
        if changed is None or len(changed) > self.REBUILD_AFTER or self._renamed(changed):
            self._rebuild()
        else:
            for record_id in changed:
                self._place(record_id)
        return {stage: [key[-1] for key in keys] for stage, keys in self._columns.items()}

    def _renamed(self, changed: set[str]) -> bool:
        companies = self.repo.stored_rows(Company)
        return any(record_id in companies for record_id in changed)

    def _rebuild(self) -> None:
        self._keys.clear()
        self._stages.clear()
        self._columns = {stage: [] for stage in Stage.board()}
        for prospect_id in self.repo.open_prospect_ids():
            stage, key = order_key(self.repo, prospect_id)
            self._keys[prospect_id], self._stages[prospect_id] = key, stage
            self._columns[stage].append(key)
        for keys in self._columns.values():
            keys.sort()

    def _place(self, record_id: str) -> None:
        """Take a job future out of its place and put it where it belongs now."""
        old = self._keys.pop(record_id, None)
        if old is not None:
            self._columns[self._stages.pop(record_id)].remove(old)
        if self.repo.peek(Prospect, record_id, "stage") in (None, Stage.ARCHIVE.value):
            return  # not a job future, deleted, or archived
        stage, key = order_key(self.repo, record_id)
        self._keys[record_id], self._stages[record_id] = key, stage
        bisect.insort(self._columns[stage], key)


def _stored_stage(repo: Repository, prospect_id: str) -> Stage:
    try:
        return Stage(repo.peek(Prospect, prospect_id, "stage"))
    except ValueError:
        prospect = repo.prospect(prospect_id)  # refuses the data with a clear message
        assert prospect is not None
        return prospect.stage


def neighbour_stage(stage: Stage, step: int) -> Stage | None:
    """The board stage ``step`` columns away, or None past either end."""
    order = Stage.board()
    if stage not in order:
        return None
    index = order.index(stage) + step
    return order[index] if 0 <= index < len(order) else None


def move_to_stage(prospect: Prospect, stage: Stage) -> Prospect:
    return revise(prospect, stage=stage, stage_changed_at=utc_now())


def archive_order(repo: Repository) -> list[str]:
    """Archived job futures, most recently closed first, as prospect ids."""
    rows = []
    for prospect_id in repo.prospect_ids(archived=True):
        closed = str(repo.peek(Prospect, prospect_id, "stage_changed_at") or "")
        company_id = repo.peek(Prospect, prospect_id, "company_id")
        name = str(repo.peek(Company, company_id, "name") or "").casefold()
        rows.append((closed, name, prospect_id))
    rows.sort(key=lambda row: row[1])
    rows.sort(key=lambda row: row[0], reverse=True)  # stable: by name within a moment
    return [prospect_id for *_, prospect_id in rows]
