"""A derived index of each job future's newest touch, so opening skips the history.

The board needs only the newest touch of every job future, but finding it
means parsing every month of touches: most of the data, most of the time of
opening. This index keeps that summary beside a fingerprint (size, mtime,
inode) of every month file. It is written when the repository closes and
trusted at the next open only if every month file still matches its
fingerprint; after a crash, a restore or an edit by hand it is ignored and
rebuilt. It is never the only copy of anything: deleting it is always safe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pendulum

from jobfutures_tui.models.dates import to_utc
from jobfutures_tui.models.enums import Channel, Direction

INDEX_NAME = "touch-index.json"
INDEX_VERSION = 1

Fingerprints = dict[str, list[int]]


@dataclass(frozen=True, slots=True)
class TouchSummary:
    """What the board needs of a prospect's newest touch."""

    touch_id: str
    at: pendulum.DateTime
    channel: Channel
    direction: Direction

    def to_json(self) -> list[str]:
        return [self.touch_id, self.at.isoformat(), self.channel.value, self.direction.value]

    @classmethod
    def from_json(cls, row: list[str]) -> TouchSummary:
        touch_id, at, channel, direction = row
        return cls(touch_id, to_utc(at), Channel(channel), Direction(direction))


def fingerprints(folder: Path, partitions: list[str]) -> Fingerprints:
    """Size, modification time and inode of each month file: any rewrite changes them."""
    prints: Fingerprints = {}
    for name in partitions:
        stat = os.stat(folder / name)
        prints[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return prints


def read_index(folder: Path, partitions: list[str]) -> dict[str, TouchSummary] | None:
    """The newest touch per prospect, or None when the index is missing or stale."""
    try:
        data: Any = orjson.loads((folder / INDEX_NAME).read_bytes())
        if data.get("version") != INDEX_VERSION:
            return None
        if data.get("files") != fingerprints(folder, partitions):
            return None
        return {pid: TouchSummary.from_json(row) for pid, row in data["latest"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # unreadable or odd: just rebuild from the month files


def index_bytes(folder: Path, partitions: list[str], latest: dict[str, TouchSummary]) -> bytes:
    """Serialise the index; call once every month file has reached the disk."""
    return orjson.dumps(
        {
            "version": INDEX_VERSION,
            "files": fingerprints(folder, partitions),
            "latest": {pid: summary.to_json() for pid, summary in latest.items()},
        }
    )
