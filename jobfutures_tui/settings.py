"""The user's settings: one TOML file in their config folder.

``$JOBFUTURES_CONFIG`` names another file. Read with the standard library
(tomllib); written with tomlkit, which keeps the user's comments and layout.
A bad value never stops the app: it is reported with the file, the line and
the key, and its default is used. Resolved when asked, never at import time.

The values are checked by hand, one small function per setting (``_PARSERS``),
not with pydantic like the records: the settings are read before the app's first
frame, and importing pydantic alone costs about 60 ms of that start-up (see
docs/architecture.md, "Why the speed tricks exist"). So this module imports
neither pydantic nor the records' classes, not even when it loads the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

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


# ------------------------------------------------------------ one check per setting
# Each takes a value as TOML (or the settings screen, or the shell) gives it and
# returns it as the settings keep it, or raises ValueError saying what is wrong.


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError("must be text")


def _keys(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError('must be a table of action ids and their keys, like "board.log" = "L"')
    for entry, keys in value.items():
        if not isinstance(entry, str) or not isinstance(keys, str):
            raise ValueError(f'give the keys of "{entry}" as text, like "{entry}" = "L"')
    return dict(value)


def _whole(value: Any) -> int:
    """A whole number: a TOML integer, a float with nothing after the point (5.0) or
    text of one ("5"); never true or false (bool is an int in Python)."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?\d+(?:\.0*)?", value.strip()):
        return int(value.strip().split(".")[0])
    raise ValueError("must be a whole number")


def _number(low: int, high: int, *, optional: bool = False) -> Callable[[Any], int | None]:
    """The check of a whole number from ``low`` to ``high`` (None too if ``optional``)."""

    def check(value: Any) -> int | None:
        if value is None and optional:
            return None
        number = _whole(value)
        if number < low:
            raise ValueError(f"must be at least {low}")
        if number > high:
            raise ValueError(f"must be at most {high}")
        return number

    return check


def _weekday(value: Any) -> str:
    if isinstance(value, str):
        word = value.strip().lower()[:3]
        if word in WEEKDAYS:
            return word
    raise ValueError(f"'{value}' is not a day of the week (mon, tue … sun)")


def _weekdays(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part for part in re.split(r"[\s,]+", value) if part]
    if not isinstance(value, list | tuple):
        raise ValueError('must be days of the week, like ["mon", "tue"] or "mon tue"')
    days = [_weekday(day) for day in value]
    if not days:
        raise ValueError("name at least one day (mon, tue … sun)")
    return tuple(sorted(set(days), key=WEEKDAYS.index))


def _full_path(value: Any, kind: str) -> Path | None:
    """A path named in full (``~`` works): a relative one would depend on the folder
    the app or the shell happened to start in. Empty: none."""
    if value is None:
        return None
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"must be text: the whole path of the {kind}")
    if not value.strip():
        return None
    path = Path(value.strip()).expanduser()
    if not path.is_absolute():
        raise ValueError(f"give the whole path of the {kind}, like ~/{path}")
    return path


def _folder(value: Any) -> Path | None:
    return _full_path(value, "folder")


def _file(value: Any) -> Path | None:
    return _full_path(value, "file")


ALARM_OFF = "off"


def _alarm(value: Any) -> str:
    """'9', '9:30', '09:30' or a TOML time as 'HH:MM'; 'off' (or 'none') for no alarm."""
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # calendar_alarm = 9
    if not isinstance(value, str):
        raise ValueError("must be a time of day like 09:00 (or off)")
    text = value.strip().lower()
    if text in (ALARM_OFF, "none", "no", ""):
        return ALARM_OFF
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", text)
    if match is None or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise ValueError(f"'{value}' is not a time of day like 09:00 (or off)")
    return f"{int(match[1]):02d}:{int(match[2] or 0):02d}"


_PARSERS: Mapping[str, Callable[[Any], Any]] = {
    "theme": _text,
    "keys": _keys,
    "exports_folder": _folder,
    "keep_backups": _number(1, 1000),
    "data_folder": _folder,
    "workdays": _weekdays,
    "daily_budget": _number(1, 500, optional=True),
    "weekly_goal": _number(1, 500, optional=True),
    "calendar_file": _file,
    "calendar_days": _number(0, 36_500),
    "calendar_alarm": _alarm,
}
"""Each setting's check (the same order as the fields of :class:`Settings`)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting, with its default (what the app does with no file). Each value
    given is checked and kept as :data:`_PARSERS` says (ValueError if it is wrong)."""

    theme: str | None = None
    """The Textual theme, saved when one is picked in the palette."""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id → keys (``"board.log" = "L"``): applied at start."""
    exports_folder: Path | None = None
    """Where the palette's exports and backups go (None: ``~/jobfutures-exports``)."""
    keep_backups: int = DEFAULT_KEEP
    """Recent automatic backups kept (besides the daily and monthly ones): 1 to 1000."""
    data_folder: Path | None = None
    """The data folder when neither ``--data`` nor ``$JOBFUTURES_DATA`` says."""
    workdays: tuple[str, ...] = WEEKDAYS
    """Due dates on other days move to the next workday."""
    daily_budget: int | None = None
    """At most this many touches for today (1 to 500); the rest go to the next workdays."""
    weekly_goal: int | None = 5
    """Touches a week (1 to 500) the insights screen (5) and ``jobfutures stats``
    measure you against."""
    calendar_file: Path | None = None
    """A calendar (.ics) rewritten after every change, for a calendar app to subscribe to."""
    calendar_days: int = 60
    """How far ahead that calendar goes, 0 to 36 500 days (overdue touches are always in,
    on today)."""
    calendar_alarm: str = "09:00"
    """When on the due day its events remind you ('off': no alarm)."""

    def __post_init__(self) -> None:
        for name, parse in _PARSERS.items():
            try:
                object.__setattr__(self, name, parse(getattr(self, name)))
            except ValueError as error:
                raise ValueError(f"{name}: {error}") from None

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


FIELDS: tuple[str, ...] = tuple(item.name for item in dataclasses.fields(Settings))
"""The settings' names, in order."""


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def as_json(found: Settings) -> dict[str, Any]:
    """Every setting as JSON takes it (the workdays a list, paths text, None kept)."""
    return {name: _json_value(getattr(found, name)) for name in FIELDS}


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
    chosen: frozenset[str] = frozenset()
    """The settings the file sets (with a good value): the others are their defaults."""


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
            kept[key] = value  # Settings keeps it as its check returns it
        else:
            warnings.append(f"{where(path, text, key)}: {key}: {problem}")
    return Loaded(Settings(**kept), path, warnings, frozenset(kept))


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
    if key not in _PARSERS:
        return f"not a setting jobfutures knows ({', '.join(FIELDS)})"
    try:
        _PARSERS[key](value)
    except ValueError as error:
        return f"{error}; using {_default_words(key)}"
    return None


def _default_words(key: str) -> str:
    default = getattr(Settings(), key)
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
    if key not in _PARSERS:
        raise ValueError(f"'{key}' is not a setting ({', '.join(FIELDS)})")
    return _json_value(_PARSERS[key](value))


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
