"""Data the store cannot trust is refused with a clear message and left byte-for-byte alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest

from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.store.schema import SCHEMA_VERSION


@pytest.fixture
def saved(folder: Path, make) -> dict[str, Any]:
    """A folder with one record of each kind, closed."""
    acme = make.company("Acme")
    future = make.prospect(acme)
    call = make.touch(future, pendulum.datetime(2026, 2, 3, 9, tz="UTC"))
    with Repository.open(folder) as repo:
        repo.save(acme, future, call)
    return {"company": acme, "prospect": future, "touch": call}


def edit_json(path: Path, change: Callable[[Any], Any]) -> None:
    data = orjson.loads(path.read_bytes())
    path.write_bytes(orjson.dumps(change(data) or data))


def newer_version(folder: Path, saved: dict[str, Any]) -> list[str]:
    edit_json(folder / "meta.json", lambda meta: meta.update(schema_version=SCHEMA_VERSION + 1))
    return [
        f"Cannot open {folder / 'meta.json'}",
        "written by a newer jobfutures",
        f"data format {SCHEMA_VERSION + 1}",
        "Upgrade jobfutures",
        f"Backups are in {folder / 'backups'}",
    ]


def not_json(folder: Path, saved: dict[str, Any]) -> list[str]:
    path = folder / "companies.json"
    path.write_bytes(path.read_bytes()[:-20])  # cut short, as by a crash in place
    return [f"Cannot open {path}", "it is not valid JSON", "Nothing was changed"]


def invalid_record(folder: Path, saved: dict[str, Any]) -> list[str]:
    record = saved["company"].id
    edit_json(folder / "companies.json", lambda data: data["companies"][record].update(name=""))
    return [
        f"Cannot open {folder / 'companies.json'}",
        f"record {record} is not valid (name: cannot be empty)",
    ]


def missing_meta(folder: Path, saved: dict[str, Any]) -> list[str]:
    (folder / "meta.json").unlink()
    return [f"Cannot open {folder / 'meta.json'}", "it is missing"]


def foreign_meta(folder: Path, saved: dict[str, Any]) -> list[str]:
    (folder / "meta.json").write_bytes(b'{"app": "something else", "schema_version": 1}')
    return ["meta.json: it does not describe jobfutures data"]


def not_records(folder: Path, saved: dict[str, Any]) -> list[str]:
    (folder / "prospects.json").write_bytes(b'{"prospects": [1, 2, 3]}')
    return ["prospects.json: its 'prospects' table is not a set of records"]


def not_an_object(folder: Path, saved: dict[str, Any]) -> list[str]:
    (folder / "people.json").write_bytes(b"[]")
    return ["people.json: it does not hold jobfutures records"]


def wrong_id(folder: Path, saved: dict[str, Any]) -> list[str]:
    record = saved["prospect"].id
    edit_json(folder / "prospects.json", lambda d: d["prospects"][record].update(id="other"))
    return [f"record {record} carries another id (other)"]


def touch_without_date(folder: Path, saved: dict[str, Any]) -> list[str]:
    touch = saved["touch"].id
    edit_json(folder / "touches/2026-02.json", lambda d: d["touches"][touch].update(at="soon"))
    return [f"touches/2026-02.json: touch {touch} has no valid date or prospect"]


def touch_twice(folder: Path, saved: dict[str, Any]) -> list[str]:
    """The same touch in two months, each copy dated in the other's month: no way to choose."""
    touch = saved["touch"].id
    (folder / "touches/2026-03.json").write_bytes((folder / "touches/2026-02.json").read_bytes())
    march = "2026-03-03T09:00:00+00:00"
    edit_json(folder / "touches/2026-02.json", lambda d: d["touches"][touch].update(at=march))
    return [f"touch {touch} is stored twice"]


DAMAGE = [
    newer_version,
    not_json,
    invalid_record,
    missing_meta,
    foreign_meta,
    not_records,
    not_an_object,
    wrong_id,
    touch_without_date,
    touch_twice,
]


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "read-only"])
@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__)
def test_refused_data_is_left_untouched(
    damage: Callable[[Path, dict[str, Any]], list[str]],
    read_only: bool,
    folder: Path,
    saved: dict[str, Any],
    make,
) -> None:
    expected = damage(folder, saved)
    before = make.snapshot(folder)
    with pytest.raises(DataRefused) as caught:
        Repository.open(folder, read_only=read_only)
    message = str(caught.value)
    for part in expected:
        assert part in message
    assert message.endswith(f"Nothing was changed. Backups are in {folder / 'backups'}.")
    assert make.snapshot(folder) == before  # same bytes, same mtimes, no new files
    # Refusing twice gives the same answer: the first refusal changed nothing.
    with pytest.raises(DataRefused):
        Repository.open(folder, read_only=read_only)


def test_a_touch_with_a_bad_field_is_refused_when_verified(
    folder: Path, saved: dict[str, Any], open_repo, make
) -> None:
    """Opening checks touches lazily only when asked to; verify() finds the bad one."""
    bad = saved["touch"].id
    edit_json(folder / "touches/2026-02.json", lambda d: d["touches"][bad].update(channel="pigeon"))
    before = make.snapshot(folder)

    with pytest.raises(DataRefused) as caught:
        Repository.open(folder)
    assert f"touches/2026-02.json: record {bad} is not valid (channel: unknown channel" in str(
        caught.value
    )

    repo = open_repo(folder, verify=False)
    assert repo.touch_count() == 1
    assert repo.companies() == [saved["company"]]
    with pytest.raises(DataRefused) as caught:
        repo.verify()
    assert caught.value.path == folder / "touches" / "2026-02.json"
    assert "'pigeon'" in str(caught.value)
    repo.close()
    assert make.snapshot(folder) == before


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "read-only"])
def test_a_touch_left_in_two_months_by_a_crash_keeps_the_newer_copy(
    read_only: bool, folder: Path, saved: dict[str, Any], make
) -> None:
    """A crash while a touch's date moved to March: the March copy is the newer edit."""
    touch = saved["touch"]
    moved = touch.model_copy(
        update={
            "at": pendulum.datetime(2026, 3, 9, 9, tz="UTC"),
            "updated_at": touch.updated_at.add(minutes=5),
        }
    )
    (folder / "touches/2026-03.json").write_bytes(
        orjson.dumps({"touches": {touch.id: moved.model_dump(mode="json")}})
    )
    before = make.snapshot(folder)

    with Repository.open(folder, read_only=read_only) as repo:
        assert repo.touch(touch.id) == moved
        assert repo.touches_for(touch.prospect_id) == [moved]
    february = orjson.loads((folder / "touches/2026-02.json").read_bytes())
    if read_only:
        assert make.snapshot(folder) == before, "read-only heals in memory only"
    else:
        assert touch.id not in february["touches"], "the stale copy is gone from disk"
    with Repository.open(folder, read_only=True) as again:
        assert again.touch_count() == 1


def test_a_save_validates_the_files_it_rewrites_and_only_those(
    folder: Path, saved: dict[str, Any], open_repo, make
) -> None:
    """A bad touch in February blocks rewriting February, not logging a touch in May:
    the command line need not read every month to log one touch."""
    bad = saved["touch"].id
    edit_json(folder / "touches/2026-02.json", lambda d: d["touches"][bad].update(channel="pigeon"))
    february = (folder / "touches/2026-02.json").read_bytes()
    future = saved["prospect"]

    repo = open_repo(folder, verify=False)
    may = make.touch(future, pendulum.datetime(2026, 5, 4, 9, tz="UTC"))
    repo.save(may)
    repo.flush()
    assert (folder / "touches/2026-05.json").exists()

    also_february = make.touch(future, pendulum.datetime(2026, 2, 20, 9, tz="UTC"))
    with pytest.raises(DataRefused) as caught:
        repo.save(also_february)
    assert caught.value.path == folder / "touches" / "2026-02.json"
    moved_there = may.model_copy(update={"at": pendulum.datetime(2026, 2, 21, 9, tz="UTC")})
    with pytest.raises(DataRefused):
        repo.save(moved_there)
    repo.close()
    assert (folder / "touches/2026-02.json").read_bytes() == february


def test_a_save_refuses_when_its_own_file_holds_a_bad_record(
    folder: Path, saved: dict[str, Any], open_repo
) -> None:
    record = saved["company"].id
    edit_json(folder / "companies.json", lambda data: data["companies"][record].update(name=""))
    companies = (folder / "companies.json").read_bytes()
    repo = open_repo(folder, verify=False)
    with pytest.raises(DataRefused):
        repo.save(saved["company"].model_copy(update={"name": "Acme Two"}))
    prospect = saved["prospect"]
    repo.save(prospect.model_copy(update={"role": "Lead"}))  # prospects.json is sound
    repo.close()
    assert (folder / "companies.json").read_bytes() == companies
