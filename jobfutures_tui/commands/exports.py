"""``jobfutures export FORMAT``: read-only, so it works while the app has the data open."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobfutures_tui.commands.common import EXIT_OK, emit_lines, folder_of, say, write_output
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files


def run_export(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        if not data_files(folder):
            raise ExchangeError(f"there is no jobfutures data in {folder} to export")
        with Repository.open(folder, read_only=True) as repo:
            if args.format == "csv":
                from jobfutures_tui.exchange.csv_export import write_tables
                from jobfutures_tui.exchange.dataset import Dataset

                target = Path(args.folder).expanduser()
                written = write_tables(Dataset.of(repo), target, overwrite=args.force)
                emit_lines([f"Wrote {path}" for path in written])
                return EXIT_OK
            data = _render(args, repo)
        written_to = write_output(args.output, data, force=args.force)
        if written_to is not None:
            say(f"Wrote {written_to}")
    return EXIT_OK


def _render(args: argparse.Namespace, repo: Repository) -> bytes:
    if args.format == "json":
        from jobfutures_tui.exchange.dataset import export_json

        return export_json(repo)
    if args.format == "ics":
        from jobfutures_tui.exchange.actions import calendar_bytes

        return calendar_bytes(repo, days=args.days)
    from jobfutures_tui.exchange.markdown import pick_prospect, prospect_markdown
    from jobfutures_tui.models.dates import today

    prospect = pick_prospect(repo, args.prospect)
    return prospect_markdown(repo, prospect, today=today()).encode("utf-8")
