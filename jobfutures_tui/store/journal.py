"""One change, one commit: the files a change spans reach the disk whole or not at all.

A commit is the new contents of every file it changes (or their removal),
and the manifest that lists what the folder holds afterwards. It is written
in three moves (docs/storage.md, "Commits"):

1. the **journal** (``commit.journal``): every file's new bytes, their sizes
   and the SHA-256 of each, written to a temporary file, fsynced, and
   renamed into place, so it is either whole or absent;
2. each file, written atomically (temporary file, fsync, rename), the
   manifest last;
3. the journal removed.

A crash before (1) completes leaves the old files and no journal: the change
never happened. A crash anywhere after it leaves a whole journal, which the
next open rolls forward (applying it again is harmless: it only writes the
same bytes). A journal that does not check out is not one this code wrote
whole, and is dropped.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

import orjson

from jobfutures_tui.store import devices, layout
from jobfutures_tui.store.errors import SaveFailed, StoreError
from jobfutures_tui.store.files import ensure_folder, followed, fsync_folder, staged, write_atomic
from jobfutures_tui.store.journal_file import Files, decode_journal, journal_parts, write_parts
from jobfutures_tui.store.manifest import (
    Entry,
    Manifest,
    count_records,
    digest,
    encode_manifest,
    read_manifest,
    records_in,
)
from jobfutures_tui.store.merge import Unparsed, Version
from jobfutures_tui.store.snapshot import dumps

JOURNAL = layout.JOURNAL
RECHECKS = 4
"""Tries at a commit while another device's version keeps landing as it is written;
after the last, the save fails (the change kept pending) rather than write over one."""
KEPT_MOVING = (
    f"another device kept changing the data files while this change was saved "
    f"({RECHECKS} tries), so it was not written over theirs"
)

WriteFn = Callable[[Path, bytes], None]


def apply(folder: Path, files: Files, write: WriteFn = write_atomic) -> None:
    """Write (or remove) every file of a commit, each atomically, the manifest last."""
    ordered = sorted(files.items(), key=lambda item: item[0] == layout.MANIFEST)
    for name, data in ordered:
        path = folder / name
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            fsync_folder(path.parent)
        else:
            if path.parent != folder:
                ensure_folder(path.parent)
            write(path, data)


class Moved(Exception):
    """Another device's version landed while a commit's files were being written."""


def apply_staged(folder: Path, files: Files, moved: Callable[[], bool]) -> None:
    """:func:`apply`, with every file written and fsynced first, then renamed into
    place one after the other, the manifest last; unless ``moved()`` says, just
    before the renames, that a file changed meanwhile: then nothing is renamed
    and :class:`Moved` is raised. The renames take microseconds, where writing
    and fsyncing each file in turn left a sync tool milliseconds to put another
    device's version in place, to be written over (docs/storage.md)."""
    ordered = sorted(files.items(), key=lambda item: item[0] == layout.MANIFEST)
    temps: dict[str, Path] = {}
    try:
        for name, data in ordered:
            if data is not None:
                path = folder / name
                if path.parent != folder:
                    ensure_folder(path.parent)
                temps[name] = staged(path, data)
        if moved():
            raise Moved()
        parents = set()
        for name, _ in ordered:
            path = followed(folder / name)
            temp = temps.pop(name, None)
            if temp is None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
            else:
                os.replace(temp, path)
            parents.add(path.parent)
        for parent in parents:
            fsync_folder(parent)
    finally:
        for temp in temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()


class Journal:
    """Commits to one data folder, and keeps its manifest up to date."""

    def __init__(self, folder: Path, write: WriteFn = write_atomic) -> None:
        self.folder = folder
        self._write = write
        self.manifest: Manifest | None = None
        """What the folder holds as of the last commit (None: not read yet)."""
        self.seen = devices.Seen(folder)
        self.behind: set[str] = set()
        """Files another device changed that this process's memory does not hold."""
        self.notes: list[str] = []
        self.format_version: int | None = None
        """The data format this process writes (set when the folder is opened)."""
        self._busy = threading.Lock()
        """Held by a commit and by a look for other devices' changes: a look taken
        between a commit's renames and its notes would take our own write for theirs."""

    def commit(self, files: Files, tables: Mapping[str, Version] | None = None) -> None:
        """Write ``files`` whole or not at all (see the module docstring)."""
        with self._busy:
            self._commit(files, tables)

    def _commit(self, files: Files, tables: Mapping[str, Version] | None) -> None:
        """:meth:`commit`, with the folder to itself.

        ``tables`` are the contents of some of them as this process holds them (parsed,
        or spliced: merge.Unparsed): the base of the next merge, should another device
        change the file.

        A write that fails raises :class:`SaveFailed`, which says which it was: nothing
        written (the journal never landed, or nothing was applied yet and it was
        dropped), or part of it applied and the journal kept for the next open to finish.
        """
        journal = self.folder / JOURNAL
        given, said = dict(files), len(self.notes)
        ours = dict(tables or {})
        for attempt in range(1, RECHECKS + 1):
            files = dict(given)
            del self.notes[said:]  # a merge done again is said once
            stamps = self._stamps(files)
            try:
                before = self.current_manifest()
                manifest = dict(before)
                merged = self._reconcile(files, ours, manifest)
            except OSError as error:
                raise SaveFailed(journal, error) from error
            for name, data in files.items():
                if data is None:
                    manifest.pop(name, None)
                else:
                    records = _records(name, data, None if name in merged else ours.get(name))
                    manifest[name] = Entry(len(data), digest(data), records)
            everything = {**files, layout.MANIFEST: encode_manifest(manifest)}
            digests = {name: entry.sha256 for name, entry in manifest.items() if name in files}
            digests[layout.MANIFEST] = digest(everything[layout.MANIFEST] or b"")
            parts = journal_parts(everything, digests)
            try:
                if self._write is write_atomic:
                    write_atomic(journal, partial(write_parts, parts))
                else:  # a test's own writes take the bytes whole
                    self._write(journal, b"".join(parts))
            except OSError as error:
                raise self._failed(error, b"".join(parts), before, {}) from error
            moved = partial(self._moved, files, stamps)
            try:
                if self._write is write_atomic:
                    apply_staged(self.folder, everything, moved)
                elif moved():  # a test's own writes: one look, once the journal is written
                    raise Moved()
                else:
                    apply(self.folder, everything, self._write)
            except Moved:
                # A sync tool put another device's version in place while this commit
                # was written: start again from it, so it is merged, not written over.
                try:
                    self._drop()
                except OSError as error:
                    raise self._failed(error, b"".join(parts), before, {}) from error
                if attempt == RECHECKS:  # still moving: fail (kept pending), never write over
                    raise SaveFailed(journal, Moved(KEPT_MOVING)) from None
                continue
            except OSError as error:
                raise self._failed(error, b"".join(parts), before, everything) from error
            break
        with contextlib.suppress(OSError):
            self._drop()  # all applied: a journal left behind only rewrites the same bytes
        self.manifest = manifest
        for name, data in files.items():
            if data is None:
                self.seen.forget(name)
            else:
                sha = manifest[name].sha256
                self.seen.note_written(name, ours.get(name), sha, in_sync=name not in merged)

    def _moved(self, files: Files, stamps: dict[str, devices.Signature | None]) -> bool:
        """Whether a file of the commit changed since ``stamps`` were taken."""
        return self._stamps(files) != stamps

    def _stamps(self, files: Files) -> dict[str, devices.Signature | None]:
        """The signature of each file a commit writes, as it is now (none unless another
        device may write here: see :meth:`devices.Seen.changed`)."""
        if not self.seen.watching:
            return {}
        return {name: devices.signature(self.folder / name) for name in files}

    def _reconcile(
        self, files: dict[str, bytes | None], ours: Mapping[str, Version], manifest: Manifest
    ) -> set[str]:
        """Take in what another device changed since this process read the folder:
        a file this commit replaces is merged with it (``files`` then holds the merge),
        any other one is listed as it now is. The names merged."""
        merged: set[str] = set()
        for name in self.seen.changed():
            path = self.folder / name
            try:
                disk = path.read_bytes()
            except FileNotFoundError:
                continue  # removed there: what this commit writes puts it back; check says
            entry = Entry(len(disk), digest(disk))
            if self.seen.holds(name, entry.sha256):
                self.seen.note_read(name, devices.signature(path))  # the same bytes
                continue
            if name == layout.META:
                self._check_format(disk)
            data = files.get(name)
            if data is None or name == layout.META:
                manifest[name] = entry  # theirs stays as it is; this process is behind
                self.behind.add(name)
                continue
            mine = ours.get(name)
            if mine is None:
                mine = Unparsed(data)
            quiet = self.seen.merged_here(name, entry.sha256)
            if self._merge_into(files, name, mine, disk, quiet=quiet):
                merged.add(name)
        return merged

    def _merge_into(
        self, files: dict[str, bytes | None], name: str, mine: Version, disk: bytes, *, quiet: bool
    ) -> bool:
        """Put ours merged with the disk's version in ``files``; whether that differs
        from ours (when it does not, the other side changed nothing that matters).
        ``quiet``: the disk holds the merge this process wrote last, so what it takes
        from there was said then (a record changed on both is said again)."""
        result = devices.merge_file(self.seen.bases.get(name, {}), mine, disk)
        if result is None:
            kept = devices.set_aside_bytes(self.folder, name, disk)
            self.notes.append(
                f"{name} had been replaced by a file that is not jobfutures data; "
                f"it is kept in {kept} and your version was written"
            )
            return False
        if not (result.theirs or result.set_aside):
            return False
        files[name] = dumps(result.tables)
        self.behind.add(name)
        if quiet and not result.set_aside:
            return True
        note = f"{name} had changed on another device: merged ({result.theirs} from there)"
        if result.set_aside:
            kept = devices.set_aside(
                self.folder, name, result.set_aside, "changed on both devices; the newer kept"
            )
            count = len(result.set_aside)
            note += f"; {count} changed on both, the newer kept, the other in {kept}"
        self.notes.append(note)
        return True

    def _check_format(self, disk: bytes) -> None:
        """Never write over data a newer jobfutures on another device upgraded."""
        try:
            version = orjson.loads(disk).get("schema_version")
        except (orjson.JSONDecodeError, AttributeError):
            return  # not readable: the next open refuses it, and check reports it
        mine = self.format_version
        if mine is not None and isinstance(version, int) and version > mine:
            raise StoreError(
                f"a newer jobfutures on another device upgraded this data (format "
                f"{version}; this one writes {self.format_version}). Nothing was saved: "
                "upgrade jobfutures here"
            )

    def changed_elsewhere(self) -> list[str]:
        """Data files whose content is not the version this process holds (see
        :meth:`Repository.changed_elsewhere`)."""
        with self._busy:
            return self._changed_elsewhere()

    def _changed_elsewhere(self) -> list[str]:
        found = set(self.behind)
        for name in self.seen.changed():
            path = self.folder / name
            before = devices.signature(path)
            try:
                same = self.seen.holds(name, digest(path.read_bytes()))
            except FileNotFoundError:
                same = name not in self.seen.digests
            if same:
                self.seen.note_read(name, before)
            else:
                found.add(name)
        return sorted(found)

    def take_notes(self) -> list[str]:
        """What merges said since the last call (for the app or the command to show)."""
        notes, self.notes = self.notes, []
        return notes

    def _failed(self, error: OSError, encoded: bytes, before: Manifest, files: Files) -> SaveFailed:
        """Clean up after a commit that failed, and say what became of it: while no file
        holds its new contents, the journal goes (nothing was written); once one does,
        it stays, and the next open finishes the commit."""
        journal = self.folder / JOURNAL
        self.manifest = None  # read again: the folder may be part-way
        try:
            ours = journal.read_bytes() == encoded
        except OSError:
            ours = False
        if ours and not _any_applied(self.folder, files, before):
            try:
                self._drop()
            except OSError:
                return SaveFailed(journal, error, journal=journal)
            return SaveFailed(journal, error)
        kept = journal if ours or journal.exists() else None
        return SaveFailed(journal, error, journal=kept)

    def current_manifest(self) -> Manifest:
        """The manifest: as last committed, else as stored, else made from the files
        as they are (a folder written before manifests existed)."""
        if self.manifest is None:
            try:
                stored = read_manifest(self.folder)
            except ValueError:
                stored = None  # damaged: made again from the files, which check reports
            self.manifest = stored if stored is not None else self._made()
        return self.manifest

    def remember_manifest(self) -> None:
        """Read the manifest now, at open: a sync tool may bring another device's later,
        and what this process read must be compared with the folder as it found it."""
        if self.manifest is None:
            with contextlib.suppress(ValueError):
                self.manifest = read_manifest(self.folder)
        for name, entry in (self.manifest or {}).items():
            found = self.seen.signatures.get(name)
            if found is not None and found[0] != entry.size:
                # Another device's manifest came before its file: what is here is not
                # the version it lists, so that version, when it comes, is merged.
                continue
            self.seen.digests[name] = entry.sha256

    def _made(self) -> Manifest:
        made: Manifest = {}
        for name in layout.data_files(self.folder):
            data = (self.folder / name).read_bytes()
            made[name] = Entry(len(data), digest(data))
        return made

    def recover(self) -> str | None:
        """Finish or drop a commit a crash interrupted (call with the lock held);
        what was done, in words, or None when there was nothing to do."""
        files = self.pending()
        path = self.folder / JOURNAL
        if files is None:
            if path.exists():
                self._drop()
                return "an unfinished save that never began writing was dropped"
            return None
        apply(self.folder, files, self._write)
        self._drop()
        self.manifest = None
        return "a save that was cut short was finished"

    def pending(self) -> dict[str, bytes | None] | None:
        """The files of a whole journal left by a crash (None: none, or not whole)."""
        try:
            data = (self.folder / JOURNAL).read_bytes()
        except FileNotFoundError:
            return None
        try:
            return decode_journal(data)
        except ValueError:
            return None

    def _drop(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / JOURNAL)
        fsync_folder(self.folder)


def _records(name: str, data: bytes, held: Version | None) -> int | None:
    """How many records a file a commit writes holds, for the manifest: counted from
    the tables the writer serialised or the rows it spliced, else from the bytes (a
    restore, a migration, a merge). meta.json holds none."""
    if name == layout.META:
        return None
    if isinstance(held, Unparsed):
        return held.records if held.records is not None else count_records(data)
    return records_in(held) if held is not None else count_records(data)


def _any_applied(folder: Path, files: Files, before: Manifest) -> bool:
    """Whether any file of a commit now holds its new contents (or is gone, if the
    commit removes it), where it held something else before. The manifest, written
    last, changes no data by itself."""
    for name, data in files.items():
        if name == layout.MANIFEST:
            continue
        path = folder / name
        old = before.get(name)
        if data is None:
            if old is not None and not path.exists():
                return True
            continue
        if Entry(len(data), digest(data)).same_bytes(old):
            continue
        try:
            now = path.read_bytes()
        except OSError:
            continue
        if now == data:
            return True
    return False
