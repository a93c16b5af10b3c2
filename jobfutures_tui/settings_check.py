"""What the settings file can get wrong beyond its values' types (settings.py): a
theme that does not exist, keys that cannot be applied (keymap.py). One check,
used by the app as it opens, its settings screen and ``jobfutures config``.

The theme is checked against Textual's built-in themes (the app registers none
of its own), read from ``textual.theme`` alone: the shell does not load the app
for it. The keys need every screen's keys, so the app's class is passed in.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from jobfutures_tui import settings

if TYPE_CHECKING:
    from textual.app import App


def themes() -> Collection[str]:
    """The themes a settings file may name: Textual's built-in ones."""
    from textual.theme import BUILTIN_THEMES

    return BUILTIN_THEMES


def theme_problem(name: str | None, known: Collection[str] | None = None) -> str | None:
    """What is wrong with a theme's name (None: nothing, or no theme set)."""
    if name is None or name in (themes() if known is None else known):
        return None
    return f"'{name}' is not a theme (ctrl+p › Theme lists them; so does `jobfutures config`)"


def key_problems(keys: Mapping[str, str], app_class: type[App[Any]]) -> dict[str, str]:
    """Binding id → what is wrong with its entry (it cannot be applied)."""
    from jobfutures_tui import keymap

    return keymap.check(keys, app_class).problems


def theme_warning(
    loaded: settings.Loaded, using: str, known: Collection[str] | None = None
) -> list[str]:
    """The file's theme, if it is not one: 'file:line: theme: …; using ``using``'."""
    problem = theme_problem(loaded.settings.theme, known)
    if problem is None:
        return []
    return [f"{settings.where(loaded.path, None, 'theme')}: theme: {problem}; using {using}"]


def key_warnings(loaded: settings.Loaded, problems: Mapping[str, str]) -> list[str]:
    """One line per entry of ``[keys]`` that cannot be applied, at its own line."""
    return [
        f'{settings.where(loaded.path, None, "keys", binding_id)}: keys."{binding_id}": '
        f"{problem}; not applied"
        for binding_id, problem in problems.items()
    ]


def problems(loaded: settings.Loaded, app_class: type[App[Any]] | None) -> list[str]:
    """Everything wrong in the file as it is: its values, its theme, its keys (those
    only with ``app_class``)."""
    found = [*loaded.warnings, *theme_warning(loaded, "the default theme")]
    if loaded.settings.keys and app_class is not None:
        found += key_warnings(loaded, key_problems(loaded.settings.keys, app_class))
    return found
