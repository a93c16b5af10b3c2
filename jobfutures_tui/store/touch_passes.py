"""The facts of many touches read at once, a month at a time, and let go: the marked
summaries replayed together, and every job future's history handed over oldest
month first (:class:`~jobfutures_tui.store.touches.TouchHistory`'s base;
docs/storage.md, "Reading")."""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from jobfutures_tui.engine.history import ORDER, CadenceSummary, TouchFacts, summarise
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.stored_summaries import Summaries

if TYPE_CHECKING:
    from jobfutures_tui.models import Touch

TOUCHES_TABLE = "touches"


class Ref(NamedTuple):
    """What is kept of a touch once its month is known: where it is, and whose."""

    partition: str
    prospect_id: str


class FactPasses:
    """The passes that read many touches' facts at once, apart from the loading and
    the changing; the state and the methods stubbed here are TouchHistory's
    (declared for the type checker)."""

    files: DataFiles
    _lock: threading.RLock
    _partitions: list[str]
    _stored: set[str]
    _months: set[str]
    _loaded: bool
    _refs: dict[str, Ref]
    _by_prospect: dict[str, list[str]]
    _models: dict[str, Touch]
    _summaries: Summaries
    _dirty: set[str]
    _touched: set[str]

    def ensure_loaded(
        self, keep: str | None = None, facts_into: list[TouchFacts] | None = None
    ) -> None:
        raise NotImplementedError

    def _load_month(self, name: str, facts_into: list[TouchFacts] | None = None) -> None:
        raise NotImplementedError

    def _peek(self, name: str, doc_id: str, row: dict[str, Any]) -> tuple[str, TouchFacts | None]:
        raise NotImplementedError

    def get(self, touch_id: str) -> Touch | None:
        raise NotImplementedError

    def every_fact(self, prospect_id: str) -> list[TouchFacts]:
        """The facts of one prospect's touches, in no order, unvalidated where stored as
        the model writes them (a touch the model refuses refuses the data, as reading
        it does)."""
        with self._lock:
            self.ensure_loaded()
            return self._facts(list(self._by_prospect.get(prospect_id, ())))

    def histories(self) -> Iterator[tuple[str, list[TouchFacts]]]:
        """Each job future with touches and their facts in the order they happened, as
        soon as its last touch is read: the months are read oldest first, each once
        (those not parsed yet are parsed here, for where their touches are too), so
        only the job futures with touches on both sides of the month being read hold
        their facts, not a lifetime's. How many touches each has comes from its
        summary until every month is known; one that turns out to have more, or whose
        touches change meanwhile (or are healed from a crash's copy), is read again
        whole at the end. The lock is held a month at a time: the UI's changes wait
        for one month at most."""
        with self._lock:
            expected = self._expected_counts()
            months = sorted(set(self._partitions) | {ref.partition for ref in self._refs.values()})
            changed_before = set(self._touched)
        by_month: dict[str, list[str]] = {}
        mapped: set[str] = set()
        growing: dict[str, list[TouchFacts]] = {}
        given: set[str] = set()
        again: set[str] = set()
        for name in months:
            with self._lock:
                facts: list[TouchFacts] = []
                if name in self._stored and name not in self._months:
                    self._load_month(name, facts)
                    self.files.release(name, TOUCHES_TABLE)
                else:
                    if name not in mapped:  # parsed since the map was made (or no map yet)
                        by_month, mapped = _by_month(self._refs), set(self._months)
                    facts = self._facts([i for i in by_month.get(name, ()) if i in self._refs])
            for touch in facts:
                prospect_id = touch.prospect_id
                if prospect_id in given:
                    again.add(prospect_id)
                    continue
                mine = growing.setdefault(prospect_id, [])
                mine.append(touch)
                if len(mine) == expected.get(prospect_id):
                    del growing[prospect_id]
                    given.add(prospect_id)
                    mine.sort(key=ORDER)
                    yield prospect_id, mine
        with self._lock:
            self._loaded = self._loaded or self._stored <= self._months
            again |= self._touched - changed_before
        for prospect_id, mine in growing.items():
            if prospect_id not in again:
                mine.sort(key=ORDER)
                yield prospect_id, mine
        for prospect_id in again:
            yield prospect_id, sorted(self.every_fact(prospect_id), key=ORDER)

    def _expected_counts(self) -> dict[str, int]:
        """Each job future's number of touches: exact once every month is known, else
        as its summary says (none for one marked to be replayed)."""
        if self._loaded:
            return {prospect_id: len(ids) for prospect_id, ids in self._by_prospect.items()}
        counts: dict[str, int] = {}
        for prospect_id in self._summaries.ids():
            found = None if prospect_id in self._dirty else self._summaries.get(prospect_id)
            if isinstance(found, CadenceSummary):
                counts[prospect_id] = found.touches
            elif isinstance(found, str) and (head := found[1 : found.find(",")]).isdigit():
                counts[prospect_id] = int(head)  # a stored summary's text starts [touches,
        return counts

    def _replay_dirty(self) -> None:
        """Replay every marked job future's summary, reading each month once."""
        with self._lock:
            self.ensure_loaded()
            dirty = set(self._dirty)
            ids = [i for pid in dirty for i in self._by_prospect.get(pid, ())]
            self._replay_from(self._facts(ids), dirty)

    def _replay_from(self, facts: Iterable[TouchFacts], prospect_ids: set[str]) -> None:
        """Make these job futures' summaries from the facts of their touches (others' are
        skipped); one whose touches are not all there (one the model refuses) stays
        marked, replayed when it is next asked for, which refuses the data."""
        grouped: dict[str, list[TouchFacts]] = {}
        for touch in facts:
            if touch.prospect_id in prospect_ids:
                grouped.setdefault(touch.prospect_id, []).append(touch)
        for prospect_id in prospect_ids:
            mine = grouped.get(prospect_id, [])
            if len(mine) != len(self._by_prospect.get(prospect_id, ())):
                self._dirty.add(prospect_id)
                continue
            summary = summarise(mine) if mine else None
            if summary is None:
                self._summaries.drop(prospect_id)
            else:
                self._summaries.set(prospect_id, summary)
            self._dirty.discard(prospect_id)

    def _facts(self, touch_ids: Collection[str]) -> list[TouchFacts]:
        """The facts of these touches: from the model of a touch read, else from its
        month's rows, each month parsed at most once and let go again if it was not
        held already. A touch the model refuses refuses the data (as reading it does)."""
        out: list[TouchFacts] = []
        by_month: dict[str, list[str]] = {}
        for touch_id in touch_ids:
            model = self._models.get(touch_id)
            if model is not None:
                out.append(TouchFacts.of(model))
            else:
                by_month.setdefault(self._refs[touch_id].partition, []).append(touch_id)
        for name, ids in by_month.items():
            held = self.files.holds(name)
            rows = self.files.rows(name, TOUCHES_TABLE)
            for touch_id in ids:
                facts = self._peek(name, touch_id, rows[touch_id])[1]
                if facts is None:
                    touch = self.get(touch_id)  # refuses the data with the model's reason
                    assert touch is not None
                    facts = TouchFacts.of(touch)
                out.append(facts)
            if not held:
                self.files.release(name, TOUCHES_TABLE)
        return out


def _by_month(refs: dict[str, Ref]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for touch_id, (partition, _) in refs.items():
        found.setdefault(partition, []).append(touch_id)
    return found
