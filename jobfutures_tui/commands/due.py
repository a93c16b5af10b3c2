"""``jobfutures due``: the touches due, as plain text or JSON, without the app.

Plain text is printed as is (never as markup); names are kept on one line and
cut with "…" so the listing stays readable in 80 columns.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pendulum
from rich.cells import cell_len, set_cell_size

from jobfutures_tui.commands.common import emit, json_text, opened_to_list, say
from jobfutures_tui.commands.parsers import DUE_LISTED
from jobfutures_tui.engine.plural import counted
from jobfutures_tui.models.clean import one_line
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.usecases.due import (
    DueItem,
    DueList,
    When,
    daily_budget,
    due_list,
    moved_words,
    next_due,
)

WIDTH = 80
"""The plain output stays readable in a terminal this wide."""
EXIT_OK = 0


def run_due(folder: Path, *, days: int, as_json: bool = False, every: bool = False) -> int:
    """Print the touches due within ``days`` (overdue ones always), the most urgent
    :data:`DUE_LISTED` unless ``every`` (JSON: all); exit 0.

    The data is opened read-only and unverified, so this works while the app
    has it open and stays fast; each record shown is validated as it is read.
    """
    today = local_today()
    if not data_files(folder):
        note = f"No jobfutures data in {folder} yet: run jobfutures to add your first job future."
        if not as_json:
            return _emit(note + "\n")
        say(note)
        return _emit(_due_json(today, days, []))
    with opened_to_list(folder, "due") as repo:
        limit = None if every or as_json else DUE_LISTED
        listing = due_list(repo, today=today, within_days=days, budget=daily_budget(), limit=limit)
        items = listing.items
        if as_json:
            return _emit(_due_json(today, days, items, repo, listing))
        upcoming = None if items else next_due(repo, today=today)
    return _emit(format_due(items, today=today, days=days, upcoming=upcoming, listing=listing))


def _due_json(
    today: pendulum.Date,
    days: int,
    items: Sequence[DueItem],
    repo: Repository | None = None,
    listing: DueList | None = None,
) -> str:
    document: dict[str, Any] = {
        "today": today.isoformat(),
        "days": days,
        "due": [
            {**item.to_json(today), "script": _script_json(repo, item, today)} for item in items
        ],
    }
    if listing is not None and listing.moved_to:
        # The daily budget moved some: where each is shown, and the note saying so.
        for entry in document["due"]:
            moved = listing.moved_to.get(entry["prospect_id"])
            entry["moved_to"] = None if moved is None else moved.isoformat()
        document["budget"] = {"daily": daily_budget(), "note": listing.note}
    return json_text(document)


def _script_json(
    repo: Repository | None, item: DueItem, today: pendulum.Date
) -> dict[str, Any] | None:
    """The words for the touch, filled in for the person, as the script panel shows
    them first (None: no script fits). Reads the job future's touches."""
    from jobfutures_tui.engine.scripts import render
    from jobfutures_tui.usecases.script_context import next_script

    view = next_script(repo, item.prospect_id, today=today) if repo is not None else None
    if view is None or not view.scripts:
        return None
    script = view.scripts[0]
    rendered = render(script.body, view.values)
    return {
        "id": script.id,
        "name": script.name,
        "text": rendered.text,
        "gaps": [*rendered.empty, *rendered.unknown],
    }


def _emit(text: str) -> int:
    """Write the whole output at once; a closed pipe (``| head``) is not an error."""
    emit(text)
    return EXIT_OK


_GAP = "   "
MIN_WHAT_CELLS = 20
_INDENT = "  "
_WHY = "      why: "


def format_due(
    items: Sequence[DueItem],
    *,
    today: pendulum.Date,
    days: int,
    upcoming: DueItem | None = None,
    width: int = WIDTH,
    listing: DueList | None = None,
) -> str:
    """The plain text of ``jobfutures due``: a heading per group, two lines a touch;
    first, the daily budget's note when it moved some (``listing``), and how many more
    are due when not all are listed.

    User text is printed as is (no markup), on one line, cut with "…" to fit.
    """
    listing = listing or DueList(list(items))
    note = [*textwrap.wrap(listing.note, width=width), ""] if listing.note else []
    if listing.left_out:
        note += [*textwrap.wrap(_left_out(len(items), listing.left_out), width=width), ""]
    if not items:
        span = "today" if days == 0 else f"in the next {counted(days, 'day')}"
        lines = [f"Nothing due {span}."]
        if upcoming is not None:
            s = upcoming.suggestion
            what = s.how
            lines.append(f"Next: {_long_day(s.due, today)} — {_flat(upcoming.company)} ({what})")
        return "\n".join(_cut(line, width) for line in lines) + "\n"

    rows = [
        (
            listing.when(item, today),
            _who(item),
            item.suggestion.how,
            _how_soon(item, today, listing.moved_to.get(item.prospect_id)),
            item,
        )
        for item in items
    ]
    soon_w = max(_cells(row[3]) for row in rows)
    room = max(20, width - len(_INDENT) - 2 * len(_GAP) - soon_w)
    who_natural = max(_cells(row[1]) for row in rows)
    what_natural = max(_cells(row[2]) for row in rows)
    # The person to contact matters most; what to send is explained below it.
    what_w = min(what_natural, max(MIN_WHAT_CELLS, room - who_natural))
    who_w = min(who_natural, room - what_w)
    titles = {
        When.OVERDUE: "Overdue",
        When.TODAY: "Today",
        When.THIS_WEEK: "This week",
        When.LATER: "Later",
    }

    out: list[str] = list(note)
    for group, title in titles.items():
        in_group = [row for row in rows if row[0] == group]
        if not in_group:
            continue
        if out and out[-1]:
            out.append("")
        out.append(title)
        for _, who, what, soon, item in in_group:
            out.append(
                _INDENT
                + _pad(_cut(who, who_w), who_w)
                + _GAP
                + _pad(_cut(what, what_w), what_w)
                + _GAP
                + soon
            )
            out.extend(_why(_flat(item.suggestion.reason), width))
    return "\n".join(out) + "\n"


def _left_out(listed: int, left_out: Mapping[When, int]) -> str:
    """'The 30 most urgent of 2,906 touches due; 2,876 more (2,850 overdue, 26 this
    week): jobfutures due --all lists every one.'"""
    more = sum(left_out.values())
    groups = ", ".join(f"{left_out[group]:,} {group.value}" for group in When if group in left_out)
    return (
        f"The {listed:,} most urgent of {counted(listed + more, 'touch')} due; {more:,} more "
        f"({groups}): jobfutures due --all lists every one."
    )


def _why(reason: str, width: int) -> list[str]:
    """The reason under a touch, wrapped to ``width`` if it must be."""
    line = _WHY + reason
    if _cells(line) <= width:
        return [line]
    room = width - len(_WHY)
    words = reason.split(" ")
    if not _NARROW.fullmatch(reason) or "" in words or max(map(len, words)) > room:
        return textwrap.wrap(
            reason,
            width=width,
            initial_indent=_WHY,
            subsequent_indent=" " * len(_WHY),
            break_on_hyphens=False,
        )
    # One cell a character and nothing to break inside a word: what textwrap
    # does, without its cost (it was most of the time of a long listing).
    lines, current = [], words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) <= room:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    indent = " " * len(_WHY)
    return [(_WHY if n == 0 else indent) + text for n, text in enumerate(lines)]


_NARROW = re.compile(r"[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027]*")
"""Characters one cell wide in every terminal: ASCII, Latin letters, dashes,
quotes, bullets and the ellipsis."""


@functools.lru_cache(maxsize=4096)
def _cells(text: str) -> int:
    """Columns ``text`` takes (rich's cell_len, much faster for the usual text)."""
    return len(text) if _NARROW.fullmatch(text) else cell_len(text)


def _flat(text: str) -> str:
    """One line, no control codes (as the models keep names)."""
    return text.strip() if text.isprintable() else one_line(text)


def _who(item: DueItem) -> str:
    company = _flat(item.company)
    person = _flat(item.person)
    return f"{company} · {person}" if person else company


def _how_soon(item: DueItem, today: pendulum.Date, moved: pendulum.Date | None = None) -> str:
    if moved is not None:
        return "".join(moved_words(moved, item.suggestion.overdue_days, today))
    due = item.suggestion.due
    days = due.toordinal() - today.toordinal()
    if days < 0:
        late = item.suggestion.overdue_days or -days
        return f"{counted(late, 'day')} overdue"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days"


def _long_day(day: pendulum.Date, today: pendulum.Date) -> str:
    """'Tuesday 1 December', with the year when it is not this year's (no locale)."""
    return day.format("dddd D MMMM" if day.year == today.year else "dddd D MMMM YYYY")


def _cut(text: str, cells: int) -> str:
    """``text`` cut to ``cells`` columns, ending in "…" when shortened."""
    if _cells(text) <= cells:
        return text
    cut = text[: cells - 1] if _NARROW.fullmatch(text) else set_cell_size(text, cells - 1)
    return cut.rstrip() + "…"


def _pad(text: str, cells: int) -> str:
    # One column a character, the usual case: rich's measuring took a third of a
    # long list's formatting.
    if _NARROW.fullmatch(text):
        return text.ljust(cells)
    return set_cell_size(text, max(cells, _cells(text)))
