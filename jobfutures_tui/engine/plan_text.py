"""A cadence plan's touches as lines of text, to write in a form and read back.

One line per planned touch, then an optional repeating one::

    thank-you 1-2 days from start
    check-in 2-4 weeks
    check-in 3-4 months from start, after they hired someone else
    repeat value-share every 2-3 months

A step is the kind of touch, how long (days, weeks, months or years; one
number or a range), and what it counts from: the last touch unless it says
``from start``. ``after …`` is how the reason names what it follows. The
repeat line counts from the last touch. :func:`plan_lines` writes a plan the
way :func:`parse_steps` reads it, so editing a plan shows its own text back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import ValidationError

from jobfutures_tui.models import TouchKind, describe
from jobfutures_tui.models.plan import MAX_DAYS, Anchor, Repeat, Step

UNITS = {
    "d": 1,
    "day": 1,
    "days": 1,
    "w": 7,
    "week": 7,
    "weeks": 7,
    "mo": 30,
    "month": 30,
    "months": 30,
    "y": 365,
    "year": 365,
    "years": 365,
}
_NAMES = ((365, "year"), (30, "month"), (7, "week"), (1, "day"))
"""How a number of days is written back: the largest unit that divides it."""

_SPAN = re.compile(
    r"(?<![\w-])(?P<low>-?\d+)(?:\s*(?:-|–|—|to)\s*(?P<high>-?\d+))?\s*(?P<unit>[a-z]+)?",
    re.IGNORECASE,
)
_FROM_START = ("from the start", "from start")
_FROM_LAST = ("from the last touch", "from last touch")
EXAMPLE = "e.g. check-in 2-4 weeks"


class StepsError(ValueError):
    """A line that cannot be read; the message starts with its line number."""


def parse_steps(text: str) -> tuple[tuple[Step, ...], Repeat | None]:
    """The steps and the repeat written in ``text``; StepsError says which line is wrong."""
    steps: list[Step] = []
    repeat: Repeat | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found = _parse_line(line.strip())
        except ValueError as error:
            raise StepsError(f"line {number}: {error}") from None
        if isinstance(found, Repeat):
            if repeat is not None:
                raise StepsError(f"line {number}: a plan repeats one way only (one repeat line)")
            repeat = found
        else:
            steps.append(found)
    if not steps and repeat is None:
        raise StepsError(f"write at least one touch ({EXAMPLE}) or a repeat line")
    return tuple(steps), repeat


def plan_lines(steps: Sequence[Step], repeat: Repeat | None) -> str:
    """The text :func:`parse_steps` reads back as these steps and repeat."""
    lines = [_step_line(step) for step in steps]
    if repeat is not None:
        lines.append(f"repeat {repeat.kind.value} every {span_text(repeat.days, repeat.high)}")
    return "\n".join(lines)


def plan_summary(steps: Iterable[Step], repeat: Repeat | None) -> str:
    """The lines on one line, for a list of plans."""
    return " · ".join(plan_lines(tuple(steps), repeat).splitlines())


def span_text(low: int, high: int) -> str:
    """'1-2 days', '2-4 weeks', '3 months': exact, so it reads back as the same days."""
    for size, name in _NAMES:
        if low % size == 0 and high % size == 0:
            a, b = low // size, high // size
            count = f"{a}" if a == b else f"{a}-{b}"
            return f"{count} {name}" + ("" if b == 1 else "s")
    raise AssertionError("every number of days divides by one")  # pragma: no cover


def _step_line(step: Step) -> str:
    line = f"{step.kind.value} {span_text(step.days, step.high)}"
    if step.anchor is Anchor.START:
        line += " from start"
    if step.after:
        line += f", after {step.after}"
    return line


def _parse_line(line: str) -> Step | Repeat:
    is_repeat = line.lower().startswith("repeat ")
    body = line[len("repeat ") :].strip() if is_repeat else line
    match = _SPAN.search(body)
    if match is None:
        raise ValueError(f"say how long after, {EXAMPLE}")
    kind_text = body[: match.start()].strip()
    if kind_text.lower().endswith("every"):
        if not is_repeat:
            raise ValueError("'every' is for the repeat line: start it with 'repeat'")
        kind_text = kind_text[: -len("every")].strip()
    if not kind_text:
        raise ValueError(f"start with the kind of touch, {EXAMPLE}")
    kind = TouchKind.parse(kind_text)
    low, high = _days(match)
    anchor, after = _tail(body[match.end() :])
    fields = {"kind": kind, "days": low, "up_to_days": high if high != low else None}
    try:
        if is_repeat:
            if anchor is not None or after:
                raise ValueError("a repeat counts from the last touch: end the line at its time")
            return Repeat.model_validate(fields)
        return Step.model_validate(
            {**fields, "anchor": anchor or Anchor.LAST_TOUCH, "after": after}
        )
    except ValidationError as error:
        raise ValueError(describe(error)) from None


def _days(match: re.Match[str]) -> tuple[int, int]:
    """The span in days, low to high; ValueError for what a plan cannot hold."""
    written = match.group(0).strip()
    unit = (match.group("unit") or "").lower()
    if not unit:
        raise ValueError(f"'{written}' what? Say days, weeks or months")
    if unit not in UNITS:
        raise ValueError(f"'{unit}' is not a unit: say days, weeks, months or years")
    low = int(match.group("low"))
    high = int(match.group("high")) if match.group("high") is not None else low
    if low < 0 or high < 0:
        raise ValueError(f"'{written}': a time cannot be negative")
    if low == 0 or high == 0:
        raise ValueError(f"'{written}': a touch comes at least 1 day after what it counts from")
    if high < low:
        raise ValueError(f"'{written}': write the shorter time first ({high}-{low} {unit})")
    size = UNITS[unit]
    if high * size > MAX_DAYS:
        raise ValueError(f"'{written}' is too long: at most {MAX_DAYS} days (about 10 years)")
    return low * size, high * size


def _tail(rest: str) -> tuple[Anchor | None, str]:
    """What follows the time: 'from start' or 'from last touch', then ', after …'."""
    text = rest.strip()
    anchor: Anchor | None = None
    lowered = text.lower()
    for phrases, found in ((_FROM_START, Anchor.START), (_FROM_LAST, Anchor.LAST_TOUCH)):
        phrase = next((p for p in phrases if lowered.startswith(p)), None)
        if phrase is not None:
            anchor, text = found, text[len(phrase) :]
            break
    text = text.strip().lstrip(",").strip()
    if not text:
        return anchor, ""
    if text.lower().startswith("after ") or text.lower() == "after":
        after = text[len("after") :].strip()
        if not after:
            raise ValueError("say what it comes after, e.g. ', after they hired someone else'")
        return anchor, after
    raise ValueError(
        f"'{text}' is not understood: after the time, write 'from start' or ', after …'"
    )
