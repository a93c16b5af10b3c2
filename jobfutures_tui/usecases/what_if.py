"""What the next touch would be after a change not made yet: the log form's preview
before saving, and what skipping the touch due now records; decided from the same
inputs as every kept decision (:mod:`~jobfutures_tui.usecases.decisions`)."""

from __future__ import annotations

import copy
from datetime import date

from jobfutures_tui.engine.cadence import Suggestion, skip_next, suggest_next
from jobfutures_tui.engine.history import CadenceSummary, summarise
from jobfutures_tui.models import Prospect, Skip, Stage, Touch
from jobfutures_tui.models.dates import now
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decision_keys import DecisionInputs
from jobfutures_tui.usecases.decisions import workdays


def suggestion_after(
    repo: Repository,
    prospect: Prospect,
    *,
    today: date,
    touch: Touch | None = None,
    stage: Stage | None = None,
) -> Suggestion | None:
    """The next touch once ``touch`` is logged and the job future is moved to
    ``stage`` (both optional): what the log form shows before saving, decided
    exactly as :func:`open_one` will decide it once saved. Reads this job
    future's history only if the touch is backdated before its latest one."""
    summary = repo.cadence_summary(prospect.id) or CadenceSummary()
    if touch is not None:
        last = summary.last
        if last is None or last.at <= touch.at:
            summary = copy.deepcopy(summary)
            summary.add(touch)
        else:
            summary = summarise([*repo.touches_for(prospect.id), touch])
    if stage is not None and stage is not prospect.stage:
        prospect = prospect.model_copy(update={"stage": stage, "stage_changed_at": now()})
    inputs = DecisionInputs.of(repo, prospect)
    return suggest_next(
        prospect,
        inputs.people,
        summary,
        plan=inputs.plan,
        today=today,
        home_city=inputs.home_city,
        snoozed_until=prospect.snoozed_until if touch is None else None,
        tz=inputs.zone,
        thanks=inputs.thanks,
        workdays=workdays(),
    )


def skip_now(repo: Repository, prospect: Prospect) -> Skip | None:
    """What skipping the touch due now records (None: nothing is due to skip)."""
    inputs = DecisionInputs.of(repo, prospect)
    return skip_next(
        prospect,
        inputs.people,
        repo.cadence_summary(prospect.id),
        at=now(),
        plan=inputs.plan,
        home_city=inputs.home_city,
        tz=inputs.zone,
        thanks=inputs.thanks,
    )
