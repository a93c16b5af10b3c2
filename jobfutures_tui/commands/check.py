"""``jobfutures check [--repair]``: exit 0 when all is well, 1 when a problem remains."""

from __future__ import annotations

import argparse

from jobfutures_tui.commands.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    emit_json,
    emit_lines,
    folder_of,
    lock_of,
    refuse_read_only,
)
from jobfutures_tui.exchange.check import check_folder, repair_folder


def run_check(args: argparse.Namespace) -> int:
    with folder_of(args) as folder:
        if not args.repair:
            report = check_folder(folder)
            if args.json:
                emit_json(report.to_json())
            else:
                emit_lines(report.lines())
            return EXIT_OK if report.ok else EXIT_USER_ERROR
        refuse_read_only(args, "repairing")
        result = repair_folder(folder, **lock_of(args))
        after = check_folder(folder)
    if args.json:
        emit_json({**result.to_json(), "after": after.to_json()})
    elif result.before.ok:
        emit_lines(result.before.lines())
    else:
        emit_lines(result.lines() + after.lines())
    return EXIT_OK if after.ok else EXIT_USER_ERROR
