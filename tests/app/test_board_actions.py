"""Filter, archive, reopen, delete and undo on the board: on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pendulum
from disk import saved_data
from pilot_helpers import (
    add_prospect,
    column_text,
    messages,
    move_card,
    palette,
    reopen,
    static_text,
    until,
)
from textual.widgets import Static

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import ClosedReason, Stage, Touch
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository


def board_of(app: JobFuturesApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def shown_companies(board: BoardScreen) -> list[str]:
    return [board.card(pid).company for ids in board.columns.values() for pid in ids]


async def test_filter_as_you_type_counts_matches_and_escape_clears(repo: Repository) -> None:
    add_prospect(repo, "Northwind Logistics", person="Priya Raman")
    add_prospect(repo, "Contoso", person="Tomás Ibáñez", stage=Stage.OFFER)
    add_prospect(repo, "Fabrikam", person="Grace O'Neill", discussed="VP Product")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board = board_of(app)
        await pilot.press("slash", *"tom")
        await pilot.pause()
        assert shown_companies(board) == ["Contoso"], "a person's name finds the card"
        status = str(board.query_one("#filter-status").render())
        assert "1 match" in status
        await pilot.press("backspace", "backspace", "backspace", *"vp prod")
        assert shown_companies(board) == ["Fabrikam"], "words of the role, in any case"
        await pilot.press("enter")  # keep the filter, keys go back to the board
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#company").value == "Fabrikam"
        await pilot.press("escape")
        await pilot.press("escape")  # clears the filter
        await pilot.pause()
        assert sorted(shown_companies(board)) == ["Contoso", "Fabrikam", "Northwind Logistics"]
        assert not board.query_one("#filter-status").display


async def test_archive_with_a_reason_keeps_history_and_reopens(
    repo: Repository, data_dir: Path
) -> None:
    at = pendulum.datetime(2026, 10, 1, tz="UTC")
    prospect = add_prospect(repo, "Contoso", touched=at)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board = board_of(app)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("tab", *"internal hire")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Contoso" not in column_text(app, Stage.INTERVIEWED)
        repo.flush()
        with reopen(data_dir) as saved:
            closed = saved.prospect(prospect.id)
            assert closed.stage is Stage.ARCHIVE
            assert closed.closed_reason is ClosedReason.HIRED_ELSEWHERE
            assert closed.closed_note == "internal hire"
            assert len(saved.touches_for(prospect.id)) == 1, "archive keeps the history"
        await pilot.press("A")
        await pilot.pause()
        assert board.focus_stage is Stage.ARCHIVE
        assert "Contoso" in column_text(app, Stage.ARCHIVE)
        assert "archived" in column_text(app, Stage.ARCHIVE)
        await pilot.press("x")  # on an archived card: reopen, asking where
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert repo.prospect(prospect.id).stage is Stage.REJECTED_WARM
        assert repo.prospect(prospect.id).closed_reason is None
        assert board.selected_id == prospect.id, "the selection follows the reopened card"


async def test_delete_asks_then_removes_and_undo_restores_everything(
    repo: Repository, data_dir: Path
) -> None:
    keep = add_prospect(repo, "Northwind")
    gone = add_prospect(repo, "Typo Corp", touched=pendulum.datetime(2026, 9, 1, tz="UTC"))
    repo.flush()
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board = board_of(app)
        board.select_prospect(gone.id)
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("n")  # the safe answer
        await pilot.pause()
        assert repo.prospect(gone.id) is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert repo.prospect(gone.id) is None
        assert repo.touches_for(gone.id) == []
        assert repo.find_company("Typo Corp") is None, "what only the mistake created goes too"
        assert shown_companies(board) == ["Northwind"]
        repo.flush()
        assert saved_data(data_dir) != before
        await pilot.press("u")
        await pilot.pause()
        repo.flush()
        assert saved_data(data_dir) == before, "undo restores the saved data exactly"
        assert sorted(shown_companies(board)) == ["Northwind", "Typo Corp"]
        await pilot.press("U")  # redo
        await pilot.pause()
        assert repo.prospect(gone.id) is None
        assert repo.prospect(keep.id) is not None


async def test_undo_of_move_edit_and_add_restores_the_data(
    repo: Repository, data_dir: Path
) -> None:
    add_prospect(repo, "Contoso")
    repo.flush()
    states = [saved_data(data_dir)]
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await move_card(pilot, "greater_than_sign")  # move
        repo.flush()
        states.append(saved_data(data_dir))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Contoso Ltd", "ctrl+s")  # edit
        await pilot.pause()
        repo.flush()
        states.append(saved_data(data_dir))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Fabrikam", "ctrl+s")  # add
        await pilot.pause()
        repo.flush()
        assert len({str(state) for state in [*states, saved_data(data_dir)]}) == 4
        for expected in reversed(states):
            await pilot.press("ctrl+z")
            await pilot.pause()
            repo.flush()
            assert saved_data(data_dir) == expected
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo" in " ".join(messages(app))


async def test_a_move_by_key_is_kept_in_the_history_and_undo_takes_it_back(
    repo: Repository,
) -> None:
    """Issue 20: each move adds a step (the stage moved from first); undo removes it."""
    contoso = add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await move_card(pilot, "greater_than_sign", "greater_than_sign")

        def stages() -> list[Stage]:
            found = repo.prospect(contoso.id)
            assert found is not None
            return [step.stage for step in found.stages]

        assert stages() == [Stage.INTERVIEWED, Stage.REJECTED_WARM, Stage.REFERRAL]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stages() == [Stage.INTERVIEWED, Stage.REJECTED_WARM]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stages() == [] and repo.prospect(contoso.id) == contoso


async def test_user_text_with_markup_renders_literally_everywhere(repo: Repository) -> None:
    prospect = add_prospect(repo, "[bold]Acme[/", person="[red]Eve", discussed="[link=x]Lead")
    repo.save(
        Touch(
            prospect_id=prospect.id,
            at=pendulum.datetime(2026, 10, 1, tz="UTC"),
            channel="email",
            note="[/] closing tag first",
        )
    )
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        assert "[bold]Acme[/" in column_text(app, Stage.INTERVIEWED)
        await pilot.press("enter")
        await pilot.pause()
        shown = app.screen.query_one("#about").render()
        assert "[bold]Acme[/" in str(shown) and "[link=x]Lead" in str(shown)
        timeline = app.screen.query_one("#timeline")
        lines = [timeline.render_line(y).text for y in range(2)]
        assert "[/] closing tag first" in lines[1]
        people = app.screen.query_one("#people")
        assert "[red]Eve" in people.render_line(0).text
        await pilot.press("3")
        await pilot.pause()
        listing = app.screen.query_one("#people-list")
        assert "[red]Eve" in listing.render_line(0).text
        assert "[bold]Acme[/" in listing.render_line(0).text
        await pilot.press("1")
        await move_card(pilot, "greater_than_sign")
        await pilot.press("u")  # "Undone: Moved [bold]Acme[/ to …"
        await pilot.pause()
        assert any("Moved [bold]Acme[/" in message for message in messages(app))


async def test_palette_jumps_to_people_and_job_futures_and_runs_screen_actions(
    repo: Repository,
) -> None:
    from jobfutures_tui.screens.detail import DetailScreen

    add_prospect(repo, "Alpine Ski House", person="Erik Lindqvist")
    coho = add_prospect(repo, "Coho Winery", person="Gabriel Moreau", stage=Stage.REFERRAL)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "gbrl (")  # fuzzy; "(" only in the person entry
        assert isinstance(app.screen, DetailScreen) and app.screen.prospect_id == coho.id
        await palette(pilot, "alpi")  # a company finds its job future on the board
        assert board_of(app).selected is not None
        assert board_of(app).selected.company == "Alpine Ski House"
        await palette(pilot, "column (A")
        assert board_of(app).show_archive, "the board's own actions are in the palette"


async def test_a_command_ranks_above_a_record_that_matches_as_well(repo: Repository) -> None:
    from jobfutures_tui.modals.record_form import RecordForm

    add_prospect(repo, "Wide World Importers", person="Rosa Delgado")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "import")
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "the import form")
        assert "Import" in str(app.screen.query_one("#form-title").render())


async def test_every_screen_survives_small_and_changing_sizes(repo: Repository) -> None:
    prospect = add_prospect(repo, "Contoso " * 20, person="Tomás Ibáñez " * 10)
    repo.save(
        Touch(
            prospect_id=prospect.id,
            at=pendulum.datetime(2026, 10, 1, tz="UTC"),
            channel="call",
            note="long " * 200,
        )
    )
    app = JobFuturesApp(repo)
    sizes = [(40, 12), (20, 6)]
    async with app.run_test(size=(80, 24)) as pilot:
        for keys in (["enter"], ["p"], ["escape", "3"], ["1", "A"]):
            await pilot.press(*keys)
            await pilot.pause()
            for size in sizes:
                await pilot.resize_terminal(*size)
                await pilot.press("j", "k")
                await pilot.pause()
        await pilot.press("escape", "1")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)


async def test_palette_exports_everything_and_backs_up(repo: Repository) -> None:
    add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "export every")
        await app.workers.wait_for_complete()
        await palette(pilot, "back up now")
        await app.workers.wait_for_complete()
        await pilot.pause()
    found = sorted(path.name for path in (Path.home() / "jobfutures-exports").rglob("*.*"))
    assert "jobfutures.json" in found and "jobfutures-due.ics" in found
    assert any(name.endswith(".zip") for name in found)


async def test_palette_imports_a_linkedin_export_after_a_dry_run(repo: Repository) -> None:
    from jobfutures_tui.modals.import_file import ImportReview

    source = Path(__file__).parent.parent / "fixtures" / "linkedin_connections.csv"
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "import a f")
        await pilot.press("tab")
        app.screen.query_one("#path").value = str(source)  # a long path; typing adds nothing
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ImportReview), "the dry run")
        review = app.screen
        assert isinstance(review, ImportReview)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Dry run" in str(review.query_one("#review-title").render())
        assert "New:" in static_text(review.query_one("#review-body", Static))
        assert repo.people() == [], "nothing is saved before yes"
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        imported = len(repo.people())
        assert imported > 0
        await pilot.press("u")
        await pilot.pause()
        assert repo.people() == [], "an import is one undoable change"
