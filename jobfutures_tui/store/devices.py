"""Noticing a data file that changed behind this process's back, and merging into it.

People keep the data folder in a sync folder (Syncthing, Dropbox, iCloud) and
open it on two computers. The lock keeps two processes of one computer apart,
not two computers: a sync tool may replace any file at any moment. So the
store remembers, for every data file it read or wrote, the file's signature
(size, modification time, inode: a sync tool's atomic replace changes the
inode) and the version it holds in memory (the *base*). Before a commit
replaces a file, its signature is compared; a file changed elsewhere is read
again and merged with ours record by record (store/merge.py), and the commit
writes the merge (docs/storage.md, "Several devices").
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from jobfutures_tui.store import layout
from jobfutures_tui.store.files import ensure_folder, write_atomic
from jobfutures_tui.store.merge import Merged, Version, merge_three, parsed

Signature = tuple[int, int, int]
"""A file's size, modification time (ns) and inode."""


def signature(path: Path | str) -> Signature | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ino)


class Seen:
    """What this process last read or wrote of each data file of one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.signatures: dict[str, Signature | None] = {}
        """The file as it was read or written; None: the disk holds something else."""
        self.bases: dict[str, Version] = {}
        """The version this process holds, as of its last read or commit of the file."""
        self.digests: dict[str, str] = {}
        """The SHA-256 of that version, where known (the manifest at open, each commit)."""
        self.merges: dict[str, str] = {}
        """The SHA-256 of a merge this process wrote, which its memory does not hold:
        found again on disk at the next commit, it is merged again, but nothing new
        came from another device."""
        self.watching = False
        """Only a folder opened as data is watched: a restore or a repair replaces
        the files whole, whatever they hold."""

    def note_read(self, name: str, before: Signature | None) -> None:
        """The file was read; ``before`` is its signature taken just before reading."""
        self.signatures[name] = before

    def note_tables(self, name: str, tables: Mapping[str, Any]) -> None:
        """The file's parsed tables: the store replaces a table, never changes one in
        place (store/storage.py), so copying the outer level keeps this version."""
        self.bases[name] = {table: rows for table, rows in tables.items() if isinstance(rows, dict)}

    def note_written(self, name: str, held: Version | None, sha256: str, *, in_sync: bool) -> None:
        """A commit wrote the file; ``held`` is the version this process holds now (what it
        gave the commit; None for bytes written whole, such as a migration's, which the
        process reads again rather than hold a lifetime of months); ``in_sync`` is False
        when the commit wrote a merge, which this process's memory does not hold (it is
        behind until it reads the data again)."""
        if in_sync:
            self.signatures[name] = signature(self.folder / name)
            self.digests[name] = sha256
            self.merges.pop(name, None)
        else:
            self.signatures[name] = None
            self.merges[name] = sha256
        if held is not None:
            self.bases[name] = held

    def holds(self, name: str, sha256: str) -> bool:
        """Whether the file's content is the version this process holds."""
        return self.digests.get(name) == sha256

    def merged_here(self, name: str, sha256: str) -> bool:
        """Whether the file's content is the merge this process wrote last."""
        return self.merges.get(name) == sha256

    def note_present(self, names: list[str]) -> None:
        """The files as they are when the folder is opened (most are read later, or never)."""
        base = os.fspath(self.folder)
        for name in names:
            self.signatures[name] = signature(f"{base}/{name}")
        self.watching = True

    def forget(self, name: str) -> None:
        self.signatures.pop(name, None)
        self.bases.pop(name, None)
        self.digests.pop(name, None)
        self.merges.pop(name, None)

    def changed(self) -> list[str]:
        """Data files whose signature is not the one last seen: changed, created or
        removed by someone else (or merged by us, and not read again since)."""
        if not self.watching:
            return []
        names = dict.fromkeys(self.signatures)
        names.update(dict.fromkeys(layout.data_files(self.folder)))
        base = os.fspath(self.folder)
        return [
            name
            for name in names
            if name != layout.MANIFEST
            and (
                name not in self.signatures
                # A string path, not a Path: every commit stats a lifetime of months.
                or signature(f"{base}/{name}") != self.signatures[name]
            )
        ]


def merge_file(base: Version, ours: Version, disk: bytes) -> Merged | None:
    """Ours merged with the file as another device left it (None: it is not one of our
    files any more: not JSON, or not tables of records)."""
    try:
        theirs = orjson.loads(disk)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(theirs, dict) or not all(isinstance(rows, dict) for rows in theirs.values()):
        return None
    return merge_three(parsed(base), parsed(ours), theirs)


def set_aside(folder: Path, name: str, rows: list[Any], why: str) -> Path:
    """Keep versions a merge did not use, in the backups folder; the file's path."""
    document = {"app": "jobfutures", "from": name, "why": why, "records": rows}
    return set_aside_bytes(folder, name, orjson.dumps(document, option=orjson.OPT_INDENT_2))


def set_aside_bytes(folder: Path, name: str, data: bytes) -> Path:
    """Keep a file a merge could not read, as it was, in the backups folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / layout.BACKUPS_DIR / f"set-aside-{stamp}-{name.replace('/', '-')}"
    ensure_folder(target.parent)
    write_atomic(target, data)
    return target
