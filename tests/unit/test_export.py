"""Exports: lossless JSON round trips, safe CSV, a valid calendar, Markdown for a call."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pendulum
import pytest
from clock import frozen_at
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.demo import build_demo, populate
from jobfutures_tui.engine.script_library import LIBRARY
from jobfutures_tui.exchange import actions
from jobfutures_tui.exchange.csv_export import neutralise, tables, write_tables
from jobfutures_tui.exchange.dataset import Dataset, export_json, read_export
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.ics import LINE_OCTETS, calendar, escape, fold
from jobfutures_tui.exchange.json_import import plan_merge, plan_replace
from jobfutures_tui.exchange.markdown import (
    markdown_name,
    md,
    pick_prospect,
    prospect_markdown,
)
from jobfutures_tui.exchange.plan import Existing
from jobfutures_tui.exchange.restore import install, snapshot_of
from jobfutures_tui.models import Company, Person, Prospect, Touch
from jobfutures_tui.models.entities import Script, Shareable
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import due_items

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
TODAY = NOW.date()
ADDRESS = "Northwind Logistics\n1800 Larimer St, Suite 4\nDenver, CO 80202"


frozen = frozen_at(NOW)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    with Repository.open(folder) as repo:
        populate(repo, today=TODAY)
    return folder


def exported(folder: Path) -> dict[str, object]:
    with Repository.open(folder, read_only=True) as repo:
        document = json.loads(export_json(repo))
    document.pop("exported_at")
    return document


# ------------------------------------------------------------ JSON


def test_json_round_trip_into_an_empty_folder_reproduces_the_data(
    demo: Path, tmp_path: Path
) -> None:
    with Repository.open(demo) as repo:
        repo.save(
            CadencePlan(id="monthly", name="Monthly", repeat={"kind": "check-in", "days": 30}),
            Script(
                name="Quick hello", kind="check-in", channels=("email",), body="Hi {first_name}"
            ),
            Shareable(title="My talk at PyCon", link="https://example.com/talk", kind="event"),
        )
    original = exported(demo)
    built_in = len(LIBRARY)  # every data folder holds the built-in scripts
    shared = sum(isinstance(r, Shareable) for r in build_demo(TODAY))  # the demo's library
    counts = [len(original[k]) for k in ("plans", "scripts", "shareables")]  # type: ignore[arg-type]
    assert counts == [1, built_in + 1, shared + 1]
    assert original["format"] == "jobfutures-export" and original["export_version"] == 1
    assert {k: len(original[k]) for k in ("companies", "people", "prospects", "touches")} == {  # type: ignore[arg-type]
        "companies": 23,
        "people": 45,
        "prospects": 23,
        "touches": 160,
    }
    path = tmp_path / "export.json"
    with Repository.open(demo, read_only=True) as repo:
        path.write_bytes(export_json(repo))

    # replace into an empty folder
    _, data = plan_replace(path)
    assert install(tmp_path / "replaced", snapshot_of(data, str(path))) is None
    assert exported(tmp_path / "replaced") == original

    # merge into an empty folder
    merged = tmp_path / "merged"
    with Repository.open(merged) as repo:
        plan = plan_merge(path, Existing.of(repo, touches=True))
        plan.apply(repo)
    assert exported(merged) == original

    # merging the same export again adds nothing
    with Repository.open(merged) as repo:
        again = plan_merge(path, Existing.of(repo, touches=True))
    assert again.new == [] and len(again.matched) == 1 + 3 + built_in + shared + 23 + 45 + 23 + 160


def test_merge_points_references_at_the_records_already_here(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    with Repository.open(source) as repo:
        acme = Company(name="Acme")
        jo = Person(name="Jo Doe", company_id=acme.id, email="jo@acme.example", address=ADDRESS)
        future = Prospect(company_id=acme.id, person_ids=(jo.id,), role="Analyst")
        touch = Touch(prospect_id=future.id, person_id=jo.id, at=NOW, channel="email")
        repo.save(acme, jo, future, touch)
        (tmp_path / "x.json").write_bytes(export_json(repo))
    with Repository.open(target) as repo:
        mine = Company(name="ACME ")
        me_jo = Person(name="Johanna Doe", email="JO@acme.example")
        repo.save(mine, me_jo)
        plan = plan_merge(tmp_path / "x.json", Existing.of(repo, touches=True))
        assert plan.new_counts() == {"job futures": 1, "touches": 1}
        assert "person Jo Doe: already here (same email); address filled in" in {
            note.message for note in plan.matched
        }
        plan.apply(repo)
        filled = repo.person(me_jo.id)
        assert (filled.name, filled.address) == ("Johanna Doe", ADDRESS), "only what it lacked"
        (prospect,) = repo.prospects()
        assert prospect.company_id == mine.id and prospect.person_ids == (me_jo.id,)
        (logged,) = repo.touches_for(prospect.id)
        assert logged.person_id == me_jo.id
        assert repo.company(mine.id) == mine, "stored records are left as they are"


def test_a_postal_address_goes_out_to_json_csv_and_markdown_and_back(tmp_path: Path) -> None:
    source = tmp_path / "source"
    with Repository.open(source) as repo:
        acme = Company(name="Acme")
        jo = Person(name="Jo Doe", company_id=acme.id, address=ADDRESS, city="Denver")
        future = Prospect(company_id=acme.id, person_ids=(jo.id,))
        repo.save(acme, jo, future)
        (tmp_path / "x.json").write_bytes(export_json(repo))
        sheet = tables(Dataset.of(repo))["people.csv"].decode("utf-8-sig")
        text = prospect_markdown(repo, future, today=TODAY)
    (row,) = csv.DictReader(io.StringIO(sheet, newline=""))
    assert row["address"] == ADDRESS and row["city"] == "Denver"
    assert "Northwind Logistics, 1800 Larimer St, Suite 4, Denver, CO 80202" in text
    _, data = plan_replace(tmp_path / "x.json")
    (back,) = data.people
    assert back.address == ADDRESS
    with Repository.open(tmp_path / "merged") as repo:
        plan_merge(tmp_path / "x.json", Existing.of(repo, touches=True)).apply(repo)
        (merged,) = repo.people()
    assert merged.address == ADDRESS


def test_exports_from_a_newer_or_foreign_jobfutures_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    cases = {
        b'{"format": "jobfutures-export", "export_version": 99, "schema_version": 2}': "newer",
        b'{"format": "jobfutures-export", "export_version": 1, "schema_version": 99}': "newer",
        b'{"something": "else"}': "not a jobfutures export",
        b'{"format": "jobfutures-export", "export_v': "not valid JSON",
    }
    for content, message in cases.items():
        path.write_bytes(content)
        with pytest.raises(ExchangeError, match=message):
            read_export(path)


def test_an_older_export_is_upgraded_and_bad_records_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "format": "jobfutures-export",
                "export_version": 1,
                "schema_version": 1,
                "companies": [{"id": "c1", "name": "Acme"}, {"id": "c2", "name": ""}],
            }
        )
    )
    data = read_export(path)
    assert [c.name for c in data.companies] == ["Acme"]
    assert data.problems == ["companies #2 (id c2): name: cannot be empty"]
    with pytest.raises(ExchangeError, match="cannot replace your data"):
        plan_replace(path)
    plan = plan_merge(path, Existing())
    assert plan.new_counts() == {"companies": 1} and len(plan.errors) == 1


# ------------------------------------------------------------ CSV


@given(st.text(max_size=20))
def test_no_cell_can_start_a_formula(text: str) -> None:
    cell = neutralise(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text or cell == text


def test_csv_files_open_cleanly_and_are_neutralised(demo: Path, tmp_path: Path) -> None:
    with Repository.open(demo) as repo:
        evil = Company(name="=cmd|' /C calc'!A0")
        who = Person(name="@Jo", phone="+1 555 0100", company_id=evil.id, notes="-x\nline 2")
        repo.save(evil, who, Prospect(company_id=evil.id, person_ids=(who.id,), role="[b]x[/"))
        data = Dataset.of(repo)
        written = write_tables(data, tmp_path / "out")
    assert [p.name for p in written] == ["prospects.csv", "people.csv", "touches.csv"]
    raw = written[1].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read UTF-8"
    people = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(people) == 46
    (jo,) = [row for row in people if row["name"] == "'@Jo"]
    assert jo["phone"] == "'+1 555 0100" and jo["company"] == "'=cmd|' /C calc'!A0"
    assert jo["notes"] == "'-x\nline 2"
    prospects = list(csv.DictReader(io.StringIO(written[0].read_text("utf-8-sig"), newline="")))
    assert any(row["role"] == "[b]x[/" and row["people"] == "'@Jo" for row in prospects)
    touches = list(csv.DictReader(io.StringIO(written[2].read_text("utf-8-sig"), newline="")))
    assert len(touches) == 160 and all(row["company"] for row in touches)
    with pytest.raises(ExchangeError, match="--force"):
        write_tables(data, tmp_path / "out")
    assert set(tables(data)) == {"prospects.csv", "people.csv", "touches.csv"}


# ------------------------------------------------------------ iCalendar


@given(st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
def test_folding_never_exceeds_75_octets_nor_splits_a_character(text: str) -> None:
    line = "DESCRIPTION:" + escape(text)
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= LINE_OCTETS for p in physical)
    assert physical[0] + "".join(p[1:] for p in physical[1:]) == line


def test_the_calendar_is_valid_and_says_why(demo: Path) -> None:
    with Repository.open(demo, read_only=True) as repo:
        items = due_items(repo, today=TODAY, within_days=30)
        data = calendar(items, today=TODAY, stamp=NOW)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= LINE_OCTETS for line in data.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(data)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == len(items) > 5
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events), "one UID per job future"
    northwind = next(i for i in items if i.company == "Northwind Logistics")
    event = by_uid[f"{northwind.prospect_id}@jobfutures.invalid"]
    assert event.decoded("DTSTART") == TODAY, "overdue: shown today"
    description = str(event["DESCRIPTION"])
    assert "Channel: call" in description and "overdue" in description
    assert f"Why: {northwind.suggestion.reason}" in description
    assert str(event["SUMMARY"]) == "Call Priya Raman (Northwind Logistics): follow-up"
    later = [e for e in events if e.decoded("DTSTART") > TODAY]
    assert later, "upcoming touches on their own day"


def test_the_same_touch_keeps_its_uid_and_a_later_export_a_higher_sequence(demo: Path) -> None:
    with Repository.open(demo, read_only=True) as repo:
        items = due_items(repo, today=TODAY, within_days=30)
    first = icalendar.Calendar.from_ical(calendar(items, today=TODAY, stamp=NOW))
    second = icalendar.Calendar.from_ical(
        calendar(items, today=TODAY.add(days=1), stamp=NOW.add(days=1))
    )
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert all(
        int(b["SEQUENCE"]) > int(a["SEQUENCE"])
        for a, b in zip(first.walk("VEVENT"), second.walk("VEVENT"), strict=True)
    )


def test_hostile_text_survives_the_calendar(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    nasty = "Acme, Inc.; [bold]x[/ \\ back\nslash 東京 " + "é" * 80
    with Repository.open(folder) as repo:
        acme = Company(name=nasty)
        jo = Person(name="Jo\tDoe", company_id=acme.id)
        repo.save(acme, jo, Prospect(company_id=acme.id, person_ids=(jo.id,), began_on=TODAY))
        data = actions.calendar_bytes(repo, days=30)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert "Acme, Inc.; [bold]x[/ \\ back slash 東京" in str(event["SUMMARY"])
    assert all(len(line) <= LINE_OCTETS for line in data.split(b"\r\n"))


# ------------------------------------------------------------ Markdown


def test_markdown_of_a_job_future_newest_touch_first(demo: Path) -> None:
    with Repository.open(demo, read_only=True) as repo:
        prospect = pick_prospect(repo, "northwind")
        text = prospect_markdown(repo, prospect, today=TODAY)
        with pytest.raises(ExchangeError, match="matches"):
            pick_prospect(repo, "a")
        with pytest.raises(ExchangeError, match="no job future matches"):
            pick_prospect(repo, "no such company anywhere")
        assert pick_prospect(repo, prospect.id) == prospect
    assert text.startswith("# Northwind Logistics — Staff Data Engineer\n")
    assert "- **Priya Raman** Director of Engineering (hiring manager)" in text
    assert "## Timeline (newest first)" in text and "Next touch: call · follow-up" in text
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert len(headings) == 5
    assert headings[0].startswith("### Wed 11 Nov 2026")


def test_the_markdown_has_the_referral_chain(demo: Path) -> None:
    with Repository.open(demo, read_only=True) as repo:
        text = prospect_markdown(repo, pick_prospect(repo, "fabrikam"), today=TODAY)
    chain = text.split("## Referral chain\n\n")[1].split("\n\n")[0].splitlines()
    assert chain[0].startswith("- **Contoso, Ltd.**")
    assert chain[1].startswith("  - **Fabrikam**") and "via Tomás Ibáñez (this one)" in chain[1]


def test_a_markdown_file_is_named_after_the_company_and_the_day() -> None:
    assert markdown_name("Northwind Logistics", TODAY) == "Northwind-Logistics_2026-11-23.md"
    assert markdown_name("../../etc/passwd", TODAY) == "etc-passwd_2026-11-23.md"
    assert markdown_name("Tomás & Co., 東京", TODAY) == "Tomás-Co.-東京_2026-11-23.md"
    assert markdown_name("[*]", TODAY) == "job-future_2026-11-23.md"


def test_markdown_shows_user_text_as_text() -> None:
    assert md("*not bold* [link](x) <b> # 1") == r"\*not bold\* \[link\](x) \<b\> \# 1"
    assert md("- not a list\n1. nor this") == "\\- not a list\n1\\. nor this"


def test_the_palette_actions_write_files_and_plan_imports(demo: Path, tmp_path: Path) -> None:
    with Repository.open(demo) as repo:
        written = actions.export_all(repo, tmp_path / "out")
        assert [p.name for p in written] == [
            "jobfutures.json",
            "prospects.csv",
            "people.csv",
            "touches.csv",
            "jobfutures-due.ics",
        ]
        assert all(p.stat().st_size > 100 for p in written)
        backup = actions.backup_now(repo, tmp_path / "b.zip")
        assert backup.exists()
        prospect = repo.prospects()[0]
        md_path = actions.export_prospect_markdown(repo, prospect.id, tmp_path / "p.md")
        assert md_path.read_text().startswith("# ")
        named = actions.export_prospect_markdown(repo, prospect.id, tmp_path)
        assert named.parent == tmp_path and named.read_text() == md_path.read_text()
        seen: list[tuple[int, int]] = []
        fixtures = Path(__file__).resolve().parents[1] / "fixtures"
        plan = actions.plan_import(
            repo, "vcard", fixtures / "apple_contacts.vcf", lambda d, t: seen.append((d, t))
        )
        assert seen[-1] == (4, 4)
        assert len(plan.matched) == 3, "the demo knows these people"
        assert [r.name for r in plan.new if isinstance(r, Person)] == ["Wei Zhang"]
        updated = {p.name: p for p in plan.updated if isinstance(p, Person)}
        priya = updated["Priya Raman"]
        assert priya.address == "1800 Larimer St\nDenver, CO 80202\nUnited States"
        assert plan.apply(repo) is not None, "a backup, then the address they lacked"
        assert repo.person(priya.id).address == priya.address
        with pytest.raises(ExchangeError, match="unknown kind"):
            actions.plan_import(repo, "xlsx", tmp_path / "x.xlsx")
