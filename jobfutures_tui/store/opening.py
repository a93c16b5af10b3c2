"""Opening a data folder: what happens before the first record is read.

Takes the folder's lock, cleans up after a crash, refuses data it cannot
trust (damaged, or from a newer version) without touching it, creates a new
folder, and migrates older data after a backup, meta.json last
(docs/storage.md). Kept apart from reading and changing because it runs
once, and it is where data is refused rather than served.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobfutures_tui.collector import collector_paused
from jobfutures_tui.store import layout
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.errors import DataRefused, NotWritable, ReadOnly, ReadOnlyFile, shown
from jobfutures_tui.store.files import (
    dangling,
    ensure_folder,
    followed,
    remove_leftover_temps,
    write_atomic,
)
from jobfutures_tui.store.lock import FolderLock
from jobfutures_tui.store.manifest import absent, read_manifest
from jobfutures_tui.store.schema import APP_MARK, SCHEMA_VERSION, migrate, new_files, new_meta
from jobfutures_tui.store.snapshot import dumps
from jobfutures_tui.store.tables import FILES
from jobfutures_tui.store.touches import TouchHistory
from jobfutures_tui.store.writer import Writer


def load(
    files: DataFiles,
    touches: TouchHistory,
    lock: FolderLock,
    backup: Callable[[], None],
    *,
    read_only: bool,
    lock_wait: float = 0.0,
    lazy: bool = False,
    streamed: bool = False,
    sync_grace: float | None = None,
) -> None:
    """Serve the data in ``files.folder`` (creating it on first use) through
    ``files`` and ``touches``; raise DataLocked or DataRefused. ``lazy``: parse each
    collection when it is first used (then refused when read, not here).
    ``streamed``: read every collection a record at a time for as long as it is
    open, a walk over every row holding none (the app: docs/storage.md, "Reading");
    the rows are found now, so a file holding fewer records than the manifest
    lists is known at once.
    ``sync_grace``: seconds to wait for a missing file, or one holding fewer records
    than the manifest lists (None: ``SYNC_GRACE``).

    ``backup`` snapshots the folder: before a migration, or (through the
    writer) before the first write of the session.
    """
    folder, writer = files.folder, files.writer
    _refuse_dangling_links(files)
    if read_only:
        if not layout.data_files(folder):
            raise files.refuse(layout.META, "there is no jobfutures data here")
        # Another process may be in the middle of a commit: read its new files.
        files.overlay = files.journal.pending() or {}
    else:
        _take(files, lock, lock_wait)
        keep_local(folder)
    existing = _present(files)
    files.sync_grace = SYNC_GRACE if sync_grace is None else sync_grace
    files.streamed = streamed  # a new or migrated file is held parsed all the same
    files.missing = _missing(files) if existing else []
    if files.missing:
        existing = _after_a_sync(files, files.sync_grace)
    files.journal.seen.note_present(existing)
    files.journal.remember_manifest()
    files.journal.format_version = SCHEMA_VERSION
    if not existing:
        _create(files)
        return
    version = _read_meta(files)
    collections = [name for name in existing if name in layout.COLLECTION_FILES]
    months = [name for name in existing if layout.is_month_file(name)]
    with collector_paused(freeze=True):
        if version < SCHEMA_VERSION:
            parsed = _migrate(files, existing, version, backup, read_only)
            for name in layout.COLLECTION_FILES:
                if name in parsed:
                    _attach(files, name, parsed[name])
            touches.open(months, trust_index=False, by_need=lazy)
        else:
            if writer is not None:
                # The first write of this session first snapshots the data as it was.
                writer.before_first_write = backup
            # The index first: it may know where the collections' rows lie (kept_rows.py).
            files.kept_rows = touches.open(months, trust_index=not files.overlay, by_need=lazy)
            for name in collections:
                files.defer(name, _table_of(name), by_record=lazy or streamed)
                if streamed and files.row_index(name, _table_of(name)) is None:
                    files.rows(name, _table_of(name))  # not laid out as written here
                elif not (lazy or streamed):
                    files.rows(name, _table_of(name))
            if streamed:
                files.kept_rows = None  # every file's rows found: the next index has them


def _refuse_dangling_links(files: DataFiles) -> None:
    """A data folder or file that is a link to nothing (a sync folder not there, a
    disk not mounted) is said as such, not taken for missing data."""
    folder = files.folder
    names = [layout.META, layout.MANIFEST, *layout.COLLECTION_FILES]
    names += layout.touch_partitions(folder)
    base = os.fspath(folder)
    # A string path each, not a Path: every open looks at a lifetime of months.
    links = [name for name in names if os.path.islink(f"{base}/{name}")]
    for path in [folder, *(folder / name for name in links)]:
        target = dangling(path)
        if target is not None:
            raise DataRefused(
                path,
                f"it is a link to {shown(target)}, which is not there (a disk or a synced "
                "folder that is not available?)",
                files.backups,
            )


def _take(files: DataFiles, lock: FolderLock, lock_wait: float) -> None:
    """Make the folder ours to write: created, locked, cleaned up, a commit a crash
    cut short finished. A folder that cannot be written is said (NotWritable)."""
    folder = files.folder
    try:
        ensure_folder(folder)
    except OSError as error:
        raise NotWritable(folder, error) from None
    lock.acquire(lock_wait)
    _refuse_read_only_files(folder)
    for inside in (folder, folder / layout.TOUCHES_DIR, files.backups):
        remove_leftover_temps(inside)
    base = os.fspath(folder)
    for name in layout.data_files(folder):
        if os.path.islink(f"{base}/{name}"):  # its file is written beside what it points to
            target = followed(folder / name)
            remove_leftover_temps(target.parent, target.name)
    try:
        files.recovered = files.journal.recover()
    except OSError as error:
        waiting = shown(folder / layout.JOURNAL)
        raise NotWritable(
            folder, error, doing=f"A save cut short waits whole in {waiting} to be finished."
        ) from None


def _refuse_read_only_files(folder: Path) -> None:
    """A data file its owner may not write (chmod a-w, or not theirs) is refused by
    name: a rename would replace it all the same, undoing what the permissions say."""
    base = os.fspath(folder)
    for name in layout.data_files(folder):
        path = f"{base}/{name}"
        if not (os.stat(path).st_mode & stat.S_IWUSR and os.access(path, os.W_OK)):
            raise ReadOnlyFile(folder, folder / name)


SYNC_IGNORE = """// jobfutures: files that belong to this computer only (docs/storage.md).
// The lock keeps two programs on one computer apart; a commit's journal is
// finished or dropped by the computer that wrote it.
jobfutures.lock
commit.journal
*.jf-tmp
touch-index.json
"""
"""Syncthing's ignore file: other sync tools have no such file (docs/storage.md)."""


def keep_local(folder: Path) -> None:
    """Write Syncthing's ignore file into a data folder that has none (a user's own is kept)."""
    ignore = folder / ".stignore"
    if not ignore.exists():
        with contextlib.suppress(OSError):
            write_atomic(ignore, SYNC_IGNORE.encode())


def _present(files: DataFiles) -> list[str]:
    """The data files, as a commit in progress (read-only: its journal) will leave them."""
    names = set(layout.data_files(files.folder))
    for name, data in files.overlay.items():
        if name == layout.MANIFEST:
            continue
        if data is None:
            names.discard(name)
        else:
            names.add(name)
    order = [layout.META, *layout.COLLECTION_FILES]
    return [n for n in order if n in names] + sorted(n for n in names if n not in order)


SYNC_GRACE = 2.0
"""Seconds to wait for a data file the manifest lists to come back: a sync tool
resolving a conflict renames the file away before it puts the winner in place."""


def _after_a_sync(files: DataFiles, grace: float) -> list[str]:
    """The files present once those missing are back, or ``grace`` seconds are over
    (then they are missing for good, left in ``files.missing``: the caller says so)."""
    deadline = time.monotonic() + grace
    while files.missing and time.monotonic() < deadline:
        time.sleep(0.1)
        files.missing = _missing(files)
    return _present(files)


def _missing(files: DataFiles) -> list[str]:
    """Data files the manifest lists that are gone (a damaged manifest is made again
    at the next commit; ``check`` reports it)."""
    try:
        manifest = read_manifest(files.folder)
    except ValueError:
        return []
    if manifest is None:
        return []
    return [name for name in absent(files.folder, manifest) if name not in files.overlay]


def _create(files: DataFiles) -> None:
    writer: Writer | None = files.writer
    if writer is None:
        raise ReadOnly()
    created = new_files()
    commit: dict[Path, Any] = {files.folder / layout.META: dumps(new_meta())}
    commit.update({files.folder / name: dumps(data) for name, data in created.items()})
    writer.submit_commit(commit)  # one commit: a folder is created whole or not at all
    for name, data in created.items():
        _attach(files, name, data)


def _read_meta(files: DataFiles) -> int:
    if not (files.folder / layout.META).is_file():
        raise files.refuse(layout.META, "it is missing, so the data format is unknown")
    meta = files.parse(layout.META)
    version = meta.get("schema_version")
    if meta.get("app") != APP_MARK or not isinstance(version, int) or version < 1:
        raise files.refuse(layout.META, "it does not describe jobfutures data")
    if version > SCHEMA_VERSION:
        raise files.refuse(
            layout.META,
            f"it was written by a newer jobfutures (data format {version}; this version "
            f"reads up to {SCHEMA_VERSION}). Upgrade jobfutures to open it",
        )
    return version


def _migrate(
    files: DataFiles,
    existing: list[str],
    version: int,
    backup: Callable[[], None],
    read_only: bool,
) -> dict[str, Any]:
    """Back up, upgrade every file, then write meta.json last; return the new contents."""
    if read_only:
        raise files.refuse(
            layout.META,
            f"it is in an older data format ({version}) and read-only mode cannot upgrade "
            "it. Open it once with jobfutures (not read-only) to upgrade it",
        )
    parsed = {name: files.parse(name) for name in existing if name != layout.META}
    backup()
    try:
        parsed = migrate(parsed, version, SCHEMA_VERSION)
    except Exception as exc:
        raise files.refuse(
            layout.META, f"upgrading it from data format {version} failed ({exc!r})"
        ) from exc
    upgraded: dict[str, bytes | None] = {name: dumps(data) for name, data in parsed.items()}
    upgraded[layout.META] = dumps(new_meta())
    files.journal.commit(upgraded)  # one commit: upgraded whole, or still the old format
    if files.writer is not None:
        files.writer.before_first_write = None
    return parsed


def _attach(files: DataFiles, name: str, data: dict[str, Any]) -> None:
    files.attach(name, data, _table_of(name))


def _table_of(name: str) -> str:
    return next(table for table, file in FILES.items() if file == name)
