"""What every main screen shares: what it needs of the app, keeping up with
changes, and showing what a worker reports when no dialog waits for it."""

from __future__ import annotations

from textual import on
from textual.screen import Screen

from jobfutures_tui.messages import (
    DataChanged,
    FilesWritten,
    ImportReady,
    MarkdownWritten,
    WorkFailed,
)
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.ui_services import JobFutures, services


class AppScreen(Screen[None]):
    """A main screen over the repository.

    ``show_changes`` runs when the app says the data changed (:class:`DataChanged`)
    and when the screen comes back after it changed elsewhere (an undo, another
    screen's edit), so no screen shows stale data.
    """

    FOOTER_KEPT: tuple[str, ...] = ()
    """Ids of this screen's bindings the footer keeps longest when the window is narrow
    (widgets.key_footer); the others go from the last one declared."""

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self._seen_revision = -1  # the first showing draws

    @property
    def jf(self) -> JobFutures:
        """The app's saving, undo and navigation."""
        return services(self.app)

    def on_screen_resume(self) -> None:
        if self.repo.revision != self._seen_revision:
            self.data_changed()

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self.data_changed(message.select)

    def data_changed(self, select: str | None = None) -> None:
        """Redraw from the store; ``select`` a record when it is shown here."""
        self._seen_revision = self.repo.revision
        self.show_changes(select)

    def show_changes(self, select: str | None) -> None:
        """Subclasses redraw here."""

    def settings_changed(self) -> None:
        """The workdays or the daily budget changed: dates are worked out again when
        the screen next shows (or now, on a :class:`DataChanged`)."""
        self._seen_revision = -1

    def refuse(self, error: DataRefused) -> None:
        """Damaged data found while drawing or saving: the app stops before writing."""
        self.jf.refuse(error, self.repo)

    # ------------------------------------------------------------ what workers report
    # Plain text (markup=False): names and paths show as they are.

    @on(FilesWritten)
    def _files_written(self, message: FilesWritten) -> None:
        names = ", ".join(path.name for path in message.files)
        said = f"{message.verb} to {message.where}: {names}"
        self.app.notify(said, title=message.verb, timeout=8, markup=False)

    @on(MarkdownWritten)
    def _markdown_written(self, message: MarkdownWritten) -> None:
        self.app.copy_to_clipboard(message.text)
        said = f"Wrote {message.path}\nAlso copied to the clipboard (if the terminal allows)."
        self.app.notify(said, title="Markdown", timeout=8, markup=False)

    @on(WorkFailed)
    def _work_failed(self, message: WorkFailed) -> None:
        self.app.notify(message.problem, title=message.title, severity="error", markup=False)

    @on(ImportReady)
    def _import_ready(self, message: ImportReady) -> None:
        if self.jf.apply(message.change, note=False):
            said = f"{message.change.label} (u undoes)."
            self.app.notify(said, title="Imported", timeout=6, markup=False)
