"""The app's way of reading (Repository.open(streamed=True)): no collection file held
parsed, every walk over the rows parsing one at a time, and the same rows, the same
refusals and the same lost-record warnings a whole parse gives (docs/storage.md,
"Reading")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui import cli
from jobfutures_tui.models import Company, Prospect, Stage
from jobfutures_tui.store import BackgroundWriter, DataRefused, Repository


def as_the_app(folder: Path) -> Repository:
    return Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)


def test_the_app_walks_every_row_as_changed_without_parsing_the_file(
    tmp_path: Path, parsed: list[str], make: Any
) -> None:
    futures = make.futures(tmp_path, 30)
    repo = as_the_app(tmp_path)
    try:
        repo.verify()  # every record validated, one row at a time
        moved = futures[7].model_copy(update={"stage": Stage.REFERRAL})
        extra = Prospect(company_id=futures[0].company_id, role="Second role")
        repo.save(moved)
        repo.delete(futures[3])
        repo.save(extra)
        walked = dict(repo.walk("prospects"))
        assert walked[futures[7].id]["stage"] == Stage.REFERRAL.value
        assert futures[3].id not in walked and walked[extra.id]["role"] == "Second role"
        assert {p.id for p in repo.prospects()} == set(walked)  # every one validated
        repo.flush()
        on_disk = orjson.loads((tmp_path / "prospects.json").read_bytes())["prospects"]
        assert list(walked.items()) == list(on_disk.items()), "the rows, in the file's order"
        big = {"prospects.json", "companies.json", "people.json"}
        assert big.isdisjoint(parsed), "no such file parsed whole"
    finally:
        repo.close()
    with Repository.open(tmp_path) as again:  # verified whole: the manifest's count agrees
        assert len(again.prospects()) == 30


def test_a_file_not_laid_out_as_written_here_is_walked_from_a_whole_parse(
    tmp_path: Path, make: Any
) -> None:
    futures = make.futures(tmp_path, 3)
    stored = orjson.loads((tmp_path / "prospects.json").read_bytes())
    (tmp_path / "prospects.json").write_text(json.dumps(stored, indent=2))
    repo = as_the_app(tmp_path)
    try:
        assert [pid for pid, _ in repo.walk("prospects")] == [f.id for f in futures]
        assert repo.prospect(futures[1].id) == futures[1]
    finally:
        repo.close()


def test_a_row_that_does_not_parse_refuses_the_walk_and_writes_nothing(
    tmp_path: Path, make: Any
) -> None:
    """The rows are found where the file says, but one is not JSON: walking them parses
    the file whole, which refuses it, naming the file."""
    make.futures(tmp_path, 5)
    path = tmp_path / "prospects.json"
    broken = path.read_bytes().replace(b'"role":"Role 3"', b'"role":Role 3', 1)
    path.write_bytes(broken)
    repo = as_the_app(tmp_path)
    try:
        with pytest.raises(DataRefused) as refused:
            list(repo.walk("prospects"))
        assert "prospects.json" in str(refused.value)
        assert "not valid JSON" in str(refused.value)
    finally:
        repo.close()
    assert path.read_bytes() == broken, "not written over"


def test_the_app_knows_at_once_that_a_collection_lost_records(tmp_path: Path, make: Any) -> None:
    """A file holding fewer records than the manifest lists is found as the rows are
    found, at open: the app opens read-only and names it, as for a missing file."""
    futures = make.futures(tmp_path, 3)
    path = tmp_path / "prospects.json"
    rows = orjson.loads(path.read_bytes())["prospects"]
    del rows[futures[0].id]
    path.write_bytes(orjson.dumps({"prospects": rows}))
    repo = cli.open_for_app(tmp_path)
    try:
        assert repo.read_only and repo.streamed
        assert "holds 2 records" in repo.lost_files["prospects.json"]
    finally:
        repo.close()


CHANGES = st.lists(
    st.tuples(st.sampled_from(["rename", "remove", "add"]), st.integers(0, 7)), max_size=8
)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(changes=CHANGES)
def test_a_walk_gives_what_a_whole_parse_of_the_saved_file_gives(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, int]]
) -> None:
    """Whatever was renamed, removed and added since the file was read: the rows, in
    the order the saved file holds them."""
    folder = tmp_path_factory.mktemp("data")
    companies = [Company(name=f"Company {n}") for n in range(5)]
    with Repository.open(folder) as seed:
        seed.save(*companies)
    repo = Repository.open(folder, verify=False, streamed=True)  # a writer that writes at once
    try:
        for what, n in changes:
            known = [c for c in companies if repo.company(c.id) is not None]
            if what == "add" or not known:
                companies.append(Company(name=f'Added {n} "quoted"'))
                repo.save(companies[-1])
            elif what == "rename":
                chosen = known[n % len(known)]
                repo.save(chosen.model_copy(update={"name": f"Renamed {n}"}))
            else:
                repo.delete(known[n % len(known)])
            walked = list(repo.walk("companies"))
            on_disk = orjson.loads((folder / "companies.json").read_bytes())["companies"]
            assert walked == list(on_disk.items())
    finally:
        repo.close()
