"""Backups, restore and check on real folders: refusals change nothing, repairs lose nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest
from disk import synced

from jobfutures_tui.demo import populate
from jobfutures_tui.exchange.actions import NotDone, check_now, repair_open, restore_open
from jobfutures_tui.exchange.backup import automatic_backups, backup_to, human_size
from jobfutures_tui.exchange.check import (
    PLACEHOLDER_COMPANY,
    PLACEHOLDER_ROLE,
    check_folder,
    repair_folder,
)
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.restore import install, load_snapshot, read_backup
from jobfutures_tui.models import Company, Person, Prospect, Stage, Touch, revise
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import DataLocked, Repository
from jobfutures_tui.store.schema import SCHEMA_VERSION

TODAY = pendulum.Date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    with Repository.open(folder) as repo:
        populate(repo, today=TODAY)
    return folder


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(orjson.dumps(data))


def deleted_elsewhere(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Records deleted on another device: its file and its manifest arrive by sync."""
    edit(path, change)
    synced(path)


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# ------------------------------------------------------------ backup and restore


def test_backup_then_restore_puts_the_data_back(demo: Path, tmp_path: Path, make: Any) -> None:
    saved = backup_to(demo, tmp_path / "mine.zip")
    before = {k: v[0] for k, v in make.snapshot(demo).items() if not k.startswith("backups")}
    with Repository.open(demo) as repo:
        repo.save(Company(name="Added after the backup"))
        repo.delete(*repo.prospects()[:3])
    snapshot = read_backup(saved)
    assert snapshot.counts == {"companies": 23, "people": 45, "prospects": 23, "touches": 160}
    previous = install(demo, snapshot)
    assert previous is not None and previous.parent == demo / "backups"
    after = {k: v[0] for k, v in make.snapshot(demo).items() if not k.startswith("backups")}
    after.pop("touch-index.json", None)
    before.pop("touch-index.json", None)
    assert after == before
    with zipfile.ZipFile(previous) as archive, Repository.open(demo, read_only=True) as repo:
        assert b"Added after the backup" in archive.read("companies.json")
        assert repo.find_company("Added after the backup") is None
        assert len(repo.prospects()) == 23


def test_backup_refuses_to_replace_a_file_and_needs_data(demo: Path, tmp_path: Path) -> None:
    target = backup_to(demo, tmp_path)
    assert target.parent == tmp_path and target.name.startswith("jobfutures_")
    with pytest.raises(ExchangeError, match="--force"):
        backup_to(demo, target)
    assert backup_to(demo, target, overwrite=True) == target
    with pytest.raises(ExchangeError, match="no jobfutures data"):
        backup_to(tmp_path / "empty", tmp_path / "x.zip")


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"meta.json": b'{"app": "jobfutures", "schema_version": 99}'}, "newer jobfutures"),
        (
            {
                "meta.json": b'{"app": "jobfutures", "schema_version": 2}',
                "people.json": b'{"people": {"x": ',
            },
            "people.json: it is not valid JSON",
        ),
        (
            {
                "meta.json": b'{"app": "jobfutures", "schema_version": 2}',
                "companies.json": b'{"companies": {"c": {"id": "c", "name": ""}}}',
            },
            "name: cannot be empty",
        ),
        ({"meta.json": b"{}", "../../etc/passwd": b"x"}, "not jobfutures data"),
        ({"companies.json": b"{}"}, "no meta.json"),
    ],
)
def test_a_damaged_or_newer_backup_is_refused_and_nothing_changes(
    demo: Path, tmp_path: Path, make: Any, files: dict[str, bytes], message: str
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(zipped(files))
    before = make.snapshot(demo)
    with pytest.raises(ExchangeError, match=message) as refused:
        load_snapshot(bad)
    assert "Nothing was changed" in str(refused.value) or "not jobfutures" in str(refused.value)
    assert make.snapshot(demo) == before


def test_a_file_that_is_neither_backup_nor_export_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(ExchangeError):
        load_snapshot(junk)
    with pytest.raises(ExchangeError, match="does not exist"):
        load_snapshot(tmp_path / "missing.zip")


def test_an_older_backup_is_upgraded_on_the_way_in(tmp_path: Path) -> None:
    company = b'{"companies": {"c1": {"id": "c1", "name": "Acme"}}}'
    old = tmp_path / "old.zip"
    old.write_bytes(
        zipped(
            {"meta.json": b'{"app": "jobfutures", "schema_version": 1}', "companies.json": company}
        )
    )
    snapshot = read_backup(old)
    assert orjson.loads(snapshot.files["meta.json"])["schema_version"] == SCHEMA_VERSION
    install(tmp_path / "data", snapshot)
    with Repository.open(tmp_path / "data", read_only=True) as repo:
        assert [c.name for c in repo.companies()] == ["Acme"]


def test_restore_waits_for_the_app_to_close(demo: Path, tmp_path: Path, make: Any) -> None:
    snapshot = read_backup(backup_to(demo, tmp_path / "b.zip"))
    before = make.snapshot(demo)
    with Repository.open(demo), pytest.raises(DataLocked):
        install(demo, snapshot)
    assert make.snapshot(demo) == before


def test_restore_open_replaces_the_data_an_open_repository_holds(
    demo: Path, tmp_path: Path
) -> None:
    snapshot = read_backup(backup_to(demo, tmp_path / "b.zip"))
    repo = Repository.open(demo)
    repo.delete(*repo.prospects())
    reopened, backup = restore_open(repo, snapshot)
    with reopened:
        assert len(reopened.prospects()) == 23 and not reopened.read_only
        assert backup is not None and read_backup(backup).counts["prospects"] == 0
        with pytest.raises(DataLocked):  # the new repository holds the lock
            Repository.open(demo)


def test_restore_open_that_fails_part_way_reopens_the_folder(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobfutures_tui.exchange import restore

    snapshot = read_backup(backup_to(demo, tmp_path / "b.zip"))
    repo = Repository.open(demo)
    repo.save(Company(name="Kept"))

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(restore, "make_backup", full_disk)
    with pytest.raises(NotDone, match="No space left on device") as refused:
        restore_open(repo, snapshot)
    with refused.value.repo as reopened:
        assert reopened.find_company("Kept") is not None, "nothing was written"
        reopened.save(Company(name="Saved afterwards"))  # it is the repository to go on with


def test_repair_open_repairs_the_data_an_open_repository_holds(demo: Path) -> None:
    repo = Repository.open(demo)
    ghost = Company(name="Ghost")
    repo.save(ghost, Person(name="Jo", company_id=ghost.id))
    repo.flush()
    deleted_elsewhere(demo / "companies.json", lambda d: d["companies"].pop(ghost.id))
    assert not check_now(repo).ok, "checked while the repository is open"
    reopened, repaired = repair_open(repo)
    with reopened:
        assert repaired.backup is not None and repaired.lines()[0] == "Repaired 1 problem(s):"
        assert check_now(reopened).ok and not reopened.read_only
        with pytest.raises(DataLocked):  # the new repository holds the lock
            Repository.open(demo)


def test_a_repair_refused_with_the_folder_closed_reopens_it(demo: Path) -> None:
    repo = Repository.open(demo)
    edit(demo / "people.json", lambda d: next(iter(d["people"].values())).update(email="nope"))
    with pytest.raises(NotDone, match=r"(?s)Not repaired: .*cannot be fixed safely") as refused:
        repair_open(repo)
    assert "A part may have been written" not in str(refused.value), "nothing was"
    with refused.value.repo as reopened:
        assert not reopened.read_only


def test_automatic_backups_are_listed_newest_first(demo: Path) -> None:
    for name in ("First", "Second"):
        with Repository.open(demo) as repo:
            repo.save(Company(name=name))
    found = automatic_backups(demo)
    assert len(found) == 2 and found[0].taken_at >= found[1].taken_at
    assert all(b.size > 1000 for b in found)
    assert human_size(512) == "512 bytes" and human_size(2048) == "2.0 KB"
    # A backup of one's own, written among them, is neither pruned nor misread.
    own = backup_to(demo, demo / "backups")
    assert [b.path for b in automatic_backups(demo)] == [b.path for b in found]
    assert own.exists()


# ------------------------------------------------------------ check and repair


def test_the_demo_data_is_clean(demo: Path) -> None:
    report = check_folder(demo)
    assert report.ok and report.counts["touches"] == 160
    assert report.lines()[-1] == "No problems found."


def test_broken_references_are_found_and_repaired_without_losing_anything(
    demo: Path, make: Any
) -> None:
    with Repository.open(demo) as repo:
        acme = Company(name="Acme")
        ghost_company = Company(name="Ghost")
        jo = Person(name="Jo", company_id=ghost_company.id)
        gone = Person(name="Gone")
        future = Prospect(
            company_id=ghost_company.id, person_ids=(jo.id, gone.id), referred_by_id=gone.id
        )
        lost = Prospect(company_id=acme.id, role="Lost")
        orphan = Touch(prospect_id=lost.id, person_id=gone.id, at=make.now, channel="call")
        repo.save(acme, ghost_company, jo, gone, future, lost, orphan)
        # Deleted behind the store's back, as a sync tool or a hand edit would.
    deleted_elsewhere(demo / "companies.json", lambda d: d["companies"].pop(ghost_company.id))
    deleted_elsewhere(demo / "people.json", lambda d: d["people"].pop(gone.id))
    deleted_elsewhere(demo / "prospects.json", lambda d: d["prospects"].pop(lost.id))

    report = check_folder(demo)
    messages = [p.message for p in report.problems]
    assert len(messages) == 6, messages
    assert any("person 'Jo' belongs to a company that does not exist" in m for m in messages)
    assert any("touch" in m and "job future that does not exist" in m for m in messages)
    assert report.repairable
    assert "check --repair" in report.lines()[-1]

    result = repair_folder(demo)
    assert result.backup is not None and result.backup.exists()
    assert len(result.done) == 4, result.done
    assert check_folder(demo).ok
    with Repository.open(demo, read_only=True) as repo:
        fixed = repo.prospect(future.id)
        assert fixed is not None and fixed.person_ids == (jo.id,) and fixed.referred_by_id is None
        placeholder = repo.find_company(PLACEHOLDER_COMPANY)
        assert placeholder is not None and fixed.company_id == placeholder.id
        person = repo.person(jo.id)
        assert person is not None and person.company_id is None
        kept = repo.touch(orphan.id)
        assert kept is not None and kept.person_id is None
        holder = repo.prospect(kept.prospect_id)
        assert holder is not None and holder.role == PLACEHOLDER_ROLE
        assert holder.stage is Stage.ARCHIVE, "never suggested again"
    assert repair_folder(demo).done == [], "a second repair has nothing to do"


def test_a_touch_stored_twice_is_reported_and_kept_once(demo: Path) -> None:
    month = sorted((demo / "touches").glob("*.json"))[-1]
    rows = orjson.loads(month.read_bytes())["touches"]
    touch_id, row = next(iter(rows.items()))
    stale = dict(row, updated_at="2000-01-01T00:00:00+00:00", note="old copy")
    other = demo / "touches" / "2001-01.json"
    other.write_bytes(orjson.dumps({"touches": {touch_id: stale}}))
    report = check_folder(demo)
    (problem,) = report.problems
    assert "stored twice" in problem.message and problem.fix
    repair_folder(demo)
    assert check_folder(demo).ok
    with Repository.open(demo, read_only=True) as repo:
        touch = repo.touch(touch_id)
        assert touch is not None and touch.note != "old copy"


def test_invalid_or_damaged_data_is_reported_whole_and_not_repaired(demo: Path, make: Any) -> None:
    edit(demo / "people.json", lambda d: [r.update(email="nope") for r in d["people"].values()])
    (demo / "touches" / "2026-01.json").write_bytes(b'{"touches": {')
    before = make.snapshot(demo)
    report = check_folder(demo)
    assert not report.ok and not report.repairable
    assert sum("is not valid: email" in p.message for p in report.problems) > 10
    assert any(
        p.where == "touches/2026-01.json" and "not valid JSON" in p.message for p in report.problems
    )
    assert "restore a backup" in report.lines()[-1]
    with pytest.raises(ExchangeError, match="Nothing was repaired"):
        repair_folder(demo)
    assert make.snapshot(demo) == before


def test_data_from_a_newer_jobfutures_is_reported(demo: Path) -> None:
    edit(demo / "meta.json", lambda d: d.update(schema_version=99))
    (problem,) = check_folder(demo).problems
    assert "newer jobfutures" in problem.message and not problem.fix


def test_nothing_to_check(tmp_path: Path) -> None:
    with pytest.raises(ExchangeError, match="no jobfutures data"):
        check_folder(tmp_path / "nothing")


def test_plans_are_checked_and_a_missing_chosen_plan_is_repaired(demo: Path) -> None:
    with Repository.open(demo) as repo:
        mine = CadencePlan(id="mine", name="Mine", repeat={"kind": "check-in", "days": 30})
        first, second, third = repo.prospects()[:3]
        repo.save(
            mine,
            revise(first, cadence_plan="mine"),
            revise(second, cadence_plan="long-game"),
            revise(third, cadence_plan="gone"),
        )
    (problem,) = check_folder(demo).problems
    assert f"job future {third.id}" in problem.message
    assert "follows a cadence plan that does not exist (gone)" in problem.message
    assert problem.fix == "let it follow its default plan"
    repair_folder(demo)
    assert check_folder(demo).ok
    with Repository.open(demo, read_only=True) as repo:
        assert [repo.prospect(p.id).cadence_plan for p in (first, second, third)] == [  # type: ignore[union-attr]
            "mine",
            "long-game",
            None,
        ]


def test_a_backup_with_plans_restores_them(demo: Path, tmp_path: Path) -> None:
    with Repository.open(demo) as repo:
        repo.save(CadencePlan(id="mine", name="Mine", repeat={"kind": "check-in", "days": 30}))
    saved = backup_to(demo, tmp_path / "mine.zip")
    with Repository.open(demo) as repo:
        repo.delete(repo.records(CadencePlan)[0])
    install(demo, read_backup(saved))
    with Repository.open(demo, read_only=True) as repo:
        assert [plan.id for plan in repo.records(CadencePlan)] == ["mine"]
