"""Finding a name from a few letters: the tiers, and what is offered when nothing fits."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.engine.names import NEAR_ENOUGH, close_to, fold, likeness, matches

COMPANIES = [
    "Northwind Logistics",
    "Northwind",
    "Contoso, Ltd.",
    "Café Olé Roasters",
    "Tailspin Toys",
    "Tailwind Traders",
    "Wide World Importers",
]


def find(query: str) -> list[str]:
    return matches(query, COMPANIES, str)


def test_case_accents_punctuation_and_spacing_do_not_count() -> None:
    assert fold("  Café  Olé, Roasters! ") == "cafe ole roasters"
    assert fold("Initech [Labs]") == "initech labs"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("northwind", ["Northwind"]),  # the exact name beats the longer one
        ("NORTHWIND LOGISTICS", ["Northwind Logistics"]),
        ("north", ["Northwind Logistics", "Northwind"]),  # a shared start is ambiguous
        ("contoso ltd", ["Contoso, Ltd."]),
        ("cafe", ["Café Olé Roasters"]),
        ("world", ["Wide World Importers"]),  # the start of a word
        ("orld", ["Wide World Importers"]),  # anywhere
        ("importers wide", ["Wide World Importers"]),  # words in any order
        ("tail", ["Tailspin Toys", "Tailwind Traders"]),
        ("tailspn", ["Tailspin Toys"]),  # a near spelling
        ("acme", []),
        ("", []),
        ("  ", []),
    ],
)
def test_the_first_tier_with_a_match_wins(query: str, found: list[str]) -> None:
    assert find(query) == found


def test_near_spellings_come_most_alike_first() -> None:
    assert matches("tailwnd", ["Tailspin", "Tailwind"], str) == ["Tailwind"]
    assert matches("tailxxx", ["Tailspin", "Tailwind"], str) == []


def test_what_is_offered_when_nothing_matched() -> None:
    assert close_to("Northwood", COMPANIES) == ["Northwind Logistics", "Northwind"]
    assert close_to("zzz", COMPANIES) == []
    assert len(close_to("t", ["ta", "tb", "tc", "td", "te", "tf"])) == 5


@given(st.text(alphabet="abcdeno rw", max_size=12), st.text(alphabet="abcdeno rw", max_size=24))
def test_a_likeness_bound_only_skips_what_cannot_reach_it(wanted: str, name: str) -> None:
    """The quick bounds leave out work, never a name that is alike enough."""
    full = likeness(wanted, name)
    for at_least in (0.6, 0.8):
        bounded = likeness(wanted, name, at_least=at_least)
        assert bounded == full if full >= at_least else bounded < at_least


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_folds_as_the_long_way_does(text: str) -> None:
    """Skipping the accent step for ASCII changes nothing."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    assert fold(text) == re.sub(r"[\W_]+", " ", plain.casefold()).strip()


@given(
    st.text(alphabet="abcdeno rw", max_size=12),
    st.lists(st.text(alphabet="abcdeno rw", max_size=24), max_size=6),
)
def test_a_memo_shared_across_names_changes_no_likeness(wanted: str, names: list[str]) -> None:
    """Parts a name shares with one before it are taken from the memo: the same figure."""
    memo: dict[str, float] = {}
    for name in names:
        assert likeness(wanted, name, at_least=0.8, memo=memo) == likeness(
            wanted, name, at_least=0.8
        )


def matches_the_long_way(query: str, names: list[str]) -> list[str]:
    """Every name folded, every tier tried, every likeness worked out: what
    :func:`matches` must give with its cheap pre-checks."""
    wanted = fold(query)
    if not wanted:
        return []
    named = [(n, fold(n)) for n in names]
    words = wanted.split()
    tiers = (
        lambda f: f == wanted,
        lambda f: f.startswith(wanted),
        lambda f: f" {wanted}" in f" {f}",
        lambda f: wanted in f,
        lambda f: all(word in f for word in words),
    )
    for fits in tiers:
        found = [n for n, f in named if fits(f)]
        if found:
            return found
    scored = [(likeness(wanted, f), i) for i, (_, f) in enumerate(named)]
    near = sorted((p for p in scored if p[0] >= NEAR_ENOUGH), key=lambda p: -p[0])
    return [named[i][0] for _, i in near]


NAME_LETTERS = "abnorwé ÉE-_.,'ß1"


@given(
    st.text(alphabet=NAME_LETTERS, max_size=10),
    st.lists(st.text(alphabet=NAME_LETTERS, max_size=20), max_size=8),
)
def test_the_cheap_pre_checks_leave_the_matches_as_they_were(query: str, names: list[str]) -> None:
    assert matches(query, names, str) == matches_the_long_way(query, names)
