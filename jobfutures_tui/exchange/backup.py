"""``jobfutures backup``: the whole data folder as one zip, wherever the user wants it.

The same format as the automatic backups (the data files at the root of the
zip), so ``jobfutures restore`` takes either. Files are read as they are on
disk, so a backup can be taken while the app is open, and of data the app
refuses, to keep a copy before trying to fix it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pendulum

from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models import dates
from jobfutures_tui.store.backups import Backup, list_backups, tiers
from jobfutures_tui.store.files import ensure_folder, write_atomic
from jobfutures_tui.store.layout import BACKUPS_DIR, data_files


def default_name(moment: pendulum.DateTime | None = None) -> str:
    """``jobfutures_2026-11-23_150000.zip``: not ``jobfutures-…``, the automatic backups' names,
    so one written among them is never pruned or misread as one of them."""
    stamp = (moment or pendulum.now()).format("YYYY-MM-DD[_]HHmmss")
    return f"jobfutures_{stamp}.zip"


def backup_to(folder: Path, target: Path | None = None, *, overwrite: bool = False) -> Path:
    """Zip every data file of ``folder`` into ``target`` (a file, or a folder to put it in)."""
    names = data_files(folder)
    if not names:
        raise ExchangeError(f"there is no jobfutures data in {folder} to back up")
    if target is None:
        target = Path.cwd() / default_name()
    elif target.is_dir():
        target = target / default_name()
    if target.exists() and not overwrite:
        raise ExchangeError(f"{target} already exists; add --force to replace it")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, (folder / name).read_bytes())
    try:
        ensure_folder(target.parent)
        write_atomic(target, buffer.getvalue())
    except OSError as exc:
        raise ExchangeError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def automatic_backups(folder: Path) -> list[Backup]:
    """The backups jobfutures took by itself, newest first."""
    return list_backups(folder / BACKUPS_DIR)


def taken_at(backup: Backup) -> pendulum.DateTime | None:
    """When an automatic backup was taken, from its name; None for a file renamed by hand."""
    try:
        return backup.taken_at
    except ValueError:
        return None


def taken_label(backup: Backup) -> str:
    """When an automatic backup was taken, in local time: ``Mon 23 Nov 2026 15:00:00``."""
    moment = taken_at(backup)
    if moment is None:
        return "(date unknown)"
    return moment.in_timezone(dates.local_timezone()).format("ddd D MMM YYYY HH:mm:ss")


def backup_line(backup: Backup, tier: str = "") -> str:
    """One line of a list of backups: when, how big, why it is kept, which file."""
    kept = f"  {tier:<7}" if tier else ""
    return f"{taken_label(backup):<24}  {human_size(backup.size):>9}{kept}  {backup.path.name}"


def kept_tiers(found: list[Backup], keep: int) -> dict[Path, str]:
    """Why each automatic backup is kept: recent, daily or monthly (store/backups.py)."""
    return tiers(found, keep, dates.today())


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
