"""What ``check`` says of the folder's manifest: files missing, unknown or changed."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from jobfutures_tui.exchange import conflict_copies
from jobfutures_tui.store import layout
from jobfutures_tui.store.journal import JOURNAL
from jobfutures_tui.store.manifest import compare, read_manifest


class ManifestFindings(NamedTuple):
    problems: list[tuple[str, str, str]]
    """(file, what is wrong, what --repair does: '' when it cannot safely)."""
    notes: list[str]


def manifest_findings(folder: Path) -> ManifestFindings:
    """The data files against the folder's manifest: a missing one lost records."""
    problems: list[tuple[str, str, str]] = []
    notes: list[str] = []
    try:
        manifest = read_manifest(folder)
    except ValueError:
        problems.append((layout.MANIFEST, "it is damaged", "write it again from the data files"))
        return ManifestFindings(problems, notes)
    if manifest is None:
        notes.append("no manifest yet: the next change writes one")
        return ManifestFindings(problems + conflict_copies.findings(folder), notes)
    found = compare(folder, manifest, hashes=True)
    for name in found.missing:
        problems.append(
            (name, "it is missing, though the manifest lists it: its records are gone", "")
        )
    for name in found.unknown:
        notes.append(
            f"{name} is not in the manifest: written by another program or device "
            "(its records are read as usual)"
        )
    for name in found.changed:
        notes.append(
            f"{name} changed since jobfutures last wrote it (another device or a hand); "
            "its records were checked above"
        )
    problems += conflict_copies.findings(folder)
    if (folder / JOURNAL).exists():
        notes.append("a save was cut short; jobfutures finishes it the next time it opens the data")
    return ManifestFindings(problems, notes)
