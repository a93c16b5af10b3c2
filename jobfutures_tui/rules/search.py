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
            self._texts = {pid: self._text(pid) for pid in self.repo.prospect_ids()}
        return self._texts

    def _text(self, prospect_id: str) -> str:
        peek = self.repo.peek
        parts = [
            peek(Company, peek(Prospect, prospect_id, "company_id"), "name"),
            peek(Prospect, prospect_id, "role"),
            peek(Prospect, prospect_id, "notes"),
            *(peek(Prospect, prospect_id, "tags") or ()),
        ]
        for person_id in peek(Prospect, prospect_id, "person_ids") or ():
            parts += [peek(Person, person_id, "name"), peek(Person, person_id, "title")]
        return " ".join(str(part) for part in parts if part).casefold()
