"""The one line ``jobfutures due --brief`` prints when a shell starts, and what keeps it fast.

Working the line out means opening the data and deciding for every open job
future: a few hundred milliseconds with thousands of them, too slow for every
new shell. So the line is kept in the user's cache folder with what it was
worked out from: the data files (name, size and time of change of each), the
settings, the day and the version. While those are the same, the kept line is
printed as it is; the app and the shell's changes work it out again after
each change (:mod:`~jobfutures_tui.exchange.outputs`), so the next shell finds it
ready.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jobfutures_tui import __version__, paths, settings
from jobfutures_tui.store.layout import data_files

if TYPE_CHECKING:  # the kept line is printed without loading the use cases
    from jobfutures_tui.usecases.due import DueItem

WIDTH = 80
"""Cells the line may take: it must not wrap in a usual terminal (a CJK letter
takes two cells, so the line is measured in cells, not characters)."""
TAIL = " · jobfutures"


def brief_line(items: Sequence[DueItem], *, today: date, width: int = WIDTH) -> str:
    """'3 overdue · 2 today: Northwind (call), Contoso (email) · jobfutures';
    '' when nothing is overdue or due today. Most urgent first; as many names as fit."""
    from rich.cells import cell_len, set_cell_size  # only when the line is worked out again

    due = [item for item in items if item.suggestion.due <= today]
    if not due:
        return ""
    head = counted(due, today=today) + ": "
    names: list[str] = []
    for shown, item in enumerate(due):
        rest = len(due) - shown - 1
        more = f" +{rest} more" if rest else ""
        name = _name(item)
        if cell_len(head + ", ".join([*names, name]) + more + TAIL) > width:
            if not names:  # one name at least, cut to fit
                room = width - cell_len(head + more + TAIL) - 1
                names.append(set_cell_size(name, max(room, 1)).rstrip() + "…")
                continue
            return head + ", ".join(names) + f" +{len(due) - shown} more" + TAIL
        names.append(name)
    return head + ", ".join(names) + TAIL


def counted(due: Sequence[DueItem], *, today: date) -> str:
    """'3 overdue · 2 today', of touches due by today."""
    late = sum(1 for item in due if item.suggestion.due < today)
    on_the_day = len(due) - late
    parts = [f"{late} overdue" if late else "", f"{on_the_day} today" if on_the_day else ""]
    return " · ".join(part for part in parts if part)


def _name(item: DueItem) -> str:
    company = "".join(ch for ch in item.company if ch.isprintable()).strip() or "(no company)"
    channel = item.suggestion.channel
    return f"{company} ({channel.label if channel is not None else 'add a contact detail'})"


# ------------------------------------------------------------ kept between shells


def cache_file(folder: Path) -> Path:
    """Where the line for a data folder is kept."""
    return paths.cache_file("brief", folder)


def worked_out_from(folder: Path, today: date) -> str:
    """What the line depends on, in a few characters: the data files as they are on disk,
    the settings in force, the day and the version."""
    in_force = json.dumps(settings.as_json(settings.current().settings), sort_keys=True)
    parts = [__version__, today.isoformat(), in_force]
    base = os.fspath(folder)  # a string path each, not a Path: a lifetime of months
    for name in data_files(folder):
        try:
            stat = os.stat(f"{base}/{name}")
        except FileNotFoundError:
            continue
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def kept_line(folder: Path, worked_from: str) -> str | None:
    """The line kept for ``folder``, if it was worked out from the same (``worked_from``:
    :func:`worked_out_from` now)."""
    try:
        kept = json.loads(cache_file(folder).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("from") != worked_from:
        return None
    line = kept.get("line")
    return line if isinstance(line, str) else None


def remember(folder: Path, line: str, worked_from: str) -> None:
    """Keep the line for the next shell; a cache folder that cannot be written only
    makes the next one slower."""
    from jobfutures_tui.store.files import ensure_folder, write_atomic

    path = cache_file(folder)
    try:
        ensure_folder(path.parent)
        write_atomic(path, json.dumps({"from": worked_from, "line": line}).encode())
    except OSError:
        pass


def anything_kept(folder: Path) -> bool:
    """Whether anything follows the data in ``folder``: a calendar file, a shell's line
    (the settings read again: a command may have just named the calendar file)."""
    return settings.load().settings.calendar_file is not None or is_kept(folder)


def is_kept(folder: Path) -> bool:
    """Whether ``due --brief`` has been used on this folder (worth keeping up to date)."""
    return cache_file(folder).is_file()
