"""A sync folder in the app: another computer's change shows without a restart, and a
save made meanwhile is merged with it, never written over it (devices_work.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pilot_helpers import add_prospect, after_first_frame, column_text, messages, reopen, until

from jobfutures_tui import devices_work
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Stage
from jobfutures_tui.models.entities import revise
from jobfutures_tui.store import Repository


def laptop_adds(data_dir: Path, tmp_path: Path, company: str, *, arrive: bool = True) -> None:
    """The other computer adds a job future; the sync tool brings its files here,
    each by an atomic replace (unless not ``arrive``)."""
    laptop = tmp_path / "laptop"
    shutil.copytree(data_dir, laptop, ignore=shutil.ignore_patterns("jobfutures.lock", "backups"))
    with Repository.open(laptop) as there:
        add_prospect(there, company, person="Lee Chen")
    if not arrive:
        return
    for name in ("companies.json", "people.json", "prospects.json", "manifest.json"):
        temp = data_dir / f".syncthing.{name}.tmp"
        shutil.copyfile(laptop / name, temp)
        os.replace(temp, data_dir / name)


@pytest.fixture(autouse=True)
def _look_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(devices_work, "LOOK_EVERY", 0.1)


async def test_a_job_future_added_on_another_computer_shows_up(
    repo: Repository, data_dir: Path, tmp_path: Path
) -> None:
    add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await after_first_frame(pilot)
        laptop_adds(data_dir, tmp_path, "Globex")
        await until(
            pilot, lambda: "Globex" in column_text(app, Stage.INTERVIEWED), "the laptop's card"
        )
        assert any("Changed on another device (companies" in m for m in messages(app))
        assert "Contoso" in column_text(app, Stage.INTERVIEWED)


async def test_a_save_made_meanwhile_is_merged_with_the_other_change(
    repo: Repository, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(devices_work, "LOOK_EVERY", 3600)  # the save comes before a look
    future = add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await after_first_frame(pilot)
        laptop_adds(data_dir, tmp_path, "Globex")
        app.repo.save(revise(app.repo.prospect(future.id), notes="call after the offsite"))
        await until(pilot, lambda: any("on another device" in m for m in messages(app)), "a note")
    with reopen(data_dir) as after:
        names = {company.name for company in after.companies()}
        notes = after.prospect(future.id).notes
    assert names == {"Contoso", "Globex"}
    assert notes == "call after the offsite"


async def test_a_conflict_copy_is_merged_as_the_app_opens(
    repo: Repository, data_dir: Path, tmp_path: Path
) -> None:
    """A sync tool keeps few copies (Syncthing ten) and deletes the oldest: they are
    merged at once, and the board shows what they held."""
    add_prospect(repo, "Contoso")
    laptop_adds(data_dir, tmp_path, "Globex", arrive=False)
    copy = "companies.sync-conflict-20261206-101502-ABCDEF7.json"
    shutil.copyfile(tmp_path / "laptop" / "companies.json", data_dir / copy)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await after_first_frame(pilot)
        await until(pilot, lambda: any("conflict copy" in m for m in messages(app)), "merged")
        said = [m for m in messages(app) if "conflict copy" in m]
        assert "Merged 1 conflict copy" in said[0]
        assert app.repo.find_company("Globex") is not None
    assert not (data_dir / copy).exists()
    assert (data_dir / "backups" / "conflict-copies" / copy).exists()


async def test_the_user_stays_where_they_were_when_another_change_arrives(
    repo: Repository, data_dir: Path, tmp_path: Path
) -> None:
    """On the board with a card selected, or in a story: the data is opened again under
    them, not a jump back to the board's first card."""
    from jobfutures_tui.screens.board import BoardScreen
    from jobfutures_tui.screens.detail import DetailScreen

    add_prospect(repo, "Contoso")
    fabrikam = add_prospect(repo, "Fabrikam")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await after_first_frame(pilot)
        board = app.get_screen("board")
        assert isinstance(board, BoardScreen) and board.select_prospect(fabrikam.id)
        laptop_adds(data_dir, tmp_path, "Globex")
        await until(pilot, lambda: any("on another device" in m for m in messages(app)), "one")
        await until(pilot, lambda: not app.replacing, "the data opened again")
        board = app.get_screen("board")
        assert isinstance(board, BoardScreen) and app.screen is board
        assert board.selected_id == fabrikam.id
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the story")
        shutil.rmtree(tmp_path / "laptop")
        laptop_adds(data_dir, tmp_path, "Initech")
        await until(pilot, lambda: "Initech" in column_text(app, Stage.INTERVIEWED), "Initech")
        await until(pilot, lambda: not app.replacing, "the data opened again")
        await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the story again")
        assert app.screen.prospect_id == fabrikam.id
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.get_screen("board"), "the board")
        assert app.get_screen("board").selected_id == fabrikam.id
        await pilot.press("2")
        await until(pilot, lambda: app.screen is app.get_screen("today"), "Today")
        shutil.rmtree(tmp_path / "laptop")
        laptop_adds(data_dir, tmp_path, "Hooli")
        await until(pilot, lambda: app.repo.find_company("Hooli") is not None, "Hooli")
        await until(pilot, lambda: not app.replacing, "the data opened again")
        await until(pilot, lambda: app.screen is app.get_screen("today"), "still Today")
