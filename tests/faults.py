"""A disk that fails, made at the lowest level: the ``os`` functions every write goes
through, patched for one folder, never the store's own functions.

Tests may run as root, where chmod stops no write, so a read-only folder or file
system is played by these functions failing the way the kernel would:

- ``full``: no new file or folder can be made (ENOSPC); files that exist still
  open, as on a real full disk (the lock file keeps working);
- ``read_only``: nothing opens for writing, nothing is made, renamed or removed
  (EROFS);
- ``denied``: the folder may not be changed (EACCES): no file made, renamed or
  removed in it; files that exist still open for writing, as a 0500 folder
  holding 0600 files would.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
CODES = {"full": errno.ENOSPC, "read_only": errno.EROFS, "denied": errno.EACCES}


class Disk:
    """Writes under ``folder`` fail as ``kind`` says while ``failing`` is true."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path, kind: str) -> None:
        self.folders = {os.path.abspath(folder), os.path.realpath(folder)}
        self.kind = kind
        self.code = CODES[kind]
        self.failing = True
        self.refused: list[str] = []
        """Each path a call was refused for, in order."""
        self.only: Callable[[str], bool] | None = None
        """Fail only for the paths this says yes to (one file of a commit, say)."""
        real = {name: getattr(os, name) for name in ("open", "mkdir", "replace", "unlink")}
        real["rename"] = os.rename

        def opened(path: Any, flags: int, mode: int = 0o777, *, dir_fd: Any = None) -> int:
            new = bool(flags & os.O_CREAT) and not os.path.lexists(os.fsdecode(path))
            if flags & WRITING and self._refuses(path, new=new, entry=new):
                self._fail(path)
            return real["open"](path, flags, mode, dir_fd=dir_fd)

        def changing(name: str) -> Any:
            def call(path: Any, *args: Any, **kwargs: Any) -> Any:
                new = name == "mkdir" and not os.path.lexists(os.fsdecode(path))
                if self._refuses(path, new=new, entry=True):
                    self._fail(path)
                return real[name](path, *args, **kwargs)

            return call

        monkeypatch.setattr(os, "open", opened)
        for name in ("mkdir", "replace", "unlink", "rename"):
            monkeypatch.setattr(os, name, changing(name))

    def _inside(self, path: Any) -> bool:
        text = os.path.abspath(os.fsdecode(path))
        return any(text == f or text.startswith(f + os.sep) for f in self.folders)

    def _refuses(self, path: Any, *, new: bool, entry: bool) -> bool:
        """``new``: the call makes a file or folder; ``entry``: it changes the folder's
        list of names (makes, renames or removes one)."""
        if not (self.failing and self._inside(path)):
            return False
        if self.only is not None and not self.only(os.fsdecode(path)):
            return False
        if self.kind == "read_only":
            return True
        if self.kind == "full":
            return new
        return entry

    def _fail(self, path: Any) -> None:
        self.refused.append(os.fsdecode(path))
        raise OSError(self.code, os.strerror(self.code), os.fsdecode(path))


def failing_disk(monkeypatch: pytest.MonkeyPatch, folder: Path, kind: str) -> Disk:
    """Make writes under ``folder`` fail from now on (``disk.failing = False`` heals it)."""
    return Disk(monkeypatch, folder, kind)
