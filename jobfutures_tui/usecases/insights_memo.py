"""The insights' memory: each job future's share of the figures, and their totals,
kept while its records do not change (Repository.changed_since) and between
sessions (usecases/kept_counts.py), so pressing 5 again after a change counts only
what changed, and another day counts nothing (docs/insights.md, "How fast").

Reads stored rows, never validating a lifetime of touches nor holding it (the
engine's light views, one job future's at a time: :meth:`Repository.touch_histories`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from jobfutures_tui.engine import insights as figures
from jobfutures_tui.engine.facts import FutureFacts, FutureLike, SkipFacts
from jobfutures_tui.engine.follow_through import Made, classified
from jobfutures_tui.engine.history import ORDER, TouchFacts
from jobfutures_tui.engine.insights import Share, share
from jobfutures_tui.engine.insights_totals import Totals
from jobfutures_tui.engine.plans import plan_for
from jobfutures_tui.engine.stage_history import StepLike, steps_from_row
from jobfutures_tui.engine.touch_counts import count
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import kept_counts, kept_shares
from jobfutures_tui.usecases.decisions import Open
from jobfutures_tui.usecases.facts import Facts
from jobfutures_tui.usecases.referrals import Link, link_of, longest_chain

if TYPE_CHECKING:
    from jobfutures_tui.models import Prospect

FEW = 32
"""More job futures to count than this, and their touches are read in one pass over
the months rather than one job future at a time."""

Rows = Mapping[str, Mapping[str, Any]]


class Late(NamedTuple):
    days_late: int
    silent: int
    """-1: never touched."""
    future: Open


@dataclass
class Memo:
    """Every job future's share, added up, for windows with the same start."""

    window: figures.Window
    revision: int
    context: list[Any]
    """What the shares were made under (kept_counts.context; empty: a window with a
    start of its own, never kept)."""
    shares: dict[str, Share] = field(default_factory=dict)
    totals: Totals = field(default_factory=Totals)
    texts: dict[str, str] = field(default_factory=dict)
    """The kept text of each share read from the index (written back as it was)."""
    chain: list[str] = field(default_factory=list)
    links: dict[str, Link] = field(default_factory=dict)
    """Job future id → what its referral links are made of (the chain is worked out
    again only when one of them changes)."""
    cold: dict[str, Late] = field(default_factory=dict)
    """Open job future id → how late its next touch is (none when it is not overdue)."""
    cold_ready: bool = False
    """Whether ``cold`` holds every open job future (else all are worked out again)."""
    stale_cold: set[str] = field(default_factory=set)
    """Job futures whose next touch may have moved since ``cold`` was worked out."""
    kept_figures: tuple[int, list[Any], str] | None = None
    """The latest figures of every touch (no start of their own): the revision they
    were worked out at, what they were made under, and their text."""


MEMOS: weakref.WeakKeyDictionary[Repository, Memo] = weakref.WeakKeyDictionary()


def brought_up_to_date(repo: Repository, facts: Facts, rows: Rows, window: figures.Window) -> Memo:
    """The repository's memo for this window, every share in it up to date (hold
    kept_counts.LOCK)."""
    revision = repo.revision  # before reading: a change made meanwhile is counted next time
    made_under = kept_counts.context(window.zone, window.workdays) if window.since is None else []
    memo = MEMOS.get(repo)
    changed = None if memo is None else repo.changed_since(memo.revision)
    if (
        memo is None
        or changed is None
        or memo.context != made_under
        or memo.window.since != window.since
        or not memo.totals.serves(window)  # the clock went back
    ):
        memo = Memo(window, revision, made_under)
        _start(repo, facts, memo, rows)
    else:
        if memo.window != window:  # another day: the shares hold
            memo.window, memo.cold_ready = window, False
        if changed:
            # A touch's change names its job futures (store/change_log.py).
            affected = {i for i in changed if i in rows or i in memo.shares}
            people = repo.stored_rows("people")
            named = {i for i in changed if i in people}
            if named:  # a person changed: the job futures they belong to
                affected |= {
                    pid
                    for pid, row in rows.items()
                    if not named.isdisjoint(row.get("person_ids") or ())
                }
            _recount(repo, facts, memo, rows, affected)
            if any(repo.touch_owner(i) is None for i in set(changed) - affected - named):
                # A person deleted, or something else than a touch (of which only their
                # job futures change): any next touch may move.
                memo.cold_ready = False
    memo.revision = revision
    MEMOS[repo] = memo
    if made_under:
        kept_counts.follow(repo, memo)
    return memo


def _start(repo: Repository, facts: Facts, memo: Memo, rows: Rows) -> None:
    """Every job future's share: those kept in the index that still serve, the rest
    counted from their touches."""
    stored = kept_shares.stored_shares(repo, memo.context) if memo.context else None
    # The kept shares are the files' as opened: those of job futures changed since
    # (their records, people, plan or touches) are counted again.
    changed = repo.changed_since(0) if stored is not None else set()
    if changed is None:
        stored = None  # too many changes to know which
    else:
        changed |= set(repo.touched_since_open())
    horizon, settled = memo.window.horizon.timestamp(), memo.window.settled.timestamp()
    texts = stored.every() if stored is not None else {}
    missing: list[str] = []
    for pid, row in rows.items():  # one pass: the app reads each row from the file's bytes
        text = texts.get(pid) if changed is not None and not _named(pid, row, changed) else None
        found = kept_shares.share_from_text(text) if isinstance(text, str) else None
        if found is not None and found.counts.serves(horizon, settled):
            memo.shares[pid], memo.texts[pid] = found, str(text)
            memo.totals.add(found)
        else:
            missing.append(pid)
        memo.links[pid] = link_of(row)
    if missing:
        _count(repo, facts, memo, rows, missing)
        if memo.context:
            repo.derived_news = True  # keep them for the next session
    memo.chain = longest_chain(memo.links)


def _named(prospect_id: str, row: Mapping[str, Any], changed: set[str]) -> bool:
    """Whether a change names this job future, one of its people or its chosen plan."""
    if not changed:
        return False
    plan = row.get("cadence_plan")
    return (
        prospect_id in changed
        or (plan is not None and plan in changed)
        or not changed.isdisjoint(row.get("person_ids") or ())
    )


def _recount(repo: Repository, facts: Facts, memo: Memo, rows: Rows, affected: set[str]) -> None:
    """Count these job futures again (those deleted leave the figures)."""
    for pid in affected:
        old = memo.shares.pop(pid, None)
        if old is not None:
            memo.totals.add(old, -1)
        memo.texts.pop(pid, None)
        memo.cold.pop(pid, None)
    _count(repo, facts, memo, rows, [pid for pid in affected if pid in rows])
    relinked = False
    for pid in affected:
        row = rows.get(pid)
        links = link_of(row) if row is not None else None
        if memo.links.get(pid) != links:
            relinked = True
            if links is None:
                memo.links.pop(pid, None)
            else:
                memo.links[pid] = links
    if relinked:
        memo.chain = longest_chain(memo.links)
    memo.stale_cold |= affected


def _count(repo: Repository, facts: Facts, memo: Memo, rows: Rows, wanted: list[str]) -> None:
    """Count the touches of the job futures ``wanted`` and add their shares: read one
    at a time when few, else in one pass over the months (a job future that was never
    touched reads none)."""
    if not wanted:
        return
    histories: Iterable[tuple[str, list[TouchFacts]]]
    if len(wanted) > FEW:
        chosen = set(wanted)
        histories = ((pid, h) for pid, h in _every_history(repo, rows) if pid in chosen)
    else:
        histories = (
            (pid, sorted(repo.touch_facts(pid), key=ORDER) if _touched(repo, pid) else [])
            for pid in wanted
        )
    window = memo.window
    zone, horizon, settled = window.zone, window.horizon, window.settled
    custom = []
    if repo.stored_rows("plans"):
        from jobfutures_tui.models.plan import CadencePlan  # pydantic: only to read them

        custom = repo.records(CadencePlan)
    for pid, history in histories:
        row = rows.get(pid)  # read once: the app reads a row at a time
        future = _as_facts(facts.future(pid, row)) if row is not None else None
        if row is None or future is None:
            continue
        made: tuple[Made, ...] = ()
        if history and history[-1].at >= horizon:
            made = classified(
                future,
                history,
                since=horizon,
                zone=zone,
                plan=plan_for(future, custom, zone=zone),
                people=facts.people(future),
                workdays=window.workdays,
            )
        counted = count(
            history, since=window.since, horizon=horizon, settled=settled, zone=zone, made=made
        )
        closed = str(row.get("closed_reason") or "")
        steps = _steps(repo, pid, row)
        memo.shares[pid] = found = share(future, counted, closed, zone, window.since, steps)
        memo.totals.add(found)


def _touched(repo: Repository, prospect_id: str) -> bool:
    """Whether a job future may have touches (its summary says none: none are read)."""
    return repo.history_loaded or repo.cadence_summary(prospect_id) is not None


def _every_history(repo: Repository, rows: Rows) -> Iterator[tuple[str, list[TouchFacts]]]:
    """Each stored job future and its touches in order, the touches' read one job
    future at a time."""
    seen: set[str] = set()
    for pid, history in repo.touch_histories():
        if pid in rows:
            seen.add(pid)
            yield pid, history
    for pid in rows:
        if pid not in seen:
            yield pid, []


def texts_to_keep(repo: Repository, memo: Memo) -> dict[str, str] | None:
    """The texts of the shares in memory, but those of job futures changed since they
    were brought up to date (None: too many changes to know which)."""
    changed = repo.changed_since(memo.revision)
    if changed is None:
        return None
    rows = repo.stored_rows("prospects")
    texts: dict[str, str] = {}
    for prospect_id, one in memo.shares.items():
        row = rows.get(prospect_id)
        if row is None or _named(prospect_id, row, changed):
            continue
        text = memo.texts.get(prospect_id)
        if text is None:
            text = kept_shares.share_text(one, memo.links.get(prospect_id), row.get("cadence_plan"))
        texts[prospect_id] = text
    return texts


def _steps(repo: Repository, prospect_id: str, row: Mapping[str, Any]) -> Sequence[StepLike]:
    """Its kept moves, read from the row (the model reads any other form, or refuses it)."""
    try:
        return steps_from_row(row.get("stages", ()))
    except (TypeError, ValueError, KeyError):
        prospect = repo.prospect(prospect_id)
        return prospect.stages if prospect is not None else ()


def _as_facts(future: FutureLike | None) -> FutureFacts | None:
    """The light view, also of a row only the model could read."""
    if future is None or isinstance(future, FutureFacts):
        return future
    prospect = cast("Prospect", future)  # a row only the model could read
    return FutureFacts(
        prospect.id,
        prospect.company_id,
        prospect.person_ids,
        prospect.stage,
        prospect.origin,
        prospect.began_on,
        prospect.created_at,
        prospect.stage_changed_at,
        prospect.referred_by_id,
        prospect.cadence_plan,
        prospect.snoozed_until,
        tuple(SkipFacts(skip.at, skip.kind, skip.step) for skip in prospect.skips),
        prospect.plan_chosen_at,
    )
