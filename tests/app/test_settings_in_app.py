"""The settings file in the app: what is wrong in it said once at start, the theme
kept across a restart, the user's keys (and the old ones no longer acting), the
exports folder, and the settings screen. The daily budget on Today is in
test_today_budget.py."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pilot_helpers import (
    add_prospect,
    after_first_frame,
    messages,
    palette,
    rendered_text,
    search_palette,
    until,
)
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static, TextArea

from jobfutures_tui import settings
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.help import HelpScreen
from jobfutures_tui.modals.log_form import LogForm
from jobfutures_tui.modals.record_form import RecordForm
from jobfutures_tui.modals.settings_form import SettingsForm
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.key_footer import KeyFooter


def config() -> Path:
    return Path(os.environ[settings.CONFIG_ENV_VAR])


def write_config(text: str) -> Path:
    path = config()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings.forget()
    return path


def status(app: JobFuturesApp, selector: str) -> str:
    return rendered_text(app.screen.query_one(selector, Static).render())


def start_notes(app: JobFuturesApp) -> list[str]:
    return [note for note in messages(app) if str(config()) in note]


def palette_hits(app: JobFuturesApp) -> str:
    """The command palette's hits, as text."""
    hits = app.screen.query_one(OptionList)
    return " ".join(str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count))


async def open_settings(pilot: Pilot[None]) -> SettingsForm:
    await palette(pilot, "Settings")
    await until(pilot, lambda: isinstance(pilot.app.screen, SettingsForm), "the settings form")
    form = pilot.app.screen
    assert isinstance(form, SettingsForm)
    return form


# ------------------------------------------------------------ a broken file


async def test_a_broken_file_is_said_once_and_the_app_opens_with_defaults(
    repo: Repository,
) -> None:
    path = write_config(
        "# mine\n"
        'theme = "no-such-theme"\n'
        "keep_backups = 0\n"
        'workdays = ["mon", "funday"]\n'
        "[keys]\n"
        '"borad.log" = "g"\n'
        '"board.add" = "ctrl+shft+x"\n'
    )
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await after_first_frame(pilot)
        assert isinstance(app.screen, BoardScreen), "the app opens"
        (note,) = start_notes(app)
        lines = note.splitlines()
        assert f"{path}:3: keep_backups:" in lines[0] and "using 10" in lines[0]
        assert any(line.startswith(f"{path}:4: workdays:") for line in lines)
        assert any(f"{path}:2: theme: 'no-such-theme'" in line for line in lines)
        assert any(f'{path}:6: keys."borad.log": no action has this id' in line for line in lines)
        assert any(f"{path}:7: keys.\"board.add\": 'ctrl+shft+x' is not" in line for line in lines)
        assert app.theme == "textual-dark", "the default"
    assert path.read_text(encoding="utf-8").startswith("# mine\n"), "left as it was"


async def test_a_file_that_is_not_toml_is_said_and_the_app_opens(repo: Repository) -> None:
    path = write_config("theme = \n[keys\n")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await after_first_frame(pilot)
        (note,) = start_notes(app)
        assert note.startswith(f"{path}: not valid TOML") and "using the defaults" in note
        assert isinstance(app.screen, BoardScreen)


async def test_a_good_file_says_nothing(repo: Repository) -> None:
    write_config('theme = "nord"\ndaily_budget = 5\n[keys]\n"board.log" = "b"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await after_first_frame(pilot)
        assert start_notes(app) == [] and app.theme == "nord"


# ------------------------------------------------------------ the theme


async def test_a_theme_picked_in_the_palette_is_in_force_after_a_restart(
    data_dir: Path,
) -> None:
    write_config("# my settings: hand-written\ndaily_budget = 5  # a quiet week\n")
    repo = Repository.open(data_dir, verify=False)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "Theme")  # Textual's: a palette of themes
        await pilot.press(*"gruvbox")
        await until(pilot, lambda: "gruvbox" in palette_hits(app), "gruvbox among the themes")
        await pilot.press("enter")
        await until(pilot, lambda: 'theme = "gruvbox"' in config().read_text(), "the theme saved")
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "the app to quit")
    repo.close()
    text = config().read_text(encoding="utf-8")
    assert text.startswith("# my settings: hand-written\ndaily_budget = 5  # a quiet week\n")

    settings.forget()  # a new process reads the file afresh
    again = JobFuturesApp(Repository.open(data_dir, verify=False))
    async with again.run_test(size=(100, 30)) as pilot:
        await after_first_frame(pilot)
        assert again.theme == "gruvbox"
    again.repo.close()


# ------------------------------------------------------------ keys


async def test_a_remapped_key_acts_and_the_old_one_no_longer_does(repo: Repository) -> None:
    add_prospect(repo, "Contoso")
    write_config('[keys]\n"board.log" = "b"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await after_first_frame(pilot)
        assert start_notes(app) == []
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "c no longer logs"
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, LogForm), "the log form, on b")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "the board again")

        footer = app.screen.query_one(KeyFooter)
        shown = {(b.key, b.description) for (_, b, _, _) in app.screen.active_bindings.values()}
        assert ("b", "Log") in shown and ("c", "Log") not in shown
        assert footer.display
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        table = rendered_text(help_screen.key_table())
        assert any(
            line.split()[:1] == ["b"] and "Log a contact" in line for line in table.splitlines()
        )
        await pilot.press("i")
        assert "board.log" in rendered_text(help_screen.key_table()), "i shows the ids"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "the board again")
        await search_palette(pilot, "Log (")
        await until(pilot, lambda: "Log (b)" in palette_hits(app), "the palette names b")


async def test_the_hints_beside_a_screen_s_content_name_the_remapped_keys(
    repo: Repository,
) -> None:
    add_prospect(repo, "Contoso")
    write_config('[keys]\n"today.log" = "b"\n"people.add" = "n"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await after_first_frame(pilot)
        await pilot.press("2")
        await until(pilot, lambda: "b log · o open" in status(app, "#today-status"), "Today's")
        assert "c log" not in status(app, "#today-status")
        await pilot.press("3")
        await until(pilot, lambda: "n add · f add to" in status(app, "#people-status"), "People's")


async def test_a_remapped_key_that_another_action_has_is_said_and_not_applied(
    repo: Repository,
) -> None:
    """L is already 'next stage' on the board: the user's L for log would take it."""
    add_prospect(repo, "Contoso")
    path = write_config('[keys]\n"board.log" = "L"\n"app.quit" = "1"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await after_first_frame(pilot)
        (note,) = start_notes(app)
        assert f'{path}:2: keys."board.log": L already does' in note
        assert "(board.stage_forward) on the Board screen; not applied" in note
        assert f'{path}:3: keys."app.quit": 1 already does “show the board”' in note
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, LogForm), "c still logs")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, BoardScreen), "the board again")
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(app.screen, RecordForm), "L still moves the card")
        assert "a no for now" in app.screen.form_title, "to rejected-but-warm: the question"


# ------------------------------------------------------------ the exports folder


async def test_the_palette_backs_up_into_the_exports_folder(
    repo: Repository, tmp_path: Path
) -> None:
    add_prospect(repo, "Contoso")
    write_config(f'exports_folder = "{tmp_path / "mine"}"\n')
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "back up now")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert [path.suffix for path in (tmp_path / "mine").iterdir()] == [".zip"]
    assert not (Path.home() / "jobfutures-exports").exists()


async def test_what_the_palette_exports_is_private(repo: Repository, tmp_path: Path) -> None:
    """Folders 0700 (the ones it makes above the export too), files 0600: they name
    the people the user talks to."""
    add_prospect(repo, "Contoso")
    write_config(f'exports_folder = "{tmp_path / "mine" / "jobs"}"\n')
    previous = os.umask(0o022)
    try:
        app = JobFuturesApp(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            await palette(pilot, "export everything")
            await app.workers.wait_for_complete()
            await pilot.pause()
    finally:
        os.umask(previous)
    made = [tmp_path / "mine", tmp_path / "mine" / "jobs", *(tmp_path / "mine" / "jobs").iterdir()]
    files = [path for path in made[-1].iterdir()]
    assert {oct(stat.S_IMODE(path.stat().st_mode)) for path in made} == {"0o700"}
    assert len(files) == 5, "json, three CSV files, the calendar"
    assert {oct(stat.S_IMODE(path.stat().st_mode)) for path in files} == {"0o600"}


# ------------------------------------------------------------ the settings screen


async def test_the_settings_screen_checks_each_field_as_it_is_typed(repo: Repository) -> None:
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_settings(pilot)
        form.query_one("#daily_budget", Input).focus()
        await pilot.press("x")
        error = form.query_one("#error-daily_budget", Label)
        await until(pilot, lambda: error.has_class("-shown"), "the budget's error")
        assert "'x' is not a whole number" in str(error.render())
        keys = form.query_one("#keys", TextArea)
        keys.focus()
        await pilot.press(*"board.log = L")
        keys_error = form.query_one("#error-keys", Label)
        await until(pilot, lambda: keys_error.has_class("-shown"), "the keys' error")
        assert "board.log: L already does" in str(keys_error.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "nothing is saved while a field is wrong"
        await pilot.press("escape")
        await pilot.pause()
    assert not config().exists()


async def test_the_settings_screen_saves_keeping_comments_and_applies_at_once(
    repo: Repository,
) -> None:
    add_prospect(repo, "Contoso")
    write_config("# mine\nkeep_backups = 12  # plenty\n")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await after_first_frame(pilot)
        form = await open_settings(pilot)
        assert form.query_one("#keep_backups", Input).value == "12"
        form.query_one("#daily_budget", Input).value = "3"
        form.query_one("#data_folder", Input).value = "~/elsewhere"
        form.query_one("#keys", TextArea).text = "board.log = b"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("Saved in" in m for m in messages(app)), "saved")
        saved = next(m for m in messages(app) if "Saved in" in m)
        assert "From the next start: the data folder." in saved
        text = config().read_text(encoding="utf-8")
        assert text.startswith("# mine\nkeep_backups = 12  # plenty\n")
        assert "daily_budget = 3" in text and '"board.log" = "b"' in text
        assert settings.current().settings.daily_budget == 3
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, LogForm), "the new key, at once")


async def test_a_calendar_named_in_the_settings_screen_is_written_at_once(
    repo: Repository, tmp_path: Path
) -> None:
    add_prospect(repo, "Contoso")
    theirs = tmp_path / "theirs.ics"
    theirs.write_text("BEGIN:VCALENDAR\nPRODID:-//Someone else//EN\nEND:VCALENDAR\n")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await after_first_frame(pilot)
        form = await open_settings(pilot)
        field = form.query_one("#calendar_file", Input)
        field.focus()
        field.value = str(theirs)
        error = form.query_one("#error-calendar_file", Label)
        await until(pilot, lambda: error.has_class("-shown"), "the calendar's error")
        assert "jobfutures did not write" in str(error.render())
        ours = tmp_path / "cal" / "jobfutures.ics"
        ours.parent.mkdir()
        field.value = str(ours)
        await until(pilot, lambda: not error.has_class("-shown"), "a file it may write")
        await pilot.press("ctrl+s")
        await until(pilot, ours.exists, "the calendar written")
    assert "BEGIN:VEVENT" in ours.read_text(encoding="utf-8")
    assert "PRODID:-//Someone else//EN" in theirs.read_text(encoding="utf-8")
