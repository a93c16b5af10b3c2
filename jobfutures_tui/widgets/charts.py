"""Pictures of the insights drawn with block characters, as rich Text: a column chart
of touches per week with its goal line, horizontal bars, a stacked bar.

Every picture has its numbers beside it, and a shape for what a colour says (the
goal is a dotted line, not only a colour), so it reads in every theme and without
colour (docs/insights.md). Names are appended as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.style import Style
from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"
BAR_EIGHTHS = " ▏▎▍▌▋▊▉█"
GOAL = "┈"
WEEK_WIDTH = 3
"""Columns per week: a bar two wide and a gap."""


def week_columns(
    counts: Sequence[int],
    starts: Sequence[date],
    goal: int | None,
    *,
    height: int = 5,
    met: Style | str = "",
    short: Style | str = "",
    goal_style: Style | str = "",
    muted: Style | str = "",
) -> Text:
    """Columns of touches per week (two cells wide), the goal a dotted line across
    them; under them each week's number, then the month where one begins."""
    top = max([*counts, goal or 0, 1])
    cells = height * 8
    goal_row = None if not goal else min(height - 1, (goal * cells // top - 1) // 8)
    text = Text()
    for row in range(height - 1, -1, -1):
        for index, count in enumerate(counts):
            filled = round(count * cells / top)
            level = max(0, min(8, filled - row * 8))
            style = met if goal and count >= goal else short
            if level == 0 and row == goal_row:
                text.append(GOAL * 2, style=goal_style)
            else:
                text.append(EIGHTHS[level] * 2, style=style)
            if index < len(counts) - 1:
                text.append(GOAL if row == goal_row else " ", style=goal_style)
        text.append("\n")
    numbers = "".join(f"{min(count, 99):>2}".ljust(WEEK_WIDTH) for count in counts).rstrip()
    text.append(numbers + "\n", style=muted)
    months = ""
    seen: set[int] = set()
    width = len(counts) * WEEK_WIDTH - 1  # as wide as the columns: no wider line wraps
    for index, start in enumerate(starts):
        if start.month not in seen and (index > 0 or start.day <= 7):
            seen.add(start.month)
            label = start.strftime("%b")
            at = min(index * WEEK_WIDTH, width - len(label))  # the last weeks: moved left
            if not months or at > len(months):  # a space between two labels
                months = months.ljust(at) + label
    text.append(months, style=muted)
    return text


def bar(value: float, largest: float, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``largest``, in eighths of a cell."""
    if largest <= 0 or value <= 0:
        return " " * width
    eighths = max(1, round(value * width * 8 / largest))
    full, part = divmod(min(eighths, width * 8), 8)
    drawn = "█" * full + (BAR_EIGHTHS[part] if part else "")
    return drawn.ljust(width)


def stacked(parts: Sequence[tuple[int, str, Style | str]], width: int) -> Text:
    """One bar of parts in proportion, each drawn with its own character (the
    character tells them apart, the colour only helps)."""
    total = sum(count for count, _, _ in parts)
    text = Text()
    if total == 0:
        return text.append("·" * width)
    used = 0
    for index, (count, char, style) in enumerate(parts):
        cells = width - used if index == len(parts) - 1 else round(count * width / total)
        cells = max(0, min(cells, width - used))
        text.append(char * cells, style=style)
        used += cells
    return text
