"""``jobfutures backup``, ``restore`` and ``backups``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pendulum

from jobfutures_tui.commands.common import (
    EXIT_OK,
    emit_json,
    emit_lines,
    folder_of,
    lock_of,
    refuse_read_only,
    should_apply,
)
from jobfutures_tui.exchange.backup import (
    automatic_backups,
    backup_line,
    backup_to,
    human_size,
    kept_tiers,
    taken_at,
)
from jobfutures_tui.store.backups import DAILY_DAYS, MONTHLY_MONTHS


def run_backup(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        target = Path(args.path).expanduser() if args.path else None
        written = backup_to(folder, target, overwrite=args.force)
    size = written.stat().st_size
    if args.json:
        emit_json({"backup": str(written), "size": size})
    else:
        emit_lines([f"Backed up to {written} ({human_size(size)})"])
    return EXIT_OK


def run_backups(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        found = automatic_backups(folder)
    kept = kept_tiers(found, args.keep_backups)
    if args.json:
        emit_json(
            [
                {
                    "path": str(b.path),
                    "taken_at": _iso(taken_at(b)),
                    "size": b.size,
                    "tier": kept.get(b.path),
                }
                for b in found
            ]
        )
        return EXIT_OK
    if not found:
        emit_lines([f"No automatic backups in {folder / 'backups'} yet."])
        return EXIT_OK
    lines = [f"Automatic backups in {found[0].path.parent}, newest first:"]
    lines += [f"  {backup_line(backup, kept.get(backup.path, 'older'))}" for backup in found]
    lines.append(
        f"Kept: the {args.keep_backups} most recent, the last of each of the last "
        f"{DAILY_DAYS} days, the last of each of the last {MONTHLY_MONTHS} months."
    )
    lines.append(
        "Taken before a session's first change; commands like add, log and move take one "
        "at most an hour while only they change the data."
    )
    lines.append("Put one back with: jobfutures restore FILE")
    emit_lines(lines)
    return EXIT_OK


def _iso(moment: pendulum.DateTime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def run_restore(args: argparse.Namespace) -> int:
    from jobfutures_tui.commands.imports import current_summary
    from jobfutures_tui.exchange.restore import install, load_snapshot

    refuse_read_only(args, "restoring")
    path = Path(args.file).expanduser()
    snapshot = load_snapshot(path)
    with folder_of(args) as folder:
        current = current_summary(folder)
        if not args.json:
            emit_lines(
                [
                    f"Restore {path}: {snapshot.summary()}.",
                    f"Your data now, in {folder}: {current} (all of it is replaced; "
                    "a backup is taken first).",
                ]
            )
        if not should_apply(args, "Replace your data with this backup?"):
            if args.json:
                emit_json({"restored": False, "file": str(path), "counts": snapshot.counts})
            else:
                emit_lines(["Nothing was changed. Run again with --apply to restore."])
            return EXIT_OK
        backup = install(folder, snapshot, **lock_of(args))
    if args.json:
        emit_json(
            {
                "restored": True,
                "file": str(path),
                "counts": snapshot.counts,
                "backup": str(backup) if backup else None,
            }
        )
    else:
        lines = ["Restored."]
        if backup is not None:
            lines.append(f"Your data as it was before is in {backup}")
        emit_lines(lines)
    return EXIT_OK
