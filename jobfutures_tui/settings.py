"""The user's settings: one TOML file in their config folder.

``$JOBFUTURES_CONFIG`` names another file. Read with the standard library
(tomllib); written with tomlkit, which keeps the user's comments and layout.
A bad value never stops the app: it is reported with the file, the line and
the key, and its default is used. Resolved when asked, never at import time.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tomllib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import platformdirs
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from jobfutures_tui.models.errors import field_errors
from jobfutures_tui.paths import APP_NAME, DEFAULT_KEEP
from jobfutures_tui.store.files import ensure_folder, write_atomic

CONFIG_ENV_VAR = "JOBFUTURES_CONFIG"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""How workdays are written, Monday first (``date.weekday()`` order)."""


def config_path() -> Path:
    """``$JOBFUTURES_CONFIG``, else ``config.toml`` in the platform's user config folder."""
    chosen = os.environ.get(CONFIG_ENV_VAR)
    if chosen:
        return Path(chosen).expanduser().absolute()
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "config.toml"


def _weekday(value: Any) -> Any:
    if isinstance(value, str):
        word = value.strip().lower()[:3]
        if word in WEEKDAYS:
            return word
        raise ValueError(f"'{value}' is not a day of the week (mon, tue … sun)")
    return value


def _weekdays(value: Any) -> Any:
    if isinstance(value, str):
        value = [part for part in re.split(r"[\s,]+", value) if part]
    if isinstance(value, list | tuple):
        days = [_weekday(day) for day in value]
        if not days:
            raise ValueError("name at least one day (mon, tue … sun)")
        return tuple(sorted(set(days), key=WEEKDAYS.index))
    return value


def _folder(value: Any) -> Any:
    """A folder named in full (``~`` works): a relative one would depend on the folder
    the app or the shell happened to start in."""
    if isinstance(value, str):
        if not value.strip():
            return None
        path = Path(value.strip()).expanduser()
        if not path.is_absolute():
            raise ValueError(f"give the whole path of the folder, like ~/{path}")
        return path
    return value


def _file(value: Any) -> Any:
    """A file named in full (``~`` works): the app and the shell start in any folder."""
    if isinstance(value, str):
        if not value.strip():
            return None
        path = Path(value.strip()).expanduser()
        if not path.is_absolute():
            raise ValueError(f"give the whole path of the file, like ~/{path}")
        return path
    return value


ALARM_OFF = "off"


def _alarm(value: Any) -> Any:
    """'9', '9:30', '09:30' or a TOML time as 'HH:MM'; 'off' (or 'none') for no alarm."""
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # calendar_alarm = 9
    if isinstance(value, str):
        text = value.strip().lower()
        if text in (ALARM_OFF, "none", "no", ""):
            return ALARM_OFF
        match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", text)
        if match is None or int(match[1]) > 23 or int(match[2] or 0) > 59:
            raise ValueError(f"'{value}' is not a time of day like 09:00 (or off)")
        return f"{int(match[1]):02d}:{int(match[2] or 0):02d}"
    return value


Weekdays = Annotated[tuple[str, ...], BeforeValidator(_weekdays)]
Folder = Annotated[Path | None, BeforeValidator(_folder)]
File = Annotated[Path | None, BeforeValidator(_file)]
AlarmTime = Annotated[str, BeforeValidator(_alarm)]


class Settings(BaseModel):
    """Every setting, with its default (what the app does with no file)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str | None = None
    """The Textual theme, saved when one is picked in the palette."""
    keys: dict[str, str] = Field(default_factory=dict)
    """Binding id → keys (``"board.log" = "L"``): applied at start."""
    exports_folder: Folder = None
    """Where the palette's exports and backups go (None: ``~/jobfutures-exports``)."""
    keep_backups: int = Field(default=DEFAULT_KEEP, ge=1, le=1000)
    """Recent automatic backups kept (besides the daily and monthly ones)."""
    data_folder: Folder = None
    """The data folder when neither ``--data`` nor ``$JOBFUTURES_DATA`` says."""
    workdays: Weekdays = WEEKDAYS
    """Due dates on other days move to the next workday."""
    daily_budget: int | None = Field(default=None, ge=1, le=500)
    """At most this many touches for today; the rest go to the next workdays."""
    weekly_goal: int | None = Field(default=5, ge=1, le=500)
    """Touches a week the insights screen (5) and ``jobfutures stats`` measure you against."""
    calendar_file: File = None
    """A calendar (.ics) rewritten after every change, for a calendar app to subscribe to."""
    calendar_days: int = Field(default=60, ge=0, le=36_500)
    """How far ahead that calendar goes (overdue touches are always in, on today)."""
    calendar_alarm: AlarmTime = "09:00"
    """When on the due day its events remind you ('off': no alarm)."""

    def exports(self) -> Path:
        return self.exports_folder or Path.home() / "jobfutures-exports"

    def workday_numbers(self) -> frozenset[int]:
        """The workdays as ``date.weekday()`` numbers (Monday is 0)."""
        return frozenset(WEEKDAYS.index(day) for day in self.workdays)

    def alarm_time(self) -> dt.time | None:
        """The calendar's alarm as a time of day (None: off)."""
        if self.calendar_alarm == ALARM_OFF:
            return None
        hours, minutes = self.calendar_alarm.split(":")
        return dt.time(int(hours), int(minutes))


DESCRIPTIONS: Mapping[str, str] = {
    "theme": "the colour theme (as the palette's Theme command lists them)",
    "keys": "keys for the app's actions, by binding id (the help screen lists them)",
    "exports_folder": "where exports and backups from the app go",
    "keep_backups": "recent automatic backups kept, besides one a day and one a month",
    "data_folder": "your data, when neither --data nor $JOBFUTURES_DATA says",
    "workdays": "the days you get in touch (mon … sun); due dates move off the others",
    "daily_budget": "at most this many touches a day; the rest move to the next workdays",
    "weekly_goal": "touches a week you aim for: the insights (5) and stats measure you against it",
    "calendar_file": "a calendar (.ics) of the touches due, rewritten after every change",
    "calendar_days": "how many days ahead that calendar goes (overdue ones are always in)",
    "calendar_alarm": "when on the due day its events remind you (HH:MM, or off)",
}


@dataclass(frozen=True)
class Loaded:
    settings: Settings
    path: Path
    warnings: list[str] = field(default_factory=list)
    """One line per problem: file, line, key, what is wrong, what is used instead."""


def load(path: Path | None = None) -> Loaded:
    """The settings in ``path`` (default :func:`config_path`); never raises."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded(Settings(), path)
    except (OSError, UnicodeDecodeError) as error:
        return Loaded(Settings(), path, [f"{path}: cannot be read ({error}); using the defaults"])
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Loaded(Settings(), path, [f"{path}: not valid TOML ({error}); using the defaults"])
    kept: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in raw.items():
        if key == "keys" and isinstance(value, dict):
            value = _good_keys(value, text, path, warnings)
        problem = _problem(key, value)
        if problem is None:
            kept[key] = value
        else:
            warnings.append(f"{where(path, text, key)}: {key}: {problem}")
    return Loaded(Settings.model_validate(kept), path, warnings)


def _good_keys(table: dict[str, Any], text: str, path: Path, warnings: list[str]) -> dict[str, Any]:
    """The ``[keys]`` entries that are text; each other one is said at its own line and
    left out (the rest of the table still applies)."""
    good: dict[str, Any] = {}
    for entry, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            good[entry] = keys
        else:
            warnings.append(
                f'{where(path, text, "keys", entry)}: keys."{entry}": give its keys as text, '
                f'like "{entry}" = "L"; not applied'
            )
    return good


def _problem(key: str, value: Any) -> str | None:
    """What is wrong with one setting (None: nothing), the default it falls back to."""
    if key not in Settings.model_fields:
        return f"not a setting jobfutures knows ({', '.join(Settings.model_fields)})"
    try:
        Settings.model_validate({key: value})
    except ValidationError as error:
        message = next(iter(field_errors(error).values()), "not a valid value")
        return f"{message}; using {_default_words(key)}"
    return None


def _default_words(key: str) -> str:
    default = Settings().model_dump()[key]
    if default is None or default == {}:
        return "the default"
    if isinstance(default, tuple):
        return ", ".join(default)
    return str(default)


def where(path: Path, text: str | None, key: str, entry: str | None = None) -> str:
    """'file:line' of a setting (or of one entry of a table, like ``keys``), else the
    file; ``text`` is the file's (None: read it)."""
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return str(path)
    line = _line_of(text, key, entry)
    return f"{path}:{line}" if line else str(path)


def _line_of(text: str, key: str, entry: str | None = None) -> int | None:
    """The line a top-level key is set on (1-based), or one entry of its table (in
    the table, dotted or inline), if it can be found."""
    name = re.escape(key)
    pattern = re.compile(rf"^\s*[\"']?{name}[\"']?\s*[=.]|^\s*\[\s*{name}\s*\]")
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if pattern.match(line)), None)
    if start is None or entry is None:
        return None if start is None else start + 1
    quoted = re.compile(rf"""(^|[\s{{,.])(["']{re.escape(entry)}["']|{re.escape(entry)})\s*=""")
    found = next((n for n in range(start, len(lines)) if quoted.search(lines[n])), start)
    return found + 1


@functools.cache
def _cached(path: Path) -> Loaded:
    return load(path)


def current() -> Loaded:
    """The settings in force (read once per file per process; :func:`forget` rereads)."""
    return _cached(config_path())


def forget() -> None:
    """Read the file again next time (after the app or the shell changed it)."""
    _cached.cache_clear()


def checked_value(key: str, value: Any) -> Any:
    """``value`` for ``key`` as it will be stored, or ValueError saying what is wrong."""
    if key not in Settings.model_fields:
        raise ValueError(f"'{key}' is not a setting ({', '.join(Settings.model_fields)})")
    try:
        settings = Settings.model_validate({key: value})
    except ValidationError as error:
        raise ValueError(next(iter(field_errors(error).values()))) from None
    stored = settings.model_dump(mode="json")[key]
    return list(stored) if isinstance(stored, tuple) else stored


def save(changes: Mapping[str, Any], path: Path | None = None) -> Loaded:
    """Write ``changes`` (key → value; None removes the key) into the file, keeping
    its comments and layout; each value is checked first. Returns the settings now."""
    import tomlkit  # only when writing: reading needs nothing but the standard library

    path = path or config_path()
    checked = {
        key: None if value is None else checked_value(key, value) for key, value in changes.items()
    }
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else None
    except tomlkit.exceptions.ParseError as error:
        raise ValueError(f"{path} is not valid TOML ({error}): fix it or move it first") from None
    if document is None:
        document = tomlkit.document()
        document.add(tomlkit.comment("jobfutures settings: see `jobfutures config` for each one"))
    for key, value in checked.items():
        table = document.get(key)
        if value is None:
            document.pop(key, None)
        elif isinstance(value, dict) and isinstance(table, MutableMapping):
            # Entry by entry, so the comments on the entries that stay are kept.
            for entry in [entry for entry in table if entry not in value]:
                del table[entry]
            for entry, entry_value in value.items():
                if table.get(entry) != entry_value:
                    table[entry] = entry_value
        else:
            document[key] = value
    ensure_folder(path.parent)
    write_atomic(path, tomlkit.dumps(document).encode("utf-8"))
    forget()
    return load(path)
