"""The models' date fields: pendulum in memory, ISO 8601 text on disk (``dates``
parses and says what is wrong); apart so that reading dates imports no pydantic."""

from __future__ import annotations

from typing import Annotated

import pendulum
from pydantic import PlainSerializer, PlainValidator

from jobfutures_tui.models.dates import UTC, to_date, to_utc


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
