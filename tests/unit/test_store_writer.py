"""The writers: nothing dropped, newest bytes win, first-come order, failures reported."""

from __future__ import annotations

import errno
import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import orjson
import pytest

from jobfutures_tui.models import revise
from jobfutures_tui.store import BackgroundWriter, Repository, SaveFailed, Writer
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.storage import UuidTable, as_document, open_file
from jobfutures_tui.store.writer import Payload

WAIT = 5.0


class Disk:
    """Real atomic writes that can be paused (to queue work up) or made to fail."""

    def __init__(self) -> None:
        self.full = False
        self.gate = threading.Event()
        self.gate.set()
        self.busy = threading.Event()
        self.written: list[tuple[str, bytes]] = []

    def write(self, path: Path, data: bytes) -> None:
        self.busy.set()
        assert self.gate.wait(WAIT), "test forgot to open the gate"
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write_atomic(path, data)
        self.written.append((path.name, data))


@pytest.fixture
def disk() -> Disk:
    return Disk()


@pytest.fixture
def errors() -> queue.Queue[SaveFailed]:
    return queue.Queue()


@pytest.fixture
def recovered() -> threading.Event:
    return threading.Event()


@pytest.fixture
def writer(
    disk: Disk, errors: queue.Queue[SaveFailed], recovered: threading.Event
) -> Iterator[BackgroundWriter]:
    writer = BackgroundWriter(write=disk.write, on_error=errors.put, on_recovered=recovered.set)
    yield writer
    disk.full = False
    disk.gate.set()
    writer.close()


def test_flush_returns_once_the_bytes_are_on_disk(writer: BackgroundWriter, tmp_path: Path) -> None:
    writer.submit(tmp_path / "a.json", b"one")
    writer.flush(timeout=WAIT)
    assert (tmp_path / "a.json").read_bytes() == b"one"
    assert writer.pending == []


def test_failure_is_reported_kept_and_retried_on_next_submit(
    writer: BackgroundWriter,
    disk: Disk,
    errors: queue.Queue[SaveFailed],
    recovered: threading.Event,
    tmp_path: Path,
) -> None:
    disk.full = True
    writer.submit(tmp_path / "a.json", b"one")
    error = errors.get(timeout=WAIT)
    assert isinstance(error, SaveFailed)
    assert error.in_memory == (
        f"Not saved: the disk is full ({tmp_path}). Your change is kept in memory and saved "
        "as soon as it can be; quitting asks before losing it."
    )
    assert str(error) == (
        f"Nothing was saved: the disk is full ({tmp_path}). Your data is as it was. "
        "Free some space, then try again."
    ), "what a command says as it exits"
    assert writer.pending == [tmp_path / "a.json"]
    with pytest.raises(SaveFailed, match="the disk is full"):
        writer.flush(timeout=WAIT)
    assert not (tmp_path / "a.json").exists()
    assert not recovered.is_set()

    disk.full = False
    writer.submit(tmp_path / "b.json", b"two")
    assert recovered.wait(WAIT)
    writer.flush(timeout=WAIT)
    assert [name for name, _ in disk.written] == ["a.json", "b.json"]
    assert (tmp_path / "a.json").read_bytes() == b"one"
    assert writer.pending == []
    assert writer.last_error is None


def test_failure_is_retried_on_flush(
    writer: BackgroundWriter,
    disk: Disk,
    errors: queue.Queue[SaveFailed],
    recovered: threading.Event,
    tmp_path: Path,
) -> None:
    disk.full = True
    writer.submit(tmp_path / "a.json", b"one")
    errors.get(timeout=WAIT)
    disk.full = False
    writer.flush(timeout=WAIT)
    assert recovered.wait(WAIT)
    assert (tmp_path / "a.json").read_bytes() == b"one"


def test_pending_versions_coalesce_and_keep_first_submission_order(
    writer: BackgroundWriter, disk: Disk, tmp_path: Path
) -> None:
    disk.gate.clear()
    writer.submit(tmp_path / "z.json", b"z")
    assert disk.busy.wait(WAIT)  # the writer thread is now stuck writing z
    writer.submit(tmp_path / "c.json", b"c1")
    writer.submit(tmp_path / "a.json", b"a1")
    writer.submit(tmp_path / "b.json", b"b1")
    writer.submit(tmp_path / "c.json", b"c2")
    writer.submit(tmp_path / "a.json", b"a2")
    assert writer.pending == [tmp_path / name for name in ("z.json", "c.json", "a.json", "b.json")]
    disk.gate.set()
    writer.flush(timeout=WAIT)
    assert disk.written == [
        ("z.json", b"z"),
        ("c.json", b"c2"),
        ("a.json", b"a2"),
        ("b.json", b"b1"),
    ]
    assert (tmp_path / "c.json").read_bytes() == b"c2"


def test_a_newer_version_submitted_during_its_write_is_written_after(
    writer: BackgroundWriter, disk: Disk, tmp_path: Path
) -> None:
    disk.gate.clear()
    writer.submit(tmp_path / "a.json", b"old")
    assert disk.busy.wait(WAIT)
    writer.submit(tmp_path / "a.json", b"new")
    disk.gate.set()
    writer.flush(timeout=WAIT)
    assert disk.written == [("a.json", b"old"), ("a.json", b"new")]
    assert (tmp_path / "a.json").read_bytes() == b"new"


def test_flush_gives_up_after_its_timeout(
    writer: BackgroundWriter, disk: Disk, tmp_path: Path
) -> None:
    disk.gate.clear()
    writer.submit(tmp_path / "a.json", b"one")
    with pytest.raises(TimeoutError):
        writer.flush(timeout=0.05)
    assert writer.pending == [tmp_path / "a.json"]
    disk.gate.set()
    writer.flush(timeout=WAIT)
    assert (tmp_path / "a.json").read_bytes() == b"one"


def test_close_writes_what_is_pending(disk: Disk, tmp_path: Path) -> None:
    writer = BackgroundWriter(write=disk.write)
    disk.gate.clear()
    writer.submit(tmp_path / "a.json", b"one")
    writer.submit(tmp_path / "b.json", b"two")
    disk.gate.set()
    writer.close()
    assert (tmp_path / "b.json").read_bytes() == b"two"
    assert not writer._thread.is_alive()


def test_synchronous_writer_keeps_a_failed_file_pending(disk: Disk, tmp_path: Path) -> None:
    writer = Writer(write=disk.write)
    disk.full = True
    with pytest.raises(SaveFailed):
        writer.submit(tmp_path / "a.json", b"one")
    with pytest.raises(SaveFailed):
        writer.submit(tmp_path / "b.json", b"two")
    with pytest.raises(SaveFailed):
        writer.submit(tmp_path / "a.json", b"three")
    assert writer.pending == [tmp_path / "a.json", tmp_path / "b.json"]
    disk.full = False
    writer.flush()
    assert disk.written == [("a.json", b"three"), ("b.json", b"two")]


def test_repository_with_a_background_writer(
    disk: Disk, errors: queue.Queue[SaveFailed], folder: Path, open_repo, make
) -> None:
    writer = BackgroundWriter(write=disk.write, on_error=errors.put)
    repo = open_repo(folder, writer=writer)
    acme = make.company("Acme")
    future = make.prospect(acme)
    repo.save(acme, future)
    repo.flush(timeout=WAIT)

    disk.full = True
    offer = revise(future, stage="offer")
    repo.save(offer)  # returns at once: the disk is the writer thread's problem
    assert errors.get(timeout=WAIT).path == folder, "the folder it could not write in"
    assert repo.prospect(future.id) == offer
    with pytest.raises(SaveFailed):
        repo.flush(timeout=WAIT)

    disk.full = False
    repo.flush(timeout=WAIT)
    repo.close()
    assert open_repo(folder).prospect(future.id) == offer


def finishes(action, timeout: float = WAIT) -> bool:
    """Run ``action`` on a thread; False if it is still running after ``timeout``."""
    worker = threading.Thread(target=action, daemon=True)
    worker.start()
    worker.join(timeout)
    return not worker.is_alive()


def test_closing_twice_does_not_hang(disk: Disk, tmp_path: Path) -> None:
    writer = BackgroundWriter(write=disk.write)
    writer.submit(tmp_path / "a.json", b"one")
    writer.close()
    assert finishes(writer.close)
    # A late change still reaches the disk when flushed.
    writer.submit(tmp_path / "a.json", b"two")
    assert finishes(writer.flush)
    assert (tmp_path / "a.json").read_bytes() == b"two"


def test_closing_a_repository_twice_does_not_hang(disk: Disk, folder: Path, make) -> None:
    repo = Repository.open(folder, writer=BackgroundWriter(write=disk.write))
    repo.save(make.company("Acme"))
    repo.close()
    assert finishes(repo.close)
    with Repository.open(folder, read_only=True) as again:
        assert [c.name for c in again.companies()] == ["Acme"]


def test_a_payload_is_serialised_on_the_writer_thread_once_and_only_if_still_newest(
    writer: BackgroundWriter, disk: Disk, tmp_path: Path
) -> None:
    made: list[tuple[str, str]] = []

    def payload(name: str) -> Payload:
        def make() -> bytes:
            made.append((name, threading.current_thread().name))
            return name.encode()

        return make

    disk.gate.clear()
    writer.submit(tmp_path / "z.json", payload("z"))
    assert disk.busy.wait(WAIT)  # the writer thread is now stuck writing z
    writer.submit(tmp_path / "a.json", payload("a1"))
    writer.submit(tmp_path / "a.json", payload("a2"))  # replaces a1 before it was written
    disk.gate.set()
    writer.flush(timeout=WAIT)
    assert made == [("z", "jobfutures-writer"), ("a2", "jobfutures-writer")]
    assert (tmp_path / "a.json").read_bytes() == b"a2"


def test_a_payload_that_cannot_be_serialised_is_a_failed_save_kept_pending(
    writer: BackgroundWriter, errors: queue.Queue[SaveFailed], tmp_path: Path
) -> None:
    def broken() -> bytes:
        raise TypeError("Type is not JSON serializable: set")

    writer.submit(tmp_path / "a.json", broken)
    assert "Type is not JSON serializable" in str(errors.get(timeout=WAIT))
    assert writer.pending == [tmp_path / "a.json"]
    writer.submit(tmp_path / "a.json", b"fixed")
    writer.flush(timeout=WAIT)
    assert (tmp_path / "a.json").read_bytes() == b"fixed"


class Keeping(Writer):
    """Keeps what is submitted instead of writing it."""

    def __init__(self) -> None:
        super().__init__()
        self.submitted: list[Payload] = []

    def submit(self, path: Path, data: Payload) -> None:
        self.submitted.append(data)


def contents(payload: Payload) -> object:
    return orjson.loads(payload if isinstance(payload, bytes) else payload())


def test_a_pending_save_keeps_the_data_as_it_was_when_saved(tmp_path: Path) -> None:
    """The writer thread serialises later: changes made meanwhile must not leak in."""
    writer = Keeping()
    table = cast(UuidTable, open_file(tmp_path / "prospects.json", {}, writer).table("prospects"))
    table.insert(as_document("a", {"stage": "interviewed", "tags": ["warm"]}))
    saved = writer.submitted[-1]
    table.replace(as_document("a", {"stage": "offer", "tags": ["warm"]}))
    table.insert(as_document("b", {"stage": "referral"}))
    table.remove(doc_ids=["a"])  # type: ignore[list-item]  # our ids are strings
    assert contents(saved) == {"prospects": {"a": {"stage": "interviewed", "tags": ["warm"]}}}
    assert contents(writer.submitted[-1]) == {"prospects": {"b": {"stage": "referral"}}}


def test_replace_puts_a_new_row_and_skips_a_missing_id(tmp_path: Path) -> None:
    writer = Keeping()
    data: dict[str, Any] = {}
    table = cast(UuidTable, open_file(tmp_path / "prospects.json", data, writer).table("prospects"))
    table.insert(as_document("a", {"stage": "interviewed", "role": "lead"}))
    table.insert(as_document("b", {"stage": "offer"}))
    stored = data["prospects"]["a"]
    table.replace(as_document("a", {"stage": "offer"}))
    table.replace(as_document("gone", {"stage": "offer"}))
    assert stored == {"stage": "interviewed", "role": "lead"}, "the old row is left as it was"
    assert list(data["prospects"]) == ["a", "b"], "same place, nothing added"
    assert contents(writer.submitted[-1]) == {
        "prospects": {"a": {"stage": "offer"}, "b": {"stage": "offer"}}
    }


def test_a_save_never_changes_a_stored_row_in_place(folder: Path, open_repo, make) -> None:
    """Pending snapshots share the stored rows, so a save must put new ones."""
    repo = open_repo(folder)
    acme = make.company("Acme")
    future = make.prospect(acme)
    repo.save(acme, future)
    rows = [repo.stored_rows("companies")[acme.id], repo.stored_rows("prospects")[future.id]]
    copies = [dict(row) for row in rows]
    repo.save(revise(acme, name="Acme Corp"), revise(future, stage="offer"))
    assert [dict(row) for row in rows] == copies
    assert repo.stored_rows("prospects")[future.id]["stage"] == "offer"
