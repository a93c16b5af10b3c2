"""Find job futures by any words the user remembers: company, people, role, notes, tags.

Built from the stored fields directly (no validation of thousands of
records), once per change of the data, so filtering as you type costs a
substring test per job future.
"""

from __future__ import annotations

from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.store import Repository


class SearchIndex:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._revision = -1
        self._texts: dict[str, str] = {}

    def matches(self, query: str) -> set[str] | None:
        """Ids of the job futures (open or archived) matching every word; None: no filter."""
        words = query.casefold().split()
        if not words:
            return None
        texts = self._current()
        return {pid for pid, text in texts.items() if all(word in text for word in words)}

    def _current(self) -> dict[str, str]:
        if self._revision != self.repo.revision:
            self._revision = self.repo.revision
            self._texts = self._build()
        return self._texts

    def _build(self) -> dict[str, str]:
        companies = self.repo.stored_rows(Company)
        people = self.repo.stored_rows(Person)
        texts: dict[str, str] = {}
        for prospect_id, row in list(self.repo.stored_rows(Prospect).items()):
            company = companies.get(row.get("company_id") or "") or {}
            parts = [
                company.get("name"),
                row.get("role"),
                row.get("notes"),
                *(row.get("tags") or ()),
            ]
            for person_id in row.get("person_ids") or ():
                person = people.get(person_id) or {}
                parts += [person.get("name"), person.get("title")]
            texts[prospect_id] = " ".join(str(part) for part in parts if part).casefold()
        return texts
