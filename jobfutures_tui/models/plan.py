"""Cadence plans as data: a few planned touches, then a repeating interval.

Built-in plans live in :mod:`jobfutures_tui.engine.plans`; plans a user writes
are stored with the data like any other record, so they travel in exports
and backups.

Offsets are ranges of days ("2 to 4 weeks"): the low end is when the touch
falls due, the whole range is shown in the reason.
"""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from jobfutures_tui.models.entities import Line, Record, RequiredLine, Text, TouchKindField
from jobfutures_tui.models.spans import MAX_DAYS, Anchor, span_words

__all__ = ["MAX_DAYS", "Anchor", "CadencePlan", "Repeat", "Step", "span_words"]


def _anchor(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Anchor):
        wanted = value.strip().lower().replace(" ", "-").replace("_", "-")
        for member in Anchor:
            if wanted == member.value:
                return member
        raise ValueError(f"unknown anchor '{value}': choose one of start, last-touch")
    return value


AnchorField = Annotated[Anchor, BeforeValidator(_anchor)]


class _Span(BaseModel):
    """A number of days, or a range of them; due at the low end."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: TouchKindField
    days: int
    up_to_days: int | None = None

    @model_validator(mode="after")
    def _sane_days(self) -> Self:
        what = self._what()
        if self.days < 1:
            raise ValueError(f"{what} must be at least 1 day (got {self.days})")
        if self.days > MAX_DAYS:
            raise ValueError(f"{what} must be at most {MAX_DAYS} days (got {self.days})")
        high = self.up_to_days
        if high is not None and not self.days <= high <= MAX_DAYS:
            raise ValueError(
                f"{what} range must end between {self.days} and {MAX_DAYS} days (got {high})"
            )
        return self

    def _what(self) -> str:
        return "a step's offset"

    @property
    def high(self) -> int:
        return self.up_to_days if self.up_to_days is not None else self.days

    @property
    def span(self) -> str:
        """'2–4 weeks', '3 months', '1–2 days': the range in words."""
        return span_words(self.days, self.high)


class Step(_Span):
    """One planned touch: its kind, how long after its anchor it falls due."""

    anchor: AnchorField = Anchor.LAST_TOUCH
    after: Line = ""
    """What the offset follows, in the reason ('they hired someone else')."""


class Repeat(_Span):
    """The periodic touch once the steps are done, counted from the last touch."""

    def _what(self) -> str:
        return "the repeating interval"


class CadencePlan(Record):
    """A plan a job future follows; user plans are stored, built-ins are code."""

    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: RequiredLine
    description: Text = ""
    steps: tuple[Step, ...] = ()
    repeat: Repeat | None = None

    @model_validator(mode="after")
    def _something_to_do(self) -> Self:
        if not self.steps and self.repeat is None:
            raise ValueError("a plan needs at least one step or a repeating interval")
        return self
