"""The repository: the one door to the user's data.

Opening (:mod:`opening`) takes the folder's lock, cleans up after a crash, refuses
data it cannot trust (damaged, or too new) without touching it, and migrates older
data after a backup. Records are validated when first read, the touches parsed
lazily (:mod:`touches`); :meth:`Repository.verify` validates everything (the app
runs it after the first frame), and a change first validates every file it
rewrites. Each change is one commit, what it touched logged (:mod:`change_log`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.table import Document

from jobfutures_tui import models
from jobfutures_tui.collector import freeze_loaded
from jobfutures_tui.engine.history import CadenceSummary, TouchFacts
from jobfutures_tui.models import Stage
from jobfutures_tui.models.clean import squash, squashing_to
from jobfutures_tui.models.ids import PROFILE_ID
from jobfutures_tui.paths import DEFAULT_KEEP
from jobfutures_tui.store import backup_pace, layout, opening, tables
from jobfutures_tui.store.change_log import ChangeLog, touched_by
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.errors import ReadOnly, SaveFailed, StoreError
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.lock import FolderLock
from jobfutures_tui.store.storage import as_document
from jobfutures_tui.store.tables import FILES, RecordT, Table
from jobfutures_tui.store.touch_index import INDEX_NAME, TouchSummary, still_the_same
from jobfutures_tui.store.touches import TouchHistory
from jobfutures_tui.store.writer import Writer

if TYPE_CHECKING:
    from jobfutures_tui.models import Company, Person, Profile, Prospect, Record, Touch


class Repository:
    """Open with :meth:`Repository.open`; use as a context manager or close()."""

    _derive: Callable[[Repository], dict[str, Any]] | None = None

    @classmethod
    def derive_at_close(cls, derive: Callable[[Repository], dict[str, Any]]) -> None:
        """Register what to keep in the derived index beside the summaries, worked
        out when a repository closes (the use cases register their decisions): the
        store keeps it for the next session without knowing what it is."""
        cls._derive = derive

    def __init__(self, folder: Path, writer: Writer | None, keep_backups: int) -> None:
        self.folder = folder
        self.backups_folder = folder / layout.BACKUPS_DIR
        self.keep_backups = keep_backups
        self._writer = writer
        self._lock = FolderLock(folder)
        self._files = DataFiles(folder, writer, self.backups_folder)
        self._touches = TouchHistory(self._files)
        self._records: dict[Table, dict[str, Any]] = {table: {} for table in FILES}
        """Validated records, filled as they are read."""
        self._state = threading.RLock()
        self._tables_verified: set[Table] = set()
        self._tables_trusted: set[Table] = set()
        """Tables whose file the index lists as validated whole (docs/storage.md)."""
        self.revision = 0
        self._changes = ChangeLog()
        self._keep_index = False
        self.derived_news = False  # the rules made what the index lacks: write it at close
        self.kinds_changed: set[type[Record]] = set()
        """The kinds of record this session saved or deleted."""
        self.first_backup: Path | None = None
        """The backup this session took first (a migration, a healing, the first save)."""
        self._paced = False  # a shell command's session (backup_pace.py)

    # ----------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        folder: Path,
        *,
        read_only: bool = False,
        writer: Writer | None = None,
        keep_backups: int = DEFAULT_KEEP,
        verify: bool = True,
        holder: str = "jobfutures",
        lock_wait: float = 0.0,
        keep_index: bool = False,
        lazy: bool = False,
        streamed: bool = False,
        sync_grace: float | None = None,
        paced_backups: bool = False,
    ) -> Repository:
        """Open (creating on first use) the data in ``folder``; raise :class:`DataLocked`
        when another process still writes here after ``lock_wait`` seconds (``holder``
        says who we are, to the next one), :class:`DataRefused` when the data cannot be
        trusted. ``verify=False``: the touch history is checked later (:meth:`verify`).
        ``keep_index``: a reader writes the derived index it had to work out while no
        writer is at work (:meth:`_keep_index_as_reader`). ``lazy``: parse each file when
        first used; ``streamed``: hold no collection parsed (the app: opening.load).
        ``sync_grace``: how long to wait for a listed file to come back (opening.SYNC_GRACE).
        ``paced_backups``: a shell command's backups (backup_pace.py)."""
        folder = Path(folder).expanduser().absolute()
        if read_only:
            writer = None
        elif writer is None:
            writer = Writer()
        repo = cls(folder, writer, keep_backups)
        repo._lock.holder = holder
        repo._keep_index = keep_index
        repo._paced = paced_backups
        try:
            opening.load(
                repo._files,
                repo._touches,
                repo._lock,
                repo._backup,
                read_only=read_only,
                lock_wait=lock_wait,
                lazy=lazy,
                streamed=streamed,
                sync_grace=sync_grace,
            )
            repo._trust_validated()
            if paced_backups and writer and writer.before_first_write:  # not a migration's
                writer.before_first_write = backup_pace.unless_lately(folder, repo._backup)
            if verify:
                repo.verify()
        except BaseException:
            repo._lock.release()
            raise
        return repo

    def _trust_validated(self) -> None:
        """The kinds whose file the index lists as validated whole (docs/storage.md)."""
        same = still_the_same(self.folder, self._files.journal.seen.signatures)
        listed = self._touches.validated & same.keys()
        self._tables_trusted = {table for table, name in FILES.items() if name in listed}

    def _backup(self) -> None:
        from jobfutures_tui.store.backups import make_backup  # at the first write only

        taken = make_backup(self.folder, self.backups_folder, self.keep_backups)
        self.first_backup = self.first_backup or taken

    def verify(self, should_stop: Callable[[], bool] | None = None) -> None:
        """Validate every record; raise DataRefused on the first bad one (``should_stop``:
        polled between records, so the app quits without waiting for it)."""
        for table in FILES:
            if not self._verify_table(table, should_stop):
                return
        if self._touches.verify(should_stop):
            freeze_loaded()  # everything is loaded for good: keep it out of every collection

    def _verify_table(self, table: Table, should_stop: Callable[[], bool] | None = None) -> bool:
        """Validate every record of one table (one file); False if stopped."""
        if table in self._tables_verified:
            return True
        cache, name, kind = self._records[table], FILES[table], tables.kind_of(table)
        for record_id, row in self.walk(table):
            if should_stop is not None and should_stop():
                return False
            if record_id not in cache:  # validated, not kept: the screens keep what they read
                self._files.validate(kind, name, record_id, row)
        self._tables_verified.add(table)
        return True

    # ----------------------------------------------------------- closing

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every change is on disk; raise SaveFailed if it cannot be."""
        if self._writer is not None:
            self._writer.flush(timeout)

    def close(self) -> None:
        try:
            if self._writer is not None:
                self._writer.flush()
                self._write_touch_index()
                self._writer.close()
                if self._paced and self.revision and not self._writer.merge_notes:
                    backup_pace.remember(self.folder)  # only shell commands' changes
            elif self._keep_index:
                self._keep_index_as_reader()
        finally:
            self._lock.release()

    def _keep_index_as_reader(self) -> None:
        """Write the index a reader worked out (`due` after another device wrote), only while
        no writer holds the lock and every data file is still the one it read (docs/storage.md)."""
        journal = self._files.journal
        if not self._index_stale() or self._files.refused:
            return
        if self._files.overlay or (self.folder / layout.JOURNAL).exists():
            return  # a commit is, or was, under way: the next writer finishes it
        with contextlib.suppress(StoreError, OSError):
            opening.keep_local(self.folder)  # the lock and the index stay on this computer
            self._lock.acquire()
            if journal.seen.changed():
                return  # a sync tool brought another version meanwhile
            self._write_touch_index()
            if journal.seen.changed():  # replaced while the index was written
                (self.folder / INDEX_NAME).unlink(missing_ok=True)

    def _index_stale(self) -> bool:
        return bool(self._touches.changed or self.revision or self._touches.derived is None)

    def _write_touch_index(self) -> None:
        # Refused data, or a file another device changed since it was read: nothing is written.
        found = self._files.streamed and bool(self._files.rows_found)  # the app: kept_rows.py
        stale = (self._index_stale() or found or self.derived_news) and self._lock.held
        if not stale or self._files.refused or self.changed_elsewhere():
            return
        derived = None
        # Only accelerators: if they cannot be written (or the data is bad) the
        # next open reads every month again, and the decisions are made afresh.
        derive = Repository._derive
        if derive is not None:
            with contextlib.suppress(StoreError, ValueError):
                derived = derive(self)
        with contextlib.suppress(OSError, StoreError):
            unchanged = still_the_same(self.folder, self._files.journal.seen.signatures)
            whole = {FILES[table] for table in self._tables_verified | self._tables_trusted}
            validated = {name: p for name, p in unchanged.items() if name in whole}
            rows = self._files.rows_to_keep(unchanged)
            index = self._touches.index(derived, validated, rows)
            write_atomic(self.folder / INDEX_NAME, lambda handle: handle.writelines(index))

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, kind: object, error: BaseException | None, trace: object) -> None:
        if isinstance(error, SaveFailed) and self._writer is not None:
            # Retrying could make the caller's "nothing was saved" untrue; nor index memory.
            try:
                self._writer.abandon()
                self._writer.close()
            finally:
                self._lock.release()
            return
        self.close()

    @property
    def history_loaded(self) -> bool:
        """Every stored touch is known: a job future's touches are read off its months."""
        return self._touches.loaded

    @property
    def lost_files(self) -> dict[str, str]:
        """Files gone or holding fewer records than the manifest lists → what is wrong."""
        return self._files.lost

    @property
    def holder(self) -> str:
        """Who holds the folder's lock, in words for the next one (the app, a command)."""
        return self._lock.holder

    @property
    def streamed(self) -> bool:
        """Whether no collection is held parsed (opened so: :meth:`open`)."""
        return self._files.streamed

    @property
    def read_only(self) -> bool:
        return self._writer is None

    @property
    def writer(self) -> Writer | None:
        return self._writer

    def changed_elsewhere(self) -> list[str]:
        """Data files another device (a sync folder) changed since this process read them
        (store/devices.py): reads only files whose size, time or inode moved."""
        if self._writer is None or self._writer.journal is None:
            return []
        return self._writer.journal.changed_elsewhere()

    @property
    def pending_files(self) -> list[Path]:
        return self._writer.pending if self._writer is not None else []

    # ----------------------------------------------------------- reading

    def company(self, company_id: str) -> Company | None:
        return self._get(models.Company, company_id)

    def person(self, person_id: str) -> Person | None:
        return self._get(models.Person, person_id)

    def prospect(self, prospect_id: str) -> Prospect | None:
        return self._get(models.Prospect, prospect_id)

    def profile(self) -> Profile:
        """The seeker's profile; an empty one (never asked for) until it is saved."""
        return self._get(models.Profile, PROFILE_ID) or models.empty_profile()

    def companies(self) -> list[Company]:
        return self._all(models.Company)

    def people(self) -> list[Person]:
        return self._all(models.Person)

    def records(self, kind: type[RecordT]) -> list[RecordT]:
        """Every record of a stored kind (not touches), validated."""
        return self._all(kind)

    def prospects(self, *, include_archived: bool = True) -> list[Prospect]:
        if include_archived:
            return self._all(models.Prospect)
        found = (self._get(models.Prospect, pid) for pid in self.open_prospect_ids())
        return [prospect for prospect in found if prospect is not None]

    def prospect_ids(self, *, archived: bool | None = None) -> list[str]:
        """Ids of all job futures, or the archived (True) or open (False), unvalidated."""
        if archived is None:
            return list(self._rows("prospects"))
        value = Stage.ARCHIVE.value
        stages = self.stored_column("prospects", "stage")
        return [rid for rid, stage in stages.items() if (stage == value) is archived]

    def person_ids(self) -> list[str]:
        return list(self._rows("people"))

    def open_prospect_ids(self) -> list[str]:
        """Ids of the job futures not archived, without validating them."""
        return self.prospect_ids(archived=False)

    def stored_rows(self, table: Table) -> Mapping[str, Mapping[str, Any]]:
        """Every stored row of a table, unvalidated, not to be changed (shown text goes
        through records); to walk them all, :meth:`walk`."""
        return self._rows(table)

    def walk(self, table: Table) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """Every stored row of a table, one at a time, unvalidated (DataFiles.walk)."""
        return self._files.walk(FILES[table], table)

    def stored_column(self, table: Table, field: str) -> Mapping[str, Any]:
        """One stored field of every record of a table, unvalidated (absent where a record
        lacks it): a command that needs only the stages or the names parses no more."""
        return self._files.column(FILES[table], table, field)

    def peek(self, table: Table, record_id: str | None, field: str) -> Any:
        """A stored field of a record, unvalidated (what is shown reads it as its model would)."""
        row = self._rows(table).get(record_id) if record_id else None
        return row.get(field) if row is not None else None

    def find_company(self, name: str) -> Company | None:
        """The company with this name, matched as imports match (models.clean.squash)."""
        for company_id in squashing_to(self.stored_column("companies", "name"), squash(name)):
            return self.company(company_id)
        return None

    def _rows(self, table: Table) -> Mapping[str, Any]:
        return self._files.records(FILES[table], table)

    def _get(self, kind: type[RecordT], record_id: str, row: Any = None) -> RecordT | None:
        table = tables.table_of(kind)
        cache = self._records[table]
        record = cache.get(record_id)
        if record is None:
            row = row if row is not None else self._rows(table).get(record_id)
            if row is None:
                return None
            record = self._files.validate(kind, FILES[table], record_id, row)
            with self._state:  # a change saved meanwhile wins over what was read before it
                if record_id not in self._rows(table):
                    return None
                record = cache.setdefault(record_id, record)
        return record

    def _all(
        self, kind: type[RecordT], keep: Callable[[Mapping[str, Any]], bool] | None = None
    ) -> list[RecordT]:
        rows = self.walk(tables.table_of(kind))
        found = (self._get(kind, rid, row) for rid, row in rows if keep is None or keep(row))
        return [record for record in found if record is not None]

    def touch(self, touch_id: str) -> Touch | None:
        return self._touches.get(touch_id)

    def stored(self, kind: type[RecordT], record_id: str) -> RecordT | None:
        """The stored version of any kind of record, touches included."""
        if kind is models.Touch:
            return self._touches.get(record_id)  # type: ignore[return-value]
        return self._get(kind, record_id)

    def touches_for(self, prospect_id: str) -> list[Touch]:
        """A prospect's touches, newest first."""
        return self._touches.for_prospect(prospect_id)

    def touch_facts(self, prospect_id: str) -> list[TouchFacts]:
        """A job future's touches' facts (engine.history), unordered: for counting."""
        return self._touches.every_fact(prospect_id)

    def touch_histories(self) -> Iterator[tuple[str, list[TouchFacts]]]:
        """Each job future's touches' facts in order (TouchHistory.histories)."""
        return self._touches.histories()

    def touch_owner(self, touch_id: str) -> str | None:
        return self._touches.owner(touch_id)

    def touch_count(self, prospect_id: str | None = None) -> int:
        return self._touches.count(prospect_id)

    def last_touch(self, prospect_id: str) -> TouchSummary | None:
        return self._touches.last(prospect_id)

    def cadence_summary(self, prospect_id: str) -> CadenceSummary | None:
        """A job future's touches summed up (None: none); from the index until loaded."""
        return self._touches.summary(prospect_id)

    def touched_since_open(self) -> Collection[str]:
        """The job futures whose touches are not as they were when the data was opened."""
        return self._touches.touched

    def stored_decisions(self) -> dict[str, Any] | None:
        """What the rules kept in the index at the last close (:meth:`derive_at_close`)."""
        return self._touches.derived

    # ----------------------------------------------------------- changing

    def save(self, *records: Record) -> None:
        """Insert or replace records; each file is written once, referenced ones first."""
        self.apply(save=records)

    def delete(self, *records: Record) -> None:
        """Remove records; referencing ones (touches) go first."""
        self.apply(delete=records)

    def apply(self, *, save: Sequence[Record] = (), delete: Sequence[Record] = ()) -> None:
        """Save some records and delete others as one change (one write per file)."""
        self._check_writable(save, delete)
        self.kinds_changed.update(map(type, (*save, *delete)))
        touched = touched_by((*save, *delete), self._rows("prospects"), self._touches.owner)
        with self._changing():
            if any(isinstance(r, models.Profile) for r in (*save, *delete)):
                # The seeker's city and name reach every next touch: screens that
                # redraw what changed since a revision redraw everything.
                self._changes.clear()
            else:
                self._changes.add(self.revision + 1, frozenset(touched))
            if save:
                self._save(save)
            for record in sorted(delete, key=lambda r: -tables.write_order(type(r))):
                if isinstance(record, models.Touch):
                    self._touches.delete(record.id)
                elif record.id in self._rows(table := tables.table_of(type(record))):
                    self._records[table].pop(record.id, None)
                    self._files.editor(FILES[table], table).remove(doc_ids=[record.id])

    def changed_since(self, revision: int) -> set[str] | None:
        """Ids of records changed after ``revision`` (a touch also names its job future, a
        plan the job futures that chose it: :mod:`change_log`); None: too long ago to know."""
        return self._changes.since(revision, self.revision)

    def _save(self, records: Sequence[Record]) -> None:
        # One insert_multiple per file: TinyDB rebuilds a table per operation (quadratic).
        inserts: dict[tuple[str, str], dict[str, Document]] = {}
        for record in sorted(records, key=lambda r: tables.write_order(type(r))):
            if isinstance(record, models.Touch):
                self._touches.save(record, inserts)
                continue
            table = tables.table_of(type(record))
            file = FILES[table]
            document = as_document(record.id, record.model_dump(mode="json"))
            pending = inserts.setdefault((file, table), {})
            if record.id in self._rows(table) and record.id not in pending:
                self._files.editor(file, table).replace(document)
            else:
                pending[record.id] = document
            self._records[table][record.id] = record
        for (file, name), documents in inserts.items():
            if documents:
                self._files.editor(file, name).insert_multiple(documents.values())

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        try:
            with self._state, self._files.batch():
                yield
        finally:
            self.revision += 1

    def _check_writable(self, save: Sequence[Record], delete: Sequence[Record]) -> None:
        """Refuse to change read-only data, or a file holding a record that does not
        validate: every file this change rewrites (only those) is validated whole first."""
        if self._writer is None:
            raise ReadOnly()
        changed = (*save, *delete)
        for table in tables.tables_of(changed) - self._tables_trusted:
            self._verify_table(table)
        touches = [record for record in changed if isinstance(record, models.Touch)]
        if touches:
            self._touches.verify_months(touches)
        self._files.refuse_if_lost()  # once the files it rewrites are parsed
