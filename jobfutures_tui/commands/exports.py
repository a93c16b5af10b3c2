"""``jobfutures export FORMAT``: read-only, so it works while the app has the data open."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobfutures_tui.commands.common import (
    EXIT_OK,
    emit_lines,
    folder_of,
    say,
    warn_missing,
    write_output,
)
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.store import Repository
from jobfutures_tui.store.errors import lost_words
from jobfutures_tui.store.files import ensure_folder
from jobfutures_tui.store.layout import data_files


def run_export(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        if not data_files(folder):
            raise ExchangeError(f"there is no jobfutures data in {folder} to export")
        with Repository.open(folder, read_only=True) as repo:
            _refuse_missing(args, repo)
            if args.format == "csv":
                from jobfutures_tui.exchange.csv_export import write_tables
                from jobfutures_tui.exchange.dataset import Dataset

                target = Path(args.folder).expanduser()
                written = write_tables(Dataset.of(repo), target, overwrite=args.force)
                emit_lines([f"Wrote {path}" for path in written])
                return EXIT_OK
            if args.format == "ics" and args.keep is not None:
                return _keep_calendar(args, repo)
            data = _render(args, repo)
        written_to = write_output(args.output, data, force=args.force)
        if written_to is not None:
            say(f"Wrote {written_to}")
    return EXIT_OK


def _refuse_missing(args: argparse.Namespace, repo: Repository) -> None:
    """An export without a file the manifest lists would lose its records without a
    word, wherever the export goes: refused, unless ``--force`` (docs/storage.md)."""
    if not repo.lost_files:
        return
    if not args.force:
        name, problem = next(iter(repo.lost_files.items()))
        words = lost_words(repo.folder / name, problem, repo.backups_folder)
        raise ExchangeError(
            f"nothing was exported: {words} Give --force to export what is there without them"
        )
    warn_missing(repo)


def _render(args: argparse.Namespace, repo: Repository) -> bytes:
    if args.format == "json":
        from jobfutures_tui.exchange.dataset import export_json

        return export_json(repo)
    if args.format == "ics":
        from jobfutures_tui.commands.parsers import DEFAULT_CALENDAR_DAYS
        from jobfutures_tui.exchange.actions import calendar_bytes

        days = DEFAULT_CALENDAR_DAYS if args.days is None else args.days
        target = Path(args.output).expanduser() if args.output not in (None, "-") else None
        if target is not None and target.is_file() and args.force:
            try:  # a calendar of ours is replaced as the kept one is: moved and cancelled
                return calendar_bytes(repo, days=days, replacing=target)
            except ExchangeError:
                pass  # someone else's file, replaced as asked (--force)
        return calendar_bytes(repo, days=days)
    from jobfutures_tui.exchange.markdown import pick_prospect, prospect_markdown
    from jobfutures_tui.models.dates import today

    prospect = pick_prospect(repo, args.prospect)
    return prospect_markdown(repo, prospect, today=today()).encode("utf-8")


def _keep_calendar(args: argparse.Namespace, repo: Repository) -> int:
    """Write the calendar to FILE and name it in the settings, so every change rewrites it."""
    from jobfutures_tui import settings
    from jobfutures_tui.exchange.calendar_file import keep

    if args.output is not None:
        raise ExchangeError("give either --keep FILE or -o FILE, not both")
    if getattr(args, "demo", False):
        raise ExchangeError("--keep keeps a calendar of your own data, not of the demo's")
    path = Path(args.keep).expanduser().absolute()
    if path.is_dir():
        raise ExchangeError(f"{path} is a folder; give a file name, like {path / 'jobfutures.ics'}")
    chosen = settings.current().settings
    days = chosen.calendar_days if args.days is None else args.days
    try:
        ensure_folder(path.parent)
    except OSError as error:
        raise ExchangeError(f"cannot make {path.parent}: {error.strerror or error}") from None
    keep(repo, path, days=days, alarm=chosen.alarm_time())
    changes: dict[str, object] = {"calendar_file": str(path)}
    if args.days is not None:
        changes["calendar_days"] = days
    try:
        saved = settings.save(changes)
    except ValueError as error:
        raise ExchangeError(f"wrote {path}, but could not remember it: {error}") from None
    emit_lines(
        [
            f"Wrote {path}",
            f"It is rewritten after every change from now on (calendar_file in {saved.path}); "
            "subscribe to it in your calendar app.",
        ]
    )
    return EXIT_OK
