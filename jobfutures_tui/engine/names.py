"""Finding what a user named in a few letters: 'north' for Northwind Logistics,
'priya' for Priya Raman, 'cafe ole' for Café Olé Roasters, 'nortwind' too.

Matching goes by tiers and the first tier that finds anything wins: the whole
name, its start, the start of one of its words, anywhere in it, all the words
in any order, then near spellings. So a unique abbreviation is enough, a typo
still finds its target, and a name that is exactly right never loses to a
longer one that begins with it. Pure: no store, no UI.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

NEAR_ENOUGH = 0.8
"""How alike a spelling must be (difflib's ratio) to be taken for the name."""
CLOSE = 0.6
"""How alike a name must be to be offered when nothing matched."""

_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Case, accents, punctuation and spacing do not tell two names apart."""
    plain = text
    if not text.isascii():  # ASCII has no accents to drop: most names, thousands a command
        plain = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", plain.casefold()).strip()


def _tiers(wanted: str) -> tuple[Callable[[str], bool], ...]:
    words = wanted.split()
    return (
        lambda name: name == wanted,
        lambda name: name.startswith(wanted),
        lambda name: f" {wanted}" in f" {name}",
        lambda name: wanted in name,
        lambda name: all(word in name for word in words),
    )


def likeness(
    wanted: str, name: str, *, at_least: float = 0.0, memo: dict[str, float] | None = None
) -> float:
    """How alike a folded query is to a folded name: to the whole name, to its
    start, or to one of its words, whichever is closest.

    With ``at_least``, a part that cannot reach it is not worked out (0 for a
    name none of whose parts can): difflib's two quick bounds (lengths, then
    letters in common), worked out here without building a matcher, are never
    below the ratio, and a command matching one name against thousands of
    companies spent most of its time on ratios far below any it kept (issue 22:
    `jobfutures add` at 5,000 job futures, 0.76 s of 1.8 s profiled). ``memo``
    keeps each part's figure for the next name: thousands of company names share
    a few hundred words."""
    letters = _letters(wanted) if at_least else None
    best = 0.0
    for part in {name, name[: len(wanted)], *name.split()}:
        known = memo.get(part) if memo is not None else None
        if known is None:
            known = _part_likeness(wanted, part, letters, at_least)
            if memo is not None:
                memo[part] = known
        best = max(best, known)
    return best


@functools.lru_cache(maxsize=8)
def _letters(wanted: str) -> Counter[str]:
    """The query's letters, counted once for the thousands of names it is held against."""
    return Counter(wanted)


def _part_likeness(wanted: str, part: str, letters: Counter[str] | None, at_least: float) -> float:
    if letters is not None and not _may_reach(letters, len(wanted), part, at_least):
        return 0.0
    return difflib.SequenceMatcher(None, wanted, part).ratio()


def _may_reach(letters: Counter[str], size: int, part: str, at_least: float) -> bool:
    """difflib's real_quick_ratio and quick_ratio of the query against ``part``
    both reach ``at_least``."""
    total = size + len(part)
    if not total:
        return True  # two empty strings are alike (ratio 1)
    if 2 * min(size, len(part)) / total < at_least:
        return False
    # At most the query's own count of each letter both have: a bound with no Counter.
    shared = sum(letters[letter] for letter in letters.keys() & set(part))
    if 2 * min(shared, len(part)) / total < at_least:
        return False
    return 2 * sum((letters & Counter(part)).values()) / total >= at_least


def matches(query: str, items: Iterable[T], name: Callable[[T], str]) -> list[T]:
    """The items whose name ``query`` means, from the first tier that has any
    (several when the query does not tell them apart; none when nothing fits).
    Near spellings come most alike first.

    A command matches one query against thousands of company names, and folding
    each cost more than the rest. So a plain ASCII name is first tested cheaply,
    in lower case, and folded only if it could match (folding keeps its letters
    and digits in place): every tier wants each of the query's words in the
    folded name, and a near spelling wants enough of the query's letters in it
    (:func:`_letters_allow`). The same items come back, in the same order."""
    wanted = fold(query)
    if not wanted:
        return []
    pool = [
        (item, text if text.isascii() else fold(text)) for item in items for text in [name(item)]
    ]
    lowered = [text.lower() for _, text in pool]
    hits = list(range(len(pool)))
    for word in wanted.split():  # one pass a word: no generator per name
        hits = [at for at in hits if word in lowered[at]]
    named = [(pool[at][0], fold(pool[at][1])) for at in hits]
    for fits in _tiers(wanted):
        found = [item for item, folded in named if fits(folded)]
        if found:
            return found
    allow = _letters_allow(_letters(wanted), len(wanted), NEAR_ENOUGH)
    alike = [
        (item, fold(text)) for (item, text), low in zip(pool, lowered, strict=True) if allow(low)
    ]
    memo: dict[str, float] = {}
    scored = [
        (likeness(wanted, folded, at_least=NEAR_ENOUGH, memo=memo), n)
        for n, (_, folded) in enumerate(alike)
    ]
    near = sorted((pair for pair in scored if pair[0] >= NEAR_ENOUGH), key=lambda p: -p[0])
    return [alike[n][0] for _, n in near]


def _letters_allow(letters: Counter[str], size: int, at_least: float) -> Callable[[str], bool]:
    """A test of whether some part of a folded text may reach ``at_least`` against a
    query of ``size`` characters counted in ``letters``, judged from the text lowercased.

    difflib's ratio is 2M/(size + len(part)), with M the characters in common, at
    most len(part); reaching ``at_least`` needs M >= at_least * size / (2 - at_least).
    M is at most the query's count of each letter the part holds, and every part's
    letters are among the text's (folding turns the rest into spaces, so the query's
    spaces always count). One set of the query's letters, met by each text in C."""
    spaces = letters.get(" ", 0)
    needed = at_least * size / (2 - at_least) - spaces - 1e-9  # never lost to rounding
    wanted = set(letters) - {" "}
    count = letters.__getitem__
    return lambda text: sum(map(count, wanted.intersection(text))) >= needed


def close_to(query: str, names: Sequence[str], *, most: int = 5) -> list[str]:
    """Names a little like ``query``, most alike first: what to offer when nothing matched."""
    wanted = fold(query)
    memo: dict[str, float] = {}
    scored = sorted(
        (
            (likeness(wanted, fold(name), at_least=CLOSE, memo=memo), name)
            for name in dict.fromkeys(names)
        ),
        key=lambda pair: -pair[0],
    )
    return [name for score, name in scored[:most] if score >= CLOSE]
