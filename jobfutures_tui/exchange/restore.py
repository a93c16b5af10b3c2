"""Putting a whole data folder back: from a backup file, or from a JSON export (replace).

What goes in is first checked completely in a scratch folder, with the store's
own rules (an older format is upgraded there, a newer or damaged one refused),
so a bad file changes nothing. Then, holding the folder's lock, the current
data is backed up and each file is replaced atomically: the collections
first, touch months next, ``meta.json`` last. A crash part-way leaves every
file whole, the backup beside them, and ``jobfutures check`` to say what is
off.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jobfutures_tui.exchange import limits
from jobfutures_tui.exchange.dataset import Dataset
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.store import DataRefused, Repository, layout
from jobfutures_tui.store.backups import DEFAULT_KEEP, make_backup
from jobfutures_tui.store.errors import NotWritable
from jobfutures_tui.store.files import ensure_folder
from jobfutures_tui.store.journal import Journal
from jobfutures_tui.store.lock import FolderLock
from jobfutures_tui.store.touch_index import INDEX_NAME

_NAME = re.compile(
    "^(" + "|".join(map(re.escape, (layout.META, *layout.COLLECTION_FILES))) + ")$"
    r"|^touches/\d{4}-\d{2}\.json$"
)
"""The files a backup may hold: every collection (plans and scripts too) and the months."""


@dataclass(frozen=True)
class Snapshot:
    """A complete, checked set of data files, ready to be put in place."""

    files: dict[str, bytes]
    counts: dict[str, int]
    source: str

    def summary(self) -> str:
        return counts_summary(self.counts)


def counts_of(repo: Repository) -> dict[str, int]:
    """How many records of each kind ``repo`` holds, counted from the stored rows."""
    return {
        "companies": len(repo.stored_rows("companies")),
        "people": len(repo.person_ids()),
        "prospects": len(repo.prospect_ids()),
        "touches": repo.touch_count(),
    }


def counts_summary(counts: dict[str, int]) -> str:
    """``3 companies, 4 people, 1 job future, 10 touches``."""
    return ", ".join(f"{n} {_NAMES.get(name, (name, name))[n != 1]}" for name, n in counts.items())


_NAMES = {
    "companies": ("company", "companies"),
    "people": ("person", "people"),
    "prospects": ("job future", "job futures"),
    "touches": ("touch", "touches"),
}
"""Each kind counted (counts_of), in words: one, many."""


@contextmanager
def _scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="jobfutures-restore-"))
    try:
        yield folder / "data"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _checked(folder: Path, source: str) -> Snapshot:
    """Open the scratch folder as the store would, and take its (upgraded) files."""
    try:
        with Repository.open(folder, keep_backups=1) as repo:  # verifies every record
            counts = counts_of(repo)
    except DataRefused as refused:
        where = refused.path.relative_to(folder) if refused.path.is_relative_to(folder) else ""
        raise ExchangeError(
            f"Cannot restore {source}: {where}: {refused.problem}.\nNothing was changed."
        ) from None
    files = {name: (folder / name).read_bytes() for name in layout.data_files(folder)}
    return Snapshot(files, counts, source)


def read_backup(path: Path) -> Snapshot:
    """A backup zip (``jobfutures backup`` or an automatic one), checked whole."""
    source = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ExchangeError(f"{path} does not exist") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise ExchangeError(
            f"Cannot restore {path}: it is not a jobfutures backup (not a readable zip: {exc}).\n"
            "Nothing was changed."
        ) from None
    with archive, _scratch() as scratch:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        names = [info.filename for info in infos]
        strange = [name for name in names if not _NAME.match(name)]
        if strange or layout.META not in names:
            problem = (
                f"it holds files that are not jobfutures data ({', '.join(strange[:3])})"
                if strange
                else "it has no meta.json, so it is not a jobfutures backup"
            )
            raise ExchangeError(f"Cannot restore {path}: {problem}.\nNothing was changed.")
        limits.check_members(path, infos, limits.DATA_LIMIT)
        ensure_folder(scratch / layout.TOUCHES_DIR)
        budget = limits.Budget(path, limits.DATA_LIMIT)
        for info in infos:
            try:
                with (scratch / info.filename).open("wb") as unpacked:
                    limits.copy_member(archive, info, unpacked, budget)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
                raise ExchangeError(
                    f"Cannot restore {path}: {info.filename} is damaged in the backup ({exc}).\n"
                    "Nothing was changed."
                ) from None
        return _checked(scratch, source)


def snapshot_of(data: Dataset, source: str) -> Snapshot:
    """The files a store holding exactly these records would have."""
    with _scratch() as scratch:
        with Repository.open(scratch, keep_backups=1) as repo:
            records = data.records()
            if records:
                repo.save(*records)
        return _checked(scratch, source)


def is_backup(path: Path) -> bool:
    return zipfile.is_zipfile(path)


def install(
    folder: Path,
    snapshot: Snapshot,
    *,
    keep_backups: int = DEFAULT_KEEP,
    holder: str = "jobfutures",
    lock_wait: float = 0.0,
) -> Path | None:
    """Replace the data in ``folder`` by the snapshot; return the backup of what was there.

    Refuses (DataLocked) while another jobfutures has the folder open after ``lock_wait``
    seconds; NotWritable or SaveFailed say what a folder that cannot be written did.
    """
    try:
        ensure_folder(folder)
    except OSError as error:
        raise NotWritable(folder, error) from None
    lock = FolderLock(folder, holder=holder)
    lock.acquire(lock_wait)
    try:
        journal = Journal(folder)
        try:
            journal.recover()  # a commit cut short is finished before the backup is taken
        except OSError as error:
            raise NotWritable(folder, error) from None
        backup = make_backup(folder, folder / layout.BACKUPS_DIR, keep_backups)
        incoming = set(snapshot.files)
        commit: dict[str, bytes | None] = {
            name: snapshot.files[name] for name in sorted(incoming, key=_order)
        }
        # A file the snapshot lacks held records it does not have (a profile saved
        # after the backup was taken): left in place, they would outlive the restore.
        for name in [*layout.COLLECTION_FILES, *layout.touch_partitions(folder)]:
            if name not in incoming:
                commit[name] = None
        with contextlib.suppress(OSError):  # derived; rebuilt at the next open
            (folder / INDEX_NAME).unlink(missing_ok=True)
        journal.commit(commit)  # one commit: all of the backup, or the data as it was
    finally:
        lock.release()
    return backup


def _order(name: str) -> tuple[int, str]:
    if name == layout.META:
        return len(layout.COLLECTION_FILES) + 1, name  # last, as for a migration
    if name in layout.COLLECTION_FILES:
        return layout.COLLECTION_FILES.index(name), name
    return len(layout.COLLECTION_FILES), name


def load_snapshot(path: Path) -> Snapshot:
    """A backup zip or a JSON export, checked whole; refuses a partial export."""
    from jobfutures_tui.exchange.dataset import read_export

    if not path.exists():
        raise ExchangeError(f"{path} does not exist")
    if is_backup(path):
        return read_backup(path)
    data = read_export(path)
    if data.problems:
        listed = "\n  ".join(data.problems[:20])
        raise ExchangeError(
            f"Cannot restore {path}: some records are not valid:\n  {listed}\nNothing was changed."
        )
    return snapshot_of(data, str(path))
