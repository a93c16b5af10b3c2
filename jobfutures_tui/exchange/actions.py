"""What the app's command palette runs: the same exports, backups, imports, restores,
checks and repairs as the shell.

Plain functions over an open :class:`Repository`; no textual import, no
printing. Each returns the files it wrote so the app can say where they are.
Run them in a thread worker: they read every record and write files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from jobfutures_tui import settings
from jobfutures_tui.exchange.backup import backup_to
from jobfutures_tui.exchange.calendar_file import calendar_now, previous_events
from jobfutures_tui.exchange.check import Repair, Report, check_folder, repair_folder
from jobfutures_tui.exchange.csv_export import write_tables
from jobfutures_tui.exchange.dataset import Dataset, export_json
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.markdown import markdown_name, prospect_markdown
from jobfutures_tui.exchange.plan import Existing, ImportPlan, Progress
from jobfutures_tui.exchange.restore import Snapshot
from jobfutures_tui.models.dates import today
from jobfutures_tui.store import ReadOnly, Repository, SaveFailed, StoreError, Writer
from jobfutures_tui.store.errors import NotWritable
from jobfutures_tui.store.files import ensure_folder, write_atomic

DEFAULT_CALENDAR_DAYS = 60
T = TypeVar("T")


def calendar_bytes(
    repo: Repository, *, days: int = DEFAULT_CALENDAR_DAYS, replacing: Path | None = None
) -> bytes:
    """The .ics of the touches due within ``days`` (overdue ones included, on today), with
    the alarm the settings ask for; ``replacing``: the file it will replace, whose events
    it moves and cancels."""
    previous = previous_events(replacing) if replacing is not None else None
    alarm = settings.current().settings.alarm_time()
    return calendar_now(repo, days=days, previous=previous, alarm=alarm)


def export_all(repo: Repository, folder: Path, *, overwrite: bool = True) -> list[Path]:
    """Everything into ``folder``: jobfutures.json, the three CSV files and due.ics."""
    ensure_folder(folder)
    json_path = folder / "jobfutures.json"
    ics_path = folder / "jobfutures-due.ics"
    if not overwrite:
        for path in (json_path, ics_path):
            if path.exists():
                raise ExchangeError(f"{path} already exists")
    write_atomic(json_path, export_json(repo))
    written = [json_path, *write_tables(Dataset.of(repo), folder, overwrite=overwrite)]
    write_atomic(ics_path, calendar_bytes(repo, replacing=ics_path))
    return [*written, ics_path]


def export_prospect_markdown(repo: Repository, prospect_id: str, path: Path) -> Path:
    """One job future as Markdown, for preparing a call.

    ``path`` is a file, or a folder to write ``<company>_<date>.md`` in (a second
    export on the same day replaces the first: it is the same story, newer).
    """
    prospect = repo.prospect(prospect_id)
    if prospect is None:
        raise ExchangeError(f"there is no job future {prospect_id}")
    day = today()
    if path.is_dir():
        company = repo.company(prospect.company_id)
        path = path / markdown_name(company.name if company else "", day)
    write_atomic(path, prospect_markdown(repo, prospect, today=day).encode("utf-8"))
    return path


def backup_now(repo: Repository, path: Path) -> Path:
    """A single-file backup of the data as saved so far (pending saves land first).

    ``path`` is a file, or a folder to write ``jobfutures_<date>_<time>.zip`` in.
    """
    repo.flush()
    return backup_to(repo.folder, path)


def plan_import(
    repo: Repository,
    kind: str,
    path: Path,
    progress: Progress | None = None,
    *,
    since: date | None = None,
) -> ImportPlan:
    """The dry run of importing ``path`` (kind: linkedin, vcard, csv, json or mail) into
    ``repo``; ``since``: mail only, from that day on.

    Show ``plan.summary()``, then ``plan.apply(repo)`` takes a backup and saves
    it all at once. ``progress(done, total)`` is called as rows are read (from
    the worker's thread). A JSON file is merged; replacing needs the folder
    closed (``jobfutures import json --replace``).
    """
    from jobfutures_tui.exchange import csv_import, json_import, linkedin, vcard

    if kind == "mail":
        from jobfutures_tui.exchange import mail

        def counted(done: int, total: int, _messages: int) -> None:
            if progress is not None:
                progress(done, total)

        return mail.plan_import(path, repo, counted, since=since)
    existing = Existing.of(repo, touches=kind == "json")
    if kind == "linkedin":
        plan = linkedin.plan_import(path, existing, progress)
    elif kind == "vcard":
        plan = vcard.plan_import(path, existing, progress)
    elif kind == "csv":
        plan = csv_import.CsvImport(path).plan(existing, progress)
    elif kind == "json":
        return json_import.plan_merge(path, existing, progress)
    else:
        raise ExchangeError(f"unknown kind of file to import: {kind}")
    plan.note_people_at_futures(existing)
    return plan


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


class NotDone(ExchangeError):
    """A restore or repair failed after the folder was closed; ``repo`` is the folder
    opened again, to carry on with."""

    def __init__(self, message: str, repo: Repository) -> None:
        super().__init__(message)
        self.repo = repo


def with_folder_closed(
    repo: Repository,
    act: Callable[[Path], T],
    *,
    what: str,
    new_writer: Callable[[], Writer] = Writer,
) -> tuple[Repository, T]:
    """Run ``act(folder)`` with the open repository closed, then open the folder again.

    What the shell's restore and repair do needs the folder's lock, which an open
    repository holds. Its pending saves land first; if they cannot, this raises
    (SaveFailed, TimeoutError) and ``repo`` stays open, unchanged. Then it is closed,
    ``act`` runs, and the folder is opened again with a writer from ``new_writer``,
    without verifying the records (what ``act`` put there was checked whole; the app
    verifies in the background). Returns that new repository and what ``act`` returned.
    If ``act`` fails, NotDone ("Not {what}: …") carries the reopened repository; if the
    folder cannot be opened again, the StoreError says why and there is no repository left.
    """
    if repo.read_only:
        raise ReadOnly()
    repo.flush()
    repo.close()
    failure = ""
    try:
        result = act(repo.folder)
    except (ExchangeError, SaveFailed, NotWritable) as error:  # each says what was written
        failure = f"Not {what}: {error}"
    except (OSError, ValueError, StoreError) as error:
        failure = (
            f"Not {what}: {error}\nA part may have been written: your data as it was is in "
            f"the newest backup in {repo.backups_folder}."
        )
    reopened = Repository.open(
        repo.folder,
        writer=new_writer(),
        keep_backups=repo.keep_backups,
        verify=False,
        holder=repo.holder,
        streamed=repo.streamed,
    )
    if failure:
        raise NotDone(failure, reopened)
    return reopened, result


def restore_open(
    repo: Repository, snapshot: Snapshot, *, new_writer: Callable[[], Writer] = Writer
) -> tuple[Repository, Path | None]:
    """Replace the data of an open repository by ``snapshot``, as ``jobfutures restore`` does
    (see :func:`with_folder_closed`); returns the repository opened again and the backup of
    the data it replaced."""
    from jobfutures_tui.exchange.restore import install

    def put_back(folder: Path) -> Path | None:
        return install(folder, snapshot, keep_backups=repo.keep_backups)

    return with_folder_closed(repo, put_back, what="restored", new_writer=new_writer)


def repair_open(
    repo: Repository, *, new_writer: Callable[[], Writer] = Writer
) -> tuple[Repository, Repair]:
    """Repair the data of an open repository, as ``jobfutures check --repair`` does, after
    a backup (see :func:`with_folder_closed`); returns the repository opened again and what
    was repaired."""

    def repair(folder: Path) -> Repair:
        return repair_folder(folder, keep_backups=repo.keep_backups)

    return with_folder_closed(repo, repair, what="repaired", new_writer=new_writer)


def check_now(repo: Repository) -> Report:
    """``jobfutures check`` of the data as saved so far (pending saves land first)."""
    repo.flush()
    return check_folder(repo.folder)
