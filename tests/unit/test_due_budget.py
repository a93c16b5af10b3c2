"""The daily budget over real data (usecases.due.due_list), on a frozen calendar:
Monday 7 December 2026, with the edges: a budget of 1, a week of holidays,
overdue work beyond the budget."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui import settings
from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import When, due_items, due_list

NOW = pendulum.datetime(2026, 12, 7, 15, tz="UTC")  # a Monday
MON = NOW.date()


frozen = frozen_at(NOW)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repository:
        yield repository


def due_on(repo: Repository, name: str, day: pendulum.Date) -> str:
    """A job future whose thank-you is due on ``day`` (snoozed to it)."""
    firm = Company(name=name)
    who = Person(name="Jo Lee", company_id=firm.id, email="jo@example.com")
    future = Prospect(
        company_id=firm.id, person_ids=(who.id,), began_on=MON.subtract(days=20), snoozed_until=day
    )
    repo.save(firm, who, future)
    return future.id


def overdue(repo: Repository, name: str, days: int) -> str:
    """A job future never thanked, ``days`` after its interview: overdue, and more
    urgent the older it is."""
    firm = Company(name=name)
    who = Person(name="Jo Lee", company_id=firm.id, email="jo@example.com")
    future = Prospect(company_id=firm.id, person_ids=(who.id,), began_on=MON.subtract(days=days))
    repo.save(firm, who, future)
    return future.id


def companies(listing, day: pendulum.Date) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.company for item in listing.items if listing.shown_on(item) == day]


def test_without_a_budget_nothing_changes(repo: Repository) -> None:
    for name in "ABC":
        due_on(repo, name, MON)
    listing = due_list(repo, today=MON, budget=None)
    assert listing.items == due_items(repo, today=MON)
    assert listing.moved_to == {} and listing.note is None


def test_a_budget_of_one_keeps_the_most_urgent_and_moves_the_rest_a_day_each(
    repo: Repository,
) -> None:
    due_on(repo, "Today A", MON)
    due_on(repo, "Today B", MON)
    late = overdue(repo, "Late", 12)
    listing = due_list(repo, today=MON, budget=1)
    assert listing.items[0].prospect_id == late, "the overdue one is kept"
    assert listing.when(listing.items[0], MON) is When.OVERDUE
    today = [item for item in listing.items if listing.shown_on(item) <= MON]
    assert len(today) == 1, "one touch today, overdue included"
    assert companies(listing, MON.add(days=1)) == ["Today A"] or companies(
        listing, MON.add(days=1)
    ) == ["Today B"]
    assert len(companies(listing, MON.add(days=2))) == 1
    assert listing.note == "Budget 1 a day: 2 moved — 1 to Tue 8 Dec, 1 to Wed 9 Dec"


def test_a_week_of_holidays_moves_the_rest_to_the_next_fridays(repo: Repository) -> None:
    settings.save({"workdays": ["fri"]})
    for days in (12, 13, 14):
        overdue(repo, f"Late {days}", days)
    listing = due_list(repo, today=MON, budget=1)
    assert {item.suggestion.due.weekday() for item in listing.items} == {4}, "due on fridays"
    fri, next_fri = MON.add(days=4), MON.add(days=11)
    assert [listing.shown_on(item) for item in listing.items][1:] == [fri, next_fri]
    assert len(listing.items) == 3 and listing.items[0].prospect_id not in listing.moved_to
    assert listing.when(listing.items[-1], MON) is When.LATER, "listed, past this week"
    assert listing.note == "Budget 1 a day: 2 moved — 1 to Fri 11 Dec, 1 to Fri 18 Dec (2 overdue)"


def test_overdue_work_beyond_the_budget_is_moved_and_said_never_hidden(
    repo: Repository,
) -> None:
    late = [overdue(repo, f"Late {days}", days) for days in (10, 11, 12, 13)]
    on_time = [due_on(repo, f"Today {n}", MON) for n in range(3)]
    listing = due_list(repo, today=MON, budget=2)
    assert {item.prospect_id for item in listing.items} == {*late, *on_time}, "nothing hidden"
    kept = [item for item in listing.items if item.prospect_id not in listing.moved_to]
    assert [item.company for item in kept] == ["Late 13", "Late 12"], "the most urgent stay"
    assert all(listing.when(item, MON) is When.OVERDUE for item in kept)
    per_day: dict[pendulum.Date, int] = {}
    for item in listing.items:
        per_day[listing.shown_on(item)] = per_day.get(listing.shown_on(item), 0) + 1
    assert all(count <= 2 for day, count in per_day.items() if day >= MON)
    assert listing.note is not None
    assert listing.note.startswith("Budget 2 a day: 5 moved — 2 to Tue 8 Dec, 2 to Wed 9 Dec")
    assert listing.note.endswith("(2 overdue)")


def test_the_note_sums_up_past_three_days(repo: Repository) -> None:
    for n in range(5):
        due_on(repo, f"Co {n}", MON)
    listing = due_list(repo, today=MON, budget=1)
    assert listing.note == (
        "Budget 1 a day: 4 moved — 1 to Tue 8 Dec, 1 to Wed 9 Dec, 2 more by Fri 11 Dec"
    )


def test_touches_due_later_count_towards_their_own_day(repo: Repository) -> None:
    """Monday's extra touch cannot take Tuesday's place too: one of the two goes to Wednesday."""
    due_on(repo, "Tuesday", MON.add(days=1))
    due_on(repo, "Monday A", MON)
    due_on(repo, "Monday B", MON)
    listing = due_list(repo, today=MON, budget=1)
    shown = sorted(listing.shown_on(item) for item in listing.items)
    assert shown == [MON, MON.add(days=1), MON.add(days=2)]
    assert listing.note == "Budget 1 a day: 2 moved — 1 to Tue 8 Dec, 1 to Wed 9 Dec"


def test_weekends_hold_nothing_moved_with_the_usual_week(repo: Repository) -> None:
    settings.save({"workdays": "mon tue wed thu fri"})
    fri = MON.add(days=4)
    for n in range(3):
        due_on(repo, f"Friday {n}", fri)
    listing = due_list(repo, today=MON, budget=2, within_days=14)
    assert companies(listing, MON.add(days=7)) != [], "the third goes to next Monday"
    assert listing.note == "Budget 2 a day: 1 moved — 1 to Mon 14 Dec"
