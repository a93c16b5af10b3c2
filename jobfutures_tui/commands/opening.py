"""``jobfutures open COMPANY``: the next touch in the program made for it (``o`` in the
app), or its link printed (``--print``). Read-only: it works while the app is open."""

from __future__ import annotations

import argparse
import shlex

from jobfutures_tui.commands.changes import NOTHING_SAVED
from jobfutures_tui.commands.common import EXIT_OK, emit_lines, folder_of, say, warn_missing
from jobfutures_tui.commands.pick import job_future, person_of
from jobfutures_tui.engine.scripts import CLOSE, OPEN
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.opener import NO_OPENER, open_link
from jobfutures_tui.models import Channel
from jobfutures_tui.models.dates import today
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.usecases.open_touch import ReadyTouch, ready_touch

SENT = {Channel.EMAIL, Channel.LINKEDIN, Channel.TEXT}
"""Channels whose touch is done once the words are sent (a call is logged by how it went)."""


def run_open(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        if not data_files(folder):
            raise ExchangeError(f"there is no jobfutures data in {folder} yet")
        with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
            warn_missing(repo)
            try:
                prospect = job_future(repo, args.company, role=args.role)
                person = person_of(repo, prospect, args.person) if args.person else None
            except ExchangeError as error:  # open saves nothing: no "nothing was saved"
                raise ExchangeError(str(error).replace(f"; {NOTHING_SAVED}.", ".")) from None
            ready = ready_touch(
                repo, prospect.id, today=today(), person_id=person.id if person else None
            )
            company = repo.company(prospect.company_id)
    if ready is None or ready.opening.url is None:
        raise ExchangeError(ready.opening.said if ready is not None else "it is gone")
    if ready.blanks:
        names = ", ".join(f"{OPEN}{name}{CLOSE}" for name in ready.blanks)
        them = "them" if len(ready.blanks) > 1 else "it"
        say(f"Still blank in the words: {names}: fill {them} in before sending.")
    if args.print:
        emit_lines([ready.opening.url])
        return EXIT_OK
    if not open_link(ready.opening.url):
        emit_lines([ready.opening.url])
        raise ExchangeError(f"{NO_OPENER}; the link is printed above")
    words = f" with “{ready.script_name}”" if ready.script_name else ""
    say(f"Opened {ready.opening.said}{words}.")
    if ready.channel is Channel.LINKEDIN and ready.words:
        emit_lines([ready.words])  # a profile link cannot carry them: to paste in a message
    say(_log_hint(args, ready, company.name if company else args.company))
    return EXIT_OK


def _log_hint(args: argparse.Namespace, ready: ReadyTouch, company: str) -> str:
    """The command that logs the touch once it is made."""
    channel = ready.channel.value if ready.channel is not None else "email"
    command = ["jobfutures", "log", company, "--channel", channel]
    if args.role:
        command += ["--role", args.role]
    if args.person and ready.person is not None:
        command += ["--person", ready.person.name]
    if ready.kind is not None:
        command += ["--kind", ready.kind.value]
    if ready.script_id is not None:
        command += ["--script", ready.script_id]
    if ready.channel in SENT:
        return "Sent it? Log it: " + shlex.join([*command, "--outcome", "sent"])
    return "Then log how it went: " + shlex.join([*command, "--outcome", "OUTCOME"])
