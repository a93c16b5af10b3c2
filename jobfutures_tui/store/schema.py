"""The data format version, and the steps that bring older data up to date.

A migration takes every file of the folder as parsed JSON (relative path →
content) and returns the new contents. Migrations must be idempotent: the
version in meta.json is written last, so a crash part-way re-runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from jobfutures_tui.store import layout

SCHEMA_VERSION = 7
APP_MARK = "jobfutures"

Files = dict[str, Any]
Migration = Callable[[Files], Files]


def _snoozes_arrive(files: Files) -> Files:
    """1 → 2: job futures may carry ``snoozed_until``. Nothing stored changes: the
    field defaults to none. The bump makes an older jobfutures refuse the new
    files as newer, rather than as damaged."""
    return files


def _library_arrives(files: Files) -> Files:
    """2 → 3: user cadence plans, scripts and shareables get files of their own,
    and a touch may carry its kind. The built-in scripts are stored, so they
    can be edited like the user's own; one already there is left as it is."""
    from jobfutures_tui.engine.script_library import builtin_rows

    stored = files.setdefault(layout.SCRIPTS, {})
    table = stored.setdefault("scripts", {}) if isinstance(stored, dict) else None
    if isinstance(table, dict):  # anything else is refused when the file is read
        for row in builtin_rows():
            table.setdefault(row["id"], row)
    return files


def _skips_arrive(files: Files) -> Files:
    """3 → 4: job futures may carry the touches the user skipped (``skips``).
    Nothing stored changes: the field defaults to none. As for 1 → 2, the bump
    makes an older jobfutures refuse the new files as newer."""
    return files


def _format_four(files: Files) -> Files:
    """3 → 4: skips arrive (:func:`_skips_arrive`), and the built-in scripts for
    data that reached format 3 before they were stored with it (none is there)."""
    return _library_arrives(_skips_arrive(files))


def _builtins_refreshed(files: Files) -> Files:
    """The built-in scripts the user never edited are replaced by this version's
    words (same id, so touches still name them); edited ones are kept as they
    are, and new built-ins join them. A format-4 built-in that is missing was
    deleted by the user and stays deleted (R brings it back). A stored built-in
    whose key is no longer shipped is left as it is: touches may name it.
    Running it again changes nothing."""
    from jobfutures_tui.engine.script_library import (
        FORMAT_FOUR,
        as_format_four_shipped,
        builtin_rows,
    )

    stored = files.get(layout.SCRIPTS)
    table = stored.get("scripts") if isinstance(stored, dict) else None
    if not isinstance(table, dict):  # anything else is refused when the file is read
        return files
    by_key: dict[str, list[str]] = {}
    for script_id, row in table.items():
        if isinstance(row, dict) and isinstance(row.get("builtin"), str):
            by_key.setdefault(row["builtin"], []).append(script_id)
    for new in builtin_rows():
        found = by_key.get(new["builtin"], [])
        if not found and new["builtin"] not in FORMAT_FOUR:
            table.setdefault(new["id"], new)
        for script_id in found:
            if as_format_four_shipped(table[script_id]):
                table[script_id] = {**new, "id": script_id}
    return files


def _format_five(files: Files) -> Files:
    """4 → 5: people may have a postal address; scripts may name the origins they fit;
    a profile of the seeker (``profile.json``) may exist; touches may carry the new
    kinds (introduction, thanks for a referral, find the hiring manager, note after
    their hire). Stored records need no change for any of these, but an older
    jobfutures must refuse them as newer. The built-in scripts are refreshed."""
    return _builtins_refreshed(files)


def _more_ways_to_reach(files: Files) -> Files:
    """5 → 6: people may carry more email addresses and phone numbers than their main
    ones (``other_emails``, ``other_phones``: an address book import keeps them all),
    and a touch where an import found it (``source_id``: the mail it came from,
    docs/mail.md). Nothing stored changes: the fields default to none. As for 1 → 2,
    the bump makes an older jobfutures refuse the new files as newer, rather than as
    damaged."""
    return files


def _stage_history_arrives(files: Files) -> Files:
    """6 → 7: job futures may carry their moves (``stages``, docs/insights.md). Existing
    job futures keep an empty history: what is known of their past (their stage, since
    ``stage_changed_at``, and when they were added) is stored already, and the first
    move this version makes writes it as the history's first step. A step seeded here
    would say no more, and would rewrite every job future to say it. As for 1 → 2,
    the bump makes an older jobfutures refuse the new files as newer (its job futures
    forbid a field they do not know), rather than as damaged."""
    return files


MIGRATIONS: dict[int, Migration] = {
    1: _snoozes_arrive,
    2: _library_arrives,
    3: _format_four,
    4: _format_five,
    5: _more_ways_to_reach,
    6: _stage_history_arrives,
}
"""``MIGRATIONS[n]`` turns version ``n`` data into version ``n + 1``."""


def new_meta() -> dict[str, Any]:
    return {"app": APP_MARK, "schema_version": SCHEMA_VERSION}


def new_files() -> Files:
    """What a new data folder holds besides meta.json: what format 3 brought."""
    return _library_arrives({})


def migrate(files: Files, version: int, target: int = SCHEMA_VERSION) -> Files:
    for step in range(version, target):
        files = MIGRATIONS[step](files)
    return files


def as_created(folder: Path) -> bool:
    """Whether a data folder holds only what a new one gets: nothing worth a backup."""
    names = [name for name in layout.data_files(folder) if name != layout.META]
    fresh = new_files()
    if not set(names) <= set(fresh):
        return False
    try:
        return all(orjson.loads((folder / name).read_bytes()) == fresh[name] for name in names)
    except (OSError, orjson.JSONDecodeError):
        return False
