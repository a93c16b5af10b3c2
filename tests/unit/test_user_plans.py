"""Plans a user writes: stored, chosen per job future, and used for every due date."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pydantic import ValidationError

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.models import Company, Person, Prospect, dates, field_errors, revise
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.store.undo import UndoHistory
from jobfutures_tui.usecases.due import due_items
from jobfutures_tui.usecases.user_plans import (
    all_plans,
    choose,
    followers,
    forget_plan,
    new_plan_id,
    plan_from_values,
    plan_values,
)


def quarterly(days: int = 90) -> CadencePlan:
    return CadencePlan(id="quarterly", name="Quarterly", repeat={"kind": "check-in", "days": days})


def seed(repo: Repository, plan: CadencePlan | None = None) -> Prospect:
    """A job future that began today and chose the quarterly plan."""
    firm = Company(name="Northwind")
    person = Person(name="Dana Reyes", email="dana@example.com", company_id=firm.id)
    prospect = Prospect(
        company_id=firm.id,
        person_ids=(person.id,),
        began_on=dates.today(),
        cadence_plan="quarterly",
    )
    repo.save(firm, person, *([plan] if plan else []), prospect)
    return prospect


def due_in(repo: Repository) -> int:
    """Days until the one job future's touch is due."""
    today = dates.today()
    (item,) = due_items(repo, today=today, within_days=None)
    return (item.suggestion.due - today).days


def test_a_chosen_plan_sets_the_due_date_and_an_edit_shows_at_once(folder: Path) -> None:
    with Repository.open(folder) as repo:
        seed(repo)
        assert due_in(repo) == 1, "no such plan yet: the default (a thank-you tomorrow)"
        repo.save(quarterly())
        assert due_in(repo) == 90
        repo.save(revise(quarterly(), repeat={"kind": "check-in", "days": 30}))
        assert due_in(repo) == 30
        plan = repo.stored(CadencePlan, "quarterly")
        assert plan is not None
        repo.delete(plan)
        assert due_in(repo) == 1


def test_decisions_kept_between_sessions_follow_the_plans_file(folder: Path) -> None:
    with Repository.open(folder) as repo:
        seed(repo, quarterly())
        assert due_in(repo) == 90
    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    assert index["derived"]["files"]["plans.json"] is not None
    with Repository.open(folder, verify=False) as repo:
        assert repo.stored_decisions() is not None, "kept: nothing changed"
        assert due_in(repo) == 90
    # Edited by hand (or restored) while closed: the kept decisions are made again.
    data = orjson.loads((folder / "plans.json").read_bytes())
    row = next(iter(data["plans"].values()))
    row["repeat"]["days"] = 45
    (folder / "plans.json").write_bytes(orjson.dumps(data))
    with Repository.open(folder, verify=False) as repo:
        assert repo.stored_decisions() is None
        assert due_in(repo) == 45


def test_decisions_are_kept_without_a_plans_file_and_dropped_when_one_appears(
    folder: Path,
) -> None:
    with Repository.open(folder) as repo:
        seed(repo)
    assert not (folder / "plans.json").exists()
    with Repository.open(folder, verify=False) as repo:
        assert repo.stored_decisions() is not None
        assert due_in(repo) == 1
    # A plans file appears behind the index (a restore, a copy): decided again.
    stored = {"plans": {"quarterly": quarterly().model_dump(mode="json")}}
    (folder / "plans.json").write_bytes(orjson.dumps(stored))
    with Repository.open(folder, verify=False) as repo:
        assert repo.stored_decisions() is None
        assert due_in(repo) == 90


def test_deleting_a_plan_sends_its_followers_back_to_their_default(folder: Path) -> None:
    with Repository.open(folder) as repo:
        prospect = seed(repo, quarterly())
        other = Prospect(company_id=prospect.company_id)
        repo.save(other)
        assert followers(repo, "quarterly") == [prospect.id]
        history = UndoHistory(repo)
        save, delete = forget_plan(repo, quarterly())
        history.apply("Deleted Quarterly", save=save, delete=delete)
        assert repo.stored(CadencePlan, "quarterly") is None
        assert repo.prospect(prospect.id).cadence_plan is None  # type: ignore[union-attr]
        assert due_in_many(repo)[prospect.id] == 1
        history.undo()
        assert repo.prospect(prospect.id).cadence_plan == "quarterly"  # type: ignore[union-attr]
        assert due_in_many(repo)[prospect.id] == 90


def due_in_many(repo: Repository) -> dict[str, int]:
    today = dates.today()
    items = due_items(repo, today=today, within_days=None)
    return {item.prospect_id: (item.suggestion.due - today).days for item in items}


def test_plans_to_choose_from_are_the_built_ins_then_mine_by_name(folder: Path) -> None:
    with Repository.open(folder) as repo:
        repo.save(
            quarterly(),
            CadencePlan(id="a", name="annual", repeat={"kind": "reconnect", "days": 365}),
        )
        names = [plan.name for plan in all_plans(repo)]
        built_in = [plan.name for plan in BUILT_IN_PLANS.values()]
        assert names == [*built_in, "annual", "Quarterly"]


def test_new_plan_ids_are_readable_and_never_taken(folder: Path) -> None:
    with Repository.open(folder) as repo:
        assert new_plan_id(repo, "My Long Game!") == "my-long-game"
        assert new_plan_id(repo, "Early on") == "early-on-2", "never a built-in's id"
        assert new_plan_id(repo, "Ça va ✓") == "ca-va"
        repo.save(quarterly())
        assert new_plan_id(repo, "Quarterly") == "quarterly-2"
        assert new_plan_id(repo, "✓✓") == "plan"


def test_a_plan_from_the_form_is_checked_field_by_field(folder: Path) -> None:
    with Repository.open(folder) as repo:
        values = {"name": "Gentle", "description": "", "steps": "check-in 2 weeks\ncheck-in 0 days"}
        with pytest.raises(ValidationError) as caught:
            plan_from_values(repo, values, None)
        assert field_errors(caught.value) == {
            "steps": "line 2: '0 days': a touch comes at least 1 day after what it counts from"
        }
        with pytest.raises(ValidationError) as caught:
            plan_from_values(repo, {**values, "name": " ", "steps": "check-in 2 weeks"}, None)
        assert field_errors(caught.value) == {"name": "cannot be empty"}
        made = plan_from_values(repo, {**values, "steps": "repeat check-in every 2 weeks"}, None)
        assert (made.id, made.name, made.steps, made.repeat.days) == ("gentle", "Gentle", (), 14)  # type: ignore[union-attr]
        edited = plan_from_values(repo, {**plan_values(made), "name": "Kind"}, made)
        assert (edited.id, edited.name, edited.repeat) == (made.id, "Kind", made.repeat)
        copy = plan_values(BUILT_IN_PLANS["early-on"], copy=True)
        assert copy["name"] == "Early on (copy)"
        assert plan_from_values(repo, copy, None).steps == BUILT_IN_PLANS["early-on"].steps


def test_choosing_the_default_clears_the_choice(folder: Path) -> None:
    with Repository.open(folder) as repo:
        prospect = seed(repo, quarterly())
        assert choose(prospect, None).cadence_plan is None
        assert choose(prospect, "long-game").cadence_plan == "long-game"
