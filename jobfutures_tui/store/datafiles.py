"""The TinyDB files of one data folder: parsing them, refusing bad ones, batching writes.

A collection file is parsed when it is first used, not when the folder is opened
(docs/storage.md, "Reading"): a command that logs a touch reads the job futures,
not five years of everything else, and the app reads them all for its first frame.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from jobfutures_tui.collector import collector_paused
from jobfutures_tui.store import layout
from jobfutures_tui.store.devices import signature
from jobfutures_tui.store.errors import DataRefused
from jobfutures_tui.store.journal import Journal
from jobfutures_tui.store.kept_rows import KeptRows, rows_text, spans_text
from jobfutures_tui.store.manifest import count_records, read_manifest
from jobfutures_tui.store.merge import Unparsed
from jobfutures_tui.store.record_view import RecordsView, column_of
from jobfutures_tui.store.row_index import PinnedFile, RowIndex
from jobfutures_tui.store.splice import RowEdits, Spliced
from jobfutures_tui.store.storage import MemoryStorage, open_file
from jobfutures_tui.store.tables import RecordT
from jobfutures_tui.store.writer import Writer


class DataFiles:
    def __init__(self, folder: Path, writer: Writer | None, backups: Path) -> None:
        self.folder = folder
        self.writer = writer
        self.backups = backups
        self.journal = writer.attach(folder) if writer is not None else Journal(folder)
        self.overlay: dict[str, bytes | None] = {}
        """Read-only: the files of a commit another process is writing now (its
        whole journal), read instead of the files on disk."""
        self.recovered: str | None = None
        """What opening did about a commit a crash cut short (None: there was none)."""
        self.refused = False
        """Some data was refused this session: nothing more is written, not even the index."""
        self.missing: list[str] = []
        """Data files the manifest lists that are not there: no change is written."""
        self.sync_grace = 2.0
        """Seconds a file holding fewer records than the manifest is waited for."""
        self.fewer: dict[str, tuple[int, int]] = {}
        """Files parsed holding fewer records than the manifest lists → (held, listed)."""
        self.kept_rows: KeptRows | None = None
        """Where the collection files' rows lay when the index was written (kept_rows.py)."""
        self.rows_found: set[str] = set()
        """Files whose rows were found in their bytes this session: kept in the next index."""
        self._indexed_prints: dict[str, list[int]] = {}
        """The fingerprint of the version of each file whose rows were found or kept."""
        self._dbs: dict[str, TinyDB] = {}
        self._deferred: dict[str, str] = {}
        """Files present but not parsed yet (or released): name → the table they hold."""
        self._by_record: set[str] = set()
        """Deferred files read a record at a time until something needs them whole."""
        self.streamed = False
        """Walking every row of a file read a record at a time parses one row at a time
        and holds none (the app, which runs for hours); otherwise the walk parses the
        file whole and holds it (a command, which walks once and reads on from it)."""
        self._indexes: dict[str, RowIndex | None] = {}
        self._pins: dict[str, PinnedFile] = {}
        """The version of each file read a record at a time (row_index.PinnedFile)."""
        self._edits: dict[str, RowEdits] = {}
        """Changes to files read a record at a time, written into their bytes (store/splice.py)."""
        self._held_edits: dict[str, str] = {}
        """The files of the batch changed so → their table."""
        self._spliced: dict[str, Spliced] = {}
        """The last version of each file so changed handed to the writer."""
        self._written: set[str] = set()
        """Files this process has changed: never released (see :meth:`release`)."""
        self._parsing = threading.Lock()
        self._batch_depth = 0
        self._held: dict[str, MemoryStorage] = {}

    def refuse(self, name: str, problem: str) -> DataRefused:
        self.refused = True
        return DataRefused(self.folder / name, problem, self.backups)

    @property
    def lost(self) -> dict[str, str]:
        """Files that lost records since the last commit (gone, or holding fewer than
        the manifest lists): name → what is wrong (docs/storage.md, "Commits")."""
        found = {
            name: "it is missing, though the folder's manifest lists it" for name in self.missing
        }
        for name, (held, listed) in self.fewer.items():
            found[name] = f"it holds {held} records, where the folder's manifest lists {listed}"
        return found

    def refuse_if_lost(self) -> None:
        """No change is written while a file lost records: written over, they would be
        gone for good, the manifest agreeing. A sync tool may bring another device's
        manifest before its files: that is waited for a moment (``sync_grace``)."""
        deadline = time.monotonic() + self.sync_grace
        self._recount()
        while self.fewer and time.monotonic() < deadline:
            time.sleep(0.1)
            self._recount()
        for name, problem in self.lost.items():
            raise self.refuse(
                name,
                f"{problem}. If a sync tool is at work on this folder, try again in a "
                "moment; otherwise the records it held are gone: restore a backup "
                "(jobfutures backups lists them) before changing anything",
            )

    def _recount(self) -> None:
        """Forget files that hold fewer records than the manifest read at open, if the
        manifest now on disk agrees: another device's, synced after its files."""
        if not self.fewer:
            return
        try:
            now = read_manifest(self.folder) or {}
        except ValueError:
            return
        for name, (held, _) in list(self.fewer.items()):
            entry = now.get(name)
            if entry is None or entry.records is None or entry.records <= held:
                del self.fewer[name]
            elif _records_on_disk(self.folder / name) >= entry.records:
                # The file came after the manifest: another device's, to be merged
                # before the commit replaces it (docs/storage.md, "Several devices").
                del self.fewer[name]
            elif self._in_a_conflict_copy(name):
                del self.fewer[name]

    def _in_a_conflict_copy(self, name: str) -> bool:
        """Whether a sync tool kept the other version of the file as a conflict copy:
        the records the manifest counts are there, not lost (check lists the copy,
        and the app or check --repair merges it)."""
        return name in layout.conflict_copies(self.folder).values()

    def parse(self, name: str) -> dict[str, Any]:
        path = self.folder / name
        try:
            newer = self.overlay.get(name)
            if newer is None:
                self.journal.seen.note_read(name, signature(path))
            data = orjson.loads(newer if newer is not None else path.read_bytes())
        except orjson.JSONDecodeError as exc:
            raise self.refuse(name, f"it is not valid JSON ({exc})") from None
        except OSError as exc:
            raise self.refuse(name, f"it cannot be read ({exc.strerror})") from None
        if not isinstance(data, dict):
            raise self.refuse(name, "it does not hold jobfutures records")
        return data

    def attach(
        self, name: str, data: dict[str, Any], table: str, *, base: bool = True
    ) -> dict[str, Any]:
        """Serve ``name`` from this parsed data; return its table's rows, checked for shape.
        ``base``: this is the version read (not one holding changes not yet committed),
        the base of a merge with another device's."""
        rows = data.get(table, {})
        if not isinstance(rows, dict) or not all(isinstance(row, dict) for row in rows.values()):
            raise self.refuse(name, f"its '{table}' table is not a set of records")
        self._count(name, len(rows))
        self._dbs[name] = open_file(self.folder / name, data, self.writer)
        if base:
            self.journal.seen.note_tables(name, data)
        return rows

    def _count(self, name: str, held: int) -> None:
        """Note a file holding fewer records than the manifest lists (see :attr:`lost`)."""
        listed = (self.journal.manifest or {}).get(name)
        # Not in a read-only overlay: a commit being written may remove records.
        if (
            listed
            and listed.records is not None
            and held < listed.records
            and name not in self.overlay
            and not self._in_a_conflict_copy(name)
        ):
            self.fewer[name] = (held, listed.records)

    def defer(self, name: str, table: str, *, by_record: bool = False) -> None:
        """Parse ``name`` when it is first used (its problems are refused then);
        ``by_record``: until something needs it whole, parse only the records read
        (:mod:`row_index`)."""
        self._deferred[name] = table
        if by_record:
            self._by_record.add(name)

    def records(self, name: str, table: str) -> Mapping[str, Any]:
        """The stored rows of a collection file, to read: :meth:`rows`, or, while the file
        is read a record at a time, a view that parses each row looked up."""
        if name in self._by_record and name in self._deferred:
            return RecordsView(self, name, table)
        return self.rows(name, table)

    def walk(self, name: str, table: str) -> Iterator[tuple[str, Any]]:
        """Every stored row of a file, one at a time, safe while another thread changes
        the file: read a record at a time and :attr:`streamed`, each row parsed alone
        and none held; otherwise from the rows held (the file parsed whole first)."""
        records = self.records(name, table)
        if isinstance(records, RecordsView) and self.streamed:
            return records.stream()
        return iter(list(records.items()))

    def column(self, name: str, table: str, field: str) -> Mapping[str, Any]:
        """One field of every stored row of a collection file (see :meth:`RowIndex.column`)."""
        records = self.records(name, table)
        if isinstance(records, RecordsView):
            return records.column(field)
        return column_of(records, field)

    def row_index(self, name: str, table: str) -> RowIndex | None:
        """Where the file's rows lie, found once (None once it is parsed whole, or
        when it is not laid out as written here: then it is parsed whole)."""
        if name not in self._deferred:
            return None
        with self._parsing:
            if name not in self._deferred:
                return None
            if name not in self._indexes:
                index = self._indexes[name] = self._index(name, table)
                if index is not None:
                    self._count(name, len(index))
            return self._indexes[name]

    def _index(self, name: str, table: str) -> RowIndex | None:
        newer = self.overlay.get(name)
        if newer is not None:
            return RowIndex.of(newer, table)
        pin = self._pinned(name)
        read = self.journal.seen.signatures.get(name)
        if read is not None:
            self._indexed_prints[name] = list(read)
        kept_rows = self.kept_rows if self._rows_kept(name) else None
        spans = kept_rows.spans(name, list(read)) if kept_rows and read else None
        kept = pin.kept(spans) if spans is not None else None
        if kept is not None:
            return kept
        found = pin.index(table)
        if found is not None:  # None: not laid out as written here, parsed whole
            self.rows_found.add(name)
        return found

    def _rows_kept(self, name: str) -> bool:
        """Whether the derived index keeps where the rows of the file read lie."""
        read = self.journal.seen.signatures.get(name)
        return bool(self.kept_rows and read and self.kept_rows.prints.get(name) == list(read))

    def rows_to_keep(self, unchanged: Mapping[str, list[int]]) -> dict[str, tuple[list[int], str]]:
        """Where the rows lie in each collection file still as read (``unchanged``: name
        → fingerprint, still_the_same), for the next index (kept_rows.py)."""
        kept = {}
        for name, index in self._indexes.items():
            fingerprint = unchanged.get(name)
            if (
                index is None
                or fingerprint is None
                or fingerprint != self._indexed_prints.get(name)
            ):
                continue  # changed since its rows were found (a change, another device)
            text = spans_text(index.spans)
            if text is not None:
                kept[name] = (fingerprint, text)
        if self.kept_rows is not None:  # files this session never looked into
            others = {name: p for name, p in unchanged.items() if name not in self._indexes}
            kept |= self.kept_rows.still_kept(others)
        for name, spliced in self._spliced.items():
            # A file this session wrote into: its rows where the writing put them, if the
            # file is still that version (the last commit wrote it, not a merge: seen).
            fingerprint = unchanged.get(name)
            written = spliced.written
            if (
                fingerprint is None
                or written is None
                or self.journal.seen.bases.get(name) is not written
            ):
                continue
            made = spliced.kept()
            text = rows_text(*made) if made is not None else None
            if text is not None:
                kept[name] = (fingerprint, text)
        return kept

    def _pinned(self, name: str) -> PinnedFile:
        """The version of the file this session reads (opened once; call holding
        ``_parsing``)."""
        pin = self._pins.get(name)
        if pin is None:
            path = self.folder / name
            try:
                self.journal.seen.note_read(name, signature(path))
                pin = self._pins[name] = PinnedFile.open(path)
            except OSError as exc:
                raise self.refuse(name, f"it cannot be read ({exc.strerror})") from None
        return pin

    def found(self, name: str, row_id: object) -> bool:
        """Whether :meth:`peek` found that row in this version of the file."""
        pin = self._pins.get(name)
        return pin is not None and isinstance(row_id, str) and pin.holds(row_id)

    def peek(self, name: str, table: str, row_id: str) -> dict[str, Any] | None:
        """One row found straight in the file, before its rows are indexed (None: ask
        the index: :meth:`PinnedFile.row`)."""
        if name not in self._deferred or name in self._indexes or name in self.overlay:
            return None
        if self._rows_kept(name):
            return None  # the index finds it in a read or two, and what is not there too
        with self._parsing:
            if name not in self._deferred or name in self._indexes:
                return None
            return self._pinned(name).row(row_id)

    def _parsed(self, name: str) -> None:
        """Parse a deferred file now, once, whichever thread asks first."""
        if name not in self._deferred:
            return
        with self._parsing:
            table = self._deferred.get(name)
            if table is None:
                return
            edits = self._edits.pop(name, None)
            with collector_paused(freeze=True):
                data = self._whole(name, table)
                if edits is not None:
                    rows = data.get(table)
                    if isinstance(rows, dict):
                        edits.apply_to(rows)
                # Changed here, it is not the version read: the base stays the one
                # the changes were made to, or the one last committed.
                self.attach(name, data, table, base=edits is None)
            del self._deferred[name]
            if edits is not None and name in self._held_edits:
                # Changes of the batch under way: written from the parsed file now.
                storage = self._dbs[name].storage
                assert isinstance(storage, MemoryStorage)
                storage.hold = True
                self._held.setdefault(name, storage)
                storage.write(storage.read())
            self._indexes.pop(name, None)
            self._pins.pop(name, None)
            self._spliced.pop(name, None)

    def _whole(self, name: str, table: str) -> dict[str, Any]:
        """A file's contents, parsed a record at a time where it is read so (the same
        result, a lower peak: :meth:`RowIndex.every_row`), else whole."""
        if name in self._by_record:
            index = self._indexes.get(name) if name in self._indexes else self._index(name, table)
            if index is not None:
                with contextlib.suppress(ValueError):  # parsed whole: refused there if bad
                    return {table: index.every_row()}
        return self.parse(name)

    def release(self, name: str, table: str) -> None:
        """Forget the parsed contents of a file this process has not changed: it is
        parsed again when next used (a month of touches, once its facts are known:
        docs/storage.md, "Reading"). One it changed stays, whatever the writer holds."""
        with self._parsing:
            if name in self._written or name in self._held or name not in self._dbs:
                return
            del self._dbs[name]
            self.journal.seen.bases.pop(name, None)
            self._deferred[name] = table

    def holds(self, name: str) -> bool:
        """Whether a file's contents are parsed and held (then reading it costs nothing)."""
        return name in self._dbs

    def rows(self, name: str, table: str) -> dict[str, Any]:
        """The stored rows of a file, as held in memory (none if it has no file yet)."""
        self._parsed(name)
        db = self._dbs.get(name)
        data = db.storage.read() if db is not None else None
        return (data or {}).get(table, {})

    def rewrite(self, name: str) -> None:
        """Write a loaded file again as it is in memory (after healing it)."""
        self._parsed(name)
        self._written.add(name)
        storage = self._dbs[name].storage
        storage.write(storage.read() or {})

    def validate(self, kind: type[RecordT], name: str, doc_id: str, row: Any) -> RecordT:
        from pydantic import ValidationError  # imported with ``kind``: already loaded

        from jobfutures_tui.models import describe

        try:
            record = kind.model_validate(row)
        except ValidationError as exc:
            raise self.refuse(name, f"record {doc_id} is not valid ({describe(exc)})") from None
        if record.id != doc_id:
            raise self.refuse(name, f"record {doc_id} carries another id ({record.id})")
        return record

    def table(self, name: str, table: str) -> Any:
        """A TinyDB table to change; inside a batch its file is written once, at the end."""
        self._parsed(name)
        self._written.add(name)
        db = self._dbs.get(name)
        if db is None:
            # Its folder (touches/) is made when the commit is written: a folder that
            # cannot be made is then a failed save, said as such.
            db = open_file(self.folder / name, {}, self.writer)
            self._dbs[name] = db
        if self._batch_depth:
            storage = db.storage
            assert isinstance(storage, MemoryStorage)
            storage.hold = True
            self._held.setdefault(name, storage)
        return db.table(table)

    def editor(self, name: str, table: str) -> Any:
        """Where a change to a collection file is made, with TinyDB's ``replace``,
        ``insert_multiple`` and ``remove``: inside a batch, while the file is read a
        record at a time, its changed rows are written into its bytes (store/splice.py:
        no whole parse, no whole serialising); otherwise its TinyDB table."""
        edits = self._edits.get(name)
        if edits is None and self._batch_depth and name in self._by_record:
            edits = self._start_edits(name, table)
        if edits is None:
            return self.table(name, table)
        self._written.add(name)
        self._held_edits[name] = table
        return edits

    def edits(self, name: str) -> RowEdits | None:
        """The changes written into a file's bytes, while it is not parsed whole."""
        return self._edits.get(name)

    def _start_edits(self, name: str, table: str) -> RowEdits | None:
        if name in self.overlay or self.writer is None:
            return None
        index = self.row_index(name, table)
        with self._parsing:
            if index is None or name not in self._deferred:
                return None
            self._count(name, len(index))
            # The version read is the base of a merge with another device's: read again
            # from the descriptor held open only if a merge comes.
            base = Unparsed(self._pinned(name).read_all, len(index))
            self.journal.seen.bases[name] = base
            edits = self._edits[name] = RowEdits(index)
            return edits

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Hold writes until the end, so a change spanning records saves each file once.

        Files are written referenced-first (companies, people, prospects, then
        touch months in the order they were first changed), so a crash between
        two files never leaves a record pointing at one that is not on disk.
        """
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                self._release()

    def _release(self) -> None:
        """Submit every file the batch wrote as one commit: whole or not at all."""
        # Touch months in the order first changed (sorted keeps ties in order).
        names = sorted(dict.fromkeys([*self._held, *self._held_edits]), key=_write_order)
        held, spliced = dict(self._held), dict(self._held_edits)
        self._held.clear()
        self._held_edits.clear()
        commit: dict[Path, Any] = {}
        for name in names:
            if name in held:
                snapshot = held[name].release()
                if snapshot is not None:
                    commit[held[name].path] = snapshot
            elif (edits := self._edits.get(name)) is not None:
                commit[self.folder / name] = self._spliced[name] = edits.snapshot(spliced[name])
        if commit and self.writer is not None:
            self.writer.submit_commit(commit)  # a failure stays pending in the writer


def _write_order(name: str) -> int:
    if name in layout.COLLECTION_FILES:
        return layout.COLLECTION_FILES.index(name)
    return len(layout.COLLECTION_FILES)


def _records_on_disk(path: Path) -> int:
    """How many records the file holds now (-1: gone or not a set of tables)."""
    try:
        counted = count_records(path.read_bytes())
    except OSError:
        return -1
    return -1 if counted is None else counted
