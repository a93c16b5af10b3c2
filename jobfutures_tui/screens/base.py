"""What every main screen shares: typed access to the app, and keeping up with changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from jobfutures_tui.store import DataRefused, Repository

if TYPE_CHECKING:
    from jobfutures_tui.app import JobFuturesApp


class AppScreen(Screen[None]):
    """A main screen over the repository.

    ``show_changes`` runs when the screen comes back after the data changed
    elsewhere (an undo, another screen's edit), so no screen shows stale data.
    """

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self._seen_revision = -1  # the first showing draws

    @property
    def jf(self) -> JobFuturesApp:
        """The app, typed: screens call its save, undo and navigation methods."""
        return cast("JobFuturesApp", self.app)

    def on_screen_resume(self) -> None:
        if self.repo.revision != self._seen_revision:
            self.data_changed()

    def data_changed(self, select: str | None = None) -> None:
        """Redraw from the store; ``select`` a record when it is shown here."""
        self._seen_revision = self.repo.revision
        self.show_changes(select)

    def show_changes(self, select: str | None) -> None:
        """Subclasses redraw here."""

    def refuse(self, error: DataRefused) -> None:
        """Damaged data found while drawing or saving: the app stops before writing."""
        self.jf.refuse(error, self.repo)
