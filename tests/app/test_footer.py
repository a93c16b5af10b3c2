"""The footer shows the keys of the screen in front, rebuilt only when they change."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.key_footer import KeyFooter


def footer_keys(app: JobFuturesApp) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [key.description for key in footer.query(FooterKey) if key.description]


async def settled_keys(app: JobFuturesApp, pilot: Pilot[None]) -> list[str]:
    """The footer's keys once it has built them (it does so after the screen's
    first refresh, later under load)."""
    for _ in range(200):
        keys = footer_keys(app)
        if keys:
            return keys
        await pilot.pause(0.01)
    raise AssertionError("the footer never showed its keys")


async def keys_once(app: JobFuturesApp, pilot: Pilot[None], wanted: object) -> list[str]:
    """The footer's keys once ``wanted(keys)`` holds (the footer follows a change of
    focus on a later refresh), or as they are after two seconds."""
    keys = footer_keys(app)
    for _ in range(200):
        if wanted(keys):  # type: ignore[operator]
            break
        await pilot.pause(0.01)
        keys = footer_keys(app)
    return keys


async def test_switching_screens_keeps_each_footer_and_its_keys(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board_keys = await settled_keys(app, pilot)
        assert "Filter" in board_keys
        first_key = app.screen.query_one(KeyFooter).query(FooterKey).first()
        await pilot.press("3")  # people
        assert await keys_once(app, pilot, lambda keys: keys != board_keys) != board_keys
        await pilot.press("1")  # back to the board: same keys, same widgets
        assert await keys_once(app, pilot, lambda keys: keys == board_keys) == board_keys
        assert app.screen.query_one(KeyFooter).query(FooterKey).first() is first_key


async def test_the_footer_follows_keys_that_change(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board_keys = await settled_keys(app, pilot)
        await pilot.press("slash")  # typing a filter: letters type, so fewer keys
        assert await keys_once(app, pilot, lambda keys: keys != board_keys) != board_keys
        await pilot.press("escape")
        assert await keys_once(app, pilot, lambda keys: keys == board_keys) == board_keys
