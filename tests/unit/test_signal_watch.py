"""A signal's watcher ends a process whose event loop is blocked for good (signals.py):
a closed terminal can wedge Textual's output, and the data's lock was then held
until the process was killed by hand."""

from __future__ import annotations

import asyncio
import signal
from typing import Any

import pytest

from jobfutures_tui import signals


class App:
    quitting = False

    def __init__(self) -> None:
        self.flushed = 0
        self.exited: list[int] = []
        self.repo = self

    def flush(self, timeout: float | None = None) -> None:
        self.flushed += 1

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None:
        self.exited.append(return_code)


@pytest.fixture
def ended(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    codes: list[int] = []
    monkeypatch.setattr(signals, "STUCK", 0.2)
    monkeypatch.setattr(signals.os, "_exit", codes.append)
    return codes


def answer(caught: signals.Caught, sig: signal.Signals) -> None:
    caught._watcher.start()
    caught._handle(sig, None)
    caught._watcher.join(timeout=5)
    assert not caught._watcher.is_alive()


def test_a_blocked_loop_is_ended_once_the_saves_are_done(ended: list[int]) -> None:
    app, loop = App(), asyncio.new_event_loop()  # never run: as blocked as it gets
    try:
        answer(signals.Caught(app, loop), signal.SIGHUP)
    finally:
        loop.close()
    assert app.quitting and app.flushed == 1
    assert ended == [128 + signal.SIGHUP]


async def test_a_loop_that_answers_quits_as_usual(ended: list[int]) -> None:
    app = App()
    caught = signals.Caught(app, asyncio.get_running_loop())
    caught._watcher.start()
    caught._handle(signal.SIGTERM, None)
    while not app.exited:
        await asyncio.sleep(0.01)
    assert app.exited == [128 + signal.SIGTERM] and app.flushed == 1
    gone = asyncio.new_event_loop()
    gone.close()
    caught._loop = gone  # as when the app's loop closes: the watcher ends
    await asyncio.to_thread(caught._watcher.join, 5)
    assert not caught._watcher.is_alive() and ended == []


def test_a_closed_loop_means_the_app_is_gone(ended: list[int]) -> None:
    app, loop = App(), asyncio.new_event_loop()
    loop.close()
    answer(signals.Caught(app, loop), signal.SIGTERM)
    assert ended == [] and app.exited == []
