"""The daily budget on Today, on a frozen Monday (7 December 2026), and settings
changed from the settings screen taking effect at once: the budget on Today,
new workdays on the board's cards."""

from __future__ import annotations

import os
from pathlib import Path

import pendulum
from clock import frozen_at
from pilot_helpers import column_text, palette, rendered_text, until
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from jobfutures_tui import settings
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.settings_form import SettingsForm
from jobfutures_tui.models import Company, Person, Prospect, Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.today import TodayScreen
from jobfutures_tui.store import Repository

NOW = pendulum.datetime(2026, 12, 7, 15, tz="UTC")  # a Monday
MON = NOW.date()


frozen = frozen_at(NOW)


def due_on(repo: Repository, name: str, day: pendulum.Date | None) -> Prospect:
    """Due on ``day`` (snoozed to it), or, for None, a thank-you twelve days overdue."""
    firm = Company(name=name)
    who = Person(name="Jo Lee", company_id=firm.id, email="jo@example.com")
    began = MON.subtract(days=20 if day else 12)
    future = Prospect(company_id=firm.id, person_ids=(who.id,), began_on=began, snoozed_until=day)
    repo.save(firm, who, future)
    return future


def write_config(text: str) -> None:
    path = Path(os.environ[settings.CONFIG_ENV_VAR])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings.forget()


def shown(app: JobFuturesApp) -> list[str]:
    listing = app.screen.query_one("#today-list", OptionList)
    options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    return [rendered_text(option.prompt, width=200).strip() for option in options]


def note(app: JobFuturesApp) -> str | None:
    budget = app.screen.query_one("#today-budget")
    return rendered_text(budget.render()).strip() if budget.display else None


async def open_today(app: JobFuturesApp, pilot: Pilot[None]) -> TodayScreen:
    await pilot.press("2")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return screen


async def test_today_shows_the_budget_and_where_the_rest_went(repo: Repository) -> None:
    due_on(repo, "Overdue Co", None)
    for name in ("Alpha", "Beta", "Gamma"):
        due_on(repo, name, MON)
    write_config("daily_budget = 2\n")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        today = await open_today(app, pilot)
        assert note(app) == "Budget 2 a day: 2 moved — 2 to Tue 8 Dec"
        lines = shown(app)
        assert lines[0] == "Overdue (1)" and "Overdue Co" in lines[1], "overdue is kept first"
        assert lines[2] == "Due today (1)"
        assert lines[4] == "Due this week (2)"
        assert lines[5].startswith("moved to Tue 8 Dec  ")
        assert lines[6].startswith("moved to Tue 8 Dec  ")
        assert len(today.items) == 4, "nothing hidden"


async def test_without_a_budget_today_is_as_before(repo: Repository) -> None:
    for name in ("Alpha", "Beta", "Gamma"):
        due_on(repo, name, MON)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_today(app, pilot)
        assert note(app) is None
        assert shown(app)[0] == "Due today (3)"


async def test_a_budget_saved_in_the_settings_screen_applies_to_today_at_once(
    repo: Repository,
) -> None:
    for name in ("Alpha", "Beta", "Gamma"):
        due_on(repo, name, MON)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_today(app, pilot)
        assert note(app) is None
        await palette(pilot, "Settings")
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#daily_budget", Input).value = "1"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TodayScreen), "Today again")
        await until(pilot, lambda: note(app) is not None, "the budget's note")
        assert note(app) == "Budget 1 a day: 2 moved — 1 to Tue 8 Dec, 1 to Wed 9 Dec"


async def test_new_workdays_saved_in_the_settings_screen_move_the_cards_dates(
    repo: Repository,
) -> None:
    saturday = MON.add(days=5)
    due_on(repo, "Weekend Co", saturday)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        before = column_text(app, Stage.INTERVIEWED)
        assert "due Sat" in before
        await palette(pilot, "Settings")
        await until(pilot, lambda: isinstance(app.screen, SettingsForm), "the settings form")
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#workdays", Input).value = "mon tue wed thu fri"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: "due Sat" not in column_text(app, Stage.INTERVIEWED),
            "the card's date moved off the weekend",
        )
        assert settings.current().settings.workdays == ("mon", "tue", "wed", "thu", "fri")
