"""The insights' counts of each job future's touches, kept in the derived index between
sessions (docs/insights.md, "How fast"; docs/storage.md, "The derived index").

Counting every touch took about a second at 5,000 job futures and 50,000 touches,
most of it reading every month of touches: a 5 pressed as the board appeared
waited for all of it. The counts (:class:`engine.touch_counts.Counts`) hold on
any later day, so the index keeps them, one JSON text per job future, and the
next session counts only the job futures whose records or touches changed since.

They are trusted where the kept decisions are: only while the month files and the
collection files are those the index was written beside. At close, the session's
own counts are written, but those of job futures changed after they were counted;
a session that never counted (a shell command) writes back the stored texts
without those of the job futures the change log names, or whose people or plan
it names (each text starts with them, so they are found in the bytes), or whose
touches changed.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Protocol

import orjson

from jobfutures_tui.engine.cadence import DECISION_VERSION
from jobfutures_tui.engine.history import SUMMARY_VERSION
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.replies import GroupKey, Tally
from jobfutures_tui.engine.touch_counts import Counts
from jobfutures_tui.models.enums import Channel, TouchKind
from jobfutures_tui.store import Repository
from jobfutures_tui.store.stored_summaries import StoredTexts
from jobfutures_tui.store.touch_index import Section

COUNTS = "counts"
"""The section of counts: ``"<JSON text>"`` by job future id (:func:`as_text`)."""
COUNTS_CONTEXT = "counts_context"
"""What every kept count was made under (:func:`context`)."""
COUNTS_VERSION = 1
"""Bump when the counts would come out differently from the same touches."""
FIGURES = "figures"
"""The day's figures as the session's last 5 showed them: ``[what they were made
under, their text]`` (usecases/insights_result.py), kept only when nothing changed
after they were worked out."""

LOCK = threading.Lock()
"""Held while the insights count, and while their counts are written at close."""


def context(zone: Zone, workdays: frozenset[int]) -> list[Any]:
    """What the counts depend on besides the records: the rules' versions (the
    follow-through walks the plans), the time zone (days and weeks) and the workdays."""
    zone_name = getattr(zone, "name", None) or str(zone)
    return [COUNTS_VERSION, DECISION_VERSION, SUMMARY_VERSION, zone_name, sorted(workdays)]


class Live(Protocol):
    """The insights' counts in memory (usecases/insights.py): all made under
    ``context`` and brought up to date at ``revision``."""

    context: list[Any]
    revision: int
    counts: dict[str, Counts]
    texts: dict[str, str]
    """The stored text of each count read from the index and not made again since."""

    def at_close(self, repo: Repository) -> tuple[list[Any], str] | None:
        """Brought up to date when that reads no month, and today's figures as kept:
        what they were made under and their text (None: none up to date)."""


_LIVE: weakref.WeakKeyDictionary[Repository, Live] = weakref.WeakKeyDictionary()


def follow(repo: Repository, live: Live) -> None:
    """Keep these counts at close (the newest a repository's insights made)."""
    _LIVE[repo] = live


def stored(repo: Repository, made_under: list[Any]) -> StoredTexts | None:
    """The counts kept in the index, if made under ``made_under`` (read with
    :func:`from_text`)."""
    derived = repo.stored_decisions()
    if not derived or derived.get(COUNTS_CONTEXT) != made_under:
        return None
    texts = derived.get(COUNTS)
    return texts if isinstance(texts, StoredTexts) else None


def stored_figures(repo: Repository, made_under: list[Any]) -> str | None:
    """The figures kept in the index, if made under ``made_under`` (the counts' context,
    the day, the home city)."""
    derived = repo.stored_decisions()
    kept = derived.get(FIGURES) if derived else None
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == made_under:
        return kept[1] if isinstance(kept[1], str) else None
    return None


def counts_to_keep(repo: Repository, zone: Zone, workdays: frozenset[int]) -> dict[str, Any]:
    """The counts' sections to write at close (none: nothing is kept), and the day's
    figures when the session's are up to date."""
    made_under = context(zone, workdays)
    live = _LIVE.get(repo)
    if live is not None and live.context == made_under:
        figures = live.at_close(repo)
        with LOCK:
            texts = _live_texts(repo, live)
        if texts is None:
            return {}
        kept = {COUNTS_CONTEXT: made_under, COUNTS: Section.of(texts)}
        return kept if figures is None else {**kept, FIGURES: list(figures)}
    texts_stored = stored(repo, made_under)
    changed = repo.changed_since(0)
    if texts_stored is None or changed is None:
        return {}
    changed |= set(repo.touched_since_open())
    gone = texts_stored.mentioning(changed) if changed else set()
    spliced = None if gone is None else texts_stored.spliced(dict.fromkeys(gone))
    return {} if spliced is None else {COUNTS_CONTEXT: made_under, COUNTS: Section(spliced)}


def _live_texts(repo: Repository, live: Live) -> dict[str, str] | None:
    """The texts of the counts in memory, but those of job futures changed since they
    were brought up to date (None: too many changes to know which)."""
    changed = repo.changed_since(live.revision)
    if changed is None:
        return None
    rows = repo.stored_rows("prospects")
    texts: dict[str, str] = {}
    for prospect_id, counts in live.counts.items():
        row = rows.get(prospect_id)
        if row is None or prospect_id in changed:
            continue
        people = row.get("person_ids") or ()
        plan = row.get("cadence_plan")
        if (plan is not None and plan in changed) or not changed.isdisjoint(people):
            continue
        text = live.texts.get(prospect_id)
        texts[prospect_id] = text if text is not None else as_text(counts, people, plan)
    return texts


# ------------------------------------------------------------ as text


def as_text(counts: Counts, people: Any, plan: Any) -> str:
    """``[people, plan, horizon, settled, touches, last day, given, given days, weeks,
    groups, pending, made]``: the job future's people and chosen plan first (what a later
    change naming one of them is found by), then the counts, flat."""
    groups = [
        [channel.value, None if kind is None else kind.value, script, *_tally(tally)]
        for (channel, kind, script), tally in counts.groups.items()
    ]
    pending = [
        [at, channel.value, None if kind is None else kind.value, script]
        for at, (channel, kind, script) in counts.pending
    ]
    return orjson.dumps(
        [
            list(people),
            plan,
            counts.horizon,
            counts.settled,
            counts.touches,
            counts.last_day,
            counts.given,
            counts.given_days,
            [n for week in counts.weeks.items() for n in week],
            groups,
            pending,
            [n for made in counts.made for n in made],
        ]
    ).decode()


def _tally(tally: Tally) -> list[Any]:
    return [tally.touches, tally.replies, tally.on_the_touch, tally.days]


_CHANNELS = {member.value: member for member in Channel}
_KINDS = {member.value: member for member in TouchKind}


def from_text(text: Any) -> Counts | None:
    """The counts of :func:`as_text` (None: not such a text)."""
    try:
        (
            _,
            _,
            horizon,
            settled,
            touches,
            last_day,
            given,
            given_days,
            weeks,
            groups,
            pending,
            made,
        ) = orjson.loads(text)
        found: dict[GroupKey, Tally] = {}
        for channel, kind, script, *numbers, days in groups:
            tally = found[_key(channel, kind, script)] = Tally()
            tally.touches, tally.replies, tally.on_the_touch = map(int, numbers)
            tally.days = list(days)
        return Counts(
            float(horizon),
            float(settled),
            int(touches),
            None if last_day is None else int(last_day),
            int(given),
            tuple(given_days),
            dict(zip(weeks[::2], weeks[1::2], strict=True)),
            found,
            tuple(
                (float(at), _key(channel, kind, script)) for at, channel, kind, script in pending
            ),
            tuple(zip(made[::2], made[1::2], strict=True)),
        )
    except (TypeError, ValueError, KeyError, orjson.JSONDecodeError):
        return None


def _key(channel: Any, kind: Any, script: Any) -> GroupKey:
    if script is not None and not isinstance(script, str):
        raise TypeError(script)
    return (_CHANNELS[channel], None if kind is None else _KINDS[kind], script)
