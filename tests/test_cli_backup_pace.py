"""Shell commands back up at most once an hour while only they change the data
(jobfutures_tui/store/backup_pace.py, docs/storage.md "A backup an hour from the
shell"); anything else changing the data, or the hour running out, backs up again."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pendulum
import pytest
from shell import jf

from jobfutures_tui.models import Company, Stage
from jobfutures_tui.paths import cache_file
from jobfutures_tui.store import Repository
from jobfutures_tui.store.backup_pace import KIND
from jobfutures_tui.store.backups import list_backups

START = pendulum.datetime(2026, 11, 23, 9, tz="UTC")


def backups_of(folder: Path) -> list[str]:
    return sorted(backup.path.name for backup in list_backups(folder / "backups"))


def add(capsys: pytest.CaptureFixture[str], folder: Path, company: str, at: pendulum.DateTime):
    with pendulum.travel_to(at, freeze=True):
        code, _, err = jf(capsys, folder, "add", company)
    assert code == 0, err


def companies_in(backup: Path) -> set[str]:
    """The companies a backup would give back."""
    with zipfile.ZipFile(backup) as archive:
        rows = json.loads(archive.read("companies.json"))
    return {row["name"] for row in rows["companies"].values()}


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A folder with one job future and one backup, as a first two commands leave it."""
    data = tmp_path / "data"
    add(capsys, data, "Acme", START)  # a folder just made: no backup
    add(capsys, data, "Initech", START.add(minutes=1))
    assert len(backups_of(data)) == 1
    return data


def test_commands_within_the_hour_take_no_more_backups(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for minute, company in ((10, "Globex"), (30, "Umbrella"), (59, "Hooli")):
        add(capsys, folder, company, START.add(minutes=minute))
    assert len(backups_of(folder)) == 1
    code, out, _ = jf(capsys, folder, "backups")
    assert code == 0 and "take one at most an hour while only they change the data" in out
    with Repository.open(folder) as repo:
        assert {c.name for c in repo.companies()} == {
            "Acme",
            "Initech",
            "Globex",
            "Umbrella",
            "Hooli",
        }


def test_once_the_hour_is_out_a_backup_keeps_what_the_commands_did(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add(capsys, folder, "Globex", START.add(minutes=30))
    add(capsys, folder, "Umbrella", START.add(minutes=62))
    names = backups_of(folder)
    assert len(names) == 2
    assert companies_in(folder / "backups" / names[-1]) == {"Acme", "Initech", "Globex"}


def test_a_change_the_app_made_is_backed_up_by_the_next_command(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app_session = Repository.open  # not paced: a backup of its own
    with pendulum.travel_to(START.add(minutes=5), freeze=True), app_session(folder) as app:
        app.save(Company(name="Typed in the app"))
    assert len(backups_of(folder)) == 2
    add(capsys, folder, "Globex", START.add(minutes=10))
    names = backups_of(folder)
    assert len(names) == 3, "the app's change, in no backup yet, is kept before the command's"
    assert "Typed in the app" in companies_in(folder / "backups" / names[-1])


def test_a_file_another_device_replaced_is_backed_up_first(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    companies = folder / "companies.json"
    synced = companies.with_name(".synced")
    synced.write_bytes(companies.read_bytes())
    os.replace(synced, companies)  # same bytes, as a sync tool puts a file back
    add(capsys, folder, "Globex", START.add(minutes=10))
    assert len(backups_of(folder)) == 2


def test_a_sync_tools_conflict_copy_is_backed_up_before_it_is_merged(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    companies = folder / "companies.json"
    copy = folder / "companies.sync-conflict-20261123-090500-ABCDEFG.json"
    stored = json.loads(companies.read_bytes())
    for row in stored["companies"].values():  # renamed on another device, later
        if row["name"] == "Initech":
            row.update(name="Initech Labs", updated_at="2026-11-23T09:05:00+00:00")
    copy.write_text(json.dumps(stored))
    add(capsys, folder, "Globex", START.add(minutes=10))
    names = backups_of(folder)
    assert len(names) == 2 and not copy.exists()  # merged, and put away
    assert "Initech Labs" not in companies_in(folder / "backups" / names[-1])


@pytest.mark.parametrize("record", ["missing", "damaged", "another format"])
def test_a_record_not_as_written_means_a_backup(
    folder: Path, capsys: pytest.CaptureFixture[str], record: str
) -> None:
    path = cache_file(KIND, folder)
    if record == "missing":
        path.unlink()
    elif record == "damaged":
        path.write_bytes(path.read_bytes()[:-7])
    else:
        path.write_bytes(path.read_bytes().replace(b'"format":1', b'"format":99'))
    add(capsys, folder, "Globex", START.add(minutes=10))
    assert len(backups_of(folder)) == 2


def test_a_clock_gone_back_means_a_backup(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, folder, "Globex", START.subtract(minutes=10))
    assert len(backups_of(folder)) == 2


def test_an_unwritable_cache_folder_backs_up_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    data = tmp_path / "data"
    for minute, company in enumerate(("Acme", "Initech", "Globex", "Umbrella")):
        add(capsys, data, company, START.add(minutes=minute))
    assert len(backups_of(data)) == 3  # every command but the one that made the folder


def test_a_command_that_changes_nothing_leaves_the_pace_alone(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = cache_file(KIND, folder).read_bytes()
    with pendulum.travel_to(START.add(minutes=5), freeze=True):
        code, _, _ = jf(capsys, folder, "move", "Acme", Stage.INTERVIEWED.value)
    assert code == 0
    assert cache_file(KIND, folder).read_bytes() == record
    add(capsys, folder, "Globex", START.add(minutes=10))
    assert len(backups_of(folder)) == 1
