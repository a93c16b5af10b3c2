"""How a cadence plan counts its days: from what (the anchor), how far at most, and
how a span is said. Apart from the plans' pydantic models (``plan``), so the
engine can say and count spans without importing pydantic."""

from __future__ import annotations

import functools
from enum import StrEnum

MAX_DAYS = 3650
"""Ten years: longer offsets are typing mistakes, and far dates overflow."""


class Anchor(StrEnum):
    """What a step's offset counts from."""

    START = "start"
    """When the job future began: its interview or decision day."""
    LAST_TOUCH = "last-touch"
    """The latest touch in either direction (the start while there is none)."""


@functools.cache
def span_words(low: int, high: int) -> str:
    """Days as a person says them: '1–2 days', '2–4 weeks', '3–4 months'."""
    if high <= 56 and low % 7 == 0 and high % 7 == 0:
        unit, a, b = "week", low // 7, high // 7
    elif high < 45:
        unit, a, b = "day", low, high
    else:
        unit, a, b = "month", max(1, round(low / 30)), max(1, round(high / 30))
    count = f"{a}" if a == b else f"{a}–{b}"
    return f"{count} {unit}" + ("" if b == 1 else "s")
