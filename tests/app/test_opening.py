"""o opens the next touch (board, Today, a story, the log form) with the words shown,
O logs it as sent in one key, Y copies the contact detail; the kept calendar
follows the app's changes."""

from __future__ import annotations

import stat
import webbrowser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import icalendar
import pendulum
import pytest
from clock import frozen_at
from pilot_helpers import add_prospect, messages, rendered_text, reopen, until
from textual.widgets import Select
from textual_internals import footer_keys

from jobfutures_tui import settings
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.exchange.ics import uid
from jobfutures_tui.modals.help import HelpScreen
from jobfutures_tui.modals.log_form import LogForm
from jobfutures_tui.models import Channel, Outcome, Person, Touch, revise
from jobfutures_tui.screens.panel_screen import PanelScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.record_list import RecordList
from jobfutures_tui.widgets.script_panel import ScriptPanel

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
WIDE = (170, 40)  # the script panel shows


frozen = frozen_at(NOW)


@pytest.fixture
def opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER: a script that writes down each link it is given."""
    log = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> {log}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # webbrowser reads $BROWSER once
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return log


def links(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def touches_on_disk(data_dir: Path, prospect_id: str) -> list[Touch]:
    with reopen(data_dir) as repo:
        return repo.touches_for(prospect_id)


def panel(app: JobFuturesApp) -> ScriptPanel:
    screen = app.screen
    assert isinstance(screen, PanelScreen)
    return screen.panel


async def test_o_opens_the_script_shown_as_a_draft_and_O_logs_it_sent(
    repo: Repository, data_dir: Path, opened: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: panel(app).shown_script is not None, "the script panel")
        await pilot.press("right_square_bracket")  # another script than the first
        script, words = panel(app).shown_script, panel(app).rendered()
        assert script is not None and words is not None
        await pilot.press("o")
        await until(pilot, lambda: links(opened), "the link to be opened")
        (url,) = links(opened)
        assert url.startswith("mailto:them@example.com?")
        body = parse_qs(urlsplit(url).query)["body"][0].replace("\r\n", "\n")
        assert body in words.text and body.startswith("Hi Priya,")
        said = messages(app)[-1]
        assert said.startswith("Opened a mail to Priya Raman (them@example.com) with “")
        assert "O logs it as sent" in said
        await pilot.press("O")
        await pilot.pause()
        await app.workers.wait_for_complete()
        repo.flush()
        assert messages(app)[-1] == "Logged email (sent) · Northwind (u undoes)."
        await pilot.press("O")
        assert messages(app)[-1].startswith("Nothing opened yet"), "logged once"
    touch = touches_on_disk(data_dir, prospect.id)[0]
    assert (touch.channel, touch.outcome, touch.script_id) == (
        Channel.EMAIL,
        Outcome.SENT,
        script.id,
    )
    assert touch.at == NOW and touch.person_id == prospect.main_person_id


async def test_nobody_reachable_gets_a_clear_word_and_nothing_opens(
    repo: Repository, opened: Path
) -> None:
    add_prospect(repo, "Northwind", email="", touched=NOW.subtract(days=30))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert messages(app)[-1] == (
            "Nothing reaches Priya Raman yet: add an email, phone or LinkedIn profile."
        )
        await pilot.press("Y")
        await pilot.pause()
        assert messages(app)[-1].startswith("Nothing reaches Priya Raman yet")
    assert links(opened) == []


async def test_o_warns_of_blanks_left_in_the_words_and_still_opens(
    repo: Repository, opened: Path
) -> None:
    from jobfutures_tui.models import Script

    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    repo.apply(delete=list(repo.records(Script)))
    repo.save(Script(name="News", body="Hi {first_name}, I saw {news}."))
    repo.flush()
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await until(pilot, lambda: links(opened), "the link to be opened")
        said = messages(app)[-1]
        assert said == (
            "Opened a mail to Priya Raman (them@example.com) with “News”. "
            "Still blank: ‹news›: fill it in before sending. Sent it? O logs it as sent (u undoes)."
        )
        assert list(app._notifications)[-1].severity == "warning"
        await pilot.press("O")  # still logged in one key: the draft is theirs to finish
        await pilot.pause()
        assert messages(app)[-1] == "Logged email (sent) · Northwind (u undoes)."
    assert prospect.id


async def test_Y_copies_the_detail_of_the_suggested_channel(repo: Repository) -> None:
    add_prospect(repo, "Northwind", email="priya@northwind.example", touched=NOW.subtract(days=30))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == "priya@northwind.example"
        assert messages(app)[-1].startswith(
            "Copied Priya Raman's email address: priya@northwind.example."
        )


async def test_Y_in_the_log_form_copies_the_detail_and_types_Y_in_a_field(
    repo: Repository,
) -> None:
    from textual.widgets import Input

    add_prospect(repo, "Northwind", email="priya@northwind.example", touched=NOW.subtract(days=30))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == "priya@northwind.example"
        assert messages(app)[-1].startswith(
            "Copied Priya Raman's email address: priya@northwind.example."
        )
        assert isinstance(app.screen, LogForm), "the form stays open"
        note = form.query_one("#note", Input)
        note.focus()
        await pilot.press("Y", "e", "s")
        assert note.value == "Yes", "in a field, Y is a letter"


async def test_a_call_opens_tel_and_O_asks_how_it_went(
    repo: Repository, data_dir: Path, opened: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", email="", touched=NOW.subtract(days=30))
    person = repo.person(prospect.main_person_id or "")
    assert person is not None
    repo.save(revise(person, phone="+1 (303) 555-0142"))
    app = JobFuturesApp(repo)
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: panel(app).shown_script is not None, "the script panel")
        script_id = panel(app).shown_script_id
        await pilot.press("o")
        await until(pilot, lambda: links(opened), "the link to be opened")
        assert links(opened) == ["tel:+13035550142"]
        assert messages(app)[-1].endswith("Then O logs how it went.")
        await pilot.press("O")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm) and form.channel is Channel.CALL
        assert form.query_one("#script_id", Select).value == script_id


async def test_ctrl_o_in_the_log_form_opens_what_the_form_says(
    repo: Repository, data_dir: Path, opened: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:  # no panel: the form picks the script
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        assert form.query_one("#script_id", Select).value is Select.NULL
        await pilot.press("ctrl+o")
        await until(pilot, lambda: links(opened), "the link to be opened")
        assert links(opened)[0].startswith("mailto:them@example.com?")
        script_id = form.query_one("#script_id", Select).value
        assert isinstance(script_id, str), "the script opened is the one logged"
        assert messages(app)[-1].endswith("Sent it? enter logs it.")
        await pilot.press("enter")
        await pilot.pause()
        repo.flush()
    touch = touches_on_disk(data_dir, prospect.id)[0]
    assert (touch.outcome, touch.script_id) == (Outcome.SENT, script_id)


async def test_today_and_a_story_open_too_the_story_with_the_person_selected(
    repo: Repository, opened: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    dana = Person(name="Dana Kim", phone="303 555 0100", company_id=prospect.company_id)
    repo.save(dana, revise(prospect, person_ids=(*prospect.person_ids, dana.id)))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: "Today (1 due)" in (app.screen.title or ""), "the due list")
        await pilot.press("o")
        await until(pilot, lambda: links(opened), "the link from Today")
        assert links(opened)[-1].startswith("mailto:them@example.com")
        await pilot.press("enter")  # the story
        await pilot.pause()
        people = app.screen.query_one("#people", RecordList)
        people.focus()
        await pilot.press("down")  # Dana
        await pilot.pause()
        assert people.selected == dana.id
        await pilot.press("o")
        await until(pilot, lambda: len(links(opened)) == 2, "the link to Dana")
        assert links(opened)[-1] == "tel:3035550100"
        assert "Opened a call to Dana Kim (303 555 0100)" in messages(app)[-1]


async def test_help_and_footer_show_the_keys(repo: Repository) -> None:
    add_prospect(repo, "Northwind")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(160, 30)) as pilot:
        await until(pilot, lambda: app.screen.query(KeyFooter), "the footer")
        footer = app.screen.query_one(KeyFooter)

        def shown() -> list[str]:
            return [key.description for key in footer_keys(footer)]

        await until(pilot, lambda: "Open touch" in shown(), "o in the footer")
        assert shown().index("Open touch") == shown().index("Log") + 1, "beside c"
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        keys = " ".join(rendered_text(help_screen.key_table(), 200).split())
        assert "o Open the next touch: a mail draft with the script" in keys
        assert "O Log the touch o opened as sent, with its script" in keys
        assert "Y Copy the next touch's contact detail" in keys


async def test_the_kept_calendar_follows_the_apps_changes(
    repo: Repository, tmp_path: Path, opened: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    path = tmp_path / "kept.ics"
    app = JobFuturesApp(repo)

    def event() -> icalendar.Event:
        (found,) = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert str(found["UID"]) == uid(prospect.id)
        return found

    async with app.run_test(size=(120, 40)) as pilot:
        assert settings.current().settings.calendar_file is None
        # export ics --keep, from a shell, while the app is open:
        config = settings.config_path()
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(f'calendar_file = "{path}"\n')
        app.follow_data(delay=0)  # as at start, without the wait
        await until(pilot, path.exists, "the calendar file")
        before = event()
        assert before.decoded("DTSTART") == NOW.date()
        await pilot.press("o")
        await until(pilot, lambda: links(opened), "the link")
        await pilot.press("O")
        await pilot.pause()
        await app.workers.wait_for_complete()
        after = event()
        assert after.decoded("DTSTART") > NOW.date(), "the touch is done: the next one"
        assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
        await pilot.press("u")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert event().decoded("DTSTART") == NOW.date(), "undo is a change too"


async def test_the_demo_leaves_your_calendar_alone(repo: Repository, tmp_path: Path) -> None:
    add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    path = tmp_path / "mine.ics"
    settings.save({"calendar_file": str(path)})
    app = JobFuturesApp(repo, demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        app.follow_data(delay=0)
        await pilot.press("s")  # skip: a change
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert not path.exists()
