"""The board's search texts, kept up to date change by change, always equal fresh ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.models import Company, Person, Prospect, Touch, revise
from jobfutures_tui.store import Repository, Writer
from jobfutures_tui.usecases.search import SearchIndex

AT = pendulum.datetime(2026, 6, 1, tz="UTC")
KINDS = ["firm", "person", "notes", "move", "add", "delete", "forget", "touch"]
STEPS = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 50)), min_size=1, max_size=15)


def change(repo: Repository, kind: str, n: int, firms: list[Company], people: list[Person]) -> None:
    """One change of the kind named, to the n-th record of its kind."""
    ids = repo.prospect_ids()
    job = repo.prospect(ids[n % len(ids)]) if ids else None
    firm = repo.company(firms[n % len(firms)].id)
    person = repo.person(people[n % len(people)].id)
    if kind == "firm" and firm:
        repo.save(revise(firm, name=f"Firm renamed {n}"))
    elif kind == "person" and person:
        repo.save(revise(person, name=f"Person {n}", title=f"Head of {n}"))
    elif kind == "notes" and job:
        repo.save(revise(job, notes=f"note {n}", role=f"role {n}", tags=(f"tag{n}",)))
    elif kind == "move" and job and firm:
        repo.save(revise(job, company_id=firm.id, person_ids=(people[n % 3].id,)))
    elif kind == "add" and firm:
        repo.save(Prospect(company_id=firm.id, person_ids=(people[n % 3].id,), role=f"new {n}"))
    elif kind == "delete" and job:
        repo.delete(job, *repo.touches_for(job.id))
    elif kind == "forget" and person:
        repo.delete(person)  # a dangling person id: its text drops the name
    elif kind == "touch" and job:
        repo.save(Touch(prospect_id=job.id, at=AT.add(days=n), channel="email"))


@settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=STEPS)
def test_incremental_texts_match_fresh_ones(tmp_path_factory: Any, steps: list) -> None:
    folder: Path = tmp_path_factory.mktemp("search")
    with Repository.open(folder, writer=Writer()) as repo:
        firms = [Company(name=f"Firm {n}") for n in range(3)]
        people = [Person(name=f"Pat {n}", company_id=firms[n].id) for n in range(3)]
        jobs = [
            Prospect(company_id=firms[n % 3].id, person_ids=(people[n % 3].id,), role=f"r{n}")
            for n in range(6)
        ]
        repo.save(*firms, *people, *jobs)
        kept = SearchIndex(repo)
        kept.matches("firm")
        for kind, n in steps:
            change(repo, kind, n, firms, people)
            assert kept.matches("firm pat") == SearchIndex(repo).matches("firm pat")
            assert kept._current() == SearchIndex(repo)._current()


def test_a_rename_reaches_every_job_future_showing_it(folder: Path, open_repo: Any) -> None:
    repo = open_repo(folder)
    firm = Company(name="Contoso")
    jobs = [Prospect(company_id=firm.id) for _ in range(3)]
    repo.save(firm, *jobs)
    search = SearchIndex(repo)
    assert search.matches("contoso") == {job.id for job in jobs}
    repo.save(revise(firm, name="Fabrikam"))
    assert search.matches("contoso") == set()
    assert search.matches("fabrikam") == {job.id for job in jobs}
