"""Which plan a job future follows (the built-in ones: :mod:`built_in_plans`).

A plan (:mod:`jobfutures_tui.models.plan`) is what a user picks per job
future, or writes. It says nothing about replies: the engine in
:mod:`jobfutures_tui.engine.cadence` layers follow-ups, voicemail retries and
openings on top of it. The plans' classes (pydantic) are imported only to choose
a plan: reading the board's kept decisions needs none (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import pendulum

from jobfutures_tui.engine.facts import is_referred
from jobfutures_tui.engine.history import as_pendulum, local_day
from jobfutures_tui.models.enums import Origin, Stage
from jobfutures_tui.models.spans import MAX_DAYS, Anchor, span_words

if TYPE_CHECKING:
    from jobfutures_tui.engine.facts import FutureLike
    from jobfutures_tui.models.plan import CadencePlan

__all__ = [
    "LONG_AGO_DAYS",
    "MAX_DAYS",
    "Anchor",
    "Zone",
    "default_plan",
    "moved_on",
    "plan_for",
    "plan_start",
    "span_words",
    "start_date",
    "start_day",
]

Zone = pendulum.Timezone | pendulum.FixedTimezone

LONG_AGO_DAYS = 365
"""A job future that began this long before it was added is an old contact."""


MOVE_GRACE_SECONDS = 60
"""A stage set within this long of adding the job future is where it began, not a move."""


def moved_on(prospect: FutureLike, zone: Zone) -> date | None:
    """The day the job future was moved to its stage, or None if it never moved
    (set when it was added)."""
    moved = prospect.stage_changed_at
    if moved is None or (moved - prospect.created_at).total_seconds() <= MOVE_GRACE_SECONDS:
        return None
    return local_day(moved, zone)


def plan_start(prospect: FutureLike, zone: Zone) -> tuple[date, date | None]:
    """When the plan (re)started: ``(day, moved)``. A move to another stage
    restarts the plan on the day of the move (``moved``, else None): the long
    game begins with the no, the offer stage with the offer."""
    start = start_date(prospect, zone)
    moved = moved_on(prospect, zone)
    if moved is not None and moved > start:
        return moved, moved
    return start, None


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


def default_plan(prospect: FutureLike, zone: Zone) -> CadencePlan:
    """The plan a job future follows until the user picks one.

    Someone you were referred to gets a first note naming who sent you. An
    offer or a referral in play is kept close (early on), however it began
    and however long ago. Otherwise an old contact (added as it was, never
    moved since) plays the long game, and a "no" or the rejected-but-warm
    stage means someone else got the job.

    "Old" is judged against the day the job future was added, not today, so a
    plan never changes by itself as time passes.
    """
    from jobfutures_tui.engine.built_in_plans import (
        AFTER_A_HIRE,
        EARLY_ON,
        INTRODUCED,
        LONG_GAME,
    )

    if prospect.stage is Stage.REFERRAL and is_referred(prospect):
        return INTRODUCED
    if prospect.stage in _TIGHT_STAGES:
        return EARLY_ON
    began = prospect.began_on
    if prospect.stage_changed_at is not None and moved_on(prospect, zone) is not None:
        began = None  # moved since it was added: the stage says more than its age
    # A day either side of UTC cannot matter unless the gap is near a year,
    # so most job futures skip the (slow) zone conversion.
    created = prospect.created_at
    if began is not None and created.toordinal() - began.toordinal() > LONG_AGO_DAYS - 2:
        added = local_day(created, zone)
        if added.toordinal() - began.toordinal() > LONG_AGO_DAYS:
            return LONG_GAME
    if prospect.stage is Stage.REJECTED_WARM or prospect.origin is Origin.REJECTED:
        return AFTER_A_HIRE
    return EARLY_ON


def plan_for(
    prospect: FutureLike,
    custom: Iterable[CadencePlan] = (),
    *,
    zone: Zone,
) -> CadencePlan:
    """The prospect's chosen plan (user plans first), else its default."""
    from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS

    wanted = prospect.cadence_plan
    if wanted:
        for plan in custom:
            if plan.id == wanted:
                return plan
        if wanted in BUILT_IN_PLANS:
            return BUILT_IN_PLANS[wanted]
    return default_plan(prospect, zone)
