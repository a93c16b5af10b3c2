"""One writer per data folder: an flock held for the life of the process.

The lock lives on its own file, never the data files (``os.replace`` swaps
those out). The kernel drops it when the process dies, so a crash leaves no
stale lock behind. The holder writes who it is (its pid, and the app or which
command) into the file, so a second writer can name it; a command waits a
few seconds first, as the other one is usually about to finish.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path

from jobfutures_tui.store.errors import DataLocked, LockUnusable, NotWritable
from jobfutures_tui.store.files import FILE_MODE

LOCK_NAME = "jobfutures.lock"
NOT_OURS = (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT)
"""Why a lock file cannot be made that are about the folder, not the lock."""


class FolderLock:
    def __init__(self, folder: Path, *, holder: str = "jobfutures") -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.holder = holder
        """Who we are, as a second writer will read it ('the jobfutures app')."""
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, trying for up to ``wait`` seconds; DataLocked names the holder."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError as error:
            if error.errno in NOT_OURS:
                raise NotWritable(self.folder, error) from None
            raise LockUnusable(self.path, error) from None
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                # The app holds it until the user quits: no use waiting for it.
                if time.monotonic() >= deadline or "app" in holder:
                    os.close(fd)
                    raise DataLocked(self.folder, holder) from None
                time.sleep(0.1)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()} {self.holder}\n".encode())
        except OSError:
            pass  # a read-only lock file still locks: only the holder's name is lost
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def _holder(fd: int) -> str:
    """'the jobfutures app (pid 4242)', as the holder wrote it; '' if unreadable."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 200).decode("utf-8", "replace").strip()
    except OSError:
        return ""
    pid, _, who = text.partition(" ")
    if not pid.isdigit():
        return ""
    if who in ("", "jobfutures"):
        who = "another jobfutures"
    return f"{who} (pid {pid})"
