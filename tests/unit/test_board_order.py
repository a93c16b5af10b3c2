"""The board's order, kept up to date change by change, always equals a fresh one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobfutures_tui.models import Company, Prospect, Stage, Touch, revise
from jobfutures_tui.rules.board import BoardOrder
from jobfutures_tui.store import Repository, Writer

AT = pendulum.datetime(2026, 6, 1, tz="UTC")
STAGES = [*Stage.board(), Stage.ARCHIVE]
STEPS = st.lists(
    st.tuples(st.sampled_from(["stage", "touch", "rename", "add", "delete"]), st.integers(0, 50)),
    min_size=1,
    max_size=15,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
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
            assert kept.columns() == BoardOrder(repo).columns()
