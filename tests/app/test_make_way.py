"""The check of every record, running in the background after the first frame,
makes way for a key or a click: what the key starts has the machine to itself
(background_work.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from pilot_helpers import add_prospect

from jobfutures_tui import background_work
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.background_work import QUIET_AFTER_INPUT, input_seen
from jobfutures_tui.store import Repository


@dataclass
class Worker:
    is_cancelled: bool


def test_after_a_key_the_check_waits_a_moment_then_goes_on() -> None:
    input_seen()
    started = time.monotonic()
    assert background_work._stop_or_make_way(Worker(is_cancelled=False)) is False
    assert time.monotonic() - started >= QUIET_AFTER_INPUT * 0.8


def test_a_check_cancelled_meanwhile_stops_at_once() -> None:
    input_seen()
    started = time.monotonic()
    assert background_work._stop_or_make_way(Worker(is_cancelled=True)) is True
    assert time.monotonic() - started < QUIET_AFTER_INPUT / 2


def test_with_no_key_lately_the_check_does_not_wait() -> None:
    background_work._last_input = time.monotonic() - QUIET_AFTER_INPUT
    started = time.monotonic()
    assert background_work._stop_or_make_way(Worker(is_cancelled=False)) is False
    assert time.monotonic() - started < 0.05


async def test_the_apps_keys_are_seen(repo: Repository) -> None:
    add_prospect(repo, "Initech")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        before = time.monotonic()
        await pilot.press("j")
        assert background_work._last_input >= before
