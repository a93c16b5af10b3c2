"""Where each collection file's rows lie is kept in the derived index (store/kept_rows.py):
the next open reads them from there while the file is the one they were found in,
and finds them again in the file otherwise, never reading a row from a wrong place."""

from __future__ import annotations

import random
import zlib
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.store import BackgroundWriter, Repository, kept_rows, row_index
from jobfutures_tui.store.touch_index import INDEX_NAME

BIG = ("companies.json", "people.json", "prospects.json")


def as_the_app(folder: Path) -> Repository:
    return Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)


def on_disk(folder: Path, table: str) -> list[tuple[str, Any]]:
    return list(orjson.loads((folder / f"{table}.json").read_bytes())[table].items())


def same_as_the_files(repo: Repository) -> None:
    for table in ("companies", "people", "prospects"):
        assert list(repo.walk(table)) == on_disk(repo.folder, table), table  # type: ignore[arg-type]


def kept_files(folder: Path) -> set[str]:
    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    assert set(index[kept_rows.ROWS]) == set(index[kept_rows.ROW_FILES])  # no key twice
    return set(index[kept_rows.ROW_FILES])


@pytest.fixture
def finding(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The tables whose rows are found in their file's bytes (not taken from the index)."""
    found: list[str] = []
    of = row_index.RowIndex.of

    def counting(data: bytes, table: str, **options: Any) -> row_index.RowIndex | None:
        index = of(data, table, **options)
        if index is not None:  # None: not laid out as written here (parsed whole)
            found.append(table)
        return index

    monkeypatch.setattr(row_index.RowIndex, "of", counting)
    return found


def people(folder: Path, count: int) -> list[Person]:
    with Repository.open(folder) as repo:
        company = Company(name="Contoso")
        team = [Person(name=f"Person {n}", company_id=company.id) for n in range(count)]
        future = Prospect(company_id=company.id, role="Analyst", person_ids=(team[0].id,))
        repo.save(company, *team, future)
    return team


def test_the_next_open_takes_the_rows_from_the_index(tmp_path: Path, finding: list[str]) -> None:
    people(tmp_path, 12)
    as_the_app(tmp_path).close()  # finds every file's rows, and keeps where they lie
    assert kept_files(tmp_path) >= set(BIG)
    finding.clear()
    repo = as_the_app(tmp_path)
    try:
        assert finding == [], "no file's rows found again"
        same_as_the_files(repo)
    finally:
        repo.close()


def test_a_file_changed_since_has_its_rows_found_again(tmp_path: Path, finding: list[str]) -> None:
    team = people(tmp_path, 12)
    as_the_app(tmp_path).close()
    path = tmp_path / "people.json"
    # The same size, another name: only its fingerprint (its time) says it changed.
    path.write_bytes(path.read_bytes().replace(b"Person 11", b"Person XI"))
    finding.clear()
    repo = as_the_app(tmp_path)
    try:
        assert finding == ["people"]
        assert repo.peek("people", team[11].id, "name") == "Person XI"
        same_as_the_files(repo)
    finally:
        repo.close()


def test_rows_kept_in_the_wrong_place_are_found_again(
    tmp_path: Path, finding: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that kept its fingerprint through a change (as no editor does): the kept
    places are checked against the file, and found again rather than trusted."""
    team = people(tmp_path, 12)
    as_the_app(tmp_path).close()
    spans_of = kept_rows.spans_of

    def shifted(text: Any) -> dict[str, tuple[int, int]] | None:
        spans = spans_of(text)
        return None if spans is None else {k: (s + 7, e + 7) for k, (s, e) in spans.items()}

    monkeypatch.setattr(kept_rows, "spans_of", shifted)
    finding.clear()
    repo = as_the_app(tmp_path)
    try:
        assert sorted(finding) == ["companies", "people", "prospects"]
        assert repo.person(team[5].id) == team[5]
        same_as_the_files(repo)
    finally:
        repo.close()


@pytest.mark.parametrize("streamed", [True, False], ids=["the app", "a command"])
def test_a_change_keeps_no_rows_from_before_it(tmp_path: Path, streamed: bool) -> None:
    """Saving rewrites a file in place of the version its rows were found in: the
    index must not keep those places under the new file's fingerprint."""
    team = people(tmp_path, 12)
    as_the_app(tmp_path).close()
    repo = as_the_app(tmp_path) if streamed else Repository.open(tmp_path, lazy=True)
    with repo:
        if not streamed:
            list(repo.walk("people"))  # its rows found or taken from the index
        # Only a row added at the end: every row kept before is still where it was.
        newcomer = Person(name="Newcomer", company_id=team[0].company_id)
        repo.save(newcomer)
    again = as_the_app(tmp_path)
    try:
        same_as_the_files(again)
        assert again.person(newcomer.id) == newcomer
        assert not again.lost_files
    finally:
        again.close()


def test_rows_stay_right_through_changes_and_opens(tmp_path: Path) -> None:
    """Seeded rounds of the app and commands changing people and job futures, each
    open checked against the files as they are."""
    team = people(tmp_path, 20)
    chosen = random.Random(22)
    for round_ in range(8):
        repo = as_the_app(tmp_path) if chosen.random() < 0.6 else Repository.open(tmp_path)
        with repo:
            same_as_the_files(repo)
            action = chosen.choice(["rename", "add", "remove", "nothing"])
            if action == "rename":
                person = chosen.choice(team)
                repo.save(
                    person.model_copy(update={"name": f"Name {round_}" * chosen.randint(1, 4)})
                )
            elif action == "add":
                team.append(Person(name=f"New {round_}", company_id=team[0].company_id))
                repo.save(team[-1])
            elif action == "remove" and len(team) > 2:
                gone = team.pop(chosen.randrange(1, len(team)))
                repo.delete(gone)
            team = [p for p in (repo.person(p.id) for p in team) if p is not None]
    with Repository.open(tmp_path) as last:
        same_as_the_files(last)


@pytest.mark.parametrize("streamed", [True, False], ids=["the app", "a command"])
def test_a_file_changed_here_keeps_where_the_change_put_its_rows(
    tmp_path: Path, finding: list[str], streamed: bool
) -> None:
    """A change written into a file's bytes knows where every row went: the next open
    takes them from the index instead of finding them in the file again."""
    team = people(tmp_path, 12)
    as_the_app(tmp_path).close()
    repo = as_the_app(tmp_path) if streamed else Repository.open(tmp_path, lazy=True, verify=False)
    with repo:
        renamed = team[3].model_copy(update={"name": "A name much longer than it was"})
        repo.save(renamed)
        repo.delete(team[7])
        newcomer = Person(name="Newcomer", company_id=team[0].company_id)
        repo.save(newcomer)
    assert "people.json" in kept_files(tmp_path)
    finding.clear()
    again = as_the_app(tmp_path)
    try:
        assert finding == [], "no file's rows found again"
        same_as_the_files(again)
        assert again.person(renamed.id) == renamed
        assert again.person(team[7].id) is None
    finally:
        again.close()


def test_a_merge_written_keeps_no_rows(tmp_path: Path, finding: list[str]) -> None:
    """Another device's version landed before the change was saved: the file written
    is the merge, whose rows are not where the change alone would have put them."""
    team = people(tmp_path, 12)
    as_the_app(tmp_path).close()
    path = tmp_path / "people.json"
    with Repository.open(tmp_path, lazy=True, verify=False) as repo:
        repo._files.journal.seen.watching = True
        assert repo.person(team[2].id) == team[2]  # the version read
        theirs = orjson.loads(path.read_bytes())
        theirs["people"][team[9].id]["name"] = "Renamed on their laptop"
        other = tmp_path / "other.json"
        other.write_bytes(orjson.dumps(theirs) + b"\n")
        other.replace(path)
        repo.save(team[2].model_copy(update={"name": "Ours"}))
    finding.clear()
    again = as_the_app(tmp_path)
    try:
        assert finding == ["people"]
        same_as_the_files(again)
        assert again.peek("people", team[9].id, "name") == "Renamed on their laptop"
        assert again.peek("people", team[2].id, "name") == "Ours"
    finally:
        again.close()


SOME_IDS = [f"{n:02x}" * 16 for n in range(6)] + ["0" * 31 + "1", "1" + "0" * 31]
"""Ids of which some stand across two others when joined ("…0001" + "1000…")."""


@given(
    st.lists(st.sampled_from(SOME_IDS), unique=True, max_size=7),
    st.lists(st.sampled_from([*SOME_IDS, "x"]), max_size=8),
)
def test_kept_places_are_looked_up_and_walked_as_a_dict_gives_them(
    ids: list[str], asked: list[str]
) -> None:
    """A few rows are looked up in the kept text where their ids stand (never across
    two), the rest from the dict made of it; kept again as it was read."""
    step = 7 + row_index.ROW_GAP  # rows of 7 bytes, one after the other
    expected = {row_id: (40 + step * at, 47 + step * at) for at, row_id in enumerate(ids)}
    text = kept_rows.spans_text(expected)
    spans = kept_rows.spans_of(text)
    assert spans is not None
    for row_id in asked:  # past FEW_ROWS, from the dict
        assert spans.get(row_id) == expected.get(row_id)
        assert (row_id in spans) is (row_id in expected)
    assert list(spans.items()) == list(expected.items())
    assert kept_rows.spans_text(spans) == text


def test_a_damaged_or_older_kept_text_is_not_trusted() -> None:
    """Ids that no longer match their CRC (one standing twice, say), a text an older
    version wrote, or rows that do not lie one after the other: found again."""
    one, two = SOME_IDS[0], SOME_IDS[1]
    gap = row_index.ROW_GAP
    text = kept_rows.spans_text({one: (40, 47), two: (47 + gap, 54 + gap)})
    assert text is not None and kept_rows.spans_of(text) is not None
    assert kept_rows.spans_of(text.replace(two, one)) is None
    ids, places = one + two, [40, 47, 47 + gap, 54 + gap]
    assert kept_rows.spans_of(orjson.dumps([ids, places]).decode()) is None
    assert (
        kept_rows.spans_of(orjson.dumps([ids, places, zlib.crc32(ids.encode())]).decode()) is None
    )
    assert kept_rows.spans_text({one: (40, 47), two: (50 + gap, 54 + gap)}) is None
