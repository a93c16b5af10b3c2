"""Every logged touch, one file per month, parsed only when something needs it.

Touches are most of a lifetime of data. Opening reads only the derived index
of what each job future's touches add up to (:mod:`touch_index`); the months
are parsed the first time a touch is read or changed, or by
:meth:`TouchHistory.verify`, which the app runs in the background after the
first frame. Each touch is validated the first time it is read. A lock makes
the background load and the UI's changes take turns.

Of a touch, only where it is stored and whose it is are kept: its facts
(:class:`~jobfutures_tui.engine.history.TouchFacts`) are read from its month
when asked for, then let go (docs/storage.md, "Reading").

The summaries (:class:`~jobfutures_tui.engine.history.CadenceSummary`) are kept
right as touches change: a save or a delete marks its job futures, and the
marked job futures' summaries are replayed together from their touches' facts
(from the model of a touch read or saved, else from the stored rows, one month
at a time) the next time one is asked for, so a bulk import replays each job
future once and reads each month once.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Collection, Sequence
from sys import intern
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.table import Document

from jobfutures_tui.engine.history import CadenceSummary, TouchFacts
from jobfutures_tui.models.dates import to_utc
from jobfutures_tui.store import layout
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.errors import DataRefused
from jobfutures_tui.store.kept_rows import KeptRows
from jobfutures_tui.store.storage import as_document
from jobfutures_tui.store.stored_summaries import Chunks, Summaries, text_of
from jobfutures_tui.store.touch_index import (
    Kept,
    KeptPlaces,
    StoredSummaries,
    TouchSummary,
    index_bytes,
    read_index,
)
from jobfutures_tui.store.touch_passes import TOUCHES_TABLE, FactPasses, Ref
from jobfutures_tui.store.touch_rows import facts_as_written, stale_copy

if TYPE_CHECKING:
    from jobfutures_tui.models import Touch

Inserts = dict[tuple[str, str], dict[str, Document]]


class TouchHistory(FactPasses):
    def __init__(self, files: DataFiles) -> None:
        self.files = files
        self.changed = False
        """True once the stored touches differ from the index on disk."""
        self._lock = threading.RLock()
        self._partitions: list[str] = []
        self._loaded = False
        """Every stored month is parsed."""
        self._stored: set[str] = set()
        """The month files there were at open."""
        self._months: set[str] = set()
        """The months parsed so far."""
        self._verified = False
        self._verified_months: set[str] = set()
        self._refs: dict[str, Ref] = {}
        self._by_prospect: dict[str, list[str]] = {}
        """Job future id → its touches' ids (lists: a third of the memory of sets)."""
        self._models: dict[str, Touch] = {}
        self._summaries = Summaries()
        """Per prospect with touches: its summary, or its row in the index (JSON
        text, see touch_index) until first read."""
        self._dirty: set[str] = set()
        """Prospects whose touches changed since their summary was made."""
        self._touched: set[str] = set()
        """Prospects whose touches changed since opening."""
        self.derived: dict[str, Any] | None = None
        """What the rules kept in the index (see touch_index), if still trustworthy."""
        self.validated: frozenset[str] = frozenset()
        """Collection files the index says were validated whole, unchanged since."""

    # ------------------------------------------------------------ loading

    def open(
        self, partitions: list[str], *, trust_index: bool, by_need: bool = False
    ) -> KeptRows | None:
        """``by_need``: find the summaries in the index's bytes as they are asked for (a
        command); else parse them now (the app, whose board reads thousands: parsed
        on a later save, they cost that key press 6 ms at 5,000 job futures). Returns
        where the collection files' rows lie, as the index keeps them (kept_rows.py)."""
        self._partitions = partitions
        self._stored = set(partitions)
        stored = read_index(self.files.folder, partitions) if trust_index else None
        if stored is not None:
            self.validated = stored.validated
            if stored.summaries is not None:
                if not by_need:
                    stored.summaries.every()
                self._summaries = Summaries(stored.summaries)
                self.derived = stored.derived
                return stored.rows
        with self._lock:
            facts: list[TouchFacts] = []
            self.ensure_loaded(facts_into=facts)  # one pass: no month parsed twice
            self._summaries.clear()
            self._replay_from(facts, set(self._by_prospect))
        self.changed = True  # the index was missing or stale: write a fresh one at close
        return stored.rows if stored is not None else None

    @property
    def loaded(self) -> bool:
        return self._loaded

    def ensure_loaded(
        self, keep: str | None = None, facts_into: list[TouchFacts] | None = None
    ) -> None:
        """Know every stored touch: each month not parsed yet is parsed for where its
        touches are and whose they are, then its rows are let go (parsed again when a
        touch is read), but for the months holding a touch of the job future ``keep``,
        about to be read. ``facts_into`` gets the facts of every touch of the months
        parsed now (the others' are the caller's to read)."""
        if not self._loaded:
            with self._lock:
                for name in self._partitions:
                    self._load_month(name, facts_into)
                    if not self._holds(name, keep):
                        self.files.release(name, TOUCHES_TABLE)
                self._loaded = True

    def _holds(self, name: str, prospect_id: str | None) -> bool:
        ids = self._by_prospect.get(prospect_id, ()) if prospect_id is not None else ()
        return any(self._refs[touch_id].partition == name for touch_id in ids)

    def _load_month(self, name: str, facts_into: list[TouchFacts] | None = None) -> None:
        """Parse one month, if it is stored and not parsed yet (docs/storage.md:
        a change reads only the months it rewrites). A touch found in a month
        parsed before is a copy a crash left: the stale one is dropped and its
        month written again, whichever of the two months is parsed second."""
        if name in self._months or name not in self._stored:
            return
        with self._lock:
            if name in self._months:
                return
            self._months.add(name)
            healed: set[str] = set()
            rows = self.files.attach(name, self.files.parse(name), TOUCHES_TABLE)
            for doc_id, row in list(rows.items()):
                prospect_id, facts = row.get("prospect_id"), None
                if facts_into is not None or type(prospect_id) is not str or not prospect_id:
                    prospect_id, facts = self._peek(name, doc_id, row)  # else read when needed
                earlier = self._refs.get(doc_id)
                if earlier is not None:
                    stale = self._stale_copy(doc_id, earlier.partition, name)
                    self.files.rows(stale, TOUCHES_TABLE).pop(doc_id)
                    healed.add(stale)
                    self._dirty.update((earlier.prospect_id, prospect_id))
                    self._touched.update((earlier.prospect_id, prospect_id))
                    self._models.pop(doc_id, None)  # whichever copy it was read from
                    if stale == name:
                        continue
                    self._unlist(earlier.prospect_id, doc_id)
                    if facts_into is not None:  # the stale copy's facts were given out
                        facts_into[:] = [f for f in facts_into if f.id != doc_id]
                prospect_id = intern(prospect_id)
                self._refs[doc_id] = Ref(name, prospect_id)
                self._by_prospect.setdefault(prospect_id, []).append(doc_id)  # in no list yet
                if facts_into is not None and facts is not None:
                    facts_into.append(facts)  # a refused touch: refused when its job future is read
            if healed and self.files.writer is not None:
                for stale in sorted(healed):
                    self.files.rewrite(stale)

    def _list(self, prospect_id: str, touch_id: str) -> None:
        ids = self._by_prospect.setdefault(prospect_id, [])
        if touch_id not in ids:
            ids.append(touch_id)

    def _unlist(self, prospect_id: str, touch_id: str) -> None:
        ids = self._by_prospect.get(prospect_id)
        if ids is not None and touch_id in ids:
            ids.remove(touch_id)
            if not ids:
                del self._by_prospect[prospect_id]

    def _peek(self, name: str, doc_id: str, row: dict[str, Any]) -> tuple[str, TouchFacts | None]:
        """The prospect and facts of a stored touch, read unvalidated when stored as
        the model writes them; anything else is read by the model (no facts if the
        model refuses it: that refusal comes when the touch is read or verified)."""
        facts = facts_as_written(doc_id, row)
        if facts is not None:
            return facts.prospect_id, facts
        try:
            _at, prospect_id = to_utc(row["at"]), row["prospect_id"]
            if not isinstance(prospect_id, str):
                raise TypeError(prospect_id)
        except (KeyError, TypeError, ValueError):
            raise self.files.refuse(name, f"touch {doc_id} has no valid date or prospect") from None
        try:
            model = _validated(self.files, name, doc_id, row)
        except DataRefused:
            return prospect_id, None
        self._models[doc_id] = model
        return prospect_id, TouchFacts.of(model)

    def _stale_copy(self, doc_id: str, first: str, second: str) -> str:
        """A touch found in two months, from a crash while its date moved: keep the newer edit."""
        copies = [self.files.rows(name, TOUCHES_TABLE)[doc_id] for name in (first, second)]
        stale = stale_copy((first, second), copies)
        if stale is None:
            raise self.files.refuse(second, f"touch {doc_id} is stored twice")
        return stale

    def verify(self, should_stop: Callable[[], bool] | None = None) -> bool:
        """Validate every touch, a month at a time; False if stopped before the end.

        A model is kept only for a touch read, and a month's rows only while it is
        checked: a lifetime of touches kept as models and rows held 270 MB at
        50,000 (docs/benchmarks.md). The UI's changes wait one month at most."""
        if self._verified:
            return True
        for name in list(self._partitions):
            if should_stop is not None and should_stop():
                return False
            with self._lock:
                self._load_month(name)
                for touch_id, raw in list(self.files.rows(name, TOUCHES_TABLE).items()):
                    if touch_id not in self._models:
                        _validated(self.files, name, touch_id, raw)
                self.files.release(name, TOUCHES_TABLE)
        self._loaded = self._verified = True
        return True

    def verify_months(self, touches: Sequence[Touch]) -> None:
        """Validate every touch in the months that saving or deleting these
        touches rewrites (where each is stored now, and where its date puts it).

        Only those months are parsed: a touch this process has not read is
        stored in none of the others (see :meth:`save`)."""
        if self._verified:
            return
        months = {layout.touches_file(touch.at) for touch in touches}
        for name in months:
            self._load_month(name)
        months |= {ref.partition for t in touches if (ref := self._refs.get(t.id)) is not None}
        months -= self._verified_months
        if not months:
            return
        for touch_id, ref in list(self._refs.items()):
            if ref.partition in months:
                self.get(touch_id)
        self._verified_months |= months

    # ------------------------------------------------------------ reading

    def last(self, prospect_id: str) -> TouchSummary | None:
        summary = self.summary(prospect_id)
        last = summary.last if summary is not None else None
        if last is None:
            return None
        return TouchSummary(last.id, to_utc(last.at), last.channel, last.direction)

    def summary(self, prospect_id: str) -> CadenceSummary | None:
        """What this prospect's touches add up to for its cadence; None if it has none."""
        found = None if prospect_id in self._dirty else self._summaries.get(prospect_id)
        if not (found is None or isinstance(found, CadenceSummary)):  # its text in the index
            try:
                found = CadenceSummary.from_json(orjson.loads(found))
                self._summaries.decoded(prospect_id, found)
            except (KeyError, TypeError, ValueError):
                with self._lock:  # an odd row in the index: ask the touches
                    self._dirty.add(prospect_id)
        if prospect_id in self._dirty:
            self._replay_dirty()
            found = self._summaries.get(prospect_id)
        assert found is None or isinstance(found, CadenceSummary)
        return found

    def get(self, touch_id: str) -> Touch | None:
        """The validated touch, or None if there is no such touch."""
        model = self._models.get(touch_id)
        if model is None:
            if touch_id not in self._refs:
                self.ensure_loaded()  # stored in a month not parsed yet, if anywhere
            ref = self._refs.get(touch_id)
            raw = self.files.rows(ref.partition, TOUCHES_TABLE).get(touch_id) if ref else None
            if ref is None or raw is None:
                return None
            model = _validated(self.files, ref.partition, touch_id, raw)
            self._models[touch_id] = model
        return model

    def owner(self, touch_id: str) -> str | None:
        """The job future a touch is stored under (None: new, as :meth:`save` sees it)."""
        ref = self._refs.get(touch_id)
        return ref.prospect_id if ref is not None else None

    def for_prospect(self, prospect_id: str) -> list[Touch]:
        """Newest first."""
        self.ensure_loaded(keep=prospect_id)
        touches = [self.get(i) for i in list(self._by_prospect.get(prospect_id, ()))]
        return sorted((t for t in touches if t is not None), key=lambda t: t.at, reverse=True)

    def count(self, prospect_id: str | None = None) -> int:
        self.ensure_loaded()
        if prospect_id is None:
            return len(self._refs)
        return len(self._by_prospect.get(prospect_id, ()))

    # ------------------------------------------------------------ changing

    def save(self, touch: Touch, inserts: Inserts) -> None:
        """Stage ``touch``; new ones join ``inserts``, which the caller inserts per file.

        Only the month its date puts it in is parsed (and the one it is stored
        in, which reading it parsed): a touch with an id this process has not
        read is a new one. Should a caller ever save a version of a touch it
        never read into another month, the two copies are healed as a crash's
        are, when both months are next parsed (docs/storage.md)."""
        with self._lock:
            partition = layout.touches_file(touch.at)
            # Its month is parsed before it is changed: a month not parsed yet
            # would otherwise be written as holding this touch alone.
            self._load_month(partition)
            # Touch the new month first, so a move is written to it before the
            # old month loses the touch: a crash in between leaves two copies
            # (healed at the next load), never none.
            self.files.table(partition, TOUCHES_TABLE)
            ref = self._refs.get(touch.id)
            new = ref is None
            if ref is not None and ref.partition != partition:
                self.delete(touch.id)
                ref = None
            elif ref is not None and ref.prospect_id != touch.prospect_id:
                self._forget(ref.prospect_id, touch.id)
            document = as_document(touch.id, touch.model_dump(mode="json"))
            pending = inserts.setdefault((partition, TOUCHES_TABLE), {})
            if ref is None or touch.id in pending:
                pending[touch.id] = document
            else:
                self.files.table(partition, TOUCHES_TABLE).replace(document)
            self._refs[touch.id] = Ref(partition, intern(touch.prospect_id))
            self._models[touch.id] = touch
            self._list(touch.prospect_id, touch.id)
            if not (new and self._fold(touch.prospect_id, TouchFacts.of(touch))):
                self._dirty.add(touch.prospect_id)
            self._touched.add(touch.prospect_id)
            self.changed = True

    def _fold(self, prospect_id: str, facts: TouchFacts) -> bool:
        """Fold a new touch into its job future's summary, when it is the newest
        of them: no month is parsed to replay its history. False when it cannot
        be (an older touch, or a summary to replay anyway)."""
        if prospect_id in self._dirty:
            return False
        summary = self._summaries.get(prospect_id)
        if isinstance(summary, str):
            try:
                summary = CadenceSummary.from_json(orjson.loads(summary))
            except (KeyError, TypeError, ValueError):
                return False  # an odd row in the index: replayed from the touches instead
        if summary is not None and (summary.last is None or facts.at <= summary.last.at):
            return False  # replayed in order from its touches instead
        # A new object: the use cases keep a decision while the summary is the same one.
        folded = copy.deepcopy(summary) if summary is not None else CadenceSummary()
        folded.add(facts)
        self._summaries.set(prospect_id, folded)
        return True

    def delete(self, touch_id: str) -> None:
        with self._lock:
            if touch_id not in self._refs:
                self.ensure_loaded()  # not read by this process: wherever it is
            ref = self._refs.pop(touch_id, None)
            if ref is None:
                return
            self._models.pop(touch_id, None)
            self.files.table(ref.partition, TOUCHES_TABLE).remove(doc_ids=[touch_id])
            self._forget(ref.prospect_id, touch_id)
            self.changed = True

    def _forget(self, prospect_id: str, touch_id: str) -> None:
        self._unlist(prospect_id, touch_id)
        self._dirty.add(prospect_id)
        self._touched.add(prospect_id)

    @property
    def touched(self) -> Collection[str]:
        """The prospects whose touches are not as they were when the data was opened."""
        return self._touched

    def index(
        self,
        derived: dict[str, Any] | None = None,
        validated: dict[str, list[int]] | None = None,
        rows: KeptPlaces | None = None,
    ) -> Chunks:
        """The index of summaries (and what the rules derive, the files validated whole,
        where the collection files' rows lie); call once every data file is on disk."""
        kept = Kept(derived, validated, rows)
        with self._lock:
            partitions = layout.touch_partitions(self.files.folder)
            spliced = None if self._loaded or self._dirty else self._summaries.spliced()
            if spliced is not None:  # the stored summaries, with this session's changes in
                return index_bytes(self.files.folder, partitions, spliced, kept)
            stored: StoredSummaries = {}
            with_touches = self._by_prospect if self._loaded else list(self._summaries.ids())
            self._dirty |= {i for i in with_touches if self._summaries.get(i) is None}
            if self._dirty:
                self._replay_dirty()
            for prospect_id in list(with_touches):
                found = self._summaries.get(prospect_id)
                if isinstance(found, CadenceSummary):
                    stored[prospect_id] = text_of(found)
                elif found is not None:
                    stored[prospect_id] = found  # as read from the index: still right
            return index_bytes(self.files.folder, partitions, stored, kept)


def _validated(files: DataFiles, name: str, touch_id: str, row: Any) -> Touch:
    """A touch's row validated (its class imported then: reading rows needs no pydantic)."""
    from jobfutures_tui.models import Touch

    return files.validate(Touch, name, touch_id, row)
