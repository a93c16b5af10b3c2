"""Merging two versions of a data file record by record, so no device's change is lost.

Two cases (docs/storage.md, "Several devices"):

- **Changed behind our back** (:func:`merge_three`): another device (through a
  sync folder) replaced a file since this process read it. We know the version
  we read (the *base*), ours and theirs, so each record's fate is clear: a
  record only one side changed takes that side's version (a deletion too); a
  record both changed takes the newer ``updated_at``, the other version is
  kept aside (:attr:`Merged.set_aside`), and an edit always beats a deletion.
- **A sync tool's conflict copy** (:func:`merge_copy`): two versions and no
  base. Nothing may be dropped, so every record of either is kept, the newer
  ``updated_at`` winning when both hold it: a record deleted on one device
  comes back, which the user can delete again, where guessing would lose data.

Both work on a file's parsed tables (table → record id → row) and never change
them in place: rows are shared with the store's memory (store/storage.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

import orjson

Row = Mapping[str, Any]
Tables = Mapping[str, Mapping[str, Row]]


class Unparsed:
    """A version of a file kept as its bytes (or a way to read them: the version a
    command holds open), with how many records it holds (None: not counted): the base
    of a merge that may never come, read and parsed only if it does (store/splice.py)."""

    __slots__ = ("_data", "records")

    def __init__(self, data: bytes | Callable[[], bytes], records: int | None = None) -> None:
        self._data, self.records = data, records

    @property
    def data(self) -> bytes:
        return self._data if isinstance(self._data, bytes) else self._data()


Version = Tables | Unparsed
"""A file's contents as this process holds them: parsed, or bytes to parse if needed."""


def parsed(version: Version) -> Tables:
    """The tables of a version (an unparsed one that is not tables of records: none)."""
    if not isinstance(version, Unparsed):
        return version
    tables = orjson.loads(version.data)
    if not isinstance(tables, dict):
        return {}
    return {name: rows for name, rows in tables.items() if isinstance(rows, dict)}


class Merged(NamedTuple):
    tables: dict[str, dict[str, Row]]
    theirs: int
    """Records taken from the other version (added, changed or removed there)."""
    set_aside: list[Row]
    """Versions that lost to a newer one of the same record: kept, never dropped."""


def merge_three(base: Tables, ours: Tables, theirs: Tables) -> Merged:
    """Ours and theirs, both made from ``base``, as one (the rules are in the module docstring)."""
    tables: dict[str, dict[str, Row]] = {}
    taken = 0
    aside: list[Row] = []
    for name in _names(ours, theirs):
        b, o, t = base.get(name, {}), ours.get(name, {}), theirs.get(name, {})
        merged: dict[str, Row] = {}
        for record_id in _ids(o, t):
            mine, other, before = o.get(record_id), t.get(record_id), b.get(record_id)
            if mine == other or other == before:
                chosen = mine
            elif mine == before:
                chosen, taken = other, taken + 1
            elif mine is None or other is None:
                chosen = mine if other is None else other  # an edit beats a deletion
                taken += chosen is other
            else:
                chosen = _newer(mine, other)
                loser = other if chosen is mine else mine
                aside.append(loser)
                taken += chosen is other
            if chosen is not None:
                merged[record_id] = chosen
        tables[name] = merged
    return Merged(tables, taken, aside)


def merge_copy(ours: Tables, copy: Tables) -> Merged:
    """A conflict copy into ours: every record of either kept, the newer version winning."""
    tables: dict[str, dict[str, Row]] = {}
    taken = 0
    aside: list[Row] = []
    for name in _names(ours, copy):
        o, c = ours.get(name, {}), copy.get(name, {})
        merged = dict(o)
        for record_id, row in c.items():
            mine = o.get(record_id)
            if mine is None:
                merged[record_id], taken = row, taken + 1
            elif mine != row:
                chosen = _newer(mine, row)
                merged[record_id] = chosen
                aside.append(row if chosen is mine else mine)
                taken += chosen is row
        tables[name] = merged
    return Merged(tables, taken, aside)


def _names(*versions: Tables) -> list[str]:
    seen: dict[str, None] = {}
    for version in versions:
        seen.update(dict.fromkeys(version))
    return list(seen)


def _ids(ours: Mapping[str, Row], theirs: Mapping[str, Row]) -> list[str]:
    """Ours in their order, then theirs that we do not have: a stable order, so the
    same merge always writes the same bytes."""
    return [*ours, *(record_id for record_id in theirs if record_id not in ours)]


def _newer(mine: Row, other: Row) -> Row:
    """The version changed last (``updated_at``); ours on a tie or when either lacks one."""
    mine_at, other_at = _instant(mine), _instant(other)
    if mine_at is None or other_at is None:
        return mine
    return other if other_at > mine_at else mine


def _instant(row: Row) -> datetime | None:
    value = row.get("updated_at")
    if not isinstance(value, str):
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        return None
    return at if at.tzinfo is not None else None
