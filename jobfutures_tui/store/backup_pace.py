"""When a shell command's change needs no backup of its own (docs/storage.md,
"Backups and restore": "A backup an hour from the shell").

Every session's first change is backed up first. The app's sessions are long and
their backups cheap beside them; a shell command is a session of one change (a
touch logged, a job future added or moved), and its backup read and copied the
whole packed history (7 MB at 5,000 job futures with 50,000 touches) to keep the
one line it was about to change. So a shell command takes no backup when both:

- the newest automatic backup is less than :data:`EVERY` old, and
- every data file is exactly as the last such command left it (size, time, inode,
  kept in the cache folder by :func:`remember`): since that backup, only shell
  commands changed the data.

A restore then gives back at most the last hour of shell commands, each one line to
type again. Anything else takes the backup as before: the app, a restore or another
device changed a file (a sync tool's conflict copy to merge included; a command
whose commit merged another device's change leaves no record), the record is
missing or damaged, the clock went back, or the newest backup is older. Deleting
the record is always safe.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import orjson
import pendulum

from jobfutures_tui.paths import cache_file
from jobfutures_tui.store.devices import signature
from jobfutures_tui.store.files import ensure_folder, write_atomic
from jobfutures_tui.store.layout import BACKUPS_DIR, conflict_copies, data_files

EVERY = 3600.0
"""Seconds: how old the newest automatic backup may be for a command to take none."""
FORMAT = 1
KIND = "backup-pace"


def unless_lately(folder: Path, backup: Callable[[], None]) -> Callable[[], None]:
    """``backup`` for a shell command's first write: taken unless :func:`backed_up_lately`."""

    def paced() -> None:
        if not backed_up_lately(folder):
            backup()

    return paced


def backed_up_lately(folder: Path) -> bool:
    """Whether a shell command about to change ``folder`` may skip its backup."""
    from jobfutures_tui.store.backups import list_backups  # only when about to write

    found = list_backups(folder / BACKUPS_DIR)
    if not found or conflict_copies(folder, manifest=True):  # another device's, to merge
        return False
    age = (pendulum.now("UTC") - found[0].taken_at).total_seconds()
    return 0 <= age < EVERY and _left(folder) == _files_now(folder)


def remember(folder: Path) -> None:
    """Note the data files as this command leaves them (after its change, before the
    lock goes); a cache folder that cannot be written only costs the next one a backup."""
    path = cache_file(KIND, folder)
    with contextlib.suppress(OSError):
        ensure_folder(path.parent)
        write_atomic(path, orjson.dumps({"format": FORMAT, "files": _files_now(folder)}))


def _files_now(folder: Path) -> dict[str, list[int]]:
    files: dict[str, list[int]] = {}
    for name in data_files(folder):
        seen = signature(folder / name)
        if seen is not None:
            files[name] = list(seen)
    return files


def _left(folder: Path) -> dict[str, list[int]] | None:
    """The data files as the last shell command left them (None: not known)."""
    try:
        stored = orjson.loads(cache_file(KIND, folder).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        return None
    files = stored.get("files")
    return files if isinstance(files, dict) and files else None
