"""Where each collection file's rows lie, kept in the derived index from one session
to the next (docs/storage.md, "The derived index").

The app finds every row of its collection files as it opens (:mod:`row_index`):
at 5,000 job futures, the rows of 9,000 people, 5,000 job futures and 4,000
companies cost about 45 ms of its first frame, the most of what that size adds
to it. A file that is still the one whose rows were found (the same size,
modification time and inode) has them where they were. So the index keeps,
for each such file, its fingerprint beside the rows' ids and places, and the
next open takes them from there: about 8 ms for the same files. Anything odd (a
text that does not read back, another fingerprint) and the rows are found in
the file again; the index never decides what a record holds, only where to
look, and a row read from the wrong place is refused by its id
(:meth:`RowIndex.get`).
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import orjson

from jobfutures_tui.store.row_index import ID_LENGTH, ROW_GAP, KeptSpans, Spans
from jobfutures_tui.store.stored_summaries import StoredTexts

ROWS = "rows"
"""The index's section of texts for the rows."""
ROW_FILES = "row_files"
"""The entry of the index's head: each file whose rows are kept → its fingerprint."""


def spans_text(spans: Spans) -> str | None:
    """What the index keeps of a file's rows (:func:`rows_text`) from their places;
    None if the rows do not lie one after the other, or an id is not :data:`ID_LENGTH`
    long."""
    if isinstance(spans, KeptSpans):
        return spans.text  # as it was read, the file unchanged
    places = list(spans.values())
    lengths = [end - start for start, end in places]
    first = places[0][0] if places else 0
    if places and places[-1][1] != first + sum(lengths) + ROW_GAP * (len(places) - 1):
        return None
    return rows_text("".join(spans), first, lengths)


def rows_text(ids: str, first: int, lengths: list[int]) -> str | None:
    """What the index keeps of a file's rows: their ids one after the other (each
    :data:`ID_LENGTH` long), where the first starts, each one's length, and a CRC of the
    ids (a damaged text is never trusted: a lookup reads one id's place without checking
    that no other id stands twice); None if an id is not so."""
    if len(ids) != ID_LENGTH * len(lengths):
        return None
    return orjson.dumps([ids, first, lengths, zlib.crc32(ids.encode())]).decode()


def spans_of(text: Any) -> Spans | None:
    """The rows' places kept as :func:`rows_text` wrote them (None: anything else,
    such as a text whose ids do not match their CRC, or one an older version wrote)."""
    try:
        value = orjson.loads(text) if isinstance(text, str) else None
    except orjson.JSONDecodeError:
        return None
    if not (isinstance(value, list) and len(value) == 4):
        return None
    ids, first, lengths, crc = value
    if type(ids) is not str or type(first) is not int or type(lengths) is not list:
        return None
    # Every length a whole number (a set of their types: no Python loop over 9,000).
    if len(ids) != ID_LENGTH * len(lengths) or not set(map(type, lengths)) <= {int}:
        return None
    if not ids.isascii() or crc != zlib.crc32(ids.encode()):
        return None
    return KeptSpans(ids, first, lengths, text)


class KeptRows(NamedTuple):
    """The rows the index keeps: each file's fingerprint, and its text (found in the
    index's bytes when asked for)."""

    prints: dict[str, list[int]]
    texts: StoredTexts

    @classmethod
    def read(cls, prints: Any, texts: StoredTexts | None) -> KeptRows | None:
        if not isinstance(prints, dict) or texts is None:
            return None
        return cls({name: p for name, p in prints.items() if isinstance(p, list)}, texts)

    def spans(self, name: str, fingerprint: list[int]) -> Spans | None:
        """Where the rows of ``name`` lie, if kept for the file with this fingerprint."""
        if self.prints.get(name) != fingerprint:
            return None
        return spans_of(self.texts.get(name))

    def still_kept(self, unchanged: Mapping[str, list[int]]) -> dict[str, tuple[list[int], str]]:
        """The texts kept for files still as they were (``unchanged``: name → print),
        to write into the next index as they are."""
        kept = {}
        for name, fingerprint in self.prints.items():
            text = self.texts.get(name) if unchanged.get(name) == fingerprint else None
            if isinstance(text, str):
                kept[name] = (fingerprint, text)
        return kept
