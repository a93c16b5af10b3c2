"""A sync tool's conflict copies: found by ``check`` (and the app), merged by a repair.

When two computers change one file before the sync tool has carried either change
over, it keeps one version under the file's name and the other as a copy
(``companies.sync-conflict-….json``, ``companies (… conflicted copy ….json``).
jobfutures would never read the copy, so its changes would be lost in silence.
Merging takes every record of the copy the data lacks and every newer version
(``updated_at``) of one it has; the data's own newer versions stay. Nothing is
dropped: what the copy held that lost is in the copy itself, moved to the backups
folder, and the data as it was is in the backup the repair takes first
(docs/storage.md, "Several devices").
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from jobfutures_tui.models import Record, Touch
from jobfutures_tui.store import Repository, layout
from jobfutures_tui.store.files import ensure_folder
from jobfutures_tui.store.tables import FILES, kind_of

COPIES_DIR = "conflict-copies"
"""Inside the backups folder: where merged copies are kept."""

FIX = "merge it into the data (the newer version of each record wins), then move it to backups"
MANIFEST_FIX = "move it to backups (it holds no records; every save writes the manifest again)"


def findings(folder: Path) -> list[tuple[str, str, str]]:
    """(copy, what it is, what --repair does) for each conflict copy in ``folder``."""
    found = []
    for copy, original in layout.conflict_copies(folder, manifest=True).items():
        fix = MANIFEST_FIX if original == layout.MANIFEST else FIX
        found.append((copy, f"a sync tool's conflict copy of {original}, not read", fix))
    return found


def merge_copies(repo: Repository) -> list[str]:
    """Merge every conflict copy into ``repo`` (one commit), then move the copies into
    the backups folder; what was done, a line per copy."""
    done = []
    saves: dict[str, Record] = {}
    copies = layout.conflict_copies(repo.folder, manifest=True)
    for copy, original in copies.items():
        if original == layout.MANIFEST:
            done.append(f"{copy}: a copy of the manifest, which holds no records")
            continue
        added = newer = unreadable = 0
        for record in _records(repo.folder / copy, original):
            if record is None:
                unreadable += 1
                continue
            current = saves.get(record.id) or repo.stored(type(record), record.id)
            if current is None:
                added += 1
            elif current != record and record.updated_at > current.updated_at:
                newer += 1
            else:
                continue
            saves[record.id] = record
        line = f"{copy}: {added} record(s) added, {newer} newer version(s) taken"
        if unreadable:
            line += f", {unreadable} not valid (still in the copy)"
        done.append(line)
    if saves:
        repo.apply(save=list(saves.values()))
        repo.flush()
    kept = repo.backups_folder / COPIES_DIR
    for copy in copies:
        ensure_folder(kept)
        os.replace(repo.folder / copy, kept / Path(copy).name)
    if copies:
        done.append(f"The copies are kept in {kept}")
    return done


def merge_any(repo: Repository) -> str | None:
    """Merge the conflict copies a sync tool left, if any (as a repair would), and say
    so in a sentence; None when there were none.

    Done as the data is opened to change it, and by the app as it watches: a sync
    tool keeps few copies of a file (Syncthing ten) and deletes the oldest, with the
    changes only they held, so they must not wait for the user to repair."""
    if not layout.conflict_copies(repo.folder, manifest=True):
        return None
    done = merge_copies(repo)
    count = sum(1 for line in done if ": " in line and "record(s)" in line)
    kept = repo.backups_folder / COPIES_DIR
    if not count:
        return f"Put away the manifest's conflict copies a sync tool left (in {kept})."
    copies = "copy" if count == 1 else "copies"
    return (
        f"Merged {count} conflict {copies} a sync tool left: every record kept, the newer "
        f"version of each winning (the copies are in {kept})."
    )


def _records(path: Path, original: str) -> list[Record | None]:
    """The copy's records, validated (None for one that is not valid)."""
    kind, table = _kind_of(original)
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return [None]
    rows: Any = data.get(table, {}) if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        return [None]
    records: list[Record | None] = []
    for row in rows.values():
        try:
            records.append(kind.model_validate(row))
        except ValidationError:
            records.append(None)
    return records


def _kind_of(original: str) -> tuple[type[Record], str]:
    if layout.is_month_file(original):
        return Touch, "touches"
    table = next(table for table, file in FILES.items() if file == original)
    return kind_of(table), table
