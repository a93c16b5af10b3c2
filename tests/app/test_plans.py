"""Cadence plans in the app: choose one (P), write your own, skip a touch (s), see what is next.

Time moves on from a fixed moment (not frozen): every change must get a new
``updated_at``, as it does in real use, for the kept decisions to notice it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pendulum
import pytest
from disk import saved_data
from pilot_helpers import add_prospect, rendered_text, search_palette
from pilot_helpers import messages as notified
from rich.text import Text
from test_board_actions import palette
from textual.widgets import OptionList, Static, TextArea

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.plan_list import DEFAULT_ROW, PlanList
from jobfutures_tui.modals.record_form import RecordForm
from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.models.enums import TouchKind
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.detail import DetailScreen
from jobfutures_tui.screens.today import TodayScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.user_plans import choose

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")  # a Monday


@pytest.fixture(autouse=True)
def moving_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)
    with pendulum.travel_to(NOW, freeze=False):
        yield


def began(repo: Repository, company: str, days_ago: int) -> Prospect:
    """A job future that began ``days_ago``, never touched: its thank-you is due a day after."""
    firm = Company(name=company)
    person = Person(name="Dana Reyes", email="dana@example.com", company_id=firm.id)
    prospect = Prospect(
        company_id=firm.id,
        person_ids=(person.id,),
        began_on=NOW.date().subtract(days=days_ago),
    )
    repo.save(firm, person, prospect)
    repo.flush()
    return prospect


def messages(app: JobFuturesApp) -> str:
    return "\n".join(notified(app))


def stored_prospect(data_dir: Path, prospect_id: str) -> dict:
    return orjson.loads((data_dir / "prospects.json").read_bytes())["prospects"][prospect_id]


def plan_ids(app: JobFuturesApp) -> list[str]:
    listing = app.screen.query_one("#plans-list", OptionList)
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]  # type: ignore[misc]


async def highlight(app: JobFuturesApp, pilot, option_id: str) -> None:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one("#plans-list", OptionList)
    listing.highlighted = listing.get_option_index(option_id)
    await pilot.pause()


async def open_today(app: JobFuturesApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("2")
    await app.workers.wait_for_complete()
    await pilot.pause()


def today_items(app: JobFuturesApp) -> list[tuple[str, str, str]]:
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    return [
        (item.company, item.suggestion.kind.value, item.suggestion.due.isoformat())
        for item in screen.items
    ]


async def test_choosing_a_plan_on_the_board_is_saved_and_undone(
    repo: Repository, data_dir: Path
) -> None:
    prospect = began(repo, "Northwind", 0)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PlanList)
        assert plan_ids(app) == [
            DEFAULT_ROW,
            "prompt-thanks",
            "early-on",
            "after-a-hire",
            "long-game",
            "introduced",
        ]
        shown = rendered_text(
            app.screen.query_one("#plans-list", OptionList).get_option_at_index(2).prompt
        )
        assert "Early on  built-in · its default" in shown
        assert "thank-you 1-2 days from start · check-in 2-4 weeks" in shown
        assert app.screen.query_one("#plans-list", OptionList).highlighted == 0, "its choice now"
        await highlight(app, pilot, "long-game")
        await pilot.press("enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert "Northwind follows Long game; next: tomorrow · email · reconnect" in messages(app)
        repo.flush()
        assert stored_prospect(data_dir, prospect.id)["cadence_plan"] == "long-game"
        assert board.card(prospect.id).next.plan_id == "long-game"  # type: ignore[union-attr]
        await pilot.press("u")
        await pilot.pause()
        repo.flush()
        assert stored_prospect(data_dir, prospect.id)["cadence_plan"] is None
        assert board.card(prospect.id).next.plan_id == "early-on"  # type: ignore[union-attr]
        await pilot.press("U", "P")
        await pilot.pause()
        assert app.screen.query_one("#plans-list", OptionList).highlighted == 4
        await highlight(app, pilot, DEFAULT_ROW)
        await pilot.press("enter")
        await pilot.pause()
        assert repo.prospect(prospect.id).cadence_plan is None  # type: ignore[union-attr]
        assert "Northwind follows Early on (its default)" in messages(app)


async def test_a_new_plan_chosen_from_today_moves_the_due_date(
    repo: Repository, data_dir: Path
) -> None:
    began(repo, "Northwind", 0)  # the default: a thank-you tomorrow
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(app, pilot)
        assert today_items(app) == [("Northwind", "thank-you", "2026-11-24")]
        await pilot.press("P")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press(*"Slow [start]")
        steps = form.query_one("#steps", TextArea)
        steps.text = "check-in 3 days from start\ncheck-in 0 days"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = rendered_text(form.query_one("#error-steps").render())
        assert "line 2: '0 days': a touch comes at least 1 day" in error
        assert repo.records(CadencePlan) == [], "nothing is saved while a field is wrong"
        steps.text = "check-in 3 days from start\nrepeat value-share every 2-3 months"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanList)
        listing = app.screen.query_one("#plans-list", OptionList)
        assert listing.highlighted_option is not None
        assert listing.highlighted_option.id == "slow-start", "the new plan is selected"
        assert "Slow [start]" in rendered_text(listing.highlighted_option.prompt)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert today_items(app) == [("Northwind", "check-in", "2026-11-26")]
        repo.flush()
        plans = orjson.loads((data_dir / "plans.json").read_bytes())["plans"]
        assert plans["slow-start"]["name"] == "Slow [start]"
        assert plans["slow-start"]["steps"] == [
            {"kind": "check-in", "days": 3, "up_to_days": None, "anchor": "start", "after": ""}
        ]
        assert plans["slow-start"]["repeat"] == {
            "kind": "value-share",
            "days": 60,
            "up_to_days": 90,
        }


async def test_plans_are_written_copied_edited_and_deleted_from_the_palette(
    repo: Repository, data_dir: Path
) -> None:
    prospect = began(repo, "Northwind", 0)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "cadence plans")
        assert isinstance(app.screen, PlanList)
        await highlight(app, pilot, "early-on")
        await pilot.press("e")  # a built-in one: a copy is edited
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#name").value == "Early on (copy)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "early-on-copy" in plan_ids(app)
        copy = repo.stored(CadencePlan, "early-on-copy")
        assert copy is not None and copy.steps == repo.records(CadencePlan)[0].steps
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#name").value = "Mine"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert repo.stored(CadencePlan, "early-on-copy").name == "Mine"  # type: ignore[union-attr]
        repo.save(choose(prospect, "early-on-copy"))
        await pilot.press("D")
        await pilot.pause()
        question = rendered_text(app.screen.query_one("#confirm-detail").render())
        assert "1 job future follows it: they go back to their default plan." in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlanList)
        assert "early-on-copy" not in plan_ids(app)
        assert repo.prospect(prospect.id).cadence_plan is None  # type: ignore[union-attr]
        repo.flush()
        assert orjson.loads((data_dir / "plans.json").read_bytes())["plans"] == {}
        await pilot.press("u")  # undo works inside the list, which shows it back
        await pilot.pause()
        assert "early-on-copy" in plan_ids(app)
        assert repo.prospect(prospect.id).cadence_plan == "early-on-copy"  # type: ignore[union-attr]
        await highlight(app, pilot, "long-game")
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, PlanList), "a built-in plan is never deleted"
        assert "Built-in plans stay as they are" in messages(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_skip_from_today_moves_on_and_undo_brings_it_back(
    repo: Repository, data_dir: Path
) -> None:
    prospect = began(repo, "Northwind", 3)  # the thank-you was due two days ago
    repo.flush()
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_today(app, pilot)
        assert today_items(app) == [("Northwind", "thank-you", "2026-11-21")]
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert today_items(app) == [], "the check-in comes in two weeks, after this week"
        assert (
            "Skipped the thank-you for Northwind; next: Mon 7 Dec · email · check-in (u undoes)."
            in messages(app)
        )
        repo.flush()
        skips = stored_prospect(data_dir, prospect.id)["skips"]
        assert [(s["kind"], s["step"]) for s in skips] == [("thank-you", True)]
        assert skips[0]["at"].startswith("2026-11-23T15:")
        assert len(repo.touches_for(prospect.id)) == 0, "no one was contacted"
        await pilot.press("u")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert today_items(app) == [("Northwind", "thank-you", "2026-11-21")]
        repo.flush()
        assert saved_data(data_dir) == before


async def test_detail_shows_the_next_touch_and_skips_from_there_and_the_board(
    repo: Repository,
) -> None:
    prospect = began(repo, "Northwind", 3)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        text = rendered_text(detail.query_one("#about").render())
        assert "Next touch  (s skip · z snooze · P plan)" in text
        assert "2d overdue · Sat 21 Nov · email · thank-you · Dana Reyes" in text
        assert "why: no touch yet: send a thank-you" in text
        assert "plan: Early on (the default here)" in text
        overdue = detail.get_component_rich_style("detail--overdue", partial=True)
        about = detail.query_one("#about", Static).content
        assert isinstance(about, Text)
        assert any(
            about.plain[span.start : span.end] == "2d overdue" and span.style == overdue
            for span in about.spans
        ), "coloured as on the cards"
        await pilot.press("s")
        await pilot.pause()
        text = rendered_text(detail.query_one("#about").render())
        assert "in 2w · Mon 7 Dec · email · check-in" in text
        assert "why: thank-you skipped on 23 Nov; next: check-in 2–4 weeks after that" in text
        await pilot.press("escape")
        await pilot.pause()
        assert board.card(prospect.id).next.kind is TouchKind.CHECK_IN  # type: ignore[union-attr]
        await pilot.press("s")  # again, from the board: the check-in too
        await pilot.pause()
        assert board.card(prospect.id).next.kind is TouchKind.VALUE_SHARE  # type: ignore[union-attr]
        assert len(repo.prospect(prospect.id).skips) == 2  # type: ignore[union-attr]
        skipped = "Skipped the check-in for Northwind; next: Mon 7 Dec · email · something useful"
        assert skipped in messages(app)


async def test_palette_shows_when_a_job_future_is_due(repo: Repository) -> None:
    began(repo, "Northwind", 3)
    add_prospect(repo, "[red]Contoso[/]")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_palette(pilot, "northw")
        listing = app.screen.query_one("CommandList", OptionList)
        shown = rendered_text(listing.get_option_at_index(0).prompt)
        assert "Northwind · Dana Reyes  2d overdue" in shown
        assert "next: email · thank-you — no touch yet: send a thank-you" in shown
        await pilot.press("escape")
        await search_palette(pilot, "contoso")
        listing = app.screen.query_one("CommandList", OptionList)
        assert "[red]Contoso[/]" in rendered_text(listing.get_option_at_index(0).prompt)
