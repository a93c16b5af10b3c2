"""The settings file in the running app: applied at start (theme, keys) with one
notification for what is wrong in it, the theme saved when the user picks one,
and the settings screen's changes saved and applied.

Writes go through one background thread, in the order they were asked for
(a theme picked twice quickly must end as the second), never on the UI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from textual.app import App
from textual.constants import DEFAULT_THEME
from textual.screen import Screen

from jobfutures_tui import keymap, settings, settings_check
from jobfutures_tui.messages import DataChanged
from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.ui_services import services

_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="settings")
"""One thread: saves land in the order they were made."""

NEXT_START = {
    "data_folder": "the data folder",
    "keep_backups": "the backups kept",
}
"""What the running app cannot change under itself: the data it opened, and the
backups its repository keeps (the shell's --keep-backups also says)."""


def start(app: App[Any]) -> None:
    """Apply the saved theme and keys, say once what is wrong in the file, and save
    the theme whenever the user picks another one."""
    loaded = settings.current()
    problems = [*loaded.warnings, *_apply_theme(app, loaded), *_apply_keys(app, loaded)]
    app.watch(app, "theme", partial(_theme_picked, app), init=False)
    if problems:
        app.notify("\n".join(problems), title="Settings", severity="warning", timeout=20)


def _apply_theme(app: App[Any], loaded: settings.Loaded) -> list[str]:
    name = loaded.settings.theme
    if name is None or name == app.theme:
        return []
    problem = settings_check.theme_warning(loaded, app.theme, app.available_themes)
    if problem:
        return problem
    app.theme = name
    return []


def _apply_keys(app: App[Any], loaded: settings.Loaded) -> list[str]:
    keys = loaded.settings.keys
    if not keys and not keymap.applied(app):
        return []  # nothing to check: the screens' modules need not be imported
    checked = keymap.check(keys, type(app))
    keymap.apply(app, checked.keymap)
    return settings_check.key_warnings(loaded, checked.problems)


# ------------------------------------------------------------ saving


def _theme_picked(app: App[Any], name: str) -> None:
    """The palette's Theme command (or the settings screen) set a theme: keep it."""
    if name == (settings.current().settings.theme or DEFAULT_THEME):
        return  # already in the file (the start, or the settings screen applying it)
    save(app, {"theme": name})


def save(app: App[Any], changes: Mapping[str, Any], *, apply: bool = False) -> None:
    """Write ``changes`` on the writer thread; with ``apply``, put them in force and
    say so. A failure is shown, and the file is left as it was."""

    async def write() -> None:
        loop = asyncio.get_running_loop()
        try:
            now = await loop.run_in_executor(_WRITER, _save_and_reread, dict(changes))
        except (ValueError, OSError) as error:
            app.notify(f"Settings not saved: {error}", severity="error", timeout=10)
            return
        if apply:
            applied(app, now, changes)

    app.run_worker(write(), group="settings")


def _save_and_reread(changes: dict[str, Any]) -> settings.Loaded:
    now = settings.save(changes)
    settings.current()  # read it here, so the UI thread finds it in memory
    return now


def applied(app: App[Any], now: settings.Loaded, changes: Mapping[str, Any]) -> None:
    """Put what the settings screen saved in force, and say what waits for a restart."""
    problems: list[str] = []
    if "theme" in changes:
        if now.settings.theme is None:
            app.theme = DEFAULT_THEME
        problems += _apply_theme(app, now)
    if "keys" in changes:
        problems += _apply_keys(app, now)
    if {"workdays", "daily_budget", "weekly_goal"} & set(changes):
        _recompute(app)
    if any(key.startswith("calendar_") for key in changes):
        services(app).follow_data(
            0.0
        )  # the calendar named (or its range, its alarm) is written now
    later = [words for key, words in NEXT_START.items() if key in changes]
    lines = [f"Saved in {now.path}."]
    if later:
        lines.append(f"From the next start: {' and '.join(later)}.")
    app.notify("\n".join([*lines, *problems]), title="Settings", timeout=8)


def _recompute(app: App[Any]) -> None:
    """Workdays or the budget changed: every screen works its dates out again (the one on
    top now, the others when they come back)."""
    for screen in _screens(app):
        screen.settings_changed()
    if isinstance(app.screen, AppScreen):
        app.screen.post_message(DataChanged())


def _screens(app: App[Any]) -> Iterable[AppScreen]:
    seen: list[Screen[Any]] = []
    for name in getattr(app, "MAIN_SCREENS", ()):
        seen.append(app.get_screen(name))
    seen += [screen for screen in app.screen_stack if screen not in seen]
    return [screen for screen in seen if isinstance(screen, AppScreen)]


def open_settings(app: App[Any]) -> None:
    """The palette's Settings: the form over the file as it is now."""
    from jobfutures_tui.modals.settings_form import SettingsForm

    loaded = settings.current()

    def chosen(changes: dict[str, Any] | None) -> None:
        if changes is None:
            return
        if not changes:
            app.notify("Nothing changed in the settings.", timeout=3)
            return
        save(app, changes, apply=True)

    themes = sorted(app.available_themes)
    form = SettingsForm(loaded, themes, lambda keys: settings_check.key_problems(keys, type(app)))
    app.push_screen(form, chosen)
