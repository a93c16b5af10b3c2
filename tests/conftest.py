"""Fixtures shared by every test: isolation from the user's real data and config."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
import thoroughness  # noqa: F401  (Hypothesis' profile, before any test module)

# Each worker imports and rewrites the assertions of some 250 test modules and
# compiles the app: 8-10 s of CPU per worker where none of it is kept, as on a machine
# that sets PYTHONDONTWRITEBYTECODE. Kept in __pycache__ (Python's and pytest's own
# caches, written atomically), the workers after the first and every later run read it.
sys.dont_write_bytecode = False

# The suite runs hundreds of Textual apps in a few processes: with the default
# thresholds the collector ran every 700 allocations over a heap of widgets and
# took about a third of the app tests' CPU (tests/app/test_board.py and
# test_scripts.py: 24 s of CPU, 17 s with these). Collections still run, less often.
gc.set_threshold(50_000, 50, 100)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may read or write the real user data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("JOBFUTURES_DATA", raising=False)
    monkeypatch.setenv("JOBFUTURES_CONFIG", str(home / ".config" / "jobfutures" / "config.toml"))
    from jobfutures_tui import settings

    settings.forget()


@pytest.fixture(autouse=True)
def _short_sync_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    """A data file the manifest lists is waited for a moment (a sync tool may be
    putting it back): the tests of missing files need not wait the full 2 s."""
    from jobfutures_tui.store import opening

    monkeypatch.setattr(opening, "SYNC_GRACE", 0.05)


SHELL_DAY = pendulum.date(2026, 11, 23)
"""The Monday the shell commands' tests are frozen on (each module's ``NOW``)."""


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo data as of :data:`SHELL_DAY` (a module may define its own)."""
    from jobfutures_tui.demo import populate
    from jobfutures_tui.store import Repository

    folder = tmp_path / "demo"
    with Repository.open(folder) as repo:
        populate(repo, today=SHELL_DAY)
    return folder


def pytest_sessionfinish(session: pytest.Session) -> None:
    """With the thresholds above, a worker ends holding the garbage of a few hundred
    apps, and pytest's last sweep for unraisable exceptions collected it five times:
    7-10 s per worker at the end of every run (xdist sometimes interrupted it), a
    sixth of the suite's time. Frozen, it is left to the process's exit: only a finalizer
    failing in that last garbage goes unreported (garbage collected during the run still
    reports its own)."""
    gc.freeze()


@pytest.fixture(autouse=True)
def _unfreeze_collector() -> Iterator[None]:
    """Opening a store freezes what is loaded out of GC (right for one long app run);
    across hundreds of tests that would keep every earlier test's cycles alive."""
    yield
    gc.unfreeze()
