"""Commits and the manifest (store/journal.py): whole or not at all, and a folder
that knows what it holds."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import orjson
import pendulum
import pytest

from jobfutures_tui.exchange.check import check_folder
from jobfutures_tui.models import Company, Person, Prospect, Touch
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.journal import JOURNAL
from jobfutures_tui.store.journal_file import encode_journal
from jobfutures_tui.store.manifest import digest, read_manifest
from jobfutures_tui.store.writer import Writer


class PowerCut(BaseException):
    """The process stops here, as if the power went."""


def seeded(folder: Path) -> tuple[Company, Prospect]:
    acme = Company(name="Acme")
    future = Prospect(company_id=acme.id)
    with Repository.open(folder) as repo:
        repo.save(acme, future)
        repo.save(
            Touch(
                prospect_id=future.id, at=pendulum.datetime(2026, 3, 3, tz="UTC"), channel="email"
            )
        )
        repo.save(
            Touch(prospect_id=future.id, at=pendulum.datetime(2026, 4, 3, tz="UTC"), channel="call")
        )
    return acme, future


def test_the_manifest_lists_every_data_file_with_its_size(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seeded(folder)
    manifest = read_manifest(folder)
    assert manifest is not None
    assert {"companies.json", "prospects.json", "touches/2026-03.json", "meta.json"} <= set(
        manifest
    )
    for name, entry in manifest.items():
        assert (folder / name).stat().st_size == entry.size
    assert not (folder / JOURNAL).exists()


def test_a_deleted_month_is_a_problem_and_no_change_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _, future = seeded(folder)
    (folder / "touches" / "2026-03.json").unlink()
    report = check_folder(folder)
    assert not report.ok
    assert any(
        p.where == "touches/2026-03.json" and "missing" in p.message for p in report.problems
    )
    before = sorted(p.name for p in folder.rglob("*") if p.is_file())
    with Repository.open(folder) as repo, pytest.raises(DataRefused) as refused:
        repo.save(Touch(prospect_id=future.id, at=pendulum.now("UTC"), channel="email"))
    message = str(refused.value)
    assert "touches/2026-03.json" in message and "it is missing" in message
    assert "Backups are in" in message
    after = sorted(p.name for p in folder.rglob("*") if p.is_file() and p.name != "jobfutures.lock")
    assert [n for n in after if n != "touch-index.json"] == [
        n for n in before if n not in ("jobfutures.lock", "touch-index.json")
    ], "nothing written, not even a backup"


def test_the_manifest_counts_the_records_of_each_file(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seeded(folder)
    manifest = read_manifest(folder)
    assert manifest is not None
    assert manifest["companies.json"].records == 1
    assert manifest["touches/2026-03.json"].records == 1
    assert manifest["meta.json"].records is None


def test_a_month_emptied_behind_our_back_is_a_problem_and_not_written_over(
    tmp_path: Path,
) -> None:
    """Another device may change a file (a changed hash alone is a note), but a file
    holding fewer records than the last save left lost them: check says so, and no
    change writes over it, which would seal the loss (docs/storage.md)."""
    folder = tmp_path / "data"
    _, future = seeded(folder)
    month = folder / "touches" / "2026-03.json"
    month.write_bytes(b'{"touches":{}}')
    report = check_folder(folder)
    assert not report.ok
    assert any(
        p.where == "touches/2026-03.json"
        and "holds 0 records, where the manifest lists 1" in p.message
        for p in report.problems
    )
    at = pendulum.datetime(2026, 3, 20, tz="UTC")
    with Repository.open(folder) as repo, pytest.raises(DataRefused) as refused:
        repo.save(Touch(prospect_id=future.id, at=at, channel="email"))
    assert "touches/2026-03.json" in str(refused.value)
    assert "holds 0 records, where the folder's manifest lists 1" in str(refused.value)
    assert month.read_bytes() == b'{"touches":{}}', "not written over"
    # Opening reads a month its index does not know again: even a command sees it,
    # and refuses every change, as for a missing file, until a backup is restored.
    with Repository.open(folder, verify=False, lazy=True) as repo:
        assert list(repo.lost_files) == ["touches/2026-03.json"]
        with pytest.raises(DataRefused):
            repo.save(Touch(prospect_id=future.id, at=pendulum.now("UTC"), channel="call"))
    assert month.read_bytes() == b'{"touches":{}}' and not check_folder(folder).ok


def test_another_devices_manifest_before_its_file_is_waited_for_and_nothing_is_lost(
    tmp_path: Path,
) -> None:
    """A sync tool brings the other device's manifest (two more companies) a moment
    before its companies.json: the change waits for it, then merges it, not refused."""
    folder, other = tmp_path / "data", tmp_path / "other"
    seeded(folder)
    shutil.copytree(folder, other)
    with Repository.open(other) as there:
        there.save(Company(name="Globex"), Company(name="Initech"))
    (folder / "manifest.json").write_bytes((other / "manifest.json").read_bytes())
    arrives = threading.Timer(
        0.3,
        lambda: write_atomic(folder / "companies.json", (other / "companies.json").read_bytes()),
    )
    with Repository.open(folder, sync_grace=3.0) as repo:
        arrives.start()
        repo.save(Company(name="Hooli"))
    arrives.join()
    with Repository.open(folder) as repo:
        names = sorted(company.name for company in repo.records(Company))
    assert names == ["Acme", "Globex", "Hooli", "Initech"]
    assert check_folder(folder).ok


def test_records_kept_in_a_sync_tools_conflict_copy_are_not_lost(tmp_path: Path) -> None:
    """Both devices changed a month at once: the sync tool kept one version and the
    other as a conflict copy, and the manifest may count the records of either.
    Nothing is lost (the copy holds them, check lists it, a repair merges it), so a
    change goes ahead."""
    folder = tmp_path / "data"
    _, future = seeded(folder)
    month = folder / "touches" / "2026-03.json"
    copy = folder / "touches" / "2026-03.sync-conflict-20261206-181626-ODSHKQB.json"
    copy.write_bytes(month.read_bytes())
    month.write_bytes(b'{"touches":{}}')
    with Repository.open(folder) as repo:
        repo.save(Touch(prospect_id=future.id, at=pendulum.datetime(2026, 3, 21), channel="call"))
        assert not repo.lost_files
    assert len(orjson.loads(month.read_bytes())["touches"]) == 1


def test_another_devices_file_with_more_or_other_records_is_only_a_note(tmp_path: Path) -> None:
    folder, other = tmp_path / "data", tmp_path / "other"
    seeded(folder)
    shutil.copytree(folder, other)
    with Repository.open(other) as there:
        there.save(Company(name="Globex"), Company(name="Initech"))
    (folder / "companies.json").write_bytes((other / "companies.json").read_bytes())
    report = check_folder(folder)
    assert report.ok, report.lines()
    assert any("companies.json changed since" in note for note in report.notes)


def test_a_whole_journal_left_by_a_crash_is_finished_at_the_next_open(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    acme, future = seeded(folder)

    def crash_after_the_journal(path: Path, data: bytes) -> None:
        write_atomic(path, data)
        if path.name == JOURNAL:
            raise PowerCut()  # not an OSError: a crash cleans nothing up

    dana = Person(name="Dana", company_id=acme.id)
    crashing = Writer(write=crash_after_the_journal)
    with pytest.raises(PowerCut), Repository.open(folder, writer=crashing) as r:
        r.save(dana, future.model_copy(update={"person_ids": (dana.id,)}))
    assert (folder / JOURNAL).is_file()
    with Repository.open(folder, read_only=True) as viewer:
        assert viewer.person(dana.id) is not None, "a reader sees the commit in progress"
    with Repository.open(folder) as repo:
        assert repo.person(dana.id) is not None
        assert repo.prospect(future.id).person_ids == (dana.id,)  # type: ignore[union-attr]
    assert not (folder / JOURNAL).exists()
    assert check_folder(folder).ok


def emptied() -> bytes:
    """A journal that empties the companies' file."""
    data = b'{"companies": {}}\n'
    return encode_journal({"companies.json": data}, {"companies.json": digest(data)})


@pytest.mark.parametrize(
    "damage",
    [
        lambda journal: journal[:-5],  # torn
        lambda journal: journal[:-4] + b"XX}\n",  # whole in size, not in content
    ],
)
def test_a_journal_that_is_not_whole_is_dropped(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    folder = tmp_path / "data"
    seeded(folder)
    before = (folder / "companies.json").read_bytes()
    (folder / JOURNAL).write_bytes(damage(emptied()))
    with Repository.open(folder) as repo:
        assert len(repo.companies()) == 1
    assert (folder / "companies.json").read_bytes() == before
    assert not (folder / JOURNAL).exists()


def test_a_journal_an_older_version_left_is_finished(tmp_path: Path) -> None:
    """Format 1 (one SHA-256 of all the files' bytes), as a crash under an older
    version leaves it: the next open still rolls it forward."""
    folder = tmp_path / "data"
    seeded(folder)
    data = b'{"companies": {}}\n'
    header = orjson.dumps({"files": [["companies.json", len(data)]], "sha256": digest(data)})
    (folder / JOURNAL).write_bytes(b"jobfutures commit 1\n" + header + b"\n" + data)
    with Repository.open(folder, verify=False) as repo:
        assert repo.companies() == []
    assert (folder / "companies.json").read_bytes() == data
    assert not (folder / JOURNAL).exists()


def test_refused_data_gets_nothing_written_not_even_the_index(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    _, future = seeded(folder)
    rows = (folder / "prospects.json").read_bytes().replace(b'"interviewed"', b'"nonsense"')
    (folder / "prospects.json").write_bytes(rows)
    index = folder / "touch-index.json"
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    with Repository.open(folder, verify=False) as repo, pytest.raises(DataRefused) as refused:
        repo.prospect(future.id)  # as jobfutures log reads it before logging
    assert "prospects.json" in str(refused.value) and "nonsense" in str(refused.value)
    after = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    after.pop(folder / "jobfutures.lock", None)
    before.pop(folder / "jobfutures.lock", None)
    assert after == before, "no month, no backup, no index"
    assert index in after


def test_check_notes_a_company_nothing_refers_to(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seeded(folder)
    with Repository.open(folder) as repo:
        repo.save(Company(name="Left Alone"))
    report = check_folder(folder)
    assert report.ok, "a note, not a problem: it may be kept on purpose"
    assert any("1 company with no person and no job future: Left Alone" in n for n in report.notes)


def test_a_deletion_whose_manifest_arrives_after_its_file_is_saved_over(tmp_path: Path) -> None:
    """A sync tool may bring another device's file a moment before its manifest: by the
    time a change is made, the manifest agrees and the change is saved."""
    folder, other = tmp_path / "data", tmp_path / "other"
    _, future = seeded(folder)
    shutil.copytree(folder, other)
    with Repository.open(other) as there:
        (march,) = [t for t in there.touches_for(future.id) if t.at.month == 3]
        there.delete(march)
    month = "touches/2026-03.json"
    (folder / month).write_bytes((other / month).read_bytes())  # the file first
    with Repository.open(folder) as repo:
        assert list(repo.lost_files) == [month]
        (folder / "manifest.json").write_bytes((other / "manifest.json").read_bytes())
        repo.save(Touch(prospect_id=future.id, at=pendulum.datetime(2026, 3, 9), channel="call"))
    assert check_folder(folder).ok
