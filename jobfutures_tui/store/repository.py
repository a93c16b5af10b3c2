"""The repository: the one door to the user's data, and the only TinyDB user.

Opening takes the folder's lock, cleans up after a crash, refuses data it
cannot trust (damaged, or from a newer version) without touching it,
migrates older data after a backup, and loads everything into memory. Every
change is validated before it is applied, and written at once through the
writer, one small file per collection (touches one file per month).

Touches are the bulk of a lifetime of data, so opening only parses them and
indexes the newest per job future; each one is validated the first time it is
read, and :meth:`Repository.verify` validates them all (the CLI does it at
open; the app does it right after the first frame).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson
import pendulum
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.table import Document

from jobfutures_tui.models import Company, Person, Prospect, Record, Touch, describe
from jobfutures_tui.models.dates import to_utc
from jobfutures_tui.models.enums import Channel, Direction
from jobfutures_tui.store import layout
from jobfutures_tui.store.backups import DEFAULT_KEEP, make_backup
from jobfutures_tui.store.errors import DataRefused, ReadOnly, SaveFailed
from jobfutures_tui.store.files import ensure_folder, remove_leftover_temps, write_atomic
from jobfutures_tui.store.lock import FolderLock
from jobfutures_tui.store.schema import APP_MARK, SCHEMA_VERSION, migrate, new_meta
from jobfutures_tui.store.storage import MemoryStorage, as_document, dumps, open_file
from jobfutures_tui.store.writer import Writer

RecordT = TypeVar("RecordT", bound=Record)

_TABLES: dict[type[Record], tuple[str, str]] = {
    Company: (layout.COMPANIES, "companies"),
    Person: (layout.PEOPLE, "people"),
    Prospect: (layout.PROSPECTS, "prospects"),
}
TOUCHES_TABLE = "touches"
_ORDER = {Company: 0, Person: 1, Prospect: 2, Touch: 3}


@dataclass(frozen=True, slots=True)
class TouchSummary:
    """What the board needs of a prospect's latest touch."""

    touch_id: str
    at: pendulum.DateTime
    channel: Channel
    direction: Direction


@dataclass(slots=True)
class _TouchRef:
    partition: str
    at: datetime


class Repository:
    """Open with :meth:`Repository.open`; use as a context manager or close()."""

    def __init__(self, folder: Path, writer: Writer | None, keep_backups: int) -> None:
        self.folder = folder
        self.backups_folder = folder / layout.BACKUPS_DIR
        self.keep_backups = keep_backups
        self._writer = writer
        self._lock = FolderLock(folder)
        self._files: dict[str, TinyDB] = {}
        self._records: dict[type[Record], dict[str, Any]] = {
            Company: {},
            Person: {},
            Prospect: {},
        }
        self._touch_refs: dict[str, _TouchRef] = {}
        self._touches_by_prospect: dict[str, set[str]] = {}
        self._touch_models: dict[str, Touch] = {}
        self._latest: dict[str, str] = {}
        self._verified = False
        self._batch_depth = 0
        self._held: dict[Path, MemoryStorage] = {}
        self.revision = 0

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
    ) -> Repository:
        """Open (creating on first use) the data in ``folder``.

        Raises :class:`DataLocked` when another process writes here and
        :class:`DataRefused` when the data cannot be trusted.
        """
        folder = Path(folder).expanduser().absolute()
        if read_only:
            writer = None
        elif writer is None:
            writer = Writer()
        repo = cls(folder, writer, keep_backups)
        try:
            repo._open(read_only)
            if verify:
                repo.verify()
        except BaseException:
            repo._lock.release()
            raise
        return repo

    def _open(self, read_only: bool) -> None:
        if read_only:
            if not layout.data_files(self.folder):
                raise DataRefused(
                    self.folder / layout.META,
                    "there is no jobfutures data here",
                    self.backups_folder,
                )
        else:
            ensure_folder(self.folder)
            self._lock.acquire()
            for folder in (self.folder, self.folder / layout.TOUCHES_DIR, self.backups_folder):
                remove_leftover_temps(folder)
        existing = layout.data_files(self.folder)
        if not existing:
            self._create()
            return
        version = self._read_meta()
        files = {name: self._parse(name) for name in existing if name != layout.META}
        if version < SCHEMA_VERSION:
            files = self._migrate(files, version, read_only)
        elif self._writer is not None:
            # The first write of this session first snapshots the data as it was.
            self._writer.before_first_write = self._backup
        paused = gc.isenabled()
        gc.disable()  # loading builds many small objects; the collector only slows it
        try:
            for name, data in files.items():
                self._load(name, data)
        finally:
            if paused:
                gc.enable()

    def _create(self) -> None:
        if self._writer is None:
            raise ReadOnly()
        self._writer.submit(self.folder / layout.META, dumps(new_meta()))

    def _refuse(self, name: str, problem: str) -> DataRefused:
        return DataRefused(self.folder / name, problem, self.backups_folder)

    def _parse(self, name: str) -> Any:
        try:
            data = orjson.loads((self.folder / name).read_bytes())
        except orjson.JSONDecodeError as exc:
            raise self._refuse(name, f"it is not valid JSON ({exc})") from None
        except OSError as exc:
            raise self._refuse(name, f"it cannot be read ({exc.strerror})") from None
        if not isinstance(data, dict):
            raise self._refuse(name, "it does not hold jobfutures records")
        return data

    def _read_meta(self) -> int:
        if not (self.folder / layout.META).is_file():
            raise self._refuse(layout.META, "it is missing, so the data format is unknown")
        meta = self._parse(layout.META)
        version = meta.get("schema_version")
        if meta.get("app") != APP_MARK or not isinstance(version, int) or version < 1:
            raise self._refuse(layout.META, "it does not describe jobfutures data")
        if version > SCHEMA_VERSION:
            raise self._refuse(
                layout.META,
                f"it was written by a newer jobfutures (data format {version}; this version "
                f"reads up to {SCHEMA_VERSION}). Upgrade jobfutures to open it",
            )
        return version

    def _migrate(self, files: dict[str, Any], version: int, read_only: bool) -> dict[str, Any]:
        if read_only:
            raise self._refuse(
                layout.META,
                f"it is in an older data format ({version}) and read-only mode cannot upgrade it",
            )
        self._backup()
        files = migrate(files, version, SCHEMA_VERSION)
        for name, data in files.items():
            write_atomic(self.folder / name, dumps(data))
        write_atomic(self.folder / layout.META, dumps(new_meta()))
        if self._writer is not None:
            self._writer.before_first_write = None
        return files

    def _backup(self) -> None:
        make_backup(self.folder, self.backups_folder, self.keep_backups)

    def _table_rows(self, name: str, data: dict[str, Any], table: str) -> dict[str, Any]:
        rows = data.get(table, {})
        if not isinstance(rows, dict) or not all(isinstance(row, dict) for row in rows.values()):
            raise self._refuse(name, f"its '{table}' table is not a set of records")
        return rows

    def _load(self, name: str, data: dict[str, Any]) -> None:
        self._files[name] = open_file(self.folder / name, data, self._writer)
        if name.startswith(layout.TOUCHES_DIR):
            self._index_touches(name, self._table_rows(name, data, TOUCHES_TABLE))
            return
        kind = next(kind for kind, (file, _) in _TABLES.items() if file == name)
        rows = self._table_rows(name, data, _TABLES[kind][1])
        target = self._records[kind]
        for doc_id, row in rows.items():
            target[doc_id] = self._validate(kind, name, doc_id, row)

    def _validate(self, kind: type[RecordT], name: str, doc_id: str, row: Any) -> RecordT:
        try:
            record = kind.model_validate(row)
        except ValidationError as exc:
            raise self._refuse(name, f"record {doc_id} is not valid ({describe(exc)})") from None
        if record.id != doc_id:
            raise self._refuse(name, f"record {doc_id} carries another id ({record.id})")
        return record

    def _index_touches(self, name: str, rows: dict[str, Any]) -> None:
        for doc_id, row in rows.items():
            try:
                at = datetime.fromisoformat(row["at"])
                if at.tzinfo is None:
                    at = to_utc(at)  # no offset (edited by hand): local time, as the model reads it
                prospect_id = row["prospect_id"]
            except (KeyError, TypeError, ValueError):
                raise self._refuse(name, f"touch {doc_id} has no valid date or prospect") from None
            if doc_id in self._touch_refs:
                raise self._refuse(name, f"touch {doc_id} is stored twice")
            self._touch_refs[doc_id] = _TouchRef(name, at)
            self._touches_by_prospect.setdefault(prospect_id, set()).add(doc_id)
            latest = self._latest.get(prospect_id)
            if latest is None or at > self._touch_refs[latest].at:
                self._latest[prospect_id] = doc_id

    def verify(self, should_stop: Callable[[], bool] | None = None) -> None:
        """Validate every touch not validated yet; raise DataRefused on the first bad one.

        ``should_stop`` is polled between records so a background check can be
        abandoned (the app quits without waiting for it).
        """
        if self._verified:
            return
        for touch_id in list(self._touch_refs):
            if should_stop is not None and should_stop():
                return
            self._touch(touch_id)
        self._verified = True

    # ----------------------------------------------------------- closing

    def flush(self, timeout: float | None = None) -> None:
        """Wait until every change is on disk; raise SaveFailed if it cannot be."""
        if self._writer is not None:
            self._writer.flush(timeout)

    def close(self) -> None:
        try:
            if self._writer is not None:
                self._writer.close()
        finally:
            self._lock.release()

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def read_only(self) -> bool:
        return self._writer is None

    @property
    def writer(self) -> Writer | None:
        return self._writer

    @property
    def pending_files(self) -> list[Path]:
        return self._writer.pending if self._writer is not None else []

    # ----------------------------------------------------------- reading

    def company(self, company_id: str) -> Company | None:
        return self._records[Company].get(company_id)

    def person(self, person_id: str) -> Person | None:
        return self._records[Person].get(person_id)

    def prospect(self, prospect_id: str) -> Prospect | None:
        return self._records[Prospect].get(prospect_id)

    def companies(self) -> list[Company]:
        return list(self._records[Company].values())

    def people(self) -> list[Person]:
        return list(self._records[Person].values())

    def prospects(self, *, include_archived: bool = True) -> list[Prospect]:
        records: Iterable[Prospect] = self._records[Prospect].values()
        if not include_archived:
            records = (p for p in records if p.is_open)
        return list(records)

    def find_company(self, name: str) -> Company | None:
        """The company with this name, ignoring case and surrounding spaces."""
        wanted = name.strip().casefold()
        return next((c for c in self.companies() if c.name.casefold() == wanted), None)

    def touch(self, touch_id: str) -> Touch | None:
        return self._touch(touch_id) if touch_id in self._touch_refs else None

    def touches_for(self, prospect_id: str) -> list[Touch]:
        """A prospect's touches, newest first."""
        ids = self._touches_by_prospect.get(prospect_id, ())
        touches = [self._touch(touch_id) for touch_id in ids]
        return sorted(touches, key=lambda t: t.at, reverse=True)

    def touch_count(self, prospect_id: str | None = None) -> int:
        if prospect_id is None:
            return len(self._touch_refs)
        return len(self._touches_by_prospect.get(prospect_id, ()))

    def last_touch(self, prospect_id: str) -> TouchSummary | None:
        touch_id = self._latest.get(prospect_id)
        if touch_id is None:
            return None
        ref = self._touch_refs[touch_id]
        cached = self._touch_models.get(touch_id)
        if cached is not None:
            return TouchSummary(touch_id, cached.at, cached.channel, cached.direction)
        raw = self._files[ref.partition].storage.read()[TOUCHES_TABLE][touch_id]
        try:
            return TouchSummary(
                touch_id,
                to_utc(ref.at),
                Channel(raw["channel"]),
                Direction(raw.get("direction", Direction.OUT)),
            )
        except (KeyError, ValueError):
            return TouchSummary(touch_id, to_utc(ref.at), Channel.EMAIL, Direction.OUT)

    def _touch(self, touch_id: str) -> Touch:
        cached = self._touch_models.get(touch_id)
        if cached is None:
            ref = self._touch_refs[touch_id]
            raw = self._files[ref.partition].storage.read()[TOUCHES_TABLE][touch_id]
            cached = self._validate(Touch, ref.partition, touch_id, raw)
            self._touch_models[touch_id] = cached
        return cached

    # ----------------------------------------------------------- changing

    def save(self, *records: Record) -> None:
        """Insert or replace records; each file is written once, referenced ones first."""
        self._check_writable()
        # New records go in with one insert_multiple per file: TinyDB rebuilds a
        # table on every operation, so one insert per record is quadratic.
        inserts: dict[tuple[str, str], dict[str, Document]] = {}
        with self._batch():
            for record in sorted(records, key=lambda r: _ORDER[type(r)]):
                if isinstance(record, Touch):
                    self._save_touch(record, inserts)
                    continue
                file, table = _TABLES[type(record)]
                document = as_document(record.id, record.model_dump(mode="json"))
                pending = inserts.get((file, table), {})
                if record.id in self._records[type(record)] and record.id not in pending:
                    self._file(file).table(table).update(document, doc_ids=[record.id])
                else:
                    inserts.setdefault((file, table), {})[record.id] = document
                self._records[type(record)][record.id] = record
            for (file, table), documents in inserts.items():
                self._file(file).table(table).insert_multiple(documents.values())

    def delete(self, *records: Record) -> None:
        """Remove records; referencing ones (touches) go first."""
        self._check_writable()
        with self._batch():
            for record in sorted(records, key=lambda r: -_ORDER[type(r)]):
                if isinstance(record, Touch):
                    self._delete_touch(record.id)
                else:
                    file, table = _TABLES[type(record)]
                    if self._records[type(record)].pop(record.id, None) is not None:
                        self._file(file).table(table).remove(doc_ids=[record.id])

    def _save_touch(
        self, touch: Touch, inserts: dict[tuple[str, str], dict[str, Document]]
    ) -> None:
        partition = layout.touches_file(touch.at)
        ref = self._touch_refs.get(touch.id)
        if ref is not None and ref.partition != partition:
            self._delete_touch(touch.id)
            ref = None
        elif ref is not None:
            # Same month, maybe moved to another job future: unlist it from the old one.
            stored = self._files[ref.partition].storage.read()[TOUCHES_TABLE][touch.id]
            old_prospect = stored["prospect_id"]
            if old_prospect != touch.prospect_id:
                self._touches_by_prospect.get(old_prospect, set()).discard(touch.id)
                self._refresh_latest(old_prospect)
        document = as_document(touch.id, touch.model_dump(mode="json"))
        pending = inserts.setdefault((partition, TOUCHES_TABLE), {})
        if ref is None or touch.id in pending:
            pending[touch.id] = document
        else:
            self._file(partition).table(TOUCHES_TABLE).update(document, doc_ids=[touch.id])
        self._touch_refs[touch.id] = _TouchRef(partition, touch.at)
        self._touch_models[touch.id] = touch
        self._touches_by_prospect.setdefault(touch.prospect_id, set()).add(touch.id)
        self._refresh_latest(touch.prospect_id)

    def _delete_touch(self, touch_id: str) -> None:
        ref = self._touch_refs.pop(touch_id, None)
        if ref is None:
            return
        touch = self._touch_models.pop(touch_id, None)
        self._file(ref.partition).table(TOUCHES_TABLE).remove(doc_ids=[touch_id])
        for prospect_id, ids in self._touches_by_prospect.items():
            if touch_id in ids and (touch is None or touch.prospect_id == prospect_id):
                ids.discard(touch_id)
                self._refresh_latest(prospect_id)
                break

    def _refresh_latest(self, prospect_id: str) -> None:
        ids = self._touches_by_prospect.get(prospect_id)
        if ids:
            self._latest[prospect_id] = max(ids, key=lambda i: self._touch_refs[i].at)
        else:
            self._latest.pop(prospect_id, None)

    def _check_writable(self) -> None:
        if self._writer is None:
            raise ReadOnly()

    def _file(self, name: str) -> TinyDB:
        db = self._files.get(name)
        if db is None:
            if name.startswith(layout.TOUCHES_DIR):
                ensure_folder(self.folder / layout.TOUCHES_DIR)
            db = open_file(self.folder / name, {}, self._writer)
            self._files[name] = db
        if self._batch_depth:
            storage = db.storage
            assert isinstance(storage, MemoryStorage)
            storage.hold = True
            self._held[storage.path] = storage
        return db

    @contextlib.contextmanager
    def _batch(self) -> Iterator[None]:
        """Hold writes until the end, so a change spanning records saves each file once."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                held = sorted(self._held.values(), key=lambda s: _file_order(s.path))
                self._held.clear()
                failure: SaveFailed | None = None
                for storage in held:
                    try:
                        storage.release()
                    except SaveFailed as exc:  # still pending in the writer: keep going
                        failure = failure or exc
                self.revision += 1
                if failure is not None:
                    raise failure


def _file_order(path: Path) -> int:
    name = path.name
    for index, file in enumerate(layout.COLLECTION_FILES):
        if name == file:
            return index
    return len(layout.COLLECTION_FILES)
