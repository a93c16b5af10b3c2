"""Another computer changed the data through a sync folder: say so, and open it again.

The store merges such a change into the next commit, so nothing is written over
(store/devices.py); this keeps the screens true in between. Every few seconds a
worker asks the repository which files moved under it (a stat of each, a read of
those that did); when one did, the app opens the folder again, as after a
restore, once no dialog is open and every save has landed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.app import App
from textual.screen import ModalScreen, Screen

from jobfutures_tui.store import BackgroundWriter, Repository, layout
from jobfutures_tui.ui_services import services

LOOK_EVERY = 3.0
"""Seconds between looks: a stat of each data file, about a millisecond."""


def watch(app: App[Any]) -> None:
    """Look for changes from another device, for as long as the app runs, and once
    the first frame is painted: conflict copies a sync tool left are merged as soon
    as the app may (queued on the app, behind the board: background_work.py)."""
    app.set_interval(LOOK_EVERY, partial(_look, app), name="other devices")
    app.call_after_refresh(_look, app)


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
    copies = bool(layout.conflict_copies(repo.folder, manifest=True))
    if names or copies:
        app.call_from_thread(_reload, app, repo, names, copies)


def _reload(app: App[Any], repo: Repository, names: list[str], copies: bool) -> None:
    """Open the data again (having merged the conflict copies a sync tool left),
    unless the user is in a dialog or a save is still on its way (the next look
    tries again)."""
    from jobfutures_tui.exchange.actions import with_folder_closed
    from jobfutures_tui.exchange.conflict_copies import merge_any
    from jobfutures_tui.restore_work import replace_data

    host = services(app)
    if repo is not host.repo or host.replacing or host.quitting:
        return
    if isinstance(app.screen, ModalScreen) or repo.pending_files:
        return

    def act() -> tuple[Repository, str]:
        said = []
        if copies:
            said.append(merge_any(repo) or "")
        reopened, _ = with_folder_closed(
            repo, lambda _folder: None, what="opened again", new_writer=BackgroundWriter
        )
        if names:
            said.append(f"Changed on another device ({described(names)}): shown as it is now.")
        return reopened, " ".join(part for part in said if part)

    # Back to the screen, the selection and the story the user was on, not the board.
    then = partial(_return_to, app, place_of(app))
    if copies:
        replace_data(app, "Merging the copies a sync tool left", "merged", act, then=then)
    else:
        replace_data(app, "Opening the data again", "opened again", act, then=then)


def described(names: list[str]) -> str:
    """'companies, touches of 2026-11': the files, as the user knows the data."""
    words = []
    for name in names:
        stem = name.rsplit("/", 1)[-1].removesuffix(".json")
        words.append(f"touches of {stem}" if name.startswith("touches/") else stem)
    return ", ".join(words)


@dataclass(frozen=True)
class Place:
    """Where the user was, to come back to once the data is opened again."""

    main: str
    """The main screen (MAIN_SCREENS) under any story."""
    selected: str | None
    """The job future selected on the board."""
    story: str | None
    """The job future whose story was open."""


def place_of(app: App[Any]) -> Place:
    from jobfutures_tui.screens.board import BoardScreen
    from jobfutures_tui.screens.detail import DetailScreen
    from jobfutures_tui.screens.main_screens import MAIN_SCREENS

    stack = app.screen_stack
    below = stack[1] if len(stack) > 1 else None
    main = next((name for name in MAIN_SCREENS if app.get_screen(name) is below), "board")
    board = app.get_screen("board")
    selected = board.selected_id if isinstance(board, BoardScreen) else None
    story = next((s.prospect_id for s in stack if isinstance(s, DetailScreen)), None)
    return Place(main, selected, story)


async def _return_to(app: App[Any], place: Place, repo: Repository, board: Screen[Any]) -> None:
    """The user's place again, as far as what it named is still there."""
    from jobfutures_tui.screens.board import BoardScreen
    from jobfutures_tui.screens.detail import open_prospect

    if place.selected is not None and isinstance(board, BoardScreen):
        board.select_prospect(place.selected)
    if place.main != "board":
        await app.switch_screen(place.main)
    if place.story is not None and repo.prospect(place.story) is not None:
        open_prospect(app, place.story)
