"""Find job futures by any words the user remembers: company, people, role, notes, tags.

Built from the stored fields directly (no validation of thousands of
records), so filtering as you type costs a substring test per job future.
After a change only the texts it touched are built again
(``Repository.changed_since``): a move must not cost the next filter key a
rebuild of thousands of texts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jobfutures_tui.store import Repository

Row = Mapping[str, Any]


class SearchIndex:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._revision: int | None = None
        self._texts: dict[str, str] = {}

    def matches(self, query: str) -> set[str] | None:
        """Ids of the job futures (open or archived) matching every word; None: no filter."""
        words = query.casefold().split()
        if not words:
            return None
        texts = self._current()
        return {pid for pid, text in texts.items() if all(word in text for word in words)}

    def _current(self) -> dict[str, str]:
        revision = self.repo.revision
        if self._revision != revision:
            changed = None if self._revision is None else self.repo.changed_since(self._revision)
            prospects = self.repo.stored_rows("prospects")
            text = self._texter()
            if changed is None:
                self._texts = {pid: text(row) for pid, row in self.repo.walk("prospects")}
            else:
                for prospect_id in self._affected(changed):
                    row = prospects.get(prospect_id)
                    if row is None:
                        self._texts.pop(prospect_id, None)
                    else:
                        self._texts[prospect_id] = text(row)
            self._revision = revision
        return self._texts

    def _affected(self, changed: set[str]) -> set[str]:
        """The job futures changed, and those showing a changed company or person."""
        affected = set(changed)
        companies = self.repo.stored_rows("companies")
        people = self.repo.stored_rows("people")
        if any(i in companies or i in people or i not in self._texts for i in changed):
            # A company or person shows in other texts (an id found nowhere may be a
            # deleted one): find those texts. A stage move or an edit never scans.
            for prospect_id, row in self.repo.walk("prospects"):
                shown = {row.get("company_id"), *(row.get("person_ids") or ())}
                if not changed.isdisjoint(shown):
                    affected.add(prospect_id)
        return affected

    def _texter(self) -> Callable[[Row], str]:
        """Everything a job future can be found by, casefolded, from its stored row and
        the names and titles it shows (read as columns: the rows of thousands of people
        are not parsed for three fields)."""
        companies = self.repo.stored_column("companies", "name")
        names = self.repo.stored_column("people", "name")
        titles = self.repo.stored_column("people", "title")

        def text(row: Row) -> str:
            parts = [companies.get(row.get("company_id") or ""), row.get("role"), row.get("notes")]
            parts += row.get("tags") or ()
            for person_id in row.get("person_ids") or ():
                parts += [names.get(person_id), titles.get(person_id)]
            return " ".join(str(part) for part in parts if part).casefold()

        return text
