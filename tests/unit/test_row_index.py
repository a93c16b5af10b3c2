"""Finding one record in a collection file without parsing the rest (store/row_index.py):
the same rows a whole parse gives, or a refusal to guess (then the file is parsed whole)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import orjson
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.models import Company, Person
from jobfutures_tui.store import Repository
from jobfutures_tui.store.row_index import RowIndex
from jobfutures_tui.store.snapshot import dumps

TRICKY = st.lists(
    st.sampled_from(['"', "\\", ",", ":", "{", "}", '"id":"', "a", "é", "\n", " "]), max_size=12
).map("".join)


def table_of(values: list[str]) -> dict[str, dict[str, object]]:
    rows = {}
    for value in values:
        row_id = uuid.uuid4().hex
        rows[row_id] = {"id": row_id, "name": value, "notes": f'"{value}":{{"id":"x"}}'}
    return rows


def saved_people(folder: Path, names: list[str]) -> list[Person]:
    """People of one company, saved in a new data folder."""
    acme = Company(name="Acme")
    people = [Person(name=name, company_id=acme.id) for name in names]
    with Repository.open(folder) as repo:
        repo.save(acme, *people)
    return people


@given(st.lists(TRICKY, max_size=8))
def test_found_rows_are_the_rows_a_whole_parse_gives(values: list[str]) -> None:
    rows = table_of(values)
    data = dumps({"people": rows})
    index = RowIndex.of(data, "people")
    if index is None:  # refused, so parsed whole: only where a value looks like a row's end
        assert b'}},"' in data
        return
    assert index.ids() == list(rows)
    assert index.every_row() == orjson.loads(data)["people"]


def test_a_file_not_laid_out_as_written_here_is_parsed_whole() -> None:
    rows = table_of(["Priya", "Lee"])
    pretty = json.dumps({"people": rows}, indent=2).encode()
    nested_id = dict(rows)
    first = next(iter(nested_id))
    nested_id[first] = {**rows[first], "extra": {"id": "inner"}}
    two_tables = dumps({"people": rows, "more": table_of(["Dana"])})
    for data in (pretty, dumps({"people": nested_id}), dumps({"others": rows}), two_tables):
        assert RowIndex.of(data, "people") is None


def test_a_command_reads_one_person_without_parsing_them_all(
    tmp_path: Path, parsed: list[str]
) -> None:
    folder = tmp_path / "data"
    people = saved_people(folder, [f"Person {n}" for n in range(20)])
    whole = parsed
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
        assert repo.person(people[7].id) == people[7]
        assert people[3].id in repo.stored_rows("people")
        assert "people.json" not in whole
        assert {p.id for p in repo.people()} == {p.id for p in people}  # every one: whole


def test_a_hand_edited_file_is_still_read_right(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    acme = Company(name="Acme")
    priya = Person(name="Priya", company_id=acme.id)
    with Repository.open(folder) as repo:
        repo.save(acme, priya)
    stored = orjson.loads((folder / "people.json").read_bytes())
    (folder / "people.json").write_text(json.dumps(stored, indent=2))
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
        assert repo.person(priya.id) == priya
        assert list(repo.stored_rows("people")) == [priya.id]


@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.none(), TRICKY, st.integers(-(2**40), 2**40), st.lists(TRICKY, max_size=3)
            ),
            st.booleans(),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_a_column_is_what_a_whole_parse_gives(values: list[tuple[object, bool, bool]]) -> None:
    """Plain strings, nulls and lists of plain strings are read from the bytes; anything
    else (an escape, an object before the field, a nested field of the same name, a row
    without it) from the row parsed alone: the same values either way."""
    rows: dict[str, dict[str, object]] = {}
    for value, nested_first, has_it in values:
        row_id = uuid.uuid4().hex
        row: dict[str, object] = {"id": row_id}
        if nested_first:
            row["news"] = [{"name": "inner", "text": "{"}]
        if has_it:
            row["name"] = value
        row["notes"] = '"name":"not this"'
        rows[row_id] = row
    data = dumps({"companies": rows})
    index = RowIndex.of(data, "companies")
    if index is None:
        assert b'}},"' in data
        return
    expected = {
        rid: row["name"] for rid, row in orjson.loads(data)["companies"].items() if "name" in row
    }
    assert index.column("name") == expected


def test_a_column_of_a_hand_edited_file_is_read_right(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    acme, globex = Company(name="Acme"), Company(name='Globex "the \\ one"')
    with Repository.open(folder) as repo:
        repo.save(acme, globex)
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
        assert repo.stored_column("companies", "name") == {acme.id: "Acme", globex.id: globex.name}
    stored = orjson.loads((folder / "companies.json").read_bytes())
    (folder / "companies.json").write_text(json.dumps(stored, indent=2))
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
        assert repo.stored_column("companies", "name") == {acme.id: "Acme", globex.id: globex.name}
        assert repo.stored_column("companies", "missing") == {}


def test_a_few_rows_are_found_without_indexing_the_file(tmp_path: Path, monkeypatch) -> None:
    """A command reading a person or two finds each in the bytes; the rows are indexed
    only for more, or for a row not there plainly, and the answers are the same."""
    folder = tmp_path / "data"
    people = saved_people(folder, [f'Person {n} "{n}"' for n in range(12)])
    indexed: list[str] = []
    original = RowIndex.of.__func__  # type: ignore[attr-defined]

    def spy(cls, data, table, **options):  # type: ignore[no-untyped-def]
        indexed.append(table)
        return original(cls, data, table, **options)

    monkeypatch.setattr(RowIndex, "of", classmethod(spy))
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
        assert repo.person(people[0].id) == people[0]
        assert repo.person(people[11].id) == people[11]  # the last row: the table's end
        assert indexed == []
        assert repo.stored_rows("people").get("0" * 32) is None  # not there: the index says
        assert indexed == ["people"]
    indexed.clear()
    with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
        assert [repo.person(p.id) for p in people] == people  # more than a few: indexed
        assert indexed == ["people"]
