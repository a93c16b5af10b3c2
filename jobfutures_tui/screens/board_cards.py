"""The board's cards: each built when a column first draws it (its records read
then, so thousands of job futures cost only what the screen shows), and kept
until a change touches one of the records it shows."""

from __future__ import annotations

from collections.abc import Callable

from jobfutures_tui.models import Stage
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases.board import Card, card_for
from jobfutures_tui.usecases.facts import Facts


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
        self._facts = (repo.revision, Facts(repo))
        """The records as stored, read once for every card built until the next change."""

    def card(self, prospect_id: str) -> Card:
        """The card of a job future, built (and its records read) on first use."""
        card = self._cards.get(prospect_id)
        if card is None:
            try:
                made = card_for(self.repo, prospect_id, self._facts_now())
                if made is None:
                    card = _gone(prospect_id)
                else:
                    card, future = made
                    self._records[prospect_id] = {future.company_id, *future.person_ids}
            except DataRefused as error:
                self._refuse(error)
                card = _gone(prospect_id)
            self._cards[prospect_id] = card
        return card

    def _facts_now(self) -> Facts:
        revision, facts = self._facts
        if revision != self.repo.revision:
            self._facts = (self.repo.revision, facts := Facts(self.repo))
        return facts

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
