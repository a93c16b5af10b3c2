"""The built-in scripts reach every data folder, stay the user's to change, and
the panel's facts (values, rotation) come from the stored records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest

from jobfutures_tui.exchange.safety import backup_first
from jobfutures_tui.models import (
    Channel,
    Company,
    NewsItem,
    Outcome,
    Person,
    Prospect,
    Script,
    Shareable,
    ShareKind,
    Stage,
    Touch,
    TouchKind,
    revise,
)
from jobfutures_tui.rules.script_context import next_script, script_values
from jobfutures_tui.rules.script_library import LIBRARY, builtin_rows
from jobfutures_tui.store import Repository
from jobfutures_tui.store.backups import list_backups
from jobfutures_tui.store.schema import MIGRATIONS, new_files

OpenRepo = Callable[..., Repository]
BUILT_IN_IDS = {f"builtin-{item.key}" for item in LIBRARY}


def stored_scripts(folder: Path) -> dict[str, Any]:
    return orjson.loads((folder / "scripts.json").read_bytes())["scripts"]


def test_a_new_folder_holds_every_built_in_as_a_stored_script(
    folder: Path, open_repo: OpenRepo
) -> None:
    repo = open_repo(folder)
    assert {s.id for s in repo.records(Script)} == BUILT_IN_IDS
    repo.close()
    assert set(stored_scripts(folder)) == BUILT_IN_IDS
    assert {s.id for s in open_repo(folder).records(Script)} == BUILT_IN_IDS


def test_a_deleted_built_in_stays_deleted_and_an_edit_stays(
    folder: Path, open_repo: OpenRepo
) -> None:
    repo = open_repo(folder)
    scripts = {s.builtin: s for s in repo.records(Script)}
    repo.delete(scripts["voicemail"])
    repo.save(revise(scripts["call-opener"], body="My own opener, {first_name}."))
    repo.close()
    again = open_repo(folder)
    found = {s.builtin: s for s in again.records(Script)}
    assert "voicemail" not in found
    assert found["call-opener"].body == "My own opener, {first_name}."


@pytest.mark.parametrize("version", [2, 3])
def test_older_data_gets_the_built_ins_after_a_backup(
    folder: Path, open_repo: OpenRepo, make, version: int
) -> None:
    """Format 3 data written before the library was stored with it has none either."""
    acme = make.company("Acme")
    with Repository.open(folder) as repo:
        repo.save(acme)
    (folder / "scripts.json").unlink()
    meta = {"app": "jobfutures", "schema_version": version}
    (folder / "meta.json").write_bytes(orjson.dumps(meta))
    repo = open_repo(folder)
    assert {s.id for s in repo.records(Script)} == BUILT_IN_IDS
    assert repo.company(acme.id) == acme
    assert set(stored_scripts(folder)) == BUILT_IN_IDS
    assert len(list_backups(folder / "backups")) == 1


def test_the_library_migration_keeps_what_is_there_and_can_run_twice() -> None:
    edited = {**builtin_rows()[0], "body": "Mine now"}
    files: dict[str, Any] = {"scripts.json": {"scripts": {edited["id"]: edited}}}
    once = MIGRATIONS[2](files)
    twice = MIGRATIONS[2](once)
    rows = twice["scripts.json"]["scripts"]
    assert set(rows) == BUILT_IN_IDS and rows[edited["id"]]["body"] == "Mine now"
    assert new_files() == {"scripts.json": {"scripts": {r["id"]: r for r in builtin_rows()}}}


def test_a_new_folder_has_nothing_to_back_up_until_a_script_changes(
    folder: Path, open_repo: OpenRepo
) -> None:
    repo = open_repo(folder)
    assert backup_first(repo) is None
    opener = next(s for s in repo.records(Script) if s.builtin == "call-opener")
    repo.save(revise(opener, body="Changed"))
    assert backup_first(repo) is not None


# ------------------------------------------------------------ the panel's facts

TODAY = pendulum.date(2026, 11, 23)


def test_values_come_from_the_person_company_and_history(make) -> None:
    acme = make.company(
        "Acme",
        news=(
            NewsItem(on=pendulum.date(2026, 9, 1), text="Opened a Denver office"),
            NewsItem(on=pendulum.date(2026, 11, 1), text="Launched a lakehouse"),
        ),
    )
    priya = Person(name="Priya Raman", title="Director", company_id=acme.id)
    future = make.prospect(acme, person_ids=(priya.id,), began_on=pendulum.date(2026, 4, 2))
    at = pendulum.datetime(2026, 10, 1, tz="UTC")
    touches = [
        make.touch(future, at, person_id=priya.id, shared=("Talk: joins",)),
        make.touch(future, at.add(days=9), person_id=priya.id, shared=("Article: CI for dbt",)),
    ]
    library = [
        Shareable(title="Article: CI for dbt"),
        Shareable(title="Portfolio: cost model", kind=ShareKind.WORK_SAMPLE, link="file:///x"),
        Shareable(title="Event: meetup", kind=ShareKind.EVENT),
    ]
    values = script_values(
        prospect=future,
        company=acme,
        person=priya,
        touches=touches,
        library=library,
        kind=TouchKind.WORK_SAMPLE,
        today=TODAY,
    )
    assert values == {
        "first_name": "Priya",
        "name": "Priya Raman",
        "title": "Director",
        "company": "Acme",
        "role": "Staff Data Engineer",
        "news": "Launched a lakehouse",
        "shared": "Article: CI for dbt",
        "to_share": "Portfolio: cost model",
        "link": "file:///x",
        "months": "7",
        "since": "7 months",
    }
    nothing = script_values(
        prospect=future,
        company=None,
        person=None,
        touches=[],
        library=[],
        kind=None,
        today=TODAY,
    )
    assert (
        nothing["news"] == nothing["shared"] == nothing["to_share"] == nothing["first_name"] == ""
    )


def answered_future(repo: Repository, make, **person: Any) -> tuple[Prospect, Person, Touch]:
    """A job future whose manager answered on 1 Oct: a check-in comes next."""
    acme = make.company("Acme")
    priya = Person(name="Priya Raman", company_id=acme.id, **person)
    future = make.prospect(acme, person_ids=(priya.id,), stage=Stage.INTERVIEWED)
    answer = make.touch(
        future,
        pendulum.datetime(2026, 10, 1, tz="UTC"),
        person_id=priya.id,
        outcome=Outcome.REPLIED,
    )
    repo.save(acme, priya, future, answer)
    return future, priya, answer


def test_the_panel_suggests_a_script_not_yet_used_with_this_person(
    folder: Path, open_repo: OpenRepo, make
) -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 11, 23, 12, tz="UTC"), freeze=True):
        repo = open_repo(folder)
        future, priya, sent = answered_future(repo, make, email="p@acme.example")
        first = next_script(repo, future.id, today=TODAY)
        assert first is not None and first.suggestion is not None
        assert first.person == priya and first.values["first_name"] == "Priya"
        of_kind = [s for s in first.scripts if s.kind is first.suggestion.kind]
        assert len(of_kind) >= 2
        best = of_kind[0]

        # The same touch, now saying it used that script: the words change next time.
        repo.save(revise(sent, script_id=best.id))
        later = next_script(repo, future.id, today=TODAY)
        assert later is not None and later.suggestion == first.suggestion
        again = [s.id for s in later.scripts if s.kind is first.suggestion.kind]
        assert again == [s.id for s in of_kind[1:]] + [best.id]


def test_a_call_suggestion_offers_the_openers_then_close_and_voicemail(
    folder: Path, open_repo: OpenRepo, make
) -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 11, 23, 12, tz="UTC"), freeze=True):
        repo = open_repo(folder)
        future, _, _ = answered_future(
            repo, make, phone="+1 555 0100", preferred_channel=Channel.CALL
        )
        found = next_script(repo, future.id, today=TODAY)
        assert found is not None and found.suggestion is not None
        assert found.suggestion.channel is Channel.CALL
        keys = [s.builtin for s in found.scripts]
        assert keys[-2:] == ["call-close", "voicemail"]
        assert all(s.kind is found.suggestion.kind for s in found.scripts[:-2])


def test_nothing_to_suggest_says_why(folder: Path, open_repo: OpenRepo, make) -> None:
    repo = open_repo(folder)
    acme = make.company("Acme")
    gone = Person(name="Jo Doe", company_id=acme.id, do_not_contact=True)
    future = make.prospect(acme, person_ids=(gone.id,))
    repo.save(acme, gone, future)
    found = next_script(repo, future.id, today=TODAY)
    assert found is not None
    assert found.suggestion is None and found.scripts == ()
    assert found.stopped == "everyone here is marked do not contact"
    assert next_script(repo, "no-such-id", today=TODAY) is None
    assert isinstance(acme, Company)


def test_the_demo_names_built_in_scripts_and_holds_what_it_shared() -> None:
    from jobfutures_tui.demo import build_demo

    records = build_demo(TODAY)
    touches = [r for r in records if isinstance(r, Touch)]
    library = {r.title for r in records if isinstance(r, Shareable)}
    used = {t.script_id for t in touches if t.script_id}
    assert used and used <= BUILT_IN_IDS
    assert {title for t in touches for title in t.shared} <= library
