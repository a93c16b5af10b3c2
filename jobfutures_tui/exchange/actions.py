"""What the app's command palette runs: the same exports, backups, imports and restores
as the shell.

Plain functions over an open :class:`Repository`; no textual import, no
printing. Each returns the files it wrote so the app can say where they are.
Run them in a thread worker: they read every record and write files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jobfutures_tui.exchange.backup import backup_to
from jobfutures_tui.exchange.csv_export import write_tables
from jobfutures_tui.exchange.dataset import Dataset, export_json
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.ics import calendar
from jobfutures_tui.exchange.markdown import prospect_markdown
from jobfutures_tui.exchange.plan import Existing, ImportPlan, Progress
from jobfutures_tui.exchange.restore import Snapshot
from jobfutures_tui.models.dates import now, today
from jobfutures_tui.rules.due import due_items
from jobfutures_tui.store import ReadOnly, Repository, StoreError, Writer
from jobfutures_tui.store.files import write_atomic

DEFAULT_CALENDAR_DAYS = 60


def calendar_bytes(repo: Repository, *, days: int = DEFAULT_CALENDAR_DAYS) -> bytes:
    """The .ics of the touches due within ``days`` (overdue ones included, on today)."""
    day = today()
    items = due_items(repo, today=day, within_days=days)
    return calendar(items, today=day, stamp=now())


def export_all(repo: Repository, folder: Path, *, overwrite: bool = True) -> list[Path]:
    """Everything into ``folder``: jobfutures.json, the three CSV files and due.ics."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / "jobfutures.json"
    ics_path = folder / "jobfutures-due.ics"
    if not overwrite:
        for path in (json_path, ics_path):
            if path.exists():
                raise ExchangeError(f"{path} already exists")
    write_atomic(json_path, export_json(repo))
    written = [json_path, *write_tables(Dataset.of(repo), folder, overwrite=overwrite)]
    write_atomic(ics_path, calendar_bytes(repo))
    return [*written, ics_path]


def export_calendar(repo: Repository, path: Path, *, days: int = DEFAULT_CALENDAR_DAYS) -> Path:
    write_atomic(path, calendar_bytes(repo, days=days))
    return path


def export_prospect_markdown(repo: Repository, prospect_id: str, path: Path) -> Path:
    prospect = repo.prospect(prospect_id)
    if prospect is None:
        raise ExchangeError(f"there is no job future {prospect_id}")
    write_atomic(path, prospect_markdown(repo, prospect, today=today()).encode("utf-8"))
    return path


def backup_now(repo: Repository, path: Path) -> Path:
    """A single-file backup of the data as saved so far (pending saves land first).

    ``path`` is a file, or a folder to write ``jobfutures_<date>_<time>.zip`` in.
    """
    repo.flush()
    return backup_to(repo.folder, path)


def plan_import(
    repo: Repository, kind: str, path: Path, progress: Progress | None = None
) -> ImportPlan:
    """The dry run of importing ``path`` (kind: linkedin, vcard, csv or json) into ``repo``.

    Show ``plan.summary()``, then ``plan.apply(repo)`` takes a backup and saves
    it all at once. ``progress(done, total)`` is called as rows are read (from
    the worker's thread). A JSON file is merged; replacing needs the folder
    closed (``jobfutures import json --replace``).
    """
    from jobfutures_tui.exchange import csv_import, json_import, linkedin, vcard

    existing = Existing.of(repo, touches=kind == "json")
    if kind == "linkedin":
        return linkedin.plan_import(path, existing, progress)
    if kind == "vcard":
        return vcard.plan_import(path, existing, progress)
    if kind == "csv":
        return csv_import.CsvImport(path).plan(existing, progress)
    if kind == "json":
        return json_import.plan_merge(path, existing, progress)
    raise ExchangeError(f"unknown kind of file to import: {kind}")


def check_restore(path: Path, *, json_export: bool = False) -> Snapshot:
    """What restoring ``path`` would put in place, checked whole: a backup zip or a JSON
    export, as ``jobfutures restore`` reads it; with ``json_export``, only an export, as
    ``jobfutures import json --replace`` reads it.

    Raises ExchangeError for a damaged file or one from a newer jobfutures; reads only.
    """
    from jobfutures_tui.exchange.restore import load_snapshot, snapshot_of

    if not json_export:
        return load_snapshot(path)
    from jobfutures_tui.exchange.json_import import plan_replace

    _, data = plan_replace(path)
    return snapshot_of(data, str(path))


class NotRestored(ExchangeError):
    """Restoring failed after the folder was closed; ``repo`` is the folder opened again."""

    def __init__(self, message: str, repo: Repository) -> None:
        super().__init__(message)
        self.repo = repo


def restore_open(
    repo: Repository, snapshot: Snapshot, *, new_writer: Callable[[], Writer] = Writer
) -> tuple[Repository, Path | None]:
    """Replace the data of an open repository by ``snapshot``, as ``jobfutures restore`` does.

    The repository's pending saves land first; if they cannot, this raises (SaveFailed,
    TimeoutError) and ``repo`` stays open, unchanged. Then it is closed, which lets
    :func:`~jobfutures_tui.exchange.restore.install` take the lock, back up the data and
    put the snapshot in place, and the folder is opened again with a writer from
    ``new_writer`` (the snapshot was checked whole, so the records are not verified
    again here). Returns that new repository and the backup of the data it replaced.
    If the install fails, NotRestored carries the reopened repository; if the folder
    cannot be opened again, the StoreError says why and there is no repository left.
    """
    from jobfutures_tui.exchange.restore import install

    if repo.read_only:
        raise ReadOnly()
    repo.flush()
    repo.close()
    backup: Path | None = None
    failure: Exception | None = None
    try:
        backup = install(repo.folder, snapshot, keep_backups=repo.keep_backups)
    except (OSError, StoreError) as error:
        failure = error
    reopened = Repository.open(
        repo.folder, writer=new_writer(), keep_backups=repo.keep_backups, verify=False
    )
    if failure is not None:
        raise NotRestored(
            f"Not restored: {failure}\nA part may have been written: your data as it was "
            f"is in the newest backup in {reopened.backups_folder}.",
            reopened,
        )
    return reopened, backup
