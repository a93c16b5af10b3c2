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
import os
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import BinaryIO

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
    archive = _Archive(out)
    for name in names:
        path = folder / name
        seen = signature(path)
        member = earlier.unchanged(name, seen)
        if member is not None:
            size, crc, packed, packed_crc, table = member
            archive.add(name, size, crc, packed, seen, packed_crc=packed_crc, table=table)
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


def _read_stamp(extra: bytes) -> tuple[Signature, int] | None:
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


def _read_table(extra: bytes) -> list[tuple[int, int, int, int]] | None:
    """The chunk table in a member's extra field (None: none, or damaged)."""
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, at)
        if kind == _TABLE_ID and length >= 4 and at + 4 + length <= len(extra):
            (crc,) = struct.unpack_from("<L", extra, at + 4)
            body = extra[at + 8 : at + 4 + length]
            if zlib.crc32(body) != crc or len(body) % _ENTRY.size:
                return None
            return list(_ENTRY.iter_unpack(body))
        at += 4 + length
    return None


class _Earlier:
    """The newest automatic backup, whose packed members are taken again for files
    that have not changed since (docs/storage.md: most of a lifetime of data is
    months that never change, and packing or even reading them again at every
    command made every change cost the whole history).

    A file whose signature (size, modification time, inode: every write here is a
    rename, so a new inode) is the one stamped on its member is taken without being
    read, once the packed bytes match the CRC stamped beside them. Any other is read
    and packed, taking again the member's chunks it holds the same bytes of
    (:meth:`chunks`). So a damaged backup is never copied on."""

    def __init__(self, backups: Path) -> None:
        self._file: BinaryIO | None = None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        found = list_backups(backups)
        if not found:
            return
        with contextlib.suppress(OSError, zipfile.BadZipFile, ValueError, EOFError):
            self._file = found[0].path.open("rb")
            with zipfile.ZipFile(self._file) as archive:
                self._infos = {
                    info.filename: info
                    for info in archive.infolist()
                    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 1
                }

    def __enter__(self) -> _Earlier:
        return self

    def __exit__(self, *_: object) -> None:
        if self._file is not None:
            self._file.close()

    def unchanged(
        self, name: str, seen: Signature | None
    ) -> tuple[int, int, bytes, int, bytes] | None:
        """Size, CRC, packed bytes, their CRC and the chunk table's extra field, if the
        file is as it was when packed."""
        info = self._infos.get(name)
        stamp = _read_stamp(info.extra) if info is not None else None
        if info is None or stamp is None or seen is None or stamp[0] != seen:
            return None
        packed = self._raw(info)
        if packed is None or zlib.crc32(packed) != stamp[1] or info.file_size != seen[0]:
            return None
        table = _read_table(info.extra) or []
        entries = _table([_ENTRY.pack(*entry) for entry in table]) if table else b""
        return info.file_size, info.CRC, packed, stamp[1], entries

    def chunks(self, name: str) -> dict[tuple[int, int, int], bytes]:
        """The packed chunks of the file's member (size, CRC, Adler-32 → packed bytes),
        if its packed bytes match the CRC stamped beside them and its table matches its
        own CRC and adds up to them: a damaged backup gives nothing to take again."""
        info = self._infos.get(name)
        if info is None:
            return {}
        stamp, table = _read_stamp(info.extra), _read_table(info.extra)
        if stamp is None or not table:
            return {}
        packed = self._raw(info)
        if packed is None or zlib.crc32(packed) != stamp[1]:
            return {}
        if sum(entry[3] for entry in table) + len(_LAST) != len(packed):
            return {}
        found: dict[tuple[int, int, int], bytes] = {}
        at = 0
        for size, crc, adler, length in table:
            piece = packed[at : at + length]
            if not piece.endswith(_SYNCED):
                return {}
            found[(size, crc, adler)] = piece
            at += length
        return found

    def _raw(self, info: zipfile.ZipInfo) -> bytes | None:
        """The member's packed bytes as stored (None: the zip is not as it says)."""
        if self._file is None:
            return None
        try:
            self._file.seek(info.header_offset)
            head = _LOCAL.unpack(self._file.read(_LOCAL.size))
            if head[0] != _LOCAL_MARK:
                return None
            self._file.seek(head[9] + head[10], os.SEEK_CUR)
            packed = self._file.read(info.compress_size)
        except (OSError, struct.error):
            return None
        return packed if len(packed) == info.compress_size else None


_LOCAL_MARK = b"PK\x03\x04"
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s4B4H3L5H2L")
_END = struct.Struct("<4s4H2LH")


class _Archive:
    """A zip of members already deflated, as zipfile writes one (private files,
    the time now), streamed to ``out``: written here because zipfile cannot take a
    member already packed."""

    def __init__(self, out: BinaryIO) -> None:
        now = time.localtime()
        self._when = (
            now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2,
            (now.tm_year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday,
        )
        self._out = out
        self._at = 0
        self._central = io.BytesIO()
        self._count = 0

    def add(
        self,
        name: str,
        size: int,
        crc: int,
        packed: bytes,
        seen: Signature | None,
        *,
        packed_crc: int | None = None,
        table: bytes = b"",
    ) -> None:
        encoded = name.encode()
        flags = 0 if name.isascii() else 0x800  # the name is UTF-8
        how = (flags, zipfile.ZIP_DEFLATED, *self._when, crc, len(packed), size, len(encoded))
        offset = self._at
        self._write(_LOCAL.pack(_LOCAL_MARK, 20, *how, 0) + encoded)
        self._write(packed)
        extra = table
        if seen is not None:  # a member taken from the last backup comes with its CRC
            extra = _stamp(seen, zlib.crc32(packed) if packed_crc is None else packed_crc) + table
        # Made by version 2.0 on Unix, read-write for the owner only, no comment.
        made = (b"PK\x01\x02", 20, 3, 20, 0)
        central = _CENTRAL.pack(*made, *how, len(extra), 0, 0, 0, 0o600 << 16, offset)
        self._central.write(central + encoded + extra)
        self._count += 1

    def _write(self, data: bytes) -> None:
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
