"""What the board shows: one card per open job future, per stage, in order."""

from __future__ import annotations

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


def board_order(repo: Repository, query: str = "") -> dict[Stage, list[str]]:
    """Open job futures by stage, longest without a touch first, as prospect ids.

    The order comes from stored facts alone (stage, company name, newest
    touch), so thousands of cards need no validation; a card is built with
    :func:`card_for` only when it is drawn. A filter needs every card's text.
    """
    wanted = query.strip().casefold()
    keyed: dict[Stage, list[tuple[pendulum.DateTime, str, str]]] = {s: [] for s in Stage.board()}
    for prospect_id in repo.open_prospect_ids():
        if wanted:
            prospect = repo.prospect(prospect_id)
            if prospect is None or wanted not in card_for(repo, prospect).search_text:
                continue
        stage = _stored_stage(repo, prospect_id)
        company_id = repo.peek(Prospect, prospect_id, "company_id")
        name = str(repo.peek(Company, company_id, "name") or "").casefold()
        last = repo.last_touch(prospect_id)
        keyed[stage].append((last.at if last else _NEVER, name, prospect_id))
    return {stage: [pid for *_, pid in sorted(rows)] for stage, rows in keyed.items()}


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
