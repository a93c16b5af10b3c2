"""Cadence plans as data: a few planned touches, then a repeating interval.

A plan is what a user picks per job future (and later edits or writes). It
says nothing about replies: the engine in :mod:`jobfutures_tui.rules.cadence`
layers follow-ups, voicemail retries and openings on top of it.

Offsets are ranges of days ("2 to 4 weeks"): the low end is when the touch
falls due, the whole range is shown in the reason.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Self

import pendulum
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from jobfutures_tui.models import dates
from jobfutures_tui.models.entities import Line, RequiredLine, Text
from jobfutures_tui.models.enums import Origin, Stage, TouchKind
from jobfutures_tui.rules.history import as_pendulum, local_day

if TYPE_CHECKING:
    from jobfutures_tui.rules.facts import FutureLike

MAX_DAYS = 3650
"""Ten years: longer offsets are typing mistakes, and far dates overflow."""

Zone = pendulum.Timezone | pendulum.FixedTimezone

LONG_AGO_DAYS = 365
"""A job future that began this long before it was added is an old contact."""


class Anchor(StrEnum):
    """What a step's offset counts from."""

    START = "start"
    """When the job future began: its interview or decision day."""
    LAST_TOUCH = "last-touch"
    """The latest touch in either direction (the start while there is none)."""


def _kind(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, TouchKind):
        return TouchKind.parse(value)
    return value


def _anchor(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Anchor):
        wanted = value.strip().lower().replace(" ", "-").replace("_", "-")
        for member in Anchor:
            if wanted == member.value:
                return member
        raise ValueError(f"unknown anchor '{value}': choose one of start, last-touch")
    return value


KindField = Annotated[TouchKind, BeforeValidator(_kind)]
AnchorField = Annotated[Anchor, BeforeValidator(_anchor)]


class _Span(BaseModel):
    """A number of days, or a range of them; due at the low end."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    kind: KindField
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


class CadencePlan(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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


# ------------------------------------------------------------ built-in plans
#
# Built without validation so importing the engine stays cheap (building the
# schemas costs ~25 ms, noticeable in `jobfutures due`); a test validates each.


def _step(**fields: Any) -> Step:
    return Step.model_construct(**fields)


def _repeat(**fields: Any) -> Repeat:
    return Repeat.model_construct(**fields)


def _built_in(**fields: Any) -> CadencePlan:
    return CadencePlan.model_construct(**fields)


PROMPT_THANKS = _built_in(
    id="prompt-thanks",
    name="Prompt thank-you",
    description=(
        "Thank them within a day or two and say you would still like to work "
        "with them; after that, a short hello about once a quarter."
    ),
    steps=(_step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),),
    repeat=_repeat(kind=TouchKind.CHECK_IN, days=90),
)

EARLY_ON = _built_in(
    id="early-on",
    name="Early on",
    description=(
        "For a fresh contact: a thank-you right away, then something every two "
        "to four weeks for the first few months, and every two to three months "
        "after that. Each touch should bring them something, never a request."
    ),
    steps=(
        _step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),
        _step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28),
        _step(kind=TouchKind.VALUE_SHARE, days=14, up_to_days=28),
        _step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28),
        _step(kind=TouchKind.VALUE_SHARE, days=14, up_to_days=28),
    ),
    repeat=_repeat(kind=TouchKind.VALUE_SHARE, days=60, up_to_days=90),
)

AFTER_A_HIRE = _built_in(
    id="after-a-hire",
    name="Someone else got the job",
    description=(
        "They chose another candidate, which may not last. Thank them now; "
        "three or four months on, hope out loud that the new hire is doing "
        "well; a few months later, send an example of your work; then a new "
        "piece every four to six months."
    ),
    steps=(
        _step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),
        _step(
            kind=TouchKind.CHECK_IN,
            days=90,
            up_to_days=120,
            anchor=Anchor.START,
            after="they hired someone else",
        ),
        _step(kind=TouchKind.WORK_SAMPLE, days=60, up_to_days=120),
    ),
    repeat=_repeat(kind=TouchKind.WORK_SAMPLE, days=120, up_to_days=180),
)

LONG_GAME = _built_in(
    id="long-game",
    name="Long game",
    description=(
        "For people you met long ago or far away: pick the thread back up, "
        "then a brief hello with something they would care about every three "
        "to six months."
    ),
    steps=(_step(kind=TouchKind.RECONNECT, days=1, anchor=Anchor.START),),
    repeat=_repeat(kind=TouchKind.VALUE_SHARE, days=90, up_to_days=180),
)

BUILT_IN_PLANS: Mapping[str, CadencePlan] = {
    plan.id: plan for plan in (PROMPT_THANKS, EARLY_ON, AFTER_A_HIRE, LONG_GAME)
}


def start_day(prospect: FutureLike, zone: Zone) -> pendulum.Date:
    """When the job future began: its own date, else the day it was added."""
    return as_pendulum(start_date(prospect, zone))


def start_date(prospect: FutureLike, zone: Zone) -> date:
    """:func:`start_day` as a plain date, for the engine's arithmetic."""
    if prospect.began_on is not None:
        return prospect.began_on
    return local_day(prospect.created_at, zone)


_TIGHT_STAGES = frozenset({Stage.OFFER, Stage.REFERRAL})
"""Stages where something is in play: they are kept close whatever the origin."""


def default_plan(prospect: FutureLike, zone: Zone | None = None) -> CadencePlan:
    """The plan a job future follows until the user picks one.

    An offer or a referral in play is kept close (early on), however it began
    and however long ago. Otherwise an old contact plays the long game, and a
    "no" or the rejected-but-warm stage means someone else got the job.

    "Old" is judged against the day the job future was added, not today, so a
    plan never changes by itself as time passes.
    """
    if prospect.stage in _TIGHT_STAGES:
        return EARLY_ON
    began = prospect.began_on
    # A day either side of UTC cannot matter unless the gap is near a year,
    # so most job futures skip the (slow) zone conversion.
    created = prospect.created_at
    if began is not None and created.toordinal() - began.toordinal() > LONG_AGO_DAYS - 2:
        added = local_day(created, zone or dates.local_timezone())
        if added.toordinal() - began.toordinal() > LONG_AGO_DAYS:
            return LONG_GAME
    if prospect.stage is Stage.REJECTED_WARM or prospect.origin is Origin.REJECTED:
        return AFTER_A_HIRE
    return EARLY_ON


def plan_for(
    prospect: FutureLike,
    custom: Iterable[CadencePlan] = (),
    zone: Zone | None = None,
) -> CadencePlan:
    """The prospect's chosen plan (user plans first), else its default."""
    wanted = prospect.cadence_plan
    if wanted:
        for plan in custom:
            if plan.id == wanted:
                return plan
        if wanted in BUILT_IN_PLANS:
            return BUILT_IN_PLANS[wanted]
    return default_plan(prospect, zone)
