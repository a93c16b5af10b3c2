"""Finding one record in a collection file without parsing the rest of it.

A command that logs a touch reads a person or two out of thousands; parsing
``people.json`` whole held 16 MB at 5,000 job futures, with a transient peak of
50 MB more while orjson built it (docs/storage.md, "Reading"). Every
collection file is written by :func:`~jobfutures_tui.store.snapshot.dumps` in
one compact line, ``{"<table>":{"<id>":{"id":"<id>",…},…}}``, so the rows can
be found by their keys in the bytes and parsed one at a time.

They are trusted to be found so only when the file proves it: it starts and
ends as one table written that way, every row found starts with its own id,
the file holds exactly as many ``"id":"`` keys as rows found, and no object
closes twice before another key (a second table; rows here hold no objects).
Inside a JSON string a quote is escaped, so none of these can hide there. Anything
else (a file edited by hand, written by another tool or by a later version
with records nested by id) is parsed whole, as before.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Callable, Iterator, Mapping
from itertools import accumulate, repeat
from operator import add
from pathlib import Path
from typing import Any

import orjson

from jobfutures_tui.store.files import read_range

ID_LENGTH = 32
"""Characters in an id (uuid4 hex, models/entities.py)."""
_ID_KEY = re.compile(rb'"id":"')
_HEAD_OPEN = b'":{'
_HEAD_BEFORE_ID = len(_HEAD_OPEN)
"""A row starts ``"<id>":{"id":"<id>"``: its ``"id":"`` comes 3 bytes after the key."""
_QUOTE = ord('"')
_BRACKET = ord("[")


Read = Callable[[int, int], bytes]
"""The bytes at (start, end) of the file as it was indexed."""
Spans = Mapping[str, tuple[int, int]]
"""Each row's place in a file (see :attr:`RowIndex.spans`), in the file's order."""


ROW_GAP = ID_LENGTH + 4
"""Bytes from the end of a row to the start of the next: the comma and the next row's
key, ``,"<id>":`` (rows lie one after the other, as :meth:`RowIndex.of` requires)."""


class KeptSpans(Mapping[str, tuple[int, int]]):
    """Rows' places as the derived index keeps them (kept_rows.py): the ids one after
    the other, each :data:`ID_LENGTH` long, where the first row starts, and each row's
    length (the rows lie one after the other, :data:`ROW_GAP` apart: a change that
    rewrote some rows leaves the others' lengths as they were, so keeping the places
    after it costs no work per row). A row is looked up where its id stands in that
    text; the dict of them all is made the first time they are walked, or after
    :data:`FEW_ROWS` lookups. A command that reads one person of 9,000 made them all
    into pairs: about 3 ms of its time at 5,000 job futures (docs/storage.md, "The
    derived index"). The text is taken only if its ids match the CRC kept with them
    (kept_rows.spans_of): written from a dict, no id stands twice in it."""

    __slots__ = ("_first", "_ids", "_lengths", "_looked_up", "_starts", "_whole", "text")

    def __init__(self, ids: str, first: int, lengths: list[int], text: str) -> None:
        self._ids, self._first, self._lengths = ids, first, lengths
        self.text = text
        """What the index kept, to keep again as it is while the file is unchanged."""
        self._starts: list[int] | None = None
        self._whole: dict[str, tuple[int, int]] | None = None
        self._looked_up = 0

    def __getitem__(self, row_id: str) -> tuple[int, int]:
        if self._whole is None and self._looked_up < FEW_ROWS:
            self._looked_up += 1
            at = self._at(row_id)
            if at < 0:
                raise KeyError(row_id)
            start = self._row_starts()[at]
            return start, start + self._lengths[at]
        return self.whole()[row_id]

    def __contains__(self, row_id: object) -> bool:
        try:
            self[row_id]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def get(self, row_id: str, default: Any = None) -> Any:
        try:
            return self[row_id]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self._whole) if self._whole is not None else len(self._lengths)

    def keys(self) -> Any:
        return self.whole().keys()

    def values(self) -> Any:
        return self.whole().values()

    def items(self) -> Any:
        return self.whole().items()

    def ends(self) -> list[str]:
        """The first, middle and last ids, to check against the file (:meth:`PinnedFile.kept`)."""
        if self._whole is not None:
            ids = list(self._whole)
            return [ids[0], ids[len(ids) // 2], ids[-1]] if ids else []
        count = len(self._lengths)
        return [self._id(n) for n in sorted({0, count // 2, count - 1})] if count else []

    def whole(self) -> dict[str, tuple[int, int]]:
        if self._whole is None:
            starts = self._row_starts()
            ids = [self._id(n) for n in range(len(self._lengths))]
            places = zip(starts, map(add, starts, self._lengths), strict=False)  # starts: +1
            self._whole = dict(zip(ids, places, strict=True))
            self._ids, self._lengths, self._starts = "", [], None  # not held twice
        return self._whole

    def _row_starts(self) -> list[int]:
        """Where each row starts (and one more, past the last): summed once, in C."""
        if self._starts is None:
            steps = map(add, self._lengths, repeat(ROW_GAP))
            self._starts = list(accumulate(steps, initial=self._first))
        return self._starts

    def _id(self, n: int) -> str:
        return self._ids[n * ID_LENGTH : (n + 1) * ID_LENGTH]

    def _at(self, row_id: object) -> int:
        """Which row ``row_id`` is (-1: none): where it stands whole, not across two ids."""
        if type(row_id) is not str or len(row_id) != ID_LENGTH:
            return -1
        at = self._ids.find(row_id)
        while at > 0 and at % ID_LENGTH:
            at = self._ids.find(row_id, at + 1)
        return at // ID_LENGTH if at >= 0 else -1


class RowIndex:
    """Where each row of a compact one-table file lies, and each row parsed when it is
    looked up (and not kept: the caller keeps what it needs)."""

    def __init__(self, read: Read, spans: Spans) -> None:
        self._read = read
        self._spans = spans
        self._columns: dict[str, dict[str, Any]] = {}

    @classmethod
    def of(cls, data: bytes, table: str, *, read: Read | None = None) -> RowIndex | None:
        """The rows of ``data``, if it is laid out as written here (None: parse it whole).

        Every ``"id":"`` in the file is found in one scan of the bytes, and each must be
        the head of a row, ``"<id>":{"id":"<id>"``; the checks then run over all of
        them at once. A loop over the rows cost 25 ms for 5,000 job futures; this
        costs about 10 (docs/storage.md, "Reading")."""
        head = b'{"' + table.encode() + b'":{'
        size = len(data) - 1 if data.endswith(b"\n") else len(data)  # no copy of 4 MB
        if not data.startswith(head) or not data.endswith(b"}}", 0, size):
            return None
        end = size - 2  # the table's closing brace
        read = read or (lambda start, stop: data[start:stop])
        if end == len(head):
            return cls(read, {})  # an empty table
        # Where each row's ``"<id>":{"id":"`` starts: at its key's closing quote.
        heads = [found.start() - _HEAD_BEFORE_ID for found in _ID_KEY.finditer(data)]
        if not heads or heads[0] != len(head) + ID_LENGTH + 1:
            return None
        keys = [data[at - ID_LENGTH : at] for at in heads]
        if not (
            all(data[at : at + _HEAD_BEFORE_ID] == _HEAD_OPEN for at in heads)
            and [data[at + 9 : at + 9 + ID_LENGTH] for at in heads] == keys  # the id is the key
            and all(
                data[at - ID_LENGTH - 1] == _QUOTE and data[at + 9 + ID_LENGTH] == _QUOTE
                for at in heads
            )
            and all(data[at - ID_LENGTH - 2] in b"{," for at in heads)
        ):
            return None  # an id not at the head of a row (nested records), or no key
        if b'}},"' in data:
            return None  # a second table, or rows holding objects: not as written here
        ends = [at - ID_LENGTH - 2 for at in heads[1:]]
        ends.append(end)
        starts = [at + 2 for at in heads]
        places = zip(starts, ends, strict=True)
        spans = dict(zip((key.decode() for key in keys), places, strict=True))
        if len(spans) != len(heads):
            return None  # an id twice
        return cls(read, spans)

    def __contains__(self, row_id: object) -> bool:
        return row_id in self._spans

    @property
    def spans(self) -> Mapping[str, tuple[int, int]]:
        """Each row's place in the file, from its opening brace to just past its closing one."""
        return self._spans

    def read(self, start: int, end: int) -> bytes:
        """The bytes at (start, end) of the version indexed."""
        return self._read(start, end)

    def __len__(self) -> int:
        return len(self._spans)

    def ids(self) -> list[str]:
        return list(self._spans)

    def get(self, row_id: str) -> dict[str, Any] | None:
        """The row, parsed (None if there is none; ValueError if it does not parse)."""
        span = self._spans.get(row_id)
        if span is None:
            return None
        row = orjson.loads(self._read(*span))
        if not isinstance(row, dict) or row.get("id") != row_id:
            raise ValueError(f"record {row_id} is not where the file says")
        return row

    def column(self, field: str) -> Mapping[str, Any]:
        """One field of every row (a row without it: absent), read from the bytes where
        its value is a plain string, null or a list of plain strings at the row's top
        level, else from the row parsed alone (ValueError if it does not parse). Finding
        which job futures are open, or every company's name, took a parse of the whole
        file: 17 to 30 ms and 15 MB at 5,000 job futures, where this takes 3 to 9 ms
        (docs/storage.md, "Reading")."""
        if field not in self._columns:
            self._columns[field] = self._column(field)
        return self._columns[field]

    def _column(self, field: str) -> dict[str, Any]:
        if not self._spans:
            return {}
        first = min(start for start, _ in self._spans.values())
        blob = self._read(first, max(end for _, end in self._spans.values()))  # one read
        key = b'"' + field.encode() + b'":'
        after = len(key)
        find = blob.find
        found: dict[str, Any] = {}
        for row_id, (start, end) in self._spans.items():
            start, end = start - first, end - first
            at = find(key, start, end)
            if at >= 0 and find(b"{", start + 1, at) < 0:  # no object opened before it
                value = at + after
                if blob[value] == _QUOTE:
                    close = find(b'"', value + 1, end)
                    if close > 0 and find(b"\\", value + 1, close) < 0:  # nothing escaped
                        found[row_id] = blob[value + 1 : close].decode()
                        continue
                elif blob.startswith(b"null", value):
                    found[row_id] = None
                    continue
                elif blob[value] == _BRACKET:
                    close = find(b"]", value + 1, end)
                    strings = _plain_strings(blob[value + 1 : close]) if close > 0 else None
                    if strings is not None:
                        found[row_id] = strings
                        continue
            row = orjson.loads(blob[start:end])
            if not isinstance(row, dict) or row.get("id") != row_id:
                raise ValueError(f"record {row_id} is not where the file says")
            if field in row:
                found[row_id] = row[field]
        return found

    def every_row(self) -> dict[str, dict[str, Any]]:
        """Every row, each parsed alone (ValueError if one does not parse): the same
        dict a whole parse gives, without its peak (orjson held 44 MB more than the
        result while parsing 3.4 MB of job futures whole)."""
        return dict(self.rows())

    def rows(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every row, parsed one at a time from one read of the file and kept by no one
        here (ValueError if one does not parse)."""
        spans = list(self._spans.items())
        if not spans:
            return
        first = min(start for _, (start, _) in spans)
        blob = self._read(first, max(end for _, (_, end) in spans))  # one read
        for row_id, (start, end) in spans:
            row = orjson.loads(blob[start - first : end - first])
            if not isinstance(row, dict) or row.get("id") != row_id:
                raise ValueError(f"record {row_id} is not where the file says")
            yield row_id, row


def _plain_strings(inside: bytes) -> list[str] | None:
    """The strings of a JSON array, from what is between its brackets, when each is a
    plain string (nothing escaped, so a quote only opens or closes one); None else."""
    if not inside:
        return []
    if b"\\" in inside or inside[:1] != b'"' or inside[-1:] != b'"':
        return None
    parts = inside[1:-1].split(b'","')
    if any(b'"' in part for part in parts):
        return None
    return [part.decode() for part in parts]


FEW_ROWS = 4
"""Rows found straight in a file's bytes before its rows are indexed."""
_NEXT_HEAD = b'":{"id":"'


class PinnedFile:
    """One version of a collection file, held open: the version read is the one every
    later read sees, whatever replaces the file meanwhile. A command that reads one
    person or two finds each straight in the bytes (a search for its head, ``"<id>":
    {"id":"<id>"``, which no string can hold); more than :data:`FEW_ROWS`, or anything
    the search cannot answer plainly, and the rows are indexed (:class:`RowIndex`).
    Indexing the 9,000 people of 5,000 job futures took 15 ms for a ``log`` that reads
    two of them (docs/storage.md, "Reading")."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._indexed = False
        self._found = 0
        self._seen: dict[str, dict[str, Any]] = {}
        """The rows found, kept: the same few are asked for again and again."""
        weakref.finalize(self, os.close, fd)

    @classmethod
    def open(cls, path: Path) -> PinnedFile:
        return cls(os.open(path, os.O_RDONLY))

    def row(self, row_id: str) -> dict[str, Any] | None:
        """The row, found in the bytes (None: ask the index; it may or may not be there)."""
        if self._indexed:
            return None
        seen = self._seen.get(row_id)
        if seen is not None or self._found >= FEW_ROWS or len(row_id) != ID_LENGTH:
            return seen
        self._found += 1
        # Read again each time, not held: a command's peak comes later, at its commit.
        data = self.read_all()
        key = row_id.encode()
        head = b'"' + key + _NEXT_HEAD + key + b'"'
        at = data.find(head)
        if at < 0 or data.find(head, at + 1) >= 0:
            return None  # not there plainly, or twice: the index says which
        start = at + ID_LENGTH + 3  # the row's opening brace
        after = data.find(_NEXT_HEAD, start)
        if after >= 0:
            end = after - ID_LENGTH - 2  # the comma before the next row's key
            if data[end] != ord(","):
                return None
        else:
            end = len(data) - (3 if data.endswith(b"\n") else 2)
            if data[end : end + 2] != b"}}":
                return None
        try:
            row = orjson.loads(data[start:end])
        except ValueError:
            return None
        if not isinstance(row, dict) or row.get("id") != row_id:
            return None
        self._seen[row_id] = row
        return row

    def holds(self, row_id: str) -> bool:
        """Whether :meth:`row` found this row (False: ask the index)."""
        return row_id in self._seen

    def kept(self, spans: Spans) -> RowIndex | None:
        """The rows where the index kept them (kept_rows.py), read from this version;
        None if the first, middle or last row is not where they say (a file that kept
        its fingerprint through a change: find them again)."""
        ids = list(spans) if not isinstance(spans, KeptSpans) else spans.ends()
        for row_id in {ids[0], ids[len(ids) // 2], ids[-1]} if ids else ():
            start, end = spans[row_id]
            head = b'{"id":"' + row_id.encode() + b'"'
            if end - start < len(head) or self._pread(start, start + len(head)) != head:
                return None
        self._indexed = True
        return RowIndex(self._pread, spans)

    def index(self, table: str) -> RowIndex | None:
        """Where every row lies (None: not laid out as written here: parse it whole).
        Rows are read through the descriptor from then on; the bytes are let go."""
        self._indexed = True
        return RowIndex.of(self.read_all(), table, read=self._pread)

    def read_all(self) -> bytes:
        """The whole of this version of the file."""
        return read_range(self._fd, 0, os.fstat(self._fd).st_size)

    def _pread(self, start: int, end: int) -> bytes:
        return read_range(self._fd, start, end)
