"""The only TinyDB storage jobfutures uses: reads from memory, atomic writes.

TinyDB's own JSONStorage rewrites the file in place (a kill mid-write leaves
it unparseable) and re-reads the whole file on every query. This one parses
the file once, serves every read from memory, and hands each write to a
:class:`~jobfutures_tui.store.writer.Writer` as orjson bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from jobfutures_tui.store.errors import ReadOnly
from jobfutures_tui.store.writer import Writer


def dumps(data: Any) -> bytes:
    # Compact: indenting made the files a third larger and slower to parse.
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


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

    def release(self) -> None:
        """End a batch: submit the latest state once if anything was written."""
        self.hold = False
        if self._held_write:
            self._held_write = False
            self._submit()

    def _submit(self) -> None:
        assert self._writer is not None
        # Serialise now, on the caller's thread: the writer thread then owns
        # immutable bytes and never races with the next change in memory.
        self._writer.submit(self.path, dumps(self._data))

    def close(self) -> None:
        pass


class UuidTable(Table):
    """Documents keyed by our own uuid, so ids are never reused."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB assumes int ids


class UuidTinyDB(TinyDB):
    table_class = UuidTable


def open_file(path: Path, data: dict[str, Any], writer: Writer | None) -> TinyDB:
    return UuidTinyDB(path, data, writer, storage=MemoryStorage)


def as_document(record_id: str, fields: dict[str, Any]) -> Document:
    return Document(fields, doc_id=record_id)  # type: ignore[arg-type]
