"""A main screen that lists records under a filter field: people, scripts."""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.record_list import RecordList


class FilteredListScreen(AppScreen):
    """Its filter field has the class ``list-filter``; ``/`` focuses it (the
    screen binds ``filter``), ``escape`` clears it, ``enter`` keeps it and
    gives the keys back to the :class:`RecordList`."""

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.query_text = ""

    def filter_changed(self) -> None:
        """Subclasses show the rows that match ``query_text``."""

    def action_filter(self) -> None:
        self.query_one(".list-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one(".list-filter", Input).value = ""
        self.query_one(RecordList).focus()

    @on(Input.Changed, ".list-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.filter_changed()

    @on(Input.Submitted, ".list-filter")
    def _filter_kept(self) -> None:
        self.query_one(RecordList).focus()
