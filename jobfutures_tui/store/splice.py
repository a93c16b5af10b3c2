"""Changing a few rows of a collection file by writing them into its bytes.

A command that moves one job future changed one row of 5,000, yet parsed the
whole file, validated nothing new, and serialised all of it again: about 25 ms
and 15 MB at 5,000 job futures, and three files for ``add`` (docs/storage.md,
"Writing"). While a file is read a record at a time (store/row_index.py), its
changes are kept here instead, as rows replaced, removed and added, and the
new file is the old one's bytes with those rows written in.

The result is the bytes :func:`~jobfutures_tui.store.snapshot.dumps` would
give for the same rows changed the same way in a parsed file: a replaced row
keeps its place, a removed one goes, an added one comes last (a dict's order),
and every unchanged row is the same bytes as before. A test holds the two to
the same bytes for random changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import orjson

from jobfutures_tui.store.merge import Unparsed
from jobfutures_tui.store.row_index import KeptSpans, RowIndex

Row = dict[str, Any]


class RowEdits:
    """The changes made to one file's rows since it was indexed. Rows handed in are
    stored as given and never changed (as TinyDB's tables are: store/storage.py)."""

    def __init__(self, index: RowIndex) -> None:
        self.index = index
        self.changed: dict[str, Row | None] = {}
        """Rows of the file replaced (the new row) or removed (None)."""
        self.added: dict[str, Row] = {}
        """Rows the file did not hold, in the order added."""

    # What TinyDB's table offers, as the repository changes a file (store/repository.py).

    def replace(self, document: Mapping[str, Any]) -> None:
        """The row with the document's id, replaced (nothing if there is none)."""
        row_id = str(getattr(document, "doc_id", None) or document["id"])
        if row_id in self.added:
            self.added[row_id] = dict(document)
        elif self._in_file(row_id):
            self.changed[row_id] = dict(document)

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> None:
        for document in documents:
            row_id = str(getattr(document, "doc_id", None) or document["id"])
            if row_id in self:
                raise ValueError(f"Document with ID {row_id} already exists")
            self.added[row_id] = dict(document)

    def remove(self, *, doc_ids: Iterable[str]) -> None:
        for row_id in doc_ids:
            if self.added.pop(row_id, None) is None:
                if not self._in_file(row_id):
                    raise KeyError(row_id)
                self.changed[row_id] = None

    # Reading through the changes.

    def _in_file(self, row_id: str) -> bool:
        return row_id in self.index and self.changed.get(row_id, True) is not None

    def __contains__(self, row_id: object) -> bool:
        return isinstance(row_id, str) and (row_id in self.added or self._in_file(row_id))

    def holds(self, row_id: str) -> bool:
        """Whether the row is one these changes decide (replaced, removed or added)."""
        return row_id in self.changed or row_id in self.added

    def row(self, row_id: str) -> Row | None:
        """The row as changed (call only where :meth:`holds`)."""
        return self.added.get(row_id) if row_id in self.added else self.changed[row_id]

    def ids(self) -> Iterator[str]:
        changed = self.changed
        for row_id in self.index.ids():
            if changed.get(row_id, True) is not None:
                yield row_id
        yield from self.added

    def __len__(self) -> int:
        removed = sum(row is None for row in self.changed.values())
        return len(self.index) - removed + len(self.added)

    def column(self, found: Mapping[str, Any], field: str) -> Mapping[str, Any]:
        """A column of the file's rows (``found``) as the changes leave it."""
        if not (self.changed or self.added):
            return found
        column = dict(found)
        for row_id, row in [*self.changed.items(), *self.added.items()]:
            if row is not None and field in row:
                column[row_id] = row[field]
            else:
                column.pop(row_id, None)
        return column

    def apply_to(self, rows: dict[str, Row]) -> None:
        """Make the changes in the file's rows, parsed whole (the same order as here)."""
        for row_id, row in self.changed.items():
            if row is None:
                rows.pop(row_id, None)
            else:
                rows[row_id] = row
        rows.update(self.added)

    def snapshot(self, table: str) -> Spliced:
        """The file as changed so far, made into bytes when the writer gets to it."""
        return Spliced(self.index, table, dict(self.changed), dict(self.added), len(self))


class Spliced:
    """A file's new contents: its indexed version's bytes with the changed rows written
    in (see the module docstring). Called on the writer's thread, like a Snapshot.

    It notes where it put each row it wrote, so the rows of the file can be kept in
    the derived index (:meth:`kept`): the next command then finds them there, not by
    indexing the file again (10 to 15 ms per file at 5,000 job futures:
    docs/storage.md, "The derived index")."""

    __slots__ = ("_made", "added", "changed", "index", "records", "table", "written")

    def __init__(
        self,
        index: RowIndex,
        table: str,
        changed: dict[str, Row | None],
        added: dict[str, Row],
        records: int,
    ) -> None:
        self.index, self.table = index, table
        self.changed, self.added, self.records = changed, added, records
        self.written: Unparsed | None = None
        """The version last made, as handed to the commit (see :meth:`held`)."""
        self._made: tuple[int, dict[str, tuple[int, int]]] | None = None
        """Where the first row starts in the bytes last made, and each row written there
        (its span)."""

    def __call__(self) -> bytes:
        spans = self.index.spans
        places = sorted((spans[row_id], row_id) for row_id in self.changed)
        head = b'{"' + self.table.encode() + b'":{'
        parts: list[bytes] = [head]  # joined once: a second join copied 3.4 MB again
        rows: dict[str, tuple[int, int]] = {}
        at_out = len(head)  # where the next segment starts in the new bytes

        def add(segment: bytes, row_id: str | None = None, key: int = 0) -> None:
            nonlocal at_out
            if row_id is not None:
                rows[row_id] = (at_out + key, at_out + len(segment))
            if len(parts) > 1:
                parts.append(b",")
            parts.append(segment)
            at_out += len(segment) + 1  # and the comma after it

        if spans:
            # Rows run from the first key's quote to the last row's closing brace,
            # one comma between two: ``"<id>":{…},"<id>":{…}``.
            first = min(start for start, _ in spans.values()) - _KEY_BEFORE_ROW
            last = max(end for _, end in spans.values())
            at = first
            for (start, end), row_id in places:
                key = start - _KEY_BEFORE_ROW
                if key > at:
                    add(self.index.read(at, key - 1))  # the rows before
                row = self.changed[row_id]
                if row is not None:
                    add(*_row_bytes(row_id, row))
                at = end + 1  # past the comma after it
            if at < last:
                add(self.index.read(at, last))
        for row_id, row in self.added.items():
            add(*_row_bytes(row_id, row))
        self._made = (len(head) + _KEY_BEFORE_ROW, rows)
        parts.append(b"}}\n")
        return b"".join(parts)

    def held(self, data: bytes) -> Unparsed:
        """The version written, as the base of a later merge (parsed only if one is needed)."""
        self.written = Unparsed(data, self.records)
        return self.written

    def kept(self) -> tuple[str, int, list[int]] | None:
        """The rows of the bytes last made as the derived index keeps them
        (kept_rows.rows_text): their ids in order, where the first starts, and each
        one's length; None: none made yet. A row not written keeps its length, so the
        rows between two changed ones are taken as they are, not worked out one by
        one (12 ms for the two files an ``add`` writes at 5,000 job futures)."""
        if self._made is None:
            return None
        first, rows = self._made
        old = self.index.spans
        ids = list(old)
        lengths = [end - start for start, end in old.values()]
        where = dict(zip(ids, range(len(ids)), strict=True))
        kept_ids: list[str] = []
        kept_lengths: list[int] = []
        start = 0
        for cut in [*sorted(where[row_id] for row_id in self.changed), len(ids)]:
            kept_ids += ids[start:cut]
            kept_lengths += lengths[start:cut]
            if cut < len(ids) and self.changed[ids[cut]] is not None:  # replaced in place
                kept_ids.append(ids[cut])
                kept_lengths.append(rows[ids[cut]][1] - rows[ids[cut]][0])
            start = cut + 1
        kept_ids += self.added
        kept_lengths += [rows[row_id][1] - rows[row_id][0] for row_id in self.added]
        return "".join(kept_ids), first, kept_lengths

    def spans(self) -> dict[str, tuple[int, int]] | None:
        """Where each row lies in the bytes last made, in the file's order, as
        :meth:`RowIndex.spans` gives them (None: none made yet)."""
        made = self.kept()
        return None if made is None else dict(KeptSpans(*made, text="").items())


_KEY_BEFORE_ROW = 32 + 3
"""A row's key, ``"<id>":``, stands just before its opening brace (ids: 32 characters)."""


def _row_bytes(row_id: str, row: Row) -> tuple[bytes, str, int]:
    """A row as the file holds it, ``"<id>":{…}``, its id and where its ``{`` is."""
    key = orjson.dumps(row_id) + b":"
    return key + orjson.dumps(row), row_id, len(key)
