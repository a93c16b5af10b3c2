"""The derived index's sections of texts (the summaries, the decisions), found in
its bytes one at a time, and written back into them (docs/storage.md, "The derived
index").

The summaries are most of the index: 3.2 MB of JSON text at 5,000 job futures, one
string per job future; the decisions 1.3 MB more. A command that logs a touch reads
one or two of them, yet parsing them all took about 7 ms of the index's 14, and 10
MB of its peak memory; writing the index at close serialised them all again. So the
index keeps them last, and a command finds each text it reads by its key in the
bytes, and writes the index back as those bytes with the texts it changed written in.

A key ``"<id>":`` with bare quotes can only be a key of a section's object: inside a
text every quote is escaped. Anything not laid out so (an index edited by hand, a
value that is not text) is parsed whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from jobfutures_tui.engine.history import CadenceSummary

MANY = 4
"""Summaries found one at a time before the rest are parsed at once (the board reads
thousands: a search each would cost more than one parse)."""

_REMOVED: Any = object()

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
"""A JSON string, to its closing quote: runs of plain bytes matched at once, each
escape (a backslash and the byte after it) between them, where looking for the next
quote and counting the backslashes before it went one escaped quote at a time (a
decision's text holds dozens; a longer text, thousands: 20 ms for one of 300 KB)."""
_FEW = 8
"""Quotes looked for one at a time before the expression takes over (:func:`string_end`)."""

Chunks = list[bytes | memoryview]
"""A file's bytes in pieces, written one after the other: the index written back is
mostly slices of the one read, and joining them first held it twice (docs/storage.md)."""


def string_end(data: bytes, at: int, end: int) -> int:
    """Where the JSON string whose opening quote is at ``at`` ends (past its closing
    quote; -1 if not before ``end``). A text with few escaped quotes is stepped through
    a quote at a time, at the speed of a byte search: the expression reads each byte in
    Python's regular expression engine, 4 ms for the 430 KB where the index keeps the
    rows of 9,000 people, which hold two escaped quotes. A text with more (a decision
    holds dozens) is left to the expression."""
    quote = at
    for _ in range(_FEW):
        quote = data.find(b'"', quote + 1, end)
        if quote < 0:
            return -1
        before = quote - 1
        while data[before] == 0x5C:  # a backslash: an even run of them escapes nothing
            before -= 1
        if (quote - 1 - before) % 2 == 0:
            return quote + 1
    text = _STRING.match(data, at, end)
    return text.end() if text is not None else -1


class StoredTexts:
    """The summaries as the index stores them (JSON text by job future id): found in
    ``data[start:end]`` (the summaries' object) when asked for, or given parsed."""

    def __init__(self, data: bytes = b"", start: int = 0, end: int = 0) -> None:
        self._data, self._start, self._end = data, start, end
        self._parsed: dict[str, Any] | None = None if data else {}
        self._asked = 0

    @classmethod
    def of(cls, parsed: dict[str, Any]) -> StoredTexts:
        texts = cls()
        texts._parsed = parsed
        return texts

    @property
    def in_bytes(self) -> bool:
        """Whether they are still the index's bytes (so they can be written back spliced)."""
        return self._parsed is None

    def get(self, prospect_id: str) -> Any:
        """The stored value (JSON text, or whatever a hand put there); None if absent."""
        if self._parsed is None:
            self._asked += 1
            if self._asked <= MANY:
                found = self._find(prospect_id)
                if found is not _REMOVED:
                    return found
            self._parse()
        assert self._parsed is not None
        return self._parsed.get(prospect_id)

    def every(self) -> dict[str, Any]:
        if self._parsed is None:
            self._parse()
        assert self._parsed is not None
        return self._parsed

    def _parse(self) -> None:
        parsed = orjson.loads(self._data[self._start : self._end])
        self._parsed = parsed if isinstance(parsed, dict) else {}
        self._data = b""

    def _span(self, prospect_id: str) -> tuple[int, int] | None:
        """Where the entry ``"<id>":"<text>"`` lies (None: not there; ValueError: not
        laid out as written here)."""
        key = orjson.dumps(prospect_id) + b":"
        at = self._data.find(key, self._start, self._end)
        if at < 0:
            return None
        value = at + len(key)
        if self._data[at - 1] not in b"{," or self._data[value] != ord('"'):
            raise ValueError(prospect_id)
        text_end = string_end(self._data, value, self._end)
        if text_end < 0:
            raise ValueError(prospect_id)
        return at, text_end

    def _find(self, prospect_id: str) -> Any:
        try:
            span = self._span(prospect_id)
        except ValueError:
            return _REMOVED  # parsed whole instead
        if span is None:
            return None
        start, end = span
        text = orjson.loads(self._data[start:end].partition(b":")[2])
        return text

    def mentioning(self, record_ids: Iterable[str]) -> set[str] | None:
        """The ids of the texts that hold any of ``record_ids``, found in the bytes
        (None: they are parsed, or an id would be escaped in them: ask each text).

        Outside a text, a bare ``":"`` can only end an entry's key: the key of the text
        an id is found in is the one before it."""
        if self._parsed is not None:
            return None
        data, begin, end = self._data, self._start, self._end
        found: set[str] = set()
        for record_id in record_ids:
            needle = record_id.encode()
            if orjson.dumps(record_id) != b'"' + needle + b'"' or not needle:
                return None
            at = data.find(needle, begin, end)
            while at >= 0:
                after = at + len(needle)
                if data[at - 1 : at] == b'"' and data[after : after + 2] == b'":':
                    found.add(record_id)  # the key of its own text
                else:
                    key_end = data.rfind(b'":"', begin, at)
                    key_start = data.rfind(b'"', begin, key_end) + 1
                    if key_end < 0 or key_start <= begin:
                        return None
                    found.add(data[key_start:key_end].decode())
                at = data.find(needle, after, end)
        return found

    def spliced(self, changed: dict[str, str | None]) -> Chunks | None:
        """The summaries' object with ``changed`` written in (an id → its new text, or
        None: gone), as the stored bytes' slices between the new entries, not copied;
        None if it cannot be (then the index is written whole)."""
        if self._parsed is not None:
            return None
        try:
            places = sorted(
                (span, prospect_id)
                for prospect_id in changed
                if (span := self._span(prospect_id)) is not None
            )
        except ValueError:
            return None
        found = {prospect_id for _, prospect_id in places}
        data = memoryview(self._data)
        segments: list[bytes | memoryview] = []
        at = self._start + 1  # past the object's opening brace
        last = self._end - 1  # its closing brace
        for (start, end), prospect_id in places:
            if start > at:
                segments.append(data[at : start - 1])  # the entries before, no comma
            text = changed[prospect_id]
            if text is not None:
                segments.append(_entry(prospect_id, text))
            at = end + 1  # past the comma after it
        if at < last:
            segments.append(data[at:last])
        segments.extend(
            _entry(prospect_id, text)
            for prospect_id, text in changed.items()
            if text is not None and prospect_id not in found
        )
        chunks: Chunks = [b"{"]
        for segment in segments:
            chunks += (segment, b",")
        if segments:
            chunks.pop()  # the last comma
        chunks.append(b"}")
        return chunks


def _entry(prospect_id: str, text: str) -> bytes:
    return orjson.dumps(prospect_id) + b":" + orjson.dumps(text)


class Summaries:
    """Each job future's summary as this process knows it: decoded or changed here,
    else as stored in the index (:class:`StoredTexts`), with what changed kept apart
    so the index can be written back spliced."""

    def __init__(self, stored: StoredTexts | None = None) -> None:
        self._stored = stored if stored is not None else StoredTexts.of({})
        self._known: dict[str, CadenceSummary | str | None] = {}
        """Decoded or changed here; None: it has no summary any more."""
        self.changed: set[str] = set()

    def get(self, prospect_id: str) -> CadenceSummary | str | None:
        if prospect_id in self._known:
            return self._known[prospect_id]
        return self._stored.get(prospect_id)

    def decoded(self, prospect_id: str, summary: CadenceSummary) -> None:
        """Keep a stored summary decoded (not a change)."""
        self._known[prospect_id] = summary

    def set(self, prospect_id: str, summary: CadenceSummary) -> None:
        self._known[prospect_id] = summary
        self.changed.add(prospect_id)

    def drop(self, prospect_id: str) -> None:
        self._known[prospect_id] = None
        self.changed.add(prospect_id)

    def clear(self) -> None:
        self._stored = StoredTexts.of({})
        self._known.clear()
        self.changed.clear()

    def ids(self) -> Iterator[str]:
        """Every job future with a summary (the stored ones parsed, if not yet)."""
        for prospect_id in self._stored.every():
            if self._known.get(prospect_id, True) is not None:
                yield prospect_id
        stored = self._stored.every()
        for prospect_id, known in list(self._known.items()):
            if known is not None and prospect_id not in stored:
                yield prospect_id

    def spliced(self) -> Chunks | None:
        """The summaries' object as stored, with the changes written in (None: write
        it whole from :meth:`ids`)."""
        changed: dict[str, str | None] = {}
        for prospect_id in self.changed:
            known = self._known.get(prospect_id)
            if isinstance(known, CadenceSummary):
                changed[prospect_id] = text_of(known)
            else:
                changed[prospect_id] = known
        return self._stored.spliced(changed)


def text_of(summary: CadenceSummary) -> str:
    """A summary as the index stores it."""
    return orjson.dumps(summary.to_json()).decode()
