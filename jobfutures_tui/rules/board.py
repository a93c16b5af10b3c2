"""What the board shows: one card per open job future, per stage, most urgent first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jobfutures_tui.models import Company, Person, PersonRole, Prospect, Stage, dates, revise
from jobfutures_tui.models.dates import now as utc_now
from jobfutures_tui.rules.cadence import Suggestion, suggest_next
from jobfutures_tui.rules.decisions import open_suggestions
from jobfutures_tui.store import Repository, TouchSummary

WEEK = 7


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
    next: Suggestion | None = None
    """The next touch the cadence engine suggests (None: nothing to suggest)."""


def card_for(
    repo: Repository,
    prospect: Prospect,
    *,
    today: date | None = None,
    with_next: bool = True,
) -> Card:
    """The card of a job future (its records validated); ``with_next=False``
    leaves out the next touch (a filter needs only the text)."""
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
        next=_next(repo, prospect, people, today) if with_next else None,
    )


def _next(
    repo: Repository, prospect: Prospect, people: list[Person], today: date | None
) -> Suggestion | None:
    return suggest_next(
        prospect,
        people,
        repo.cadence_summary(prospect.id),
        today=today or dates.today(),
        snoozed_until=prospect.snoozed_until,
    )


def board_order(
    repo: Repository, query: str = "", *, today: date | None = None
) -> dict[Stage, list[str]]:
    """Open job futures by stage, most urgent first, as prospect ids.

    Urgency is the cadence engine's (most overdue, offers and openings
    first); ties go to the one longest without a touch, then by company.
    Job futures with nothing to suggest come last. The order comes from
    stored facts and kept decisions (:mod:`~jobfutures_tui.rules.decisions`),
    so thousands of cards need no validation; a card is built with
    :func:`card_for` only when it is drawn. A filter needs every card's text.
    """
    wanted = query.strip().casefold()
    today = today or dates.today()
    keyed: dict[Stage, list[tuple[int, float, int, str, str]]] = {s: [] for s in Stage.board()}
    companies = repo.stored_rows(Company)
    for future in open_suggestions(repo):
        prospect_id = future.prospect_id
        if wanted:
            prospect = repo.prospect(prospect_id)
            if prospect is None:
                continue
            if wanted not in card_for(repo, prospect, with_next=False).search_text:
                continue
        company = companies.get(future.company_id)
        name = str(company.get("name") or "").casefold() if company is not None else ""
        touched = future.last_day.toordinal() if future.last_day is not None else 0
        urgency = future.urgency(today)
        if urgency is None:
            keyed[future.stage].append((1, 0.0, touched, name, prospect_id))
        else:
            keyed[future.stage].append((0, -urgency, touched, name, prospect_id))
    return {stage: [pid for *_, pid in sorted(rows)] for stage, rows in keyed.items()}


class Due(StrEnum):
    """How soon a card's next touch is, for its colour."""

    OVERDUE = "overdue"
    SOON = "soon"
    """Today or within the week."""
    LATER = "later"
    NONE = "none"
    """Nothing to suggest."""


def due_phrase(suggestion: Suggestion | None, today: date) -> tuple[str, Due]:
    """'2d overdue', 'due today', 'due tomorrow', 'due Thu', 'in 3w', for a card."""
    if suggestion is None:
        return "nothing planned", Due.NONE
    days = suggestion.due.toordinal() - today.toordinal()
    if days < 0:
        return f"{span(-days)} overdue", Due.OVERDUE
    if days == 0:
        return "due today", Due.SOON
    if days == 1:
        return "due tomorrow", Due.SOON
    if days < WEEK:
        return f"due {_WEEKDAYS[suggestion.due.weekday()]}", Due.SOON
    return f"in {span(days)}", Due.LATER


def span(days: int) -> str:
    """'3d', '2w', '5mo', '2y': a number of days, short enough for a card."""
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def neighbour_stage(stage: Stage, step: int) -> Stage | None:
    """The board stage ``step`` columns away, or None past either end."""
    order = Stage.board()
    if stage not in order:
        return None
    index = order.index(stage) + step
    return order[index] if 0 <= index < len(order) else None


def move_to_stage(prospect: Prospect, stage: Stage) -> Prospect:
    return revise(prospect, stage=stage, stage_changed_at=utc_now())
