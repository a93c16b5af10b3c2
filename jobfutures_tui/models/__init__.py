"""Pydantic models and vocabularies. No textual, no tinydb: usable anywhere."""

from jobfutures_tui.models.entities import (
    Company,
    NewsItem,
    Person,
    Profile,
    Prospect,
    Record,
    Script,
    Shareable,
    Skip,
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
    ShareKind,
    Stage,
    TouchKind,
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
    "Profile",
    "Prospect",
    "Record",
    "Script",
    "ShareKind",
    "Shareable",
    "Skip",
    "Stage",
    "Touch",
    "TouchKind",
    "describe",
    "field_errors",
    "new_id",
    "revise",
]
