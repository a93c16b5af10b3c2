"""How much jobfutures reads of a file it is handed, checked before reading.

A wrong file, or a zip made to explode (1.5 MB that unpacks to 1.5 GiB), must
be refused with a message, not fill the memory. So a restore or an import
looks at the size first: a plain file's size on disk, a zip's declared sizes
(and how tightly each member is packed). The declared sizes could lie, so the
bytes are then read in chunks and reading stops at the limit all the same.

The numbers, from the benchmarks' lifetime data (``benchmarks/generate.py``:
5,000 job futures and 50,000 touches, 300 touches a month for fourteen years,
far more than one person logs): 33 MB of data files, a 6.5 MB backup of them
(no file packed tighter than 6.4 to 1), a 40 MB JSON export, a 16 MB
touches.csv. The limits leave six times that and more.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jobfutures_tui.exchange.backup import human_size
from jobfutures_tui.exchange.errors import ExchangeError

MB = 1024 * 1024
DATA_LIMIT = 256 * MB
"""A backup once unpacked, or a JSON export: the lifetime data is 33 to 40 MB."""
CONTACTS_LIMIT = 200 * MB
"""A CSV, vCard or LinkedIn file: address books exported with photos run to tens
of KB a contact, so tens of thousands of contacts fit."""
MAIL_HEADER_LIMIT = 256 * 1024
"""Mail has no size limit: a mailbox of 2 GB is ordinary, and an import of mail reads
only each message's headers, streamed (exchange/mail_read.py), so what it holds does
not grow with the file. This caps one message's headers instead (real ones run to a
few KB; a long thread's References to tens of KB); the rest is passed over."""
MAX_RATIO = 100
"""How tightly a zip member may be packed. Ours pack at most 6.4 to 1; a file of
zeros packs about 1,000 to 1, the stuff of zip bombs."""
RATIO_FROM = 1 * MB
"""Members smaller than this unpacked are not asked their ratio: they cannot
fill the memory, and a tiny file may pack oddly."""
CHUNK = 1 * MB
"""Bytes read at a time: what a read holds in memory beyond what it keeps."""


class TooBig(ExchangeError):
    """A file bigger than jobfutures reads; says which, how big, and the limit."""

    def __init__(self, path: Path | str, size: int | None, limit: int, *, unpacked: bool) -> None:
        big = human_size(size) if size is not None else "more than that"
        super().__init__(
            f"{path} is too big to read: it {'unpacks to' if unpacked else 'is'} {big}, and "
            f"jobfutures reads at most {human_size(limit)} (fourteen busy years of data "
            "take about 40 MB).\nNothing was changed."
        )


class Packed(ExchangeError):
    """A zip member packed far tighter than any data: a zip bomb, or no data of ours."""

    def __init__(self, path: Path | str, info: zipfile.ZipInfo) -> None:
        ratio = info.file_size // max(info.compress_size, 1)
        super().__init__(
            f"{path} is not safe to read: {info.filename} unpacks to {ratio} times its "
            f"packed size ({human_size(info.file_size)}), where data packs at most "
            f"{MAX_RATIO} to 1.\nNothing was changed."
        )


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, refused (TooBig) past ``limit``: by its size before reading,
    and while reading (a file that grows, a pipe or a device has no size to trust)."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise TooBig(path, size, limit, unpacked=False)
            # Not read(limit + 1): that sets aside the whole limit (200 MB) for any file.
            chunks = [handle.read(size + 1)] if size else []
            total = sum(map(len, chunks))
            while total <= limit and (chunk := handle.read(min(CHUNK, limit + 1 - total))):
                chunks.append(chunk)  # a file that grows, a pipe, a device
                total += len(chunk)
            data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except FileNotFoundError:
        raise ExchangeError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ExchangeError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise TooBig(path, None, limit, unpacked=False)
    return data


def check_members(path: Path | str, infos: list[zipfile.ZipInfo], limit: int) -> None:
    """Refuse an archive whose members declare more than ``limit`` unpacked, or one
    packed like a bomb, before any of it is read."""
    declared = sum(info.file_size for info in infos)
    if declared > limit:
        raise TooBig(path, declared, limit, unpacked=True)
    for info in infos:
        packed_tight = info.file_size > MAX_RATIO * max(info.compress_size, 1)
        if info.file_size >= RATIO_FROM and packed_tight:
            raise Packed(path, info)


@dataclass
class Budget:
    """What may still be unpacked from one archive, whatever its members declared."""

    source: Path | str
    limit: int
    used: int = 0

    def take(self, size: int) -> None:
        self.used += size
        if self.used > self.limit:
            raise TooBig(self.source, None, self.limit, unpacked=True)


def copy_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, into: BinaryIO, budget: Budget
) -> None:
    """Unpack one member into ``into`` a chunk at a time, stopping (TooBig) once the
    archive's budget is spent: a chunk beyond it is never kept."""
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            budget.take(len(chunk))
            into.write(chunk)
