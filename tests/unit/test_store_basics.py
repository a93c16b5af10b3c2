"""Saving, reopening, deleting: what the user finds in the data folder afterwards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pendulum

from jobfutures_tui.models import Channel, Person, Stage, revise
from jobfutures_tui.store import Writer
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.schema import SCHEMA_VERSION


def on_disk(folder: Path, name: str) -> dict[str, Any]:
    return orjson.loads((folder / name).read_bytes())


def touch_ids_in(folder: Path, name: str) -> set[str]:
    return set(on_disk(folder, name)["touches"])


class RecordingWriter(Writer):
    """A real synchronous writer that remembers which files it wrote, in order."""

    def __init__(self, folder: Path) -> None:
        super().__init__(write=self._record)
        self.folder = folder
        self.written: list[str] = []

    def _record(self, path: Path, data: bytes) -> None:
        name = path.relative_to(self.folder).as_posix()
        if name not in ("commit.journal", "manifest.json"):  # every commit writes both
            self.written.append(name)
        write_atomic(path, data)


def test_first_open_creates_the_folder_with_a_meta_file(folder: Path, open_repo) -> None:
    repo = open_repo(folder)
    assert on_disk(folder, "meta.json") == {"app": "jobfutures", "schema_version": SCHEMA_VERSION}
    assert repo.companies() == [] and repo.prospects() == [] and repo.touch_count() == 0
    assert not (folder / "backups").exists()


def test_saved_records_are_there_after_reopening(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme = make.company("[bold]Acme[/", notes="line one\nline two")
    priya = Person(name="Priya Raman", company_id=acme.id, email="priya@acme.example")
    future = make.prospect(acme, person_ids=[priya.id], stage="offer", tags=["warm"])
    call = make.touch(future, pendulum.datetime(2026, 2, 3, 16, 30, tz="UTC"), channel="call")
    repo.save(acme, priya, future, call)
    repo.close()

    again = open_repo(folder)
    assert again.companies() == [acme]
    assert again.people() == [priya]
    assert again.prospects() == [future]
    assert again.prospect(future.id).stage is Stage.OFFER
    assert again.touch(call.id) == call
    assert again.touches_for(future.id) == [call]
    assert again.find_company("[BOLD]acme[/") == acme


def test_touches_are_filed_by_utc_month(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme = make.company()
    future = make.prospect(acme)
    # 23:30 on 31 January in New York is already February in UTC.
    late = make.touch(future, pendulum.datetime(2026, 1, 31, 23, 30, tz="America/New_York"))
    early = make.touch(future, pendulum.datetime(2025, 12, 1, 0, 0, tz="UTC"))
    repo.save(acme, future, late, early)
    assert touch_ids_in(folder, "touches/2026-02.json") == {late.id}
    assert touch_ids_in(folder, "touches/2025-12.json") == {early.id}
    assert not (folder / "touches/2026-01.json").exists()
    stored = on_disk(folder, "touches/2026-02.json")["touches"][late.id]
    assert stored["at"] == "2026-02-01T04:30:00+00:00"


def test_changing_a_touch_date_moves_it_to_that_months_file(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme = make.company()
    future = make.prospect(acme)
    call = make.touch(future, pendulum.datetime(2026, 1, 10, tz="UTC"))
    repo.save(acme, future, call)
    moved = revise(call, at=pendulum.datetime(2026, 3, 2, tz="UTC"))
    repo.save(moved)
    assert touch_ids_in(folder, "touches/2026-01.json") == set()
    assert touch_ids_in(folder, "touches/2026-03.json") == {call.id}
    assert repo.touch_count() == 1
    assert repo.touches_for(future.id) == [moved]
    repo.close()

    again = open_repo(folder)
    assert again.touch_count() == 1
    assert again.touch(call.id) == moved


def test_moving_a_touch_to_another_job_future_unlists_it_from_the_first(
    folder: Path, open_repo, make
) -> None:
    repo = open_repo(folder)
    acme = make.company()
    first, second = make.prospect(acme), make.prospect(acme)
    call = make.touch(first, pendulum.datetime(2026, 1, 10, tz="UTC"))
    repo.save(acme, first, second, call)
    repo.save(revise(call, prospect_id=second.id))
    assert repo.touches_for(first.id) == []
    assert repo.last_touch(first.id) is None
    assert repo.touch_count(first.id) == 0
    assert repo.last_touch(second.id).touch_id == call.id
    repo.close()
    again = open_repo(folder)
    assert again.touch_count(first.id) == 0 and again.touch_count(second.id) == 1


def test_delete_removes_records_from_memory_and_disk(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme, contoso = make.company("Acme"), make.company("Contoso")
    future = make.prospect(acme)
    calls = [make.touch(future, pendulum.datetime(2026, 1, day, tz="UTC")) for day in (3, 4, 5)]
    repo.save(acme, contoso, future, *calls)
    repo.delete(contoso, calls[1])
    assert repo.company(contoso.id) is None
    assert repo.touch(calls[1].id) is None
    assert set(on_disk(folder, "companies.json")["companies"]) == {acme.id}
    assert touch_ids_in(folder, "touches/2026-01.json") == {calls[0].id, calls[2].id}
    repo.close()

    again = open_repo(folder)
    assert again.companies() == [acme]
    assert [t.id for t in again.touches_for(future.id)] == [calls[2].id, calls[0].id]


def test_last_touch_follows_the_newest(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme = make.company()
    future = make.prospect(acme)
    assert repo.last_touch(future.id) is None
    january = make.touch(future, pendulum.datetime(2026, 1, 5, tz="UTC"), channel="call")
    march = make.touch(future, pendulum.datetime(2026, 3, 5, tz="UTC"), channel="linkedin")
    february = make.touch(future, pendulum.datetime(2026, 2, 5, tz="UTC"), direction="in")
    repo.save(acme, future, january)
    assert repo.last_touch(future.id).touch_id == january.id
    repo.save(march)
    repo.save(february)
    latest = repo.last_touch(future.id)
    assert (latest.touch_id, latest.channel, latest.at) == (
        march.id,
        Channel.LINKEDIN,
        pendulum.datetime(2026, 3, 5, tz="UTC"),
    )
    repo.delete(march)
    assert repo.last_touch(future.id).touch_id == february.id
    repo.save(revise(january, at=pendulum.datetime(2026, 4, 1, tz="UTC")))
    assert repo.last_touch(future.id).touch_id == january.id
    repo.close()

    again = open_repo(folder)  # from the index built at open, before any touch is read
    latest = again.last_touch(future.id)
    assert latest.touch_id == january.id
    assert latest.at == pendulum.datetime(2026, 4, 1, tz="UTC")
    assert latest.channel is Channel.CALL


def test_revision_counts_each_change(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    start = repo.revision
    acme = make.company()
    repo.save(acme)
    assert repo.revision == start + 1
    repo.save(revise(acme, name="Acme Corp"), make.company("Contoso"))
    assert repo.revision == start + 2
    repo.delete(acme)
    assert repo.revision == start + 3


def test_a_save_writes_only_the_files_it_changes(folder: Path, open_repo, make) -> None:
    writer = RecordingWriter(folder)
    repo = open_repo(folder, writer=writer)
    acme = make.company()
    future = make.prospect(acme)
    call = make.touch(future, pendulum.datetime(2026, 2, 3, tz="UTC"))
    writer.written.clear()

    # One call that spans collections writes each file once, referenced ones first.
    repo.save(call, future, acme)
    assert writer.written == ["companies.json", "prospects.json", "touches/2026-02.json"]

    writer.written.clear()
    before = {name: (folder / name).stat().st_mtime_ns for name in ("companies.json",)}
    repo.save(revise(future, stage=Stage.REJECTED_WARM))
    assert writer.written == ["prospects.json"]
    assert (folder / "companies.json").stat().st_mtime_ns == before["companies.json"]

    writer.written.clear()
    repo.save(make.touch(future, pendulum.datetime(2026, 2, 9, tz="UTC")))
    assert writer.written == ["touches/2026-02.json"]

    writer.written.clear()
    repo.save(revise(call, at=pendulum.datetime(2025, 7, 1, tz="UTC")))
    assert sorted(writer.written) == ["touches/2025-07.json", "touches/2026-02.json"]

    writer.written.clear()
    repo.delete(acme)
    assert writer.written == ["companies.json"]
    assert repo.pending_files == []


def test_each_kind_of_record_has_its_own_file(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme = make.company()
    person = Person(name="Li Wei", company_id=acme.id)
    future = make.prospect(acme, person_ids=[person.id])
    repo.save(acme, person, future)
    assert set(on_disk(folder, "companies.json")["companies"]) == {acme.id}
    assert set(on_disk(folder, "people.json")["people"]) == {person.id}
    assert set(on_disk(folder, "prospects.json")["prospects"]) == {future.id}
    row = on_disk(folder, "people.json")["people"][person.id]
    assert row["id"] == person.id and row["name"] == "Li Wei"


def test_archived_job_futures_can_be_left_out(folder: Path, open_repo, make) -> None:
    repo = open_repo(folder)
    acme = make.company()
    open_one = make.prospect(acme)
    closed = make.prospect(acme, stage="archive", closed_reason="hired elsewhere")
    repo.save(acme, open_one, closed)
    assert {p.id for p in repo.prospects()} == {open_one.id, closed.id}
    assert repo.prospects(include_archived=False) == [open_one]


def test_a_touch_stored_without_an_offset_is_read_as_local_time(
    folder: Path, open_repo, make, monkeypatch
) -> None:
    """Hand-edited data: the store reads it as the model does, and does not crash."""
    zone = pendulum.timezone("America/New_York")
    monkeypatch.setattr("jobfutures_tui.models.dates.local_timezone", lambda: zone)
    repo = open_repo(folder)
    acme = make.company()
    future = make.prospect(acme)
    older = make.touch(future, pendulum.datetime(2026, 1, 5, tz="UTC"))
    edited = make.touch(future, pendulum.datetime(2026, 1, 6, tz="UTC"))
    repo.save(acme, future, older, edited)
    repo.close()
    path = folder / "touches/2026-01.json"
    data = on_disk(folder, "touches/2026-01.json")
    data["touches"][edited.id]["at"] = "2026-01-06T09:00:00"
    path.write_bytes(orjson.dumps(data))

    again = open_repo(folder)
    latest = again.last_touch(future.id)
    assert latest.touch_id == edited.id
    assert latest.at == pendulum.datetime(2026, 1, 6, 14, 0, tz="UTC")
    assert again.touch(edited.id).at == pendulum.datetime(2026, 1, 6, 14, 0, tz="UTC")
