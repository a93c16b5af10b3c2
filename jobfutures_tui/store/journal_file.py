"""The journal's file: every file of a commit, whole, behind a header naming each
with its size and SHA-256, so a journal cut short is told from a whole one
(store/journal.py says how a commit uses it; docs/storage.md, "Commits")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

import orjson

from jobfutures_tui.store import layout
from jobfutures_tui.store.manifest import digest

MAGIC = b"jobfutures commit 2\n"
"""2: a SHA-256 per file (the manifest's, worked out anyway), not one of all the
bytes (a second pass over them); 1 is still read, should a crash have left one."""
MAGIC_1 = b"jobfutures commit 1\n"

Files = Mapping[str, bytes | None]
"""Relative file name → its new bytes, or None to remove it."""


def encode_journal(files: Files, digests: Mapping[str, str]) -> bytes:
    """The journal of ``files``; ``digests``: the SHA-256 of each file written (the
    manifest's entries), checked when the journal is read."""
    return b"".join(journal_parts(files, digests))


def journal_parts(files: Files, digests: Mapping[str, str]) -> list[bytes]:
    """:func:`encode_journal`'s bytes in parts, written one after the other: not
    joined into one more copy of every file the commit writes (3.4 MB for a job
    future changed at 5,000)."""
    names = [
        [name, -1, None] if data is None else [name, len(data), digests[name]]
        for name, data in files.items()
    ]
    header = orjson.dumps({"files": names})
    return [MAGIC, header, b"\n", *(data for data in files.values() if data is not None)]


def write_parts(parts: list[bytes], handle: BinaryIO) -> None:
    """The journal's parts (:func:`journal_parts`) into an open file."""
    for part in parts:
        handle.write(part)


def decode_journal(data: bytes) -> dict[str, bytes | None]:
    """The files of a whole journal; ValueError if it is not whole."""
    magic = MAGIC if data.startswith(MAGIC) else MAGIC_1 if data.startswith(MAGIC_1) else None
    if magic is None:
        raise ValueError("not a jobfutures journal")
    header_end = data.find(b"\n", len(magic))
    if header_end < 0:
        raise ValueError("the journal has no header")
    try:
        header = orjson.loads(data[len(magic) : header_end])
        if magic == MAGIC:
            names = [(str(name), int(size), sha) for name, size, sha in header["files"]]
        else:
            names = [(str(name), int(size), None) for name, size in header["files"]]
            checksum = str(header["sha256"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        raise ValueError("the journal's header is damaged") from None
    payload = data[header_end + 1 :]
    if sum(max(size, 0) for _, size, _ in names) != len(payload):
        raise ValueError("the journal is not whole")
    if magic == MAGIC_1 and digest(payload) != checksum:
        raise ValueError("the journal is not whole")
    files: dict[str, bytes | None] = {}
    at = 0
    for name, size, sha in names:
        _check_name(name)
        if size < 0:
            files[name] = None
            continue
        files[name] = payload[at : at + size]
        at += size
        if magic == MAGIC and digest(files[name] or b"") != sha:
            raise ValueError("the journal is not whole")
    return files


def _check_name(name: str) -> None:
    """Only the folder's own data files: a journal never writes elsewhere."""
    if name in (layout.META, layout.MANIFEST, *layout.COLLECTION_FILES):
        return
    if layout.is_month_file(name):
        return
    raise ValueError(f"the journal names a file that is not data: {name}")
