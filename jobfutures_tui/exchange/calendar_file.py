"""The calendar kept in a file (the ``calendar_file`` setting, ``export ics --keep``),
rewritten after every change so a calendar app subscribed to it is always current.

What it sent before is read back from the file itself: its events say which
job futures it holds and at which SEQUENCE, so nothing is kept in the user's
data and a file moved or synced elsewhere carries its own history.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum

from jobfutures_tui import settings
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.ics import Event, calendar, is_ours, read_events, same_events
from jobfutures_tui.models.dates import now, today
from jobfutures_tui.store import Repository
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.usecases.due import due_items


def calendar_now(
    repo: Repository,
    *,
    days: int,
    previous: dict[str, Event] | None = None,
    alarm: dt.time | None = None,
    stamp: pendulum.DateTime | None = None,
) -> bytes:
    """The .ics of the touches due within ``days`` (overdue ones included, on today)."""
    day = today()
    items = due_items(repo, today=day, within_days=days)
    return calendar(items, today=day, stamp=stamp or now(), previous=previous, alarm=alarm)


def previous_events(path: Path) -> dict[str, Event]:
    """The events a file holds now ({} when there is none); refuses anyone else's file,
    which rewriting would destroy."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ExchangeError(f"cannot read {path}: {error.strerror or error}") from None
    if data.strip() and not is_ours(data):
        raise ExchangeError(
            f"{path} is a file jobfutures did not write, so it was left as it is: "
            "name a new file for the calendar"
        )
    return read_events(data)


def keep(repo: Repository, path: Path, *, days: int, alarm: dt.time | None) -> bool:
    """Rewrite ``path`` atomically from the data; False when no event changed (the file
    is then left alone, so a synced folder has nothing to send)."""
    events = previous_events(path)
    try:
        old = path.read_bytes() if events else b""
        data = calendar_now(repo, days=days, previous=events, alarm=alarm)
        if old and same_events(old, data):
            return False
        write_atomic(path, data)
    except OSError as error:
        raise ExchangeError(f"cannot write {path}: {error.strerror or error}") from None
    return True


def keep_as_set(repo: Repository) -> Path | None:
    """Rewrite the calendar the settings name, if they name one; its path. The settings
    file is read again: ``export ics --keep`` may have named it while the app is open."""
    chosen = settings.load().settings
    if chosen.calendar_file is None:
        return None
    keep(repo, chosen.calendar_file, days=chosen.calendar_days, alarm=chosen.alarm_time())
    return chosen.calendar_file
