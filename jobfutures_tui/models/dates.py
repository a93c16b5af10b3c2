"""Pendulum dates in pydantic models, stored as ISO 8601 text.

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
from typing import Annotated, Any

import pendulum
from pendulum.tz import local_timezone as _system_timezone
from pydantic import PlainSerializer, PlainValidator

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


def _iso_instant(value: pendulum.DateTime) -> str:
    return value.in_timezone(UTC).isoformat()


def _iso_date(value: pendulum.Date) -> str:
    return value.isoformat()


Instant = Annotated[
    pendulum.DateTime,
    PlainValidator(to_utc),
    PlainSerializer(_iso_instant, return_type=str, when_used="json"),
]
"""A moment in time: pendulum in memory, UTC ISO 8601 with offset on disk."""

Day = Annotated[
    pendulum.Date,
    PlainValidator(to_date),
    PlainSerializer(_iso_date, return_type=str, when_used="json"),
]
"""A calendar date with no zone (an interview day, a news item)."""


def now() -> pendulum.DateTime:
    """The current instant in UTC (frozen by pendulum.travel_to in tests)."""
    return pendulum.now(UTC)


def today() -> pendulum.Date:
    """Today's date where the user is."""
    return now().in_timezone(local_timezone()).date()
