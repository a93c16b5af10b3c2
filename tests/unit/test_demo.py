"""The built-in demo data: big enough to look lived-in, consistent, reproducible."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.demo import CITY, build_demo, demo_id, populate
from jobfutures_tui.engine.history import they_replied
from jobfutures_tui.models import (
    Company,
    Direction,
    Origin,
    Outcome,
    Person,
    PersonRole,
    Profile,
    Prospect,
    Record,
    Stage,
    Touch,
    dates,
)
from jobfutures_tui.store import Repository

TODAY = pendulum.Date(2026, 3, 14)


Demo = tuple[list[Company], list[Person], list[Prospect], list[Touch]]


def _split(records: list[Record]) -> Demo:
    return (
        [r for r in records if isinstance(r, Company)],
        [r for r in records if isinstance(r, Person)],
        [r for r in records if isinstance(r, Prospect)],
        [r for r in records if isinstance(r, Touch)],
    )


@pytest.fixture(scope="module")
def demo() -> Demo:
    return _split(build_demo(TODAY))


def test_every_stage_is_populated(demo) -> None:
    _, _, prospects, _ = demo
    stages = Counter(p.stage for p in prospects)
    assert sum(stages[s] for s in Stage.board()) >= 18
    assert all(stages[s] >= 2 for s in Stage.board())
    assert stages[Stage.ARCHIVE] >= 3
    for prospect in prospects:
        assert (prospect.closed_reason is not None) == (prospect.stage is Stage.ARCHIVE)
        if prospect.stage is Stage.ARCHIVE:
            assert prospect.closed_note


def test_touches_span_the_past_eighteen_months(demo) -> None:
    _, _, prospects, touches = demo
    began = {p.id: p.began_on for p in prospects}
    assert len(touches) >= 70
    earliest = TODAY.subtract(months=18)
    for touch in touches:
        day = touch.at.date()
        assert earliest <= day < TODAY, touch.note
        assert day >= began[touch.prospect_id], touch.note
    # The board shows a spread: touched days, weeks and months ago.
    latest = {}
    for touch in touches:
        latest[touch.prospect_id] = max(latest.get(touch.prospect_id, touch.at), touch.at)
    ages = {(TODAY - at.date()).days for at in latest.values()}
    assert min(ages) <= 7
    assert any(14 <= age <= 35 for age in ages)
    assert max(ages) >= 90


def test_touches_are_varied(demo) -> None:
    _, _, _, touches = demo
    assert len({t.channel for t in touches}) == 7
    assert {t.outcome for t in touches} == set(Outcome)
    directions = Counter(t.direction for t in touches)
    assert directions[Direction.OUT] > directions[Direction.IN] > 0
    assert all(t.note for t in touches)
    assert any(t.shared for t in touches)
    for touch in touches:
        assert touch.replied is they_replied(touch.direction, touch.outcome)


def test_no_channel_twice_in_a_row_without_a_preference(demo) -> None:
    _, people, _, touches = demo
    preferred = {p.id: p.preferred_channel for p in people}
    last: dict[str, object] = {}
    for touch in sorted(touches, key=lambda t: t.at):
        if touch.direction is not Direction.OUT or preferred[touch.person_id]:
            continue
        assert last.get(touch.person_id) != touch.channel, touch.note
        last[touch.person_id] = touch.channel


def test_people_and_origins(demo) -> None:
    _, people, prospects, _ = demo
    roles = Counter(p.role for p in people)
    assert len(roles) >= 4
    assert roles.most_common(1)[0][0] is PersonRole.HIRING_MANAGER
    assert roles[PersonRole.RECRUITER] >= 3
    assert {p.origin for p in prospects} == set(Origin)
    by_id = {p.id: p for p in people}
    recruiter_only = [
        p for p in prospects if {by_id[i].role for i in p.person_ids} == {PersonRole.RECRUITER}
    ]
    assert recruiter_only
    [stopped] = [p for p in people if p.do_not_contact]
    [closed] = [p for p in prospects if stopped.id in p.person_ids]
    assert closed.stage is Stage.ARCHIVE
    assert sum(len(p.person_ids) >= 2 for p in prospects) >= 5


def test_the_seeker_lives_where_people_can_be_met_in_person() -> None:
    records = build_demo(TODAY)
    (profile,) = [r for r in records if isinstance(r, Profile)]
    assert profile.asked, "the demo never asks"
    assert profile.city == CITY and profile.name and profile.signature and profile.pitch
    assert profile.email and profile.phone and profile.linkedin.startswith("https://")
    _, people, prospects, _ = _split(records)
    neighbours = {p.id for p in people if p.city == CITY}
    assert neighbours
    assert any(p.is_open and neighbours & set(p.person_ids) for p in prospects)


def test_references_are_valid(demo) -> None:
    companies, people, prospects, touches = demo
    company_ids = {c.id for c in companies}
    company_since = {c.id: c.created_at.date() for c in companies}
    person_company = {p.id: p.company_id for p in people}
    prospect_by_id = {p.id: p for p in prospects}
    for person in people:
        assert person.company_id in company_ids
    for prospect in prospects:
        assert prospect.company_id in company_ids
        assert company_since[prospect.company_id] == prospect.began_on
        assert prospect.person_ids
        for person_id in prospect.person_ids:
            assert person_company[person_id] == prospect.company_id
        if prospect.stage is Stage.REFERRAL:
            assert prospect.origin is Origin.REFERRED
            assert person_company[prospect.referred_by_id] != prospect.company_id
    for touch in touches:
        prospect = prospect_by_id[touch.prospect_id]
        assert touch.person_id in prospect.person_ids


def test_ids_are_unique_and_stable(demo) -> None:
    companies, _, prospects, _ = demo
    records = build_demo(TODAY)
    assert len({r.id for r in records}) == len(records)
    names = {c.name: c.id for c in companies}
    assert names["Northwind Logistics"] == demo_id("company", "Northwind Logistics")
    assert "Initech [Labs]" in names
    assert "Café Olé Roasters" in names
    assert any(p.company_id == names["Contoso, Ltd."] for p in prospects)


def test_same_today_same_data() -> None:
    first = build_demo(TODAY)
    assert first == build_demo(TODAY)
    assert [r.model_dump(mode="json") for r in first] == [
        r.model_dump(mode="json") for r in build_demo(pendulum.Date(2026, 3, 14))
    ]
    assert first != build_demo(TODAY.add(days=1))


def test_default_today_is_the_users_today() -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 3, 14, 12), freeze=True):
        records = build_demo()
        users_today = dates.today()
    assert records == build_demo(users_today)


def test_everything_moves_with_today() -> None:
    before = build_demo(TODAY)
    after = build_demo(TODAY.add(days=100))
    for old, new in zip(before, after, strict=True):
        assert old.id == new.id
        assert old.created_at.add(days=100) == new.created_at
        assert old.updated_at.add(days=100) == new.updated_at
        if isinstance(old, Touch):
            assert old.at.add(days=100) == new.at


def test_populate_survives_a_reopen(tmp_path: Path) -> None:
    records = build_demo(TODAY)
    companies, people, prospects, touches = _split(records)
    repo = Repository.open(tmp_path / "d")
    try:
        populate(repo, TODAY)
    finally:
        repo.close()
    with Repository.open(tmp_path / "d") as reopened:
        assert reopened.profile() in records
        assert len(reopened.companies()) == len(companies)
        assert len(reopened.people()) == len(people)
        assert len(reopened.prospects()) == len(prospects)
        assert len(reopened.prospects(include_archived=False)) == sum(p.is_open for p in prospects)
        assert reopened.touch_count() == len(touches)
        northwind = demo_id("prospect", "Northwind Logistics")
        assert reopened.prospect(northwind) == next(p for p in prospects if p.id == northwind)
        stored = sorted(
            (t for p in prospects for t in reopened.touches_for(p.id)), key=lambda t: t.id
        )
        assert stored == sorted(touches, key=lambda t: t.id)


def test_the_demos_touches_say_what_they_were_for_and_in_which_words(tmp_path: Path) -> None:
    from jobfutures_tui.engine.script_library import LIBRARY
    from jobfutures_tui.models import Direction, Touch
    from jobfutures_tui.usecases.insights import insights

    touches = [r for r in build_demo(TODAY) if isinstance(r, Touch)]
    shipped = {item.id: item for item in LIBRARY}
    for touch in touches:
        if touch.direction is Direction.IN:
            assert touch.kind is None, "their touches are answers, not plans of yours"
        if touch.script_id is not None:
            script = shipped[touch.script_id]
            assert not script.channels or touch.channel in script.channels, touch.note
            assert script.kind in (None, touch.kind), touch.note
    with Repository.open(tmp_path / "data") as repo:
        populate(repo, today=TODAY)
        replies = insights(repo, today=TODAY).figures.replies
    kinds = {rate.label for rate in replies.by_kind}
    assert {"thank-you", "something useful", "follow-up", "check-in"} <= kinds
    assert len([rate for rate in replies.by_script if rate.label != "(no script)"]) >= 8
