"""Pydantic models and vocabularies. No textual, no tinydb: usable anywhere.

The vocabularies (``enums``), dates and text cleaning import no pydantic. The
records' classes are imported when first asked for, so code that reads stored
rows (the board's first frame) never pays pydantic's import (docs/architecture.md,
"Why the speed tricks exist")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from jobfutures_tui.models.ids import new_id

if TYPE_CHECKING:
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
        StageStep,
        Touch,
        empty_profile,
        revise,
    )
    from jobfutures_tui.models.errors import describe, field_errors

_FROM_ERRORS = frozenset({"describe", "field_errors"})


def __getattr__(name: str) -> Any:
    """The records' classes and pydantic's error messages, imported when first asked
    for (what ``TYPE_CHECKING`` lists above is all there is)."""
    if name not in __all__:  # a submodule not imported yet, among others
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from jobfutures_tui.models import entities, errors

    value = getattr(errors if name in _FROM_ERRORS else entities, name)
    globals()[name] = value
    return value


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
    "StageStep",
    "Touch",
    "TouchKind",
    "describe",
    "empty_profile",
    "field_errors",
    "new_id",
    "revise",
]
