"""Pendulum dates, stored as ISO 8601 text (their fields in the models: ``date_fields``).

Instants are kept in UTC in memory and on disk (``2026-11-23T09:30:00+00:00``)
and shown in the local zone; calendar dates (an interview day) have no zone.
Naive input is read as *local* time on purpose: pendulum alone would assume
UTC, which moves "called her at 9" by the user's offset.

Loading thousands of records must stay cheap, so parsing goes through
``datetime.fromisoformat`` and the pendulum constructor (about 1.5 µs)
rather than ``pendulum.parse`` or ``pendulum.instance`` (about 10 µs).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pendulum
from pendulum.tz import local_timezone as _system_timezone

UTC = pendulum.UTC


def local_timezone() -> pendulum.Timezone | pendulum.FixedTimezone:
    """The user's zone, looked up when asked (tests replace this function)."""
    return _system_timezone()


def to_utc(value: Any) -> pendulum.DateTime:
    """Accept a datetime or ISO text; naive values are local time."""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("a date and time is required")
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"'{text}' is not a date and time (use 2026-11-23 09:30)") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        raise ValueError("expected a date and time")
    if value.tzinfo is None:
        value = pendulum.instance(value, tz=local_timezone())
    if value.utcoffset():
        value = value.astimezone(UTC)
    return pendulum.DateTime(
        value.year,
        value.month,
        value.day,
        value.hour,
        value.minute,
        value.second,
        value.microsecond,
        tzinfo=UTC,
    )


def to_date(value: Any) -> pendulum.Date:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            raise ValueError("a date is required")
        try:
            value = date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a date (use 2026-11-23)") from None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ValueError("expected a date")
    return pendulum.Date(value.year, value.month, value.day)


def now() -> pendulum.DateTime:
    """The current instant in UTC (frozen by pendulum.travel_to in tests)."""
    return pendulum.now(UTC)


def today() -> pendulum.Date:
    """Today's date where the user is."""
    return now().in_timezone(local_timezone()).date()
