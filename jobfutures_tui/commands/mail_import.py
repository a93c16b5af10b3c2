"""``jobfutures import mail PATH``: your mail as touches, a dry run first, then one save.

As the other imports (``commands/imports.py``): the dry run reads the data
read-only (so it works while the app is open), ``--apply`` or ``y`` at the
prompt saves everything new at once after a backup. The rules: docs/mail.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from jobfutures_tui.commands.common import (
    BAR_CELLS,
    folder_of,
    opened_to_change,
    refuse_read_only,
    say_merges,
    should_apply,
)
from jobfutures_tui.commands.imports import _done, _question, _show
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.mail_read import MailProgress
from jobfutures_tui.models.clean import for_terminal

if TYPE_CHECKING:
    import pendulum


def run_mail(args: argparse.Namespace) -> int:
    from jobfutures_tui.exchange.mail import plan_import
    from jobfutures_tui.store import Repository
    from jobfutures_tui.store.layout import data_files

    refuse_read_only(args, "importing")
    since = since_of(args.since)
    path = Path(args.file).expanduser()
    if not path.exists():
        raise ExchangeError(f"{path} does not exist")
    with folder_of(args) as folder:
        progress = None if args.json else mail_counter()
        if args.apply:
            with opened_to_change(args, folder) as repo:
                plan = plan_import(path, repo, progress, since=since)
                _show(args, plan)
                backup = plan.apply(repo)
            say_merges(repo)
            return _done(args, plan, applied=True, backup=backup)
        if not data_files(folder):
            raise ExchangeError(
                f"there is no data in {folder} yet: add the people you keep in touch with "
                "(and your profile's email) first"
            )
        with Repository.open(folder, read_only=True) as repo:
            plan = plan_import(path, repo, progress, since=since)
        _show(args, plan)
        if not plan.to_save() or not should_apply(args, _question(plan)):
            return _done(args, plan, applied=False, backup=None)
        with opened_to_change(args, folder) as repo:
            # Worked out again under the lock: the data may have changed meanwhile.
            plan = plan_import(path, repo, mail_counter(), since=since)
            backup = plan.apply(repo)
        say_merges(repo)
        return _done(args, plan, applied=True, backup=backup)


def since_of(text: str | None) -> pendulum.Date | None:
    """``--since`` read as the log command reads a day; a wrong one is refused by name."""
    if text is None:
        return None
    from jobfutures_tui.usecases.touch_log import parse_day

    try:
        return parse_day(text)
    except ValueError as error:
        raise ExchangeError(f"--since: {error}") from None


def mail_counter(stream: TextIO | None = None, *, force: bool = False) -> MailProgress | None:
    """How far the reading is and how many messages so far, on stderr, only when a person
    is watching: 'Reading mail ██████░░░░ 41% · 41,020 messages'."""
    out = stream or sys.stderr
    if not force and not out.isatty():
        return None

    ended = False

    def update(done: int, total: int, count: int) -> None:
        nonlocal ended
        if ended:
            return
        filled = BAR_CELLS * done // max(total, 1)
        bar = "█" * filled + "░" * (BAR_CELLS - filled)
        percent = 100 * done // max(total, 1)
        out.write(for_terminal(f"\rReading mail {bar} {percent:3d}% · {count:,} messages"))
        if done >= total:
            out.write("\n")
            ended = True
        out.flush()

    return update
