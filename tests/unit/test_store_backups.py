"""Backups before the first change of a session, private files, crash leftovers removed."""

from __future__ import annotations

import errno
import io
import os
import stat
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.models import revise
from jobfutures_tui.store import Repository
from jobfutures_tui.store.backups import _read_table, list_backups, make_backup
from jobfutures_tui.store.snapshot import dumps


def zip_contents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def data_bytes(snapshot: dict[str, tuple[bytes, int]]) -> dict[str, bytes]:
    """The user's data: not the backups, the lock, nor the derived touch index."""
    derived = ("backups/", "jobfutures.lock", "touch-index.json", "manifest.json", ".stignore")
    return {name: data for name, (data, _) in snapshot.items() if not name.startswith(derived)}


@pytest.fixture
def existing(folder: Path, make) -> Path:
    """A folder written by an earlier session."""
    with Repository.open(folder) as repo:
        acme = make.company("Acme")
        future = make.prospect(acme)
        repo.save(acme, future, make.touch(future, pendulum.datetime(2026, 1, 2, tz="UTC")))
    return folder


def test_a_new_folder_makes_no_backup(folder: Path, make) -> None:
    with Repository.open(folder) as repo:
        repo.save(make.company("Acme"))
        repo.save(make.company("Contoso"))
    with Repository.open(folder):
        pass
    assert list_backups(folder / "backups") == []
    assert not (folder / "backups").exists()


def test_a_session_that_saves_nothing_makes_no_backup(existing: Path, make) -> None:
    with Repository.open(existing) as repo:
        assert len(repo.companies()) == 1
    assert list_backups(existing / "backups") == []


def test_the_first_save_of_a_session_backs_up_the_data_as_it_was(existing: Path, make) -> None:
    before = data_bytes(make.snapshot(existing))
    with Repository.open(existing) as repo:
        acme = repo.companies()[0]
        repo.save(revise(acme, name="Acme Corp"))
        repo.save(make.company("Contoso"))
        repo.delete(acme)
    backups = list_backups(existing / "backups")
    assert len(backups) == 1
    assert zip_contents(backups[0].path) == before
    assert backups[0].size == backups[0].path.stat().st_size


def test_only_the_newest_backups_are_kept_newest_first(existing: Path, make) -> None:
    names = []
    for hour in range(1, 6):
        taken = pendulum.datetime(2026, 3, 1, hour, 30, tz="UTC")
        with (
            pendulum.travel_to(taken, freeze=True),
            Repository.open(existing, keep_backups=3) as repo,
        ):
            name = f"Company {hour}"
            repo.save(make.company(name))
            names.append(name)
    backups = list_backups(existing / "backups")
    assert [b.taken_at for b in backups] == [
        pendulum.datetime(2026, 3, 1, hour, 30, tz="UTC") for hour in (5, 4, 3)
    ]
    # The backup taken at 5:30 holds what the 4:30 session saved, and so on.
    for backup, saved_before in zip(backups, ["Company 4", "Company 3", "Company 2"], strict=True):
        assert saved_before.encode() in zip_contents(backup.path)["companies.json"]


def test_backups_in_the_same_second_keep_their_order(existing: Path, make) -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 3, 1, 9, tz="UTC"), freeze=True):
        for number in range(14):
            with Repository.open(existing, keep_backups=11) as repo:
                repo.save(make.company(f"Company {number}"))
    backups = list_backups(existing / "backups")
    assert [b.path.name for b in backups] == [
        f"jobfutures-20260301T090000Z-{counter}.zip" for counter in range(13, 2, -1)
    ]
    assert all(b.taken_at == pendulum.datetime(2026, 3, 1, 9, tz="UTC") for b in backups)
    newest = zip_contents(backups[0].path)["companies.json"]
    assert b"Company 12" in newest and b"Company 13" not in newest


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A permissive umask, so only the store's own modes can make files private."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("open_umask")
def test_data_and_backups_are_private(tmp_path: Path, make) -> None:
    folder = tmp_path / "nested" / "data"
    with Repository.open(folder) as repo:
        acme = make.company()
        repo.save(acme, make.touch(make.prospect(acme), pendulum.datetime(2026, 1, 2, tz="UTC")))
    with Repository.open(folder) as repo:
        repo.save(make.company("Contoso"))  # makes the first backup

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(folder) == 0o700
    assert mode(folder / "touches") == 0o700
    assert mode(folder / "backups") == 0o700
    files = [path for path in folder.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {
        "meta.json",
        "companies.json",
        "2026-01.json",
        "jobfutures.lock",
    }
    assert any(path.suffix == ".zip" for path in files)
    assert {path.relative_to(folder).as_posix(): mode(path) for path in files} == {
        path.relative_to(folder).as_posix(): 0o600 for path in files
    }


def test_leftover_temporary_files_are_removed_at_open(existing: Path, make) -> None:
    (existing / "backups").mkdir()
    leftovers = [
        existing / ".companies.json.k3j4h5.jf-tmp",
        existing / ".meta.json.aaaa.jf-tmp",
        existing / "touches" / ".2026-01.json.zz9.jf-tmp",
        existing / "backups" / ".jobfutures-20260301T090000Z.zip.q1.jf-tmp",
    ]
    for path in leftovers:
        path.write_bytes(b'{"half a fi')
    keep = [existing / "notes.txt", existing / ".hidden", existing / "touches" / "README"]
    for path in keep:
        path.write_text("mine")

    # A reader does not hold the lock, so it leaves them alone.
    with Repository.open(existing, read_only=True):
        pass
    assert all(path.exists() for path in leftovers)

    with Repository.open(existing) as repo:
        assert len(repo.companies()) == 1
        assert repo.touch_count() == 1
    assert make.temp_files(existing) == []
    assert all(path.read_text() == "mine" for path in keep)


def raw_members(path: Path) -> dict[str, bytes]:
    """Each member's packed bytes, as stored in the zip."""
    found = {}
    whole = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(whole)) as zf:
        for info in zf.infolist():
            at = info.header_offset
            names, extra = struct.unpack("<2H", whole[at + 26 : at + 30])
            start = at + 30 + names + extra
            found[info.filename] = whole[start : start + info.compress_size]
    return found


def two_backups(existing: Path, make) -> list[Path]:
    """Two sessions' backups: between them, the second session's change (a company)."""
    for name in ("Contoso", "Fabrikam"):
        with Repository.open(existing) as repo:
            repo.save(make.company(name))
    return [b.path for b in reversed(list_backups(existing / "backups"))]


def test_a_backup_takes_the_unchanged_files_packed_from_the_one_before(
    existing: Path, make
) -> None:
    """Months that never change are not packed again at every command; the zip is
    whole and holds the data as it was."""
    first, second = two_backups(existing, make)
    before, after = raw_members(first), raw_members(second)
    assert after["touches/2026-01.json"] == before["touches/2026-01.json"]
    assert after["companies.json"] != before["companies.json"]
    with zipfile.ZipFile(second) as zf:
        assert zf.testzip() is None
        assert all(info.external_attr >> 16 == 0o600 for info in zf.infolist())
    assert b"Contoso" in zip_contents(second)["companies.json"]
    with Repository.open(existing) as repo:
        assert {c.name for c in repo.companies()} == {"Acme", "Contoso", "Fabrikam"}


def test_a_damaged_earlier_backup_is_not_copied_on(existing: Path, make) -> None:
    """A member taken again must unpack to the file as it is: one that does not
    (a bit flipped on the disk) is packed afresh."""
    with Repository.open(existing) as repo:
        repo.save(make.company("Contoso"))
    (earlier,) = list_backups(existing / "backups")
    whole = bytearray(earlier.path.read_bytes())
    month = raw_members(earlier.path)["touches/2026-01.json"]
    at = bytes(whole).index(month) + len(month) // 2
    whole[at] ^= 0xFF
    earlier.path.write_bytes(bytes(whole))
    expected = data_bytes(make.snapshot(existing))
    with Repository.open(existing) as repo:
        repo.save(make.company("Fabrikam"))
    newest = list_backups(existing / "backups")[0].path
    assert newest != earlier.path
    assert zip_contents(newest) == expected


def test_a_file_unchanged_since_the_last_backup_is_not_even_read(
    existing: Path, make, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its signature (size, time, inode) is stamped on its member: a command's backup
    costs what changed, not the whole history."""
    two_backups(existing, make)
    read: list[str] = []
    real = Path.read_bytes

    def recorded(path: Path) -> bytes:
        read.append(path.relative_to(existing).as_posix())
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", recorded)
    newest = make_backup(existing, existing / "backups")
    monkeypatch.undo()
    assert newest is not None
    assert read == ["companies.json"], "only what the last session changed"
    assert zip_contents(newest) == data_bytes(make.snapshot(existing))


def test_a_file_changed_in_place_to_the_same_size_is_packed_again(existing: Path, make) -> None:
    """Written by hand or by another program without a rename: the time moved."""
    two_backups(existing, make)
    month = existing / "touches" / "2026-01.json"
    text = month.read_bytes()
    changed = text.replace(b"email", b"EMAIL")
    assert changed != text and len(changed) == len(text)
    with month.open("r+b") as handle:  # the same inode, the same size
        handle.write(changed)
    newest = make_backup(existing, existing / "backups")
    assert newest is not None
    assert zip_contents(newest)["touches/2026-01.json"] == changed


def many_companies(folder: Path, names: dict[str, str]) -> None:
    """A companies file as the store writes it, replaced as the store replaces one."""
    rows = {cid: {"id": cid, "name": name} for cid, name in names.items()}
    scratch = folder / "scratch.json"
    scratch.write_bytes(dumps({"companies": rows}))
    scratch.replace(folder / "companies.json")


def chunks_of(backup: Path, name: str) -> list[bytes]:
    """A member's packed chunks, as its chunk table lays them out."""
    with zipfile.ZipFile(backup) as zf:
        table = _read_table(zf.getinfo(name).extra)
    assert table, "a member packed here carries its chunk table"
    packed, at, found = raw_members(backup)[name], 0, []
    for *_, length in table:
        found.append(packed[at : at + length])
        at += length
    return found


def test_a_changed_file_packs_again_only_the_chunks_that_changed(tmp_path: Path) -> None:
    """A command that changed one job future of thousands packs a chunk, not the file:
    the rest is taken from the last backup, and the zip unpacks to the file exactly."""
    names = {f"{n % 7:02d}{n:030d}": f"Company {n}" for n in range(700)}  # a chunk per 7th
    many_companies(tmp_path, names)
    first = make_backup(tmp_path, tmp_path / "backups")
    changed = dict(names)
    changed[f"{352 % 7:02d}{352:030d}"] = "Renamed [bold]Co[/"  # one in the middle
    many_companies(tmp_path, changed)
    second = make_backup(tmp_path, tmp_path / "backups")
    assert first is not None and second is not None
    before, after = chunks_of(first, "companies.json"), chunks_of(second, "companies.json")
    assert len(after) == len(before) > 50
    assert len([chunk for chunk in after if chunk not in before]) == 1
    with zipfile.ZipFile(second) as zf:
        assert zf.testzip() is None
        assert zf.read("companies.json") == (tmp_path / "companies.json").read_bytes()


def test_a_damaged_chunk_table_takes_nothing_again(tmp_path: Path) -> None:
    """A table whose CRC does not match its entries (a bit flipped on the disk) gives no
    chunk to take again: the file is packed afresh, and the backup is right."""
    names = {f"{n % 3:02d}{n:030d}": f"Company {n}" for n in range(60)}
    many_companies(tmp_path, names)
    first = make_backup(tmp_path, tmp_path / "backups")
    assert first is not None
    whole = bytearray(first.read_bytes())
    with zipfile.ZipFile(first) as zf:
        table_at = bytes(whole).rindex(zf.getinfo("companies.json").extra[-16:])
    whole[table_at + 12] ^= 0xFF  # the packed size of its last chunk
    first.write_bytes(bytes(whole))
    changed = {**names, f"{1:02d}{1:030d}": "Renamed"}  # an existing one
    many_companies(tmp_path, changed)
    second = make_backup(tmp_path, tmp_path / "backups")
    assert second is not None
    with zipfile.ZipFile(second) as zf:
        assert zf.read("companies.json") == (tmp_path / "companies.json").read_bytes()


def local_record(path: Path, name: str) -> bytes:
    """A member's local header and packed bytes, as they lie in the zip."""
    whole = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(whole)) as zf:
        info = zf.getinfo(name)
    at = info.header_offset
    names, extra = struct.unpack("<2H", whole[at + 26 : at + 30])
    return whole[at : at + 30 + names + extra + info.compress_size]


MONTH = "touches/2026-01.json"


def test_an_unchanged_member_is_copied_whole_as_it_was_packed(existing: Path, make) -> None:
    """Its bytes, its time (when it was packed) and its stamps: nothing to pack again."""
    first, second = two_backups(existing, make)
    assert local_record(second, MONTH) == local_record(first, MONTH)
    with zipfile.ZipFile(first) as before, zipfile.ZipFile(second) as after:
        assert after.getinfo(MONTH).extra == before.getinfo(MONTH).extra
        assert after.getinfo(MONTH).date_time == before.getinfo(MONTH).date_time


@pytest.mark.parametrize("kernel", ["refuses", "lacks"])
def test_a_backup_is_whole_where_the_kernel_cannot_copy(
    existing: Path, make, monkeypatch: pytest.MonkeyPatch, kernel: str
) -> None:
    """Another file system, an old kernel or another system: the members are copied
    through memory instead, and the zip is the same."""
    two_backups(existing, make)
    if kernel == "lacks":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    else:

        def refused(*_: object) -> int:
            raise OSError(errno.EXDEV, "Invalid cross-device link")

        monkeypatch.setattr(os, "copy_file_range", refused, raising=False)
    earlier = list_backups(existing / "backups")[0].path
    newest = make_backup(existing, existing / "backups")
    assert newest is not None and newest != earlier
    assert local_record(newest, MONTH) == local_record(earlier, MONTH)
    with zipfile.ZipFile(newest) as zf:
        assert zf.testzip() is None
    assert zip_contents(newest) == data_bytes(make.snapshot(existing))


def flip(path: Path, at: int) -> None:
    whole = bytearray(path.read_bytes())
    whole[at] ^= 0xFF
    path.write_bytes(bytes(whole))


def test_a_member_whose_local_header_is_damaged_is_packed_afresh(existing: Path, make) -> None:
    """Its name there no longer the one the directory gives (a bit flipped on the
    disk): it is not copied on, and the new zip reads right with any unzip."""
    two_backups(existing, make)
    earlier = list_backups(existing / "backups")[0].path
    record = local_record(earlier, MONTH)
    flip(earlier, earlier.read_bytes().index(record) + 30)  # the name's first letter
    newest = make_backup(existing, existing / "backups")
    assert newest is not None
    with zipfile.ZipFile(newest) as zf:  # it would find the names differ
        assert zf.testzip() is None
    assert zip_contents(newest) == data_bytes(make.snapshot(existing))


def test_an_unchanged_member_with_a_damaged_chunk_table_is_packed_afresh(
    existing: Path, make
) -> None:
    """The table is not copied on either: the next backup packs the file again,
    with a table that reads."""
    two_backups(existing, make)
    earlier = list_backups(existing / "backups")[0].path
    with zipfile.ZipFile(earlier) as zf:
        extra = zf.getinfo(MONTH).extra
    stamp = 32  # the signature stamp comes first, the table after it
    flip(earlier, earlier.read_bytes().rindex(extra) + stamp + 8)  # its first entry
    newest = make_backup(existing, existing / "backups")
    assert newest is not None
    with zipfile.ZipFile(newest) as zf:
        assert _read_table(zf.getinfo(MONTH).extra)
        assert zf.testzip() is None
    assert zip_contents(newest) == data_bytes(make.snapshot(existing))


def test_a_zip_not_written_here_gives_nothing_to_take(existing: Path, make) -> None:
    """One renamed into the backups by hand, with a comment: every file is packed."""
    two_backups(existing, make)
    earlier = list_backups(existing / "backups")[0].path
    stranger = earlier.with_name("jobfutures-29990101T000000Z.zip")
    with zipfile.ZipFile(stranger, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in zip_contents(earlier).items():
            zf.writestr(name, data)
        zf.comment = b"made by hand"
    newest = make_backup(existing, existing / "backups")
    assert newest is not None
    assert zip_contents(newest) == data_bytes(make.snapshot(existing))
    with zipfile.ZipFile(newest) as zf:
        assert zf.testzip() is None
