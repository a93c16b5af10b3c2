"""A save that fails part-way leaves the old file whole and keeps the change to retry."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from jobfutures_tui.models import Stage, revise
from jobfutures_tui.store import SaveFailed
from jobfutures_tui.store import files as files_module


class HalfWrittenFile:
    """A file whose disk fills up after half of what is written to it."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __enter__(self) -> HalfWrittenFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._handle.close()

    def fileno(self) -> int:
        return self._handle.fileno()

    def flush(self) -> None:
        self._handle.flush()

    def write(self, data: bytes) -> int:
        self._handle.write(data[: len(data) // 2])
        self._handle.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FullDisk:
    """Stands in for the ``os`` module inside store/files.py: real calls, one failing step."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.full = False

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def _fail(self) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(self, fd: int, mode: str) -> Any:
        handle = os.fdopen(fd, mode)
        return HalfWrittenFile(handle) if self.full and self.step == "write" else handle

    def fsync(self, fd: int) -> None:
        if self.full and self.step == "fsync" and not os.path.isdir(f"/proc/self/fd/{fd}"):
            self._fail()
        os.fsync(fd)

    def replace(self, source: str, target: Path) -> None:
        if self.full and self.step == "replace":
            self._fail()
        os.replace(source, target)


@pytest.fixture(params=["write", "fsync", "replace"])
def disk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> FullDisk:
    disk = FullDisk(request.param)
    monkeypatch.setattr(files_module, "os", disk)
    return disk


def stored(folder: Path, name: str, table: str) -> dict[str, Any]:
    return orjson.loads((folder / name).read_bytes())[table]


def test_failed_save_keeps_the_old_file_and_the_change(
    disk: FullDisk, folder: Path, open_repo, make
) -> None:
    repo = open_repo(folder)
    acme = make.company("Acme")
    future = make.prospect(acme)
    repo.save(acme, future)
    before = make.snapshot(folder)

    disk.full = True
    offer = revise(future, stage="offer")
    with pytest.raises(SaveFailed) as caught:
        repo.save(offer)
    message = str(caught.value)
    assert message == (
        f"Nothing was saved: the disk is full ({folder}). Your data is as it was. "
        "Free some space, then try again."
    )
    assert caught.value.path == folder and caught.value.journal is None

    assert make.snapshot(folder) == before  # byte for byte, same mtime
    assert make.temp_files(folder) == []
    assert repo.prospect(future.id).stage is Stage.OFFER
    assert repo.pending_files == [folder / "prospects.json"]

    disk.full = False
    renamed = revise(acme, name="Acme Corp")
    repo.save(renamed)  # retries the pending file first, then writes the new one
    assert repo.pending_files == []
    assert stored(folder, "prospects.json", "prospects")[future.id]["stage"] == "offer"
    assert stored(folder, "companies.json", "companies")[acme.id]["name"] == "Acme Corp"
    repo.close()

    again = open_repo(folder)
    assert again.prospect(future.id) == offer
    assert again.company(acme.id) == renamed


def test_a_failed_save_writes_no_dangling_reference(
    disk: FullDisk, folder: Path, open_repo, make
) -> None:
    """The company file fails first, so the prospect that needs it is not written either."""
    repo = open_repo(folder)
    repo.save(make.company("Existing"))
    before = make.snapshot(folder)

    disk.full = True
    acme = make.company("Acme")
    future = make.prospect(acme)
    with pytest.raises(SaveFailed, match="Nothing was saved: the disk is full"):
        repo.save(future, acme)
    assert make.snapshot(folder) == before
    assert not (folder / "prospects.json").exists()
    assert repo.pending_files == [folder / "companies.json", folder / "prospects.json"]
    with pytest.raises(SaveFailed):
        repo.flush()

    disk.full = False
    repo.flush()
    assert repo.pending_files == []
    assert acme.id in stored(folder, "companies.json", "companies")
    assert future.id in stored(folder, "prospects.json", "prospects")
    assert make.temp_files(folder) == []


def test_closing_while_the_disk_is_full_says_so(
    disk: FullDisk, folder: Path, open_repo, make
) -> None:
    repo = open_repo(folder)
    repo.save(make.company("Acme"))
    disk.full = True
    with pytest.raises(SaveFailed):
        repo.save(make.company("Contoso"))
    with pytest.raises(SaveFailed, match="Nothing was saved: the disk is full"):
        repo.close()
    # The lock is released all the same: the folder can be opened again.
    disk.full = False
    assert [c.name for c in open_repo(folder).companies()] == ["Acme"]
