"""Pydantic models and vocabularies. No textual, no tinydb: usable anywhere."""

from jobfutures_tui.models.entities import (
    Company,
    NewsItem,
    Person,
    Prospect,
    Record,
    Touch,
    new_id,
    revise,
)
from jobfutures_tui.models.enums import (
    Channel,
    ClosedReason,
    Direction,
    Origin,
    Outcome,
    PersonRole,
    Stage,
)
from jobfutures_tui.models.errors import describe, field_errors

__all__ = [
    "Channel",
    "ClosedReason",
    "Company",
    "Direction",
    "NewsItem",
    "Origin",
    "Outcome",
    "Person",
    "PersonRole",
    "Prospect",
    "Record",
    "Stage",
    "Touch",
    "describe",
    "field_errors",
    "new_id",
    "revise",
]
