"""The footer shows the keys of the screen in front, rebuilt only when they change."""

from __future__ import annotations

import time

import pytest
from pilot_helpers import until
from textual.pilot import Pilot
from textual_internals import footer_keys as keys_of

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.textual_internals import footer_key_shown


def footer_keys(app: JobFuturesApp) -> list[str]:
    footer = app.screen.query_one(KeyFooter)
    return [key.description for key in keys_of(footer) if key.description]


async def settled_keys(app: JobFuturesApp, pilot: Pilot[None]) -> list[str]:
    """The footer's keys once it has built them (it does so after the screen's
    first refresh, later under load)."""
    await until(pilot, lambda: footer_keys(app), "the footer's keys")
    return footer_keys(app)


async def keys_once(app: JobFuturesApp, pilot: Pilot[None], wanted: object) -> list[str]:
    """The footer's keys once ``wanted(keys)`` holds (the footer follows a change of
    focus on a later refresh), or as they are after two seconds."""
    deadline = time.monotonic() + 2
    keys = footer_keys(app)
    while not wanted(keys) and time.monotonic() < deadline:  # type: ignore[operator]
        await pilot.pause()
        keys = footer_keys(app)
    return keys


async def test_switching_screens_keeps_each_footer_and_its_keys(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board_keys = await settled_keys(app, pilot)
        assert "Filter" in board_keys
        first_key = keys_of(app.screen.query_one(KeyFooter))[0]
        await pilot.press("3")  # people
        assert await keys_once(app, pilot, lambda keys: keys != board_keys) != board_keys
        await pilot.press("1")  # back to the board: same keys, same widgets
        assert await keys_once(app, pilot, lambda keys: keys == board_keys) == board_keys
        assert keys_of(app.screen.query_one(KeyFooter))[0] is first_key


async def test_the_footer_follows_keys_that_change(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        board_keys = await settled_keys(app, pilot)
        await pilot.press("slash")  # typing a filter: letters type, so fewer keys
        assert await keys_once(app, pilot, lambda keys: keys != board_keys) != board_keys
        await pilot.press("escape")
        assert await keys_once(app, pilot, lambda keys: keys == board_keys) == board_keys


async def test_help_and_quit_never_fall_off_a_narrow_footer(repo: Repository) -> None:
    from pilot_helpers import add_prospect

    add_prospect(repo, "Northwind")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        keys = await settled_keys(app, pilot)
        assert {"Help", "Quit", "Log"} <= set(keys) and "Scripts" not in keys
        await pilot.press("enter")  # the story has more keys than fit
        keys = await keys_once(app, pilot, lambda keys: "Back" in keys)
        assert {"Back", "Log", "Help", "Quit"} <= set(keys), keys
        await pilot.resize_terminal(160, 45)
        keys = await keys_once(app, pilot, lambda keys: "Referrals" in keys)
        assert {"Referrals", "Undo", "Help"} <= set(keys), keys


async def test_a_screen_shown_the_first_time_builds_its_footer_keys_once(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobfutures_tui.screens.insights import InsightsScreen

    built: list[str] = []
    compose = KeyFooter.compose

    def counted(footer: KeyFooter):  # type: ignore[no-untyped-def]
        widgets = list(compose(footer))
        if any(footer_key_shown(widget) for widget in widgets):  # its bindings known
            built.append(type(footer.screen).__name__)
        return widgets

    monkeypatch.setattr(KeyFooter, "compose", counted)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await settled_keys(app, pilot)
        await pilot.press("5")
        await until(pilot, lambda: isinstance(app.screen, InsightsScreen), "the insights")
        keys = await settled_keys(app, pilot)
        await pilot.pause(0.3)  # every rebuild it queued has run
        assert keys
        assert built.count("InsightsScreen") == 1
