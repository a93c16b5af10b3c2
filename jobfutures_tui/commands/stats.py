"""``jobfutures stats``: how it is going, the same figures as the insights screen (5),
as plain text or JSON, without the app (definitions: docs/insights.md)."""

from __future__ import annotations

import argparse

from jobfutures_tui.commands.common import (
    EXIT_OK,
    emit_json,
    emit_lines,
    folder_of,
    say,
    warn_missing,
)
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.usecases.insights import insights, nothing_yet, weekly_goal
from jobfutures_tui.usecases.insights_words import as_json, text_lines


def run_stats(args: argparse.Namespace) -> int:
    """Print every figure; read-only, so it works while the app has the data open."""
    today = local_today()
    with folder_of(args) as folder:
        if not data_files(folder):
            note = f"No jobfutures data in {folder} yet: nothing to count."
            if not args.json:
                emit_lines([note])
                return EXIT_OK
            say(note)  # the JSON every figure at nothing, as scripts expect
            emit_json(as_json(nothing_yet(today=today, since=args.since, goal=weekly_goal())))
            return EXIT_OK
        with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
            warn_missing(repo)
            found = insights(repo, today=today, since=args.since, goal=weekly_goal())
    if args.json:
        emit_json(as_json(found))
    else:
        emit_lines(text_lines(found))
    return EXIT_OK
