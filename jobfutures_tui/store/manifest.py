"""The manifest (``manifest.json``): every data file a folder holds after the last
commit, with its size, SHA-256 and how many records it holds (docs/storage.md,
"Commits"). A file listed and missing is data gone, and so are records a file
no longer holds; one there and not listed was not written here."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from jobfutures_tui.store import layout


class Entry(NamedTuple):
    size: int
    sha256: str
    records: int | None = None
    """How many records the file held (None: not counted, as for meta.json, or a file
    another device wrote, or a manifest written before counts were kept)."""

    def same_bytes(self, other: Entry | None) -> bool:
        return other is not None and (self.size, self.sha256) == (other.size, other.sha256)


Manifest = dict[str, Entry]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def records_in(tables: Mapping[str, Any]) -> int:
    """How many records a data file's parsed contents hold (its tables' rows)."""
    return sum(len(rows) for rows in tables.values() if isinstance(rows, Mapping))


def count_records(data: bytes) -> int | None:
    """:func:`records_in` of a file's bytes; None if they are not a set of tables."""
    try:
        tables = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    return records_in(tables) if isinstance(tables, dict) else None


def encode_manifest(manifest: Manifest) -> bytes:
    entries = sorted(manifest.items())
    files = {name: [entry.size, entry.sha256] for name, entry in entries}
    # Counts apart from "files": a jobfutures before them reads the manifest as it did.
    counts = {name: entry.records for name, entry in entries if entry.records is not None}
    document = {"app": "jobfutures", "files": files, "records": counts}
    return orjson.dumps(document, option=orjson.OPT_APPEND_NEWLINE)


def decode_manifest(data: bytes) -> Manifest:
    """The manifest's entries; ValueError if it is not one."""
    try:
        document = orjson.loads(data)
        files = document["files"]
        counts = document.get("records") or {}
        return {
            str(name): Entry(int(size), str(sha), _count(counts.get(name)))
            for name, (size, sha) in files.items()
        }
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError):
        raise ValueError("it is not a jobfutures manifest") from None


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest (None: there is none yet); ValueError if it is damaged."""
    try:
        data = (folder / layout.MANIFEST).read_bytes()
    except FileNotFoundError:
        return None
    return decode_manifest(data)


class Findings(NamedTuple):
    """What a folder holds against its manifest."""

    missing: list[str]
    """Listed, but not there: part of the data is gone."""
    unknown: list[str]
    """There, but not listed: not written by jobfutures here (another device, a hand)."""
    changed: list[str]
    """There, but not as the last commit left it (size or hash)."""


def absent(folder: Path, manifest: Manifest) -> list[str]:
    """The files ``manifest`` lists that are not in ``folder``: one stat each, cheap
    enough for every open (docs/storage.md, "Commits")."""
    base = os.fspath(folder)  # a string path each: a lifetime of months at every open
    return sorted(name for name in manifest if not os.path.isfile(f"{base}/{name}"))


def compare(folder: Path, manifest: Manifest, *, hashes: bool = False) -> Findings:
    """The folder's data files against ``manifest`` (sizes only, unless ``hashes``)."""
    present = set(layout.data_files(folder))
    missing = sorted(name for name in manifest if name not in present)
    unknown = sorted(name for name in present if name not in manifest)
    changed = []
    for name in sorted(present & set(manifest)):
        entry = manifest[name]
        path = folder / name
        size_differs = path.stat().st_size != entry.size
        if size_differs or (hashes and digest(path.read_bytes()) != entry.sha256):
            changed.append(name)
    return Findings(missing, unknown, changed)
