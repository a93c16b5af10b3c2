"""The store keeps each job future's cadence summary, and the engine's decisions, right.

Real stores on real files: summaries kept across saves, deletes and edits (a
touch moved to another month), rebuilt when the index is stale; decisions kept
between sessions only while the records they were made from are unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.cadence import suggest_next
from jobfutures_tui.engine.history import summarise
from jobfutures_tui.models import Channel, Outcome, Person, Prospect, Touch, revise
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.usecases import decisions as decisions_module
from jobfutures_tui.usecases.due import due_items

JAN = pendulum.datetime(2026, 1, 5, 9, tz="UTC")
TODAY = pendulum.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)


@pytest.fixture
def decided(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The job futures the engine decided for afresh from now on."""
    seen: list[str] = []
    original = decisions_module.decide

    def spy(prospect: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(prospect.id)
        return original(prospect, *args, **kwargs)

    monkeypatch.setattr(decisions_module, "decide", spy)
    return seen


def world(make: Any, name: str = "Acme") -> dict[str, Any]:
    acme = make.company(name)
    dana = Person(name="Dana Reyes", email="dana@example.com", company_id=acme.id)
    future = make.prospect(acme, person_ids=(dana.id,), began_on=JAN.date())
    return {"company": acme, "person": dana, "prospect": future}


def sent(prospect: Prospect, at: pendulum.DateTime, **fields: Any) -> Touch:
    fields.setdefault("channel", "email")
    return Touch(prospect_id=prospect.id, person_id=prospect.person_ids[0], at=at, **fields)


def expected(repo: Repository, prospect_id: str) -> Any:
    """The summary worked out from every touch, validated."""
    touches = repo.touches_for(prospect_id)
    return summarise(touches) if touches else None


def fresh(repo: Repository, today: pendulum.Date = TODAY) -> dict[str, Any]:
    """Every open job future's suggestion from validated records and all their touches."""
    found = {}
    for prospect in repo.prospects(include_archived=False):
        people = [p for p in (repo.person(i) for i in prospect.person_ids) if p]
        found[prospect.id] = suggest_next(
            prospect,
            people,
            repo.touches_for(prospect.id),
            today=today,
            snoozed_until=prospect.snoozed_until,
            tz=dates_module.local_timezone(),
        )
    return found


def listed(repo: Repository, today: pendulum.Date = TODAY) -> dict[str, Any]:
    return {i.prospect_id: i.suggestion for i in due_items(repo, today=today, within_days=None)}


# ------------------------------------------------------------ summaries


def test_the_summary_follows_saves_edits_and_deletes(folder: Path, make: Any) -> None:
    w = world(make)
    future = w["prospect"]
    first = sent(future, JAN)
    answer = sent(future, JAN.add(days=3), direction="in", outcome="replied")
    with Repository.open(folder) as repo:
        repo.save(w["company"], w["person"], future, first, answer)
        assert repo.cadence_summary(future.id) == expected(repo, future.id)
        assert repo.cadence_summary(future.id).streak == 0

        # Moved to another month and made unanswered.
        moved = revise(answer, at=JAN.add(months=1), direction="out", outcome="sent")
        repo.save(moved)
        summary = repo.cadence_summary(future.id)
        assert summary == expected(repo, future.id)
        assert (summary.streak, summary.last.id, summary.last_answer_at) == (2, answer.id, None)
        assert repo.last_touch(future.id).at == JAN.add(months=1)

        repo.delete(moved)
        assert repo.cadence_summary(future.id) == expected(repo, future.id)
        assert repo.cadence_summary(future.id).touches == 1
        repo.delete(first)
        assert repo.cadence_summary(future.id) is None

        # Back-dated: logged last, happened first.
        late = sent(future, JAN.add(days=10), outcome="conversation")
        early = sent(future, JAN, outcome="no-answer")
        repo.save(late)
        repo.save(early)
        assert repo.cadence_summary(future.id) == expected(repo, future.id)
        assert repo.cadence_summary(future.id).last.id == late.id

    with Repository.open(folder, verify=False) as repo:
        assert not repo._touches.loaded
        assert repo.cadence_summary(future.id) == expected(repo, future.id)


def test_a_touch_moved_to_another_job_future_changes_both(folder: Path, make: Any) -> None:
    a, b = world(make, "Acme"), world(make, "Beta")
    touch = sent(a["prospect"], JAN)
    with Repository.open(folder) as repo:
        repo.save(*a.values(), *b.values(), touch)
        assert repo.cadence_summary(a["prospect"].id).touches == 1
        repo.save(revise(touch, prospect_id=b["prospect"].id, person_id=b["person"].id))
        assert repo.cadence_summary(a["prospect"].id) is None
        assert repo.cadence_summary(b["prospect"].id).last.id == touch.id


def test_a_stale_or_odd_index_is_rebuilt_from_the_touches(folder: Path, make: Any) -> None:
    w = world(make)
    future = w["prospect"]
    with Repository.open(folder) as repo:
        repo.save(*w.values(), sent(future, JAN))
    month = folder / "touches/2026-01.json"
    month.write_bytes(month.read_bytes().replace(b'"sent"', b'"conversation"'))
    with Repository.open(folder, verify=False) as repo:
        assert repo._touches.loaded, "the month changed behind the index: read again"
        assert repo.cadence_summary(future.id).last.outcome is Outcome.CONVERSATION

    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    index["summaries"][future.id] = ["not", "a", "summary"]
    (folder / INDEX_NAME).write_bytes(orjson.dumps(index))
    with Repository.open(folder, verify=False) as repo:
        assert repo.cadence_summary(future.id) == expected(repo, future.id)


def test_a_bad_touch_is_refused_when_its_summary_is_needed(folder: Path, make: Any) -> None:
    w = world(make)
    future = w["prospect"]
    touch = sent(future, JAN)
    with Repository.open(folder) as repo:
        repo.save(*w.values(), touch)
    (folder / INDEX_NAME).unlink()
    month = folder / "touches/2026-01.json"
    month.write_bytes(month.read_bytes().replace(b'"email"', b'"pigeon"'))
    with Repository.open(folder, verify=False) as repo, pytest.raises(DataRefused, match="pigeon"):
        repo.cadence_summary(future.id)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "move", "delete"]),
        st.integers(0, 5),
        st.integers(0, 120),
        st.sampled_from(list(Outcome)),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
def test_any_sequence_of_changes_keeps_every_summary_right(
    tmp_path_factory: pytest.TempPathFactory, make: Any, ops: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("data")
    a, b = world(make, "Acme"), world(make, "Beta")
    futures = [a["prospect"], b["prospect"]]
    touches: list[Touch] = []
    with Repository.open(folder) as repo:
        repo.save(*a.values(), *b.values())
        for op, pick, days, outcome in ops:
            if op == "add" or not touches:
                touch = sent(futures[pick % 2], JAN.add(days=days), outcome=outcome)
                repo.save(touch)
                touches.append(touch)
                continue
            index = pick % len(touches)
            old = touches[index]
            if op == "delete":
                repo.delete(touches.pop(index))
                continue
            if op == "edit":
                new = revise(old, outcome=outcome, channel=Channel.CALL)
            else:  # to another day (maybe another month), maybe another job future
                other = futures[pick % 2]
                new = revise(
                    old,
                    at=JAN.add(days=days),
                    prospect_id=other.id,
                    person_id=other.person_ids[0],
                )
            repo.save(new)
            touches[index] = new
            for future in futures:
                assert repo.cadence_summary(future.id) == expected(repo, future.id)
    with Repository.open(folder, verify=False) as repo:
        for future in futures:
            mine = [t for t in touches if t.prospect_id == future.id]
            assert repo.cadence_summary(future.id) == (summarise(mine) if mine else None)


# ------------------------------------------------------------ decisions


def test_decisions_are_kept_between_sessions(folder: Path, make: Any, decided: list[str]) -> None:
    worlds = [world(make, name) for name in ("Acme", "Beta", "Gamma")]
    with Repository.open(folder) as repo:
        for w in worlds:
            repo.save(*w.values(), sent(w["prospect"], JAN))
    decided.clear()
    with Repository.open(folder, verify=False) as repo:
        assert listed(repo) == fresh(repo)
        assert decided == [], "every decision came from the index"
        assert listed(repo, TODAY.add(days=40)) == fresh(repo, TODAY.add(days=40))
        assert decided == []


def test_a_change_this_session_is_decided_again(
    folder: Path, make: Any, decided: list[str]
) -> None:
    a, b = world(make, "Acme"), world(make, "Beta")
    with Repository.open(folder) as repo:
        repo.save(*a.values(), *b.values(), sent(a["prospect"], JAN), sent(b["prospect"], JAN))
    decided.clear()
    with Repository.open(folder) as repo:
        before = listed(repo)
        assert before[a["prospect"].id].channel is Channel.EMAIL  # only email: again
        # A person's details, a snooze, a touch: each changes the answer.
        repo.save(revise(a["person"], phone="+1 555 0100", preferred_channel="call"))
        assert listed(repo) == fresh(repo)
        assert listed(repo)[a["prospect"].id].channel is Channel.CALL
        assert decided == [a["prospect"].id]
        repo.save(revise(b["prospect"], snoozed_until=TODAY.add(days=30)))
        repo.save(sent(b["prospect"], JAN.add(days=20), direction="in", outcome="replied"))
        now = listed(repo)
        assert now == fresh(repo)
        assert now[b["prospect"].id].due == TODAY.add(days=30)
        # Undo: the old version comes back with its old stamp; so does the answer.
        repo.save(a["person"])
        assert listed(repo)[a["prospect"].id] == before[a["prospect"].id]


def test_records_changed_behind_the_index_are_decided_again(
    folder: Path, make: Any, decided: list[str]
) -> None:
    w = world(make)
    with Repository.open(folder) as repo:
        repo.save(*w.values(), sent(w["prospect"], JAN))
    people = folder / "people.json"
    people.write_bytes(people.read_bytes().replace(b'"phone":""', b'"phone":"+1 555 0100"'))
    decided.clear()
    with Repository.open(folder, verify=False) as repo:
        assert repo.stored_decisions() is None
        assert listed(repo)[w["prospect"].id].channel is Channel.CALL
        assert decided == [w["prospect"].id]


def test_another_time_zone_is_decided_again(
    folder: Path, make: Any, decided: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    w = world(make)
    with Repository.open(folder) as repo:
        repo.save(*w.values(), sent(w["prospect"], JAN.set(hour=23)))
    auckland = pendulum.timezone("Pacific/Auckland")
    monkeypatch.setattr(dates_module, "local_timezone", lambda: auckland)
    decided.clear()
    with Repository.open(folder, verify=False) as repo:
        assert listed(repo) == fresh(repo)
        assert decided == [w["prospect"].id]
