"""From the shell: ``open`` (a draft, exactly escaped), ``due --brief`` (one line, kept
between shells), ``remind`` (a desktop notification, or printed) and the kept
calendar rewritten after each change command."""

from __future__ import annotations

import stat
import webbrowser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import icalendar
import pendulum
import pytest
from clock import frozen_at
from shell import jf, without_textual

from jobfutures_tui import cli, settings
from jobfutures_tui.exchange.brief import brief_line, cache_file
from jobfutures_tui.exchange.ics import uid
from jobfutures_tui.models import Company, Person, Profile, Prospect, Script, TouchKind
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import due_items

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
TODAY = NOW.date()
HOSTILE = "100% sure & ready? #1\nLine two: Æble, 東京 😀\n\nP.S. a=b&c=d"


frozen = frozen_at(NOW)


@pytest.fixture
def priya(tmp_path: Path) -> Path:
    """One job future whose only script says everything a URL must escape."""
    folder = tmp_path / "data"
    firm = Company(name="Northwind")
    who = Person(name="Priya Raman", email="priya+jobs@northwind.example", company_id=firm.id)
    future = Prospect(company_id=firm.id, person_ids=(who.id,), began_on=TODAY.subtract(days=9))
    ned = Person(name="Ned Null", company_id=firm.id)
    quiet = Prospect(company_id=Company(name="Nowhere").id, person_ids=(ned.id,))
    with Repository.open(folder) as repo:
        repo.apply(delete=list(repo.records(Script)))
        words = Script(name="Q&A", kind=TouchKind.THANK_YOU, body=f"Subject: Q&A #1?\n\n{HOSTILE}")
        nowhere = Company(name="Nowhere", id=quiet.company_id)
        repo.save(firm, who, future, nowhere, ned, quiet, words, Profile(name="Sam"))
    return folder


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER: a script that writes down the link it was given."""
    log = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> {log}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # webbrowser reads $BROWSER once
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return log


def fake_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: int) -> Path:
    """``name`` on the PATH: records its arguments, one a line, and exits ``code``."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir(exist_ok=True)
    log = tmp_path / f"{name}.txt"
    (bin_folder / name).write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n--\\n" "$a" >> {log}; done\nexit {code}\n'
    )
    (bin_folder / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}:/usr/bin:/bin")
    return log


def test_open_print_gives_an_exact_mail_draft(
    priya: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = jf(capsys, priya, "open", "north", "--print")
    assert code == 0 and err == ""
    url = out.strip()
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "priya+jobs@northwind.example"
    assert "#" not in url and " " not in url and "\n" not in url
    fields = dict(field.split("=", 1) for field in parts.query.split("&"))
    assert unquote(fields["subject"]) == "Q&A #1?"
    assert unquote(fields["body"]) == HOSTILE.replace("\n", "\r\n")


def test_open_hands_the_link_to_browser_and_says_how_to_log_it(
    priya: Path, recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = jf(capsys, priya, "open", "northwind")
    assert code == 0 and out == ""
    (url,) = recorded.read_text().splitlines()
    assert url.startswith("mailto:priya+jobs@northwind.example?subject=Q%26A%20%231%3F&body=")
    assert "Opened a mail to Priya Raman (priya+jobs@northwind.example) with “Q&A”." in err
    hint = err.split("Log it: ", 1)[1].strip()
    assert hint.startswith("jobfutures log Northwind --channel email --kind thank-you --script ")
    assert hint.endswith(" --outcome sent")

    # The command it prints logs the touch with the script it opened.
    import shlex

    code, _, err = jf(capsys, priya, *shlex.split(hint)[1:])
    assert code == 0, err
    with Repository.open(priya, read_only=True) as repo:
        (future,) = [p for p in repo.prospects() if repo.company(p.company_id).name == "Northwind"]
        (touch,) = repo.touches_for(future.id)
        script = repo.stored(Script, touch.script_id or "")
    assert script is not None and script.name == "Q&A"


def test_log_names_an_unknown_script_and_lists_them(
    priya: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = jf(
        capsys,
        priya,
        "log",
        "northwind",
        "--channel",
        "email",
        "--outcome",
        "sent",
        "--script",
        "no such words",
    )
    assert code == 1 and "no script called 'no such words'" in err and "Q&A" in err


def test_a_person_without_the_detail_gets_a_clear_word(
    priya: Path, recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = jf(capsys, priya, "open", "nowhere")
    assert code == 1 and out == ""
    assert err.startswith("jobfutures: nothing reaches Ned Null yet: add an email")
    code, _, err = jf(capsys, priya, "open", "northwind", "--person", "zed")
    assert code == 1 and "no one called 'zed' at Northwind" in err
    assert not recorded.exists(), "nothing was opened"


def test_due_brief_is_one_line_most_urgent_first(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = jf(capsys, demo, "due", "--brief")
    with Repository.open(demo, read_only=True) as repo:
        items = due_items(repo, today=TODAY, within_days=0)
    late = sum(1 for item in items if item.suggestion.due < TODAY)
    assert code == 0 and err == "" and out.count("\n") == 1
    line = out.rstrip("\n")
    assert line == brief_line(items, today=TODAY) and len(line) <= 80
    assert line.startswith(f"{late} overdue") and line.endswith(" · jobfutures")
    first = items[0]
    assert f"{first.company} ({first.suggestion.channel.label})" in line  # type: ignore[union-attr]


def test_brief_line_names_what_fits_and_counts_the_rest(demo: Path) -> None:
    with Repository.open(demo, read_only=True) as repo:
        items = due_items(repo, today=TODAY, within_days=0)
    narrow = brief_line(items, today=TODAY, width=60)
    assert len(narrow) <= 60 and " more · jobfutures" in narrow
    assert brief_line([], today=TODAY) == ""
    today_only = [i for i in items if i.suggestion.due == TODAY]
    if today_only:
        assert brief_line(today_only, today=TODAY).startswith(f"{len(today_only)} today: ")


def test_nothing_due_prints_nothing_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "calm"
    firm = Company(name="Calm Co")
    who = Person(name="Al", email="al@calm.example", company_id=firm.id)
    with Repository.open(folder) as repo:
        repo.save(firm, who, Prospect(company_id=firm.id, person_ids=(who.id,), began_on=TODAY))
    assert jf(capsys, folder, "due", "--brief") == (0, "", "")
    assert jf(capsys, tmp_path / "none", "due", "--brief") == (0, "", "")


def test_the_brief_line_is_kept_until_the_data_changes(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, first, _ = jf(capsys, demo, "due", "--brief")
    assert cache_file(demo).is_file()

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the data was opened")

    with monkeypatch.context() as patch:
        patch.setattr(Repository, "open", refused)
        assert jf(capsys, demo, "due", "--brief")[1] == first, "printed as kept"
    code, _, _ = jf(capsys, demo, "log", "northwind", "--channel", "call", "--outcome", "sent")
    assert code == 0
    with monkeypatch.context() as patch:  # the log worked it out again for the next shell
        patch.setattr(Repository, "open", refused)
        second = jf(capsys, demo, "due", "--brief")[1]
    assert second != first and "Northwind" not in second
    settings.save({"workdays": "mon tue wed thu fri"})  # the settings count too
    assert jf(capsys, demo, "due", "--brief")[1]


def test_remind_shows_a_notification_with_names_as_typed(
    demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sent = fake_command(tmp_path, monkeypatch, "notify-send", 0)
    code, out, _ = jf(capsys, demo, "remind")
    assert code == 0 and out == ""
    args = sent.read_text().split("\n--\n")
    assert args[0] == "--app-name=jobfutures"
    assert args[1].startswith("jobfutures: ") and "overdue" in args[1]
    assert "Tailwind Traders · Sara Lindgren: email · reply about the opening" in args[2]
    assert "… and" in args[2] and "more: jobfutures due" in args[2]
    with Repository.open(demo) as repo:
        company = next(c for c in repo.records(Company) if c.name == "Tailwind Traders")
        repo.save(company.model_copy(update={"name": "Tailwind <Traders> & Co"}))
    sent.unlink()
    jf(capsys, demo, "remind")
    assert "Tailwind &lt;Traders&gt; &amp; Co · Sara" in sent.read_text(), "body markup escaped"


def test_remind_on_macos_asks_notification_center_with_the_words_as_arguments(
    demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sent = fake_command(tmp_path, monkeypatch, "osascript", 0)
    monkeypatch.setattr("sys.platform", "darwin")
    assert jf(capsys, demo, "remind") == (0, "", "")
    args = sent.read_text().split("\n--\n")
    assert args[:6] == ["-e", "on run argv", "-e", args[3], "-e", "end run"]
    assert args[3].startswith("display notification (item 2 of argv)")
    assert args[6].startswith("jobfutures: ") and "Tailwind Traders · Sara" in args[7]


def test_remind_prints_when_no_notification_service_answers(
    demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_command(tmp_path, monkeypatch, "notify-send", 1)
    code, out, _ = jf(capsys, demo, "remind")
    assert code == 0 and out.startswith("jobfutures: ") and "\n  Tailwind Traders · " in out
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no notify-send at all
    assert jf(capsys, demo, "remind")[1] == out
    assert jf(capsys, demo, "remind", "--print")[1] == out


def test_remind_says_nothing_when_nothing_is_due(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = fake_command(tmp_path, monkeypatch, "notify-send", 0)
    folder = tmp_path / "calm"
    firm = Company(name="Calm Co")
    who = Person(name="Al", email="al@calm.example", company_id=firm.id)
    with Repository.open(folder) as repo:
        repo.save(firm, who, Prospect(company_id=firm.id, person_ids=(who.id,), began_on=TODAY))
    assert jf(capsys, folder, "remind") == (0, "", "")
    assert not sent.exists()


def test_the_kept_calendar_follows_every_change_command(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cal" / "jobfutures.ics"
    code, out, _ = jf(capsys, demo, "export", "ics", "--keep", str(path), "--days", "30")
    assert code == 0 and out.startswith(f"Wrote {path}\n")
    assert settings.current().settings.calendar_file == path
    assert settings.current().settings.calendar_days == 30

    with Repository.open(demo, read_only=True) as repo:
        items = due_items(repo, today=TODAY, within_days=None)
    key = next(uid(i.prospect_id) for i in items if i.company == "Northwind Logistics")

    def northwind() -> icalendar.Event:
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        return next(event for event in events if str(event["UID"]) == key)

    before = northwind()
    assert before.decoded("DTSTART") == TODAY
    jf(capsys, demo, "move", "northwind", "archive", "--reason", "hired-elsewhere")
    after = northwind()
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    jf(capsys, demo, "move", "northwind", "interviewed")  # reopened: due again
    assert str(northwind()["STATUS"]) == "CONFIRMED"
    assert jf(capsys, demo, "config", "unset", "calendar_file")[0] == 0
    stamp = path.stat().st_mtime_ns
    jf(capsys, demo, "move", "northwind", "offer")
    assert path.stat().st_mtime_ns == stamp, "no longer kept"


def test_keep_refuses_a_folder_and_someone_elses_file(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = jf(capsys, demo, "export", "ics", "--keep", str(tmp_path))
    assert code == 1 and "is a folder" in err
    theirs = tmp_path / "family.ics"
    theirs.write_text("BEGIN:VCALENDAR\r\nPRODID:-//Other//EN\r\nEND:VCALENDAR\r\n")
    code, _, err = jf(capsys, demo, "export", "ics", "--keep", str(theirs))
    assert code == 1 and "did not write" in err
    assert settings.current().settings.calendar_file is None


def test_the_new_commands_never_load_textual(priya: Path) -> None:
    runs = [["open", "northwind", "--print"], ["due", "--brief"], ["remind", "--print"]]
    done = without_textual(priya, runs)
    assert done.returncode == 0, done.stderr


def test_the_demo_never_touches_your_calendar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_command(tmp_path, monkeypatch, "notify-send", 0)
    path = tmp_path / "mine.ics"
    settings.save({"calendar_file": str(path)})
    assert cli.main(["--demo", "remind"]) == 0
    assert cli.main(["--demo", "export", "ics", "--keep", str(tmp_path / "demo.ics")]) == 1
    assert "not of the demo's" in capsys.readouterr().err
    assert not path.exists() and not (tmp_path / "demo.ics").exists()


def test_open_linkedin_opens_the_profile_and_prints_the_words(
    demo: Path, recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = jf(capsys, demo, "open", "proseware")
    assert code == 0 and recorded.read_text().startswith("https://")
    assert out.startswith("Hi Amara,") and "Opened Amara Okafor's LinkedIn profile" in err
    assert "--channel linkedin" in err


def test_the_brief_line_fits_in_cells_with_wide_letters(demo: Path) -> None:
    """A company named in Chinese takes two cells a letter: the line still fits."""
    from dataclasses import replace

    from rich.cells import cell_len

    with Repository.open(demo, read_only=True) as repo:
        items = due_items(repo, today=TODAY, within_days=0)
    wide = [replace(item, company="北京字节跳动科技有限公司" * 3) for item in items]
    line = brief_line(wide, today=TODAY, width=60)
    assert cell_len(line) <= 60 and line.endswith(" · jobfutures")


def test_open_says_why_nothing_is_planned_not_that_nothing_reaches_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jobfutures_tui.models import ClosedReason, Outcome, Stage, Touch

    folder = tmp_path / "data"
    shut, asked = Company(name="Shut Co"), Company(name="Asked Co")
    kwame = Person(name="Kwame Mensah", email="kwame@shut.example", company_id=shut.id)
    ada = Person(name="Ada Obi", email="ada@asked.example", company_id=asked.id)
    archived = Prospect(
        company_id=shut.id,
        person_ids=(kwame.id,),
        stage=Stage.ARCHIVE,
        closed_reason=ClosedReason.OTHER,
        closed_note="went quiet",
    )
    stopped = Prospect(company_id=asked.id, person_ids=(ada.id,), began_on=TODAY.subtract(days=40))
    no_more = Touch(
        prospect_id=stopped.id,
        person_id=ada.id,
        at=NOW.subtract(days=3),
        channel="email",
        outcome=Outcome.ASKED_TO_STOP,
    )
    with Repository.open(folder) as repo:
        repo.save(shut, asked, kwame, ada, archived, stopped, no_more)
    code, out, err = jf(capsys, folder, "open", "shut", "--print")
    assert code == 1 and out == ""
    assert err == "jobfutures: no touch is planned: the job future is archived\n"
    code, out, err = jf(capsys, folder, "open", "asked", "--print", "--person", "ada")
    assert code == 1 and out == ""
    assert err == "jobfutures: no touch is planned: they asked you to stop on 20 Nov\n"
    assert "nothing reaches" not in err


def test_open_warns_of_blanks_left_in_the_words(
    tmp_path: Path, recorded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    firm = Company(name="Northwind")
    who = Person(name="Priya Raman", email="priya@northwind.example", company_id=firm.id)
    future = Prospect(company_id=firm.id, person_ids=(who.id,), began_on=TODAY.subtract(days=9))
    with Repository.open(folder) as repo:
        repo.apply(delete=list(repo.records(Script)))
        words = Script(
            name="News", kind=TouchKind.THANK_YOU, body="Hi {first_name}, saw {news}. {shared}"
        )
        repo.save(firm, who, future, words)
    code, out, err = jf(capsys, folder, "open", "north")
    assert code == 0 and out == ""
    assert "Still blank in the words: ‹news›, ‹shared›: fill them in before sending." in err
    (url,) = recorded.read_text().splitlines()
    assert "%E2%80%B9news%E2%80%BA" in url, "it opens all the same, the blank visible"


@pytest.mark.parametrize("command", [("due", "--brief"), ("remind", "--print")])
def test_the_first_shell_after_a_sync_keeps_the_index_it_worked_out(
    demo: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    from jobfutures_tui.store.touch_index import INDEX_NAME

    (demo / INDEX_NAME).unlink()  # as after another device's sync: to be worked out again
    code, out, _ = jf(capsys, demo, *command)
    assert code == 0 and out
    assert (demo / INDEX_NAME).is_file(), "kept, so the next command need not work it out"


def test_config_set_calendar_rewrites_the_kept_calendar_at_once(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cal" / "jobfutures.ics"
    assert jf(capsys, demo, "export", "ics", "--keep", str(path))[0] == 0

    def triggers(where: Path) -> set[str]:
        alarms = icalendar.Calendar.from_ical(where.read_bytes()).walk("VALARM")
        return {alarm["TRIGGER"].to_ical().decode() for alarm in alarms}

    assert triggers(path) == {"PT9H"}
    code, _, err = jf(capsys, demo, "config", "set", "calendar_alarm", "14:30")
    assert code == 0 and f"The calendar file {path} is rewritten with it." in err
    assert triggers(path) == {"PT14H30M"}, "not left until the next change"
    moved = tmp_path / "elsewhere.ics"
    assert jf(capsys, demo, "config", "set", "calendar_file", str(moved))[0] == 0
    assert triggers(moved) == {"PT14H30M"}


def test_open_names_the_wrong_person_without_saying_it_saved_nothing(
    priya: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = jf(capsys, priya, "open", "northwind", "--person", "zed", "--print")
    assert code == 1 and out == ""
    assert err.startswith("jobfutures: no one called 'zed' at Northwind. Its people:\n")
    assert "  Priya Raman · " in err and "saved" not in err
    code, _, err = jf(capsys, priya, "open", "nosuchco", "--print")
    assert code == 1 and "no company called 'nosuchco' has a job future." in err
    assert "saved" not in err
