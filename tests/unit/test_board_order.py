"""The board's order, kept up to date change by change, always equals a fresh one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.models import Company, Prospect, Stage, Touch, dates, revise
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository, Writer
from jobfutures_tui.usecases.board import BoardOrder

AT = pendulum.datetime(2026, 6, 1, tz="UTC")
STAGES = [*Stage.board(), Stage.ARCHIVE]
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["stage", "touch", "rename", "add", "delete", "plan", "choose", "unplan"]),
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=15,
)


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_incremental_order_matches_a_fresh_one(tmp_path_factory: Any, steps: list) -> None:
    folder: Path = tmp_path_factory.mktemp("order")
    with Repository.open(folder, writer=Writer()) as repo:
        firms = [Company(name=f"Firm {n}") for n in range(3)]
        jobs = [Prospect(company_id=firms[n % 3].id, stage=STAGES[n % 4]) for n in range(6)]
        repo.save(*firms, *jobs)
        kept = BoardOrder(repo)
        kept.columns()
        for kind, n in steps:
            ids = repo.prospect_ids()
            job = repo.prospect(ids[n % len(ids)]) if ids else None
            if kind == "stage" and job:
                repo.save(revise(job, stage=STAGES[n % 5]))
            elif kind == "touch" and job:
                repo.save(Touch(prospect_id=job.id, at=AT.add(days=n), channel="email"))
            elif kind == "rename":
                firm = repo.company(firms[n % 3].id)
                assert firm is not None
                repo.save(revise(firm, name=f"{n} renamed"))
            elif kind == "add":
                repo.save(Prospect(company_id=firms[n % 3].id, stage=STAGES[n % 4]))
            elif kind == "delete" and job:
                repo.delete(job, *repo.touches_for(job.id))
            elif kind == "plan":  # a user plan written or edited: its followers move
                repo.save(
                    CadencePlan(id="mine", name="Mine", repeat={"kind": "check-in", "days": n + 1})
                )
            elif kind == "choose" and job:
                repo.save(revise(job, cadence_plan="mine" if n % 2 else None))
            elif kind == "unplan" and (plan := repo.stored(CadencePlan, "mine")):
                repo.delete(plan)  # its followers fall back to their default
            assert kept.columns() == BoardOrder(repo).columns()


def test_editing_a_plan_reorders_the_job_futures_that_chose_it(tmp_path: Path) -> None:
    today = dates.today()  # not frozen: each edit needs a stamp of its own
    with Repository.open(tmp_path, writer=Writer()) as repo:
        firm = Company(name="Firm")
        mine = CadencePlan(id="mine", name="Mine", repeat={"kind": "check-in", "days": 30})
        chose = Prospect(company_id=firm.id, cadence_plan="mine", began_on=today)
        other = Prospect(company_id=firm.id, began_on=today.add(days=3))  # thanks in 4 days
        repo.save(firm, mine, chose, other)
        kept = BoardOrder(repo)
        assert kept.columns()[Stage.INTERVIEWED] == [other.id, chose.id]
        repo.save(revise(mine, repeat={"kind": "check-in", "days": 1}, name="Sooner"))
        fresh = BoardOrder(repo).columns()
        assert kept.columns() == fresh
        assert fresh[Stage.INTERVIEWED] == [chose.id, other.id]
