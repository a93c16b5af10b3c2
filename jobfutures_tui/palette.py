"""Command palette entries built from the user's own data: jump to any job future
(by company, person or role) or person by a fuzzy name.

Labels come from stored fields (as the board's order does), so the palette
opens at once with thousands of records; what is opened is validated then.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider

from jobfutures_tui.models import Company, Person, Prospect, Stage

if TYPE_CHECKING:
    from jobfutures_tui.app import JobFuturesApp

Target = tuple[str, str, str, str]
"""(kind, id, label, help)."""


class JumpCommands(Provider):
    """Jump to a job future on the board (found by its company, person or role),
    or to a person's story."""

    async def search(self, query: str) -> Hits:
        app = cast("JobFuturesApp", self.app)
        matcher = self.matcher(query)
        for kind, target_id, label, help_text in self._targets(app):
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(app.jump, kind, target_id),
                    help=help_text,
                )

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
