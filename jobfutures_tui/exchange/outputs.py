"""What lives outside the data and must follow it after every change: the calendar
file the settings name, and the line a new shell prints (``due --brief``).

The app runs :func:`follow_changes` on a worker after each change, undo and
redo; the shell after each command that changed the data.
"""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui.exchange.brief import anything_kept, brief_line, is_kept, remember
from jobfutures_tui.exchange.calendar_file import keep_as_set
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store import Repository, SaveFailed, StoreError
from jobfutures_tui.usecases.due import due_items


def follow_changes(repo: Repository, *, worked_from: str | None = None) -> list[str]:
    """Rewrite the kept calendar and, with ``worked_from`` (:func:`brief.worked_out_from`
    of the files ``repo`` holds), the shell's line if one is kept. The problems, in words:
    none stops anything."""
    problems = []
    try:
        keep_as_set(repo)
    except ExchangeError as error:
        problems.append(f"The calendar file was not rewritten: {error}.")
    if worked_from is not None and is_kept(repo.folder):
        today = local_today()
        line = brief_line(due_items(repo, today=today, within_days=0), today=today)
        remember(repo.folder, line, worked_from)
    return problems


def follow_open(repo: Repository) -> list[str]:
    """From the app, which saves on a thread: the pending saves are waited for, so the
    shell's line is kept with the files it was worked out from."""
    from jobfutures_tui.exchange.brief import worked_out_from

    try:
        repo.flush(timeout=10)
    except (SaveFailed, TimeoutError):
        return follow_changes(repo)  # the app says what is not saved; no line for the shell
    return follow_changes(repo, worked_from=worked_out_from(repo.folder, local_today()))


def follow_folder(folder: Path) -> list[str]:
    """After a shell command changed the data in ``folder`` (or the settings): the same,
    from the files as they are now; nothing to do when nothing is kept."""
    from jobfutures_tui.exchange.brief import worked_out_from
    from jobfutures_tui.store.layout import data_files

    if not anything_kept(folder) or not data_files(folder):
        return []
    worked_from = worked_out_from(folder, local_today())
    try:
        with Repository.open(folder, read_only=True, verify=False) as repo:
            return follow_changes(repo, worked_from=worked_from)
    except StoreError as error:
        return [f"The calendar file and the shell's line were not brought up to date: {error}."]
