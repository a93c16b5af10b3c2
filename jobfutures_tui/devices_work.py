"""Another computer changed the data through a sync folder: say so, and open it again.

The store merges such a change into the next commit, so nothing is written over
(store/devices.py); this keeps the screens true in between. Every few seconds a
worker asks the repository which files moved under it (a stat of each, a read of
those that did); when one did, the app opens the folder again, as after a
restore, once no dialog is open and every save has landed.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.app import App
from textual.screen import ModalScreen

from jobfutures_tui.restore_work import replace_data
from jobfutures_tui.store import BackgroundWriter, Repository, layout
from jobfutures_tui.ui_services import services

LOOK_EVERY = 3.0
"""Seconds between looks: a stat of each data file, about a millisecond."""


def watch(app: App[Any]) -> None:
    """Look for changes from another device, for as long as the app runs; say once
    if a sync tool left conflict copies, which only a repair reads."""
    app.set_interval(LOOK_EVERY, partial(_look, app), name="other devices")
    copies = layout.conflict_copies(services(app).repo.folder)
    if copies:
        count = len(copies)
        app.notify(
            f"A sync tool left {count} conflict cop{'ies' if count > 1 else 'y'} of your data "
            f"({', '.join(copies)}): their changes are not shown until they are merged. "
            "ctrl+p › Check the data, then repair, merges them (the newer version of each "
            "record wins; the copies are kept in the backups).",
            title="Sync conflict",
            severity="warning",
            timeout=30,
        )


def merged(app: App[Any], notes: list[str]) -> None:
    """A save merged with another device's change: say what was kept where."""
    app.notify("\n".join(notes), title="Merged with another device", severity="warning", timeout=15)


def _look(app: App[Any]) -> None:
    host = services(app)
    if host.replacing or host.quitting or host.repo.read_only:
        return
    repo = host.repo
    app.run_worker(partial(_changed, app, repo), thread=True, exclusive=True, group="other devices")


def _changed(app: App[Any], repo: Repository) -> None:
    names = repo.changed_elsewhere()
    if names:
        app.call_from_thread(_reload, app, repo, names)


def _reload(app: App[Any], repo: Repository, names: list[str]) -> None:
    """Open the data again, unless the user is in a dialog or a save is still on its
    way (the next look tries again)."""
    from jobfutures_tui.exchange.actions import with_folder_closed

    host = services(app)
    if repo is not host.repo or host.replacing or host.quitting:
        return
    if isinstance(app.screen, ModalScreen) or repo.pending_files:
        return

    def act() -> tuple[Repository, str]:
        reopened, _ = with_folder_closed(
            repo, lambda _folder: None, what="opened again", new_writer=BackgroundWriter
        )
        return reopened, f"Changed on another device ({described(names)}): shown as it is now."

    replace_data(app, "Opening the data again", "opened again", act)


def described(names: list[str]) -> str:
    """'companies, touches of 2026-11': the files, as the user knows the data."""
    words = []
    for name in names:
        stem = name.rsplit("/", 1)[-1].removesuffix(".json")
        words.append(f"touches of {stem}" if name.startswith("touches/") else stem)
    return ", ".join(words)
