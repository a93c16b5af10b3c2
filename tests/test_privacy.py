"""Every folder jobfutures creates is the user's alone (0700), parents included, and
every file it writes outside the data folder too (0600): exports and backups name
the people the user talks to. A folder that was already there keeps its mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from shell import jf

from jobfutures_tui.store.files import ensure_folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask (022): without our care, folders would be 0755, files 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def made_below(top: Path, leaf: Path) -> list[Path]:
    """``leaf`` and every folder between it and ``top`` (which existed before)."""
    return [leaf, *[parent for parent in leaf.parents if top in parent.parents]]


def test_every_folder_and_file_a_command_creates_is_private(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, open_umask: None
) -> None:
    os.chmod(tmp_path, 0o755)
    data = tmp_path / "new" / "data"
    assert jf(capsys, data, "add", "Contoso", "--person", "Ana Ruiz")[0] == 0
    out = tmp_path / "out"
    runs = [
        ("export", "json", "-o", str(out / "json" / "all.json")),
        ("export", "csv", str(out / "csv" / "tables")),
        ("export", "ics", "-o", str(out / "ics" / "due.ics")),
        ("export", "ics", "--keep", str(out / "calendar" / "kept.ics")),
        ("export", "markdown", "Contoso", "-o", str(out / "md" / "contoso.md")),
        ("backup", str(out / "backups" / "one.zip")),
        ("restore", str(out / "backups" / "one.zip"), "--apply"),
        ("due", "--brief"),
        ("config", "set", "daily_budget", "4"),
    ]
    for args in runs:
        code, _, err = jf(capsys, data, *args)
        assert code == 0, (args, err)

    home = Path.home()
    folders = [
        *made_below(tmp_path, data),
        data / "backups",
        *made_below(tmp_path, out / "json"),
        *made_below(tmp_path, out / "csv" / "tables"),
        out / "ics",
        out / "calendar",
        out / "md",
        out / "backups",
        *made_below(home, home / ".cache" / "jobfutures" / "brief"),
        *made_below(home, home / ".config" / "jobfutures"),
    ]
    wrong = {str(folder): oct(mode(folder)) for folder in folders if mode(folder) != 0o700}
    assert wrong == {}, "folders anyone could read"
    files = [
        out / "json" / "all.json",
        *(out / "csv" / "tables").iterdir(),
        out / "ics" / "due.ics",
        out / "calendar" / "kept.ics",
        out / "md" / "contoso.md",
        out / "backups" / "one.zip",
        *(home / ".cache" / "jobfutures" / "brief").iterdir(),
        home / ".config" / "jobfutures" / "config.toml",
        *(path for path in data.rglob("*") if path.is_file()),
    ]
    wrong = {str(file): oct(mode(file)) for file in files if mode(file) != 0o600}
    assert wrong == {}, "files anyone could read"
    assert mode(tmp_path) == 0o755, "a folder that was there is left as it was"


def test_a_folder_that_exists_keeps_its_mode(tmp_path: Path, open_umask: None) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir(mode=0o755)
    ensure_folder(documents)
    ensure_folder(documents / "jobfutures" / "2026")
    assert mode(documents) == 0o755
    assert mode(documents / "jobfutures") == mode(documents / "jobfutures" / "2026") == 0o700


def test_a_file_where_a_folder_should_be_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("not a folder")
    with pytest.raises(OSError):
        ensure_folder(tmp_path / "taken")
    with pytest.raises(OSError):
        ensure_folder(tmp_path / "taken" / "below")
