"""The app when the disk says no (issue 14), the disk failing at the ``os`` level
(tests/faults.py): a save that fails is said in words, the title keeps saying it,
the change is held and saved by itself once the disk allows; quitting asks first;
data that cannot be written opens read-only, and says so when opened to change it."""

from __future__ import annotations

from pathlib import Path

import pytest
from faults import failing_disk
from pilot_helpers import add_prospect, messages, move_card, reopen, until

from jobfutures_tui import cli
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.confirm import Confirm
from jobfutures_tui.models import Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import BackgroundWriter, Repository


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with Repository.open(data_dir) as setup:
        add_prospect(setup, "Northwind Logistics")
    return data_dir


def writing(data_dir: Path) -> Repository:
    """The app's repository, with a writer that tries again every 0.1 s (10 s in use)."""
    return Repository.open(
        data_dir, writer=BackgroundWriter(retry=0.1), verify=False, streamed=True
    )


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("full", "the disk is full ({folder})"),
        ("denied", "jobfutures may not write in {folder} (permission denied)"),
    ],
)
async def test_a_failed_save_is_said_held_and_saved_once_the_disk_allows(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, kind: str, words: str
) -> None:
    repo = writing(seeded)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        disk = failing_disk(monkeypatch, seeded, kind)
        await move_card(pilot, "greater_than_sign")
        said = f"Not saved: {words.format(folder=seeded)}."
        await until(pilot, lambda: any(m.startswith(said) for m in messages(app)), "the words")
        (shown,) = [m for m in messages(app) if m.startswith("Not saved")]
        assert shown == (
            f"{said} Your change is kept in memory and saved as soon as it can be; quitting "
            "asks before losing it."
        )
        assert app.sub_title == f"NOT SAVED · {seeded}"
        assert repo.prospects()[0].stage is Stage.REJECTED_WARM, "held in memory"
        with reopen(seeded) as saved:
            assert saved.prospects()[0].stage is Stage.INTERVIEWED, "not on disk"
        disk.failing = False  # space freed, permission given: no key needed
        await until(pilot, lambda: "Everything is saved again." in messages(app), "saved")
        assert app.sub_title == str(seeded)
        assert [m for m in messages(app) if m.startswith("Not saved")] == [shown], "said once"
        with reopen(seeded) as saved:
            assert saved.prospects()[0].stage is Stage.REJECTED_WARM
    repo.close()


async def test_quitting_over_a_failed_save_asks_and_says_what_is_lost(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = writing(seeded)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        failing_disk(monkeypatch, seeded, "full")
        await move_card(pilot, "greater_than_sign")
        await pilot.press("q")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 1 and app.quit_unsaved
    printed = capsys.readouterr()
    said = " ".join((printed.out + printed.err).split())  # as the app prints it on exit
    lost = "jobfutures: quit without saving your latest changes"
    # Rich folds a path longer than the line anywhere, so compare without the breaks.
    assert "".join(f"{lost}: the disk is full ({seeded}).".split()) in "".join(said.split())
    assert not cli._close(repo, said=True), "closing tries once more, and says nothing"
    with reopen(seeded) as saved:
        assert saved.prospects()[0].stage is Stage.INTERVIEWED


async def test_a_read_only_file_system_opens_read_only_and_refuses_to_open_for_writing(
    seeded: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    failing_disk(monkeypatch, seeded, "read_only")
    assert cli.main(["--data", str(seeded)]) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith(
            f"jobfutures: Cannot open the data in {seeded} to change it: {seeded} is on a "
            "read-only file system.\nNothing was changed.\n"
        )
        and "--read-only opens it to look" in err
    )
    assert "Traceback" not in err

    repo = Repository.open(seeded, read_only=True, verify=False)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert app.sub_title.startswith("READ-ONLY")
        await pilot.press("greater_than_sign")
        await until(pilot, lambda: any("read-only" in m for m in messages(app)), "the refusal")
    repo.close()


async def test_a_missing_month_opens_read_only_and_says_which_file_and_where_backups_are(
    data_dir: Path,
) -> None:
    """A month of touches the manifest lists, deleted: the app opens, shows what is left,
    says what is gone and where the backups are, and changes nothing (docs/storage.md)."""
    import pendulum

    from jobfutures_tui.models import Touch

    with Repository.open(data_dir) as setup:
        future = add_prospect(setup, "Northwind Logistics")
        at = pendulum.datetime(2026, 3, 3, tz="UTC")
        setup.save(Touch(prospect_id=future.id, at=at, channel="email"))
    (data_dir / "touches" / "2026-03.json").unlink()
    before = sorted(p.name for p in data_dir.rglob("*") if p.name != "jobfutures.lock")

    repo = cli.open_for_app(data_dir)
    assert repo.read_only and list(repo.lost_files) == ["touches/2026-03.json"]
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and app.is_running
        assert app.sub_title.startswith("RECORDS LOST FROM touches/2026-03.json · READ-ONLY")
        said = " ".join(messages(app))
        assert f"{data_dir / 'touches' / '2026-03.json'}: it is missing" in said
        assert str(data_dir / "backups") in said
        await pilot.press("greater_than_sign")  # a move: refused, the app carries on
        await until(pilot, lambda: any("read-only" in m for m in messages(app)), "the refusal")
        assert app.is_running
    repo.close()
    after = sorted(p.name for p in data_dir.rglob("*") if p.name != "jobfutures.lock")
    assert after == before, "nothing written, not even a backup"


async def test_a_row_that_is_not_json_stops_the_app_before_anything_is_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The app reads a record at a time (docs/storage.md, "Reading"): a row damaged
    inside a file laid out as written opens, and the check after the first frame finds
    it, names the file and ends the app without writing over it."""
    with Repository.open(data_dir) as setup:
        add_prospect(setup, "Northwind Logistics")
        add_prospect(setup, "Contoso")
    people = data_dir / "people.json"
    damaged = people.read_bytes().replace(b'"name":"', b'"name":', 1)
    people.write_bytes(damaged)
    repo = cli.open_for_app(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: not app.is_running, "the check's refusal")
    repo.close()
    said = "".join(capsys.readouterr().err.split())  # wrapped anywhere, as the console was wide
    assert app.return_code == 1 and "people.json:itisnotvalidJSON" in said
    assert people.read_bytes() == damaged, "not written over"
