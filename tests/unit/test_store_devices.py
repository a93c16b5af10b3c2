"""Two computers on one synced data folder (store/devices.py, store/merge.py): a file
replaced behind the store's back is merged into, never written over."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import orjson
import pendulum
import pytest

from jobfutures_tui.exchange.check import check_folder, repair_folder
from jobfutures_tui.models import Company, Prospect, Touch
from jobfutures_tui.models.entities import revise
from jobfutures_tui.store import Repository, SaveFailed
from jobfutures_tui.store.writer import Writer


def seeded(folder: Path) -> tuple[Company, Prospect]:
    acme = Company(name="Acme")
    future = Prospect(company_id=acme.id)
    with Repository.open(folder) as repo:
        repo.save(acme, future)
    return acme, future


def synced(source: Path, target: Path) -> list[str]:
    """What a sync tool does: every data file that differs arrives by an atomic replace."""
    arrived = []
    for path in sorted(source.rglob("*.json")):
        name = path.relative_to(source).as_posix()
        if name.startswith("backups/") or name == "touch-index.json":
            continue
        there = target / name
        if there.exists() and there.read_bytes() == path.read_bytes():
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        temp = there.with_name(f".syncthing.{there.name}.tmp")
        shutil.copyfile(path, temp)
        os.replace(temp, there)
        arrived.append(name)
    return arrived


def other_device(folder: Path, tmp_path: Path) -> Path:
    """The same data, on the other computer."""
    laptop = tmp_path / "laptop"
    shutil.copytree(folder, laptop, ignore=shutil.ignore_patterns("jobfutures.lock", "backups"))
    return laptop


def rows(folder: Path, name: str, table: str) -> dict[str, dict[str, object]]:
    return orjson.loads((folder / name).read_bytes())[table]


def test_a_change_from_another_device_is_kept_when_this_one_saves(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    seeded(folder)
    laptop = other_device(folder, tmp_path)
    with Repository.open(folder) as desk:
        with Repository.open(laptop) as there:
            there.save(Company(name="Globex"))
        assert "companies.json" in synced(laptop, folder)
        desk.save(Company(name="Initech"))
        notes = desk.writer.merge_notes if desk.writer else []
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Globex", "Initech"}
    assert notes and "companies.json had changed on another device" in notes[0]
    assert check_folder(folder).ok


def test_the_same_record_changed_on_both_keeps_the_newer_and_sets_the_other_aside(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "desk"
    acme, _ = seeded(folder)
    laptop = other_device(folder, tmp_path)
    later = pendulum.now().add(minutes=1)
    with Repository.open(folder) as desk:
        with pendulum.travel_to(later, freeze=True), Repository.open(laptop) as there:
            there.save(revise(acme, name="Acme Laptop"))
        synced(laptop, folder)
        desk.save(revise(acme, name="Acme Desk"))  # made now: older than the laptop's
        notes = desk.writer.merge_notes if desk.writer else []
    stored = rows(folder, "companies.json", "companies")[acme.id]
    assert stored["name"] == "Acme Laptop"
    aside = list((folder / "backups").glob("set-aside-*companies.json"))
    assert len(aside) == 1
    kept = orjson.loads(aside[0].read_bytes())["records"]
    assert [row["name"] for row in kept] == ["Acme Desk"]
    assert "1 changed on both" in notes[0] and aside[0].name in notes[0]


def test_a_deletion_there_wins_unless_this_device_changed_the_record(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    _, future = seeded(folder)
    extra = Company(name="Umbrella")
    with Repository.open(folder) as repo:
        repo.save(extra)
    laptop = other_device(folder, tmp_path)
    with Repository.open(folder) as desk:
        with Repository.open(laptop) as there:
            there.delete(there.company(extra.id))  # nothing refers to it
            there.delete(there.prospect(future.id))
        synced(laptop, folder)
        desk.save(revise(desk.prospect(future.id), notes="still warm"))
        desk.save(Company(name="Hooli"))
    companies = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert companies == {"Acme", "Hooli"}, "Umbrella was deleted there and untouched here"
    prospects = rows(folder, "prospects.json", "prospects")
    assert prospects[future.id]["notes"] == "still warm", "an edit beats a deletion"


def test_a_file_changed_there_and_not_here_keeps_the_manifest_true(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    _, future = seeded(folder)
    laptop = other_device(folder, tmp_path)
    with Repository.open(folder) as desk:
        with Repository.open(laptop) as there:
            there.save(Company(name="Globex"))
        synced(laptop, folder)
        desk.save(Touch(prospect_id=future.id, at=pendulum.now("UTC"), channel="email"))
    assert "Globex" in {r["name"] for r in rows(folder, "companies.json", "companies").values()}
    report = check_folder(folder)
    assert report.ok, report.problems


def test_data_a_newer_version_upgraded_there_is_never_written_over(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    seeded(folder)
    with Repository.open(folder, writer=Writer()) as desk:
        meta = folder / "meta.json"
        upgraded = orjson.loads(meta.read_bytes()) | {"schema_version": 99}
        meta.write_bytes(orjson.dumps(upgraded))
        before = (folder / "companies.json").read_bytes()
        with pytest.raises(SaveFailed) as failed:
            desk.save(Company(name="Initech"))
        assert "newer jobfutures on another device" in str(failed.value)
        assert (folder / "companies.json").read_bytes() == before
        desk.writer._pending.clear()  # type: ignore[union-attr]  # give up the change


def test_a_file_that_is_no_longer_data_is_set_aside_and_ours_written(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    acme, _ = seeded(folder)
    with Repository.open(folder) as desk:
        desk.company(acme.id)
        (folder / "companies.json").write_bytes(b"<html>sync tool error page</html>")
        desk.save(Company(name="Initech"))
        notes = desk.writer.merge_notes if desk.writer else []
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Initech"}
    kept = list((folder / "backups").glob("set-aside-*companies.json"))
    assert kept and kept[0].read_bytes().startswith(b"<html>")
    assert "not jobfutures data" in notes[0]


def test_a_merge_is_said_once_though_later_commits_merge_it_again(tmp_path: Path) -> None:
    """Memory does not hold what a merge took from there, so each later commit merges
    the file again, until the data is opened again; only the first says so."""
    folder = tmp_path / "desk"
    seeded(folder)
    laptop = other_device(folder, tmp_path)
    with Repository.open(folder) as desk:
        with Repository.open(laptop) as there:
            there.save(Company(name="Globex"))
        synced(laptop, folder)
        desk.save(Company(name="Initech"))
        desk.save(Company(name="Hooli"))
        assert desk.changed_elsewhere() == ["companies.json"]
        notes = list(desk.writer.merge_notes if desk.writer else [])
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Globex", "Initech", "Hooli"}
    assert notes == ["companies.json had changed on another device: merged (1 from there)"]


def test_a_change_from_there_after_a_merge_is_said_again(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    seeded(folder)
    laptop = other_device(folder, tmp_path)
    with Repository.open(folder) as desk:
        with Repository.open(laptop) as there:
            there.save(Company(name="Globex"))
        synced(laptop, folder)
        desk.save(Company(name="Initech"))
        synced(folder, laptop)
        with Repository.open(laptop) as there:
            there.save(Company(name="Umbrella"))
        synced(laptop, folder)
        desk.save(Company(name="Hooli"))
        notes = desk.writer.merge_notes if desk.writer else []
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Globex", "Initech", "Umbrella", "Hooli"}
    assert len(notes) == 2 and "merged (2 from there)" in notes[1]


def test_the_manifest_s_conflict_copies_are_reported_and_put_away(tmp_path: Path) -> None:
    """Both computers write manifest.json at every commit, so a sync tool makes copies
    of it as often as of any file: check lists them, repair moves them to the backups
    (they hold no records), rather than leaving them in the folder for ever."""
    folder = tmp_path / "desk"
    seeded(folder)
    copy = "manifest.sync-conflict-20261206-101502-ABCDEF7.json"
    shutil.copyfile(folder / "manifest.json", folder / copy)
    report = check_folder(folder)
    assert [problem.where for problem in report.problems] == [copy]
    assert report.repairable
    repaired = repair_folder(folder)
    assert any(f"{copy}: a copy of the manifest" in line for line in repaired.done)
    assert not (folder / copy).exists()
    assert (folder / "backups" / "conflict-copies" / copy).exists()
    assert check_folder(folder).ok


def test_a_version_that_lands_while_the_commit_is_written_is_merged_not_written_over(
    tmp_path: Path,
) -> None:
    """Seen with two real Syncthings (scripts/two_syncthings.sh): the other device's
    file arrived between the look before the commit and the commit's own files, and
    a touch logged there was gone on both. The commit looks again once its journal is
    written, and starts again from what arrived."""
    from jobfutures_tui.store.files import write_atomic

    folder = tmp_path / "desk"
    seeded(folder)
    laptop = other_device(folder, tmp_path)
    with Repository.open(laptop) as there:
        there.save(Company(name="Globex"))
    arrivals = []

    def write(path: Path, data: bytes) -> None:
        write_atomic(path, data)
        if path.name == "commit.journal" and not arrivals:
            arrivals.append(synced(laptop, folder))  # the sync tool, at the worst moment

    with Repository.open(folder, writer=Writer(write=write)) as desk:
        desk.save(Company(name="Initech"))
        notes = desk.writer.merge_notes if desk.writer else []
    assert arrivals and "companies.json" in arrivals[0]
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Globex", "Initech"}
    assert notes == ["companies.json had changed on another device: merged (1 from there)"]
    assert check_folder(folder).ok


def test_a_version_that_lands_while_the_files_are_written_is_merged_not_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files of a commit are written and fsynced first, looked at again, then
    renamed in a burst: a version landing during the writes is seen before any rename."""
    from jobfutures_tui.store import journal

    folder = tmp_path / "desk"
    seeded(folder)
    laptop = other_device(folder, tmp_path)
    with Repository.open(laptop) as there:
        there.save(Company(name="Globex"))
    arrivals = []

    def staged(path: Path, data: bytes) -> Path:
        temp = stage(path, data)
        if path.name == "companies.json" and not arrivals:
            arrivals.append(synced(laptop, folder))  # the sync tool, at the worst moment
        return temp

    stage = journal.staged
    monkeypatch.setattr(journal, "staged", staged)
    with Repository.open(folder) as desk:
        desk.save(Company(name="Initech"))
    assert arrivals and "companies.json" in arrivals[0]
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Globex", "Initech"}
    assert not list(folder.glob("*.jf-tmp")), "the staged files of the first try are gone"
    assert check_folder(folder).ok


def test_a_version_landing_at_every_try_fails_the_save_rather_than_write_over_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last try looks too: when another device's version lands at every try, the
    save fails (the change kept pending, as for a full disk), and the other device's
    version stays; once the files hold still, the change is saved, merged."""
    from jobfutures_tui.store import journal

    folder = tmp_path / "desk"
    seeded(folder)
    laptop = other_device(folder, tmp_path)
    landed: list[str] = []

    def staged(path: Path, data: bytes) -> Path:
        temp = stage(path, data)
        if path == folder / "companies.json":
            with Repository.open(laptop) as there:
                there.save(Company(name=f"Globex {len(landed)}"))
            synced(laptop, folder)  # the sync tool, at the worst moment, every time
            landed.append(path.name)
        return temp

    stage = journal.staged
    monkeypatch.setattr(journal, "staged", staged)
    with Repository.open(folder) as desk:
        with pytest.raises(SaveFailed) as failed:
            desk.save(Company(name="Initech"))
        assert len(landed) == journal.RECHECKS
        assert "another device kept changing the data files" in str(failed.value)
        assert "Nothing was saved" in str(failed.value)
        names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
        assert names == {"Acme", *(f"Globex {n}" for n in range(journal.RECHECKS))}
        assert desk.pending_files == [folder / "companies.json"], "kept, to be tried again"
        monkeypatch.setattr(journal, "staged", stage)  # the other device is done
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert "Initech" in names and len(names) == 2 + journal.RECHECKS
    assert check_folder(folder).ok


def test_a_file_a_sync_tool_has_renamed_away_for_a_moment_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen with two real Syncthings: resolving a conflict, Syncthing renames the file
    to its conflict copy, then puts the winner in place. A command opening the data
    in between found it missing and refused to save ("restore a backup")."""
    import threading
    import time

    from jobfutures_tui.store import opening

    monkeypatch.setattr(opening, "SYNC_GRACE", 2.0)  # as shipped
    folder = tmp_path / "desk"
    seeded(folder)
    away = folder / "companies.sync-conflict-20261206-101502-ABCDEF7.json"
    os.replace(folder / "companies.json", away)

    def winner_arrives() -> None:
        time.sleep(0.3)
        shutil.copyfile(away, folder / ".syncthing.companies.json.tmp")
        os.replace(folder / ".syncthing.companies.json.tmp", folder / "companies.json")

    arriving = threading.Thread(target=winner_arrives)
    arriving.start()
    with Repository.open(folder) as desk:
        desk.save(Company(name="Initech"))
    arriving.join()
    names = {row["name"] for row in rows(folder, "companies.json", "companies").values()}
    assert names == {"Acme", "Initech"}


def test_a_look_during_our_own_commit_does_not_take_it_for_another_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app looks for other devices' changes on a worker while its writer commits:
    a look that lands after the renames and before the commit notes them waits."""
    from jobfutures_tui.store import journal

    folder = tmp_path / "desk"
    seeded(folder)
    renamed, looked = threading.Event(), []
    applied = journal.apply_staged

    def slow_apply(*args: object, **kwargs: object) -> None:
        applied(*args, **kwargs)  # type: ignore[arg-type]
        renamed.set()
        time.sleep(0.3)  # the notes come after this

    monkeypatch.setattr(journal, "apply_staged", slow_apply)
    with Repository.open(folder) as desk:
        look = threading.Thread(
            target=lambda: renamed.wait(5) and looked.append(desk.changed_elsewhere())
        )
        look.start()
        desk.save(Company(name="Initech"))
        look.join(5)
    assert looked == [[]]
