"""The five main screens (1–5), over one repository.

Only the board is built at start, for the first frame: the others, and the
modules they import, wait until they are first shown (Textual builds a screen
installed as a function on its first ``get_screen``; docs/benchmarks.md, "First
frame in a terminal").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from textual.screen import Screen

from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository

MAIN_SCREENS = ("board", "today", "people", "scripts", "insights")


def main_screens(repo: Repository) -> dict[str, Screen[None]]:
    """Each main screen by name: the board built, the others as they will be built."""
    return {
        "board": BoardScreen(repo),
        "today": _later(repo, _today),
        "people": _later(repo, _people),
        "scripts": _later(repo, _scripts),
        "insights": _later(repo, _insights),
    }


def _later(repo: Repository, build: Callable[[Repository], AppScreen]) -> Screen[None]:
    # Textual's install_screen is typed for a screen, and takes a function that makes
    # one too (its SCREENS are such functions): get_screen calls it once.
    return cast("Screen[None]", lambda: build(repo))


def _today(repo: Repository) -> AppScreen:
    from jobfutures_tui.screens.today import TodayScreen

    return TodayScreen(repo)


def _people(repo: Repository) -> AppScreen:
    from jobfutures_tui.screens.people import PeopleScreen

    return PeopleScreen(repo)


def _scripts(repo: Repository) -> AppScreen:
    from jobfutures_tui.screens.scripts import ScriptsScreen

    return ScriptsScreen(repo)


def _insights(repo: Repository) -> AppScreen:
    from jobfutures_tui.screens.insights import InsightsScreen

    return InsightsScreen(repo)
