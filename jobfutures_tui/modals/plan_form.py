"""Write or edit a cadence plan: a name, a description, and its touches one per line."""

from __future__ import annotations

from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.models.enums import TouchKind
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.user_plans import plan_from_values, plan_values

PLANNED_KINDS = [k for k in TouchKind if k not in (TouchKind.FOLLOW_UP, TouchKind.OPENING_REPLY)]
"""Kinds a plan is made of; follow-ups and replies come from what happens."""

STEPS_HINT = (
    "one touch a line: its kind, how long after the last touch (or 'from start'),\n"
    "then one line 'repeat …' for the touch that comes back, e.g.\n"
    "  thank-you 1-2 days from start\n"
    "  check-in 2-4 weeks\n"
    "  repeat value-share every 2-3 months\n"
    "kinds: " + ", ".join(kind.value for kind in PLANNED_KINDS)
)
FIELDS = (
    Field("name", "Name", placeholder="e.g. Gentle long game"),
    Field("description", "What it is for", "text"),
    Field("steps", "Touches", "text", hint=STEPS_HINT),
)


def plan_form(
    repo: Repository, plan: CadencePlan | None, *, copy: bool = False
) -> RecordForm[CadencePlan]:
    """A form whose result is the plan to save: ``plan`` edited, or a new one
    (empty, or a copy of ``plan``)."""
    if plan is None:
        title = "New plan"
    elif copy:
        title = f"New plan from {plan.name}"
    else:
        title = f"Edit plan {plan.name}"
    edited = None if copy else plan
    return RecordForm(
        title,
        FIELDS,
        plan_values(plan, copy=copy),
        lambda values: plan_from_values(repo, values, edited),
    )
