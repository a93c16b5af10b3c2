"""Remapped keys in the dialogs: the key line under a dialog names the user's key,
and that key acts (settings ``[keys]``, keymap.py)."""

from __future__ import annotations

import os
from pathlib import Path

from pilot_helpers import add_prospect, after_first_frame, rendered_text, reopen, until

from jobfutures_tui import settings
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.confirm import Confirm
from jobfutures_tui.modals.log_form import LogForm
from jobfutures_tui.models import Channel, Direction
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository


def write_config(text: str) -> None:
    path = Path(os.environ[settings.CONFIG_ENV_VAR])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings.forget()


def shown(app: JobFuturesApp, selector: str) -> str:
    return rendered_text(app.screen.query_one(selector).render())


async def test_the_log_form_names_and_obeys_the_user_s_letters(
    repo: Repository, data_dir: Path
) -> None:
    prospect = add_prospect(repo, "Contoso")
    write_config('[keys]\n"log.channel.call" = "z"\n"log.inbound" = "u"\n"form.save" = "ctrl+w"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 34)) as pilot:
        await after_first_frame(pilot)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, LogForm), "the log form")
        keys = shown(app, "#form-help")
        assert "u inbound" in keys and "i inbound" not in keys
        assert "enter/^w save" in keys
        picks = shown(app, "#log-channel")
        assert " z call " in picks and " c call " not in picks
        await pilot.press("z", "u")  # by call, and they called
        assert shown(app, "#log-direction").startswith("They reached you (u switches)")
        await pilot.press("ctrl+w")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "saved")
        await app.workers.wait_for_complete()
        repo.flush()
    with reopen(data_dir) as again:
        touch = again.touches_for(prospect.id)[0]
    assert (touch.channel, touch.direction) == (Channel.CALL, Direction.IN)


async def test_a_question_names_the_user_s_yes(repo: Repository) -> None:
    write_config('[keys]\n"confirm.yes" = "j"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await after_first_frame(pilot)
        answers: list[bool | None] = []
        app.push_screen(Confirm("Really?"), answers.append)
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await pilot.pause()
        assert shown(app, "#confirm-keys").strip() == "j yes · n or esc no"
        await pilot.press("j")
        await until(pilot, lambda: answers == [True], "j answered yes")
