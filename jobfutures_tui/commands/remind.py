"""``jobfutures remind``: a desktop notification of what is due today, for cron or a
systemd timer, so the touches due reach the user while the app is closed.

No library: ``notify-send`` (libnotify, the freedesktop client every Linux
desktop ships) and ``osascript`` (macOS) say it in one call each, where a
notification library would bring a D-Bus or Objective-C binding and an event
loop for one message a day. Whatever cannot be shown is printed, so cron mails
it and the journal keeps it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import date

from jobfutures_tui.commands.common import (
    EXIT_OK,
    emit_lines,
    folder_of,
    interactive,
    opened_to_list,
    say,
)
from jobfutures_tui.exchange.brief import counted, worked_out_from
from jobfutures_tui.exchange.outputs import follow_changes
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.usecases.due import DueItem, due_items

LISTED = 6
"""Touches named in the notification; the rest are counted."""
TIMEOUT = 10
"""Seconds to wait for the notification service before printing instead."""


def run_remind(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        if not data_files(folder):
            return EXIT_OK
        today = local_today()
        worked_from = worked_out_from(folder, today)
        with opened_to_list(folder, "remind") as repo:
            items = due_items(repo, today=today, within_days=0)
            # A new day: the kept calendar's overdue events move to it, the shell's line too
            # (never from the demo's data).
            demo = getattr(args, "demo", False)
            problems = [] if demo else follow_changes(repo, worked_from=worked_from)
    for problem in problems:
        say(f"jobfutures: {problem}")
    title, lines = reminder(items, today=today)
    if not lines:
        if interactive():
            say("Nothing is overdue or due today: no notification.")
        return EXIT_OK
    if args.print or not notify(title, "\n".join(lines)):
        emit_lines([title, *(f"  {line}" for line in lines)])
    return EXIT_OK


def reminder(items: Sequence[DueItem], *, today: date) -> tuple[str, list[str]]:
    """The title ('jobfutures: 3 overdue · 2 today') and a line per touch, most urgent
    first (none: nothing is due today)."""
    due = [item for item in items if item.suggestion.due <= today]
    lines = [_line(item) for item in due[:LISTED]]
    if len(due) > LISTED:
        lines.append(f"… and {len(due) - LISTED} more: jobfutures due")
    return "jobfutures: " + counted(due, today=today), lines


def _line(item: DueItem) -> str:
    who = f"{item.company} · {item.person}" if item.person else item.company
    return "".join(ch for ch in f"{who}: {item.suggestion.how}" if ch.isprintable())


def notify(title: str, body: str) -> bool:
    """Show a notification; False when no notification service answers."""
    if sys.platform == "darwin":  # the words as arguments: nothing in them is read as script
        shown = "display notification (item 2 of argv) with title (item 1 of argv)"
        command = ["osascript", "-e", "on run argv", "-e", shown, "-e", "end run", title, body]
    else:
        # The body may be read as markup (the spec's body-markup): names stay as typed.
        escaped = body.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        command = ["notify-send", "--app-name=jobfutures", title, escaped]
    if shutil.which(command[0]) is None:
        return False
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
