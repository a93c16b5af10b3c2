"""The today screen: what is due, most urgent first, and why (keys 1 and 2)."""

from __future__ import annotations

from pathlib import Path

import pendulum
from pilot_helpers import add_prospect, rendered_text

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.demo import populate
from jobfutures_tui.models import Company, Prospect, Touch
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.detail import DetailScreen
from jobfutures_tui.screens.today import TodayScreen
from jobfutures_tui.store import BackgroundWriter, Repository

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


def listing_text(app: JobFuturesApp) -> str:
    listing = app.screen.query_one("#today-list")
    options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    return "\n".join(rendered_text(option.prompt, width=200) for option in options)


async def open_today(app: JobFuturesApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("2")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_today_lists_the_demo_touches_due_with_reasons(tmp_path: Path) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        folder = tmp_path / "data"
        with Repository.open(folder) as seed:
            populate(seed, today=NOW.date())
        repo = Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)
        app = JobFuturesApp(repo, demo=True)
        async with app.run_test(size=(120, 36)) as pilot:
            await open_today(app, pilot)
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            assert screen.title == f"Today ({len(screen.items)} due)"
            shown = listing_text(app)
            assert "Overdue (" in shown
            assert "they mentioned an opening" in shown
            assert screen.items[0].suggestion.urgency.breakdown.get("opening"), "openings first"
            urgencies = [item.suggestion.urgency.total for item in screen.items]
            assert urgencies == sorted(urgencies, reverse=True), "most urgent first"
            first = screen.items[0]
            await pilot.press("enter")
            await pilot.pause()
            detail = app.screen
            assert isinstance(detail, DetailScreen)
            assert detail.prospect_id == first.prospect_id, "enter opens the job future"
            await pilot.press("escape")
            assert isinstance(app.screen, TodayScreen)
            await pilot.press("1")
            assert isinstance(app.screen, BoardScreen)
        repo.close()


async def test_an_empty_day_says_so_and_when_the_next_touch_is(repo: Repository) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        firm = Company(name="Relecloud")
        prospect = Prospect(company_id=firm.id, began_on=NOW.subtract(days=60).date())
        thanks = Touch(prospect_id=prospect.id, at=NOW.subtract(days=59), channel="email")
        talk = Touch(
            prospect_id=prospect.id,
            at=NOW.subtract(hours=2),
            channel="call",
            direction="in",
            outcome="conversation",
            replied=True,
        )
        repo.save(firm, prospect, thanks, talk)
        app = JobFuturesApp(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_today(app, pilot)
            status = rendered_text(app.screen.query_one("#today-status").render())
            assert "Nothing due today or this week." in status
            assert "Next:" in status and "Relecloud" in status
            assert not app.screen.query_one("#today-list").visible


async def test_no_job_futures_at_all(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_today(app, pilot)
        status = rendered_text(app.screen.query_one("#today-status").render())
        assert "Nothing due today or this week." in status
        assert "Next:" not in status


async def test_markup_in_names_is_shown_literally_on_today(repo: Repository) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        add_prospect(repo, "[bold]Acme[/", person="Zoë [x]", touched=NOW.subtract(days=20))
        app = JobFuturesApp(repo)
        async with app.run_test(size=(120, 30)) as pilot:
            await open_today(app, pilot)
            shown = listing_text(app)
            assert "[bold]Acme[/ · Zoë [x]" in shown


def due_soon(repo: Repository) -> Prospect:
    """A job future whose thank-you is due tomorrow (it began today)."""
    firm = Company(name="Northwind Logistics")
    prospect = Prospect(company_id=firm.id, began_on=NOW.date())
    repo.save(firm, prospect)
    repo.flush()
    return prospect


async def test_snoozing_from_today_hides_it_until_then(repo: Repository, data_dir: Path) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        prospect = due_soon(repo)
        app = JobFuturesApp(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_today(app, pilot)
            assert [item.prospect_id for item in app.screen.items] == [prospect.id]
            await pilot.press("z")
            await pilot.pause()
            await pilot.press("2")  # two weeks
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, TodayScreen)
            assert app.screen.items == []
            status = rendered_text(app.screen.query_one("#today-status").render())
            assert "Next: Mon 7 Dec, Northwind Logistics" in status
        repo.flush()
        with Repository.open(data_dir, read_only=True) as saved:
            assert saved.prospect(prospect.id).snoozed_until == pendulum.date(2026, 12, 7)


async def test_snooze_until_a_typed_date_checks_the_date(repo: Repository) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        prospect = due_soon(repo)
        app = JobFuturesApp(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("z")  # on the board, the selected card
            await pilot.pause()
            await pilot.press("tab", *"2026-11-01", "enter")
            await pilot.pause()
            error = rendered_text(app.screen.query_one("#error-snooze-date").render())
            assert "after today" in error
            field = app.screen.query_one("#snooze-date")
            field.value = "2026-12-24"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
            assert repo.prospect(prospect.id).snoozed_until == pendulum.date(2026, 12, 24)
            await pilot.press("z", "escape")
            await pilot.pause()
            assert repo.prospect(prospect.id).snoozed_until == pendulum.date(2026, 12, 24)
