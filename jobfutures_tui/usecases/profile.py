"""The seeker's profile as the app's form and ``jobfutures profile`` change it.

Both go through :func:`edited`, so a bad address is refused with the same
words wherever it is typed, and both mark the profile as asked for: once
someone has filled it in, the app has no reason to ask at start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from jobfutures_tui.models import Profile, revise

FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("email", "Email"),
    ("other_emails", "Other emails"),
    ("phone", "Phone"),
    ("linkedin", "LinkedIn"),
    ("city", "City"),
    ("pitch", "Pitch"),
    ("signature", "Signature"),
)
"""What the user fills in, with its label, in the order it is shown."""

WHY = (
    "Scripts are signed with your name, and your city lets jobfutures suggest "
    "meeting the people who live there in person."
)

_SEPARATORS = re.compile(r"[,;\s]+")


def is_empty(profile: Profile) -> bool:
    """Nothing filled in (whether or not the app has asked)."""
    return not any(getattr(profile, name) for name, _ in FIELDS)


def same_values(one: Profile, other: Profile) -> bool:
    """The same as far as the user can tell (timestamps and ``asked`` aside)."""
    return all(getattr(one, name) == getattr(other, name) for name, _ in FIELDS)


def split_emails(text: str) -> tuple[str, ...]:
    """Addresses typed on one line, separated by commas, semicolons or spaces."""
    return tuple(part for part in _SEPARATORS.split(text) if part)


def distinct_emails(addresses: Iterable[str], main: str) -> tuple[str, ...]:
    """Each address once (in any case), in the order given, without the main one."""
    seen = {main.strip().casefold()} if main.strip() else set()
    kept: list[str] = []
    for address in addresses:
        key = address.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(address.strip())
    return tuple(kept)


def edited(profile: Profile, values: Mapping[str, Any]) -> Profile:
    """``profile`` with ``values`` applied and marked as asked for.

    ``other_emails`` may be one line of text (the form's field). A
    ValidationError names the field as the form and the shell know it
    (``other_emails``, not ``other_emails.1``).
    """
    changes = dict(values)
    others = changes.get("other_emails", profile.other_emails)
    if isinstance(others, str):
        others = split_emails(others)
    main = str(changes.get("email", profile.email) or "")
    changes["other_emails"] = distinct_emails(others, main)
    try:
        return revise(profile, **changes, asked=True)
    except ValidationError as error:
        raise _by_field(error) from None


def _by_field(error: ValidationError) -> ValidationError:
    """The same errors, each at its top-level field."""
    details: list[Any] = []
    for item in error.errors():
        detail = {"type": item["type"], "loc": item["loc"][:1], "input": item["input"]}
        if "ctx" in item:
            detail["ctx"] = item["ctx"]
        details.append(detail)
    return ValidationError.from_exception_data(error.title, details)
