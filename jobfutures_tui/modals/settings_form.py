"""The settings screen: every setting of the settings file, each checked as it is
typed (``settings.checked_value``, and the keys against every screen's keys).

An empty field is the setting's default, and removes it from the file; a field
left as it was is not written, so the file keeps only what the user chose. Its
result is the changes to save (key → value, None to remove).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import platformdirs
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.events import DescendantFocus
from textual.widgets import Input, Label, Static, TextArea

from jobfutures_tui import settings
from jobfutures_tui.engine.plural import counted
from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.paths import APP_NAME, DEFAULT_KEEP

KeysCheck = Callable[[dict[str, str]], Mapping[str, str]]
"""Binding id → keys, to what is wrong with each entry that cannot be applied."""

NEXT_START = ("data_folder", "keep_backups")
"""Settings the running app cannot change under itself."""


def fields(themes: Sequence[str]) -> list[Field]:
    data = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return [
        Field(
            "theme",
            "Theme",
            "choice",
            choices=[("as shipped (textual-dark)", None), *((name, name) for name in themes)],
        ),
        Field("workdays", "Workdays", placeholder="every day (or: mon tue wed thu fri)"),
        Field("daily_budget", "Daily budget", placeholder="no budget (or a number: 5)"),
        Field("weekly_goal", "Weekly goal", placeholder="5 touches a week"),
        Field("exports_folder", "Exports folder", placeholder=str(Path("~/jobfutures-exports"))),
        Field("keep_backups", "Backups kept", placeholder=f"{DEFAULT_KEEP}"),
        Field("data_folder", "Data folder", placeholder=_home(data)),
        Field("calendar_file", "Calendar file", placeholder="none (or: ~/Dropbox/jobfutures.ics)"),
        Field("calendar_days", "Calendar days", placeholder="60"),
        Field("calendar_alarm", "Calendar alarm", placeholder="09:00 (or: off)"),
        Field("keys", "Keys", "text"),
    ]


def _home(path: Path) -> str:
    """``path`` with the home folder written ~, as people write it."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except ValueError:
        return str(path)


ABOUT = {
    **settings.DESCRIPTIONS,
    "keys": "one a line, like board.log = b (several keys: b,f5); ? then i shows each action's id",
}


TYPED = (
    "workdays",
    "daily_budget",
    "weekly_goal",
    "exports_folder",
    "keep_backups",
    "data_folder",
    "calendar_file",
    "calendar_days",
    "calendar_alarm",
)
"""The fields typed as a line (the theme is chosen, the keys are a text)."""


def shown(loaded: settings.Loaded) -> dict[str, Any]:
    """The form's values: what the file sets, as typed; empty where it sets nothing."""
    found = loaded.settings
    chosen = loaded.chosen
    values: dict[str, Any] = {"theme": found.theme}
    for name in TYPED:
        value = getattr(found, name) if name in chosen else None
        if name == "workdays" and value is not None:
            value = " ".join(value)
        values[name] = "" if value is None else str(value)
    values["keys"] = "\n".join(f"{binding} = {keys}" for binding, keys in found.keys.items())
    return values


def parse_keys(text: str) -> tuple[dict[str, str], list[str]]:
    """'board.log = b' lines (blank and # lines skipped), and what is wrong in them."""
    keys: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        binding, equals, keyed = line.partition("=")
        binding, keyed = binding.strip().strip("\"'"), keyed.strip().strip("\"'")
        if not equals or not binding or not keyed:
            problems.append(f"line {number}: write it as board.log = b")
        else:
            keys[binding] = keyed
    return keys, problems


def read(name: str, raw: Any, check_keys: KeysCheck) -> Any:
    """The value to store for one field (None: the default), or ValueError saying
    what is wrong, in words for the field it shows under."""
    if name == "theme":
        return raw
    if name == "keys":
        keys, problems = parse_keys(str(raw))
        wrong = check_keys(keys)
        problems += [f"{binding}: {wrong[binding]}" for binding in keys if binding in wrong]
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise ValueError(problems[0] + more)
        return keys or None
    text = str(raw).strip()
    if not text:
        return None
    if name in ("daily_budget", "weekly_goal", "keep_backups", "calendar_days"):
        try:
            return settings.checked_value(name, int(text))
        except ValueError as error:
            if not text.lstrip("-").isdigit():
                raise ValueError(f"'{text}' is not a whole number") from None
            raise error from None
    value = settings.checked_value(name, text)
    if name.endswith("_folder") and Path(value).is_file():
        raise ValueError(f"{value} is a file, not a folder")
    if name == "calendar_file":
        _check_calendar(Path(value))
    return value


def _check_calendar(path: Path) -> None:
    """A calendar file jobfutures may keep: not a folder, and not anyone else's file."""
    from jobfutures_tui.exchange.calendar_file import previous_events
    from jobfutures_tui.exchange.errors import ExchangeError

    if path.is_dir():
        raise ValueError(f"{path} is a folder: name a file in it, like {path / 'jobfutures.ics'}")
    try:
        previous_events(path)
    except ExchangeError as error:
        raise ValueError(str(error)) from None


def _title(loaded: settings.Loaded) -> str:
    """'Settings · the file' (the app writes it; comments in it are kept)."""
    path = loaded.path
    title = f"Settings · {_home(path)}" + ("" if path.exists() else " (not written yet)")
    if loaded.warnings:
        count = len(loaded.warnings)
        title += f" · {counted(count, 'problem')} in it: the defaults show"
    return title


class SettingsForm(RecordForm[dict[str, Any]]):
    """The settings file as a form; the result is the changes to save."""

    form_class = "-settings"  # its fields scroll: forms.tcss

    help_keys = (
        ("form.save", "ctrl+s save"),
        ("form.tab", "tab next field"),
        ("form.cancel", "esc cancel"),
    )

    def __init__(
        self, loaded: settings.Loaded, themes: Sequence[str], check_keys: KeysCheck
    ) -> None:
        initial = shown(loaded)
        if initial["theme"] not in themes:
            initial["theme"] = None  # an unknown name: the start said so
        super().__init__(_title(loaded), fields(themes), initial, self._changes)
        self.loaded = loaded
        self.check_keys = check_keys

    def on_mount(self) -> None:
        self.query_one("#keys", TextArea).placeholder = "board.log = b  (one a line)"

    def compose_foot(self) -> ComposeResult:
        yield Static(Text(ABOUT["theme"]), id="settings-about")

    @on(DescendantFocus)
    def _about(self, event: DescendantFocus) -> None:
        """What the focused setting does, and when it takes effect."""
        name = event.widget.id or ""
        if name in ABOUT:
            when = "from the next start" if name in NEXT_START else "applies at once"
            self.query_one("#settings-about", Static).update(Text(f"{ABOUT[name]} ({when})"))

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _check_one(self, event: Input.Changed | TextArea.Changed) -> None:
        name = event.control.id or ""
        if name not in ABOUT:
            return  # not one of the fields (a part of the theme's list)
        raw = event.control.text if isinstance(event.control, TextArea) else event.value
        message = ""
        try:
            read(name, raw, self.check_keys)
        except ValueError as error:
            message = str(error)
        label = self.query_one(f"#error-{name}", Label)
        label.update(Text(message))
        label.set_class(bool(message), "-shown")

    def action_save(self) -> None:
        errors: dict[str, str] = {}
        try:
            changes = self._changes(self.values(), errors)
        except ValueError:
            self.show_errors(errors)
            return
        self.dismiss(changes)

    def _changes(
        self, values: dict[str, Any], errors: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """Key → new value (None: back to the default) for each field the user changed."""
        errors = {} if errors is None else errors
        changes: dict[str, Any] = {}
        for name, raw in values.items():
            if raw == self.initial.get(name):
                continue
            try:
                changes[name] = read(name, raw, self.check_keys)
            except ValueError as error:
                errors[name] = str(error)
        if errors:
            raise ValueError("some settings are not right")
        return changes
