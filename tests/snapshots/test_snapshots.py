"""SVG snapshots of the main screens on the demo data, at a frozen date.

Update after an intended change: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input, TextArea

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.demo import populate
from jobfutures_tui.store import Repository

FROZEN = pendulum.datetime(2026, 11, 23, 15, 0, tz="UTC")
SIZE = (120, 36)
WIDE = (150, 40)


@pytest.fixture
def demo_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[JobFuturesApp]:
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)
    with pendulum.travel_to(FROZEN, freeze=True):
        repo = Repository.open(tmp_path / "data")
        populate(repo, today=FROZEN.date())
        yield JobFuturesApp(repo, demo=True)
        repo.close()


def test_board(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=WIDE)  # wide enough for the script panel


def test_board_after_moving_a_card(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, press=["j", "greater_than_sign", "l"])


def test_add_form_with_an_error(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, press=["a", "tab", *"Ana", "ctrl+s"])


def test_help(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, press=["question_mark"])


def test_board_at_80x24(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=(80, 24))


def test_today(snap_compare, demo_app: JobFuturesApp) -> None:
    async def wait_for_the_list(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("2")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=wait_for_the_list)


def test_detail(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, press=["l", "enter"])


def test_people(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, press=["3", "slash", *"man"])


def test_plans_for_a_job_future(snap_compare, demo_app: JobFuturesApp) -> None:
    assert snap_compare(demo_app, terminal_size=SIZE, press=["l", "P"])


def test_plan_form_with_an_error(snap_compare, demo_app: JobFuturesApp) -> None:
    keys = ["l", "P", "a", *"Gentle", "tab", "tab", *"check-in 0 days", "ctrl+s"]
    assert snap_compare(demo_app, terminal_size=SIZE, press=keys)


def test_insights(snap_compare, demo_app: JobFuturesApp) -> None:
    async def wait_for_the_figures(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=wait_for_the_figures)


def test_insights_at_80x24(snap_compare, demo_app: JobFuturesApp) -> None:
    async def wait_for_the_figures(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=(80, 24), run_before=wait_for_the_figures)
