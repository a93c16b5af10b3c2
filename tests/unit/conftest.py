"""Fixtures for the model and store tests: real files under tmp_path, no mocks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

from jobfutures_tui.models import Company, Prospect, Touch
from jobfutures_tui.store import Repository
from jobfutures_tui.store.datafiles import DataFiles

NOW = pendulum.datetime(2026, 3, 10, 12, 0, tz="UTC")
"""The moment time is frozen at, when a test needs a known 'now'."""


@pytest.fixture
def frozen() -> Iterator[pendulum.DateTime]:
    with pendulum.travel_to(NOW, freeze=True):
        yield NOW


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A data folder that does not exist yet, as on a first run."""
    return tmp_path / "data"


@pytest.fixture
def open_repo() -> Iterator[Callable[..., Repository]]:
    """Open a repository that is closed at the end of the test whatever happens."""
    opened: list[Repository] = []

    def _open(folder: Path, **options: Any) -> Repository:
        repo = Repository.open(folder, **options)
        opened.append(repo)
        return repo

    yield _open
    for repo in reversed(opened):
        try:
            repo.close()
        except Exception:
            repo._lock.release()


def company(name: str = "Northwind Logistics", **fields: Any) -> Company:
    return Company(name=name, **fields)


def prospect(of: Company, **fields: Any) -> Prospect:
    return Prospect(company_id=of.id, role="Staff Data Engineer", **fields)


def touch(of: Prospect, at: pendulum.DateTime, **fields: Any) -> Touch:
    fields.setdefault("channel", "email")
    return Touch(prospect_id=of.id, at=at, **fields)


def futures(folder: Path, count: int) -> list[Prospect]:
    """``count`` job futures, each at a company of its own, saved in ``folder``."""
    companies = [Company(name=f"Company {n}") for n in range(count)]
    saved = [Prospect(company_id=c.id, role=f"Role {n}") for n, c in enumerate(companies)]
    with Repository.open(folder) as repo:
        repo.save(*companies, *saved)
    return saved


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime of every file under ``folder`` except the lock file."""
    return {
        str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "jobfutures.lock"
    }


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.jf-tmp"))


@pytest.fixture
def make() -> Any:
    """Record factories, so test modules need not import conftest."""

    class Make:
        company = staticmethod(company)
        prospect = staticmethod(prospect)
        touch = staticmethod(touch)
        futures = staticmethod(futures)
        snapshot = staticmethod(snapshot)
        temp_files = staticmethod(temp_files)
        now = NOW

    return Make


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files parsed whole from now on."""
    names: list[str] = []
    original = DataFiles.parse

    def spy(self: DataFiles, name: str):  # type: ignore[no-untyped-def]
        names.append(name)
        return original(self, name)

    monkeypatch.setattr(DataFiles, "parse", spy)
    return names
