"""The data format version, and the steps that bring older data up to date.

A migration takes every file of the folder as parsed JSON (relative path →
content) and returns the new contents. Migrations must be idempotent: the
version in meta.json is written last, so a crash part-way re-runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 4
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
    and a touch may carry its kind. Nothing stored changes."""
    return files


def _skips_arrive(files: Files) -> Files:
    """3 → 4: job futures may carry the touches the user skipped (``skips``).
    Nothing stored changes: the field defaults to none. As for 1 → 2, the bump
    makes an older jobfutures refuse the new files as newer."""
    return files


MIGRATIONS: dict[int, Migration] = {1: _snoozes_arrive, 2: _library_arrives, 3: _skips_arrive}
"""``MIGRATIONS[n]`` turns version ``n`` data into version ``n + 1``."""


def new_meta() -> dict[str, Any]:
    return {"app": APP_MARK, "schema_version": SCHEMA_VERSION}


def migrate(files: Files, version: int, target: int = SCHEMA_VERSION) -> Files:
    for step in range(version, target):
        files = MIGRATIONS[step](files)
    return files
