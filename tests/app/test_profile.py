"""Who you are: asked once when a data folder first opens, edited from the palette,
checked at each field, saved as one undoable change, and shown as typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import add_prospect, after_first_frame, messages, palette, reopen
from textual.widgets import Input, TextArea

from jobfutures_tui import cli
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.profile_form import ProfileForm
from jobfutures_tui.models import Profile
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import BackgroundWriter, Repository

SIZE = (110, 40)


def open_repo(data_dir: Path, **options: object) -> Repository:
    return Repository.open(
        data_dir, writer=BackgroundWriter(), verify=False, streamed=True, **options
    )  # type: ignore[arg-type]


def on_disk(data_dir: Path) -> Profile:
    with reopen(data_dir) as saved:
        return saved.profile()


async def shown_form(app: JobFuturesApp, pilot) -> ProfileForm:  # type: ignore[no-untyped-def]
    await after_first_frame(pilot)  # asked once the board has painted
    form = app.screen
    assert isinstance(form, ProfileForm)
    return form


async def test_first_run_asks_once_and_saves_what_is_typed(data_dir: Path) -> None:
    repo = open_repo(data_dir)
    add_prospect(repo, "Northwind")
    app = JobFuturesApp(repo, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        form = await shown_form(app, pilot)
        why = str(form.query_one("#profile-why").render())
        assert "Scripts are signed with your name" in why and "your city" in why
        assert "Escape skips" in why
        assert "esc skip" in str(form.query_one("#form-help").render())
        await pilot.press(*"Sam Ortiz", "enter", *"sam@ortiz.example", "enter")
        await pilot.press(*"sam@old.example, ortiz@work.example", "enter", "enter", "enter")
        await pilot.press(*"Denver", "tab", *"Data engineer", "tab", *"Sam", "enter", *"Thanks")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert any(m.startswith("Saved your profile") for m in messages(app))
        repo.flush()
        saved = on_disk(data_dir)
        assert (saved.name, saved.email, saved.city, saved.pitch) == (
            "Sam Ortiz",
            "sam@ortiz.example",
            "Denver",
            "Data engineer",
        )
        assert saved.other_emails == ("sam@old.example", "ortiz@work.example")
        assert saved.signature == "Sam\nThanks" and saved.asked

        await pilot.press("u")  # the profile typed is undone; the question stays answered
        await pilot.pause()
        repo.flush()
        undone = on_disk(data_dir)
        assert undone.name == "" and undone.asked
        await pilot.press("q")
        await pilot.pause()
    repo.close()

    again = open_repo(data_dir)
    app = JobFuturesApp(again, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await after_first_frame(pilot)
        assert isinstance(app.screen, BoardScreen), "asked once, not at every start"
    again.close()


async def test_escape_skips_for_good(data_dir: Path) -> None:
    repo = open_repo(data_dir)
    app = JobFuturesApp(repo, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await shown_form(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo." in messages(app), "skipping is not a change to undo"
        await pilot.press("q")
        await pilot.pause()
    repo.close()
    skipped = on_disk(data_dir)
    assert skipped.asked and skipped.name == ""

    again = open_repo(data_dir)
    app = JobFuturesApp(again, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await after_first_frame(pilot)
        assert isinstance(app.screen, BoardScreen)
    again.close()


@pytest.mark.parametrize("how", ["not asked for", "demo", "read-only", "asked before"])
async def test_not_asked(data_dir: Path, how: str) -> None:
    seed = open_repo(data_dir)
    add_prospect(seed, "Northwind")
    if how == "asked before":
        seed.save(Profile(asked=True))
    seed.close()
    repo = open_repo(data_dir, read_only=how == "read-only")
    app = JobFuturesApp(repo, demo=how == "demo", ask_profile=how != "not asked for")
    async with app.run_test(size=SIZE) as pilot:
        await after_first_frame(pilot)
        assert isinstance(app.screen, BoardScreen)
    repo.close()
    assert not on_disk(data_dir).asked or how == "asked before", "nothing written"


async def test_the_palette_edits_it_each_field_checked_and_undoable(
    data_dir: Path,
) -> None:
    repo = open_repo(data_dir)
    mine = Profile(name="[bold]Acme[/", email="sam@ortiz.example", city="Denver", asked=True)
    repo.save(mine)
    repo.flush()
    app = JobFuturesApp(repo)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "your profile")
        form = app.screen
        assert isinstance(form, ProfileForm)
        assert not form.query("#profile-why"), "the why is for the first run"
        assert form.query_one("#name", Input).value == "[bold]Acme[/", "shown as typed"
        assert form.query_one("#city", Input).value == "Denver"
        await pilot.press("tab", "ctrl+a", "ctrl+k", *"sam", "tab", *"ok@x.example, @nope")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm), "not saved"
        email = str(form.query_one("#error-email").render())
        others = str(form.query_one("#error-other_emails").render())
        assert email == "'sam' does not look like an email address"
        assert others == "'@nope' does not look like an email address"
        assert repo.profile() == mine
        form.query_one("#email", Input).value = "sam@new.example"
        form.query_one("#other_emails", Input).value = "ok@x.example"
        form.query_one("#signature", TextArea).text = "Sam\n[red]x[/red]"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        repo.flush()
        saved = on_disk(data_dir)
        assert (saved.email, saved.other_emails) == ("sam@new.example", ("ok@x.example",))
        assert saved.signature == "Sam\n[red]x[/red]" and saved.name == "[bold]Acme[/"
        await pilot.press("u")
        await pilot.pause()
        repo.flush()
        assert on_disk(data_dir) == mine
    repo.close()


def test_the_command_asks_on_the_users_data_only(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    seen: list[bool] = []

    def run(app: JobFuturesApp) -> None:
        seen.append(app.ask_profile)

    monkeypatch.setattr(JobFuturesApp, "run", run)
    assert cli.run_app(data_dir) == 0
    assert cli.run_app(data_dir, read_only=True) == 0
    assert cli.run_demo() == 0
    assert seen == [True, False, False]
