"""``jobfutures config``: the settings in force, or one changed (settings.py).

A change is checked as the app checks the file (settings_check.py: the values, the
theme, the keys against every screen's) and refused with exit 2 before anything is
written; showing the settings lists every problem of the file as it is."""

from __future__ import annotations

import argparse
from typing import Any

from jobfutures_tui import settings
from jobfutures_tui.commands.common import EXIT_OK, complain, emit_json, emit_lines, say

_KEYS = "keys."
EXIT_REFUSED = 2
"""A value the setting cannot take: wrong arguments, as argparse's own refusals."""


def run_config(args: argparse.Namespace) -> int:
    if args.action is None:
        return _show(args)
    if not args.key:
        complain(f"config {args.action}: say which setting (KEY)")
        return EXIT_REFUSED
    if args.action == "set" and args.value is None:
        complain(f"config set {args.key}: give its new value (VALUE)")
        return EXIT_REFUSED
    loaded = settings.current()
    changes: dict[str, Any]
    try:
        if args.key.startswith(_KEYS):
            binding = args.key[len(_KEYS) :]
            changes = {"keys": _keys(loaded.settings, binding, args.value)}
            _check_keys(changes["keys"], binding)
        elif args.action == "unset":
            changes = {args.key: None}
        else:
            changes = {args.key: _value(args.key, args.value)}
            _check_theme(changes)
        now = settings.save(changes, loaded.path)
    except ValueError as error:
        complain(f"{args.key}: {error} (nothing was changed)")
        return EXIT_REFUSED
    if args.key.startswith(_KEYS):
        shown = now.settings.keys.get(args.key[len(_KEYS) :], "(as shipped)")
    else:
        shown = _shown(args.key, settings.as_json(now.settings)[args.key])
    emit_lines([f"{args.key} = {shown}", f"(in {now.path})"])
    if args.key.startswith("calendar_") and not getattr(args, "demo", False):
        _rewrite_calendar(args, now.settings)
    return EXIT_OK


def _check_theme(changes: dict[str, Any]) -> None:
    from jobfutures_tui.settings_check import theme_problem

    if (problem := theme_problem(changes.get("theme"))) is not None:
        raise ValueError(problem)


def _check_keys(keys: dict[str, str], binding: str) -> None:
    """The new entry as the app would apply it: an id it has, keys, no clash."""
    if binding not in keys:
        return  # unset: nothing to check
    from jobfutures_tui.app import JobFuturesApp
    from jobfutures_tui.settings_check import key_problems

    problem = key_problems(keys, JobFuturesApp).get(binding)
    if problem is not None:
        raise ValueError(problem)


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


def _shown(key: str, value: Any) -> str:
    if key == "keys":
        return ", ".join(f"{k} = {v}" for k, v in value.items()) or "(as shipped)"
    if key == "workdays":
        return ", ".join(value)
    return "(not set)" if value is None else str(value)


def _show(args: argparse.Namespace) -> int:
    from jobfutures_tui.settings_check import problems, themes

    loaded = settings.current()
    data = settings.as_json(loaded.settings)
    app_class = None
    if loaded.settings.keys:  # only then is the app (every screen's keys) loaded
        from jobfutures_tui.app import JobFuturesApp

        app_class = JobFuturesApp
    warnings = problems(loaded, app_class)
    if args.json:
        emit_json({"path": str(loaded.path), "settings": data, "warnings": warnings})
        return EXIT_OK
    exists = "" if loaded.path.exists() else " (not written yet: every setting is its default)"
    lines = [f"Settings file: {loaded.path}{exists}"]
    for key, description in settings.DESCRIPTIONS.items():
        lines.append(f"  {key} = {_shown(key, data[key])}")
        lines.append(f"      {description}")
        if key == "theme":
            lines.append(f"      themes: {', '.join(sorted(themes()))}")
    emit_lines(lines)
    for warning in warnings:
        complain(warning)
    return EXIT_OK
