"""A file's contents as held in memory, serialised only when the writer gets to them."""

from __future__ import annotations

from typing import Any

import orjson


def dumps(data: Any) -> bytes:
    # Compact: indenting made the files a third larger and slower to parse.
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


class Snapshot:
    """A file's contents as they are now, serialised only when written."""

    __slots__ = ("tables",)

    def __init__(self, data: dict[str, Any]) -> None:
        # TinyDB sets a new table dict in ``data`` on each write, and healing may
        # drop a row from a table in place: copy both levels, share the rows.
        self.tables: dict[str, Any] = {
            name: dict(table) if isinstance(table, dict) else table for name, table in data.items()
        }

    def __call__(self) -> bytes:
        return dumps(self.tables)

    def held(self, data: bytes) -> dict[str, Any]:
        """The version written, as the base of a later merge: these tables."""
        return self.tables
