"""Files from the palette and a story: export everything, back up now, a story as
Markdown, and import a file (its dry run with a progress bar, then yes or no).

The reading and writing are the shell's (``exchange.actions``), run on the app's
workers. A worker reports with a message (``messages``) to the screen or dialog
that waits for it; it never calls a method of one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum
from textual.screen import Screen

from jobfutures_tui import settings
from jobfutures_tui.messages import (
    FilesWritten,
    ImportPlanned,
    ImportReady,
    MarkdownWritten,
    ReadFailed,
    ReadProgress,
    WorkFailed,
)
from jobfutures_tui.store import Repository, StoreError
from jobfutures_tui.store.files import ensure_folder
from jobfutures_tui.ui_services import MainScreen, services

if TYPE_CHECKING:
    from textual.app import App

    from jobfutures_tui.exchange.plan import ImportPlan
    from jobfutures_tui.modals.import_file import ImportReview

PROGRESS_STEP = 100
"""Rows read between two redraws of the import's progress bar."""


def exports_folder() -> Path:
    """Where the palette's exports and backups go: the settings' exports folder, else
    ``~/jobfutures-exports`` (easy to find, outside the data folder)."""
    return settings.current().settings.exports()


def main_screen(app: App[Any]) -> Screen[Any]:
    """The main screen under any dialogs: it shows what a worker reports when no
    dialog waits for it."""
    mains = [screen for screen in app.screen_stack if isinstance(screen, MainScreen)]
    return mains[-1] if mains else app.screen


def export_everything(app: App[Any]) -> None:
    """The same export as ``jobfutures export``, off the UI thread."""
    from jobfutures_tui.exchange.actions import export_all

    repo, to = services(app).repo, main_screen(app)
    folder = exports_folder() / pendulum.now().format("YYYY-MM-DD_HHmmss")
    _write_on_worker(app, "Exported", folder, lambda: export_all(repo, folder), to)


def back_up_now(app: App[Any]) -> None:
    from jobfutures_tui.exchange.actions import backup_now

    repo, to = services(app).repo, main_screen(app)
    folder = exports_folder()
    _write_on_worker(app, "Backed up", folder, lambda: [backup_now(repo, folder)], to)


def export_markdown(app: App[Any], prospect_id: str) -> None:
    """One job future as Markdown, as ``jobfutures export markdown``, for preparing a
    call: a file named after the company and the day, and the clipboard."""
    from jobfutures_tui.exchange.actions import export_prospect_markdown

    repo, to = services(app).repo, main_screen(app)
    folder = exports_folder()

    def work() -> None:
        written = _write(lambda: [export_prospect_markdown(repo, prospect_id, folder)], folder, to)
        if written:
            to.post_message(MarkdownWritten(written[0], written[0].read_text(encoding="utf-8")))

    app.run_worker(work, thread=True, exclusive=True, group="export")


def _write_on_worker(
    app: App[Any], verb: str, where: Path, write: Callable[[], list[Path]], to: Screen[Any]
) -> None:
    def work() -> None:
        files = _write(write, where, to)
        if files is not None:
            to.post_message(FilesWritten(verb, where, files))

    app.run_worker(work, thread=True, exclusive=True, group="export")


def _write(write: Callable[[], list[Path]], where: Path, to: Screen[Any]) -> list[Path] | None:
    """Run ``write`` on the worker, into ``where``; a failure is shown and gives None."""
    from jobfutures_tui.exchange.errors import ExchangeError

    try:
        ensure_folder(where)
        return write()
    except (OSError, ValueError, ExchangeError, StoreError) as error:
        to.post_message(WorkFailed("Not written", str(error)))
        return None


# ------------------------------------------------------------ importing


def import_file(app: App[Any]) -> None:
    """Ask for a file, read it on a worker with a progress bar, then ask before saving."""
    from jobfutures_tui.modals.import_file import REPLACE, ImportChoice, ImportReview, import_form
    from jobfutures_tui.modals.restore import RestoreSource
    from jobfutures_tui.restore_work import review_restore

    def chosen(choice: ImportChoice | None) -> None:
        if choice is None:
            return
        kind, path = choice.kind, choice.path
        if kind == REPLACE:
            review_restore(app, RestoreSource(path, f"the export in {path}", json_export=True))
            return
        review = ImportReview(path)

        def answered(yes: bool | None) -> None:
            if yes and review.plan is not None:
                _apply_import(app, review.plan, path.name)

        app.push_screen(review, answered)
        _plan_import(app, kind, path, review, since=choice.since)

    app.push_screen(import_form(), chosen)


def _plan_import(
    app: App[Any], kind: str, path: Path, review: ImportReview, *, since: Any = None
) -> None:
    from jobfutures_tui.exchange.actions import plan_import
    from jobfutures_tui.exchange.errors import ExchangeError

    repo = services(app).repo

    def work() -> None:
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            if done - shown >= PROGRESS_STEP or done == total:
                shown = done
                review.post_message(ReadProgress(done, total))

        try:
            plan = plan_import(repo, kind, path, progress, since=since)
        except (OSError, ValueError, ExchangeError, StoreError) as error:
            review.post_message(ReadFailed(str(error)))
            return
        review.post_message(ImportPlanned(plan))

    app.run_worker(work, thread=True, exclusive=True, group="import")


def _apply_import(app: App[Any], plan: ImportPlan, name: str) -> None:
    """A backup first (as the shell does), then one undoable change."""
    from jobfutures_tui.exchange.safety import backup_first

    repo: Repository = services(app).repo
    to = main_screen(app)

    def work() -> None:
        try:
            backup_first(repo)
        except (OSError, StoreError) as error:
            to.post_message(WorkFailed("Not imported", str(error)))
            return
        to.post_message(ImportReady(plan.change(name)))

    app.run_worker(work, thread=True, exclusive=True, group="import")
