"""The board's cards: each built when a column first draws it (its records are
validated then, so thousands of job futures cost only what the screen shows),
and kept until a change touches one of the records it shows."""

from __future__ import annotations

from collections.abc import Callable

from jobfutures_tui.models import Stage
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases.board import Card, card_for


class BoardCards:
    def __init__(self, repo: Repository, refuse: Callable[[DataRefused], None]) -> None:
        self.repo = repo
        self._refuse = refuse
        """Damaged data found while building a card: the app stops before writing."""
        self._cards: dict[str, Card] = {}
        """Cards built so far: only those drawn or asked for."""
        self._records: dict[str, set[str]] = {}
        """The records each built card shows, to know which cards a change affects."""
        self._revision = repo.revision
        self._all_stale = False

    def card(self, prospect_id: str) -> Card:
        """The card of a job future, built (and its records validated) on first use."""
        card = self._cards.get(prospect_id)
        if card is None:
            try:
                prospect = self.repo.prospect(prospect_id)
                card = card_for(self.repo, prospect) if prospect else _gone(prospect_id)
                if prospect is not None:
                    self._records[prospect_id] = {prospect.company_id, *prospect.person_ids}
            except DataRefused as error:
                self._refuse(error)
                card = _gone(prospect_id)
            self._cards[prospect_id] = card
        return card

    def forget_changed(self) -> set[str] | None:
        """Drop the cards a change affected; their ids, or None when all were dropped."""
        changed = None if self._all_stale else self.repo.changed_since(self._revision)
        self._revision, self._all_stale = self.repo.revision, False
        if changed is None:
            self._cards.clear()
            self._records.clear()
            return None
        dropped = {
            prospect_id
            for prospect_id in self._cards
            if prospect_id in changed or not changed.isdisjoint(self._records.get(prospect_id, ()))
        }
        for prospect_id in dropped:
            del self._cards[prospect_id]
        return dropped

    def forget_all(self) -> None:
        """Build every card again at the next reload (new workdays move due dates)."""
        self._all_stale = True


def _gone(prospect_id: str) -> Card:
    """A stand-in while the app stops over damaged data."""
    return Card(prospect_id, Stage.INTERVIEWED, "(unreadable)", "", None, False, "", None)
