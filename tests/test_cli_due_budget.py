"""``jobfutures due`` with a daily budget: the same rule and the same note as Today."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui import cli, settings
from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import due_list

NOW = pendulum.datetime(2026, 12, 7, 15, tz="UTC")  # a Monday
MON = NOW.date()


frozen = frozen_at(NOW)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three thank-yous due today, and two overdue."""
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        for n in range(5):
            firm = Company(name=f"Firm {n}")
            who = Person(name="Jo Lee", company_id=firm.id, email="jo@example.com")
            began = MON.subtract(days=12 + n) if n < 2 else MON.subtract(days=20)
            snoozed = None if n < 2 else MON
            future = Prospect(
                company_id=firm.id, person_ids=(who.id,), began_on=began, snoozed_until=snoozed
            )
            repo.save(firm, who, future)
    return folder


def due(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> str:
    assert cli.main(["--data", str(folder), "due", *args]) == 0
    return capsys.readouterr().out


def test_the_budget_note_comes_first_and_moved_touches_say_where(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    settings.save({"daily_budget": 2})
    out = due(capsys, folder)
    with Repository.open(folder, read_only=True) as repo:
        listing = due_list(repo, today=MON, budget=2)
    assert listing.note is not None
    lines = out.splitlines()
    assert lines[0] == listing.note == "Budget 2 a day: 3 moved — 2 to Tue 8 Dec, 1 to Wed 9 Dec"
    assert lines[1] == "" and lines[2] == "Overdue"
    assert sum("moved to Tue 8 Dec" in line for line in lines) == 2
    assert sum("moved to Wed 9 Dec" in line for line in lines) == 1
    assert "Today" not in lines, "today's touches all moved: the overdue ones fill the budget"


def test_an_overdue_touch_moved_says_how_late_it_is_as_today_does(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    settings.save({"daily_budget": 1})
    lines = due(capsys, folder).splitlines()
    with Repository.open(folder, read_only=True) as repo:
        listing = due_list(repo, today=MON, budget=1)
    moved_late = [
        item
        for item in listing.items
        if item.prospect_id in listing.moved_to and item.suggestion.overdue_days
    ]
    (item,) = moved_late
    days = item.suggestion.overdue_days
    said = [line for line in lines if line.startswith(f"  {item.company} ")]
    assert said[0].endswith(f"moved to Tue 8 Dec · {days} days late"), said


def test_json_says_where_each_moved(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    settings.save({"daily_budget": 4})
    data = json.loads(due(capsys, folder, "--json"))
    assert data["budget"] == {"daily": 4, "note": "Budget 4 a day: 1 moved — 1 to Tue 8 Dec"}
    moved = [item for item in data["due"] if item["moved_to"]]
    assert [item["moved_to"] for item in moved] == ["2026-12-08"]


def test_no_budget_no_note(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    out = due(capsys, folder)
    assert not out.startswith("Budget") and "moved to" not in out
    data = json.loads(due(capsys, folder, "--json"))
    assert "budget" not in data and all("moved_to" not in item for item in data["due"])
