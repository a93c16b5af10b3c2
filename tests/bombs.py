"""Zip bombs, made on the fly in a few milliseconds: one compressed MiB of zeros,
repeated, so a 1.5 MB file unpacks to 1.5 GiB."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

MIB = 1024 * 1024


def _zeros_deflated(mebibytes: int) -> bytes:
    """A raw deflate stream of ``mebibytes`` MiB of zeros: a fully flushed block
    stands alone, so one can be repeated, then an empty last block ends the stream."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(MIB)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + b"\x03\x00"


def zip_bomb(path: Path, name: str = "people.json", *, mebibytes: int = 1536) -> Path:
    """A zip of one member ``name`` that declares and unpacks to ``mebibytes`` MiB of
    zeros, packed about 1,000 to 1. Its CRC is left 0: reading it all would end in
    "damaged", after the harm, which is what the tests make sure never happens."""
    packed = _zeros_deflated(mebibytes)
    size = mebibytes * MIB
    encoded = name.encode()
    sizes = struct.pack("<III", 0, len(packed), size)  # crc, packed, unpacked
    local = struct.pack("<IHHHHH", 0x04034B50, 20, 0, 8, 0, 0x21) + sizes
    local += struct.pack("<HH", len(encoded), 0) + encoded
    central = struct.pack("<IHHHHHH", 0x02014B50, 20, 20, 0, 8, 0, 0x21) + sizes
    central += struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, 0) + encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), len(local) + len(packed), 0
    )
    path.write_bytes(local + packed + central + end)
    return path
