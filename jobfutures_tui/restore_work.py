"""Restore a backup, check the data, repair it: the shell's own work
(``exchange.actions``) on the app's workers, each asked in a review dialog first.

A restore or a repair replaces all the data: every key is held back while it
runs, the folder is closed, replaced (after a backup) and opened again, and the
app carries on with new main screens over it and an empty undo history.
Workers report with messages (``messages``) to the dialog that waits for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on

from jobfutures_tui.messages import DataChecked, ReadFailed, ReplaceRefused, RestoreChecked
from jobfutures_tui.modals.saving import Saving
from jobfutures_tui.store import BackgroundWriter, ReadOnly, Repository, SaveFailed, StoreError
from jobfutures_tui.ui_services import data_host, services

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from jobfutures_tui.exchange.restore import Snapshot
    from jobfutures_tui.modals.restore import RestoreSource

Act = Callable[[], tuple[Repository, str]]
"""Closes the repository, restores or repairs, and opens the folder again: the
repository and what to say."""


def restore(app: App[Any]) -> None:
    """Choose a backup (or a file), check it whole, ask, then replace all the data."""
    from jobfutures_tui.exchange.backup import automatic_backups
    from jobfutures_tui.modals.restore import RestorePicker

    if not _may_replace(app):
        return
    repo = services(app).repo
    backups = automatic_backups(repo.folder)  # a folder listing: names and sizes

    def chosen(source: RestoreSource | None) -> None:
        if source is not None:
            review_restore(app, source)

    app.push_screen(RestorePicker(backups, repo.backups_folder), chosen)


def _may_replace(app: App[Any], doing: str = "replacing") -> bool:
    read_only = services(app).repo.read_only
    if read_only:
        app.notify(read_only_refusal(doing), severity="warning", markup=False)
    return not read_only


def read_only_refusal(doing: str) -> str:
    return f"This data is open read-only: {doing} it needs jobfutures opened without --read-only."


def review_restore(app: App[Any], source: RestoreSource) -> None:
    """Check the file on a worker while the review waits, then ask (no by default)."""
    from jobfutures_tui.modals.restore import RestoreReview

    if not _may_replace(app):
        return
    review = RestoreReview(source)

    def answered(yes: bool | None) -> None:
        if yes and review.snapshot is not None:
            _restore(app, review.snapshot, source.label)

    app.push_screen(review, answered)
    repo = services(app).repo

    def work() -> None:
        from jobfutures_tui.exchange.actions import check_restore
        from jobfutures_tui.exchange.errors import ExchangeError
        from jobfutures_tui.exchange.restore import counts_of, counts_summary

        try:
            snapshot = check_restore(source.path, json_export=source.json_export)
            current = counts_summary(counts_of(repo))
        except (OSError, ValueError, ExchangeError, StoreError) as error:
            review.post_message(ReadFailed(str(error)))
            return
        review.post_message(RestoreChecked(snapshot, current))

    app.run_worker(work, thread=True, exclusive=True, group="restore")


def check_data(app: App[Any]) -> None:
    """``jobfutures check`` on a worker, its report in a dialog; ``y`` repairs."""
    from jobfutures_tui.modals.check import CheckReport

    repo = services(app).repo
    refusal = read_only_refusal("repairing") if repo.read_only else ""
    report = CheckReport(repo.folder, no_repair=refusal)

    def answered(yes: bool | None) -> None:
        if yes:
            _repair(app)

    app.push_screen(report, answered)

    def work() -> None:
        from jobfutures_tui.exchange.actions import check_now
        from jobfutures_tui.exchange.errors import ExchangeError

        try:
            found = check_now(repo)
        except (OSError, ExchangeError, StoreError, TimeoutError) as error:
            report.post_message(ReadFailed(str(error)))
            return
        report.post_message(DataChecked(found))

    app.run_worker(work, thread=True, exclusive=True, group="check")


def _restore(app: App[Any], snapshot: Snapshot, label: str) -> None:
    """The shell's restore (a backup of the data first), then the app starts over on it."""
    from jobfutures_tui.exchange.actions import restore_open

    old = services(app).repo

    def act() -> tuple[Repository, str]:
        repo, backup = restore_open(old, snapshot, new_writer=BackgroundWriter)
        return repo, f"Restored {label}: {snapshot.summary()}.\n" + (
            f"Your data as it was before is in {backup}; restore it the same way to go back."
            if backup is not None
            else "There was no data before, so nothing needed a backup."
        )

    replace_data(app, "Restoring", "restored", act)


def _repair(app: App[Any]) -> None:
    """The shell's repair (a backup of the data first), then the app starts over on it."""
    from jobfutures_tui.exchange.actions import repair_open
    from jobfutures_tui.exchange.check import check_folder

    if not _may_replace(app, "repairing"):
        return
    old = services(app).repo

    def act() -> tuple[Repository, str]:
        repo, repaired = repair_open(old, new_writer=BackgroundWriter)
        after = check_folder(repo.folder)
        again = "no problems left." if after.ok else "Check the data lists what is left."
        back = "To go back, restore that backup (Restore a backup… in the palette)."
        return repo, "\n".join([*repaired.lines(), back, f"Checked again: {again}"])

    replace_data(app, "Repairing", "repaired", act)


class Replacing(Saving):
    """Shown while the data is replaced; holds back every key. If the work stops
    before changing anything (:class:`ReplaceRefused`), it closes and says so."""

    @on(ReplaceRefused)
    def _refused(self, message: ReplaceRefused) -> None:
        services(self.app).replacing = False
        self.app.pop_screen()  # this notice
        self.app.notify(
            f"{message.problem}\nNothing was {message.done}: your data is as it was.",
            title=f"Not {message.done}",
            severity="error",
            timeout=10,
            markup=False,
        )


Then = Callable[[Repository, "Screen[Any]"], Awaitable[None]]
"""What to do once the data is opened again, over it and the new board."""


def replace_data(
    app: App[Any], doing: str, done: str, act: Act, *, then: Then | None = None
) -> None:
    """Hold back every key, stop the background check, and run ``act`` on a worker;
    ``then`` once the app carries on over the new data (else the board is on top)."""
    services(app).replacing = True
    app.workers.cancel_group(app, "verify")
    notice = Replacing(f"{doing}… (your data is backed up first)")
    app.push_screen(notice)

    def work() -> None:
        """The app carries on with the repository ``act`` opened again, whether it did
        its work or failed after the folder was closed."""
        from jobfutures_tui.exchange.actions import NotDone

        title = done.capitalize()
        severity: SeverityLevel = "information"
        try:
            repo, message = act()
        except (SaveFailed, TimeoutError, ReadOnly) as error:  # the data is as it was
            said = error.in_memory if isinstance(error, SaveFailed) else str(error)
            notice.post_message(ReplaceRefused(done, said))  # the app's changes are still held
            return
        except NotDone as error:
            repo, message, title, severity = error.repo, str(error), f"Not {done}", "error"
        except StoreError as error:  # the folder cannot be opened again
            gone = Text(f"jobfutures: {done}, but the data cannot be opened again: {error}")
            app.call_from_thread(app.exit, return_code=1, message=gone)
            return
        start_over: Callable[[], Awaitable[None] | None] = partial(
            _start_over, app, repo, message, title, severity, then
        )
        # Waits until the screens are drawn anew: the worker ends with the work.
        app.call_from_thread(start_over)

    # Not exclusive: checking another file must not stop it.
    app.run_worker(work, thread=True, group="replace")


async def _start_over(
    app: App[Any],
    repo: Repository,
    message: str,
    title: str,
    severity: SeverityLevel,
    then: Then | None = None,
) -> None:
    """Carry on with the repository opened again: new main screens over it, the board
    on top, and an empty undo history (a restore or a repair is not undoable: its
    backup is)."""
    host = data_host(app)
    screens = host.carry_on_with(repo)
    while len(app.screen_stack) > 2:  # the Restoring/Repairing notice, a story, any dialog
        await app.pop_screen()
    await app.switch_screen(screens["board"])  # the screen below leaves the stack
    old = [app.get_screen(name) for name in (*screens, "detail") if app.is_screen_installed(name)]
    for screen in old:
        app.uninstall_screen(screen)
    for name, screen in screens.items():
        app.install_screen(screen, name)
    for screen in old:
        if screen.is_mounted:
            await screen.remove()
    if then is not None:
        await then(repo, screens["board"])
    host.replacing = False
    app.notify(message, title=title, severity=severity, timeout=12, markup=False)
    host.verify_after_first_frame()
