"""One writer per data folder: an flock held for the life of the process.

The lock lives on its own file, never the data files (``os.replace`` swaps
those out). The kernel drops it when the process dies, so a crash leaves no
stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from jobfutures_tui.store.errors import DataLocked
from jobfutures_tui.store.files import FILE_MODE

LOCK_NAME = "jobfutures.lock"


class FolderLock:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DataLocked(self.folder) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
