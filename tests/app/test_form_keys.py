"""Forms never drop or overwrite what is typed (issue 15)."""

from __future__ import annotations

from pilot_helpers import add_prospect, until
from textual.widgets import Input

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.record_form import RecordForm
from jobfutures_tui.models import Company, PersonRole
from jobfutures_tui.store import Repository


async def test_news_typed_at_once_is_the_news_not_the_date(repo: Repository) -> None:
    prospect = add_prospect(repo, "Initech")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "n")
        await pilot.pause()
        await pilot.press(*"raised a Series C", "ctrl+s")
        await pilot.pause()
        company = repo.stored(Company, prospect.company_id)
        assert company is not None
        assert [item.text for item in company.news] == ["raised a Series C"]


async def test_a_prefilled_field_keeps_its_text_and_types_at_its_end(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "a")
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "the person form")
        await pilot.press(*"Jo Lee", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, RecordForm), "the form saved")
        await pilot.press("enter")  # no job future: enter edits them
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "the edit form")
        await pilot.press(*" Park")
        assert app.screen.query_one("#name", Input).value == "Jo Lee Park"


async def test_choosing_from_a_list_moves_on_so_the_next_words_land(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Globex", "enter", *"Jo Lee", "enter")
        await pilot.press("enter", "down", "enter")  # open "Their role", recruiter, choose
        await pilot.pause()
        await pilot.press(*"jo@globex.example")
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.values()["person_role"] is PersonRole.RECRUITER
        assert form.query_one("#email", Input).value == "jo@globex.example"
