"""SIGTERM and SIGHUP (a closed terminal) save what is pending, then quit.

Without this, the default action kills the process at once: a change shown on
screen but still in the writer's short settle would be lost. The grace is
bounded, so a hung disk never keeps a dying session alive.

A closed terminal can also wedge the app itself: Textual writes to the terminal
through a thread with a bounded queue, and when that thread dies (the terminal
is gone), the next writes fill the queue and the event loop blocks for good
(Textual issue 6692). The process then held the data's lock until killed
with SIGKILL, and every later start was refused. So the signals are caught by
Python's own handler, which runs even while the loop is blocked, and a watcher
thread, started with the app, does the work: it saves what is pending, asks the
app to quit, and if the loop stops answering for :data:`STUCK` seconds it ends
the process (the saves are on disk by then, and the kernel drops the lock).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any, Protocol

from jobfutures_tui.store import Repository, SaveFailed


class Quitting(Protocol):
    """What a signal needs of the app (the app satisfies it; no import of it here)."""

    quitting: bool

    @property
    def repo(self) -> Repository: ...

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...


GRACE = 2.0
"""Seconds to finish pending saves after a signal."""
STUCK = 5.0
"""Seconds the event loop may leave a call unanswered while quitting before the
process is ended (it is blocked, not slow: quitting takes milliseconds)."""
SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Caught:
    """The signals one app handles, and the thread that answers them."""

    def __init__(self, app: Quitting, loop: asyncio.AbstractEventLoop) -> None:
        self.signals: list[signal.Signals] = []
        self._app, self._loop = app, loop
        self._previous: dict[signal.Signals, Any] = {}
        self._code = 0
        self._woken = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="jobfutures-signals", daemon=True)

    def _start(self) -> None:
        for sig in SIGNALS:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                self._previous[sig] = signal.signal(sig, self._handle)
                self.signals.append(sig)
        if self.signals:
            self._watcher.start()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        # Runs on the main thread between two of its instructions, wherever they are:
        # only a flag and an Event here (starting a thread could meet a lock it holds).
        self._app.quitting = True
        self._code = 128 + signum
        self._woken.set()

    def release(self) -> None:
        """Give the signals back (the app is done; a test suite goes on)."""
        for sig, previous in self._previous.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, previous)
        self._previous.clear()
        self._woken.set()  # a watcher with no signal to answer ends

    def _watch(self) -> None:
        self._woken.wait()
        code = self._code
        if not code:
            return  # released: the app ended without a signal
        with contextlib.suppress(SaveFailed, TimeoutError):
            self._app.repo.flush(timeout=GRACE)
        answered = _answered(self._loop, lambda: self._app.exit(return_code=code))
        while answered:  # quitting: the loop goes on until it closes
            answered = _answered(self._loop, lambda: None)
        if answered is False:
            os._exit(code)  # blocked for good: the saves are on disk, the lock goes with us


def _answered(loop: asyncio.AbstractEventLoop, call: Callable[[], object]) -> bool | None:
    """Whether the loop ran ``call`` within :data:`STUCK` seconds (None: it is closed)."""
    done = threading.Event()

    def run() -> None:
        try:
            call()
        finally:
            done.set()

    try:
        loop.call_soon_threadsafe(run)
    except RuntimeError:
        return None
    if done.wait(STUCK):
        time.sleep(0.2)  # the next look a moment later
        return True
    return None if loop.is_closed() else False


def catch(app: Quitting) -> Caught:
    """Handle the signals for the app running on this loop (none off the main thread)."""
    caught = Caught(app, asyncio.get_running_loop())
    caught._start()
    return caught
