"""The insights' counts and the day's figures, kept in the derived index between
sessions: the next session reads no touch to show them, and says what counting
everything afresh says, whatever changed in between (docs/insights.md, "How fast")."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum
import pytest
from clock import frozen_at
from test_insights import NOW, TODAY, follow_through_futures, three_futures, touch

from jobfutures_tui.models import Channel, Direction, Person, Prospect, Record, Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.usecases import insights_memo
from jobfutures_tui.usecases.insights import insights
from jobfutures_tui.usecases.insights_result import as_text, from_text
from jobfutures_tui.usecases.insights_words import as_json
from jobfutures_tui.usecases.kept_shares import share_from_text, totals_from_text

frozen = frozen_at(NOW)


def every_record() -> list[Record]:
    records, _ = three_futures()
    return [*records, *follow_through_futures()]


def counted_session(data: Path, records: list[Record]) -> None:
    """A session that saves the records and looks at the insights, as the app does."""
    with Repository.open(data) as repo:
        repo.save(*records)
        insights(repo, today=TODAY)


def afresh(data: Path, tmp_path: Path, today: pendulum.Date) -> dict[str, Any]:
    """What counting every touch says (a copy of the data, without the index)."""
    copy = tmp_path / "afresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(data, copy, ignore=shutil.ignore_patterns("backups", "jobfutures.lock"))
    (copy / INDEX_NAME).unlink()
    with Repository.open(copy, read_only=True) as repo:
        return as_json(insights(repo, today=today))


def test_the_same_day_the_figures_are_shown_as_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    counted_session(data, every_record())
    with Repository.open(data, verify=False) as repo:
        found = insights(repo, today=TODAY, goal=4)
        assert not repo.history_loaded, "no month of touches read"
        assert repo not in insights_memo.MEMOS, "nothing counted"
    assert found.figures.weekly_goal == 4, "the goal is the settings', not the kept one"
    assert as_json(found) == afresh(data, tmp_path, TODAY) | {"weekly_goal": 4}


def test_a_day_later_the_totals_are_kept_and_no_touch_is_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    counted_session(data, every_record())
    tomorrow = TODAY.add(days=1)
    with pendulum.travel_to(NOW.add(days=1), freeze=True):
        with Repository.open(data, verify=False) as repo:
            found = as_json(insights(repo, today=tomorrow))
            assert not repo.history_loaded, "no month of touches read"
            assert repo not in insights_memo.MEMOS, "read off the kept totals"
        assert found == afresh(data, tmp_path, tomorrow)


def _new_touch(repo: Repository, records: list[Record]) -> None:
    pa = next(r for r in records if isinstance(r, Prospect))
    ann = next(r for r in records if isinstance(r, Person) and r.name == "Ann Lee")
    repo.save(touch(pa, ann, "2026-11-22", Channel.EMAIL, direction=Direction.IN))


def _a_move(repo: Repository, records: list[Record]) -> None:
    pb = [r for r in records if isinstance(r, Prospect)][1]
    repo.save(pb.model_copy(update={"stage": Stage.OFFER, "stage_changed_at": NOW}))


def _a_person(repo: Repository, records: list[Record]) -> None:
    ann = next(r for r in records if isinstance(r, Person) and r.name == "Ann Lee")
    repo.save(ann.model_copy(update={"do_not_contact": True}))


def _a_deletion(repo: Repository, records: list[Record]) -> None:
    pc = [r for r in records if isinstance(r, Prospect)][2]
    repo.delete(pc)


def _a_new_future(repo: Repository, records: list[Record]) -> None:
    first = next(r for r in records if isinstance(r, Prospect))
    repo.save(Prospect(company_id=first.company_id, person_ids=first.person_ids))


CHANGES: dict[str, Callable[[Repository, list[Record]], None]] = {
    "a new touch": _new_touch,
    "a move": _a_move,
    "a person's change": _a_person,
    "a deletion": _a_deletion,
    "a new job future": _a_new_future,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_made_without_counting_is_counted_next_time(tmp_path: Path, change: str) -> None:
    """A shell command changes the data and counts nothing: the next session counts what
    it changed, and the rest as kept, the same day and the next."""
    data = tmp_path / "data"
    records = every_record()
    counted_session(data, records)
    with Repository.open(data, verify=False) as repo:
        CHANGES[change](repo, records)
    for today, now in ((TODAY, NOW), (TODAY.add(days=1), NOW.add(days=1))):
        with pendulum.travel_to(now, freeze=True):
            with Repository.open(data, verify=False, read_only=True) as repo:
                found = as_json(insights(repo, today=today))
            assert found == afresh(data, tmp_path, today), today


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_made_after_counting_is_kept_counted(tmp_path: Path, change: str) -> None:
    """The app counted, then something changed: the figures kept at close are brought up
    to date first."""
    data = tmp_path / "data"
    records = every_record()
    with Repository.open(data) as repo:
        repo.save(*records)
        insights(repo, today=TODAY)
        CHANGES[change](repo, records)
    with Repository.open(data, verify=False) as repo:
        found = as_json(insights(repo, today=TODAY))
        assert not repo.history_loaded, "kept, not counted again"
    assert found == afresh(data, tmp_path, TODAY)


def test_the_figures_read_back_as_written(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Repository.open(data) as repo:
        repo.save(*every_record())
        found = insights(repo, today=TODAY, goal=3)
    again = from_text(as_text(found), 3)
    assert again == found


@pytest.mark.parametrize("text", ["", "[]", "{}", '{"today": "x"}', "[1, 2, 3]", "null"])
def test_an_odd_kept_text_reads_as_nothing_kept(text: str) -> None:
    assert from_text(text, None) is None
    assert share_from_text(text) is None
    assert totals_from_text(text) is None


def test_a_session_that_changed_nothing_keeps_the_figures(tmp_path: Path) -> None:
    """Quitting the app before it counted (the index still written, for where the rows
    lie) keeps the day's figures as they were."""
    data = tmp_path / "data"
    counted_session(data, every_record())
    before = (data / INDEX_NAME).stat().st_mtime_ns
    with Repository.open(data, verify=False, streamed=True):
        pass
    assert (data / INDEX_NAME).stat().st_mtime_ns != before, "the index was written again"
    with Repository.open(data, verify=False) as repo:
        insights(repo, today=TODAY)
        assert repo not in insights_memo.MEMOS, "the kept figures, not a count"


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_made_before_counting_is_counted(tmp_path: Path, change: str) -> None:
    """Something changed in this session before the insights first counted: the kept
    shares of what it touched are not taken as they were."""
    data = tmp_path / "data"
    records = every_record()
    counted_session(data, records)
    with Repository.open(data, verify=False) as repo:
        CHANGES[change](repo, records)
        found = as_json(insights(repo, today=TODAY))
    assert found == afresh(data, tmp_path, TODAY)
