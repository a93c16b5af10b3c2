"""The insights' shares of each job future, their totals and the day's figures, kept in
the derived index between sessions (docs/insights.md, "How fast"; docs/storage.md,
"The derived index"); their text is usecases/kept_shares.py's.

Counting every touch took about a second at 5,000 job futures and 50,000 touches,
most of it reading every month of touches: a 5 pressed as the board appeared
waited for all of it. A job future's share of the figures
(:class:`engine.insights.Share`) holds on any later day, and so do their totals
(:class:`engine.insights_totals.Totals`), so the index keeps both: one JSON text
per job future (``counts``), and the totals with the longest chain (``insights``),
and the next session counts only the job futures whose records or touches changed.

They are trusted where the kept decisions are: only while the month files and the
collection files are those the index was written beside. At close, the session's
own shares are written, but those of job futures changed after they were counted;
the totals only when every share is up to date. A session that never counted (a
shell command) writes back the stored shares without those of the job futures the
change log names, or whose people or plan it names (each text starts with them, so
they are found in the bytes), or whose touches changed; and, if anything changed,
no totals: the next session adds the shares up again.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, NamedTuple

from jobfutures_tui.engine.cadence import DECISION_VERSION
from jobfutures_tui.engine.history import SUMMARY_VERSION
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.store import Repository
from jobfutures_tui.store.stored_summaries import StoredTexts
from jobfutures_tui.store.touch_index import Section

COUNTS = "counts"
"""The section of shares: ``"<JSON text>"`` by job future id (kept_shares.share_text)."""
COUNTS_CONTEXT = "counts_context"
"""What every kept share was made under (:func:`context`)."""
COUNTS_VERSION = 2
"""Bump when the shares would come out differently from the same records. 2: the
shares, with what the job future's record adds, and their totals."""
TOTALS = "insights"
"""The section of the totals: ``{"totals": "<JSON text>"}`` (kept_shares.totals_text)."""
FIGURES = "figures"
"""The day's figures as the session's last 5 showed them: ``[what they were made
under, their text]`` (usecases/insights_result.py), kept only when nothing changed
after they were worked out."""

LOCK = threading.Lock()
"""Held while the insights count, and while their shares are written at close."""


def context(zone: Zone, workdays: frozenset[int]) -> list[Any]:
    """What the shares depend on besides the records: the rules' versions (the
    follow-through walks the plans), the time zone (days and weeks) and the workdays."""
    zone_name = getattr(zone, "name", None) or str(zone)
    return [COUNTS_VERSION, DECISION_VERSION, SUMMARY_VERSION, zone_name, sorted(workdays)]


class ToKeep(NamedTuple):
    texts: dict[str, str]
    """Each share's text, by job future id."""
    totals: str | None
    """The totals' text, when they add up every share in ``texts``."""
    figures: tuple[list[Any], str] | None
    """The day's figures: what they were made under, and their text."""


_LIVE: weakref.WeakKeyDictionary[Repository, Any] = weakref.WeakKeyDictionary()
_at_close: list[Callable[[Repository, Any], ToKeep | None]] = []


def keep_at_close(made: Callable[[Repository, Any], ToKeep | None]) -> None:
    """How the insights say, at close, what to keep of a memo they follow."""
    _at_close[:] = [made]


def follow(repo: Repository, memo: Any) -> None:
    """Keep this memo's shares at close (the newest a repository's insights made; its
    ``context`` says what they were made under)."""
    _LIVE[repo] = memo


def stored_figures(repo: Repository, made_under: list[Any]) -> str | None:
    """The figures kept in the index, if made under ``made_under`` (the shares' context,
    the day, the home city)."""
    derived = repo.stored_decisions()
    kept = derived.get(FIGURES) if derived else None
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == made_under:
        return kept[1] if isinstance(kept[1], str) else None
    return None


def stored_section(repo: Repository, made_under: list[Any], name: str) -> StoredTexts | None:
    """A section of the insights kept in the index, if made under ``made_under``."""
    derived = repo.stored_decisions()
    if not derived or derived.get(COUNTS_CONTEXT) != made_under:
        return None
    section = derived.get(name)
    return section if isinstance(section, StoredTexts) else None


def counts_to_keep(repo: Repository, zone: Zone, workdays: frozenset[int]) -> dict[str, Any]:
    """The sections to write at close (none: nothing is kept)."""
    made_under = context(zone, workdays)
    live = _LIVE.get(repo)
    if live is not None and live.context == made_under and _at_close:
        kept = _at_close[0](repo, live)
        if kept is None:
            return {}
        found: dict[str, Any] = {COUNTS_CONTEXT: made_under, COUNTS: Section.of(kept.texts)}
        if kept.totals is not None:
            found[TOTALS] = Section.of({"totals": kept.totals})
        if kept.figures is not None:
            found[FIGURES] = list(kept.figures)
        return found
    texts_stored = stored_section(repo, made_under, COUNTS)
    changed = repo.changed_since(0)
    if texts_stored is None or changed is None:
        return {}
    changed |= set(repo.touched_since_open())
    gone = texts_stored.mentioning(changed) if changed else set()
    spliced = None if gone is None else texts_stored.spliced(dict.fromkeys(gone))
    if spliced is None:
        return {}
    found = {COUNTS_CONTEXT: made_under, COUNTS: Section(spliced)}
    derived = repo.stored_decisions() or {}
    if not changed:  # the totals and the figures still add up every share
        totals = derived.get(TOTALS)
        if isinstance(totals, StoredTexts) and isinstance(
            text := totals.every().get("totals"), str
        ):
            found[TOTALS] = Section.of({"totals": text})
        if derived.get(FIGURES) is not None:
            found[FIGURES] = derived[FIGURES]
    return found
