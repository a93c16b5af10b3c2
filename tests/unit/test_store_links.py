"""Data files and folders that are symbolic links (people keep their data in Dropbox):
followed and kept. A change and a restore replace the file the link points to, and
the link stays a link; a link to nothing is refused by name (docs/storage.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobfutures_tui.exchange.backup import backup_to
from jobfutures_tui.exchange.check import check_folder
from jobfutures_tui.exchange.restore import install, read_backup
from jobfutures_tui.models import Company
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.store.files import TEMP_SUFFIX


def linked_away(folder: Path, name: str, elsewhere: Path) -> Path:
    """Move ``folder/name`` into ``elsewhere`` and leave a link to it in its place."""
    elsewhere.mkdir(exist_ok=True)
    target = elsewhere / name
    (folder / name).rename(target)
    (folder / name).symlink_to(target)
    return target


def names(repo: Repository) -> list[str]:
    return sorted(c.name for c in repo.companies())


def test_a_linked_data_file_stays_a_link_through_a_change_and_a_restore(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save(Company(name="Acme"))
    target = linked_away(folder, "companies.json", tmp_path / "Dropbox")
    saved = backup_to(folder, tmp_path / "saved.zip")

    with Repository.open(folder) as repo:
        repo.save(Company(name="Contoso"))
    link = folder / "companies.json"
    assert link.is_symlink() and link.resolve() == target
    assert b"Contoso" in target.read_bytes()
    assert check_folder(folder).ok

    install(folder, read_backup(saved))
    assert link.is_symlink() and link.resolve() == target
    assert b"Contoso" not in target.read_bytes() and b"Acme" in target.read_bytes()
    with Repository.open(folder, read_only=True) as repo:
        assert names(repo) == ["Acme"]
    assert sorted(os.listdir(target.parent)) == ["companies.json"], "no temporary file left"


def test_a_linked_data_folder_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "Dropbox" / "jobfutures"
    with Repository.open(real) as repo:
        repo.save(Company(name="Acme"))
    folder = tmp_path / "data"
    folder.symlink_to(real, target_is_directory=True)
    saved = backup_to(folder, tmp_path / "saved.zip")

    with Repository.open(folder) as repo:
        repo.save(Company(name="Contoso"))
    install(folder, read_backup(saved))
    with Repository.open(folder) as repo:
        assert names(repo) == ["Acme"]
        repo.save(Company(name="Northwind"))
    assert folder.is_symlink()
    with Repository.open(real, read_only=True) as repo:
        assert names(repo) == ["Acme", "Northwind"]


def test_a_link_to_nothing_is_refused_by_name_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save(Company(name="Acme"))
    target = linked_away(folder, "companies.json", tmp_path / "Dropbox")
    target.unlink()  # the sync folder is not there
    before = sorted(p.name for p in folder.iterdir())
    for read_only in (False, True):
        with pytest.raises(DataRefused) as refused:
            Repository.open(folder, read_only=read_only)
        assert str(refused.value) == (
            f"Cannot open {folder / 'companies.json'}: it is a link to {target}, which is not "
            "there (a disk or a synced folder that is not available?).\nNothing was changed. "
            f"Backups are in {folder / 'backups'}."
        )
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (folder / "companies.json").is_symlink()


def test_a_data_folder_linked_to_nothing_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.symlink_to(tmp_path / "gone", target_is_directory=True)
    with pytest.raises(DataRefused, match=r"it is a link to .*gone, which is not there"):
        Repository.open(folder)
    assert folder.is_symlink() and not (tmp_path / "gone").exists()


def test_a_temporary_file_left_beside_a_links_target_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save(Company(name="Acme"))
    target = linked_away(folder, "companies.json", tmp_path / "Dropbox")
    leftover = target.parent / f".companies.json.x1y2{TEMP_SUFFIX}"
    theirs = target.parent / f".notes.txt.x1y2{TEMP_SUFFIX}"
    leftover.write_bytes(b"half")
    theirs.write_bytes(b"not ours")
    Repository.open(folder).close()
    assert not leftover.exists() and theirs.exists(), "only the linked file's own"
