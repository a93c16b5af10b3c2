"""The UI's modules know the app and the main screens by what they do
(jobfutures_tui/ui_services.py), so they import neither (tests/unit/test_layers.py)."""

from __future__ import annotations

from jobfutures_tui.modals.plan_list import PlanList
from jobfutures_tui.modals.shareables import ShareablesScreen
from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.detail import DetailScreen
from jobfutures_tui.ui_services import MainScreen


def test_the_main_screens_and_only_they_are_main_screens() -> None:
    """file_work.main_screen finds the screen that shows a worker's report by this."""
    for screen in (AppScreen, BoardScreen, DetailScreen):
        assert issubclass(screen, MainScreen), screen
    for dialog in (PlanList, ShareablesScreen):  # they redraw on a change, but are dialogs
        assert not issubclass(dialog, MainScreen), dialog
