"""The record-by-record merge (store/merge.py): whatever two devices did, no change
is dropped silently."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.store.merge import merge_copy, merge_three

IDS = st.sampled_from(["a", "b", "c", "d", "e"])
STAMPS = st.sampled_from(
    ["2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00", "2026-02-01T01:00:00+01:00"]
)
ROWS = st.builds(lambda name, at: {"name": name, "updated_at": at}, st.sampled_from("xyz"), STAMPS)
TABLE = st.dictionaries(IDS, ROWS, max_size=5)


def edited(base: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """``base`` after some deletions, edits and additions."""
    table = dict(base)
    for key in draw(st.lists(IDS, max_size=3)):
        table.pop(key, None)
    table.update(draw(TABLE))
    return table


@st.composite
def three(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    base = draw(TABLE)
    return base, edited(base, draw), edited(base, draw)


def wrap(table: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {"t": table}


@given(three())
def test_every_change_of_either_side_is_kept_or_set_aside(
    versions: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, ours, theirs = versions
    merged = merge_three(wrap(base), wrap(ours), wrap(theirs))
    result = merged.tables["t"]
    kept = [*result.values(), *merged.set_aside]
    for side, other in ((ours, theirs), (theirs, ours)):
        for key, row in side.items():
            if row != base.get(key):  # added or edited on this side
                assert row in kept, f"{key}: {row} dropped"
        for key in base:
            if key not in side and other.get(key) == base[key]:
                assert key not in result, f"{key}: deleted on one side only, yet kept"


@given(three())
def test_a_side_that_changed_nothing_takes_the_other_whole(
    versions: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    base, ours, _ = versions
    assert merge_three(wrap(base), wrap(ours), wrap(base)).tables["t"] == ours
    assert merge_three(wrap(base), wrap(base), wrap(ours)).tables["t"] == ours


@given(TABLE, TABLE)
def test_a_conflict_copy_drops_nothing(ours: dict[str, Any], copy: dict[str, Any]) -> None:
    merged = merge_copy(wrap(ours), wrap(copy))
    result = merged.tables["t"]
    assert set(result) == set(ours) | set(copy)
    kept = [*result.values(), *merged.set_aside]
    assert all(row in kept for row in [*ours.values(), *copy.values()])
