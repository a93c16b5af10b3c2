"""A derived index of what each job future's touches add up to, so opening skips the history.

The board and the due list need, per job future, only its newest touch and
what the cadence engine needs of its history (a
:class:`~jobfutures_tui.engine.history.CadenceSummary`), but working that out
means parsing every month of touches: most of the data, most of the time of
opening. This index keeps a summary per job future beside a fingerprint
(size, mtime, inode) of every month file. It is written when the repository
closes and trusted at the next open only if every month file still matches
its fingerprint and the summaries were made by this version of the rules;
after a crash, a restore or an edit by hand it is ignored and rebuilt. It is
never the only copy of anything: deleting it is always safe.

Summaries are found in the index's bytes and decoded one job future at a time,
when first asked for (store/stored_summaries.py).

The index also keeps what the rules derive from the summaries and the
records of job futures, people and companies (the cadence engine's decisions, see
:mod:`jobfutures_tui.usecases.decisions`, and the fields the lists read,
:mod:`jobfutures_tui.usecases.kept_fields`), with fingerprints of those files too,
and where each collection file's rows lie (:mod:`kept_rows`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import orjson
import pendulum

from jobfutures_tui import __version__
from jobfutures_tui.engine.history import SUMMARY_VERSION
from jobfutures_tui.models.enums import Channel, Direction
from jobfutures_tui.store.devices import Signature, signature
from jobfutures_tui.store.files import read_range
from jobfutures_tui.store.kept_rows import ROW_FILES, ROWS, KeptRows
from jobfutures_tui.store.layout import (
    COLLECTION_FILES,
    COMPANIES,
    PEOPLE,
    PLANS,
    PROSPECTS,
    SCRIPTS,
)
from jobfutures_tui.store.schema import SCHEMA_VERSION
from jobfutures_tui.store.stored_summaries import Chunks, StoredTexts

INDEX_NAME = "touch-index.json"
INDEX_VERSION = 5
"""5: the decisions in a section of texts of their own too, the sections named first
with their sizes (:data:`SECTIONS`); later, where the collection files' rows lie
(a ``rows`` section, kept_rows.py: an index without it, or a reader that does not
know it, only finds the rows again);
4: the summaries last, found in the bytes one at a time (store/stored_summaries.py);
3: each summary (and each decision) as JSON text, parsed when first used;
2: a cadence summary per job future (1 held only the newest touch)."""
SUMMARIES = "summaries"
SECTIONS = b'{"sections":'
"""How the index starts: ``[[name, size], ...]`` of the objects of texts at its end
(the derived sections, then the summaries), so a reader parses the rest alone
and finds a text by its key in the bytes when asked for it."""

Fingerprints = dict[str, list[int]]
StoredSummaries = dict[str, str]
"""Summaries as stored, by prospect id: each CadenceSummary.to_json as JSON text.
Text, not nested lists: a command reads one or two of 5,000, and a string is
one object where the lists were dozens (the index took 18 MB in memory at
5,000 job futures, 4 MB as text; docs/storage.md)."""

DERIVED_FROM = (PEOPLE, PROSPECTS, PLANS, COMPANIES, SCRIPTS)
"""The collection files the derived decisions (and the fields and names kept beside
them, and the insights' figures, which name scripts) read, besides the touches
(plans.json exists only once the user has written a plan)."""


@dataclass(frozen=True, slots=True)
class TouchSummary:
    """What the board shows of a prospect's newest touch."""

    touch_id: str
    at: pendulum.DateTime
    channel: Channel
    direction: Direction


def fingerprints(folder: Path, partitions: list[str]) -> Fingerprints:
    """Size, modification time and inode of each month file: any rewrite changes them."""
    prints: Fingerprints = {}
    base = os.fspath(folder)  # a string path each, not a Path: a lifetime of months
    for name in partitions:
        stat = os.stat(f"{base}/{name}")
        prints[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return prints


def derived_fingerprints(folder: Path) -> dict[str, list[int] | None]:
    """:func:`fingerprints` of the files the derived decisions read; None for one
    not written yet, so creating it makes them stale too."""
    return {
        name: fingerprints(folder, [name])[name] if (folder / name).is_file() else None
        for name in DERIVED_FROM
    }


def still_the_same(
    folder: Path, seen: Mapping[str, Signature | None], names: Iterable[str] | None = None
) -> dict[str, list[int]]:
    """Of ``names`` (every collection file), those that are still the file this
    process read, or wrote in step with its memory (``seen``, store/devices.py):
    not a merge another device's records came in by, nor replaced since (a file
    replaced gets a new inode); with their fingerprints."""
    found = {}
    for name in COLLECTION_FILES if names is None else names:
        before = seen.get(name)
        if before is not None and before == signature(folder / name):
            found[name] = list(before)
    return found


class StoredIndex(NamedTuple):
    summaries: StoredTexts | None
    """None when the month files are not those the summaries were made from."""
    derived: dict[str, Any] | None
    """What the rules keep here (their decisions), if made from the collection
    files as they are now; None otherwise. A section of texts in it is a
    :class:`StoredTexts`."""
    validated: frozenset[str] = frozenset()
    """Collection files every record of which was validated by this version of
    jobfutures, and not replaced since (see :func:`validated_prints`)."""
    rows: KeptRows | None = None
    """Where the collection files' rows lie, for those still as they were (kept_rows.py)."""


KeptPlaces = Mapping[str, tuple[list[int], str]]
"""Collection file → its fingerprint and where its rows lie (kept_rows.spans_text)."""


class Kept(NamedTuple):
    """What the index keeps besides the summaries."""

    derived: dict[str, Any] | None = None
    """What the rules derive (a :class:`Section` in it: a section of its own)."""
    validated: dict[str, list[int]] | None = None
    """Collection files validated whole → their fingerprints."""
    rows: KeptPlaces | None = None


NOTHING_KEPT = Kept()


class Section(NamedTuple):
    """What the rules keep as a section of texts by id at the index's end (given
    in the derived dict): the object, serialised (often the stored one with a few
    texts written in: :meth:`StoredTexts.spliced`)."""

    serialised: Chunks

    @classmethod
    def of(cls, texts: Mapping[str, str]) -> Section:
        return cls([orjson.dumps(texts)])


VALIDATED_BY = f"{__version__}/{SCHEMA_VERSION}"
"""Which rules validated the files listed as validated: another version may
check records differently, and checks them again."""


def read_index(folder: Path, partitions: list[str]) -> StoredIndex | None:
    """The stored summaries (and derived decisions, and the files known valid), or
    None when the index is missing or odd."""
    try:
        data, sections = _split_file(folder / INDEX_NAME)
        if data.get("version") != INDEX_VERSION or data.get("rules") != SUMMARY_VERSION:
            return None
        validated = _validated(folder, data.get("validated"))
        rows = KeptRows.read(data.get(ROW_FILES), sections.pop(ROWS, None))
        summaries = sections.pop(SUMMARIES, None)
        if data.get("files") != fingerprints(folder, partitions) or summaries is None:
            return StoredIndex(None, None, validated, rows)
        derived = data.get("derived")
        if not isinstance(derived, dict) or derived.get("files") != derived_fingerprints(folder):
            derived = None
        else:
            derived.update(sections)
        return StoredIndex(summaries, derived, validated, rows)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # unreadable or odd: just rebuild from the month files


def _split(raw: bytes) -> tuple[Any, dict[str, StoredTexts]]:
    """The index without its sections of texts, parsed, and the sections left in
    the bytes when they are laid out as written here (anything else, such as an
    index edited by hand, is parsed whole)."""
    found = _sections_in(lambda start, end: raw[start:end], len(raw))
    return found if found is not None else _parsed_whole(raw)


def _split_file(path: Path) -> tuple[Any, dict[str, StoredTexts]]:
    """:func:`_split` of the index file, each section read from it on its own: one
    copy of each, where reading the file and then copying each section out of it
    touched twice its 6 MB at 5,000 job futures (3,400 pages, about 16 ms of a
    command: docs/storage.md, "The derived index")."""
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size

        def read(start: int, end: int) -> bytes:
            data = read_range(fd, start, end)
            if len(data) != end - start:
                raise ValueError("the index changed while it was read")
            return data

        found = _sections_in(read, size)
        return found if found is not None else _parsed_whole(read(0, size))
    finally:
        os.close(fd)


def _parsed_whole(raw: bytes) -> tuple[Any, dict[str, StoredTexts]]:
    data = orjson.loads(raw)
    if not isinstance(data, dict):
        return data, {}
    sections = {
        name: StoredTexts.of(texts)
        for name, _ in _layout(data.pop("sections", None)) or ()
        if isinstance(texts := data.pop(name, None), dict)
    }
    return data, sections


LAYOUT_PEEK = 4096
"""Bytes read first for the layout of the sections (a few dozen in practice)."""


def _sections_in(
    read: Callable[[int, int], bytes], size: int
) -> tuple[Any, dict[str, StoredTexts]] | None:
    opening = read(0, min(size, LAYOUT_PEEK))
    if not opening.startswith(SECTIONS):
        return None
    close = opening.find(b"]]", len(SECTIONS))
    layout = _layout(orjson.loads(opening[len(SECTIONS) : close + 2])) if close > 0 else None
    if layout is None or size < 2:
        return None
    end = size - 1 if read(size - 1, size) == b"\n" else size
    if read(end - 1, end) != b"}":
        return None
    at = end - 1  # the index's closing brace
    sections: dict[str, StoredTexts] = {}
    for name, length in reversed(layout):
        start = at - length
        key = b',"' + name.encode() + b'":'
        if start < close or read(start - len(key), start + 1) != key + b"{":
            return None
        # One read each: a section parsed lets its bytes go, whatever the others do
        # (the index's 6 MB were held for the session by the one section never read).
        sections[name] = StoredTexts(read(start, at), 0, at - start)
        at = start - len(key)
    head = orjson.loads(read(0, at) + b"}")
    return (head, sections) if isinstance(head, dict) else None


def _layout(value: Any) -> list[tuple[str, int]] | None:
    if not isinstance(value, list):
        return None
    layout = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2):
            return None
        name, size = item
        if not (isinstance(name, str) and name.isidentifier() and type(size) is int and size > 1):
            return None
        layout.append((name, size))
    return layout


def _validated(folder: Path, kept: Any) -> frozenset[str]:
    if not isinstance(kept, dict) or kept.get("by") != VALIDATED_BY:
        return frozenset()
    files = kept.get("files")
    if not isinstance(files, dict):
        return frozenset()
    found = [name for name in files if name in COLLECTION_FILES and (folder / name).is_file()]
    now = fingerprints(folder, found)
    return frozenset(name for name in found if files[name] == now[name])


def index_bytes(
    folder: Path,
    partitions: list[str],
    summaries: StoredSummaries | Chunks,
    kept: Kept = NOTHING_KEPT,
) -> Chunks:
    """Serialise the index (``summaries``: by id, or their object already serialised);
    call once every data file has reached the disk."""
    derived, validated, rows = kept
    sections: dict[str, Chunks] = {}
    document: dict[str, Any] = {
        "version": INDEX_VERSION,
        "rules": SUMMARY_VERSION,
        "files": fingerprints(folder, partitions),
    }
    if derived is not None:
        plain = {}
        for name, value in derived.items():
            if isinstance(value, Section):
                sections[name] = value.serialised
            else:
                plain[name] = value
        document["derived"] = {**plain, "files": derived_fingerprints(folder)}
    if validated:
        document["validated"] = {"by": VALIDATED_BY, "files": validated}
    if rows:
        document[ROW_FILES] = {name: fingerprint for name, (fingerprint, _) in rows.items()}
        sections[ROWS] = [orjson.dumps({name: text for name, (_, text) in rows.items()})]
    sections[SUMMARIES] = summaries if isinstance(summaries, list) else [orjson.dumps(summaries)]
    return with_sections(document, sections)


def with_sections(document: dict[str, Any], sections: dict[str, Chunks]) -> Chunks:
    """``document`` with each serialised object of texts after it, named first with
    its size (:data:`SECTIONS`)."""
    sizes = [[name, sum(len(chunk) for chunk in section)] for name, section in sections.items()]
    parts: Chunks = [SECTIONS, orjson.dumps(sizes), b",", orjson.dumps(document)[1:-1]]
    for name, section in sections.items():
        parts += (b',"', name.encode(), b'":', *section)
    parts.append(b"}")
    return parts
