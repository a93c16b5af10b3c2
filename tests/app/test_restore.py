"""Restoring a backup and replacing the data with a JSON export, from the app's palette:
on screen and on disk, through the shell's own check and restore."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from bombs import zip_bomb
from disk import saved_data
from pilot_helpers import add_prospect, messages, move_card, palette, reopen, review_text, settle
from textual.widgets import Input

from jobfutures_tui import restore_work
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.exchange import actions
from jobfutures_tui.exchange.backup import automatic_backups
from jobfutures_tui.exchange.dataset import export_json
from jobfutures_tui.exchange.restore import Snapshot, read_backup
from jobfutures_tui.modals.restore import RestorePicker, RestoreReview
from jobfutures_tui.models import Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.detail import DetailScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.store.backups import make_backup


def shown_companies(app: JobFuturesApp) -> list[str]:
    board = app.screen
    assert isinstance(board, BoardScreen)
    return sorted(board.card(pid).company for ids in board.columns.values() for pid in ids)


async def test_restoring_from_the_backups_list_replaces_the_data_and_backs_it_up_first(
    repo: Repository, data_dir: Path
) -> None:
    add_prospect(repo, "Contoso")
    backup = make_backup(data_dir, repo.backups_folder)  # an automatic backup: Contoso only
    assert backup is not None
    add_prospect(repo, "Northwind Logistics", person="Tomás Ibáñez")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await move_card(pilot, "greater_than_sign")  # an undoable change, made before the restore
        await pilot.press("enter")
        assert isinstance(app.screen, DetailScreen)
        await palette(pilot, "restore")
        picker = app.screen
        assert isinstance(picker, RestorePicker)
        assert backup.name in str(picker.query_one("#restore-list").render_line(0).text)
        await pilot.press("enter")  # the newest backup, highlighted first
        await settle(app, pilot)
        shown = review_text(app)
        assert "Replace all your data with the backup from " in shown
        assert "It holds 1 company, 1 person, 1 job future" in shown
        assert "Your data now: 2 companies" in shown
        assert "Your current data is backed up first" in shown and "u cannot undo" in shown
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, BoardScreen), "the story was closed: back to the board"
        assert shown_companies(app) == ["Contoso"]
        assert app.repo is not repo and not app.history.can_undo
        assert app.repo.streamed, "reopened as the app opens its data"
        (done,) = [m for m in messages(app) if m.startswith("Restored the backup from")]
        newest = automatic_backups(data_dir)[0].path
        assert str(newest) in done, "the message names the backup of the replaced data"
        assert read_backup(newest).counts["prospects"] == 2, "it holds the data as it was"
        await pilot.press("u")  # the move made before the restore is not replayed over it
        await pilot.pause()
        assert messages(app)[-1] == "Nothing to undo."
        with reopen(data_dir) as saved:
            assert [c.name for c in saved.companies()] == ["Contoso"]
        await pilot.press("2", "3", "1")  # every main screen draws from the restored data
        await move_card(pilot, "greater_than_sign")  # and the app goes on saving
        app.repo.flush()
    app.repo.close()
    with reopen(data_dir) as saved:
        (prospect,) = saved.prospects()
        assert prospect.stage is Stage.REJECTED_WARM


async def test_a_damaged_backup_is_refused_and_nothing_changes(
    repo: Repository, data_dir: Path, tmp_path: Path
) -> None:
    add_prospect(repo, "Contoso")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("meta.json", '{"app": "jobfutures", "schema_version": 2}')
        archive.writestr("prospects.json", '{"prospects": {"x": ')
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await palette(pilot, "restore")
        await pilot.press("enter")  # no automatic backups yet: the only entry is another file
        app.screen.query_one("#path", Input).value = str(damaged)
        await pilot.press("enter")
        await settle(app, pilot)
        shown = review_text(app)
        assert "Nothing was restored" in shown and "prospects.json: it is not valid JSON" in shown
        await pilot.press("y")  # nothing to say yes to
        await pilot.pause()
        assert isinstance(app.screen, RestoreReview)
        await pilot.press("escape")
        assert app.repo is repo and saved_data(data_dir) == before
        assert automatic_backups(data_dir) == []
        await move_card(pilot, "greater_than_sign")  # the app still works on the data it had
        repo.flush()
    assert saved_data(data_dir) != before


async def test_a_zip_bomb_is_refused_with_a_message(
    repo: Repository, data_dir: Path, tmp_path: Path
) -> None:
    """1.5 MB that unpacks to 1.5 GiB: measured, not read; the review says why."""
    add_prospect(repo, "Contoso")
    repo.flush()
    bomb = zip_bomb(tmp_path / "bomb.zip", "meta.json")
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await palette(pilot, "restore")
        await pilot.press("enter")
        app.screen.query_one("#path", Input).value = str(bomb)
        await pilot.press("enter")
        await settle(app, pilot)
        shown = " ".join(review_text(app).split())
        assert f"{bomb} is too big to read: it unpacks to 1.5 GB" in shown
        assert "Nothing was restored" in shown
        await pilot.press("escape")
        assert app.repo is repo
    assert saved_data(data_dir) == before


async def test_cancelling_a_restore_changes_nothing(
    repo: Repository, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_prospect(repo, "Contoso")
    make_backup(data_dir, repo.backups_folder)
    add_prospect(repo, "Northwind Logistics")
    before = saved_data(data_dir)
    checking = threading.Event()
    check = actions.check_restore

    def slow_check(path: Path, *, json_export: bool = False) -> Snapshot:
        checking.wait(5)  # a large backup: the check takes a while
        return check(path, json_export=json_export)

    monkeypatch.setattr(actions, "check_restore", slow_check)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await palette(pilot, "restore")
        await pilot.press("escape")  # from the list
        assert isinstance(app.screen, BoardScreen)
        await palette(pilot, "restore")
        await pilot.press("enter", "escape")  # while the backup is still being checked
        checking.set()
        await settle(app, pilot)
        assert isinstance(app.screen, BoardScreen), "what the check found goes nowhere"
        restore_work.restore(app)
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("enter", "n")  # enter is not yes; n is no
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert shown_companies(app) == ["Contoso", "Northwind Logistics"]
    assert app.repo is repo and saved_data(data_dir) == before
    assert len(automatic_backups(data_dir)) == 1


async def test_import_can_replace_all_the_data_with_a_json_export(
    repo: Repository, data_dir: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    with Repository.open(other) as elsewhere:
        add_prospect(elsewhere, "Fabrikam", stage=Stage.OFFER)
        add_prospect(elsewhere, "Coho Winery")
        export = tmp_path / "all.json"
        export.write_bytes(export_json(elsewhere))
        wanted = saved_data(other)
    add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await palette(pilot, "import a f")
        await pilot.press("end")  # the last of what can be imported: replace all your data
        app.screen.query_one("#path", Input).value = str(export)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        shown = review_text(app)
        assert f"Replace all your data with the export in {export}?" in shown
        assert "It holds 2 companies" in shown and "Your data now: 1 company" in shown
        await pilot.press("y")
        await settle(app, pilot)
        assert shown_companies(app) == ["Coho Winery", "Fabrikam"]
    app.repo.close()
    assert saved_data(data_dir) == wanted
    (backup,) = automatic_backups(data_dir)
    assert read_backup(backup.path).counts["companies"] == 1, "Contoso is kept in the backup"


async def test_read_only_data_is_never_restored(repo: Repository, data_dir: Path) -> None:
    add_prospect(repo, "Contoso")
    make_backup(data_dir, repo.backups_folder)
    with Repository.open(data_dir, read_only=True) as looking:
        app = JobFuturesApp(looking)
        async with app.run_test(size=(110, 30)) as pilot:
            await palette(pilot, "restore")
            assert isinstance(app.screen, BoardScreen)
            assert "replacing it needs jobfutures opened without --read-only" in messages(app)[-1]
