"""The board, driven through its keys (README, "The board"), checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pendulum
from pilot_helpers import (
    add_prospect,
    column_text,
    messages,
    move_card,
    rendered_text,
    reopen,
    search_palette,
    until,
)
from textual.widget import Widget

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.record_form import RecordForm
from jobfutures_tui.models import PersonRole, Stage
from jobfutures_tui.screens.board import EMPTY_HINT, BoardScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.stage_column import PITCH, StageColumn


async def test_empty_board_shows_the_hint_and_four_counted_columns(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        hint = app.screen.query_one("#empty-hint")
        assert hint.display
        assert EMPTY_HINT in str(hint.render())
        titles = [str(app.screen.column(stage).border_title) for stage in Stage.board()]
        assert titles == ["Interviewed 0", "Rejected-but-warm 0", "Referral 0", "Offer 0"]


async def test_cards_show_company_person_role_and_last_touch(repo: Repository) -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 11, 23, 12, tz="UTC"), freeze=True):
        add_prospect(repo, "Northwind Logistics", touched=pendulum.datetime(2026, 11, 20, tz="UTC"))
        app = JobFuturesApp(repo)
        async with app.run_test(size=(150, 30)) as pilot:  # room for the script panel too
            await pilot.pause()
            text = column_text(app, Stage.INTERVIEWED)
    assert "Northwind Logistics" in text
    assert "Priya Raman · manager" in text
    assert "Staff Data Engineer" in text
    assert "email 3d ago" in text


async def test_most_urgent_comes_first(repo: Repository) -> None:
    add_prospect(repo, "Recent", touched=pendulum.now("UTC").subtract(days=2))
    add_prospect(repo, "Stale", touched=pendulum.now("UTC").subtract(days=90))
    add_prospect(repo, "Never")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        # Stale: its follow-up is long overdue; Never: thank them tomorrow;
        # Recent: follow up within the week (see test_board_due.py for more).
        assert [board.card(i).company for i in board.columns[Stage.INTERVIEWED]] == [
            "Stale",
            "Never",
            "Recent",
        ]


async def test_arrows_and_hjkl_move_the_selection(repo: Repository) -> None:
    add_prospect(repo, "Alpha")
    add_prospect(repo, "Beta")
    add_prospect(repo, "Gamma", stage=Stage.REJECTED_WARM)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        first = board.selected
        await pilot.press("j")
        assert board.selected is not None and board.selected != first
        await pilot.press("k")
        assert board.selected == first
        await pilot.press("down")
        await pilot.press("up")
        assert board.selected == first
        await pilot.press("l")
        assert board.selected is not None and board.selected.company == "Gamma"
        await pilot.press("right", "right")
        assert board.focus_stage is Stage.OFFER and board.selected is None
        await pilot.press("h", "left", "left")
        assert board.focus_stage is Stage.INTERVIEWED


async def test_moving_between_stages_saves_at_once(repo: Repository, data_dir: Path) -> None:
    prospect = add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        await move_card(pilot, "greater_than_sign")
        repo.flush()
        with reopen(data_dir) as saved:
            assert saved.prospect(prospect.id).stage is Stage.REJECTED_WARM
        assert board.focus_stage is Stage.REJECTED_WARM, "the selection follows the card"
        await pilot.press("L", "L")
        assert repo.prospect(prospect.id).stage is Stage.OFFER
        await pilot.press("L")
        assert repo.prospect(prospect.id).stage is Stage.OFFER, "offer is the last column"
        await pilot.press("less_than_sign")
        await pilot.press("H")
        form = app.screen
        assert isinstance(form, RecordForm), "a no for now: what would you do differently?"
        await pilot.press(*"Ask about on-call")
        await pilot.press("escape")
        assert repo.prospect(prospect.id).stage is Stage.REFERRAL, "escape: not moved"
        await pilot.press("H")
        await pilot.press(*"Ask about on-call", "ctrl+s")
        repo.flush()
        with reopen(data_dir) as saved:
            moved = saved.prospect(prospect.id)
            assert moved.stage is Stage.REJECTED_WARM
            assert moved.self_assessment == "Ask about on-call", "in the same change"
        assert "Contoso" in column_text(app, Stage.REJECTED_WARM)
        await pilot.press("u")
        assert repo.prospect(prospect.id).stage is Stage.REFERRAL
        assert repo.prospect(prospect.id).self_assessment == "", "one undo takes both back"


async def test_add_a_prospect_through_the_form(repo: Repository, data_dir: Path) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "the form")
        await pilot.press(*"Fabrikam")
        await pilot.press("enter")  # next field
        await pilot.press(*"Grace O'Neill")
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # skip their role and details
        await pilot.press(*"VP Product")
        await pilot.press("tab", "tab")  # skip the stage
        await pilot.press(*"2026-10-02")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Fabrikam" in column_text(app, Stage.INTERVIEWED)
        assert not app.screen.query_one("#empty-hint").display
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    repo.close()
    with Repository.open(data_dir) as saved:
        (prospect,) = saved.prospects()
        assert saved.company(prospect.company_id).name == "Fabrikam"
        person = saved.person(prospect.main_person_id)
        assert (person.name, person.role) == ("Grace O'Neill", PersonRole.HIRING_MANAGER)
        assert prospect.role == "VP Product"
        assert prospect.began_on == pendulum.date(2026, 10, 2)


async def test_enter_on_the_last_line_field_saves(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", *"Litware")
        for _ in range(8):
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "began_on"
        await pilot.press("enter")
        await pilot.pause()
        assert [repo.company(p.company_id).name for p in repo.prospects()] == ["Litware"]


async def test_edit_keeps_what_was_not_changed(repo: Repository, data_dir: Path) -> None:
    prospect = add_prospect(repo, "Tailspin Toys", stage=Stage.OFFER)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l", "l", "l", "e")
        await pilot.pause()
        company = app.screen.query_one("#company")
        assert company.value == "Tailspin Toys"
        role = app.screen.query_one("#role")
        role.value = "Engineering Manager"
        await pilot.press("ctrl+s")
        await pilot.pause()
    repo.flush()
    with reopen(data_dir) as saved:
        edited = saved.prospect(prospect.id)
        assert edited.role == "Engineering Manager"
        assert edited.stage is Stage.OFFER
        assert saved.person(edited.main_person_id).name == "Priya Raman"
        assert len(saved.companies()) == 1


async def test_bad_input_is_shown_at_the_field_and_nothing_is_saved(
    repo: Repository, data_dir: Path
) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        app.screen.query_one("#began_on").value = "next tuesday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        company_error = app.screen.query_one("#error-company")
        date_error = app.screen.query_one("#error-began_on")
        assert "cannot be empty" in str(company_error.render())
        assert "is not a date" in str(date_error.render())
        assert app.focused is not None and app.focused.id == "company"
        app.screen.query_one("#company").value = "Woodgrove Bank"
        future = pendulum.today().add(days=3).to_date_string()
        app.screen.query_one("#began_on").value = future
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "future" in str(app.screen.query_one("#error-began_on").render())
        assert not str(app.screen.query_one("#error-company").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
    repo.flush()
    assert repo.prospects() == []
    with reopen(data_dir) as saved:
        assert saved.prospects() == [] and saved.companies() == []


async def test_user_text_is_shown_literally(repo: Repository) -> None:
    add_prospect(repo, "[bold]Acme[/", person="[red]Zoë 🚀[/red]", discussed="$HOME {0} %s")
    add_prospect(repo, "N" * 500, person="L" * 500, discussed="R" * 500)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = column_text(app, Stage.INTERVIEWED)
        assert "[bold]Acme[/" in text
        assert "[red]Zoë 🚀[/red]" in text
        assert "$HOME {0} %s" in text
        assert "NNNN…" in text, "a long name ends in an ellipsis, not mid-word"
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#company").value in ("[bold]Acme[/", "N" * 500)


async def test_help_lists_every_board_key(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = rendered_text(app.screen.key_table())
        for phrase in (
            "Add a job future",
            "Edit the selected job future",
            "Move the selected job future to the next stage",
            "Move the selected job future to the previous stage",
            "Select the card below",
            "Save everything and quit",
            "Jump to a job future or run a command",
        ):
            assert phrase in shown
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("f1")
        assert not isinstance(app.screen, BoardScreen)


async def test_command_palette_jumps_to_a_prospect(repo: Repository) -> None:
    add_prospect(repo, "Alpine Ski House")
    add_prospect(repo, "Coho Winery", stage=Stage.REFERRAL)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await search_palette(pilot, "coho")
        await pilot.press("enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert board.selected is not None and board.selected.company == "Coho Winery"


async def test_read_only_refuses_changes_and_says_so(repo: Repository, data_dir: Path) -> None:
    add_prospect(repo, "Proseware")
    repo.close()
    viewer = Repository.open(data_dir, read_only=True)
    app = JobFuturesApp(viewer)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "READ-ONLY" in app.sub_title
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert any("read-only" in message for message in messages(app))
    assert viewer.prospects()[0].stage is Stage.INTERVIEWED


async def test_survives_small_and_changing_terminal_sizes(repo: Repository) -> None:
    for index in range(12):
        add_prospect(repo, f"Company {index}", stage=Stage.board()[index % 4])
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(40, 12), (80, 24), (20, 5), (200, 60), (41, 13)]:
            await pilot.resize_terminal(*size)
            await pilot.press("j", "l", "j")
            await pilot.pause()
        await pilot.press("a")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_a_column_scrollbar_follows_moves_and_resizes(repo: Repository) -> None:
    """Columns skip layouts that change nothing of theirs; these change something."""
    for index in range(12):
        add_prospect(repo, f"Company {index:02}")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        column = board.column(Stage.INTERVIEWED)

        def bar() -> tuple[int, int]:
            scrollbar = column.vertical_scrollbar
            return (int(scrollbar.window_virtual_size), int(scrollbar.window_size))

        await pilot.pause()
        assert column.show_vertical_scrollbar
        assert bar() == (12 * PITCH, column.scrollable_content_region.height)
        await move_card(pilot, "greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert bar() == (11 * PITCH, column.scrollable_content_region.height)
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        assert bar() == (11 * PITCH, column.scrollable_content_region.height)
        height = column.scrollable_content_region.height
        await pilot.press("slash", *"company")  # the filter field and its count take rows
        await pilot.pause()
        assert column.scrollable_content_region.height < height
        assert bar() == (11 * PITCH, column.scrollable_content_region.height)
        await pilot.press("enter", "h", "h", "G")  # its last card: scrolled to the bottom
        for _ in range(8):
            await move_card(pilot, "greater_than_sign")
            await pilot.press("h")
        await pilot.pause()
        assert len(board.columns[Stage.INTERVIEWED]) == 3
        assert not column.show_vertical_scrollbar, "three cards fit: no scrollbar"
        assert column.scroll_y == 0


async def test_partial_repaints_leave_the_screen_as_a_full_repaint_would(
    repo: Repository,
) -> None:
    """Columns ask Textual to repaint only the lines that changed, and scrollbars only
    when their thumb moves; nothing on screen may go stale."""
    for index in range(48):
        add_prospect(repo, f"Company {index}", stage=Stage.board()[index % 6 // 5])
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)

        def painted(widget: Widget, fresh: bool) -> list[list[tuple[str, object]]]:
            if fresh:
                widget.refresh()
            lines = widget.render_lines(widget.size.region)
            return [[(segment.text, segment.style) for segment in line] for line in lines]

        def on_screen() -> list[Widget]:
            columns = [board.column(stage) for stage in Stage.board()]
            bars = [c.vertical_scrollbar for c in columns if c.show_vertical_scrollbar]
            return [*columns, *bars]

        keys = ["j", "j", "k", "greater_than_sign", "h", "less_than_sign", "G", ">", "h", "g"]
        keys += ["l", "H", "slash", "3", "escape", "escape", "e", "escape", "A", "j", "A"]
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            for widget in on_screen():
                assert painted(widget, fresh=False) == painted(widget, fresh=True), (key, widget)


async def test_the_selected_column_stands_out_in_any_theme(repo: Repository) -> None:
    """Its look is copied inline from board.tcss, so a new theme must reach it."""
    add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        active, other = board.column(Stage.INTERVIEWED), board.column(Stage.OFFER)

        def border(column: StageColumn) -> object:
            return column.styles.border_top[1]

        await pilot.pause()
        first = border(active)
        assert first == active.get_component_styles("column--active").color != border(other)
        app.theme = "nord"
        await pilot.pause()
        assert border(active) == active.get_component_styles("column--active").color != first
        assert border(other) != border(active)
        await pilot.press("l")
        assert border(active) == border(other), "back to the stylesheet's look"


async def test_damage_found_after_the_first_frame_stops_before_any_write(
    repo: Repository, data_dir: Path
) -> None:
    """Records are validated lazily; a bad one still stops the app, and nothing is written."""
    add_prospect(repo, "Fine Co")
    archived = add_prospect(repo, "Closed Co", stage=Stage.ARCHIVE)
    repo.close()
    prospects = data_dir / "prospects.json"
    damaged = prospects.read_bytes().replace(b'"archive"', b'"archive","role":42', 1)
    prospects.write_bytes(damaged)
    viewer = Repository.open(data_dir, verify=False)
    app = JobFuturesApp(viewer)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Fine Co" in column_text(app, Stage.INTERVIEWED), "the board came up first"
        await move_card(pilot, "greater_than_sign")  # the first change waits for the full check
        await pilot.pause()
    assert app.return_code == 1
    viewer.close()
    assert prospects.read_bytes() == damaged
    assert archived.id.encode() in damaged
