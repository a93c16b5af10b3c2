"""The rows of a collection file read a record at a time, seen as a mapping
(docs/storage.md, "Reading"): what :meth:`DataFiles.records` gives while a file is
not parsed whole."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from typing import Any, Protocol

from jobfutures_tui.store.row_index import RowIndex
from jobfutures_tui.store.splice import RowEdits


class Files(Protocol):
    """What a view reads its file through (store/datafiles.py's DataFiles)."""

    streamed: bool

    def rows(self, name: str, table: str) -> dict[str, Any]: ...
    def edits(self, name: str) -> RowEdits | None: ...
    def row_index(self, name: str, table: str) -> RowIndex | None: ...
    def peek(self, name: str, table: str, row_id: str) -> dict[str, Any] | None: ...
    def found(self, name: str, row_id: object) -> bool: ...


class RecordsView(Mapping[str, Any]):
    """The rows of a file read a record at a time: a row looked up is found in the
    bytes and parsed alone; walking every row parses the file whole first, or, when
    :attr:`DataFiles.streamed`, parses one row at a time and holds none."""

    def __init__(self, files: Files, name: str, table: str) -> None:
        self._files, self._name, self._table = files, name, table

    def _whole(self) -> dict[str, Any]:
        return self._files.rows(self._name, self._table)

    def column(self, field: str) -> Mapping[str, Any]:
        """One field of every row (:meth:`RowIndex.column`), without parsing the rest."""
        edits = self._files.edits(self._name)  # before the index: a whole parse takes them in
        index = self._files.row_index(self._name, self._table)
        if index is not None:
            with contextlib.suppress(ValueError):  # parsed whole: refused there if bad
                found = index.column(field)
                return found if edits is None else edits.column(found, field)
        return column_of(self._whole(), field)

    def get(self, key: str, default: Any = None) -> Any:
        edits = self._files.edits(self._name)
        if edits is not None and edits.holds(key):
            row = edits.row(key)
            return default if row is None else row
        found = self._files.peek(self._name, self._table, key)
        if found is not None:
            return found
        index = self._files.row_index(self._name, self._table)
        if index is None:
            return self._whole().get(key, default)
        try:
            row = index.get(key)
        except ValueError:  # not as the index says: parsed whole, refused there if bad
            return self._whole().get(key, default)
        return default if row is None else row

    def __getitem__(self, key: str) -> Any:
        row = self.get(key, _MISSING)
        if row is _MISSING:
            raise KeyError(key)
        return row

    def __contains__(self, key: object) -> bool:
        edits = self._files.edits(self._name)
        if edits is not None:
            return key in edits
        if self._files.found(self._name, key):
            return True
        index = self._files.row_index(self._name, self._table)
        return key in (index if index is not None else self._whole())

    def __iter__(self) -> Iterator[str]:
        edits = self._files.edits(self._name)
        if edits is not None:
            return iter(list(edits.ids()))
        index = self._files.row_index(self._name, self._table)
        return iter(index.ids() if index is not None else list(self._whole()))

    def __len__(self) -> int:
        edits = self._files.edits(self._name)
        if edits is not None:
            return len(edits)
        index = self._files.row_index(self._name, self._table)
        return len(index if index is not None else self._whole())

    def items(self) -> ItemsView[str, Any]:
        return _StreamedItems(self) if self._files.streamed else self._whole().items()

    def values(self) -> ValuesView[Any]:
        return _StreamedValues(self) if self._files.streamed else self._whole().values()

    def stream(self) -> Iterator[tuple[str, Any]]:
        """Every row as changed so far, each parsed alone from one read of the file.
        The changes are the ones made when the walk began (as a copy of a parsed
        file's rows would be)."""
        files, name = self._files, self._name
        edits = files.edits(name)
        index = files.row_index(name, self._table)
        if index is None:  # parsed whole (not laid out as written here, or merged)
            yield from list(self._whole().items())
            return
        changed = dict(edits.changed) if edits is not None else {}
        added = list(edits.added.items()) if edits is not None else []
        done = 0
        try:
            for row_id, parsed in index.rows():
                row = changed.get(row_id, parsed) if changed else parsed
                if row is None:
                    continue  # removed
                yield row_id, row
                done += 1
        except ValueError:
            # Not as the index says: parsed whole (refused there if bad). A row parsed
            # alone keeps its place in the file, as in the whole parse: the rest from it.
            yield from itertools.islice(list(self._whole().items()), done, None)
            return
        yield from added


class _StreamedItems(ItemsView[str, Any]):
    """A streamed file's rows as ``items()``: each walk parses them one at a time."""

    _mapping: RecordsView

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return self._mapping.stream()


class _StreamedValues(ValuesView[Any]):
    _mapping: RecordsView

    def __iter__(self) -> Iterator[Any]:
        return (row for _, row in self._mapping.stream())


_MISSING: Any = object()


def column_of(rows: Mapping[str, Any], field: str) -> dict[str, Any]:
    """One field of every parsed row (a row without it, or not a record: absent)."""
    return {rid: row[field] for rid, row in rows.items() if isinstance(row, dict) and field in row}
