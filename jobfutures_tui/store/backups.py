"""Snapshots of the whole data folder, one zip file each, kept in tiers.

Every session's first change (and every shell command that changes data)
takes one, so ten quick commands would push out everything older if only the
newest were kept. Kept instead (docs/storage.md): the newest N (the recent
changes, ``--keep-backups``), the newest of each of the last 14 days, and
the newest of each of the last 12 months. Days and months are the user's.
"""

from __future__ import annotations

import contextlib
import io
import mmap
import os
import re
import struct
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import pendulum

from jobfutures_tui.models import dates
from jobfutures_tui.paths import DEFAULT_KEEP
from jobfutures_tui.store.devices import Signature, signature
from jobfutures_tui.store.errors import SaveFailed
from jobfutures_tui.store.files import ensure_folder, write_atomic
from jobfutures_tui.store.layout import data_files

PREFIX = "jobfutures-"
SUFFIX = ".zip"


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int

    @property
    def taken_at(self) -> pendulum.DateTime:
        stamp = self.path.name.removeprefix(PREFIX).removesuffix(SUFFIX)[:16]
        return pendulum.from_format(stamp, "YYYYMMDD[T]HHmmss[Z]", tz="UTC")


def make_backup(folder: Path, backups: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Zip the data files as they are on disk now; None if there is nothing to save.

    SaveFailed if it cannot be written: what it was to come before is not done either.
    """
    names = data_files(folder)
    if not names:
        return None
    try:
        ensure_folder(backups)
        target = _free_name(backups)
        with _Earlier(backups) as earlier:
            write_atomic(target, partial(_write_zip, folder, names, earlier))
    except OSError as error:
        raise SaveFailed(backups / "backup.zip", error) from error
    with contextlib.suppress(OSError):  # an old backup that cannot go yet goes next time
        prune(backups, keep)
    return target


def _write_zip(folder: Path, names: list[str], earlier: _Earlier, out: BinaryIO) -> None:
    archive = _Archive(out, earlier)
    for name in names:
        path = folder / name
        seen = signature(path)
        member = earlier.unchanged(name, seen)
        if member is not None:
            archive.take(member)
            continue
        data = path.read_bytes()
        packed, crc, table = _pack(data, earlier.chunks(name))
        # The signature vouches for these bytes only if the file did not move meanwhile.
        moved = signature(path) != seen
        archive.add(name, len(data), crc, packed, None if moved else seen, table=table)
    archive.close()


_CUT = re.compile(rb'\{"id":"00')
"""Where a file is cut into chunks packed apart: before each record whose id starts
with "00" (one in 256). The content decides, not the place, so a change to a record
leaves every other chunk the same bytes wherever it moved to."""
_SYNCED = b"\x00\x00\xff\xff"
"""How a chunk flushed to a byte boundary ends (an empty stored block)."""
_LAST = b"\x03\x00"
"""An empty last block: what ends the stream after the chunks."""
_ENTRY = struct.Struct("<LLLL")
"""A chunk in the table: its size, CRC-32 and Adler-32 (unpacked), and its packed size."""


def _pack(data: bytes, earlier: Mapping[tuple[int, int, int], bytes]) -> tuple[bytes, int, bytes]:
    """``data`` deflated (zlib's fastest level, as zipfile's compresslevel 1: our JSON
    packs 4 to 1) a chunk at a time, each with a fresh window and flushed to a byte
    boundary, so the chunks join into one stream any unzip reads. A chunk whose bytes
    the last backup packed is taken from it (``earlier``: size, CRC and Adler-32 →
    packed bytes), the rest packed afresh: a command that changed one job future of
    5,000 packs 200 KB, not 3.4 MB (docs/storage.md, "Backups and restore").
    The packed bytes, the CRC-32 of ``data`` and the chunk table."""
    view = memoryview(data)
    cuts = [found.start() for found in _CUT.finditer(data) if found.start()]
    pieces: list[bytes] = []
    entries: list[bytes] = []
    crc = 0
    for start, end in zip([0, *cuts], [*cuts, len(data)], strict=True):
        part = view[start:end]
        key = (end - start, zlib.crc32(part), zlib.adler32(part))
        crc = zlib.crc32(part, crc)
        packed = earlier.get(key)
        if packed is None:
            packer = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
            packed = packer.compress(part) + packer.flush(zlib.Z_SYNC_FLUSH)
        pieces.append(packed)
        entries.append(_ENTRY.pack(*key, len(packed)))
    pieces.append(_LAST)
    return b"".join(pieces), crc, _table(entries)


_STAMP_ID = 0x666A
"""Our extra field (``jf``) on each member: the file's signature (size, modification
time, inode) when it was packed, and a CRC of the packed bytes. Zip readers skip it."""
_STAMP = struct.Struct("<HHQqQL")


def _stamp(seen: Signature, packed_crc: int) -> bytes:
    size, mtime_ns, inode = seen
    return _STAMP.pack(_STAMP_ID, _STAMP.size - 4, size, mtime_ns, inode, packed_crc)


def _read_stamp(extra: bytes | memoryview) -> tuple[Signature, int] | None:
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == _STAMP_ID and length == _STAMP.size - 4 and at + _STAMP.size <= len(extra):
            _, _, size, mtime_ns, inode, crc = _STAMP.unpack_from(extra, at)
            return (size, mtime_ns, inode), crc
        at += 4 + length
    return None


_TABLE_ID = 0x636A
"""Our extra field (``jc``) on a member: a CRC of the chunk table, then the table."""
_MOST_ENTRIES = (0xFFFF - _STAMP.size - 8) // _ENTRY.size
"""A member's extra fields hold at most 64 KB: a file of more chunks gets no table."""


def _table(entries: list[bytes]) -> bytes:
    if len(entries) > _MOST_ENTRIES:
        return b""
    body = b"".join(entries)
    return struct.pack("<HHL", _TABLE_ID, len(body) + 4, zlib.crc32(body)) + body


def _read_table(extra: bytes | memoryview) -> list[tuple[int, int, int, int]] | None:
    """The chunk table in a member's extra field ([]: none; None: damaged)."""
    body = _table_body(extra)
    return None if body is None else list(_ENTRY.iter_unpack(body))


def _table_body(extra: bytes | memoryview) -> bytes | memoryview | None:
    """The chunk table's entries, packed ([]: none; None: damaged)."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == _TABLE_ID and length >= 4 and at + 4 + length <= len(extra):
            (crc,) = struct.unpack_from("<L", extra, at + 4)
            body = extra[at + 8 : at + 4 + length]
            if zlib.crc32(body) != crc or len(body) % _ENTRY.size:
                return None
            return body
        at += 4 + length
    return b""


class _Earlier:
    """The newest automatic backup, whose members are taken again for files that have
    not changed since (docs/storage.md: most of a lifetime of data is months that never
    change, and packing or even reading them again at every command made every change
    cost the whole history).

    A file whose signature (size, modification time, inode: every write here is a
    rename, so a new inode) is the one stamped on its member is not read: its member
    is copied whole, once its local record agrees with its central one and its packed
    bytes match the CRC stamped beside them. Any other is read and packed, taking again
    the member's chunks it holds the same bytes of (:meth:`chunks`). So a damaged
    backup is never copied on. The zip is mapped, not read: the CRC check reads it in
    place, and the kernel copies what is taken (docs/storage.md)."""

    def __init__(self, backups: Path) -> None:
        self._file: BinaryIO | None = None
        self._map: mmap.mmap | None = None
        self._view = memoryview(b"")
        self._records: dict[str, tuple[int, int, tuple[Any, ...]]] = {}
        found = list_backups(backups)
        if not found:
            return
        with contextlib.suppress(OSError, ValueError):
            self._file = found[0].path.open("rb")
            self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ)
            self._view = memoryview(self._map)
            self._records = _directory(self._view)

    def __enter__(self) -> _Earlier:
        return self

    def __exit__(self, *_: object) -> None:
        self._view.release()
        if self._map is not None:
            with contextlib.suppress(BufferError):  # a chunk still held: closed when freed
                self._map.close()
        if self._file is not None:
            self._file.close()

    def unchanged(self, name: str, seen: Signature | None) -> _Member | None:
        """The member to copy whole, if the file is as it was when packed."""
        record = self._records.get(name)
        if record is None or seen is None:
            return None
        start, stop, central = record
        extra = self._extra(record)
        stamp = _read_stamp(extra)
        if stamp is None or stamp[0] != seen or central[_SIZE] != seen[0]:
            return None
        packed = self._packed(record)
        if packed is None or zlib.crc32(self._view[packed[1] : packed[2]]) != stamp[1]:
            return None
        if _table_body(extra) is None:
            return None  # a damaged table is not copied on either
        return _Member(packed[0], packed[2], self._view[start:stop].tobytes())

    def chunks(self, name: str) -> dict[tuple[int, int, int], bytes]:
        """The packed chunks of the file's member (size, CRC, Adler-32 → packed bytes),
        if its packed bytes match the CRC stamped beside them and its table matches its
        own CRC and adds up to them: a damaged backup gives nothing to take again."""
        record = self._records.get(name)
        if record is None:
            return {}
        extra = self._extra(record)
        stamp, table = _read_stamp(extra), _read_table(extra)
        packed = self._packed(record)
        if stamp is None or not table or packed is None:
            return {}
        _, at, end = packed
        if zlib.crc32(self._view[at:end]) != stamp[1]:
            return {}
        if sum(entry[3] for entry in table) + len(_LAST) != end - at:
            return {}
        found: dict[tuple[int, int, int], bytes] = {}
        for size, crc, adler, length in table:
            piece = self._view[at : at + length].tobytes()
            if not piece.endswith(_SYNCED):
                return {}
            found[(size, crc, adler)] = piece
            at += length
        return found

    def copy(self, out: BinaryIO, start: int, end: int) -> None:
        """Bytes ``start`` to ``end`` of this zip, onto the end of ``out``: copied by
        the kernel where it can (no read into memory, no write from it)."""
        out.flush()
        if self._file is not None and hasattr(os, "copy_file_range"):
            with contextlib.suppress(OSError):  # another file system, an old kernel
                while start < end:
                    copied = os.copy_file_range(
                        self._file.fileno(), out.fileno(), end - start, start
                    )
                    if not copied:
                        break
                    start += copied
        out.write(self._view[start:end])

    def _extra(self, record: tuple[int, int, tuple[Any, ...]]) -> memoryview:
        start, _, central = record
        named = start + _CENTRAL.size + central[_NAME_LENGTH]
        return self._view[named : named + central[_EXTRA_LENGTH]]

    def _packed(self, record: tuple[int, int, tuple[Any, ...]]) -> tuple[int, int, int] | None:
        """Where the member's local record starts, and its packed bytes start and end,
        if its local record says what its central one says (None: the zip is not as it
        says)."""
        start, _, central = record
        at = central[_OFFSET]
        if at + _LOCAL.size + central[_NAME_LENGTH] > len(self._view):
            return None
        local = _LOCAL.unpack_from(self._view, at)
        if local[0] != _LOCAL_MARK or local[2:10] != central[_AGREED]:
            return None
        name = slice(start + _CENTRAL.size, start + _CENTRAL.size + central[_NAME_LENGTH])
        if self._view[at + _LOCAL.size : at + _LOCAL.size + local[9]] != self._view[name]:
            return None
        begin = at + _LOCAL.size + local[9] + local[10]
        end = begin + central[_PACKED]
        return (at, begin, end) if end <= len(self._view) else None


@dataclass(frozen=True)
class _Member:
    """A member of the earlier zip to take whole: where its local record (header and
    packed bytes) starts and ends there, and its central record as it is there."""

    start: int
    end: int
    central: bytes


_DEFLATED = 8
_LOCAL_MARK = b"PK\x03\x04"
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s4B4H3L5H2L")
_END = struct.Struct("<4s4H2LH")
# Fields of a central record, and those its local record repeats (flags, method,
# time, date, CRC, packed size, size, name length: the local one's 2 to 9).
_PACKED, _SIZE, _NAME_LENGTH, _EXTRA_LENGTH, _OFFSET = 10, 11, 12, 13, 18
_AGREED = slice(5, 13)
_PLACE = struct.Struct("<L")
"""A central record's last field, at byte 42: where its local record starts."""


def _directory(zipped: memoryview) -> dict[str, tuple[int, int, tuple[Any, ...]]]:
    """Each deflated member's central record (where it starts and ends, and its fields)
    by name; {} for a zip not as :class:`_Archive` writes one (a comment, zip64, damage)."""
    if len(zipped) < _END.size:
        return {}
    end_at = len(zipped) - _END.size
    mark, _, _, _, count, size, start, comment = _END.unpack_from(zipped, end_at)
    if mark != b"PK\x05\x06" or comment or start + size != end_at:
        return {}
    found = {}
    at = start
    for _ in range(count):
        if at + _CENTRAL.size > end_at:
            return {}
        fields = _CENTRAL.unpack_from(zipped, at)
        named = at + _CENTRAL.size + fields[_NAME_LENGTH]
        stop = named + fields[_EXTRA_LENGTH] + fields[14]
        if fields[0] != b"PK\x01\x02" or stop > end_at:
            return {}
        if fields[6] == _DEFLATED and not fields[5] & 0b1001:  # not encrypted, sizes known
            name = zipped[at + _CENTRAL.size : named].tobytes()
            found[name.decode("utf-8" if fields[5] & 0x800 else "cp437")] = (at, stop, fields)
        at = stop
    return found


class _Archive:
    """A zip of members already deflated, as zipfile writes one (private files,
    the time now), streamed to ``out``: written here because zipfile cannot take a
    member already packed. Members taken whole from the earlier zip keep their
    bytes and their time (when they were packed); consecutive ones are copied in
    one go."""

    def __init__(self, out: BinaryIO, earlier: _Earlier) -> None:
        now = time.localtime()
        self._when = (
            now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2,
            (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday,
        )
        self._out = out
        self._earlier = earlier
        self._run: list[int] = []
        """The earlier zip's bytes still to copy (start, end), taken but not yet written."""
        self._at = 0
        self._central = io.BytesIO()
        self._count = 0

    def take(self, member: _Member) -> None:
        central = bytearray(member.central)
        _PLACE.pack_into(central, _CENTRAL.size - _PLACE.size, self._at)
        self._central.write(central)
        self._count += 1
        if self._run and self._run[1] == member.start:
            self._run[1] = member.end
        else:
            self._copy_run()
            self._run = [member.start, member.end]
        self._at += member.end - member.start

    def add(
        self,
        name: str,
        size: int,
        crc: int,
        packed: bytes,
        seen: Signature | None,
        *,
        table: bytes = b"",
    ) -> None:
        encoded = name.encode()
        flags = 0 if name.isascii() else 0x800  # the name is UTF-8
        how = (flags, _DEFLATED, *self._when, crc, len(packed), size, len(encoded))
        offset = self._at
        self._write(_LOCAL.pack(_LOCAL_MARK, 20, *how, 0) + encoded)
        self._write(packed)
        extra = table if seen is None else _stamp(seen, zlib.crc32(packed)) + table
        # Made by version 2.0 on Unix, read-write for the owner only, no comment.
        made = (b"PK\x01\x02", 20, 3, 20, 0)
        central = _CENTRAL.pack(*made, *how, len(extra), 0, 0, 0, 0o600 << 16, offset)
        self._central.write(central + encoded + extra)
        self._count += 1

    def _copy_run(self) -> None:
        if self._run:
            self._earlier.copy(self._out, *self._run)
            self._run = []

    def _write(self, data: bytes) -> None:
        self._copy_run()
        self._out.write(data)
        self._at += len(data)

    def close(self) -> None:
        start = self._at
        directory = self._central.getvalue()
        self._write(directory)
        count = self._count
        self._write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))


def list_backups(backups: Path) -> list[Backup]:
    """Newest first."""
    if not backups.is_dir():
        return []
    found = sorted(backups.glob(f"{PREFIX}*{SUFFIX}"), key=_taken_order, reverse=True)
    return [Backup(path, path.stat().st_size) for path in found]


DAILY_DAYS = 14
MONTHLY_MONTHS = 12

Tier = str
"""'recent', 'daily' or 'monthly': why a backup is kept (the first that applies)."""


def tiers(found: list[Backup], keep: int, today: pendulum.Date) -> dict[Path, Tier]:
    """Which of ``found`` (newest first) are kept, and why; the rest may go.
    A file whose name carries no date (renamed by hand) counts only as recent."""
    zone = dates.local_timezone()
    kept: dict[Path, Tier] = {b.path: "recent" for b in found[: max(keep, 1)]}
    days: set[pendulum.Date] = set()
    months: set[tuple[int, int]] = set()
    for backup in found:
        try:
            day = backup.taken_at.in_timezone(zone).date()
        except ValueError:
            continue
        if 0 <= (today - day).days < DAILY_DAYS and day not in days:
            days.add(day)
            kept.setdefault(backup.path, "daily")
        month = (day.year, day.month)
        ago = (today.year - day.year) * 12 + today.month - day.month
        if 0 <= ago < MONTHLY_MONTHS and month not in months:
            months.add(month)
            kept.setdefault(backup.path, "monthly")
    return kept


def prune(backups: Path, keep: int) -> None:
    """Remove the backups no tier keeps."""
    found = list_backups(backups)
    kept = tiers(found, keep, dates.today())
    for old in found:
        if old.path not in kept:
            old.path.unlink(missing_ok=True)


def _taken_order(path: Path) -> tuple[str, int]:
    """Time stamp, then the counter added to a second backup in the same second."""
    stamp, _, counter = path.name.removeprefix(PREFIX).removesuffix(SUFFIX).partition("-")
    return stamp, int(counter) if counter.isdigit() else 0


def _free_name(backups: Path) -> Path:
    stamp = pendulum.now("UTC").format("YYYYMMDDTHHmmss") + "Z"
    # Count on from the newest of this second, even if older ones were pruned.
    taken = [_taken_order(path)[1] for path in backups.glob(f"{PREFIX}{stamp}*{SUFFIX}")]
    if not taken:
        return backups / f"{PREFIX}{stamp}{SUFFIX}"
    return backups / f"{PREFIX}{stamp}-{max(taken) + 1}{SUFFIX}"
