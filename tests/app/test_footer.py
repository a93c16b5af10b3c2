"""The footer shows the keys of the screen in front, rebuilt only when they change."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.key_footer import KeyFooter


def footer_keys(app: JobFuturesApp) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [key.description for key in footer.query(FooterKey) if key.description]


async def test_switching_screens_keeps_each_footer_and_its_keys(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        board_keys = footer_keys(app)
        assert "Filter" in board_keys
        first_key = app.screen.query_one(KeyFooter).query(FooterKey).first()
        await pilot.press("3")  # people
        await pilot.pause()
        assert footer_keys(app) != board_keys
        await pilot.press("1")  # back to the board: same keys, same widgets
        await pilot.pause()
        assert footer_keys(app) == board_keys
        assert app.screen.query_one(KeyFooter).query(FooterKey).first() is first_key


async def test_the_footer_follows_keys_that_change(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        board_keys = footer_keys(app)
        await pilot.press("slash")  # typing a filter: letters type, so fewer keys
        await pilot.pause()
        assert footer_keys(app) != board_keys
        await pilot.press("escape")
        await pilot.pause()
        assert footer_keys(app) == board_keys
