"""One writer per data folder; readers may look while it writes; a crash frees the lock."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jobfutures_tui.models import revise
from jobfutures_tui.store import DataLocked, DataRefused, ReadOnly, Repository

ROOT = Path(__file__).resolve().parents[2]

HOLDER = r"""
import sys
import time
from pathlib import Path

from jobfutures_tui.store import Repository

repo = Repository.open(Path(sys.argv[1]))
print("ready", flush=True)
time.sleep(60)
"""


def test_a_second_writer_in_the_same_process_is_refused(folder: Path, open_repo) -> None:
    first = open_repo(folder)
    with pytest.raises(DataLocked) as caught:
        Repository.open(folder)
    assert caught.value.folder == folder
    assert str(folder) in str(caught.value)
    assert "read-only" in str(caught.value)
    first.close()
    open_repo(folder).close()


def test_the_lock_is_released_when_opening_is_refused(folder: Path, open_repo) -> None:
    open_repo(folder).close()
    (folder / "meta.json").write_text('{"app": "jobfutures", "schema_version": 999}')
    for _ in range(2):
        with pytest.raises(DataRefused):
            Repository.open(folder)
    (folder / "meta.json").write_text('{"app": "jobfutures", "schema_version": 1}')
    open_repo(folder)


def test_another_process_holds_the_lock_until_it_is_killed(folder: Path, open_repo, make) -> None:
    with open_repo(folder) as repo:
        acme = make.company("Acme")
        repo.save(acme)
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            line = holder.stdout.readline().strip()
            assert line == "ready", holder.communicate(timeout=10)[1]
            with pytest.raises(DataLocked, match=re.escape(str(folder))):
                Repository.open(folder)

            # A reader may look while the holder writes, and cannot change anything.
            before = make.snapshot(folder)
            reader = open_repo(folder, read_only=True)
            assert reader.read_only
            assert reader.companies() == [acme]
            with pytest.raises(ReadOnly, match="read-only"):
                reader.save(revise(acme, name="Acme Corp"))
            with pytest.raises(ReadOnly):
                reader.delete(acme)
            assert reader.company(acme.id) == acme
            reader.close()
            assert make.snapshot(folder) == before
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=10)
    assert holder.returncode == -signal.SIGKILL
    # The kernel released the dead holder's lock: no stale lock file to clean up.
    assert open_repo(folder).companies() == [acme]


def test_read_only_needs_existing_data(folder: Path) -> None:
    with pytest.raises(DataRefused, match="there is no jobfutures data here"):
        Repository.open(folder, read_only=True)
    assert not folder.exists()
