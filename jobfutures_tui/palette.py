"""Command palette entries built from the user's own data: jump to any job future
(by company, person or role, with when its next touch is due) or person by a
fuzzy name.

Labels come from stored fields (as the board's order does), so the palette
opens at once with thousands of records; what is opened is validated then.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.models import Company, Person, Prospect, Stage
from jobfutures_tui.models.dates import today
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases.board import DUE_PART, due_phrase
from jobfutures_tui.usecases.decisions import open_suggestions

if TYPE_CHECKING:
    from jobfutures_tui.app import JobFuturesApp

Target = tuple[str, str, str, str]
"""(kind, id, label, help)."""


class JumpCommands(Provider):
    """Jump to a job future on the board (found by its company, person or role,
    and showing when its next touch is due), or to a person's story."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._next: dict[str, Suggestion] = {}
        self._today = today()

    async def startup(self) -> None:
        """Every job future's next touch, worked out off the UI thread as the palette opens."""
        app = cast("JobFuturesApp", self.app)
        try:
            self._next = await asyncio.to_thread(next_touches, app.repo, self._today)
        except DataRefused:
            self._next = {}  # the damage is reported when the job future is opened

    async def search(self, query: str) -> Hits:
        app = cast("JobFuturesApp", self.app)
        matcher = self.matcher(query)
        for kind, target_id, label, help_text in self._targets(app):
            score = matcher.match(label)
            if score > 0:
                display = _highlight(matcher, label)
                suggestion = self._next.get(target_id) if kind == "prospect" else None
                if suggestion is not None:
                    display, help_text = self._with_next(display, help_text, suggestion)
                yield Hit(
                    score,
                    display,
                    partial(app.jump, kind, target_id),
                    text=label,
                    help=help_text,
                )

    def _with_next(
        self, display: Content, help_text: str, suggestion: Suggestion
    ) -> tuple[Content, str]:
        """The due phrase after the name, coloured as on the cards; how and why below.
        Help text is markup: what comes from the data is escaped."""
        phrase, level = due_phrase(suggestion, self._today)
        display = Content.assemble(display, "  ", (phrase, _DUE_STYLE[DUE_PART[level]]))
        how = f"next: {suggestion.how} — {suggestion.reason}"
        return display, f"{help_text} · {escape(how)}"

    def _targets(self, app: JobFuturesApp) -> Iterator[Target]:
        repo = app.repo
        peek = repo.peek
        for prospect_id in repo.prospect_ids():
            company_id = peek(Prospect, prospect_id, "company_id")
            people = peek(Prospect, prospect_id, "person_ids") or ()
            person = peek(Person, people[0], "name") if people else ""
            parts = (peek(Company, company_id, "name"), person, peek(Prospect, prospect_id, "role"))
            stage = _stage_label(peek(Prospect, prospect_id, "stage"))
            label = " · ".join(str(part) for part in parts if part)
            yield "prospect", prospect_id, label, f"Job future ({stage}): show it on the board"
        for person_id in repo.person_ids():
            company = peek(Company, peek(Person, person_id, "company_id"), "name")
            name = str(peek(Person, person_id, "name") or "")
            label = f"{name} ({company})" if company else name
            yield "person", person_id, label, "Person: open their story"


def _stage_label(stored: object) -> str:
    """Stored, unvalidated: a damaged stage is refused when the job future opens."""
    try:
        return Stage(str(stored)).label
    except ValueError:
        return "unreadable stage"


def _highlight(matcher: Matcher, label: str) -> Content:
    """``matcher.highlight``, but the label is text, never markup: it holds names."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets if score else ():
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


_DUE_STYLE = {
    "overdue": "$text-error bold",
    "due-soon": "$text-warning",
    "due-later": "$text-muted",
    "muted": "$text-muted",
}
"""As the board's cards colour them (board.tcss): the palette has no style parts of ours."""


def next_touches(repo: Repository, day: date) -> dict[str, Suggestion]:
    """Each open job future's next touch for ``day``, from the kept decisions."""
    found: dict[str, Suggestion] = {}
    for future in open_suggestions(repo):
        suggestion = future.suggestion(day)
        if suggestion is not None:
            found[future.prospect_id] = suggestion
    return found
