"""The ``jobfutures`` command. Textual is imported only when the app opens,
so ``--version``, ``--help`` and the plain commands (``jobfutures due``) start fast."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jobfutures_tui import __version__, settings
from jobfutures_tui.collector import release_collector
from jobfutures_tui.commands.parsers import (
    DEFAULT_DUE_DAYS,
    DUE_LISTED,
    add_data_commands,
    days_argument,
)
from jobfutures_tui.models.clean import for_terminal
from jobfutures_tui.paths import BACKUPS_ENV_VAR, DEFAULT_KEEP, ENV_VAR, data_folder

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from jobfutures_tui.store import Repository

EXIT_OK = 0
EXIT_USER_ERROR = 1


class Parser(argparse.ArgumentParser):
    """argparse, with what it prints shown safely: its errors quote the arguments given,
    and an argument may hold an escape sequence."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(for_terminal(message) if message else message, file)


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``commands``, only what opening the app takes (its
    dozens of commands' parsers cost the app's start ~9 ms: :func:`main`), and no
    option abbreviated (``remind --keep`` is not ``--keep-backups``)."""
    parser = Parser(
        prog="jobfutures",
        allow_abbrev=commands,
        description=(
            "Keep your job futures warm: the hiring managers who interviewed you, "
            "liked you, and did not hire you (yet)."
        ),
        epilog=(
            f"Your data lives in {data_folder()} unless --data or ${ENV_VAR} says otherwise. "
            "The settings file (`jobfutures config` shows where) can name another data folder "
            "(data_folder) and the backups to keep (keep_backups), with the theme, keys, "
            "workdays and daily budget."
        ),
    )
    parser.add_argument("--version", action="version", version=f"jobfutures {__version__}")
    parser.add_argument(
        "--data",
        metavar="PATH",
        help=f"data folder to use (default: ${ENV_VAR}, then the settings' data_folder, "
        "then the user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a temporary copy of built-in sample data (your own data is not touched)",
    )
    parser.add_argument(
        "--keep-backups",
        metavar="N",
        type=_at_least_one,
        help=f"automatic backups to keep (default: ${BACKUPS_ENV_VAR}, then the settings' "
        f"keep_backups, else {DEFAULT_KEEP})",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="look without changing anything (works while another jobfutures has the data open)",
    )
    # The command is optional (without one, the app opens): say so in the usage line.
    usage = parser.format_usage().removeprefix("usage: ").rstrip() + " [COMMAND ...]"
    if not commands:
        parser.set_defaults(command=None)
        parser.usage = usage
        return parser
    subparsers = parser.add_subparsers(
        dest="command",
        title="commands",
        metavar="COMMAND",
        description="without a command, the app opens",
    )
    due = subparsers.add_parser(
        "due",
        help="list the touches due, most urgent first, without opening the app",
        description=(
            "List the touches due, grouped and most urgent first, without opening the app. "
            "Overdue touches are listed whatever --days says. A longer list stops after the "
            f"{DUE_LISTED} most urgent and says how many more are due. Only reads the data, "
            "so it works while jobfutures is open."
        ),
    )
    due.add_argument(
        "--days",
        metavar="N",
        type=days_argument,
        default=DEFAULT_DUE_DAYS,
        help=f"also list touches due in the next N days (default: {DEFAULT_DUE_DAYS}; 0: today)",
    )
    due.add_argument(
        "--all",
        action="store_true",
        dest="every",
        help=f"list every touch due, not only the {DUE_LISTED} most urgent (--json lists all)",
    )
    shown = due.add_mutually_exclusive_group()
    shown.add_argument(
        "--json",
        action="store_true",
        help="print JSON for scripts instead of text",
    )
    shown.add_argument(
        "--brief",
        action="store_true",
        help="one line of what is overdue and due today, for a shell's start file; nothing "
        "(and exit 0) when nothing is",
    )
    from jobfutures_tui.commands.change_parsers import add_change_commands
    from jobfutures_tui.commands.reminder_parsers import add_reminder_commands
    from jobfutures_tui.commands.setup_parsers import add_setup_commands

    add_change_commands(subparsers)  # add, log, move, profile
    add_data_commands(subparsers)  # import, export, backup, restore, backups, check
    add_setup_commands(subparsers)  # config, completion
    add_reminder_commands(subparsers)  # open, remind
    parser.usage = usage  # set last: the commands take their own usage from the parser's
    return parser


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("keep at least one backup")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions (commands/completion.py)
        import argcomplete

        from jobfutures_tui.commands.setup_parsers import add_completers

        parser = build_parser()
        add_completers(parser)
        argcomplete.autocomplete(parser)
        args = parser.parse_args(given)
    else:
        parser, args = _parsed(given)
    if getattr(args, "command", None) is not None:
        release_collector(command=True)  # its start-up is done (the app waits for its frame)
    _warn_about_settings(args)
    if args.command == "due":
        return _run_command(lambda: run_due_command(args))
    if args.keep_backups is None:
        kept = str(settings.current().settings.keep_backups)
        try:
            args.keep_backups = _at_least_one(os.environ.get(BACKUPS_ENV_VAR, kept))
        except argparse.ArgumentTypeError as error:
            parser.error(f"${BACKUPS_ENV_VAR}: {error}")
    if getattr(args, "handler", None):
        from jobfutures_tui.commands.common import run_handler

        return _run_command(lambda: run_handler(args))
    return _run_command(lambda: _open_app(args))


def _parsed(given: list[str]) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The arguments, read by the whole parser only when they may name a command (or ask
    for help): opening the app needs the options alone."""
    if not {"-h", "--help"} & set(given):
        parser = build_parser(commands=False)
        args, rest = parser.parse_known_args(given)
        if not rest:
            return parser, args
    parser = build_parser()
    return parser, parser.parse_args(given)


def _warn_about_settings(args: argparse.Namespace) -> None:
    """A settings file with a bad value still works (its default is used): say so on stderr,
    once (``jobfutures config`` lists the problems itself)."""
    if getattr(args, "command", None) == "config":
        return
    from jobfutures_tui.commands.common import complain

    for warning in settings.current().warnings:
        complain(warning)


def _folder(args: argparse.Namespace) -> Path:
    """--data, then $JOBFUTURES_DATA, then the settings' data_folder, then the default."""
    return data_folder(args.data, configured=settings.current().settings.data_folder)


def _open_app(args: argparse.Namespace) -> int:
    if args.demo:
        return run_demo()
    return run_app(_folder(args), read_only=args.read_only, keep_backups=args.keep_backups)


def _run_command(command: Callable[[], int]) -> int:
    """Run a command; a store refusal is printed to stderr and exits 1."""
    from jobfutures_tui.commands.common import complain
    from jobfutures_tui.store import StoreError

    try:
        return command()
    except StoreError as error:
        complain(str(error))
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return EXIT_USER_ERROR


def run_app(
    folder: Path, *, read_only: bool = False, demo: bool = False, keep_backups: int = DEFAULT_KEEP
) -> int:
    from jobfutures_tui.app import JobFuturesApp
    from jobfutures_tui.heap import large_blocks_from_the_system
    from jobfutures_tui.parsed_css import kept_between_runs

    large_blocks_from_the_system()  # the app runs for hours: no heap left scattered
    repo = open_for_app(folder, read_only=read_only, keep_backups=keep_backups)
    app: JobFuturesApp | None = None
    try:
        app = JobFuturesApp(repo, demo=demo, ask_profile=True)  # once, on the user's own data
        with kept_between_runs():
            app.run()
    finally:
        # A restore from the app closes the repository it began with and opens another.
        closed = _close(app.repo if app is not None else repo, said=bool(app and app.quit_unsaved))
    return (app.return_code or EXIT_OK) if closed else EXIT_USER_ERROR


def open_for_app(
    folder: Path, *, read_only: bool = False, keep_backups: int = DEFAULT_KEEP
) -> Repository:
    """The app's data, no collection held parsed (docs/storage.md, "Reading");
    read-only when a file its manifest lists is gone or holds fewer records, so the
    app shows what is there and says what is lost rather than refuse the first
    change (docs/storage.md, "Commits")."""
    from jobfutures_tui.store import BackgroundWriter, Repository

    repo = Repository.open(
        folder,
        read_only=read_only,
        writer=None if read_only else BackgroundWriter(),
        verify=False,
        keep_backups=keep_backups,
        holder="the jobfutures app",
        lock_wait=3.0,
        streamed=True,
    )
    if repo.lost_files and not read_only:
        repo.close()  # the grace for a sync tool is spent: opened again at once
        repo = Repository.open(folder, read_only=True, verify=False, sync_grace=0, streamed=True)
    return repo


def _close(repo: Repository, *, said: bool) -> bool:
    """Close the app's data: a last try at saves that failed; False if they still fail
    (said here, unless the app said so as the user chose to quit without them)."""
    from jobfutures_tui.commands.common import complain
    from jobfutures_tui.store import SaveFailed

    try:
        repo.close()
    except SaveFailed as failed:
        if not said:
            complain(f"your latest changes were not saved: {failed.problem}.")
        return False
    return True


def run_demo() -> int:
    from jobfutures_tui.commands.common import demo_folder

    with demo_folder() as folder:
        return run_app(folder, demo=True)


def run_due_command(args: argparse.Namespace) -> int:
    """``jobfutures [--data PATH | --demo] due [--days N] [--all] [--json | --brief]``."""
    from jobfutures_tui.commands.common import demo_folder

    if args.brief:
        from jobfutures_tui.commands.brief import run_brief

        if not args.demo:
            return run_brief(_folder(args))
        with demo_folder() as folder:
            return run_brief(folder, keep=False)
    from jobfutures_tui.commands.due import run_due

    if not args.demo:
        return run_due(_folder(args), days=args.days, as_json=args.json, every=args.every)
    with demo_folder() as folder:
        return run_due(folder, days=args.days, as_json=args.json, every=args.every)
