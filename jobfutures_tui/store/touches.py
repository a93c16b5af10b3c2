"""Every logged touch, one file per month, parsed only when something needs it.

Touches are most of a lifetime of data. Opening reads only the derived index
of each job future's newest touch (:mod:`touch_index`); the months are parsed
the first time a touch is read or changed, or by :meth:`TouchHistory.verify`,
which the app runs in the background after the first frame. Each touch is
validated the first time it is read. A lock makes the background load and
the UI's changes take turns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tinydb.table import Document

from jobfutures_tui.models import Touch
from jobfutures_tui.models.dates import to_utc
from jobfutures_tui.store import layout
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.storage import as_document
from jobfutures_tui.store.touch_index import TouchSummary, index_bytes, read_index

TOUCHES_TABLE = "touches"

Inserts = dict[tuple[str, str], dict[str, Document]]


@dataclass(slots=True)
class _Ref:
    partition: str
    at: datetime
    prospect_id: str


class TouchHistory:
    def __init__(self, files: DataFiles) -> None:
        self.files = files
        self.changed = False
        """True once the stored touches differ from the index on disk."""
        self._lock = threading.RLock()
        self._partitions: list[str] = []
        self._index: dict[str, TouchSummary] | None = None
        self._loaded = False
        self._verified = False
        self._refs: dict[str, _Ref] = {}
        self._by_prospect: dict[str, set[str]] = {}
        self._latest: dict[str, str] = {}
        self._models: dict[str, Touch] = {}

    # ------------------------------------------------------------ loading

    def open(self, partitions: list[str], *, trust_index: bool) -> None:
        self._partitions = partitions
        if trust_index:
            self._index = read_index(self.files.folder, partitions)
            if self._index is not None:
                return
        self._load_all()
        self.changed = True  # the index was missing or stale: write a fresh one at close

    @property
    def loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(self) -> None:
        if not self._loaded:
            with self._lock:
                if not self._loaded:
                    self._load_all()

    def _load_all(self) -> None:
        healed: set[str] = set()
        for name in self._partitions:
            rows = self.files.attach(name, self.files.parse(name), TOUCHES_TABLE)
            for doc_id, row in list(rows.items()):
                at, prospect_id = self._peek(name, doc_id, row)
                earlier = self._refs.get(doc_id)
                if earlier is not None:
                    stale = self._stale_copy(doc_id, earlier.partition, name)
                    self.files.rows(stale, TOUCHES_TABLE).pop(doc_id)
                    healed.add(stale)
                    if stale == name:
                        continue
                    self._by_prospect[earlier.prospect_id].discard(doc_id)
                self._refs[doc_id] = _Ref(name, at, prospect_id)
                self._by_prospect.setdefault(prospect_id, set()).add(doc_id)
        self._latest = {
            pid: max(ids, key=lambda i: self._refs[i].at) for pid, ids in self._by_prospect.items()
        }
        self._loaded = True
        if healed and self.files.writer is not None:
            for name in sorted(healed):
                self.files.rewrite(name)

    def _peek(self, name: str, doc_id: str, row: dict[str, Any]) -> tuple[datetime, str]:
        """The date and prospect of a stored touch, enough to index it unvalidated."""
        try:
            at = datetime.fromisoformat(row["at"])
            if at.tzinfo is None:
                at = to_utc(at)  # no offset (edited by hand): local time, as the model reads it
            prospect_id = row["prospect_id"]
            if not isinstance(prospect_id, str):
                raise TypeError(prospect_id)
        except (KeyError, TypeError, ValueError):
            raise self.files.refuse(name, f"touch {doc_id} has no valid date or prospect") from None
        return at, prospect_id

    def _stale_copy(self, doc_id: str, first: str, second: str) -> str:
        """A touch found in two months, from a crash while its date moved: keep the newer edit."""
        copies = [self.files.rows(name, TOUCHES_TABLE)[doc_id] for name in (first, second)]
        edited: list[datetime | None]
        try:
            edited = [datetime.fromisoformat(copy["updated_at"]) for copy in copies]
        except (KeyError, TypeError, ValueError):
            edited = [None, None]
        if edited[0] is not None and edited[1] is not None and edited[0] != edited[1]:
            return first if edited[0] < edited[1] else second
        homes = [layout.touches_file(datetime.fromisoformat(copy["at"])) for copy in copies]
        if homes[0] == first and homes[1] != second:
            return second
        if homes[1] == second and homes[0] != first:
            return first
        raise self.files.refuse(second, f"touch {doc_id} is stored twice")

    def verify(self, should_stop: Callable[[], bool] | None = None) -> bool:
        """Validate every touch; False if stopped before the end."""
        self.ensure_loaded()
        if self._verified:
            return True
        for touch_id in list(self._refs):
            if should_stop is not None and should_stop():
                return False
            self.get(touch_id)
        self._verified = True
        return True

    # ------------------------------------------------------------ reading

    def last(self, prospect_id: str) -> TouchSummary | None:
        if not self._loaded:
            return self._index.get(prospect_id) if self._index is not None else None
        touch_id = self._latest.get(prospect_id)
        touch = self.get(touch_id) if touch_id is not None else None
        if touch is None:
            return None
        return TouchSummary(touch.id, touch.at, touch.channel, touch.direction)

    def get(self, touch_id: str) -> Touch | None:
        """The validated touch, or None if there is no such touch."""
        model = self._models.get(touch_id)
        if model is None:
            self.ensure_loaded()
            ref = self._refs.get(touch_id)
            raw = self.files.rows(ref.partition, TOUCHES_TABLE).get(touch_id) if ref else None
            if ref is None or raw is None:
                return None
            model = self.files.validate(Touch, ref.partition, touch_id, raw)
            self._models[touch_id] = model
        return model

    def for_prospect(self, prospect_id: str) -> list[Touch]:
        """Newest first."""
        self.ensure_loaded()
        touches = [self.get(i) for i in list(self._by_prospect.get(prospect_id, ()))]
        return sorted((t for t in touches if t is not None), key=lambda t: t.at, reverse=True)

    def count(self, prospect_id: str | None = None) -> int:
        self.ensure_loaded()
        if prospect_id is None:
            return len(self._refs)
        return len(self._by_prospect.get(prospect_id, ()))

    # ------------------------------------------------------------ changing

    def save(self, touch: Touch, inserts: Inserts) -> None:
        """Stage ``touch``; new ones join ``inserts``, which the caller inserts per file."""
        with self._lock:
            self.ensure_loaded()
            partition = layout.touches_file(touch.at)
            # Touch the new month first, so a move is written to it before the
            # old month loses the touch: a crash in between leaves two copies
            # (healed at the next load), never none.
            self.files.table(partition, TOUCHES_TABLE)
            ref = self._refs.get(touch.id)
            if ref is not None and ref.partition != partition:
                self.delete(touch.id)
                ref = None
            elif ref is not None and ref.prospect_id != touch.prospect_id:
                self._by_prospect[ref.prospect_id].discard(touch.id)
                self._refresh_latest(ref.prospect_id)
            document = as_document(touch.id, touch.model_dump(mode="json"))
            pending = inserts.setdefault((partition, TOUCHES_TABLE), {})
            if ref is None or touch.id in pending:
                pending[touch.id] = document
            else:
                self.files.table(partition, TOUCHES_TABLE).update(document, doc_ids=[touch.id])
            self._refs[touch.id] = _Ref(partition, touch.at, touch.prospect_id)
            self._models[touch.id] = touch
            self._by_prospect.setdefault(touch.prospect_id, set()).add(touch.id)
            self._refresh_latest(touch.prospect_id)
            self.changed = True

    def delete(self, touch_id: str) -> None:
        with self._lock:
            self.ensure_loaded()
            ref = self._refs.pop(touch_id, None)
            if ref is None:
                return
            self._models.pop(touch_id, None)
            self.files.table(ref.partition, TOUCHES_TABLE).remove(doc_ids=[touch_id])
            self._by_prospect[ref.prospect_id].discard(touch_id)
            self._refresh_latest(ref.prospect_id)
            self.changed = True

    def _refresh_latest(self, prospect_id: str) -> None:
        ids = self._by_prospect.get(prospect_id)
        if ids:
            self._latest[prospect_id] = max(ids, key=lambda i: self._refs[i].at)
        else:
            self._latest.pop(prospect_id, None)
            self._by_prospect.pop(prospect_id, None)

    def index(self) -> bytes:
        """The index of newest touches; call once every month file is on disk."""
        with self._lock:
            latest = {pid: summary for pid in self._latest if (summary := self.last(pid))}
            partitions = layout.touch_partitions(self.files.folder)
            return index_bytes(self.files.folder, partitions, latest)
