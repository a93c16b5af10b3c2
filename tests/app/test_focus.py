"""Focus lands somewhere useful and visible after any key (issue 15)."""

from __future__ import annotations

from pilot_helpers import add_prospect, after_first_frame, until
from textual.app import App, ComposeResult
from textual.color import Color

from jobfutures_tui.app import STYLES, JobFuturesApp
from jobfutures_tui.models import Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.record_list import RecordList


async def test_hiding_the_archive_puts_the_selection_back_on_a_card(repo: Repository) -> None:
    alpha = add_prospect(repo, "Alpha", stage=Stage.REFERRAL)
    add_prospect(repo, "Closed", stage=Stage.ARCHIVE)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("A")
        assert board.focus_stage is Stage.ARCHIVE, "showing the archive selects its first card"
        await pilot.press("A")
        assert board.selected_id == alpha.id, "hiding it goes back to a card"
        await pilot.press("A", "A", "h", "l", "j")  # was: ValueError, ARCHIVE not in list
        assert board.selected_id == alpha.id


async def test_enter_on_a_touch_reads_its_whole_note(repo: Repository) -> None:
    import pendulum
    from textual.widgets import Static

    from jobfutures_tui.modals.record_form import RecordForm
    from jobfutures_tui.modals.touch_view import TouchView
    from jobfutures_tui.models import Touch

    prospect = add_prospect(repo, "Initech")
    note = "Long talk. " * 30 + "The end."
    at = pendulum.now("UTC").subtract(days=2)
    repo.save(
        Touch(prospect_id=prospect.id, at=at, channel="call", outcome="conversation", note=note)
    )
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await after_first_frame(pilot)
        await pilot.press("enter")  # the story, on its timeline
        await until(pilot, lambda: app.screen.query("#timeline"), "the story")
        await until(pilot, lambda: app.screen.focused is not None, "the timeline focused")
        await pilot.press("enter")  # the touch, whole (the same enter does not close it)
        await until(pilot, lambda: isinstance(app.screen, TouchView), "the touch")
        shown = str(app.screen.query_one("#touch-view-text", Static).render())
        assert "The end." in shown
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "the edit form")
        assert isinstance(app.screen, RecordForm) and app.screen.form_title == "Edit touch"


async def test_tab_stops_on_the_story_show_where_they_are(repo: Repository) -> None:
    add_prospect(repo, "Initech")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        stops = []
        for _ in range(3):
            await pilot.press("tab")
            focused = app.focused
            assert focused is not None
            stops.append(focused.id)
            if focused.id == "story":  # a scroll of its own: a bar says it has the keys
                assert focused.styles.border_left[0] == "thick"
        assert stops == ["story", "people", "timeline"]


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


class Lists(App[None]):
    CSS_PATH = STYLES / "lists.tcss"

    def compose(self) -> ComposeResult:
        yield RecordList(id="focused")
        yield RecordList(id="other")


async def test_the_selected_row_stands_out_in_every_built_in_theme() -> None:
    app = Lists()
    async with app.run_test() as pilot:
        focused, other = app.query_one("#focused", RecordList), app.query_one("#other", RecordList)
        focused.focus()
        weak = []
        for theme in sorted(app.available_themes):
            if theme.startswith("ansi"):
                continue  # the terminal's own colours: the bar beside the row marks it
            app.theme = theme
            await pilot.pause()
            for widget, least in ((focused, 2.5), (other, 1.2)):
                style = widget.visual_style.rich_style
                cursor = style + widget.get_component_rich_style("record-list--cursor")
                assert style.bgcolor is not None and cursor.bgcolor is not None
                ratio = contrast(
                    Color.from_rich_color(style.bgcolor), Color.from_rich_color(cursor.bgcolor)
                )
                if ratio < least:
                    weak.append(f"{theme} {widget.id}: {ratio:.2f}")
        assert not weak
