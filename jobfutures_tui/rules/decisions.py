"""Every open job future's next touch, fast: decisions kept between calls and sessions.

The due list and the board's order need a suggestion for every open job
future. The engine's :func:`~jobfutures_tui.rules.cadence.decide` does not
depend on today (only :func:`~jobfutures_tui.rules.cadence.finish` does), so
a decision is kept and reused while what it was made from stays the same:

- the job future and its people, as stored: their ``updated_at`` (every
  change the app makes is a new version with a new ``updated_at``; an undo
  brings back a version and its stamp together);
- the job future's touches: the same summary object (the store replaces a
  summary when its touches change);
- the time zone, the home city and the engine's rules.

Decisions are kept in memory per repository, and in the derived index
(``touch-index.json``) between sessions: the repository asks
:func:`decisions_to_keep` for them when it closes, and trusts them at the
next open only while the files of job futures and people are those they were
made from (a hand edit, a restore, a crash after a change: made again).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from datetime import date
from typing import Any, NamedTuple

from jobfutures_tui.models import Person, Prospect, Stage, dates
from jobfutures_tui.rules.cadence import DECISION_VERSION, Decision, Suggestion, decide, finish
from jobfutures_tui.rules.facts import Facts
from jobfutures_tui.rules.history import SUMMARY_VERSION, CadenceSummary, local_day
from jobfutures_tui.rules.plans import Zone
from jobfutures_tui.store import Repository

Key = tuple[Any, tuple[Any, ...]]
"""The job future's ``updated_at`` and its people's, in its order."""

_FROM_INDEX: Any = object()
"""Stands for the summary a decision read from the index was made from: still
the one in use while the job future's touches are unchanged since opening."""


class Open(NamedTuple):
    """An open job future and its next touch (None: nothing to suggest)."""

    prospect_id: str
    stage: Stage
    company_id: str
    suggestion: Suggestion | None
    last_day: date | None
    """The day of its latest touch (None: never touched)."""


class _Entry(NamedTuple):
    key: Key
    summary: Any
    decision: Decision | None


class _Cache:
    def __init__(self, context: list[Any]) -> None:
        self.context = context
        self.entries: dict[str, _Entry] = {}
        self.stored: dict[str, Any] = {}
        """Decisions read from the index, as stored, until first used."""


_CACHES: weakref.WeakKeyDictionary[Repository, _Cache] = weakref.WeakKeyDictionary()


def open_suggestions(
    repo: Repository, *, today: date, home_city: str = "", tz: Zone | None = None
) -> Iterator[Open]:
    """The next touch of every open job future, in the store's order."""
    zone = tz or dates.local_timezone()
    cache = _cache(repo, zone, home_city)
    prospects = repo.stored_rows(Prospect)
    people = repo.stored_rows(Person)
    facts: Facts | None = None
    for prospect_id in repo.open_prospect_ids():
        row = prospects.get(prospect_id)
        if row is None:
            continue
        try:
            stage, company_id, snoozed, key = _fields(row, people)
        except (KeyError, TypeError, ValueError):
            facts = facts or Facts(repo)
            future = facts.future(prospect_id)  # reads it or refuses the data
            if future is None:
                continue
            stage, company_id, snoozed = future.stage, future.company_id, future.snoozed_until
            key = None
        decision = _decision(repo, cache, prospect_id, key, zone, home_city)
        if decision is _MISSING:
            facts = facts or Facts(repo)
            decision = _made(repo, facts, cache, prospect_id, key, zone, home_city)
        if decision is None:
            summary = repo.cadence_summary(prospect_id)
            last = summary.last if summary is not None else None
            last_day = None if last is None else local_day(last.at, zone)
            yield Open(prospect_id, stage, company_id, None, last_day)
        else:
            suggestion = finish(decision, stage=stage, today=today, snoozed_until=snoozed)
            yield Open(prospect_id, stage, company_id, suggestion, decision.last_day)


def decisions_to_keep(repo: Repository) -> dict[str, Any]:
    """Every open job future's decision, as the derived index keeps them."""
    zone = dates.local_timezone()
    home_city = ""
    cache = _cache(repo, zone, home_city)
    people = repo.stored_rows(Person)
    prospects = repo.stored_rows(Prospect)
    facts = Facts(repo)
    kept: dict[str, Any] = {}
    for prospect_id in repo.open_prospect_ids():
        row = prospects.get(prospect_id)
        try:
            key = _fields(row, people)[3] if row is not None else None
        except (KeyError, TypeError, ValueError):
            key = None
        if key is None:
            continue  # unusual data: decided afresh next time
        decision = _decision(repo, cache, prospect_id, key, zone, home_city)
        if decision is _MISSING:
            decision = _made(repo, facts, cache, prospect_id, key, zone, home_city)
        kept[prospect_id] = [key[0], list(key[1]), None if decision is None else decision.to_json()]
    return {"context": cache.context, "decisions": kept}


# ------------------------------------------------------------ the cache

_MISSING: Any = object()


def _context(zone: Zone, home_city: str) -> list[Any]:
    return [DECISION_VERSION, SUMMARY_VERSION, getattr(zone, "name", None) or str(zone), home_city]


def _cache(repo: Repository, zone: Zone, home_city: str) -> _Cache:
    context = _context(zone, home_city)
    cache = _CACHES.get(repo)
    if cache is None or cache.context != context:
        cache = _Cache(context)
        stored = repo.stored_decisions()
        if isinstance(stored, dict) and stored.get("context") == context:
            decisions = stored.get("decisions")
            if isinstance(decisions, dict):
                cache.stored = decisions
        _CACHES[repo] = cache
    return cache


def _decision(
    repo: Repository, cache: _Cache, prospect_id: str, key: Key | None, zone: Zone, home: str
) -> Decision | None:
    """The kept decision if it still holds, else _MISSING."""
    if key is None:
        return _MISSING
    entry = cache.entries.get(prospect_id)
    if entry is not None and entry.key == key:
        if entry.summary is _FROM_INDEX:
            if repo.touches_unchanged(prospect_id):
                return entry.decision
        elif entry.summary is repo.cadence_summary(prospect_id):
            return entry.decision
    stored = cache.stored.pop(prospect_id, None)
    if stored is not None and repo.touches_unchanged(prospect_id):
        try:
            updated, people, decision = stored
            stored_key = (updated, tuple(people))
            if stored_key == key:
                made = None if decision is None else Decision.from_json(decision)
                cache.entries[prospect_id] = _Entry(key, _FROM_INDEX, made)
                return made
        except (KeyError, TypeError, ValueError):
            pass  # an odd entry: decide again
    return _MISSING


def _made(
    repo: Repository,
    facts: Facts,
    cache: _Cache,
    prospect_id: str,
    key: Key | None,
    zone: Zone,
    home_city: str,
) -> Decision | None:
    future = facts.future(prospect_id)
    if future is None:
        return None
    summary: CadenceSummary | None = repo.cadence_summary(prospect_id)
    decision = decide(future, facts.people(future), summary, home_city=home_city, tz=zone)
    if key is not None:
        cache.entries[prospect_id] = _Entry(key, summary, decision)
    return decision


_STAGES = {member.value: member for member in Stage}


def _fields(row: dict[str, Any], people: Any) -> tuple[Stage, str, date | None, Key]:
    """Stage, company, snooze and key from a stored job future, or an error if unusual."""
    stage = _STAGES[row["stage"]]
    company_id = row["company_id"]
    if type(company_id) is not str or not company_id:
        raise TypeError("company_id")
    snoozed = row["snoozed_until"]
    if snoozed is not None:
        if type(snoozed) is not str or len(snoozed) != 10:
            raise ValueError("snoozed_until")
        snoozed = date.fromisoformat(snoozed)
    stamps = []
    for person_id in row["person_ids"]:
        person = people.get(person_id)
        stamps.append(None if person is None else person.get("updated_at"))
    return stage, company_id, snoozed, (row["updated_at"], tuple(stamps))
