"""Undo and redo of the user's last changes, whatever their kind.

A change remembers each record it touched as it was before and after, so
undoing puts the very same stored records back (same ids, same timestamps)
and redoing replays them. It is kept in memory for the session only: undo
is for the slip of a key, while the backups guard against the rest.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jobfutures_tui.store.repository import Repository

if TYPE_CHECKING:
    from jobfutures_tui.models import Record

UNDO_LIMIT = 50


@dataclass(frozen=True, slots=True)
class _Slot:
    kind: type[Record]
    record_id: str
    before: Record | None
    after: Record | None


@dataclass(frozen=True, slots=True)
class Change:
    """One user action ("Moved Acme to offer"), as it can be undone."""

    label: str
    slots: tuple[_Slot, ...]


class UndoHistory:
    """Applies changes to a repository and keeps the last ``limit`` for undo."""

    def __init__(self, repo: Repository, limit: int = UNDO_LIMIT) -> None:
        self.repo = repo
        self._done: deque[Change] = deque(maxlen=limit)
        self._undone: list[Change] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    def apply(
        self, label: str, *, save: Sequence[Record] = (), delete: Sequence[Record] = ()
    ) -> Change:
        """Save and delete records as one undoable change.

        Nothing is remembered when the store refuses the change.
        """
        slots = [self._slot(record, record) for record in save]
        slots += [self._slot(record, None) for record in delete]
        self.repo.apply(save=save, delete=delete)
        change = Change(label, tuple(slots))
        self._done.append(change)
        self._undone.clear()
        return change

    def undo(self) -> Change | None:
        """Put back the records of the newest change; None when there is none."""
        if not self._done:
            return None
        change = self._done[-1]
        self._put(change, before=True)
        self._undone.append(self._done.pop())
        return change

    def redo(self) -> Change | None:
        if not self._undone:
            return None
        change = self._undone[-1]
        self._put(change, before=False)
        self._done.append(self._undone.pop())
        return change

    def _slot(self, record: Record, after: Record | None) -> _Slot:
        kind = type(record)
        return _Slot(kind, record.id, self.repo.stored(kind, record.id), after)

    def _put(self, change: Change, *, before: bool) -> None:
        save: list[Record] = []
        delete: list[Record] = []
        # A record touched twice in one change: its first "before" is the real one.
        slots = reversed(change.slots) if before else change.slots
        for slot in slots:
            wanted = slot.before if before else slot.after
            if wanted is not None:
                save = [r for r in save if r.id != slot.record_id] + [wanted]
                delete = [r for r in delete if r.id != slot.record_id]
            else:
                current = self.repo.stored(slot.kind, slot.record_id)
                save = [r for r in save if r.id != slot.record_id]
                if current is not None:
                    delete.append(current)
        self.repo.apply(save=save, delete=delete)
