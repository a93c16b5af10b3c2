"""A number and its noun, in words: "1 touch", "3 touches", "1,204 job futures"."""

from __future__ import annotations

_IRREGULAR = {"person": "people", "company": "companies", "touch": "touches"}


def counted(number: int, noun: str, many: str | None = None) -> str:
    """``number`` and ``noun``, the noun plural unless the number is one; ``many`` is
    the plural when adding an s is wrong and the noun is not one of the usual ones."""
    if number == 1:
        return f"1 {noun}"
    return f"{number:,} {many or _IRREGULAR.get(noun) or noun + 's'}"
