"""The only TinyDB storage jobfutures uses: reads from memory, atomic writes.

TinyDB's own JSONStorage rewrites the file in place (a kill mid-write leaves
it unparseable) and re-reads the whole file on every query. This one parses
the file once, serves every read from memory, and hands each write to a
:class:`~jobfutures_tui.store.writer.Writer` as a :class:`Snapshot`, which the
writer serialises with orjson on its own thread.

A snapshot copies only the two outer levels of a file (tables, and each
table's mapping of ids to rows); the rows themselves are shared. That is
safe because a stored row never changes: TinyDB builds a new dict for a
table on every write and inserts rows as new dicts, and the one TinyDB call
that changes a row in place (``Table.update``) is replaced here by
:meth:`UuidTable.replace`. Code that changes a stored row in place would
race with the writer thread; ``Repository.stored_rows`` says so too.

This is the one module that relies on how TinyDB works inside, beyond its
public API: that every write builds a new dict for the table and leaves the
old one and its rows as they were, that inserted rows are copied, and that a
table whose ``document_id_class`` is ``str`` keeps string ids through
insert, remove and rewrite (TinyDB types them as int). All hold in TinyDB
4.9; ``tests/unit/test_tinydb_assumptions.py`` checks each against the
installed TinyDB and names the one that broke. Everything else goes through
TinyDB's public API (``Table.storage``, ``insert_multiple``,
``remove(doc_ids=…)``, a ``Storage`` subclass, ``table_class``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from jobfutures_tui.store.errors import ReadOnly
from jobfutures_tui.store.snapshot import Snapshot
from jobfutures_tui.store.writer import Writer


class MemoryStorage(Storage):
    def __init__(self, path: Path, data: dict[str, Any], writer: Writer | None) -> None:
        self.path = path
        self._data = data
        self._writer = writer
        self.hold = False
        self._held_write = False

    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        if self._writer is None:
            raise ReadOnly()
        self._data = data
        if self.hold:
            self._held_write = True
            return
        self._submit()

    def release(self) -> Snapshot | None:
        """End a batch: the latest state to write, if anything was written (the
        caller submits the batch's files as one commit)."""
        self.hold = False
        if self._held_write:
            self._held_write = False
            return Snapshot(self._data)
        return None

    def _submit(self) -> None:
        assert self._writer is not None
        # Serialising 3 MB of job futures here would cost the key press that
        # saved them; the snapshot is serialised when the writer gets to it.
        self._writer.submit(self.path, Snapshot(self._data))

    def close(self) -> None:
        pass


class UuidTable(Table):
    """Documents keyed by our own uuid, so ids are never reused."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB assumes int ids

    def replace(self, document: Document) -> None:
        """Store ``document`` as a new row in place of the one with its id (if any).

        Unlike ``update``, which changes the stored row dict in place, this never
        touches a row a pending :class:`Snapshot` may still share. It also copies
        the table once, where TinyDB's own updates rebuild it twice with a str()
        per id (about 2 ms a move at 5,000 job futures).
        """
        record_id = str(document.doc_id)  # a str already: TinyDB types ids as int
        tables = self.storage.read() or {}
        rows = tables.get(self.name, {})
        if record_id not in rows:
            return
        table = dict(rows)  # a new dict, as every TinyDB write makes: readers keep the old
        table[record_id] = dict(document)
        tables[self.name] = table
        self.storage.write(tables)
        self.clear_cache()


class UuidTinyDB(TinyDB):
    table_class = UuidTable


def open_file(path: Path, data: dict[str, Any], writer: Writer | None) -> TinyDB:
    return UuidTinyDB(path, data, writer, storage=MemoryStorage)


def as_document(record_id: str, fields: dict[str, Any]) -> Document:
    return Document(fields, doc_id=record_id)  # type: ignore[arg-type]
