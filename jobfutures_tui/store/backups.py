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
import struct
import time
import zipfile
import zlib
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
            size, crc, packed, packed_crc = member
            archive.add(name, size, crc, packed, seen, packed_crc=packed_crc)
            continue
        data = path.read_bytes()
        crc = zlib.crc32(data)
        packed = earlier.packed(name, data, crc) or _pack(data)
        # The signature vouches for these bytes only if the file did not move meanwhile.
        archive.add(name, len(data), crc, packed, seen if signature(path) == seen else None)
    archive.close()


def _pack(data: bytes) -> bytes:
    """Deflated as zipfile does at compresslevel 1 (fast; our JSON packs 4.5 to 1)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


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


class _Earlier:
    """The newest automatic backup, whose packed members are taken again for files
    that have not changed since (docs/storage.md: most of a lifetime of data is
    months that never change, and packing or even reading them again at every
    command made every change cost the whole history).

    A file whose signature (size, modification time, inode: every write here is a
    rename, so a new inode) is the one stamped on its member is taken without being
    read, once the packed bytes match the CRC stamped beside them. Any other is read;
    its member is taken only if it unpacks to exactly those bytes. So a damaged
    backup is never copied on."""

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

    def unchanged(self, name: str, seen: Signature | None) -> tuple[int, int, bytes, int] | None:
        """Size, CRC, packed bytes and their CRC, if the file is as it was when packed."""
        info = self._infos.get(name)
        stamp = _read_stamp(info.extra) if info is not None else None
        if info is None or stamp is None or seen is None or stamp[0] != seen:
            return None
        packed = self._raw(info)
        if packed is None or zlib.crc32(packed) != stamp[1] or info.file_size != seen[0]:
            return None
        return info.file_size, info.CRC, packed, stamp[1]

    def packed(self, name: str, data: bytes, crc: int) -> bytes | None:
        info = self._infos.get(name)
        if info is None or info.file_size != len(data) or crc != info.CRC:
            return None
        packed = self._raw(info)
        if packed is None or not _unpacks_to(packed, data):
            return None
        return packed

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


def _unpacks_to(packed: bytes, data: bytes, chunk: int = 1 << 18) -> bool:
    """Whether ``packed`` inflates to exactly ``data``, a chunk at a time (a
    collection of 5,000 job futures is not held unpacked a second time)."""
    unpacker = zlib.decompressobj(-zlib.MAX_WBITS)
    done = 0
    rest = packed
    try:
        while True:
            part = unpacker.decompress(rest, chunk)
            if not data.startswith(part, done):  # compared in place, no copy
                return False
            done += len(part)
            rest = unpacker.unconsumed_tail
            if unpacker.eof or not rest:
                break
            if not part:
                return False  # no headway: not a stream this code wrote
    except zlib.error:
        return False
    return unpacker.eof and done == len(data) and not unpacker.unused_data


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
    ) -> None:
        encoded = name.encode()
        flags = 0 if name.isascii() else 0x800  # the name is UTF-8
        how = (flags, zipfile.ZIP_DEFLATED, *self._when, crc, len(packed), size, len(encoded))
        offset = self._at
        self._write(_LOCAL.pack(_LOCAL_MARK, 20, *how, 0) + encoded)
        self._write(packed)
        extra = b""
        if seen is not None:  # a member taken from the last backup comes with its CRC
            extra = _stamp(seen, zlib.crc32(packed) if packed_crc is None else packed_crc)
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
