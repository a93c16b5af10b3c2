"""``jobfutures due --brief``: one line for a shell's start file, or nothing.

Printed from the line kept since the data last changed when there is one
(:mod:`~jobfutures_tui.exchange.brief`), so it costs little more than
``jobfutures --version``; the use cases are loaded only to work it out again.
"""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui.commands.common import EXIT_OK, emit, opened_to_list
from jobfutures_tui.exchange.brief import kept_line, remember, worked_out_from
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store.layout import data_files


def run_brief(folder: Path, *, keep: bool = True) -> int:
    """Print the line (nothing when nothing is overdue or due today); always exit 0.
    ``keep``: use and keep the line between shells (not for the demo's copy)."""
    today = local_today()
    if not data_files(folder):
        return EXIT_OK
    worked_from = worked_out_from(folder, today)
    line = kept_line(folder, worked_from) if keep else None
    if line is None:
        from jobfutures_tui.exchange.brief import brief_line
        from jobfutures_tui.usecases.due import due_items

        with opened_to_list(folder, "due --brief") as repo:
            line = brief_line(due_items(repo, today=today, within_days=0), today=today)
        if keep:
            remember(folder, line, worked_from)
    if line:
        emit(line + "\n")
    return EXIT_OK
