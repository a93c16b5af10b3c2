"""``jobfutures import FORMAT FILE``: a dry-run summary first, then one save after a backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobfutures_tui.commands.common import (
    EXIT_OK,
    emit_json,
    emit_lines,
    folder_of,
    lock_of,
    opened_to_change,
    progress_bar,
    refuse_read_only,
    say,
    say_merges,
    should_apply,
)
from jobfutures_tui.exchange.plan import Existing, ImportPlan, Progress
from jobfutures_tui.store import Repository


def build_plan(
    args: argparse.Namespace, existing: Existing, progress: Progress | None = None
) -> ImportPlan:
    """The dry run for ``args.format`` against ``existing`` (merge imports only)."""
    path = Path(args.file).expanduser()
    if args.format == "linkedin":
        from jobfutures_tui.exchange import linkedin

        plan = linkedin.plan_import(path, existing, progress)
    elif args.format == "vcard":
        from jobfutures_tui.exchange import vcard

        plan = vcard.plan_import(path, existing, progress)
    elif args.format == "csv":
        from jobfutures_tui.exchange.csv_import import CsvImport, Kind, parse_overrides

        sheet = CsvImport(
            path,
            kind=Kind(args.kind) if args.kind else None,
            overrides=parse_overrides(args.map),
        )
        plan = sheet.plan(existing, progress)
    else:
        from jobfutures_tui.exchange.json_import import plan_merge

        return plan_merge(path, existing, progress)
    plan.note_people_at_futures(existing)
    return plan


def run_import(args: argparse.Namespace) -> int:
    refuse_read_only(args, "importing")
    if args.format == "json" and args.replace:
        return _replace(args)
    touches = args.format == "json"
    with folder_of(args) as folder:
        progress = None if args.json else progress_bar("Reading")
        if args.apply:
            with opened_to_change(args, folder) as repo:
                plan = build_plan(args, Existing.of(repo, touches=touches), progress)
                _show(args, plan)
                backup = plan.apply(repo)
            say_merges(repo)
            return _done(args, plan, applied=True, backup=backup)
        plan = build_plan(args, Existing.in_folder(folder, touches=touches), progress)
        _show(args, plan)
        if not plan.to_save() or not should_apply(args, _question(plan)):
            return _done(args, plan, applied=False, backup=None)
        with opened_to_change(args, folder) as repo:
            # Worked out again under the lock: the data may have changed meanwhile.
            plan = build_plan(args, Existing.of(repo, touches=touches))
            backup = plan.apply(repo)
        say_merges(repo)
        return _done(args, plan, applied=True, backup=backup)


def _question(plan: ImportPlan) -> str:
    return f"Import {plan.what()}?"


def _show(args: argparse.Namespace, plan: ImportPlan) -> None:
    if not args.json:
        emit_lines(plan.summary())


def _done(args: argparse.Namespace, plan: ImportPlan, *, applied: bool, backup: Path | None) -> int:
    if args.json:
        emit_json(
            {
                **plan.to_json(),
                "applied": applied and bool(plan.to_save()),
                "backup": str(backup) if backup else None,
            }
        )
        return EXIT_OK
    if not plan.to_save():
        emit_lines(["Nothing new to import; nothing was changed."])
    elif applied:
        lines = [f"Imported: {plan.what()}."]
        if backup is not None:
            lines.append(f"Your data as it was before is in {backup}")
        emit_lines(lines)
    else:
        emit_lines(["Dry run: nothing was changed. Run again with --apply to import."])
    return EXIT_OK


def _replace(args: argparse.Namespace) -> int:
    from jobfutures_tui.exchange.json_import import plan_replace
    from jobfutures_tui.exchange.restore import install, snapshot_of

    path = Path(args.file).expanduser()
    plan, data = plan_replace(path)
    with folder_of(args) as folder:
        current = current_summary(folder)
        if not args.json:
            emit_lines([*plan.summary(), f"Your data now: {current} (all of it is replaced)."])
        if not should_apply(args, "Replace all your data with this export?"):
            return _done_replace(args, plan, applied=False, backup=None)
        backup = install(folder, snapshot_of(data, str(path)), **lock_of(args))
        if not args.json:
            say("Replaced.")
        return _done_replace(args, plan, applied=True, backup=backup)


def _done_replace(
    args: argparse.Namespace, plan: ImportPlan, *, applied: bool, backup: Path | None
) -> int:
    if args.json:
        emit_json({**plan.to_json(), "applied": applied, "backup": str(backup) if backup else None})
    elif applied:
        lines = ["Your data is now the export's."]
        if backup is not None:
            lines.append(f"Your data as it was before is in {backup}")
        emit_lines(lines)
    else:
        emit_lines(["Dry run: nothing was changed. Run again with --apply to replace your data."])
    return EXIT_OK


def current_summary(folder: Path) -> str:
    """What the folder holds now, in words; a refusal is said, not raised (it gets replaced)."""
    from jobfutures_tui.exchange.restore import counts_of, counts_summary
    from jobfutures_tui.store import StoreError
    from jobfutures_tui.store.layout import data_files

    if not data_files(folder):
        return "empty"
    try:
        with Repository.open(folder, read_only=True) as repo:  # verifies every record
            return counts_summary(counts_of(repo))
    except StoreError:
        return "cannot be read as it is (it is backed up before it is replaced)"
