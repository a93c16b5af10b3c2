"""``jobfutures due``: the touches due, in the shell, from a real store, with time frozen."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import orjson
import pendulum
import pytest
from clock import frozen_at
from shell import without_textual

from jobfutures_tui import cli
from jobfutures_tui.commands.due import format_due
from jobfutures_tui.commands.parsers import DUE_LISTED
from jobfutures_tui.demo import populate
from jobfutures_tui.models import Company, Direction, Outcome, Person, Prospect, Stage, Touch
from jobfutures_tui.paths import data_folder
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import due_items, next_due

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
TODAY = NOW.date()
HEADINGS = ("Overdue", "Today", "This week", "Later")


# A Monday afternoon, in UTC wherever the tests run.
frozen = frozen_at(NOW)


def job_future(
    company: str,
    *,
    outcome: Outcome = Outcome.REPLIED,
    direction: Direction = Direction.IN,
    days_ago: int = 0,
    stage: Stage = Stage.INTERVIEWED,
    person: str = "Jo Doe",
) -> list[Company | Person | Prospect | Touch]:
    """A job future whose one touch was ``days_ago`` (this morning for 0)."""
    acme = Company(name=company)
    who = Person(name=person, company_id=acme.id, email="jo@example.com")
    future = Prospect(
        company_id=acme.id,
        person_ids=(who.id,),
        stage=stage,
        began_on=TODAY.subtract(days=days_ago + 20),
    )
    at = NOW.subtract(days=days_ago).set(hour=9)
    touch = Touch(
        prospect_id=future.id,
        person_id=who.id,
        at=at,
        channel="email",
        direction=direction,
        outcome=outcome,
    )
    return [acme, who, future, touch]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo data for this Monday, plus a touch due today and one due tomorrow."""
    folder = tmp_path / "demo"
    with Repository.open(folder) as repo:
        populate(repo, today=TODAY)
        # An opening mentioned this morning: reply today, and move it to offer.
        repo.save(
            *job_future("Opening Today Inc", outcome=Outcome.OPENING_MENTIONED, stage=Stage.OFFER)
        )
        # A referral given this morning: thank them tomorrow.
        repo.save(*job_future("Referral Tomorrow Co", outcome=Outcome.REFERRAL_GIVEN))
    return folder


@pytest.fixture
def quiet(tmp_path: Path) -> Path:
    """One job future, spoken to yesterday: nothing due for two weeks."""
    folder = tmp_path / "quiet"
    with Repository.open(folder) as repo:
        repo.save(
            *job_future("Acme", outcome=Outcome.CONVERSATION, direction=Direction.OUT, days_ago=1)
        )
    return folder


def due(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--data", str(folder), "due", *args])
    out, err = capsys.readouterr()
    return code, out, err


def cells(line: str) -> int:
    return sum(
        0
        if unicodedata.combining(ch)
        else 2
        if unicodedata.east_asian_width(ch) in ("W", "F")
        else 1
        for ch in line
    )


def groups(out: str) -> dict[str, list[str]]:
    """Heading -> the lines under it."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in out.splitlines():
        if line in HEADINGS:
            current = found.setdefault(line, [])
        elif line:
            current.append(line)
    return found


# ------------------------------------------------------------ plain output


def test_groups_in_order_with_an_aligned_line_and_a_reason(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, err = due(capsys, demo)
    assert code == 0 and err == ""
    headings = [line for line in out.splitlines() if line in HEADINGS]
    assert headings == ["Overdue", "Today", "This week"], "Later only with --days over 7"

    found = groups(out)
    overdue = found["Overdue"]
    (northwind,) = [i for i, line in enumerate(overdue) if "Northwind Logistics" in line]
    line, why = overdue[northwind], overdue[northwind + 1]
    assert line.startswith("  Northwind Logistics · Priya Raman   ")
    assert "call · follow-up" in line and line.endswith("5 days overdue")
    assert why == (
        "      why: no reply yet to the email of 11 Nov: follow up within a week to check"
    )
    assert overdue[northwind + 2] == "           it arrived"

    today_line, *wrapped = found["Today"]
    assert today_line.startswith("  Opening Today Inc · Jo Doe") and today_line.endswith("today")
    today_why = " ".join(line.strip() for line in wrapped)
    assert today_why == "why: they mentioned an opening on 23 Nov: reply now"
    this_week = found["This week"]
    (at,) = [i for i, line in enumerate(this_week) if "Referral Tomorrow Co" in line]
    tomorrow_line, tomorrow_why = this_week[at], this_week[at + 1]
    assert "Referral Tomorrow Co" in tomorrow_line and tomorrow_line.endswith("tomorrow")
    assert tomorrow_why.startswith("      why: they gave you a referral on 23 Nov")

    lines = out.splitlines()
    assert all(cells(line) <= 80 for line in lines)
    item_lines = [line for line in lines if line.startswith("  ") and not line.startswith("   ")]
    columns = {line.index(" · ", line.index(" · ") + 3) for line in item_lines if "Jo Doe" in line}
    assert len(columns) == 1, "the channel column is aligned"


def test_days_zero_is_today_and_overdue_only(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = due(capsys, demo, "--days", "0")
    assert code == 0
    assert [line for line in out.splitlines() if line in HEADINGS] == ["Overdue", "Today"]
    assert "Referral Tomorrow Co" not in out


def test_later_is_shown_only_beyond_a_week(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    _, out, _ = due(capsys, demo, "--days", "30")
    headings = [line for line in out.splitlines() if line in HEADINGS]
    assert headings == ["Overdue", "Today", "This week", "Later"]
    later = groups(out)["Later"]
    assert any("Proseware" in line and line.endswith("in 8 days") for line in later)


def test_nothing_due_points_to_the_next_touch(
    capsys: pytest.CaptureFixture[str], quiet: Path
) -> None:
    code, out, err = due(capsys, quiet)
    assert code == 0 and err == ""
    first, second = out.splitlines()
    assert first == "Nothing due in the next 7 days."
    with Repository.open(quiet, read_only=True) as repo:
        upcoming = next_due(repo, today=TODAY)
    assert upcoming is not None and upcoming.suggestion.due > TODAY.add(days=7)
    day = upcoming.suggestion.due.format("dddd D MMMM")
    s = upcoming.suggestion
    assert second == f"Next: {day} — Acme ({s.channel.label} · {s.kind.label})"

    code, out, _ = due(capsys, quiet, "--days", "0")
    assert code == 0 and out.splitlines()[0] == "Nothing due today."


def test_user_text_is_printed_literally_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    long_name = "Extremely Long Company Name Holdings International Group " * 2
    with Repository.open(folder) as repo:
        repo.save(*job_future("[bold]Acme[/", outcome=Outcome.OPENING_MENTIONED, days_ago=3))
        repo.save(*job_future("Evil\x1b[31m Red", outcome=Outcome.OPENING_MENTIONED, days_ago=2))
        repo.save(*job_future(long_name, outcome=Outcome.OPENING_MENTIONED, person="東京 太郎"))
    code, out, _ = due(capsys, folder)
    assert code == 0
    assert "  [bold]Acme[/ · Jo Doe" in out
    assert "\x1b" not in out and "  Evil Red · Jo Doe" in out
    (long_line,) = [line for line in out.splitlines() if line.startswith("  Extremely")]
    assert "…" in long_line and "東京" not in long_line
    assert all(cells(line) <= 80 for line in out.splitlines())

    # Whatever reaches the formatter, a name stays on its line and cannot drive the terminal.
    with Repository.open(folder, read_only=True) as repo:
        (item, *_) = due_items(repo, today=TODAY)
    raw = dataclasses.replace(item, company="Two\nLines\x1b]0;title\x07", person="Tab\tbed")
    text = format_due([raw], today=TODAY, days=7)
    assert text.splitlines()[1].startswith("  Two Lines · Tab bed ")
    assert not any(unicodedata.category(ch) == "Cc" for ch in text.replace("\n", ""))


# ------------------------------------------------------------ JSON


def test_json_lists_the_overdue_most_urgent_first_then_by_date(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, err = due(capsys, demo, "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["today"] == "2026-11-23" and data["days"] == 7
    overdue = [item for item in data["due"] if item["when"] == "overdue"]
    assert data["due"][: len(overdue)] == overdue, "overdue first"
    urgencies = [item["urgency"] for item in overdue]
    assert urgencies == sorted(urgencies, reverse=True), "most urgent first"
    rest = data["due"][len(overdue) :]
    order = [(item["due"], -item["urgency"]) for item in rest]
    assert order == sorted(order), "then by date, then by urgency"
    with Repository.open(demo, read_only=True) as repo:
        expected = [i.to_json(TODAY) for i in due_items(repo, today=TODAY, within_days=7)]
    scripts = [item.pop("script") for item in data["due"]]
    assert data["due"] == expected
    assert all(s["name"] and "Hi " in s["text"] and "{" not in s["text"] for s in scripts)
    assert all("‹" not in s["text"] or s["gaps"] for s in scripts), "gaps are named"
    assert {item["when"] for item in data["due"]} == {"overdue", "today", "this week"}
    assert "Zoë O'Neill" in out, "not escaped to \\u sequences"


def test_json_with_nothing_due_is_an_empty_list(
    capsys: pytest.CaptureFixture[str], quiet: Path
) -> None:
    code, out, _ = due(capsys, quiet, "--json", "--days", "3")
    assert code == 0
    assert json.loads(out) == {"today": "2026-11-23", "days": 3, "due": []}


def test_a_backlog_lists_the_most_urgent_says_how_many_more_and_all_lists_every_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Past DUE_LISTED touches the plain list stops, and says so first; --all and --json
    list every one, the plain list being the head of --all's."""
    folder = tmp_path / "backlog"
    with Repository.open(folder) as repo:
        for n in range(DUE_LISTED + 5):
            opening = Outcome.OPENING_MENTIONED  # reply now: more urgent the older
            repo.save(*job_future(f"Firm {n:02}", outcome=opening, days_ago=20 + n))
    code, out, err = due(capsys, folder)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert " ".join(lines[:2]) == (
        f"The {DUE_LISTED} most urgent of {DUE_LISTED + 5} touches due; 5 more (5 overdue): "
        "jobfutures due --all lists every one."
    )
    firms = [line.split()[1] for line in lines if line.startswith("  Firm")]
    assert len(firms) == DUE_LISTED
    assert firms[0] == f"{DUE_LISTED + 4:02}", "the longest silent first"

    code, every, _ = due(capsys, folder, "--all")
    assert code == 0 and "--all" not in every
    assert [line.split()[1] for line in every.splitlines() if line.startswith("  Firm")][
        :DUE_LISTED
    ] == firms
    assert every.count("  Firm") == DUE_LISTED + 5
    code, out, _ = due(capsys, folder, "--json")
    assert len(json.loads(out)["due"]) == DUE_LISTED + 5


# ------------------------------------------------------------ folders, refusals, exit codes


def test_a_folder_without_data_is_not_an_error_and_is_not_created(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "never-used"
    code, out, err = due(capsys, folder)
    assert code == 0 and err == ""
    assert out.startswith("No jobfutures data in") and str(folder) in out
    code, out, err = due(capsys, folder, "--json")
    assert code == 0 and json.loads(out)["due"] == [] and "No jobfutures data" in err
    assert not folder.exists()


def test_damaged_data_is_refused_with_exit_1(
    capsys: pytest.CaptureFixture[str], quiet: Path
) -> None:
    damaged = quiet / "prospects.json"
    damaged.write_bytes(b'{"prospects": {"x": ')
    code, out, err = due(capsys, quiet)
    assert code == 1 and out == ""
    assert err.startswith(f"jobfutures: Cannot open {damaged}") and "not valid JSON" in err
    assert damaged.read_bytes() == b'{"prospects": {"x": '


def test_an_invalid_record_is_refused_when_read(
    capsys: pytest.CaptureFixture[str], quiet: Path
) -> None:
    path = quiet / "companies.json"
    data = orjson.loads(path.read_bytes())
    for row in data["companies"].values():
        row["name"] = ""
    path.write_bytes(orjson.dumps(data))
    code, out, err = due(capsys, quiet)  # the next touch names the company: it is read
    assert code == 1 and out == ""
    assert err.startswith("jobfutures: Cannot open") and "companies.json" in err
    assert "name: cannot be empty" in err


@pytest.mark.parametrize("days", ["-1", "soon", "1.5"])
def test_a_bad_number_of_days_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], quiet: Path, days: str
) -> None:
    with pytest.raises(SystemExit) as usage:
        cli.main(["--data", str(quiet), "due", "--days", days])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "usage: jobfutures due" in err and "--days" in err


def test_it_reads_while_the_app_holds_the_data_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    before = {p: p.read_bytes() for p in demo.rglob("*") if p.is_file()}
    with Repository.open(demo) as holder:
        code, out, err = due(capsys, demo)
        assert not holder.read_only
    assert code == 0 and err == "" and "Northwind Logistics" in out
    after = {p: p.read_bytes() for p in demo.rglob("*") if p.is_file()}
    assert after == before


def test_without_a_command_the_app_opens_and_due_never_opens_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, quiet: Path
) -> None:
    opened: list[tuple[Path, bool]] = []

    def fake_run_app(folder: Path, *, read_only: bool = False, keep_backups: int = 10) -> int:
        opened.append((folder, read_only))
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    assert cli.main(["--data", str(quiet), "--read-only"]) == 0
    assert opened == [(quiet, True)]
    assert cli.main(["--data", str(quiet), "--read-only", "due"]) == 0
    assert opened == [(quiet, True)]
    assert capsys.readouterr().out.startswith("Nothing due")


def test_demo_due_lists_the_sample_data_and_leaves_the_users_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--demo", "due", "--days", "0"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Overdue\n") and "Northwind Logistics" in out
    assert not data_folder().exists()


def test_due_never_imports_textual(demo: Path) -> None:
    result = without_textual(demo, [["due"], ["due", "--json", "--days", "30"]])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Overdue\n")

    cli_run = subprocess.run(
        [sys.executable, "-m", "jobfutures_tui", "--data", str(demo), "due", "--days", "0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert cli_run.returncode == 0, cli_run.stderr
    assert "Overdue" in cli_run.stdout


def test_due_follows_the_users_plans_and_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jobfutures_tui.models import Skip, revise
    from jobfutures_tui.models.plan import CadencePlan

    folder = tmp_path / "data"
    records = job_future("Northwind", days_ago=2)
    future = records[2]
    assert isinstance(future, Prospect)
    weekly = CadencePlan(id="weekly", name="Weekly", repeat={"kind": "check-in", "days": 7})
    skipped = Skip(at=NOW.subtract(days=1), kind="check-in")
    with Repository.open(folder) as repo:
        repo.save(*records, weekly, revise(future, cadence_plan="weekly", skips=(skipped,)))
    code, out, _ = due(capsys, folder, "--json", "--days", "30")
    (item,) = json.loads(out)["due"]
    assert code == 0
    assert item["due"] == "2026-11-29", "a week after the skip, not after the touch"
    assert item["reason"] == "check-in skipped on 22 Nov; next: check-in every 1 week"
