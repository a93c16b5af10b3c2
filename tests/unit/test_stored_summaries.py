"""The derived index's sections of texts (the summaries, the decisions) found in its
bytes one at a time and written back spliced (store/stored_summaries.py): the same
texts a whole parse gives, and an index that reads back as the one a whole rewrite
makes."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.models import Channel, Company, Outcome, Prospect, Touch
from jobfutures_tui.store import Repository
from jobfutures_tui.store.stored_summaries import MANY, StoredTexts, string_end
from jobfutures_tui.store.touch_index import INDEX_NAME, _split, with_sections

IDS = [f"{n:032x}" for n in range(8)]
TEXTS = st.sampled_from(['{"a":1}', '["x\\"y"]', 'back\\\\slash"', "", "é \\u00e9", '"'])


def index_of(summaries: dict[str, str], decisions: dict[str, str] | None = None) -> bytes:
    sections = {"summaries": [orjson.dumps(summaries)]}
    if decisions is not None:
        sections = {"decisions": [orjson.dumps(decisions)], **sections}
    return b"".join(with_sections({"version": 5}, sections)) + b"\n"


@given(
    st.dictionaries(st.sampled_from(IDS), TEXTS),
    st.dictionaries(st.sampled_from(IDS), st.none() | TEXTS),
    st.sampled_from(["summaries", "decisions"]),
)
def test_found_and_spliced_as_a_whole_parse_and_rewrite_give(
    stored: dict[str, str], changed: dict[str, str | None], section: str
) -> None:
    raw = index_of(stored, stored)
    texts = _split(raw)[1][section]
    assert texts.in_bytes
    for key in IDS[:MANY]:
        assert texts.get(key) == stored.get(key)
    again = _split(raw)[1][section]
    spliced = again.spliced(changed)
    assert spliced is not None
    expected = dict(stored)
    for key, text in changed.items():
        if text is None:
            expected.pop(key, None)
        else:
            expected[key] = text
    assert orjson.loads(b"".join(spliced)) == expected


@given(st.text(alphabet='ab"\\é{', max_size=40), st.text(alphabet='a"\\,}', max_size=6))
def test_a_text_ends_where_its_json_string_does(text: str, after: str) -> None:
    """With few escaped quotes (found one at a time) or many (left to the expression)."""
    encoded = orjson.dumps(text)
    data = b'{"k":' + encoded + after.encode()
    assert string_end(data, 5, len(data)) == 5 + len(encoded)
    assert string_end(data, 5, 5 + len(encoded) - 1) == -1, "not closed before the end"


@given(
    st.dictionaries(st.sampled_from(IDS), st.lists(st.sampled_from([*IDS, "x"]), max_size=3)),
    st.sets(st.sampled_from(IDS)),
)
def test_the_texts_mentioning_ids_are_those_a_whole_parse_finds(
    mentions: dict[str, list[str]], wanted: set[str]
) -> None:
    """A text names ids as a decision's key names people; the id of a text counts too."""
    stored = {key: orjson.dumps([key[:3], named]).decode() for key, named in mentions.items()}
    texts = _split(index_of({}, stored))[1]["decisions"]
    found = texts.mentioning(wanted)
    assert found == {key for key, named in mentions.items() if key in wanted or wanted & {*named}}


def test_an_index_edited_by_hand_is_parsed_whole(tmp_path: Path) -> None:
    stored = {IDS[0]: '{"a":1}', IDS[1]: "two"}
    layout = [["summaries", len(orjson.dumps(stored))]]
    pretty = json.dumps({"sections": layout, "version": 5, "summaries": stored}, indent=2)
    texts = _split(pretty.encode())[1]["summaries"]
    assert not texts.in_bytes
    assert texts.get(IDS[1]) == "two"
    assert texts.mentioning([IDS[1]]) is None  # asked of each text instead
    moved = orjson.loads(index_of(stored))  # the summaries no longer last
    reordered = orjson.dumps({"summaries": moved.pop("summaries"), **moved})
    texts = _split(reordered)[1]["summaries"]
    assert not texts.in_bytes and texts.get(IDS[0]) == '{"a":1}'
    odd = index_of(stored).replace(b'"two"', b'["two"]')  # not text: the size is off too
    texts = _split(odd)[1]["summaries"]
    assert texts.get(IDS[1]) == ["two"]


def test_a_command_reads_and_writes_back_one_summary(tmp_path: Path) -> None:
    """A touch logged by a command changes its job future's summary in the index and
    leaves every other one as it was, byte for byte."""
    companies = [Company(name=f"Co {n}") for n in range(30)]
    futures = [Prospect(company_id=c.id) for c in companies]
    at = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
    touches = [
        Touch(prospect_id=p.id, at=at, channel=Channel.EMAIL, outcome=Outcome.SENT) for p in futures
    ]
    with Repository.open(tmp_path) as repo:
        repo.save(*companies, *futures, *touches)
    before = orjson.loads((tmp_path / INDEX_NAME).read_bytes())["summaries"]
    with Repository.open(tmp_path, verify=False, lazy=True) as repo:
        later = Touch(
            prospect_id=futures[4].id, at=at.add(days=3), channel=Channel.CALL, outcome=Outcome.SENT
        )
        repo.save(later)
        assert repo.last_touch(futures[4].id).touch_id == later.id
    raw = (tmp_path / INDEX_NAME).read_bytes()
    after = orjson.loads(raw)["summaries"]
    assert set(after) == set(before)
    assert {k for k in after if after[k] != before[k]} == {futures[4].id}
    texts = _split(raw)[1]["summaries"]
    assert isinstance(texts, StoredTexts) and texts.in_bytes
    with Repository.open(tmp_path) as repo:  # read back, and checked against the touches
        assert repo.last_touch(futures[4].id).touch_id == later.id
        assert repo.last_touch(futures[5].id).touch_id == touches[5].id
