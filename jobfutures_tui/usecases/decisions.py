"""Every open job future's next touch, fast: decisions kept between calls and sessions.

The due list and the board's order need a suggestion for every open job
future. The engine's :func:`~jobfutures_tui.engine.cadence.decide` does not
depend on today (only :func:`~jobfutures_tui.engine.cadence.finish` does), so
a decision is kept and reused while what it was made from stays the same:

- the job future, its people and the user's plan it follows, as stored:
  their ``updated_at`` (every change the app makes is a new version with a
  new ``updated_at``; an undo brings back a version and its stamp together;
  a plan deleted or added under a job future's choice changes the stamp too);
- a referral by one of its people that reached the offer stage (a thank-you
  is owed): the day, the referrer and the company;
- the job future's touches: the same summary object (the store replaces a
  summary when its touches change);
- the time zone, the home city and the engine's rules.

Decisions are kept in memory per repository, and in the derived index
(``touch-index.json``) between sessions: the repository asks
:func:`decisions_to_keep` for them when it closes, and trusts them at the
next open only while the files of job futures, people and plans are those
they were made from (a hand edit, a restore, a crash after a change: made again).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from jobfutures_tui import settings
from jobfutures_tui.engine.cadence import (
    DECISION_VERSION,
    Decision,
    Suggestion,
    decide,
    due_and_urgency,
    due_day,
    finish,
)
from jobfutures_tui.engine.history import SUMMARY_VERSION, CadenceSummary, local_day
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.workload import ALL_DAYS
from jobfutures_tui.models import Stage, dates
from jobfutures_tui.store import Repository
from jobfutures_tui.store.stored_summaries import StoredTexts
from jobfutures_tui.store.touch_index import Section
from jobfutures_tui.usecases.decision_keys import (
    KEY_VERSION,
    DecisionInputs,
    Key,
    StoredInputs,
    key_of,
)
from jobfutures_tui.usecases.facts import Facts, FutureColumns, future_fields, my_city
from jobfutures_tui.usecases.kept_counts import counts_to_keep
from jobfutures_tui.usecases.kept_fields import OPEN, KeptFields, future_text, sections_to_keep
from jobfutures_tui.usecases.referral_offers import offers_to_keep

if TYPE_CHECKING:
    pass


class Open(NamedTuple):
    """An open job future and the engine's decision for it (None: nothing to suggest)."""

    prospect_id: str
    stage: Stage
    company_id: str
    snoozed_until: date | None
    decision: Decision | None
    last_day: date | None
    """The day of its latest touch (None: never touched)."""
    workdays: frozenset[int] = ALL_DAYS
    """The user's workdays (settings): a due date on another day moves to the next."""

    def suggestion(self, today: date) -> Suggestion | None:
        if self.decision is None:
            return None
        return finish(
            self.decision,
            stage=self.stage,
            today=today,
            snoozed_until=self.snoozed_until,
            workdays=self.workdays,
        )

    def due_day(self) -> date | None:
        """When its suggestion is due (None: nothing to suggest)."""
        if self.decision is None:
            return None
        return due_day(self.decision, self.snoozed_until, self.workdays)

    def due_and_urgency(self, today: date) -> tuple[date, float] | None:
        """When its suggestion is due and how urgent it is, worked out alone (None:
        nothing to suggest); :meth:`suggestion` for the rest."""
        if self.decision is None:
            return None
        return due_and_urgency(
            self.decision,
            stage=self.stage,
            today=today,
            snoozed_until=self.snoozed_until,
            workdays=self.workdays,
        )


def open_suggestions(repo: Repository, *, tz: Zone | None = None) -> Iterator[Open]:
    """The decision for every open job future, in the store's order; finish
    each for a day with :meth:`Open.suggestion` (or :meth:`Open.urgency`)."""
    reader = _Reader(repo, tz, every=True)
    for prospect_id in reader.open_ids():
        found = reader.open(prospect_id)
        if found is not None:
            yield found


def open_some(repo: Repository, prospect_ids: list[str]) -> dict[str, Open]:
    """:func:`open_suggestions` for some job futures only, by id (those a list kept
    from an earlier run names: usecases/due_order.py)."""
    reader = _Reader(repo, None, every=True)
    found = {}
    for prospect_id in prospect_ids:
        future = reader.open(prospect_id)
        if future is not None:
            found[prospect_id] = future
    return found


def decided_under(repo: Repository) -> list[Any]:
    """What decisions finished for a day depend on besides the records: the rules'
    versions, the time zone, the city, and the workdays."""
    zone = dates.local_timezone()
    return [*_context(zone, my_city(repo)), sorted(workdays())]


def open_one(repo: Repository, prospect_id: str, *, tz: Zone | None = None) -> Open | None:
    """:func:`open_suggestions` for one job future (None: no such job future)."""
    return _Reader(repo, tz).open(prospect_id)


def next_suggestion(repo: Repository, prospect_id: str, *, today: date) -> Suggestion | None:
    """The next touch of one job future for ``today`` (None: nothing to suggest)."""
    found = open_one(repo, prospect_id)
    return None if found is None else found.suggestion(today)


class _Reader:
    """Reads job futures' decisions from one repository, in one zone."""

    def __init__(self, repo: Repository, tz: Zone | None, *, every: bool = False) -> None:
        self.repo = repo
        self.home_city = home_city = my_city(repo)
        self.workdays = workdays()
        self.zone = tz or dates.local_timezone()
        self.cache = _cache(repo, self.zone, home_city)
        self.prospects = repo.stored_rows("prospects")
        self.records = StoredInputs(repo)
        self.pristine = repo.revision == 0
        """Nothing changed since opening: every kept decision holds without checking."""
        self._facts: Facts | None = None
        self._kept = KeptFields.of(repo) if every and self.pristine else None
        # Reading every job future while its kept decision holds: what it needs of each
        # row is kept beside it, or read from the columns; no row is read.
        self._columns = (self._kept or FutureColumns(repo)) if every and self.pristine else None

    def open_ids(self) -> list[str]:
        """The open job futures: as kept beside the decisions while they all hold."""
        return self._kept.open_ids if self._kept is not None else self.repo.open_prospect_ids()

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = Facts(self.repo)
        return self._facts

    def open(self, prospect_id: str) -> Open | None:
        repo, zone = self.repo, self.zone
        row: Mapping[str, Any] | None = None
        listed: Mapping[str, Any] | None = None
        if self._columns is not None:
            listed = self._columns.fields(prospect_id)
        if listed is None:
            row = listed = self.prospects.get(prospect_id)
        if listed is None:
            return None
        try:
            stage, company_id, snoozed = future_fields(listed)
        except (KeyError, TypeError, ValueError):
            future = self.facts.future(prospect_id)  # reads it or refuses the data
            if future is None:
                return None
            stage, company_id, snoozed = future.stage, future.company_id, future.snoozed_until
        decision = _kept(repo, self.cache, prospect_id, row, self.records, self.pristine)
        if decision is _MISSING:
            row = row if row is not None else self.prospects.get(prospect_id)
            if row is None:
                return None
            decision = _made(
                repo, self.facts, self.cache, prospect_id, row, self.records, zone, self.home_city
            )
        if decision is None:
            summary = repo.cadence_summary(prospect_id)
            last = summary.last if summary is not None else None
            last_day = None if last is None else local_day(last.at, zone)
        else:
            last_day = decision.last_day
        return Open(prospect_id, stage, company_id, snoozed, decision, last_day, self.workdays)


def decisions_to_keep(repo: Repository) -> dict[str, Any]:
    """Every open job future's decision, as the derived index keeps them: two sections
    of texts by job future id, the decisions and what each was made from (its key),
    as JSON; the stored ones with only those that changed written in when they can be."""
    zone = dates.local_timezone()
    home_city = my_city(repo)
    cache = _cache(repo, zone, home_city)
    making = _Making(repo, cache, zone, home_city)
    # What changed since opening, as the change log names it (a touch its job future,
    # a plan the job futures following it, a referral reaching the offer stage its
    # referrers' job futures): a stored decision none of whose records is named
    # still holds, unread (`jobfutures add` and `move` at 5,000 job futures read
    # every job future and person to check, 55 ms). None: check every one.
    changed = repo.changed_since(0) if repo.stored_decisions() is not None else None
    open_ids = _open_now(repo, cache, changed, making.prospects)
    sections = _spliced(making, changed, open_ids) if changed is not None else None
    if sections is None:
        decisions, keys = {}, {}
        for prospect_id in open_ids:
            texts = making.texts(prospect_id)
            if texts is not None:
                keys[prospect_id], decisions[prospect_id] = texts
        sections = Section.of(decisions), Section.of(keys)
    kept = sections_to_keep(
        repo, making.facts, changed, open_ids, making.fields_text, SPLICED_UP_TO
    )
    return {
        "context": cache.context,
        OPEN: open_ids,
        "decisions": sections[0],
        "decision_keys": sections[1],
        "offers": offers_to_keep(repo),
        **kept,
        # The insights' counts ride with the decisions, trusted where they are.
        **counts_to_keep(repo, zone, workdays()),
    }


SPLICED_UP_TO = 64
"""More records changed than this (an import), and every decision is written afresh:
each is searched for in the stored keys' bytes."""


def _spliced(
    making: _Making, changed: set[str], open_ids: list[str]
) -> tuple[Section, Section] | None:
    """The stored decisions and keys with those of the job futures named in ``changed``
    (or made from a person or plan named there, or decided this session) written in,
    the rest left as stored, unread; None when they are not in the index's bytes."""
    cache = making.cache
    if cache.kept_ids is None or len(changed) > SPLICED_UP_TO:
        return None
    mentioned = cache.keys.mentioning(changed)
    if mentioned is None:
        return None
    kept = set(cache.kept_ids)
    repo, entries = making.repo, cache.entries
    touched = repo.touched_since_open()
    # A touch's stale copy healed as its month was read changes a history the change
    # log never heard of: touched_since_open knows.
    again = [
        pid
        for pid in open_ids
        if pid in changed or pid in mentioned or pid in entries or pid in touched
    ]
    decisions: dict[str, str | None] = {}
    keys: dict[str, str | None] = {}
    for prospect_id in again:
        texts = making.texts(prospect_id)
        keys[prospect_id], decisions[prospect_id] = (None, None) if texts is None else texts
    for prospect_id in kept.difference(open_ids):
        keys[prospect_id] = decisions[prospect_id] = None
    spliced = cache.decisions.spliced(decisions), cache.keys.spliced(keys)
    if spliced[0] is None or spliced[1] is None:
        return None
    return Section(spliced[0]), Section(spliced[1])


class _Making:
    """Works out the stored texts of one job future's decision at close."""

    def __init__(self, repo: Repository, cache: _Cache, zone: Zone, home_city: str) -> None:
        self.repo, self.cache, self.zone, self.home_city = repo, cache, zone, home_city
        self.records = StoredInputs(repo)
        self.prospects = repo.stored_rows("prospects")
        self.pristine = repo.revision == 0
        self.facts = Facts(repo)

    def fields_text(self, prospect_id: str) -> str | None:
        """Its stage, company and snooze as kept (usecases/kept_fields.py)."""
        row = self.prospects.get(prospect_id)
        try:
            return None if row is None else future_text(future_fields(row))
        except (KeyError, TypeError, ValueError):
            return None

    def texts(self, prospect_id: str) -> tuple[str, str] | None:
        """Its key and its decision as JSON texts (None: unusual data, decided afresh
        next time)."""
        repo, cache = self.repo, self.cache
        row = self.prospects.get(prospect_id)
        key = None if row is None else key_of(row, self.records)
        if row is None or key is None:
            return None
        entry = cache.entries.get(prospect_id)
        as_stored = entry is None or entry.key is _STORED  # not decided again since read
        if as_stored and (self.pristine or prospect_id not in repo.touched_since_open()):
            decision, made_from = cache.decisions.get(prospect_id), cache.keys.get(prospect_id)
            if (
                isinstance(decision, str)
                and isinstance(made_from, str)
                and _parsed(made_from) == key
            ):
                # Still made from the same records and touches: kept as stored, not
                # decoded and encoded again (most of a close after one change).
                return made_from, decision
        decision = _kept(repo, cache, prospect_id, row, self.records, self.pristine)
        if decision is _MISSING:
            decision = _made(
                repo, self.facts, cache, prospect_id, row, self.records, self.zone, self.home_city
            )
        made = None if decision is None else decision.to_json()
        return orjson.dumps(key).decode(), orjson.dumps(made).decode()


def _parsed(text: str) -> Any:
    """A stored text parsed (None: not JSON)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return None


def _open_now(
    repo: Repository, cache: _Cache, changed: set[str] | None, prospects: Mapping[str, Any]
) -> list[str]:
    """The open job futures: those the index kept decisions for, but the ones changed
    since opening, which are read (a close after a move read every job future's
    stage, 5 ms at 5,000). One left out is only decided afresh next time."""
    if changed is None or cache.kept_ids is None:
        return repo.open_prospect_ids()
    archive = Stage.ARCHIVE.value
    found = [pid for pid in cache.kept_ids if pid not in changed]
    for prospect_id in changed:
        row = prospects.get(prospect_id)
        if isinstance(row, Mapping) and "stage" in row and row["stage"] != archive:
            found.append(prospect_id)
    return found


# ------------------------------------------------------------ the cache

_FROM_INDEX: Any = object()
"""Stands for the summary a decision read from the index was made from: still
the one in use while the job future's touches are unchanged since opening."""

_MISSING: Any = object()

_STORED: Any = object()
"""Stands for the key of a decision read from the index: read from it when needed."""


class _Entry(NamedTuple):
    key: Key
    summary: Any
    decision: Decision | None


class _Cache:
    def __init__(self, context: list[Any]) -> None:
        self.context = context
        self.entries: dict[str, _Entry] = {}
        self.decisions = StoredTexts.of({})
        """Decisions read from the index, as stored (JSON texts by job future id)."""
        self.keys = StoredTexts.of({})
        """What each was made from (its :data:`Key`), the same way."""
        self.kept_ids: list[str] | None = None
        """The job futures the index kept decisions for: the open ones at its writing."""


_CACHES: weakref.WeakKeyDictionary[Repository, _Cache] = weakref.WeakKeyDictionary()


def _context(zone: Zone, home_city: str) -> list[Any]:
    zone_name = getattr(zone, "name", None) or str(zone)
    return [DECISION_VERSION, SUMMARY_VERSION, KEY_VERSION, zone_name, home_city]


def _cache(repo: Repository, zone: Zone, home_city: str) -> _Cache:
    context = _context(zone, home_city)
    cache = _CACHES.get(repo)
    if cache is None or cache.context != context:
        cache = _Cache(context)
        stored = repo.stored_decisions()
        if isinstance(stored, dict) and stored.get("context") == context:
            decisions, keys = stored.get("decisions"), stored.get("decision_keys")
            kept_ids = stored.get(OPEN)
            if (
                isinstance(decisions, StoredTexts)
                and isinstance(keys, StoredTexts)
                and isinstance(kept_ids, list)
            ):
                cache.decisions, cache.keys, cache.kept_ids = decisions, keys, kept_ids
        _CACHES[repo] = cache
    return cache


def _kept(
    repo: Repository,
    cache: _Cache,
    prospect_id: str,
    row: Mapping[str, Any] | None,
    records: StoredInputs,
    pristine: bool,
) -> Decision | None:
    """The kept decision if it still holds, else _MISSING (``row`` is read only when
    something changed since opening: None stands for a row not read)."""
    entry = cache.entries.get(prospect_id)
    if entry is None:
        stored = cache.decisions.get(prospect_id)
        if stored is None:
            return _MISSING
        try:
            decision = orjson.loads(stored)  # see decisions_to_keep
            made = None if decision is None else Decision.from_json(decision)
        except (KeyError, TypeError, ValueError):
            return _MISSING  # an odd entry: decide again
        # Its key is read only if something changed since opening.
        entry = cache.entries[prospect_id] = _Entry(_STORED, _FROM_INDEX, made)
    if pristine:
        return entry.decision  # made from the records as they are: nothing changed since
    if entry.summary is _FROM_INDEX:
        if prospect_id in repo.touched_since_open():
            return _MISSING
    elif entry.summary is not repo.cadence_summary(prospect_id):
        return _MISSING
    key = _parsed(cache.keys.get(prospect_id) or "null") if entry.key is _STORED else entry.key
    if row is None or key != key_of(row, records):
        return _MISSING
    return entry.decision


def _made(
    repo: Repository,
    facts: Facts,
    cache: _Cache,
    prospect_id: str,
    row: Mapping[str, Any],
    records: StoredInputs,
    zone: Zone,
    home_city: str,
) -> Decision | None:
    future = facts.future(prospect_id)
    if future is None:
        return None
    summary: CadenceSummary | None = repo.cadence_summary(prospect_id)
    inputs = DecisionInputs.of(repo, future, facts, records, zone, home_city, row)
    decision = decide(
        future,
        inputs.people,
        summary,
        plan=inputs.plan,
        home_city=home_city,
        tz=zone,
        thanks=inputs.thanks,
    )
    key = key_of(row, records)
    if key is not None:
        cache.entries[prospect_id] = _Entry(key, summary, decision)
    return decision


def workdays() -> frozenset[int]:
    """The user's workdays, from their settings (every day unless they say)."""
    return settings.current().settings.workday_numbers()


Repository.derive_at_close(decisions_to_keep)  # kept in the index for the next session
