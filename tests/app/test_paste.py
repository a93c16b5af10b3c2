"""Pasting into a form: the text comes in cleaned as it will be stored (no escape codes),
a multi-line field keeps the pasted lines, a one-line field joins them with a space."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import reopen, until
from textual import events
from textual.widgets import Input, TextArea

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.record_form import RecordForm
from jobfutures_tui.store import Repository

PASTED = "a\x1b[31mb\r\nc"
"""What a terminal hands over for a paste of two lines coloured red (from Windows)."""


async def test_a_paste_is_cleaned_and_keeps_its_lines_where_lines_are_kept(
    repo: Repository, data_dir: Path
) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "the add form")
        form = app.screen
        name = form.query_one("#company", Input)
        notes = form.query_one("#notes", TextArea)
        name.focus()
        app.post_message(events.Paste(PASTED))  # as the terminal's paste arrives
        await pilot.pause()
        assert name.value == "ab c", "one line: no line dropped"
        notes.focus()
        app.post_message(events.Paste(PASTED))
        await pilot.pause()
        assert notes.text == "ab\nc"
        await pilot.press("ctrl+s")
        await pilot.pause()
        repo.flush()
    with reopen(data_dir) as saved:
        (prospect,) = saved.prospects()
        assert saved.company(prospect.company_id).name == "ab c"
        assert prospect.notes == "ab\nc"
