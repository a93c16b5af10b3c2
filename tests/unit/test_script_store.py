"""The built-in scripts reach every data folder, stay the user's to change, and
the panel's facts (values, rotation) come from the stored records."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pendulum
import pytest

from jobfutures_tui.engine.script_library import (
    FORMAT_FOUR,
    LIBRARY,
    as_format_four_shipped,
    builtin_rows,
    is_edited,
    missing_builtins,
    restored,
)
from jobfutures_tui.engine.scripts import render
from jobfutures_tui.exchange.safety import backup_first
from jobfutures_tui.models import (
    Channel,
    Company,
    NewsItem,
    Outcome,
    Person,
    Profile,
    Prospect,
    Script,
    Shareable,
    ShareKind,
    Stage,
    Touch,
    TouchKind,
    revise,
)
from jobfutures_tui.store import Repository
from jobfutures_tui.store.backups import list_backups
from jobfutures_tui.store.schema import MIGRATIONS, new_files
from jobfutures_tui.usecases.script_context import next_script, script_values

OpenRepo = Callable[..., Repository]
BUILT_IN_IDS = {f"builtin-{item.key}" for item in LIBRARY}
BY_KEY = {item.key: item for item in LIBRARY}


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
        "referrer": "",
        "referred_to": "",
        "my_name": "",
        "my_first_name": "",
        "my_signature": "",
        "my_email": "",
        "my_phone": "",
        "my_pitch": "",
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
        future, priya, sent = answered_future(
            repo, make, email="p@acme.example", phone="+1 555 0100"
        )
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
        assert keys[:2] == ["call-opener", "call-opener-their-work"]
        assert keys[-2:] == ["voicemail", "call-close"]  # a voicemail fits a call
        assert all(s.kind is found.suggestion.kind for s in found.scripts[:-1])


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


def test_the_seeker_signs_and_referrals_are_named(folder: Path, open_repo: OpenRepo, make) -> None:
    """{my_*} come from the profile; {referrer} is who referred the seeker to this
    job future; {referred_to} where this person's latest referral led."""
    with pendulum.travel_to(pendulum.datetime(2026, 11, 23, 12, tz="UTC"), freeze=True):
        repo = open_repo(folder)
        contoso, fabrikam, tailspin = (make.company(n) for n in ("Contoso", "Fabrikam", "Tailspin"))
        tomas = Person(name="Tomás Ibáñez", company_id=contoso.id, email="t@contoso.example")
        zoe = Person(name="Zoë O'Neill", company_id=fabrikam.id, email="z@fabrikam.example")
        li = Person(name="Li Wei", company_id=tailspin.id, email="l@tailspin.example")
        at_contoso = make.prospect(contoso, person_ids=(tomas.id,), stage=Stage.REJECTED_WARM)
        older = make.prospect(fabrikam, person_ids=(zoe.id,), referred_by_id=tomas.id)
        newer = make.prospect(
            tailspin,
            person_ids=(li.id,),
            referred_by_id=tomas.id,
            created_at=older.created_at.add(days=3),
        )
        repo.save(contoso, fabrikam, tailspin, tomas, zoe, li, at_contoso, older, newer)

        unsigned = next_script(repo, at_contoso.id, today=TODAY)
        assert unsigned is not None
        assert unsigned.values["my_name"] == unsigned.values["my_signature"] == ""
        assert render("{my_signature}", unsigned.values).text == "‹my_signature›"
        assert unsigned.values["referred_to"] == "Tailspin"  # the newest referral
        assert unsigned.values["referrer"] == ""  # nobody referred the seeker here

        repo.save(
            Profile(
                name="Sam Ortiz",
                email="sam@example.com",
                phone="+1 555 0142",
                pitch="data engineer",
            )
        )
        signed = next_script(repo, at_contoso.id, today=TODAY)
        assert signed is not None
        assert {k: v for k, v in signed.values.items() if k.startswith("my_")} == {
            "my_name": "Sam Ortiz",
            "my_first_name": "Sam",
            "my_signature": "Sam Ortiz",  # no signature yet: the name signs
            "my_email": "sam@example.com",
            "my_phone": "+1 555 0142",
            "my_pitch": "data engineer",
        }
        repo.save(revise(repo.profile(), signature="Sam Ortiz\n+1 555 0142"))
        again = next_script(repo, at_contoso.id, today=TODAY)
        assert again is not None and again.values["my_signature"] == "Sam Ortiz\n+1 555 0142"

        referred = next_script(repo, older.id, today=TODAY)
        assert referred is not None
        assert referred.values["referrer"] == "Tomás Ibáñez"
        assert referred.values["referred_to"] == ""  # Zoë referred nobody


# ------------------------------------------------------------ format 4 → 5

FORMAT_FOUR_SCRIPTS = Path(__file__).parents[1] / "fixtures" / "format4_scripts.json"


def format_four() -> dict[str, Any]:
    """scripts.json as format 4 stored it: the 19 built-ins of that version."""
    return orjson.loads(FORMAT_FOUR_SCRIPTS.read_bytes())


def test_the_frozen_prints_match_what_format_four_stored() -> None:
    rows = format_four()["scripts"]
    assert {row["builtin"] for row in rows.values()} == set(FORMAT_FOUR)
    assert all(as_format_four_shipped(row) for row in rows.values())
    assert not as_format_four_shipped({**rows["builtin-voicemail"], "body": "Mine"})
    assert not as_format_four_shipped({**rows["builtin-voicemail"], "origins": ["referred"]})
    assert not as_format_four_shipped(builtin_rows()[0])  # this version's words


def test_unedited_built_ins_get_the_new_words_edited_ones_stay() -> None:
    old = format_four()
    rows = old["scripts"]
    edited = {**rows["builtin-call-opener"], "body": "My own opener, {first_name}."}
    retouched = {**rows["builtin-reconnect"], "stages": ["offer"]}
    rows[edited["id"]] = edited
    rows[retouched["id"]] = retouched
    del rows["builtin-quick-note"]  # the user deleted it
    mine = Script(name="Mine", body="Hi {first_name}").model_dump(mode="json")
    rows[mine["id"]] = mine
    touch_file = {"touches": {"t1": {"script_id": "builtin-voicemail"}}}
    files: dict[str, Any] = {"scripts.json": old, "touches/2026-10.json": touch_file}

    once = MIGRATIONS[4](copy.deepcopy(files))
    after = once["scripts.json"]["scripts"]
    shipped = {row["id"]: row for row in builtin_rows()}
    # Unedited: this version's words, same id (touches still name them).
    assert after["builtin-voicemail"] == shipped["builtin-voicemail"]
    assert "{my_name}" in after["builtin-voicemail"]["body"]
    assert after["builtin-thank-you-interview"] == shipped["builtin-thank-you-interview"]
    # Edited: untouched.
    assert after[edited["id"]] == edited and after[retouched["id"]] == retouched
    # Deleted in format 4: stays deleted. The user's own: untouched.
    assert "builtin-quick-note" not in after and after[mine["id"]] == mine
    # New built-ins arrive; nothing else changed.
    new_keys = {item.key for item in LIBRARY} - set(FORMAT_FOUR)
    assert {f"builtin-{key}" for key in new_keys} <= set(after)
    assert set(after) == (set(shipped) - {"builtin-quick-note"}) | {mine["id"]}
    assert once["touches/2026-10.json"] == touch_file
    # Idempotent: a second run (a crash before meta.json was written) changes nothing.
    assert MIGRATIONS[4](copy.deepcopy(once)) == once

    scripts = [Script.model_validate(row) for row in after.values()]
    assert [s.builtin for s in missing_builtins(scripts)] == ["quick-note"]
    opener = next(s for s in scripts if s.builtin == "call-opener")
    assert is_edited(opener) and restored(opener).body == BY_KEY["call-opener"].body


def test_format_four_data_opens_with_the_new_library(
    folder: Path, open_repo: OpenRepo, make
) -> None:
    acme = make.company("Acme")
    with Repository.open(folder) as repo:
        repo.save(acme)
    old = format_four()
    old["scripts"]["builtin-voicemail"]["body"] = "Kept as I wrote it, {first_name}."
    (folder / "scripts.json").write_bytes(orjson.dumps(old))
    (folder / "meta.json").write_bytes(orjson.dumps({"app": "jobfutures", "schema_version": 4}))
    repo = open_repo(folder)
    scripts = {s.builtin: s for s in repo.records(Script)}
    assert set(scripts) == {item.key for item in LIBRARY}
    assert scripts["voicemail"].body == "Kept as I wrote it, {first_name}."
    assert not is_edited(scripts["call-opener"]) and not is_edited(scripts["introduction"])
    assert repo.company(acme.id) == acme
    assert len(list_backups(folder / "backups")) == 1
    repo.close()
    on_disk = stored_scripts(folder)
    again = open_repo(folder)
    assert {s.id for s in again.records(Script)} == BUILT_IN_IDS
    assert stored_scripts(folder) == on_disk
