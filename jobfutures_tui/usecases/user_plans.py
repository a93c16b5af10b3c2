"""The plans a user can choose from, and the plans they write: form values in,
validated records out; no UI here.

Built-in plans are code and never change; a user's plans are stored records
(:class:`~jobfutures_tui.models.plan.CadencePlan`) with ids of their own, so a
user plan never takes a built-in's place by accident.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.engine.plan_text import StepsError, parse_steps, plan_lines
from jobfutures_tui.engine.plans import default_plan, plan_for
from jobfutures_tui.models import Prospect, Record, revise
from jobfutures_tui.models.dates import local_timezone, now
from jobfutures_tui.models.errors import invalid
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository


def all_plans(repo: Repository) -> list[CadencePlan]:
    """The built-in plans, then the user's own by name."""
    mine = sorted(repo.records(CadencePlan), key=lambda plan: plan.name.casefold())
    shadowed = {plan.id for plan in mine}
    return [p for p in BUILT_IN_PLANS.values() if p.id not in shadowed] + mine


def is_built_in(plan: CadencePlan) -> bool:
    return BUILT_IN_PLANS.get(plan.id) is plan


def plan_of(repo: Repository, prospect: Prospect) -> CadencePlan:
    """The plan a job future follows: its choice, else its default."""
    return plan_for(prospect, repo.records(CadencePlan), zone=local_timezone())


def default_of(prospect: Prospect) -> CadencePlan:
    return default_plan(prospect, local_timezone())


def followers(repo: Repository, plan_id: str) -> list[str]:
    """Ids of the job futures (archived too) that chose this plan."""
    return [pid for pid, row in repo.walk("prospects") if row.get("cadence_plan") == plan_id]


def choose(prospect: Prospect, plan_id: str | None) -> Prospect:
    """The job future following ``plan_id`` (None: its default, which follows its stage),
    starting again from its last touch (docs/advice.md, "Plans")."""
    return revise(prospect, cadence_plan=plan_id, plan_chosen_at=now())


# ------------------------------------------------------------ writing plans


def plan_values(plan: CadencePlan | None, *, copy: bool = False) -> dict[str, Any]:
    """A plan as the form shows it; a copy starts with the name marked."""
    if plan is None:
        return {"name": "", "description": "", "steps": ""}
    name = f"{plan.name} (copy)" if copy else plan.name
    return {
        "name": name,
        "description": plan.description,
        "steps": plan_lines(plan.steps, plan.repeat),
    }


def plan_from_values(
    repo: Repository, values: dict[str, Any], plan: CadencePlan | None
) -> CadencePlan:
    """A validated plan from the form: ``plan`` revised, or a new one (``plan`` None).

    Raises ValidationError with each message at its field (the steps' with
    the line that is wrong).
    """
    try:
        steps, repeat = parse_steps(str(values.get("steps") or ""))
    except StepsError as error:
        raise invalid("steps", str(error), values.get("steps")) from None
    fields = {
        "name": values.get("name", ""),
        "description": values.get("description", ""),
        "steps": steps,
        "repeat": repeat,
    }
    if plan is not None:
        return revise(plan, **fields)
    return CadencePlan.model_validate({**fields, "id": new_plan_id(repo, str(fields["name"]))})


def new_plan_id(repo: Repository, name: str) -> str:
    """A readable id from the name ('my-long-game'), unused by any plan."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:56] or "plan"
    taken = set(BUILT_IN_PLANS) | set(repo.stored_rows("plans"))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def forget_plan(repo: Repository, plan: CadencePlan) -> tuple[list[Record], list[Record]]:
    """Records to save and delete when a plan goes: the job futures that chose it
    go back to their default plan, in the same change."""
    save: list[Record] = []
    for prospect_id in followers(repo, plan.id):
        prospect = repo.prospect(prospect_id)
        if prospect is not None:
            save.append(choose(prospect, None))
    return save, [plan]
