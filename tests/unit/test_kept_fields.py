"""The fields and names kept in the derived index beside the decisions
(usecases/kept_fields.py): a due list after a session reads no collection file and
says what reading them says; a change this session, or a file changed behind the
index, is read from the files again."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui.models import Company, Person, Prospect, Stage
from jobfutures_tui.models.entities import revise
from jobfutures_tui.store import Repository
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.usecases.due import due_items

NOW = pendulum.datetime(2026, 12, 7, 15, tz="UTC")
MON = NOW.date()


frozen = frozen_at(NOW)


@pytest.fixture
def seeded(folder: Path) -> dict[str, object]:
    """Job futures as people keep them: a person known by email only, a recruiter known
    by phone only, someone known by LinkedIn only, a snoozed one and an archived one."""
    acme = Company(name="Acme [bold]Labs[/")
    globex = Company(name="Globex")
    mail = Person(name="Ana Email", company_id=acme.id, email="ana@example.com")
    phone = Person(name="Rita Phone", company_id=globex.id, phone="+44 20 7946 0000")
    linked = Person(
        name="Lee Linked", company_id=globex.id, linkedin="https://www.linkedin.com/in/lee"
    )
    futures = [
        Prospect(company_id=acme.id, person_ids=(mail.id,), began_on=MON.subtract(days=9)),
        Prospect(company_id=globex.id, person_ids=(phone.id,), began_on=MON.subtract(days=30)),
        Prospect(
            company_id=globex.id,
            person_ids=(linked.id,),
            began_on=MON.subtract(days=20),
            snoozed_until=MON.add(days=2),
        ),
        Prospect(company_id=acme.id, person_ids=(mail.id,), stage=Stage.ARCHIVE),
    ]
    with Repository.open(folder) as repo:
        repo.save(acme, globex, mail, phone, linked, *futures)
    return {"acme": acme, "mail": mail, "futures": futures}


def shown(repo: Repository) -> list[tuple[str, str, str, str, str]]:
    return [
        (i.prospect_id, i.company, i.person, i.stage.value, i.suggestion.due.isoformat())
        for i in due_items(repo, today=MON, within_days=None)
    ]


def afresh(folder: Path, tmp_path: Path) -> list[tuple[str, str, str, str, str]]:
    """The due list read from a copy of the files, with no index at all."""
    copy = tmp_path / "afresh"
    shutil.copytree(folder, copy)
    (copy / INDEX_NAME).unlink()
    with Repository.open(copy, read_only=True, verify=False) as repo:
        return shown(repo)


def test_a_due_list_after_a_session_reads_no_collection_file(
    folder: Path, tmp_path: Path, seeded: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = afresh(folder, tmp_path)
    assert {row[1] for row in expected} == {"Acme [bold]Labs[/", "Globex"}
    assert len(expected) == 3  # the archived one has no touch due
    opened: list[str] = []
    for method in ("parse", "_pinned"):
        real = getattr(DataFiles, method)

        def spy(self: DataFiles, name: str, *rest: object, real=real) -> object:  # type: ignore[no-untyped-def]
            opened.append(name)
            return real(self, name, *rest)

        monkeypatch.setattr(DataFiles, method, spy)
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:  # as `due`
        assert shown(repo) == expected
    assert not {"prospects.json", "people.json", "companies.json"} & set(opened)


def test_a_rename_this_session_is_read_from_the_records(
    folder: Path, tmp_path: Path, seeded: dict
) -> None:
    with Repository.open(folder) as repo:
        repo.save(revise(seeded["acme"], name="Acme Robotics"))
        repo.save(revise(seeded["mail"], name="Ana Nueva"))
        names = {(row[1], row[2]) for row in shown(repo)}
        assert ("Acme Robotics", "Ana Nueva") in names
    with Repository.open(folder, read_only=True, verify=False) as repo:
        assert shown(repo) == afresh(folder, tmp_path)
        assert ("Acme Robotics", "Ana Nueva") in {(row[1], row[2]) for row in shown(repo)}


def test_a_file_changed_behind_the_index_is_read_again(
    folder: Path, tmp_path: Path, seeded: dict
) -> None:
    """A company renamed by another device (or by hand): the kept names are not trusted."""
    path = folder / "companies.json"
    data = orjson.loads(path.read_bytes())
    data["companies"][seeded["acme"].id]["name"] = "Acme Synced"
    path.write_bytes(orjson.dumps(data))
    with Repository.open(folder, read_only=True, verify=False) as repo:
        assert "Acme Synced" in {row[1] for row in shown(repo)}
        assert shown(repo) == afresh(folder, tmp_path)
