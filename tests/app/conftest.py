"""Fixtures for driving the real app on a real store with Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pilot_helpers import record_notifications
from textual.widgets import Input, TextArea
from textual_internals import quick_idle_checks

from jobfutures_tui.store import BackgroundWriter, Repository


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screens differ from one frame to the next."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def repo(data_dir: Path) -> Iterator[Repository]:
    repository = Repository.open(data_dir, writer=BackgroundWriter(), verify=False, streamed=True)
    yield repository
    repository.close()


@pytest.fixture(autouse=True)
def _quick_idle_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    quick_idle_checks(monkeypatch)


@pytest.fixture(autouse=True)
def _notifications_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    record_notifications(monkeypatch)


@pytest.fixture
def demo(data_dir: Path) -> Iterator[Repository]:
    """The sample data (``demo.populate``), as ``jobfutures --demo`` opens it."""
    from jobfutures_tui.demo import populate

    with Repository.open(data_dir) as seed:
        populate(seed)
    repository = Repository.open(data_dir, writer=BackgroundWriter(), verify=False, streamed=True)
    yield repository
    repository.close()
