"""The arguments of the commands that get a touch made: ``open`` (its draft, call or
profile, in the program made for it) and ``remind`` (a desktop notification)."""

from __future__ import annotations

from typing import Any

from jobfutures_tui.commands.parsers import _command


def add_reminder_commands(commands: Any) -> None:
    parser = _command(
        commands,
        "open",
        "opening:run_open",
        help="open a job future's next touch: a mail draft, a call, a text, a LinkedIn profile",
        description=(
            "Open the next touch of a job future in the program made for it, with the words "
            "of its script filled in: an email as a mail draft (to, subject and body), a call "
            "or a text as a tel: or sms: link, LinkedIn as the person's profile. Links are "
            "opened as Python's webbrowser does: $BROWSER when it is set, else the system's "
            "handler. Only reads, so it works while the app is open."
        ),
        epilog="examples: jobfutures open northwind; jobfutures open contoso --person aisha "
        "--print",
    )
    parser.add_argument(
        "company",
        metavar="COMPANY",
        help="the company: its name, the start of it or a near spelling (or the job future's id)",
    )
    parser.add_argument(
        "--role", metavar="ROLE", help="the role discussed, when the company has several"
    )
    parser.add_argument(
        "--person",
        metavar="NAME",
        help="with whom, among its people (default: the one the next touch is suggested with)",
    )
    parser.add_argument(
        "--print",
        action="store_true",
        help="print the link instead of opening it",
    )

    remind = _command(
        commands,
        "remind",
        "remind:run_remind",
        help="a desktop notification of what is overdue and due today (for cron or a timer)",
        description=(
            "Show a desktop notification of the touches overdue and due today: freedesktop "
            "notifications on Linux (notify-send), Notification Center on macOS (osascript). "
            "When no notification service answers, the same words are printed instead. "
            "Nothing due: nothing is shown. Also rewrites the calendar_file, so its overdue "
            "events move to today. The README has a cron line and a systemd user timer."
        ),
    )
    remind.add_argument(
        "--print",
        action="store_true",
        help="print the reminder instead of showing a notification",
    )
