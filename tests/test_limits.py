"""Restore and import measure a file before reading it (exchange/limits.py): a zip
that explodes, or a file far bigger than any data, is refused at once with a
message naming it, its size and the limit; nothing changes and the memory stays
small."""

from __future__ import annotations

import io
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from bombs import MIB, zip_bomb
from shell import files_of, jf

from jobfutures_tui.exchange import limits
from jobfutures_tui.exchange.restore import load_snapshot

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    assert jf(capsys, folder, "add", "Contoso", "--person", "Ana Ruiz")[0] == 0
    return folder


def sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no room on disk (and no time to make)."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def test_a_zip_bomb_is_refused_at_once_with_little_memory(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    bomb = zip_bomb(tmp_path / "bomb.zip", "meta.json", mebibytes=1536)
    assert bomb.stat().st_size < 2 * MIB
    before = files_of(data)
    started = time.perf_counter()
    code, out, err = jf(capsys, data, "restore", str(bomb), "--apply")
    took = time.perf_counter() - started
    assert code == 1 and out == ""
    assert (
        f"{bomb} is too big to read: it unpacks to 1.5 GB, and jobfutures reads at most "
        "256.0 MB" in err
    )
    assert err.endswith("Nothing was changed.\n")
    assert "Traceback" not in err
    assert files_of(data) == before
    assert took < 1.0, f"refused in {took:.2f} s"

    tracemalloc.start()
    try:
        with pytest.raises(limits.TooBig):
            load_snapshot(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * MIB, f"peak {peak} bytes"


def test_a_member_packed_like_a_bomb_is_refused_under_the_limit(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    bomb = zip_bomb(tmp_path / "small-bomb.zip", "meta.json", mebibytes=8)
    code, _, err = jf(capsys, data, "restore", str(bomb), "--apply")
    assert code == 1
    assert f"{bomb} is not safe to read: meta.json unpacks to" in err
    assert "times its packed size (8.0 MB)" in err and "Nothing was changed." in err


def test_reading_stops_at_the_limit_whatever_the_zip_declared(tmp_path: Path) -> None:
    """The declared sizes are checked first, but they could lie: the bytes are counted too."""
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("people.json", os.urandom(3 * MIB))
    unpacked = io.BytesIO()
    with zipfile.ZipFile(path) as archive, pytest.raises(limits.TooBig, match="more than that"):
        limits.copy_member(archive, archive.infolist()[0], unpacked, limits.Budget(path, 1 * MIB))
    assert len(unpacked.getvalue()) <= 1 * MIB


def test_plain_files_are_measured_before_they_are_read(
    capsys: pytest.CaptureFixture[str], data: Path, tmp_path: Path
) -> None:
    before = files_of(data)
    big_csv = sparse(tmp_path / "contacts.csv", limits.CONTACTS_LIMIT + 1)
    big_json = sparse(tmp_path / "export.json", limits.DATA_LIMIT + 1)
    for args, size, limit in [
        (("import", "csv", str(big_csv), "--apply"), "200.0 MB", "200.0 MB"),
        (("import", "vcard", str(big_csv), "--apply"), "200.0 MB", "200.0 MB"),
        (("import", "json", str(big_json), "--merge", "--apply"), "256.0 MB", "256.0 MB"),
        (("import", "json", str(big_json), "--replace", "--apply"), "256.0 MB", "256.0 MB"),
        (("restore", str(big_json), "--apply"), "256.0 MB", "256.0 MB"),
    ]:
        code, _, err = jf(capsys, data, *args)
        assert code == 1, args
        assert f"is too big to read: it is {size}, and jobfutures reads at most {limit}" in err
        assert f"{tmp_path}/" in err and "Nothing was changed." in err
    assert files_of(data) == before


def test_a_file_without_a_size_is_cut_at_the_limit() -> None:
    """A pipe or a device says 0 bytes; reading stops at the limit all the same."""
    with pytest.raises(limits.TooBig, match="/dev/zero is too big"):
        limits.read_file(Path("/dev/zero"), 1 * MIB)


def test_linkedin_s_zip_is_read_for_its_connections_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "Basic_LinkedInDataExport_11-23-2026.zip"
    with zipfile.ZipFile(export, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages.csv", "FROM,TO\n")
        archive.write(FIXTURES / "linkedin_connections.csv", "Connections.csv")
    code, out, _ = jf(capsys, tmp_path / "data", "import", "linkedin", str(export))
    assert code == 0 and "New: 4 companies, 5 people" in out

    bomb = zip_bomb(tmp_path / "linkedin-bomb.zip", "Connections.csv", mebibytes=300)
    code, _, err = jf(capsys, tmp_path / "data", "import", "linkedin", str(bomb))
    assert code == 1 and "it unpacks to 300.0 MB" in err and "at most 200.0 MB" in err
