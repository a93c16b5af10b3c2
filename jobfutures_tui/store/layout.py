"""Which files make up a data folder, and where each kind of record lives.

One file per collection keeps each save small; touches, the only collection
that grows without bound, are split by calendar month (UTC) so that logging
a call rewrites one month's file, whatever the size of the history
(docs/storage.md).
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

META = "meta.json"
MANIFEST = "manifest.json"
"""What the folder holds (names, sizes, hashes), written with every commit (store/journal.py)."""
JOURNAL = "commit.journal"
"""A commit on its way to the files (store/journal.py)."""
PROFILE = "profile.json"
COMPANIES = "companies.json"
PEOPLE = "people.json"
PROSPECTS = "prospects.json"
PLANS = "plans.json"
SCRIPTS = "scripts.json"
SHAREABLES = "shareables.json"
TOUCHES_DIR = "touches"
BACKUPS_DIR = "backups"

COLLECTION_FILES = (PROFILE, PLANS, SCRIPTS, SHAREABLES, COMPANIES, PEOPLE, PROSPECTS)
"""In the order records reference each other: a prospect needs its company and
its plan, a touch its script (the profile references nothing)."""

_MONTH_FILE = re.compile(r"^\d{4}-\d{2}\.json$")


def touches_file(at: datetime) -> str:
    """The month file a touch belongs in (by its UTC date)."""
    utc = at.astimezone(UTC)
    return f"{TOUCHES_DIR}/{utc.year:04d}-{utc.month:02d}.json"


def is_month_file(name: str) -> bool:
    """'touches/2026-03.json': one month of touches."""
    folder, _, file = name.partition("/")
    return folder == TOUCHES_DIR and bool(_MONTH_FILE.match(file))


def touch_partitions(folder: Path) -> list[str]:
    """Relative names of the touch files present, oldest month first."""
    try:
        # Names only, no Path per file: every commit lists a lifetime of months.
        found = os.listdir(folder / TOUCHES_DIR)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [f"{TOUCHES_DIR}/{name}" for name in sorted(found) if _MONTH_FILE.match(name)]


def data_files(folder: Path) -> list[str]:
    """Every data file present, relative to the folder, meta first."""
    names = [name for name in (META, *COLLECTION_FILES) if (folder / name).is_file()]
    return names + touch_partitions(folder)


_CONFLICT_COPY = re.compile(
    r"^(?P<stem>.+?)"
    r"(?:\.sync-conflict-\d{8}-\d{6}-[0-9A-Z]{7}"  # Syncthing
    r"| \([^()]*conflicted copy[^()]*\)"  # Dropbox, Nextcloud, ownCloud
    r"| \d)"  # iCloud Drive: "companies 2.json"
    r"\.json$"
)


def conflict_copies(folder: Path, *, manifest: bool = False) -> dict[str, str]:
    """Copies a sync tool made of a data file that changed on two devices at once:
    copy's relative name → the data file's ('companies.json', 'touches/2026-03.json').
    With ``manifest``, copies of the manifest too (every commit writes it, on both
    devices, so it has copies as often as any file; they hold no records)."""
    wanted = (*COLLECTION_FILES, MANIFEST) if manifest else COLLECTION_FILES
    found: dict[str, str] = {}
    for directory, prefix in ((folder, ""), (folder / TOUCHES_DIR, f"{TOUCHES_DIR}/")):
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            match = _CONFLICT_COPY.match(path.name)
            if match is None or not path.is_file():
                continue
            original = f"{prefix}{match['stem']}.json"
            if original in wanted or is_month_file(original):
                found[f"{prefix}{path.name}"] = original
    return found
