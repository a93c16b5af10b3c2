"""Getting serialised bytes onto the disk, now or from a background thread.

What is submitted is a commit: the new contents of the files one change
spans. A writer attached to a data folder (:attr:`Writer.journal`) writes a
commit whole or not at all (store/journal.py); commits still pending when
the writer gets to them are written as one, each file in its latest version,
which keeps every change whole. A commit that fails stays pending and is
retried on the next save (and, in the background, every few seconds); nothing
is dropped unless its owner gives up on it (:meth:`Writer.abandon`).

A file's contents are bytes, or a ``Payload`` function that makes them when
the commit is written: a save in the app then serialises on the writer's
thread, not in the key press, and a version replaced while pending is never
serialised at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jobfutures_tui.store.errors import SaveFailed
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.journal import Journal
from jobfutures_tui.store.snapshot import Snapshot
from jobfutures_tui.store.splice import Spliced

WriteFn = Callable[[Path, bytes], None]
Payload = bytes | Callable[[], bytes]
"""A file's new contents, or how to make them: called once, when it is written."""


Commit = dict[Path, "Payload | None"]
"""Absolute path → its new contents, or None to remove the file."""


class Writer:
    """Writes synchronously: a save that returns is on disk (the CLI, tests)."""

    def __init__(self, write: WriteFn = write_atomic) -> None:
        self._write = write
        self._pending: list[Commit] = []
        self._guard = threading.Lock()
        self.before_first_write: Callable[[], None] | None = None
        self.last_error: SaveFailed | None = None
        self.journal: Journal | None = None
        """The data folder's commits; without one, each file is written on its own."""
        self.merge_notes: list[str] = []
        """What commits merged from another device (store/devices.py), for a command to say."""
        self.on_merged: Callable[[list[str]], None] | None = None
        """Called (from the writer's thread, in the app) when a commit merged."""

    def attach(self, folder: Path) -> Journal:
        """Write commits into ``folder`` through its journal (the repository calls this)."""
        self.journal = Journal(folder, self._write)
        return self.journal

    @property
    def pending(self) -> list[Path]:
        with self._guard:
            paths: dict[Path, None] = {}
            for commit in self._pending:
                paths.update(dict.fromkeys(commit))
            return list(paths)

    def submit(self, path: Path, data: Payload) -> None:
        self.submit_commit({path: data})

    def submit_commit(self, files: Commit) -> None:
        with self._guard:
            self._pending.append(dict(files))
        self._drain()

    def flush(self, timeout: float | None = None) -> None:
        """Write everything pending; raise :class:`SaveFailed` if that fails."""
        self._drain()

    def close(self) -> None:
        self.flush()

    def abandon(self) -> None:
        """Forget every pending commit: what could not be saved was reported unsaved."""
        with self._guard:
            self._pending.clear()
            self.last_error = None

    def _drain(self) -> None:
        """Write every pending commit as one; on a failure, keep them all pending."""
        with self._guard:
            if not self._pending:
                self.last_error = None
                return
            taken = list(self._pending)
        merged: Commit = {}
        for commit in taken:
            merged.update(commit)  # the latest bytes, in the order first submitted
        try:
            if self.before_first_write is not None:
                self.before_first_write()
                self.before_first_write = None
            files = {
                path: data if data is None or isinstance(data, bytes) else data()
                for path, data in merged.items()
            }
            held = {
                path: data.held(made)
                for path, data in merged.items()
                if isinstance(data, Snapshot | Spliced) and (made := files[path]) is not None
            }
            self._commit(files, held)
        except SaveFailed as failed:  # the journal or a backup: it says what was written
            self.last_error = failed
            raise
        except Exception as exc:
            self.last_error = SaveFailed(next(iter(merged)), exc)
            raise self.last_error from exc
        with self._guard:
            # Drop what was written; commits submitted meanwhile stay pending.
            self._pending = [c for c in self._pending if not any(c is t for t in taken)]
            if not self._pending:
                self.last_error = None

    def _commit(self, files: dict[Path, bytes | None], tables: dict[Path, Any]) -> None:
        journal = self.journal
        if journal is None:
            for path, data in files.items():
                if data is None:
                    path.unlink(missing_ok=True)
                else:
                    self._write(path, data)
            return
        folder = journal.folder

        def name(path: Path) -> str:
            return path.relative_to(folder).as_posix()

        journal.commit(
            {name(path): data for path, data in files.items()},
            {name(path): shape for path, shape in tables.items()},
        )
        notes = journal.take_notes()
        if notes:
            self.merge_notes.extend(notes)
            if self.on_merged is not None:
                self.on_merged(notes)


class BackgroundWriter(Writer):
    """Writes on its own thread so the UI never waits for the disk.

    A save waits ``settle`` seconds before it is written (``flush`` and ``close``
    never wait). Serialising a file of 5,000 job futures holds the interpreter
    for 10-20 ms; done at once, it competed with drawing the very change it
    saves. The pause lets the screen update first, and a burst of keys in it
    is written once.

    A save that fails is tried again every ``retry`` seconds, and with every new save.
    ``on_error`` and ``on_recovered`` are called from the writer thread.
    """

    SETTLE = 0.2
    RETRY = 10.0
    """Seconds between tries of a save that failed, while nothing new is saved: a disk
    with room again, a folder writable again, and it is saved without a key."""

    def __init__(
        self,
        write: WriteFn = write_atomic,
        on_error: Callable[[SaveFailed], None] | None = None,
        on_recovered: Callable[[], None] | None = None,
        settle: float = SETTLE,
        retry: float = RETRY,
    ) -> None:
        super().__init__(write)
        self.on_error = on_error
        self.on_recovered = on_recovered
        self.settle = settle
        self.retry = retry
        self._wake = threading.Condition()
        self._requested = 0
        self._done = 0
        self._urgent = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="jobfutures-writer", daemon=True)
        self._thread.start()

    def submit_commit(self, files: Commit) -> None:
        with self._guard:
            self._pending.append(dict(files))
        self._request(urgent=False)

    def flush(self, timeout: float | None = None) -> None:
        if not self._thread.is_alive():
            # Closed already: nobody would answer the request, so write here.
            super().flush(timeout)
            return
        ticket = self._request(urgent=True)
        with self._wake:
            finished = self._wake.wait_for(lambda: self._done >= ticket, timeout)
        if not finished:
            raise TimeoutError("the disk did not answer in time; changes are still pending")
        if self.last_error is not None:
            raise self.last_error

    def close(self) -> None:
        try:
            self.flush()
        finally:
            with self._wake:
                self._stopping = True
                self._wake.notify_all()
            self._thread.join(timeout=5)

    def _request(self, *, urgent: bool) -> int:
        with self._wake:
            self._requested += 1
            self._urgent = self._urgent or urgent
            self._wake.notify_all()
            return self._requested

    def _run(self) -> None:
        while True:
            with self._wake:
                asked = self._wake.wait_for(
                    lambda: self._stopping or self._requested > self._done,
                    self.retry if self.last_error is not None else None,
                )
                if self._stopping and self._requested <= self._done:
                    return
                if asked:
                    self._wake.wait_for(lambda: self._urgent or self._stopping, self.settle)
                    self._urgent = False
                ticket = self._requested
            had_error = self.last_error is not None
            try:
                self._drain()
            except SaveFailed as error:
                # A retry of its own that fails again is not news: the app still says so.
                if self.on_error is not None and (asked or not had_error):
                    self.on_error(error)
            else:
                if had_error and self.on_recovered is not None:
                    self.on_recovered()
            with self._wake:
                self._done = ticket
                self._wake.notify_all()
