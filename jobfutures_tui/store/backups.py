"""Snapshots of the whole data folder, one zip file each, the newest N kept."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pendulum

from jobfutures_tui.paths import DEFAULT_KEEP
from jobfutures_tui.store.files import ensure_folder, write_atomic
from jobfutures_tui.store.layout import data_files

PREFIX = "jobfutures-"
SUFFIX = ".zip"


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int

    @property
    def taken_at(self) -> pendulum.DateTime:
        stamp = self.path.name.removeprefix(PREFIX).removesuffix(SUFFIX)[:16]
        return pendulum.from_format(stamp, "YYYYMMDD[T]HHmmss[Z]", tz="UTC")


def make_backup(folder: Path, backups: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Zip the data files as they are on disk now; None if there is nothing to save."""
    names = data_files(folder)
    if not names:
        return None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name in names:
            zf.writestr(name, (folder / name).read_bytes())
    ensure_folder(backups)
    target = _free_name(backups)
    write_atomic(target, buffer.getvalue())
    prune(backups, keep)
    return target


def list_backups(backups: Path) -> list[Backup]:
    """Newest first."""
    if not backups.is_dir():
        return []
    found = sorted(backups.glob(f"{PREFIX}*{SUFFIX}"), key=_taken_order, reverse=True)
    return [Backup(path, path.stat().st_size) for path in found]


def prune(backups: Path, keep: int) -> None:
    for old in list_backups(backups)[max(keep, 1) :]:
        old.path.unlink(missing_ok=True)


def _taken_order(path: Path) -> tuple[str, int]:
    """Time stamp, then the counter added to a second backup in the same second."""
    stamp, _, counter = path.name.removeprefix(PREFIX).removesuffix(SUFFIX).partition("-")
    return stamp, int(counter) if counter.isdigit() else 0


def _free_name(backups: Path) -> Path:
    stamp = pendulum.now("UTC").format("YYYYMMDDTHHmmss") + "Z"
    # Count on from the newest of this second, even if older ones were pruned.
    taken = [_taken_order(path)[1] for path in backups.glob(f"{PREFIX}{stamp}*{SUFFIX}")]
    if not taken:
        return backups / f"{PREFIX}{stamp}{SUFFIX}"
    return backups / f"{PREFIX}{stamp}-{max(taken) + 1}{SUFFIX}"
