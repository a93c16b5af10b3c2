"""What the board shows: one card per open job future, per stage, most urgent first."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from jobfutures_tui import models
from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.facts import FutureLike, stored_line
from jobfutures_tui.engine.person_choice import only_recruiters
from jobfutures_tui.engine.relative import span
from jobfutures_tui.models import PersonRole, Stage, dates
from jobfutures_tui.models.dates import now as utc_now
from jobfutures_tui.store import Repository, TouchSummary
from jobfutures_tui.usecases.decisions import Open, next_suggestion, open_one, open_suggestions
from jobfutures_tui.usecases.due import WEEK, When, when
from jobfutures_tui.usecases.facts import Facts

if TYPE_CHECKING:
    from jobfutures_tui.models import Prospect


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
    next: Suggestion | None = None
    """The next touch the cadence engine suggests (None: nothing to suggest)."""


def card_for(
    repo: Repository, prospect_id: str, facts: Facts, *, today: date | None = None
) -> tuple[Card, FutureLike] | None:
    """The card of a job future and what it was made from (None: no such job future).

    Its records are read as stored, the way their models would keep them (a row the
    model would read otherwise is validated): the board's first frame validates
    nothing, and so needs no pydantic (docs/architecture.md). ``facts`` are read as
    the data is now (a new :class:`Facts` after a change)."""
    row = repo.stored_rows("prospects").get(prospect_id)
    future = None if row is None else facts.future(prospect_id, row)
    if row is None or future is None:
        return None
    people = facts.people(future)
    main = people[0] if people else None
    try:
        role = stored_line(row.get("role", ""))
    except ValueError:
        prospect = repo.prospect(prospect_id)  # reads it or refuses the data
        role = prospect.role if prospect is not None else ""
    card = Card(
        prospect_id=prospect_id,
        stage=future.stage,
        company=facts.company_name(future.company_id) or "(missing company)",
        person=main.name if main else "",
        person_role=main.role if main else None,
        recruiter_only=only_recruiters(people),
        role=role,
        last_touch=repo.last_touch(prospect_id),
        next=next_suggestion(repo, prospect_id, today=today or dates.today()),
    )
    return card, future


OrderKey = tuple[int, float, int, str, str]
"""(nothing to suggest, minus the urgency, the day of the last touch, company, id):
most urgent first; ties to the one longest without a touch; nothing to suggest last."""


def order_key(future: Open, today: date, names: Mapping[str, Any]) -> OrderKey:
    """A job future's place in its column (sorted ascending); ``names``: every
    company's stored name (Repository.stored_column)."""
    name = str(names.get(future.company_id) or "").casefold()
    touched = future.last_day.toordinal() if future.last_day is not None else 0
    found = future.due_and_urgency(today)
    if found is None:
        return (1, 0.0, touched, name, future.prospect_id)
    return (0, -found[1], touched, name, future.prospect_id)


class BoardOrder:
    """The board's order, kept up to date from the changes since it was worked out.

    Each column is most urgent first, by the cadence engine's urgency (most
    overdue, offers and openings first), from stored facts and kept decisions
    (:mod:`~jobfutures_tui.usecases.decisions`), so thousands of cards need no
    validation; a card is built with :func:`card_for` only when it is drawn.
    Working it out costs ~40 ms at 5,000 job futures; after a move or a logged
    touch only the job futures that changed are placed again. A new day, a
    renamed company or a changed person orders everything again.
    """

    REBUILD_AFTER = 64
    """More changed records than this, and the whole order is worked out again."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._revision = -1
        self._today: date | None = None
        self._keys: dict[str, OrderKey] = {}
        self._stages: dict[str, Stage] = {}
        self._columns: dict[Stage, list[OrderKey]] = {}

    def columns(self, today: date | None = None) -> dict[Stage, list[str]]:
        today = today or dates.today()
        fresh = self._revision < 0 or today != self._today
        changed = None if fresh else self.repo.changed_since(self._revision)
        self._revision, self._today = self.repo.revision, today
        if changed is None or len(changed) > self.REBUILD_AFTER or self._widely(changed):
            self._rebuild(today)
        else:
            for record_id in changed:
                self._place(record_id, today)
        return {stage: [key[-1] for key in keys] for stage, keys in self._columns.items()}

    def _widely(self, changed: set[str]) -> bool:
        """A company (its name orders cards) or a person (their job futures' next
        touch) changed: simpler to order everything again."""
        companies = self.repo.stored_rows("companies")
        people = self.repo.stored_rows("people")
        return any(record_id in companies or record_id in people for record_id in changed)

    def _rebuild(self, today: date) -> None:
        self._keys.clear()
        self._stages.clear()
        self._columns = {stage: [] for stage in Stage.board()}
        names = self.repo.stored_column("companies", "name")
        for future in open_suggestions(self.repo):
            key = order_key(future, today, names)
            self._keys[future.prospect_id], self._stages[future.prospect_id] = key, future.stage
            self._columns[future.stage].append(key)
        for keys in self._columns.values():
            keys.sort()

    def _place(self, record_id: str, today: date) -> None:
        """Take a job future out of its place and put it where it belongs now."""
        old = self._keys.pop(record_id, None)
        if old is not None:
            self._columns[self._stages.pop(record_id)].remove(old)
        if self.repo.peek("prospects", record_id, "stage") in (None, Stage.ARCHIVE.value):
            return  # not a job future, deleted, or archived
        future = open_one(self.repo, record_id)
        if future is None:
            return
        key = order_key(future, today, self.repo.stored_column("companies", "name"))
        self._keys[record_id], self._stages[record_id] = key, future.stage
        bisect.insort(self._columns[future.stage], key)


class Due(StrEnum):
    """How soon a card's next touch is, for its colour."""

    OVERDUE = "overdue"
    SOON = "soon"
    """Today or this week (the next seven days)."""
    LATER = "later"
    NONE = "none"
    """Nothing to suggest."""


DUE_PART = {
    Due.OVERDUE: "overdue",
    Due.SOON: "due-soon",
    Due.LATER: "due-later",
    Due.NONE: "muted",
}
"""The part of a screen's style each level is drawn with (card--overdue, detail--overdue…)."""


def due_phrase(suggestion: Suggestion | None, today: date) -> tuple[str, Due]:
    """'2d overdue', 'due today', 'due tomorrow', 'due Thu', 'in 3w', for a card."""
    if suggestion is None:
        return "nothing planned", Due.NONE
    days = suggestion.due.toordinal() - today.toordinal()
    soon = when(suggestion.due, today)
    if soon is When.OVERDUE:
        return f"{span(-days)} overdue", Due.OVERDUE
    if days == 0:
        return "due today", Due.SOON
    if days == 1:
        return "due tomorrow", Due.SOON
    if days < WEEK:
        return f"due {_WEEKDAYS[suggestion.due.weekday()]}", Due.SOON
    return f"in {span(days)}", Due.SOON if soon is When.THIS_WEEK else Due.LATER


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def neighbour_stage(stage: Stage, step: int) -> Stage | None:
    """The board stage ``step`` columns away, or None past either end."""
    order = Stage.board()
    if stage not in order:
        return None
    index = order.index(stage) + step
    return order[index] if 0 <= index < len(order) else None


def move_to_stage(prospect: Prospect, stage: Stage, **changes: Any) -> Prospect:
    """The job future in ``stage`` (its plan restarts there: docs/advice.md), with
    other ``changes`` made in the same change (a self-assessment after a no)."""
    return models.revise(prospect, stage=stage, stage_changed_at=utc_now(), **changes)


def archive_order(repo: Repository) -> list[str]:
    """Archived job futures, most recently closed first, as prospect ids."""
    rows = []
    for prospect_id in repo.prospect_ids(archived=True):
        closed = str(repo.peek("prospects", prospect_id, "stage_changed_at") or "")
        company_id = repo.peek("prospects", prospect_id, "company_id")
        name = str(repo.peek("companies", company_id, "name") or "").casefold()
        rows.append((closed, name, prospect_id))
    rows.sort(key=lambda row: row[1])
    rows.sort(key=lambda row: row[0], reverse=True)  # stable: by name within a moment
    return [prospect_id for *_, prospect_id in rows]
