"""Commits and the manifest (store/journal.py): whole or not at all, and a folder
that knows what it holds."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.exchange.check import check_folder
from jobfutures_tui.models import Company, Person, Prospect, Touch
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.journal import JOURNAL, encode_journal
from jobfutures_tui.store.manifest import read_manifest
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


def test_a_journal_that_is_not_whole_is_dropped(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seeded(folder)
    before = (folder / "companies.json").read_bytes()
    torn = encode_journal({"companies.json": b'{"companies": {}}\n'})[:-5]
    (folder / JOURNAL).write_bytes(torn)
    with Repository.open(folder) as repo:
        assert len(repo.companies()) == 1
    assert (folder / "companies.json").read_bytes() == before
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
