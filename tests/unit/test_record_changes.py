"""The changes a user makes besides a job future's own (usecases/record_changes.py)
and the profile (usecases/changes.save_profile): one definition each of what a
change saves, deletes and says, for every screen (and the shell) that makes it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.models import Company, Person, Profile, Prospect, Script, Touch
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import changes, record_changes
from jobfutures_tui.usecases.joining import join
from jobfutures_tui.usecases.lifecycle import people_used

NEW_YORK = pendulum.timezone("America/New_York")


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


def seeded(repo: Repository) -> tuple[Prospect, Person]:
    firm = Company(name="Northwind")
    dana = Person(name="Dana Reyes", company_id=firm.id, email="dana@example.com")
    prospect = Prospect(company_id=firm.id, person_ids=(dana.id,), role="Data Engineer")
    repo.save(firm, dana, prospect)
    return prospect, dana


def test_the_profile_is_saved_one_way_and_not_again_when_unchanged() -> None:
    profile = Profile(name="Sam Okafor", asked=True)
    assert changes.save_profile(profile).save == (profile,)
    assert changes.save_profile(profile).label == "Saved your profile"
    same = changes.save_profile(profile, stored=profile)
    assert same.empty and same.label == "Your profile says so already"
    never_asked = profile.model_copy(update={"asked": False})
    assert not changes.save_profile(profile, stored=never_asked).empty
    assert not changes.save_profile(profile, stored=Profile(name="Sam")).empty
    asked = changes.mark_profile_asked(Profile())
    assert [p.asked for p in asked.save] == [True]  # type: ignore[attr-defined]


def test_people_join_link_and_leave_a_job_future(repo: Repository) -> None:
    prospect, dana = seeded(repo)
    jo = Person(name="Jo Lee", company_id=prospect.company_id)
    repo.save(jo)
    joined = join(repo, prospect.id, jo.id)
    assert joined.label == "Added Jo Lee to Northwind" and joined.select == jo.id
    assert joined.save[0].person_ids == (dana.id, jo.id)  # type: ignore[attr-defined]
    assert join(repo, prospect.id, dana.id).empty, "already one of its people"
    assert join(repo, "gone", jo.id).empty
    assert record_changes.link_known_person(prospect, dana).empty
    linked = record_changes.link_known_person(prospect, jo)
    assert (linked.label, linked.select) == ("Linked Jo Lee", jo.id)
    removed = record_changes.remove_person(repo, prospect, dana)
    assert removed.label == "Removed Dana Reyes"
    assert removed.delete == (dana,), "used by nothing else: the person goes too"
    new = Person(name="Ari Moss", company_id=prospect.company_id)
    added = record_changes.add_person_to(prospect, [new])
    assert added.label == "Added Ari Moss" and added.select == new.id
    assert added.save[-1].person_ids == (dana.id, new.id)  # type: ignore[attr-defined]
    saved = record_changes.save_person([new], added=False)
    assert (saved.label, saved.select) == ("Edited Ari Moss", new.id)


def test_a_removed_touch_is_named_by_its_local_day(
    repo: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: NEW_YORK)
    prospect, dana = seeded(repo)
    late = pendulum.datetime(2026, 12, 8, 2, 0, tz="UTC")  # still Monday 7 in New York
    touch = Touch(prospect_id=prospect.id, person_id=dana.id, at=late, channel="call")
    removed = record_changes.remove_touch(touch)
    assert removed.label == "Removed the call of Mon 7 Dec" and removed.delete == (touch,)


def test_the_story_form_edits_name_the_company(repo: Repository) -> None:
    prospect, _ = seeded(repo)
    company = repo.company(prospect.company_id)
    assert company is not None
    edited = record_changes.edit_story(repo, prospect, {"role": "Staff Data Engineer"})
    assert edited.label == "Edited Northwind" and edited.prospect_id == prospect.id
    news = record_changes.add_news(company, {"on": "2026-12-01", "text": "Raised a round"})
    assert news.label == "Added news at Northwind" and news.select == company.id


def test_a_script_with_an_unknown_placeholder_is_saved_with_a_warning() -> None:
    script = Script(name="Hello", body="Hi {first_name}, about {weather}")
    saved = record_changes.save_script(script, added=True)
    assert saved.label == "Added the script Hello" and saved.select == script.id
    assert saved.warnings == ("{weather} is not a placeholder: it will show as is",)
    assert record_changes.save_script(script, added=False).label == "Edited the script Hello"
    assert record_changes.delete_script(script).delete == (script,)


def test_deleted_built_in_scripts_come_back_in_one_change(repo: Repository) -> None:
    every = repo.records(Script)
    assert record_changes.restore_missing_scripts(every).empty
    back = record_changes.restore_missing_scripts(every[2:])
    assert back.label == "Brought back 2 built-in scripts"
    assert {s.id for s in back.save} == {s.id for s in every[:2]}


def test_a_deleted_plan_sends_its_followers_back_to_their_default(repo: Repository) -> None:
    prospect, _ = seeded(repo)
    plan = CadencePlan(id="quarterly", name="Quarterly", repeat={"kind": "check-in", "days": 90})
    repo.save(plan, prospect.model_copy(update={"cadence_plan": plan.id}))
    assert record_changes.save_plan(plan, added=True).label == "Added the plan Quarterly"
    deleted = record_changes.delete_plan(repo, plan)
    assert deleted.label == "Deleted the plan Quarterly" and deleted.delete == (plan,)
    assert [p.cadence_plan for p in deleted.save] == [None]  # type: ignore[attr-defined]


def test_a_person_who_referred_another_job_future_stays(repo: Repository) -> None:
    """One rule for "still used" (usecases/lifecycle.people_used): removing them from
    a job future and deleting the job future keep them alike."""
    prospect, dana = seeded(repo)
    other = Prospect(company_id=prospect.company_id, role="Analyst", referred_by_id=dana.id)
    repo.save(other)
    assert record_changes.remove_person(repo, prospect, dana).delete == ()
    assert dana not in changes.delete(repo, prospect).delete
    assert people_used(repo, [other.id]) == {dana.id}
