"""The due list cut to its most urgent touches (usecases.due, ``limit``): the same
touches, in the same order, as the head of the whole list, ties on urgency and date
broken by the company's name as before; and how many were left out, by group."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import When, due_items, due_list, next_due, when

NOW = pendulum.datetime(2026, 12, 7, 15, tz="UTC")  # a Monday
MON = NOW.date()
NAMES = ("Acme", "acme", "Birch", "Cedar", "Dune")
"""Few names, so that many touches tie on everything but the name (and some on it too)."""


@pytest.fixture(scope="module")
def frozen() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)
        with pendulum.travel_to(NOW, freeze=True):
            yield


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, frozen: None) -> Iterator[Repository]:
    """48 job futures: never thanked 3, 9 or 30 days after the interview (overdue, each
    age equally urgent), or snoozed to today, Wednesday, next Monday or in a month."""
    folder = tmp_path_factory.mktemp("limit") / "data"
    with Repository.open(folder) as seed:
        for n in range(48):
            firm = Company(name=NAMES[n % len(NAMES)])
            who = Person(name=f"Jo {n}", company_id=firm.id, email=f"jo{n}@example.com")
            if n % 2:
                began, snoozed = MON.subtract(days=(3, 9, 30)[n % 3]), None
            else:
                began, snoozed = MON.subtract(days=20), MON.add(days=(0, 2, 7, 30)[n // 2 % 4])
            future = Prospect(
                company_id=firm.id, person_ids=(who.id,), began_on=began, snoozed_until=snoozed
            )
            seed.save(firm, who, future)
    with Repository.open(folder, read_only=True) as repository:
        yield repository


def listed(items) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(item.prospect_id, item.company) for item in items]


@settings(max_examples=examples(40), deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=60),
    days=st.sampled_from([0, 7, 40, None]),
)
def test_the_first_few_are_the_head_of_the_whole_list(
    repo: Repository, limit: int, days: int | None
) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        whole = due_items(repo, today=MON, within_days=days)
        assert listed(due_items(repo, today=MON, within_days=days, limit=limit)) == listed(
            whole[:limit]
        )
        listing = due_list(repo, today=MON, within_days=days, limit=limit)
    assert listed(listing.items) == listed(whole[:limit])
    assert listing.left_out == Counter(when(item.suggestion.due, MON) for item in whole[limit:])


@settings(max_examples=examples(20), deadline=None)
@given(limit=st.integers(min_value=1, max_value=60), budget=st.integers(min_value=1, max_value=9))
def test_with_a_daily_budget_the_first_few_are_those_it_shows_first(
    repo: Repository, limit: int, budget: int
) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        whole = due_list(repo, today=MON, budget=budget)
        cut = due_list(repo, today=MON, budget=budget, limit=limit)
    assert listed(cut.items) == listed(whole.items[:limit])
    assert cut.note == whole.note and cut.moved_to == whole.moved_to
    assert cut.left_out == Counter(whole.when(item, MON) for item in whole.items[limit:])


def test_a_list_within_the_limit_leaves_nothing_out(repo: Repository) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        listing = due_list(repo, today=MON, within_days=None, limit=100)
    assert len(listing.items) == 48 and not listing.left_out
    # The data has what the tests above need: every group, and ties broken by name.
    assert set(Counter(when(item.suggestion.due, MON) for item in listing.items)) == set(When)
    firsts = [(item.suggestion.due, item.suggestion.urgency.total) for item in listing.items]
    assert len(set(firsts)) < len(firsts) / 4


def test_the_next_touch_is_the_soonest_then_the_first_by_name(tmp_path: Path) -> None:
    with pendulum.travel_to(NOW, freeze=True), Repository.open(tmp_path / "data") as repo:
        for name in ("Zeta", "Alpha", "Mid"):
            firm = Company(name=name)
            who = Person(name="Jo", company_id=firm.id, email="jo@example.com")
            repo.save(
                firm,
                who,
                Prospect(
                    company_id=firm.id,
                    person_ids=(who.id,),
                    began_on=MON.subtract(days=20),
                    snoozed_until=MON.add(days=30 if name == "Mid" else 20),
                ),
            )
        upcoming = next_due(repo, today=MON)
    assert upcoming is not None and upcoming.company == "Alpha" and upcoming.person == "Jo"
