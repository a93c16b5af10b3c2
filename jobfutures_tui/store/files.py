"""Crash-safe file writes: a reader sees the old file or the new one, never half.

Write a temporary file in the same folder, flush and fsync it, ``os.replace``
it over the target, then fsync the folder so the rename itself survives a
power cut. Everything we write is readable by the user only. A symbolic link
is followed and kept: the file it points to is the one replaced.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

Content = bytes | Callable[[BinaryIO], None]
"""What a file is to hold: its bytes, or a function that writes them (a backup
streams its zip rather than holding it whole)."""

FILE_MODE = 0o600
FOLDER_MODE = 0o700
TEMP_SUFFIX = ".jf-tmp"


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` and any parents it lacks, each private to the user (0700):
    exports and backups name the people the user talks to. A folder that already
    exists is left as it is: ``~/Documents`` is the user's, not ours to close."""
    missing: list[Path] = []
    current = folder
    while not current.is_dir() and current.parent != current:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if path.is_dir():
                continue  # made meanwhile by someone else: theirs
            raise
        os.chmod(path, FOLDER_MODE)  # mkdir's mode passes through the umask


def write_atomic(path: Path, data: Content) -> None:
    """Replace ``path`` with ``data`` atomically and durably.

    A path that is a symbolic link stays one: the file it points to is replaced, in
    its own folder (people link a data file into Dropbox; docs/storage.md).
    """
    target = followed(path)
    temp = staged(path, data)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(target.parent)


def staged(path: Path, data: Content) -> Path:
    """``data`` in a temporary file beside the file ``path`` names (through a link),
    written and fsynced, ready to be renamed over it; removed if writing fails."""
    path = followed(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return Path(temp_name)


def read_range(fd: int, start: int, end: int) -> bytes:
    """Bytes ``start`` to ``end`` of an open file (a short read reads on; fewer only
    where the file ends first)."""
    data = os.pread(fd, end - start, start)
    while len(data) < end - start:
        more = os.pread(fd, end - start - len(data), start + len(data))
        if not more:
            break
        data += more
    return data


def followed(path: Path) -> Path:
    """The file a symbolic link points to (through every link), else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def dangling(path: Path) -> Path | None:
    """Where ``path`` points, if it is a symbolic link to nothing (None otherwise)."""
    if path.is_symlink() and not path.exists():
        return Path(os.path.realpath(path))
    return None


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_leftover_temps(folder: Path, name: str = "") -> list[Path]:
    """Delete temporary files a killed process left behind (call with the lock held):
    all of them, or only those of the file ``name`` (in a folder a link leads to)."""
    removed = []
    if folder.is_dir():
        for leftover in folder.glob(f".{name}.*{TEMP_SUFFIX}" if name else f".*{TEMP_SUFFIX}"):
            # Gone already, or a folder we may not change: harmless where it is.
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
    return removed
