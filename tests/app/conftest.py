"""Fixtures for driving the real app on a real store with Pilot."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import textual.screen
from pilot_helpers import record_notifications
from textual.widgets import Input, TextArea
from textual_internals import quick_idle_checks

from jobfutures_tui.parsed_css import ParsedCss
from jobfutures_tui.store import BackgroundWriter, Repository
from jobfutures_tui.widgets.textual_internals import parsing_through

_CSS_PARSED_IN_THIS_WORKER = ParsedCss(Path(os.devnull), None, {})
"""Rules parsed by any test of this process, never written anywhere."""
FRAME_PERIOD = 0.1
"""Seconds between the screen's paints in the app tests (Textual's: 1/60)."""


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
def _css_parsed_once(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each app parses Textual's and our CSS afresh: about 50 ms of the 0.3 s an app
    takes to open and quit, in each of some two hundred tests. Parsed once per worker
    instead, through the same hook the app uses to keep them between runs
    (jobfutures_tui/parsed_css.py); test_parsed_css.py opts out, as it counts parses."""
    if request.node.get_closest_marker("parses_css"):
        yield
        return
    with parsing_through(_CSS_PARSED_IN_THIS_WORKER.rules):
        yield


@pytest.fixture(autouse=True)
def _fewer_frames(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual paints what changed up to 60 times a second: a test typing a word paints
    after every key. Every tenth of a second instead, a word's keys share a frame, and
    Pilot's pause still paints at once before a test reads the screen. A fifth less CPU
    for the app tests (tests/app/test_person_details.py, test_scripts.py, test_board.py:
    47 s -> 37 s), and nothing a test checks is left unpainted."""
    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", FRAME_PERIOD)


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
