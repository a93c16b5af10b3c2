"""The profile goes wherever the data goes: backups, restore, the JSON export and
import, and check (which reports a damaged profile and never writes over it)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import orjson
import pytest

from jobfutures_tui.exchange.backup import backup_to
from jobfutures_tui.exchange.check import check_folder, repair_folder
from jobfutures_tui.exchange.dataset import export_json, read_export
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.json_import import plan_merge, plan_replace
from jobfutures_tui.exchange.plan import Existing
from jobfutures_tui.exchange.restore import install, read_backup, snapshot_of
from jobfutures_tui.models import Company, Profile
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.store.backups import list_backups
from jobfutures_tui.usecases.profile import is_empty

SAM = Profile(
    name="Sam Ortiz",
    signature="Sam Ortiz\nData engineer · Denver",
    email="sam@ortiz.example",
    other_emails=("sam.ortiz@old.example",),
    phone="+1 303 555 0100",
    linkedin="https://linkedin.example/in/sam-ortiz",
    city="Denver",
    pitch="Data engineer who makes pipelines boring",
    asked=True,
)


def saved(folder: Path, *records: object) -> Path:
    with Repository.open(folder) as repo:
        repo.save(Company(name="Acme"), *records)  # type: ignore[arg-type]
    return folder


def profile_of(folder: Path) -> Profile:
    with Repository.open(folder, read_only=True) as repo:
        return repo.profile()


def export_of(folder: Path, path: Path) -> Path:
    with Repository.open(folder, read_only=True) as repo:
        path.write_bytes(export_json(repo))
    return path


# ------------------------------------------------------------ backups and restore


def test_a_backup_holds_the_profile_and_restore_puts_it_back(tmp_path: Path) -> None:
    folder = saved(tmp_path / "data", SAM)
    zipped = backup_to(folder, tmp_path / "b.zip")
    with zipfile.ZipFile(zipped) as archive:
        assert "profile.json" in archive.namelist()
    with Repository.open(folder) as repo:
        repo.save(Profile(name="Someone Else", asked=True))
    install(folder, read_backup(zipped))
    assert profile_of(folder) == SAM


def test_restoring_a_backup_without_a_profile_leaves_none_behind(tmp_path: Path) -> None:
    """A file the backup lacks is removed, not kept from the data it replaces."""
    folder = saved(tmp_path / "data")
    zipped = backup_to(folder, tmp_path / "before.zip")
    with Repository.open(folder) as repo:
        repo.save(SAM)
    previous = install(folder, read_backup(zipped))
    assert not (folder / "profile.json").exists()
    back = profile_of(folder)
    assert is_empty(back) and not back.asked
    assert previous is not None
    with zipfile.ZipFile(previous) as archive:
        assert b"Sam Ortiz" in archive.read("profile.json"), "kept in the backup of what was there"


def test_the_automatic_backup_holds_the_profile(tmp_path: Path) -> None:
    folder = saved(tmp_path / "data", SAM)
    with Repository.open(folder) as repo:
        repo.save(Company(name="Second session"))  # the first write backs up the data first
    (newest, *_) = list_backups(folder / "backups")
    with zipfile.ZipFile(newest.path) as archive:
        stored = orjson.loads(archive.read("profile.json"))
    assert stored["profile"]["me"]["name"] == "Sam Ortiz"


def test_a_backup_with_a_damaged_profile_is_refused(tmp_path: Path) -> None:
    folder = saved(tmp_path / "data", SAM)
    (folder / "profile.json").write_text('{"profile": {"me": {"id": "me", "email": "nope"}}}')
    zipped = backup_to(folder, tmp_path / "b.zip")  # a backup copies files as they are
    with pytest.raises(ExchangeError, match=r"profile\.json: record me is not valid"):
        read_backup(zipped)


# ------------------------------------------------------------ JSON export and import


def test_the_export_holds_the_profile_and_replace_brings_it_back(tmp_path: Path) -> None:
    path = export_of(saved(tmp_path / "data", SAM), tmp_path / "x.json")
    document = json.loads(path.read_text())
    assert [row["name"] for row in document["profile"]] == ["Sam Ortiz"]
    plan, data = plan_replace(path)
    assert plan.new_counts()["profile"] == 1
    install(tmp_path / "other", snapshot_of(data, str(path)))
    assert profile_of(tmp_path / "other") == SAM


def test_an_export_of_data_without_a_profile_has_none(tmp_path: Path) -> None:
    path = export_of(saved(tmp_path / "data"), tmp_path / "x.json")
    assert json.loads(path.read_text())["profile"] == []
    assert read_export(path).profile == []


def test_merging_into_an_empty_profile_takes_the_exports(tmp_path: Path) -> None:
    path = export_of(saved(tmp_path / "data", SAM), tmp_path / "x.json")
    target = saved(tmp_path / "target", Profile(asked=True))  # asked, skipped: still empty
    with Repository.open(target) as repo:
        plan = plan_merge(path, Existing.of(repo))
        assert plan.new_counts()["profile"] == 1
        assert "  note: your profile is empty, so the export's (Sam Ortiz) is imported" in (
            plan.summary()
        )
        plan.apply(repo)
    assert profile_of(target) == SAM


def test_merging_keeps_a_profile_already_filled_in_and_says_so(tmp_path: Path) -> None:
    path = export_of(saved(tmp_path / "data", SAM), tmp_path / "x.json")
    mine = Profile(name="Sam O.", city="Boulder", asked=True)
    target = saved(tmp_path / "target", mine)
    with Repository.open(target) as repo:
        plan = plan_merge(path, Existing.of(repo))
        assert "profile" not in plan.new_counts()
        assert (
            "  profile Sam Ortiz: yours (Sam O.) is kept as it is; the export's is left out"
            in plan.summary()
        )
        assert [note.to_json()["message"] for note in plan.skipped] == [
            "profile Sam Ortiz: yours (Sam O.) is kept as it is; the export's is left out"
        ]
        plan.apply(repo)
    assert profile_of(target) == mine
    with Repository.open(target) as repo:
        again = plan_merge(export_of(target, tmp_path / "mine.json"), Existing.of(repo))
    assert "profile Sam O.: already here (the same)" in [str(n) for n in again.matched]


def test_an_empty_profile_in_an_export_changes_nothing(tmp_path: Path) -> None:
    path = export_of(saved(tmp_path / "data", Profile(asked=True)), tmp_path / "x.json")
    target = saved(tmp_path / "target")
    with Repository.open(target) as repo:
        plan = plan_merge(path, Existing.of(repo))
    assert "profile" not in plan.new_counts()
    assert not [n for n in [*plan.matched, *plan.skipped] if "profile" in str(n)]


def test_an_export_from_before_profiles_reads_and_two_profiles_are_a_problem(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.json"
    head = {"format": "jobfutures-export", "export_version": 1}
    path.write_text(json.dumps({**head, "schema_version": 4, "companies": [{"name": "Acme"}]}))
    data = read_export(path)
    assert data.profile == [] and data.problems == []
    rows = [SAM.model_dump(mode="json"), Profile(name="Twin").model_dump(mode="json")]
    path.write_text(json.dumps({**head, "schema_version": 5, "profile": rows}))
    data = read_export(path)
    assert [p.name for p in data.profile] == ["Sam Ortiz"]
    assert data.problems == ["profile #2: there is one profile; only the first is read"]


# ------------------------------------------------------------ check


def test_check_reads_the_profile(tmp_path: Path) -> None:
    folder = saved(tmp_path / "data", SAM)
    assert check_folder(folder).ok


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"profile": {"me": {"id": "me", "na', "the file is damaged: it is not valid JSON"),
        (
            b'{"profile": {"me": {"id": "me", "email": "sam"}}}',
            "profile me is not valid: email: 'sam' does not look like an email address",
        ),
        (b'{"profile": {"you": {"id": "you"}}}', "profile you is not valid: id: "),
    ],
    ids=["not json", "bad email", "another id"],
)
def test_a_damaged_profile_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    folder = saved(tmp_path / "data", SAM)
    (folder / "profile.json").write_bytes(content)
    report = check_folder(folder)
    assert not report.ok and not report.repairable
    (found,) = report.problems
    assert found.where == "profile.json" and found.message.startswith(problem)
    assert "  profile.json: " + found.message in report.lines()
    with pytest.raises(ExchangeError, match="cannot be fixed safely"):
        repair_folder(folder)
    with pytest.raises(DataRefused, match=r"profile\.json"):
        Repository.open(folder)
    assert (folder / "profile.json").read_bytes() == content
