"""Snapshots of the whole data folder, one zip file each, kept in tiers.

Every session's first change (and every shell command that changes data)
takes one, so ten quick commands would push out everything older if only the
newest were kept. Kept instead (docs/storage.md): the newest N (the recent
changes, ``--keep-backups``), the newest of each of the last 14 days, and
the newest of each of the last 12 months. Days and months are the user's.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pendulum

from jobfutures_tui.models import dates
from jobfutures_tui.paths import DEFAULT_KEEP
from jobfutures_tui.store.errors import SaveFailed
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
    """Zip the data files as they are on disk now; None if there is nothing to save.

    SaveFailed if it cannot be written: what it was to come before is not done either.
    """
    names = data_files(folder)
    if not names:
        return None
    try:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name in names:
                zf.writestr(name, (folder / name).read_bytes())
        ensure_folder(backups)
        target = _free_name(backups)
        write_atomic(target, buffer.getvalue())
    except OSError as error:
        raise SaveFailed(backups / "backup.zip", error) from error
    with contextlib.suppress(OSError):  # an old backup that cannot go yet goes next time
        prune(backups, keep)
    return target


def list_backups(backups: Path) -> list[Backup]:
    """Newest first."""
    if not backups.is_dir():
        return []
    found = sorted(backups.glob(f"{PREFIX}*{SUFFIX}"), key=_taken_order, reverse=True)
    return [Backup(path, path.stat().st_size) for path in found]


DAILY_DAYS = 14
MONTHLY_MONTHS = 12

Tier = str
"""'recent', 'daily' or 'monthly': why a backup is kept (the first that applies)."""


def tiers(found: list[Backup], keep: int, today: pendulum.Date) -> dict[Path, Tier]:
    """Which of ``found`` (newest first) are kept, and why; the rest may go.
    A file whose name carries no date (renamed by hand) counts only as recent."""
    zone = dates.local_timezone()
    kept: dict[Path, Tier] = {b.path: "recent" for b in found[: max(keep, 1)]}
    days: set[pendulum.Date] = set()
    months: set[tuple[int, int]] = set()
    for backup in found:
        try:
            day = backup.taken_at.in_timezone(zone).date()
        except ValueError:
            continue
        if 0 <= (today - day).days < DAILY_DAYS and day not in days:
            days.add(day)
            kept.setdefault(backup.path, "daily")
        month = (day.year, day.month)
        ago = (today.year - day.year) * 12 + today.month - day.month
        if 0 <= ago < MONTHLY_MONTHS and month not in months:
            months.add(month)
            kept.setdefault(backup.path, "monthly")
    return kept


def prune(backups: Path, keep: int) -> None:
    """Remove the backups no tier keeps."""
    found = list_backups(backups)
    kept = tiers(found, keep, dates.today())
    for old in found:
        if old.path not in kept:
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
