"""Checking and repairing the data from the app's palette: on screen and on disk, through
the shell's own check and repair, with the folder's lock handed over and taken back."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from disk import saved_data, synced
from pilot_helpers import add_prospect, messages, move_card, palette, reopen, review_text, settle

from jobfutures_tui import restore_work
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.exchange.backup import automatic_backups
from jobfutures_tui.exchange.check import Report, check_folder
from jobfutures_tui.exchange.restore import read_backup
from jobfutures_tui.modals.check import CheckReport
from jobfutures_tui.models import Company, Person, Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import BackgroundWriter, Repository


@pytest.fixture
def broken(data_dir: Path) -> Iterator[Repository]:
    """Contoso, and a person whose company was deleted behind the store's back (a hand
    edit, a sync tool): written into the files before the app's repository opens them."""
    with Repository.open(data_dir) as setup:
        add_prospect(setup, "Contoso")
        ghost = Company(name="Ghost")
        setup.save(ghost, Person(name="Jo [bold]Doe[/]", company_id=ghost.id))
    companies = data_dir / "companies.json"
    data = orjson.loads(companies.read_bytes())
    del data["companies"][ghost.id]
    companies.write_bytes(orjson.dumps(data))
    synced(companies)  # with another device's manifest: records lost are another test's
    for backup in automatic_backups(data_dir):
        backup.path.unlink()  # the setup's own; the repair's is the one to find
    repository = Repository.open(data_dir, writer=BackgroundWriter(), verify=False, streamed=True)
    yield repository
    repository.close()


async def test_clean_data_checks_out(repo: Repository) -> None:
    add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        await move_card(pilot, "greater_than_sign")  # a pending save: the check sees it on disk
        await palette(pilot, "check the data")
        await settle(app, pilot)
        shown = review_text(app)
        assert "Everything checks out: 3 records" in shown
        assert "1 company, 1 person, 1 job future, 0 touches" in shown
        assert "No problems found." in shown and "y repair" not in shown
        await pilot.press("y")  # nothing to repair
        await pilot.pause()
        assert isinstance(app.screen, CheckReport)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen) and app.repo is repo


async def test_a_broken_link_is_listed_and_y_repairs_it_after_a_backup(
    broken: Repository, data_dir: Path
) -> None:
    app = JobFuturesApp(broken)
    async with app.run_test(size=(110, 30)) as pilot:
        await move_card(pilot, "greater_than_sign")  # an undoable change, made before the repair
        await palette(pilot, "check the data")
        await settle(app, pilot)
        shown = review_text(app)
        assert "The check found 1 problem" in shown
        assert "person 'Jo [bold]Doe[/]' belongs to a company that does not exist" in shown
        assert "repair: keep the person, without a company" in shown
        assert "your data is backed up first" in shown and "u cannot undo a repair" in shown
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, BoardScreen)
        assert app.repo is not broken and not app.history.can_undo
        (done,) = [m for m in messages(app) if m.startswith("Repaired 1 problem")]
        newest = automatic_backups(data_dir)[0].path  # the first change took one too
        assert str(newest) in done and "Checked again: no problems left." in done
        assert "To go back, restore that backup" in done
        assert read_backup(newest).counts["people"] == 2, "the data as it was"
        with zipfile.ZipFile(newest) as backup:  # before the repair, after the move
            people = orjson.loads(backup.read("people.json"))["people"]
            prospects = orjson.loads(backup.read("prospects.json"))["prospects"]
        (jo_then,) = [p for p in people.values() if p["name"].startswith("Jo")]
        assert jo_then["company_id"] is not None, "still linked to the missing company"
        assert [p["stage"] for p in prospects.values()] == [Stage.REJECTED_WARM.value]
        assert check_folder(data_dir).ok
        with reopen(data_dir) as saved:
            (jo,) = [p for p in saved.people() if p.name.startswith("Jo")]
            assert jo.company_id is None, "the person is kept, without the missing company"
            (prospect,) = saved.prospects()
            assert prospect.stage is Stage.REJECTED_WARM, "the change before was saved first"
        await pilot.press("2", "3", "1")  # every main screen draws from the repaired data
        await move_card(pilot, "greater_than_sign")  # and the app goes on saving
        app.repo.flush()
    app.repo.close()
    with reopen(data_dir) as saved:
        (prospect,) = saved.prospects()
        assert prospect.stage is Stage.REFERRAL


async def test_cancelling_a_repair_changes_nothing(broken: Repository, data_dir: Path) -> None:
    before = saved_data(data_dir)
    app = JobFuturesApp(broken)
    async with app.run_test(size=(110, 30)) as pilot:
        await palette(pilot, "check the data")
        await pilot.press("escape")  # while it is still being checked, or after
        await settle(app, pilot)
        assert isinstance(app.screen, BoardScreen), "what the check found goes nowhere"
        restore_work.check_data(app)
        await settle(app, pilot)
        await pilot.press("enter", "n")  # enter is not yes; n is no
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    assert app.repo is broken and saved_data(data_dir) == before
    assert automatic_backups(data_dir) == []


async def test_read_only_data_is_checked_but_never_repaired(
    broken: Repository, data_dir: Path
) -> None:
    before = saved_data(data_dir)
    with Repository.open(data_dir, read_only=True) as looking:
        app = JobFuturesApp(looking)
        async with app.run_test(size=(110, 30)) as pilot:
            await palette(pilot, "check the data")
            await settle(app, pilot)
            shown = review_text(app)
            assert "belongs to a company that does not exist" in shown
            assert "repairing it needs jobfutures opened without --read-only" in shown
            assert "y repair" not in shown
            await pilot.press("y")
            await settle(app, pilot)
            assert isinstance(app.screen, CheckReport) and app.repo is looking
    assert saved_data(data_dir) == before and automatic_backups(data_dir) == []


async def test_a_problem_that_cannot_be_repaired_points_to_the_backups(
    repo: Repository, data_dir: Path
) -> None:
    report = Report(data_dir, counts={"companies": 1})
    report.add("people.json", "person p1 is not valid: email: not an address")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(110, 30)) as pilot:
        screen = CheckReport(data_dir)
        await app.push_screen(screen)
        screen.show_report(report)
        await pilot.pause()
        shown = review_text(app)
        assert "people.json: person p1 is not valid" in shown and "repair: not safely" in shown
        assert "nothing is repaired: restore a backup (Restore a backup…" in shown
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen, "nothing to say yes to"
