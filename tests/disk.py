"""What reached the disk, in a form tests can compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

DERIVED = {"touch-index.json", "meta.json", "manifest.json"}


def saved_data(folder: Path) -> dict[str, Any]:
    """Every stored record, by file, table and id (order within a file aside)."""
    found: dict[str, Any] = {}
    for path in sorted(folder.rglob("*.json")):
        if path.name in DERIVED:
            continue
        for table, rows in orjson.loads(path.read_bytes()).items():
            for rid, row in rows.items():
                found[f"{path.relative_to(folder)}:{table}:{rid}"] = row
    return found
