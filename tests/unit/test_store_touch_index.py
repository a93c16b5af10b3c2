"""Opening reads the derived index of newest touches, never a stale one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.models import Channel
from jobfutures_tui.store import Repository
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.touch_index import INDEX_NAME

JAN = pendulum.datetime(2026, 1, 5, 9, tz="UTC")
FEB = pendulum.datetime(2026, 2, 5, 9, tz="UTC")


@pytest.fixture
def history(folder: Path, make) -> dict:
    acme = make.company("Acme")
    future = make.prospect(acme)
    old = make.touch(future, JAN, channel="call")
    new = make.touch(future, FEB, channel="email")
    with Repository.open(folder) as repo:
        repo.save(acme, future, old, new)
    return {"prospect": future, "old": old, "new": new}


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files parsed from now on."""
    names: list[str] = []
    original = DataFiles.parse

    def spy(self: DataFiles, name: str):  # type: ignore[no-untyped-def]
        names.append(name)
        return original(self, name)

    monkeypatch.setattr(DataFiles, "parse", spy)
    return names


def touch_files(names: list[str]) -> list[str]:
    return [name for name in names if name.startswith("touches/")]


def test_a_fresh_index_spares_opening_the_months(folder: Path, history: dict, parsed) -> None:
    assert (folder / INDEX_NAME).is_file()
    assert oct(os.stat(folder / INDEX_NAME).st_mode & 0o777) == "0o600"
    with Repository.open(folder, verify=False) as repo:
        last = repo.last_touch(history["prospect"].id)
        assert (last.touch_id, last.at, last.channel) == (history["new"].id, FEB, Channel.EMAIL)
        assert touch_files(parsed) == [], "the board's summary came from the index"
        assert repo.touches_for(history["prospect"].id) == [history["new"], history["old"]]
        assert touch_files(parsed) == ["touches/2026-01.json", "touches/2026-02.json"]


def test_changes_made_this_session_update_the_index(folder: Path, history: dict, make) -> None:
    later = make.touch(history["prospect"], FEB.add(days=3), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        repo.save(later)
        assert repo.last_touch(history["prospect"].id).channel is Channel.LETTER
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == later.id
        repo.delete(later)
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id


def test_a_month_changed_behind_the_index_is_read_again(
    folder: Path, history: dict, parsed
) -> None:
    month = folder / "touches/2026-02.json"
    month.write_bytes(month.read_bytes().replace(b'"email"', b'"text"'))
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).channel is Channel.TEXT
    assert "touches/2026-02.json" in parsed


def test_a_missing_or_garbled_index_is_rebuilt(folder: Path, history: dict) -> None:
    (folder / INDEX_NAME).unlink()
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id
    assert (folder / INDEX_NAME).is_file(), "rebuilt at close"
    (folder / INDEX_NAME).write_bytes(b"{not json")
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id


def test_a_crash_after_logging_a_touch_never_shows_a_stale_summary(
    folder: Path, history: dict
) -> None:
    """Killed before close: the index is old, the month file is new; the file wins."""
    prospect_id = history["prospect"].id
    script = textwrap.dedent(
        f"""
        import os, signal, sys, pendulum
        from jobfutures_tui.models import Touch
        from jobfutures_tui.store import Repository
        repo = Repository.open(sys.argv[1])
        repo.save(Touch.new(prospect_id={prospect_id!r}, channel="in-person",
                            at=pendulum.datetime(2026, 2, 20, 9, tz="UTC")))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script, str(folder)], check=False)
    assert result.returncode == -signal.SIGKILL
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(prospect_id).channel is Channel.IN_PERSON
