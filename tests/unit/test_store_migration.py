"""Older data is backed up, then upgraded; the version is written last."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import orjson
import pytest

from jobfutures_tui.store import DataRefused, Repository, SaveFailed
from jobfutures_tui.store import opening as opening_module
from jobfutures_tui.store import schema as schema_module
from jobfutures_tui.store.backups import list_backups
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.schema import SCHEMA_VERSION as CURRENT
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.store.writer import Writer

NEXT = CURRENT + 1


def tag_every_prospect(files: dict[str, Any]) -> dict[str, Any]:
    """Current version → next: every job future gets a 'migrated' tag (idempotent)."""
    for row in files.get("prospects.json", {}).get("prospects", {}).values():
        if "migrated" not in row["tags"]:
            row["tags"] = [*row["tags"], "migrated"]
    return files


@pytest.fixture
def version_one(folder: Path, make) -> dict[str, Any]:
    acme = make.company("Acme")
    future = make.prospect(acme, tags=["warm"])
    with Repository.open(folder) as repo:
        repo.save(acme, future)
    assert orjson.loads((folder / "meta.json").read_bytes())["schema_version"] == CURRENT
    return {"prospect": future, "files": make.snapshot(folder)}


@pytest.fixture
def version_two(version_one: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Today's data on disk, opened by an app whose data format is one newer."""
    monkeypatch.setattr(opening_module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(schema_module, "MIGRATIONS", {CURRENT: tag_every_prospect})
    return version_one


def meta_version(folder: Path) -> int:
    return orjson.loads((folder / "meta.json").read_bytes())["schema_version"]


def test_older_data_is_backed_up_then_migrated(
    folder: Path, version_two: dict[str, Any], open_repo
) -> None:
    future = version_two["prospect"]
    repo = open_repo(folder)
    assert repo.prospect(future.id).tags == ("warm", "migrated")
    assert meta_version(folder) == NEXT
    stored = orjson.loads((folder / "prospects.json").read_bytes())["prospects"][future.id]
    assert stored["tags"] == ["warm", "migrated"]

    # The backup was taken first: it holds the current version bytes of every file.
    backups = list_backups(folder / "backups")
    assert len(backups) == 1
    with zipfile.ZipFile(io.BytesIO(backups[0].path.read_bytes())) as zf:
        inside = {name: zf.read(name) for name in zf.namelist()}
    # Every data file; the derived touch index is not backed up (it is rebuilt).
    data = {name: data for name, (data, _) in version_two["files"].items()}
    derived = (INDEX_NAME, "manifest.json", ".stignore")
    assert inside == {name: blob for name, blob in data.items() if name not in derived}
    assert orjson.loads(inside["meta.json"])["schema_version"] == CURRENT
    repo.close()

    # Opening again finds the new version: nothing to migrate, no new backup.
    again = open_repo(folder)
    assert again.prospect(future.id).tags == ("warm", "migrated")
    assert len(list_backups(folder / "backups")) == 1


def test_a_crash_during_the_migrations_commit_is_finished_at_the_next_open(
    folder: Path, version_two: dict[str, Any], open_repo
) -> None:
    def power_cut_before_meta(path: Path, data: bytes) -> None:
        if path.name == "meta.json":
            raise OSError("power cut")
        write_atomic(path, data)

    with pytest.raises(SaveFailed, match="power cut") as failed:
        Repository.open(folder, writer=Writer(write=power_cut_before_meta))
    assert str(failed.value).startswith("The change was not finished: power cut")
    assert meta_version(folder) == CURRENT  # data files migrated, version not yet written
    assert (folder / "commit.journal").is_file(), "the whole upgrade waits in the journal"

    repo = open_repo(folder)
    assert repo.prospect(version_two["prospect"].id).tags == ("warm", "migrated")
    assert meta_version(folder) == NEXT


def test_read_only_refuses_to_migrate(folder: Path, version_two: dict[str, Any], make) -> None:
    with pytest.raises(
        DataRefused, match=rf"older data format \({CURRENT}\).*Open it once with jobfutures"
    ):
        Repository.open(folder, read_only=True)
    assert make.snapshot(folder) == version_two["files"]


def test_a_failing_migration_leaves_the_data_as_it_was(
    folder: Path, version_two: dict[str, Any], make, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(files: dict[str, Any]) -> dict[str, Any]:
        raise KeyError("tags")

    monkeypatch.setattr(schema_module, "MIGRATIONS", {CURRENT: broken})
    with pytest.raises(DataRefused, match=f"upgrading it from data format {CURRENT} failed"):
        Repository.open(folder)
    after = make.snapshot(folder)
    backups = [name for name in after if name.startswith("backups/")]
    assert len(backups) == 1
    assert {name: after[name] for name in after if name not in backups} == version_two["files"]
    # The lock was released: the folder opens once the migration is fixed.
    monkeypatch.setattr(schema_module, "MIGRATIONS", {CURRENT: tag_every_prospect})
    Repository.open(folder).close()
    assert meta_version(folder) == NEXT


def test_version_one_data_opens_after_a_backup(folder: Path, make) -> None:
    """The real step 1 → 2 (snoozes arrive): nothing stored changes but the version."""
    acme = make.company("Acme")
    future = make.prospect(acme)
    with Repository.open(folder) as repo:
        repo.save(acme, future)
    meta = folder / "meta.json"
    meta.write_bytes(orjson.dumps({"app": "jobfutures", "schema_version": 1}))
    with Repository.open(folder) as repo:
        assert repo.prospect(future.id) == future
        assert repo.prospect(future.id).snoozed_until is None
    assert meta_version(folder) == CURRENT
    (backup,) = list_backups(folder / "backups")
    with zipfile.ZipFile(backup.path) as zf:
        assert orjson.loads(zf.read("meta.json"))["schema_version"] == 1


def test_format_three_job_futures_read_with_no_skips_after_the_upgrade(
    folder: Path, make, open_repo
) -> None:
    """3 → 4 adds ``skips``; rows written before it have none, and read as none."""
    from jobfutures_tui.engine.facts import FutureFacts
    from jobfutures_tui.usecases.facts import Facts

    acme = make.company("Acme")
    future = make.prospect(acme)
    with Repository.open(folder) as repo:
        repo.save(acme, future)
    prospects = orjson.loads((folder / "prospects.json").read_bytes())
    del prospects["prospects"][future.id]["skips"]
    (folder / "prospects.json").write_bytes(orjson.dumps(prospects))
    (folder / "meta.json").write_bytes(orjson.dumps({"app": "jobfutures", "schema_version": 3}))
    repo = open_repo(folder)
    assert meta_version(folder) == CURRENT == 7
    assert repo.prospect(future.id).skips == ()
    facts = Facts(repo).future(future.id)
    assert isinstance(facts, FutureFacts) and facts.skips == (), "read from the row, quickly"


def test_format_five_people_read_with_no_other_emails_or_phones(folder: Path, open_repo) -> None:
    """5 → 6 adds ``other_emails`` and ``other_phones``; people written before have none."""
    from jobfutures_tui.models import Person

    jo = Person(name="Jo", email="jo@example.com", phone="+1 555 0100")
    with Repository.open(folder) as repo:
        repo.save(jo)
    people = orjson.loads((folder / "people.json").read_bytes())
    row = people["people"][jo.id]
    del row["other_emails"], row["other_phones"]
    (folder / "people.json").write_bytes(orjson.dumps(people))
    (folder / "meta.json").write_bytes(orjson.dumps({"app": "jobfutures", "schema_version": 5}))
    repo = open_repo(folder)
    assert meta_version(folder) == CURRENT == 7
    stored = repo.person(jo.id)
    assert stored == jo and (stored.other_emails, stored.other_phones) == ((), ())
