"""A sync tool's conflict copies (exchange/conflict_copies.py): check finds them,
repair merges them (the newer version of each record wins) and keeps them."""

from __future__ import annotations

from pathlib import Path

import orjson
import pendulum
import pytest

from jobfutures_tui.exchange.check import check_folder, repair_folder
from jobfutures_tui.models import Company, Prospect, Touch
from jobfutures_tui.models.entities import revise
from jobfutures_tui.store import Repository, layout


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("companies.sync-conflict-20261206-101502-ABCDEF7.json", "companies.json"),
        ("people (Sam's conflicted copy 2026-12-06).json", "people.json"),
        ("prospects (conflicted copy 2026-12-06 101502).json", "prospects.json"),
        ("companies 2.json", "companies.json"),
    ],
)
def test_the_copies_of_each_sync_tool_are_found(tmp_path: Path, name: str, original: str) -> None:
    tmp_path.joinpath(name).write_text("{}")
    tmp_path.joinpath("notes 2.json").write_text("{}")  # not a copy of a data file
    tmp_path.joinpath("companies-old.json").write_text("{}")
    assert layout.conflict_copies(tmp_path) == {name: original}


def test_check_reports_a_copy_and_repair_merges_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    acme = Company(name="Acme")
    future = Prospect(company_id=acme.id)
    with Repository.open(folder) as repo:
        repo.save(acme, future)
        repo.save(Touch(prospect_id=future.id, at=pendulum.now("UTC"), channel="email"))
    later = pendulum.now("UTC").add(minutes=5)
    globex = Company(name="Globex")
    renamed = revise(acme, name="Acme Corp", updated_at=later)
    copy = "companies.sync-conflict-20261206-101502-ABCDEF7.json"
    rows = {c.id: c.model_dump(mode="json") for c in (renamed, globex)}
    (folder / copy).write_bytes(orjson.dumps({"companies": rows}))
    month = layout.touches_file(pendulum.now("UTC"))
    touch = Touch(prospect_id=future.id, at=pendulum.now("UTC"), channel="call")
    month_copy = month.replace(".json", " (Sam's conflicted copy 2026-12-06).json")
    (folder / month_copy).write_bytes(
        orjson.dumps({"touches": {touch.id: touch.model_dump(mode="json")}})
    )

    report = check_folder(folder)
    assert not report.ok and report.repairable
    assert {copy, month_copy} <= {problem.where for problem in report.problems}

    repaired = repair_folder(folder)
    assert any(
        f"{copy}: 1 record(s) added, 1 newer version(s) taken" in line for line in repaired.done
    )
    with Repository.open(folder, read_only=True) as after:
        assert {c.name for c in after.companies()} == {"Acme Corp", "Globex"}
        assert after.touch_count(future.id) == 2
    kept = folder / "backups" / "conflict-copies"
    assert (kept / copy).exists() and not (folder / copy).exists()
    assert check_folder(folder).ok


def test_a_command_that_changes_the_data_merges_the_copies_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Syncthing keeps ten copies of a file and deletes the oldest: waiting for a
    repair could lose what they alone hold."""
    from shell import jf

    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save(Company(name="Acme"))
    globex = Company(name="Globex")
    copy = "companies.sync-conflict-20261206-101502-ABCDEF7.json"
    (folder / copy).write_bytes(
        orjson.dumps({"companies": {globex.id: globex.model_dump(mode="json")}})
    )
    code, _, err = jf(capsys, folder, "add", "Initech")
    assert code == 0, err
    assert "Merged 1 conflict copy a sync tool left" in err
    with Repository.open(folder, read_only=True) as repo:
        assert {c.name for c in repo.companies()} == {"Acme", "Globex", "Initech"}
    assert not (folder / copy).exists()
    assert check_folder(folder).ok
