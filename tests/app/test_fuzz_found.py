"""Crashes the key walks found (benchmarks/fuzz.py), each replayed by its keys."""

from __future__ import annotations

from pilot_helpers import add_prospect, messages

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.record_form import RecordForm
from jobfutures_tui.models import Stage
from jobfutures_tui.store import Repository


async def test_e_on_an_archived_card_says_how_to_edit_it(repo: Repository) -> None:
    add_prospect(repo, "Closed Co", stage=Stage.ARCHIVE)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A", "e")  # was: ValidationError, archive is no board stage
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        assert any("x reopens it" in said for said in messages(app))


async def test_editing_an_archived_story_leaves_its_stage_alone(repo: Repository) -> None:
    prospect = add_prospect(repo, "Closed Co", stage=Stage.ARCHIVE)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("A", "enter", "tab", "e")  # was: InvalidSelectValueError
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and "stage" not in form.values()
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = repo.prospect(prospect.id)
        assert saved is not None and saved.stage is Stage.ARCHIVE


async def test_deleting_from_its_story_goes_back_to_the_board_once(repo: Repository) -> None:
    from jobfutures_tui.screens.board import BoardScreen
    from jobfutures_tui.screens.today import TodayScreen

    add_prospect(repo, "Gone Co")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "D")  # walk: D tab y tab e 2, from a story
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "the story went, the board stays"
        await pilot.press("2")  # was: IndexError in switch_screen, from a blank screen
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_a_drop_down_that_is_not_one_of_the_form_s_fields_chooses_by_itself(
    repo: Repository,
) -> None:
    """Commit 5000706: enter in the open list of a drop-down the form did not make
    from its fields was StopIteration in RecordForm._choose; the list now chooses."""
    from textual.app import ComposeResult
    from textual.widgets import Select

    from jobfutures_tui.modals.record_form import Field

    class WithExtra(RecordForm[dict[str, object]]):
        def compose_head(self) -> ComposeResult:
            yield Select([("one", 1), ("two", 2)], id="extra", allow_blank=False)

    form = WithExtra("A form", [Field("note", "Note")], {"note": ""}, dict)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(form)
        await pilot.pause()
        extra = form.query_one("#extra", Select)
        extra.focus()
        await pilot.press("enter")  # opens the list
        await pilot.pause()
        await pilot.press("down", "enter")  # was: StopIteration
        await pilot.pause()
        assert app.screen is form and extra.value == 2
