"""SIGTERM and SIGHUP (a closed terminal) save what is pending, then quit.

Without this, the default action kills the process at once: a change shown on
screen but still in the writer's short settle would be lost. The grace is
bounded, so a hung disk never keeps a dying session alive.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from typing import Any, Protocol

from jobfutures_tui.store import Repository, SaveFailed


class Quitting(Protocol):
    """What a signal needs of the app (the app satisfies it; no import of it here)."""

    quitting: bool

    @property
    def repo(self) -> Repository: ...

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...


GRACE = 2.0
"""Seconds to finish pending saves after a signal."""
SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def catch(app: Quitting) -> list[signal.Signals]:
    """Handle the signals on the app's loop; the ones handled (none off the main thread)."""
    loop = asyncio.get_running_loop()
    caught = []
    for sig in SIGNALS:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, _signalled, app, sig)
            caught.append(sig)
    return caught


def release(caught: list[signal.Signals]) -> None:
    """Give the signals back (the app is done; a test suite goes on)."""
    with contextlib.suppress(RuntimeError):
        loop = asyncio.get_running_loop()
        for sig in caught:
            loop.remove_signal_handler(sig)


def _signalled(app: Quitting, sig: signal.Signals) -> None:
    app.quitting = True
    threading.Thread(target=_save_and_exit, args=(app, 128 + sig), daemon=True).start()


def _save_and_exit(app: Quitting, code: int) -> None:
    with contextlib.suppress(SaveFailed, TimeoutError):
        app.repo.flush(timeout=GRACE)
    with contextlib.suppress(RuntimeError):  # the app may be gone already
        app.call_from_thread(app.exit, return_code=code)
