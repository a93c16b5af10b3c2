"""``jobfutures config``: the settings in force, or one changed (settings.py)."""

from __future__ import annotations

import argparse
from typing import Any

from jobfutures_tui import settings
from jobfutures_tui.commands.common import EXIT_OK, complain, emit_json, emit_lines, say
from jobfutures_tui.exchange.errors import ExchangeError

_KEYS = "keys."


def run_config(args: argparse.Namespace) -> int:
    if args.action is None:
        return _show(args)
    if not args.key:
        raise ExchangeError(f"config {args.action}: say which setting (KEY)")
    if args.action == "set" and args.value is None:
        raise ExchangeError(f"config set {args.key}: give its new value (VALUE)")
    loaded = settings.current()
    changes: dict[str, Any]
    try:
        if args.key.startswith(_KEYS):
            changes = {"keys": _keys(loaded.settings, args.key[len(_KEYS) :], args.value)}
        elif args.action == "unset":
            changes = {args.key: None}
        else:
            changes = {args.key: _value(args.key, args.value)}
        now = settings.save(changes, loaded.path)
    except ValueError as error:
        raise ExchangeError(f"{args.key}: {error} (nothing was changed)") from None
    if args.key.startswith(_KEYS):
        shown = now.settings.keys.get(args.key[len(_KEYS) :], "(as shipped)")
    else:
        shown = _shown(args.key, _settings_json(now.settings)[args.key])
    emit_lines([f"{args.key} = {shown}", f"(in {now.path})"])
    if args.key.startswith("calendar_") and not getattr(args, "demo", False):
        _rewrite_calendar(args, now.settings)
    return EXIT_OK


def _rewrite_calendar(args: argparse.Namespace, now: settings.Settings) -> None:
    """The kept calendar follows at once, as after the settings screen, not at the next
    change of the data."""
    from jobfutures_tui.exchange.outputs import follow_folder
    from jobfutures_tui.paths import data_folder
    from jobfutures_tui.store.layout import data_files

    folder = data_folder(args.data, configured=now.data_folder)
    problems = follow_folder(folder)
    for problem in problems:
        complain(problem)
    if now.calendar_file is not None and not problems and data_files(folder):
        say(f"The calendar file {now.calendar_file} is rewritten with it.")


def _keys(current: settings.Settings, binding: str, keys: str | None) -> dict[str, str]:
    mapped = dict(current.keys)
    if keys is None or not keys.strip():
        mapped.pop(binding, None)
    else:
        mapped[binding] = keys.strip()
    return mapped


def _value(key: str, text: str) -> Any:
    """A value typed in the shell, as the setting takes it."""
    if key == "workdays":
        return [part for part in text.replace(",", " ").split() if part]
    if key in ("keep_backups", "daily_budget", "weekly_goal"):
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a whole number") from None
    return text


def _settings_json(found: settings.Settings) -> dict[str, Any]:
    data = found.model_dump(mode="json")
    data["workdays"] = list(found.workdays)
    return data


def _shown(key: str, value: Any) -> str:
    if key == "keys":
        return ", ".join(f"{k} = {v}" for k, v in value.items()) or "(as shipped)"
    if key == "workdays":
        return ", ".join(value)
    return "(not set)" if value is None else str(value)


def _show(args: argparse.Namespace) -> int:
    loaded = settings.current()
    data = _settings_json(loaded.settings)
    if args.json:
        emit_json({"path": str(loaded.path), "settings": data, "warnings": loaded.warnings})
        return EXIT_OK
    exists = "" if loaded.path.exists() else " (not written yet: every setting is its default)"
    lines = [f"Settings file: {loaded.path}{exists}"]
    for key, description in settings.DESCRIPTIONS.items():
        lines.append(f"  {key} = {_shown(key, data[key])}")
        lines.append(f"      {description}")
    emit_lines(lines)
    for warning in loaded.warnings:
        complain(warning)
    return EXIT_OK
