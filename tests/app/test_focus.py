"""Focus lands somewhere useful and visible after any key (issue 15)."""

from __future__ import annotations

from pilot_helpers import add_prospect

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Stage
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository


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
