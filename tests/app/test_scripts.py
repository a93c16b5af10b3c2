"""The next-touch panel and the scripts screen (4), driven with Pilot on a real
store and checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import orjson
import pendulum
from pilot_helpers import add_prospect, after_first_frame, busy, messages, reopen, until
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.engine.script_library import LIBRARY
from jobfutures_tui.models import Channel, Origin, Prospect, Script, TouchKind, revise
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.scripts import ScriptsScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.changes import Change
from jobfutures_tui.widgets.record_list import RecordList
from jobfutures_tui.widgets.script_panel import ScriptPanel

WIDE = (150, 40)
HOSTILE = "{0.__class__} {first_name.__init__} $ {{ }} }} { [bold]x[/ {frist_name} {first_name}"


def panel_text(app: JobFuturesApp) -> str:
    return app.screen.query_one(ScriptPanel).text.plain


def preview_text(app: JobFuturesApp) -> str:
    content = app.screen.query_one("#script-preview-text", Static).content
    assert isinstance(content, Text)
    return content.plain


def reachable(repo: Repository, prospect: Prospect, **details: str) -> Prospect:
    """Give the job future's person contact details, so the touch has a channel."""
    person = repo.person(prospect.person_ids[0])
    assert person is not None
    repo.save(revise(person, **details))
    repo.flush()
    return prospect


def by_email(repo: Repository, company: str, person: str = "Priya Raman") -> Prospect:
    """A job future whose person has only an email address: the thank-you is an email."""
    future = add_prospect(repo, company, person=person)
    return reachable(repo, future, email=f"{person.split()[0].lower()}@example.com")


def two_prospects(repo: Repository) -> None:
    by_email(repo, "Northwind Logistics", person="Priya Raman")
    by_email(repo, "Contoso", person="Tomás Ibáñez")


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the touch history is read (the app reads it on a thread after
    the first frame) and every worker is done."""
    app = pilot.app
    assert isinstance(app, JobFuturesApp)
    await after_first_frame(pilot)
    # A screen that shows a job future reads the history on a worker: until it has,
    # one is at work (the one that asked for it waits while it starts it).
    await until(pilot, lambda: app.repo.history_loaded or not busy(app), "the touch history")
    await app.workers.wait_for_complete()
    await pilot.pause()


def scripts_on_disk(data_dir: Path) -> dict[str, Script]:
    with reopen(data_dir) as repo:
        return {script.id: script for script in repo.records(Script)}


# ------------------------------------------------------------ the panel


async def test_the_panel_shows_the_script_for_the_selection_and_follows_it(
    repo: Repository,
) -> None:
    two_prospects(repo)
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        board = app.screen
        assert isinstance(board, BoardScreen)
        panel = board.panel
        assert panel.display
        first = panel_text(app)
        selected = board.card(board.selected_id or "")
        assert selected.company in first and selected.person.split()[0] in first
        assert panel.shown_prospect_id == board.selected_id
        suggestion = panel.suggestion
        assert suggestion is not None and suggestion == selected.next
        assert f"{suggestion.channel.label} · {suggestion.kind.label}" in first
        script = panel.shown_script
        assert script is not None and script.name in first
        assert f"Hi {selected.person.split()[0]}" in first  # filled in for this person

        await pilot.press("j")
        await settle(pilot)
        other = board.card(board.selected_id or "")
        assert other.prospect_id != selected.prospect_id
        second = panel_text(app)
        assert other.company in second and other.person.split()[0] in second
        assert selected.company not in second


async def test_brackets_cycle_the_scripts_that_fit(repo: Repository) -> None:
    # An email unanswered for ten days: a follow-up, with more than one way to say it.
    add_prospect(repo, "Northwind Logistics", touched=pendulum.now().subtract(days=10))
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ScriptPanel)
        view_count = len(panel._view.scripts) if panel._view else 0
        assert view_count >= 2
        seen = [panel.shown_script_id]
        assert f"1 of {view_count} · ] next, [ back" in panel_text(app)
        await pilot.press("right_square_bracket")
        seen.append(panel.shown_script_id)
        assert f"2 of {view_count} ·" in panel_text(app)
        assert seen[1] != seen[0]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert f"{view_count} of {view_count} ·" in panel_text(app)
        await pilot.press("right_square_bracket")
        assert panel.shown_script_id == seen[0]


async def test_y_copies_the_filled_in_script_to_the_clipboard(repo: Repository) -> None:
    by_email(repo, "Northwind Logistics")
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ScriptPanel)
        await pilot.press("y")
        rendered = panel.rendered()
        assert rendered is not None
        assert app.clipboard == rendered.text
        assert app.clipboard.startswith("Subject: Thank you for your time\n\nHi Priya,")
        assert "{first_name}" not in app.clipboard
        assert any("Copied" in message for message in messages(app))


async def test_a_narrow_window_hides_the_panel_and_shift_s_shows_it_and_y_still_copies(
    repo: Repository,
) -> None:
    by_email(repo, "Northwind Logistics")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ScriptPanel)
        assert not panel.display
        await pilot.press("y")
        await until(pilot, lambda: "Hi Priya" in app.clipboard, "the script copied")
        await pilot.press("S")
        await settle(pilot)
        assert panel.display and "Northwind Logistics" in panel_text(app)
        await pilot.press("S")
        assert not panel.display
        await pilot.press("2")  # the choice holds on the other screens
        await settle(pilot)
        assert not app.screen.query_one(ScriptPanel).display


async def test_the_panel_is_on_today_and_on_the_story_too(repo: Repository) -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 11, 23, 12, tz="UTC"), freeze=True):
        add_prospect(
            repo,
            "Northwind Logistics",
            person="Priya Raman",
            touched=pendulum.datetime(2026, 10, 1, tz="UTC"),
        )
        app = JobFuturesApp(repo)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.press("2")
            await settle(pilot)
            assert "Northwind Logistics" in panel_text(app)
            assert "Hi Priya" in panel_text(app)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.title == "Northwind Logistics"
            assert "Hi Priya" in panel_text(app)
            await pilot.press("y")
            assert "Priya" in app.clipboard


async def test_hostile_script_bodies_show_literally_in_the_panel_and_the_preview(
    repo: Repository,
) -> None:
    future = add_prospect(repo, "[red]Acme[/", person="Priya Raman")
    repo.save(
        Script(name="[b]Hostile[/b]", kind=TouchKind.THANK_YOU, body=HOSTILE, builtin=None),
        *[revise(s, kind=TouchKind.RECONNECT) for s in repo.records(Script) if s.kind],
    )
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ScriptPanel)
        assert panel.shown_prospect_id == future.id
        assert panel.shown_script is not None and panel.shown_script.name == "[b]Hostile[/b]"
        text = panel_text(app)
        assert "[red]Acme[/" in text and "[b]Hostile[/b]" in text
        assert (
            "‹0.__class__› ‹first_name.__init__› $ {{ }} }} { [bold]x[/ ‹frist_name› Priya" in text
        )
        assert "class" not in text.replace("0.__class__", "")
        await pilot.press("y")
        assert app.clipboard.endswith("‹frist_name› Priya")

        await pilot.press("4", "slash", *"hostile", "enter")
        await settle(pilot)
        preview = preview_text(app)
        assert "{0.__class__} is not a placeholder" in preview
        assert "[bold]x[/" in preview and "Priya" in preview


# ------------------------------------------------------------ the scripts screen


async def open_scripts(pilot: Pilot[None]) -> ScriptsScreen:
    await pilot.press("4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ScriptsScreen)
    return screen


async def test_scripts_screen_lists_the_library_and_previews_with_sample_values(
    repo: Repository,
) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_scripts(pilot)
        assert len(screen.query_one(RecordList).ids) == len(LIBRARY)
        assert "Hi Priya" in preview_text(app)
        await pilot.press("slash", *"voicemail", "enter")
        await pilot.pause()
        shown = [screen.scripts[sid].name for sid in screen.query_one(RecordList).ids]
        assert "Voicemail" in shown and len(shown) < len(LIBRARY)
        await pilot.press("escape")
        assert len(screen.query_one(RecordList).ids) == len(LIBRARY)


async def test_create_edit_with_an_error_delete_and_undo_reach_the_disk(
    repo: Repository, data_dir: Path
) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_scripts(pilot)
        await pilot.press("a")
        await until(pilot, lambda: app.screen.query("#channels"), "the script form")
        await pilot.press(*"Coffee invite", "tab", "tab")  # name, then past the kind
        await pilot.press(*"fax, email", "ctrl+s")
        said = lambda: str(app.screen.query_one("#error-channels").render())  # noqa: E731
        await until(pilot, lambda: "unknown channel 'fax'" in said(), "the channel refused")
        assert not any(s.name == "Coffee invite" for s in scripts_on_disk(data_dir).values())
        app.screen.query_one("#channels", Input).value = "in person, email"
        app.screen.query_one("#origins", Input).value = "offer declined, hired"
        app.screen.query_one("#body", TextArea).text = "Hi {first_name}, coffee near {company}?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unknown origin 'hired'" in str(app.screen.query_one("#error-origins").render())
        app.screen.query_one("#origins", Input).value = "offer declined, Referred"
        await pilot.press("ctrl+s")
        await settle(pilot)
        repo.flush()
        saved = next(s for s in scripts_on_disk(data_dir).values() if s.name == "Coffee invite")
        assert saved.channels == (Channel.IN_PERSON, Channel.EMAIL) and saved.builtin is None
        assert saved.origins == (Origin.OFFER_DECLINED, Origin.REFERRED)
        assert "began: offer declined, referred" in preview_text(app)
        assert screen.selected is not None and screen.selected.id == saved.id

        await pilot.press("e")
        await until(pilot, lambda: app.screen.query("#purpose"), "the script form")
        app.screen.query_one("#purpose", Input).value = "Meet in person"
        await pilot.press("ctrl+s")
        await settle(pilot)
        repo.flush()
        assert scripts_on_disk(data_dir)[saved.id].purpose == "Meet in person"

        await pilot.press("D")
        await pilot.press("y")
        await settle(pilot)
        repo.flush()
        assert saved.id not in scripts_on_disk(data_dir)
        await pilot.press("u")
        await settle(pilot)
        repo.flush()
        assert scripts_on_disk(data_dir)[saved.id].purpose == "Meet in person"


async def test_duplicate_restore_and_bring_back_built_ins(repo: Repository, data_dir: Path) -> None:
    opener = next(s for s in repo.records(Script) if s.builtin == "call-opener")
    repo.save(revise(opener, body="My words, {first_name}."))
    repo.delete(next(s for s in repo.records(Script) if s.builtin == "voicemail"))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_scripts(pilot)
        await pilot.press("slash", *"call opener", "enter")
        await pilot.pause()
        assert screen.selected is not None and screen.selected.id == opener.id
        assert "built-in, edited" in preview_text(app)

        await pilot.press("c")  # copy into a new script
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        repo.flush()
        copies = [s for s in scripts_on_disk(data_dir).values() if s.name == "Call opener (copy)"]
        assert len(copies) == 1 and copies[0].builtin is None
        assert copies[0].body == "My words, {first_name}."

        await pilot.press("g")  # the first match: the opener, before its copy
        assert screen.selected is not None and screen.selected.id == opener.id
        await pilot.press("r")  # asks first: its edits would be lost
        await settle(pilot)
        assert "back as shipped?" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")
        await settle(pilot)
        repo.flush()
        assert scripts_on_disk(data_dir)[opener.id].body == "My words, {first_name}."
        await pilot.press("r", "y")
        await settle(pilot)
        repo.flush()
        assert scripts_on_disk(data_dir)[opener.id].body == opener.body
        await pilot.press("u")
        await settle(pilot)
        repo.flush()
        assert scripts_on_disk(data_dir)[opener.id].body == "My words, {first_name}."

        await pilot.press("escape", "R")
        await settle(pilot)
        repo.flush()
        on_disk = orjson.loads((data_dir / "scripts.json").read_bytes())["scripts"]
        assert "builtin-voicemail" in on_disk
        assert len(screen.query_one(RecordList).ids) == len(LIBRARY) + 1
        assert screen.selected is not None and screen.selected.builtin == "voicemail"


async def test_the_panel_uses_a_script_edited_on_the_scripts_screen(repo: Repository) -> None:
    future = add_prospect(repo, "Northwind Logistics", person="Priya Raman")
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ScriptPanel)
        shown = panel.shown_script
        assert shown is not None
        edited = revise(shown, body="Brand new words for {first_name}?")
        app.apply(Change("Edited", save=(edited,)), note=False)
        await pilot.press("1")
        await settle(pilot)
        assert panel.shown_prospect_id == future.id
        assert "Brand new words for Priya?" in panel_text(app)


async def test_screens_with_the_panel_survive_tiny_windows(repo: Repository) -> None:
    add_prospect(repo, "Northwind Logistics")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(40, 12)) as pilot:
        for keys in (("S",), ("4",), ("2",), ("1", "enter"), ("escape", "S")):
            await pilot.press(*keys)
            await settle(pilot)
        assert app.is_running


async def test_the_palette_offers_the_panel_keys_and_runs_them(repo: Repository) -> None:
    by_email(repo, "Northwind Logistics")
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Copy script (y)" in titles and "Script panel (S)" in titles
        assert "Scripts (4)" in titles
        from test_board_actions import palette

        await palette(pilot, "copy script (y")
        await settle(pilot)
        assert app.clipboard.startswith("Subject: Thank you for your time\n\nHi Priya,")


async def test_logging_from_the_board_records_the_script_shown_and_the_panel_moves_on(
    repo: Repository, data_dir: Path
) -> None:
    future = add_prospect(repo, "Northwind Logistics", person="Priya Raman")
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(ScriptPanel)
        await pilot.press("right_square_bracket")  # the second script that fits
        read = panel.shown_script_id
        assert read is not None
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")  # saved as suggested
        await settle(pilot)
        repo.flush()
        with reopen(data_dir) as disk:
            (touch,) = disk.touches_for(future.id)
        assert touch.script_id == read
        assert panel.shown_script_id != read  # words differ next time


async def test_y_pressed_while_past_touches_are_read_copies_once_they_are(
    repo: Repository,
) -> None:
    by_email(repo, "Northwind Logistics")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")  # at once: the history may still be read on its thread
        await settle(pilot)
        assert "Hi Priya" in app.clipboard
