"""A failed save is shown, kept in memory and retried; quitting never silently loses it."""

from __future__ import annotations

import errno
from pathlib import Path

from pilot_helpers import add_prospect, messages, move_card, reopen, until

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.confirm import Confirm
from jobfutures_tui.models import Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import BackgroundWriter, Repository
from jobfutures_tui.store.files import write_atomic


class FlakyDisk:
    """write_atomic, until told the disk is full."""

    def __init__(self) -> None:
        self.full = False

    def __call__(self, path: Path, data: bytes) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        write_atomic(path, data)


def open_on(data_dir: Path, disk: FlakyDisk) -> Repository:
    return Repository.open(
        data_dir, writer=BackgroundWriter(write=disk), verify=False, streamed=True
    )


async def test_a_failed_save_is_shown_kept_and_retried(data_dir: Path) -> None:
    disk = FlakyDisk()
    repo = open_on(data_dir, disk)
    prospect = add_prospect(repo, "Northwind Logistics")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        disk.full = True
        await move_card(pilot, "greater_than_sign")
        await app.workers.wait_for_complete()
        full = "Not saved: the disk is full"
        await until(pilot, lambda: any(full in m for m in messages(app)), "the failed save")
        assert repo.prospect(prospect.id).stage is Stage.REJECTED_WARM, "kept in memory"
        with reopen(data_dir) as saved:
            assert saved.prospect(prospect.id).stage is Stage.INTERVIEWED
        disk.full = False
        await pilot.press("greater_than_sign")
        repo.flush()
        await until(pilot, lambda: any("saved again" in m for m in messages(app)), "saved again")
        with reopen(data_dir) as saved:
            assert saved.prospect(prospect.id).stage is Stage.REFERRAL
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    repo.close()


async def test_quitting_with_unsaved_changes_asks_first(data_dir: Path) -> None:
    disk = FlakyDisk()
    repo = open_on(data_dir, disk)
    add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        disk.full = True
        await move_card(pilot, "greater_than_sign")
        await pilot.press("q")
        await app.workers.wait_for_complete()  # the last saves, which fail
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "still running, change still held"
        await pilot.press("q")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question again")
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 1
    disk.full = False
    repo.close()  # the disk is back: closing still writes what was held
    with reopen(data_dir) as saved:
        assert saved.prospects()[0].stage is Stage.REJECTED_WARM


async def test_keys_pressed_while_quitting_start_nothing(repo: Repository) -> None:
    """A form opening while the app tears down used to crash it."""
    add_prospect(repo, "Woodgrove Bank")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q", "e", "a", "question_mark", "greater_than_sign")
        await app.workers.wait_for_complete()  # the last saves; then the app exits
    assert app.return_code == 0
    assert repo.prospects()[0].stage is Stage.INTERVIEWED
