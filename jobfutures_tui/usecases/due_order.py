"""The day's touches due, worked out once and kept in the cache folder from one
``jobfutures due`` to the next (docs/storage.md, "The day's due list").

A shell start line runs ``jobfutures due`` in every new terminal. At 5,000 job
futures about 3,000 touches are due, and working out when each is due and how
urgent took most of what that size added to the command (docs/benchmarks.md),
for the same answer every time until the data, the day or a setting changed.
So the answer (each touch's job future, company, stage, day and urgency) is kept
under what it was worked out from: the derived index as a file (every close that
changed anything replaces it: a new inode), the day, the workdays, and what the
decisions were made under (the rules' versions, the time zone, the city). It is
taken, and kept, only while the index's decisions are trusted and nothing changed
since opening: the data is then the data the index was written beside. Anything
unexpected, and the list is worked out as before: deleting the file is always safe.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from jobfutures_tui import __version__
from jobfutures_tui.models import Stage
from jobfutures_tui.paths import cache_file
from jobfutures_tui.store import Repository
from jobfutures_tui.store.devices import signature
from jobfutures_tui.store.files import ensure_folder, write_atomic
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.usecases.decisions import decided_under

FORMAT = 1
FOLDER = "due"

Due = tuple[str, str, Stage, date, float]
"""A touch due: its job future, company, stage, day and urgency."""


def key_of(repo: Repository, today: date) -> list[Any] | None:
    """What the day's list is worked out from (None: it cannot be told, so it is
    neither taken nor kept: the index's decisions not trusted, or a change made)."""
    if repo.revision != 0 or repo.stored_decisions() is None:
        return None
    index = signature(repo.folder / INDEX_NAME)
    if index is None:
        return None
    return [FORMAT, __version__, list(index), today.toordinal(), decided_under(repo)]


def kept(repo: Repository, key: list[Any]) -> list[Due] | None:
    """The list kept under ``key`` (None: none, another, or not as written here)."""
    try:
        stored = orjson.loads(_path(repo).read_bytes())
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        stages = {stage.value: stage for stage in Stage}
        due = [
            (str(prospect_id), str(company_id), stages[stage], date.fromordinal(day), urgency)
            for prospect_id, company_id, stage, day, urgency in stored["due"]
        ]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return due if all(type(touch[4]) in (int, float) for touch in due) else None


def keep(repo: Repository, key: list[Any], due: list[Due]) -> None:
    """Keep the list for the next run; a cache folder that cannot be written only
    costs that run the work."""
    rows = [[p, c, stage.value, day.toordinal(), urgency] for p, c, stage, day, urgency in due]
    path = _path(repo)
    with contextlib.suppress(OSError):
        ensure_folder(path.parent)
        write_atomic(path, orjson.dumps({"key": key, "due": rows}))


def _path(repo: Repository) -> Path:
    return cache_file(FOLDER, repo.folder)
