"""The log form's kind and script follow the channel, outcome and direction picked."""

from __future__ import annotations

from pilot_helpers import prospect_at, until
from textual.widgets import Select

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.log_form import LogForm
from jobfutures_tui.models import Channel, Script, TouchKind
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository


def chosen(form: LogForm) -> tuple[object, Script | None]:
    kind, script = form.query_one("#kind", Select), form.query_one("#script_id", Select)
    picked = None if script.is_blank() else form.repo.stored(Script, str(script.value))
    return (None if kind.is_blank() else kind.value), picked


async def log_with(app: JobFuturesApp, pilot, company: str, *keys: str) -> LogForm:  # type: ignore[no-untyped-def]
    board = app.screen
    assert isinstance(board, BoardScreen)
    chosen_id = prospect_at(app.repo, company).id
    board.select_prospect(chosen_id)
    # The panel follows the selection (the script the user reads).
    await until(pilot, lambda: board.script_for_log(chosen_id) is not None, "the script panel")
    await pilot.press("c")
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(app.screen, LogForm)
    return app.screen


async def test_a_call_that_went_to_voicemail_gets_voicemail_words(demo: Repository) -> None:
    app = JobFuturesApp(demo)
    async with app.run_test(size=(160, 45)) as pilot:
        form = await log_with(app, pilot, "Trey Research", "c", "v")
        kind, script = chosen(form)
        assert kind is TouchKind.CHECK_IN
        assert script is not None and Channel.VOICEMAIL in script.channels, script


async def test_a_referral_they_gave_is_no_step_of_the_plan(demo: Repository) -> None:
    app = JobFuturesApp(demo)
    async with app.run_test(size=(160, 45)) as pilot:
        form = await log_with(app, pilot, "Contoso, Ltd.")
        assert chosen(form)[0] is TouchKind.WORK_SAMPLE  # what the plan asks for
        await pilot.press("i", "f")
        assert chosen(form) == (None, None)
        await pilot.press("i")  # back to a touch made by you: the plan's again
        assert chosen(form)[0] is TouchKind.WORK_SAMPLE


async def test_a_kind_chosen_by_hand_stays(demo: Repository) -> None:
    app = JobFuturesApp(demo)
    async with app.run_test(size=(160, 45)) as pilot:
        form = await log_with(app, pilot, "Contoso, Ltd.")
        form.query_one("#kind", Select).value = TouchKind.REFERRAL_ASK
        await pilot.press("c", "i")
        assert chosen(form)[0] is TouchKind.REFERRAL_ASK
