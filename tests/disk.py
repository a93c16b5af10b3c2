"""What reached the disk, in a form tests can compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from jobfutures_tui.store.manifest import (
    Entry,
    count_records,
    digest,
    encode_manifest,
    read_manifest,
)

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


def synced(path: Path) -> None:
    """List a data file changed behind the store's back in the manifest, as another
    device's commit does (its manifest arrives with it): records it deleted there are
    not records lost here (docs/storage.md, "Commits")."""
    folder = path.parent.parent if path.parent.name == "touches" else path.parent
    manifest = read_manifest(folder) or {}
    data = path.read_bytes()
    name = path.relative_to(folder).as_posix()
    manifest[name] = Entry(len(data), digest(data), count_records(data))
    (folder / "manifest.json").write_bytes(encode_manifest(manifest))
