"""What the board shows: one card per open job future, per stage, in order."""

from __future__ import annotations

from dataclasses import dataclass

import pendulum

from jobfutures_tui.models import PersonRole, Prospect, Stage, revise
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

    @property
    def untouched_since(self) -> pendulum.DateTime:
        return self.last_touch.at if self.last_touch else _NEVER


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


def build_board(repo: Repository, query: str = "") -> dict[Stage, list[Card]]:
    """Open job futures by stage, longest without a touch first."""
    wanted = query.strip().casefold()
    columns: dict[Stage, list[Card]] = {stage: [] for stage in Stage.board()}
    for prospect in repo.prospects(include_archived=False):
        card = card_for(repo, prospect)
        if wanted and wanted not in card.search_text:
            continue
        columns[prospect.stage].append(card)
    for cards in columns.values():
        cards.sort(key=lambda c: (c.untouched_since, c.company.casefold()))
    return columns


def neighbour_stage(stage: Stage, step: int) -> Stage | None:
    """The board stage ``step`` columns away, or None past either end."""
    order = Stage.board()
    if stage not in order:
        return None
    index = order.index(stage) + step
    return order[index] if 0 <= index < len(order) else None


def move_to_stage(prospect: Prospect, stage: Stage) -> Prospect:
    return revise(prospect, stage=stage, stage_changed_at=utc_now())
