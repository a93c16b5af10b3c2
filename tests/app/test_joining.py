"""Someone already stored joins a job future: from People (f, or c when they are in
none) and from the story (f), undoable (issue 15)."""

from __future__ import annotations

from pilot_helpers import add_prospect
from textual.widgets import Select

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.log_form import LogForm
from jobfutures_tui.modals.pick import Pick
from jobfutures_tui.models import Person
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.joining import futures_to_join


def imported(repo: Repository, company_id: str) -> Person:
    """Someone an import brought in at a company that has a job future: in none."""
    person = Person(name="Aaron Abbott", company_id=company_id, email="aaron@initech.example")
    repo.save(person)
    repo.flush()
    return person


async def test_c_on_someone_in_no_job_future_offers_theirs_then_logs(repo: Repository) -> None:
    add_prospect(repo, "Acme")
    initech = add_prospect(repo, "Initech")
    aaron = imported(repo, initech.company_id)
    assert [c.label for c in futures_to_join(repo, aaron.id)] == ["Initech", "Acme"]
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "c")  # Aaron comes first by name
        await pilot.pause()
        assert isinstance(app.screen, Pick), "c offers to add them to a job future"
        await pilot.press("enter")  # their company's, first
        await pilot.pause()
        assert isinstance(app.screen, LogForm)
        assert app.screen.query_one("#person_id", Select).value == aaron.id
        await pilot.press("escape")
        await pilot.pause()
        prospect = repo.prospect(initech.id)
        assert prospect is not None and aaron.id in prospect.person_ids
        await pilot.press("u")  # the adding is its own change
        prospect = repo.prospect(initech.id)
        assert prospect is not None and aaron.id not in prospect.person_ids


async def test_f_on_a_story_adds_someone_you_know(repo: Repository) -> None:
    initech = add_prospect(repo, "Initech")
    aaron = imported(repo, initech.company_id)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "f")
        await pilot.pause()
        assert isinstance(app.screen, Pick)
        await pilot.press(*"abbott", "enter")
        await pilot.pause()
        prospect = repo.prospect(initech.id)
        assert prospect is not None and prospect.person_ids[-1] == aaron.id
