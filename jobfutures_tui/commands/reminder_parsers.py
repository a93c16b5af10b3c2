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

    stats = _command(
        commands,
        "stats",
        "stats:run_stats",
        help="how it is going: touches per week, reply rates, the pipeline, referrals, "
        "follow-through, what is going cold",
        description=(
            "Print the figures of the insights screen (5): touches per week against your "
            "weekly_goal, reply rates by channel, kind of touch and script (with their "
            "counts), the pipeline and its moves, referrals, follow-through, and the job "
            "futures going cold. docs/insights.md defines each. Only reads, so it works while "
            "the app is open."
        ),
        epilog="examples: jobfutures stats; jobfutures stats --since 2026-01-01 --json",
    )
    stats.add_argument(
        "--since",
        metavar="DATE",
        type=_since_day,
        help="count touches and job futures from this day on (2026-01-01, '3 weeks ago', "
        "'Jan 5'); default: ever, and the last 26 weeks for follow-through",
    )
    stats.add_argument("--json", action="store_true", help="print JSON for scripts instead of text")


def _since_day(text: str) -> Any:
    import argparse

    from jobfutures_tui.engine.spoken_dates import read_day
    from jobfutures_tui.models.dates import today

    try:
        day = read_day(text, today())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if day > today():
        raise argparse.ArgumentTypeError(
            f"'{text}' is {day:%d %b %Y}, after today: --since counts from a day already "
            "come (today or earlier)"
        )
    return day
