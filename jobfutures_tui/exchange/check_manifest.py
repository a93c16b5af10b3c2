"""What ``check`` says of the folder's manifest: files missing, unknown or changed."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from jobfutures_tui.exchange import conflict_copies
from jobfutures_tui.store import layout
from jobfutures_tui.store.journal import JOURNAL
from jobfutures_tui.store.manifest import compare, count_records, read_manifest


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
        fewer = _fewer(folder, name, manifest[name].records)
        if fewer is not None:
            problems.append((name, fewer, ""))
            continue
        notes.append(
            f"{name} changed since jobfutures last wrote it (another device or a hand); "
            "its records were checked above"
        )
    problems += conflict_copies.findings(folder)
    if (folder / JOURNAL).exists():
        notes.append("a save was cut short; jobfutures finishes it the next time it opens the data")
    return ManifestFindings(problems, notes)


def _fewer(folder: Path, name: str, listed: int | None) -> str | None:
    """What is wrong with a changed file that holds fewer records than the manifest
    lists (emptied, or an older copy put back); None when it holds as many or more,
    as another device's change may (docs/storage.md, "Commits"). A file that is not
    JSON is reported where its records are read."""
    if listed is None:
        return None
    try:
        held = count_records((folder / name).read_bytes())
    except OSError:
        return None
    if held is None or held >= listed:
        return None
    return (
        f"it holds {held} records, where the manifest lists {listed} as of the last save: "
        "records were lost (the file emptied, cut short or replaced by an older copy)"
    )
