"""The arguments of the data commands: import, export, backup, restore, backups, check;
and the number of days ahead that ``due`` and ``export ics`` both take.

Only argparse here, so ``jobfutures --help`` stays fast; each command names
its handler as ``module:function``, imported when the command runs.
"""

from __future__ import annotations

import argparse
from typing import Any

DEFAULT_CALENDAR_DAYS = 60
DEFAULT_DUE_DAYS = 7
DUE_LISTED = 30
"""Touches ``jobfutures due`` lists, the most urgent, unless ``--all``: more than anyone
works through in a day, and a backlog of hundreds would scroll the list's top away."""
MAX_DUE_DAYS = 36_500
"""A hundred years: far enough to mean "everything", near enough for the calendar."""

_APPLY = "apply it without asking (without this, only the dry-run summary is shown)"
_JSON = "print JSON for scripts instead of text"


def _command(commands: Any, name: str, handler: str, **kwargs: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(name, **kwargs)
    parser.set_defaults(handler=f"jobfutures_tui.commands.{handler}")
    return parser


def days_argument(text: str) -> int:
    """A number of days ahead, as ``jobfutures due --days`` and ``export ics --days`` take."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days") from None
    if value < 0:
        raise argparse.ArgumentTypeError("give 0 (today only) or more days")
    if value > MAX_DUE_DAYS:
        raise argparse.ArgumentTypeError(f"give at most {MAX_DUE_DAYS} days")
    return value


def add_data_commands(commands: Any) -> None:
    """Add the data commands to the ``jobfutures`` subparsers."""
    _add_import(commands)
    _add_export(commands)

    backup = _command(
        commands,
        "backup",
        "backup:run_backup",
        help="write the whole data to one backup file",
        description=(
            "Write every data file into one zip file, the same kind of file as the automatic "
            "backups. Works while the app is open."
        ),
    )
    backup.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="file to write, or folder to write it in (default: the current folder)",
    )
    backup.add_argument("--force", action="store_true", help="replace PATH if it exists")
    backup.add_argument("--json", action="store_true", help=_JSON)

    restore = _command(
        commands,
        "restore",
        "backup:run_restore",
        help="put back a backup (or a JSON export), after backing up the current data",
        description=(
            "Replace all your data with a backup file (from jobfutures backup, or an automatic "
            "one from jobfutures backups) or a JSON export. The file is checked whole first: a "
            "damaged one, or one from a newer jobfutures, is refused and nothing changes. The "
            "current data is backed up before it is replaced."
        ),
    )
    restore.add_argument("file", metavar="FILE", help="a backup .zip or a jobfutures .json")
    restore.add_argument("--apply", action="store_true", help=_APPLY)
    restore.add_argument("--json", action="store_true", help=_JSON)

    backups = _command(
        commands,
        "backups",
        "backup:run_backups",
        help="list the automatic backups, newest first, with dates and sizes",
        description="List the backups jobfutures took by itself before changing your data.",
    )
    backups.add_argument("--json", action="store_true", help=_JSON)

    check = _command(
        commands,
        "check",
        "check:run_check",
        help="check every record and reference; --repair fixes what is safe",
        description=(
            "Read every data file and record and check the links between them (people of "
            "missing companies, touches of deleted job futures, a touch stored twice…). "
            "Exits 1 when it finds a problem. Only reads, unless --repair is given."
        ),
    )
    check.add_argument(
        "--repair",
        action="store_true",
        help="fix what can be fixed without losing anything, after a backup",
    )
    check.add_argument("--json", action="store_true", help=_JSON)


def _add_import(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="bring in contacts or job futures (LinkedIn, vCard, CSV, a jobfutures export), "
        "or your mail as touches",
        description=(
            "Read a file and show what importing it would do: new, already here, skipped, "
            "errors with line numbers. Nothing changes until you confirm (or give --apply); "
            "then a backup is taken and everything new is saved at once. What is stored is "
            "never overwritten: a person already here only gains the emails and phones they "
            "do not have, and an address or city where theirs is empty (each shown in the "
            "dry run). Only import json --replace replaces the data."
        ),
    )
    formats = parser.add_subparsers(dest="format", metavar="FORMAT", title="formats")
    formats.required = True

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("file", metavar="FILE", help="the file to read")
        sub.add_argument("--apply", action="store_true", help=_APPLY)
        sub.add_argument("--json", action="store_true", help=_JSON)

    common(
        _command(
            formats,
            "linkedin",
            "imports:run_import",
            help="LinkedIn's Connections.csv, or the zip it came in (Settings › Get a copy of "
            "your data)",
            description=(
                "Import LinkedIn's Connections.csv (the file, or the zip LinkedIn sends it "
                "in) as people, matched to the people you have "
                "by profile URL, then email, then name and company. Importing the same file "
                "again adds nothing."
            ),
        )
    )
    common(
        _command(
            formats,
            "vcard",
            "imports:run_import",
            help="a .vcf address book export (vCard 2.1, 3.0 or 4.0)",
            description="Import every card of a .vcf file as people (and their companies).",
        )
    )
    csv_parser = _command(
        formats,
        "csv",
        "imports:run_import",
        help="a spreadsheet of people or of job futures",
        description=(
            "Import a CSV file of people or of job futures. The columns are matched to fields "
            "from the header; the dry run shows the mapping, and --map changes it."
        ),
        epilog=(
            "fields of people: name, first_name, last_name, title, company, role, "
            "preferred_channel, phone, email, linkedin, city, notes, do_not_contact. "
            "Fields of job futures (prospects): company, website, person, person_title, "
            "person_email, person_phone, person_linkedin, role, stage, origin, began_on, notes, "
            "self_assessment, tags."
        ),
    )
    common(csv_parser)
    csv_parser.add_argument(
        "--kind",
        choices=("people", "prospects"),
        help="what each row is (default: guessed from the header)",
    )
    csv_parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="fill FIELD from COLUMN (COLUMN= leaves it out); repeat for more columns",
    )
    json_parser = _command(
        formats,
        "json",
        "imports:run_import",
        help="a jobfutures JSON export: merge it, or replace your data with it",
        description=(
            "Bring back a jobfutures export. --merge adds what you do not have yet and leaves "
            "your records as they are; --replace makes your data exactly the export's (after "
            "a backup)."
        ),
    )
    common(json_parser)
    mode = json_parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--merge", action="store_true", help="add what is not here yet")
    mode.add_argument("--replace", action="store_true", help="replace all your data with it")
    mail = _command(
        formats,
        "mail",
        "mail_import:run_mail",
        help="your mail on disk (an mbox file, a Maildir, a folder of .eml files): "
        "each message with someone you know becomes a touch",
        description=(
            "Read the headers of your mail (an mbox file, a Maildir, or a folder of them "
            "and of .eml files, such as a Thunderbird profile) and log each message between "
            "you (your profile's addresses) and someone you know as an email touch: sent, or "
            "their reply. Importing the same mail again adds nothing."
        ),
    )
    mail.add_argument("file", metavar="PATH", help="an mbox file, a Maildir or a folder")
    mail.add_argument("--apply", action="store_true", help=_APPLY)
    mail.add_argument("--json", action="store_true", help=_JSON)
    mail.add_argument(
        "--since",
        metavar="DATE",
        help="only mail from this day on ('2026-01-01', '3 months ago', 'last friday')",
    )


def _add_export(commands: Any) -> None:
    parser = commands.add_parser(
        "export",
        help="write your data as JSON, CSV, a calendar (.ics) or Markdown",
        description="Write your data out. Only reads, so it works while the app is open.",
    )
    formats = parser.add_subparsers(dest="format", metavar="FORMAT", title="formats")
    formats.required = True

    def output(sub: argparse.ArgumentParser, what: str) -> None:
        sub.add_argument(
            "-o", "--output", metavar="FILE", help=f"write {what} to FILE (default: stdout)"
        )
        sub.add_argument(
            "--force",
            action="store_true",
            help="replace FILE if it exists; export even with a data file missing",
        )

    output(
        _command(
            formats,
            "json",
            "exports:run_export",
            help="everything, lossless and versioned (import json brings it back)",
            description="Write every record as one versioned JSON document.",
        ),
        "the JSON",
    )
    csv_parser = _command(
        formats,
        "csv",
        "exports:run_export",
        help="prospects.csv, people.csv and touches.csv for a spreadsheet",
        description=(
            "Write prospects.csv, people.csv and touches.csv (UTF-8 with a header row; cells "
            "a spreadsheet would run as formulas are prefixed with an apostrophe)."
        ),
    )
    csv_parser.add_argument(
        "folder", nargs="?", default=".", metavar="FOLDER", help="where (default: here)"
    )
    csv_parser.add_argument(
        "--force",
        action="store_true",
        help="replace the files if present; export even with a data file missing",
    )
    ics = _command(
        formats,
        "ics",
        "exports:run_export",
        help="the touches due, as calendar events (.ics)",
        description=(
            "Write the touches due as all-day calendar events with the channel, the reason and "
            "an alarm (the calendar_alarm setting). One event per job future: importing a "
            "newer file moves it, and cancels those no longer due, instead of adding copies."
        ),
    )
    output(ics, "the calendar")
    ics.add_argument(
        "--keep",
        metavar="FILE",
        help="write the calendar to FILE now and after every change from now on (the "
        "calendar_file setting), for a calendar app subscribed to it",
    )
    ics.add_argument(
        "--days",
        type=days_argument,
        metavar="N",
        help=f"touches due in the next N days (default: {DEFAULT_CALENDAR_DAYS}, with --keep the "
        "calendar_days setting; overdue ones are always in, on today)",
    )
    markdown = _command(
        formats,
        "markdown",
        "exports:run_export",
        help="one job future as Markdown: people, notes, timeline (to prepare a call)",
        description="Write one job future as Markdown, newest touch first.",
    )
    markdown.add_argument(
        "prospect",
        metavar="PROSPECT",
        help="words of its company, role or person (or its id)",
    )
    output(markdown, "the Markdown")
