"""A backup of the data as it is on disk, taken just before an import or repair changes it."""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui.store import ReadOnly, Repository
from jobfutures_tui.store.backups import make_backup
from jobfutures_tui.store.schema import as_created


def backup_first(repo: Repository) -> Path | None:
    """Snapshot the folder now (after pending saves land); None if it holds no data yet.

    The repository would snapshot before its first write of a session anyway;
    in the app that write may be long past, so a change the user asked for in
    bulk always gets a fresh one.
    """
    writer = repo.writer
    if writer is None:
        raise ReadOnly()
    repo.flush()
    if as_created(repo.folder):
        writer.before_first_write = None
        return None  # a folder just created holds nothing worth a backup
    taken = make_backup(repo.folder, repo.backups_folder, repo.keep_backups)
    writer.before_first_write = None  # just taken: the save need not take another
    return taken
