"""How it is going: every figure of the insights screen (5) and ``jobfutures stats``,
worked out once here so both say the same (definitions: docs/insights.md).

Reads stored rows, never validating a lifetime of touches nor holding it (the
engine's light views, one job future's at a time: :meth:`Repository.touch_histories`);
the counting is pure
(:mod:`jobfutures_tui.engine.insights`); the list of job futures going cold is
the due list's own overdue touches (:func:`usecases.due.due_items`).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

import pendulum

from jobfutures_tui import settings
from jobfutures_tui.collector import collector_paused
from jobfutures_tui.engine import insights as figures
from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.facts import FutureFacts, FutureLike, SkipFacts
from jobfutures_tui.engine.follow_through import NOTHING_KEPT
from jobfutures_tui.engine.follow_through import kept as follow_kept
from jobfutures_tui.engine.history import ORDER, TouchFacts, local_day
from jobfutures_tui.engine.insights import Figures
from jobfutures_tui.engine.plans import Zone, plan_for
from jobfutures_tui.engine.replies import REPLY_WINDOW_DAYS
from jobfutures_tui.engine.stage_history import StepLike, steps_from_row
from jobfutures_tui.models import Prospect, Stage, dates
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import Open, open_one, open_suggestions, workdays
from jobfutures_tui.usecases.facts import Facts
from jobfutures_tui.usecases.referrals import Link, link_of, longest_chain

COLD_SHOWN = 10
"""Job futures going cold: the most overdue this many."""
TOP_REFERRERS = 5


def weekly_goal() -> int | None:
    """The user's weekly goal of touches, from their settings (None: no goal)."""
    return settings.current().settings.weekly_goal


def warm(repo: Repository) -> None:
    """Count every job future's part now (the app does after checking the data), so
    the first press of 5 counts only what changed since."""
    insights(repo, today=dates.today(), goal=weekly_goal())


@dataclass(frozen=True)
class Cold:
    """An open job future whose next touch is overdue: silent longer than its plan."""

    prospect_id: str
    company: str
    person: str
    stage: Stage
    late_days: int
    """Days past the day its plan had the next touch due."""
    silent_days: int | None
    """Days since the last touch either way (None: never touched)."""
    how: str


@dataclass(frozen=True)
class Insights:
    figures: Figures
    cold: list[Cold]
    cold_total: int
    """Every open job future that is overdue (the list shows the first COLD_SHOWN)."""
    names: dict[str, str]
    """Person and job future ids → the name shown (referrers, the chain's companies)."""


def insights(
    repo: Repository,
    *,
    today: pendulum.Date,
    since: date | None = None,
    goal: int | None = None,
    zone: Zone | None = None,
) -> Insights:
    """Every figure, from what is stored; ``since`` limits the rates, the referrals and
    the follow-through to touches and job futures from that day (None: ever; the
    follow-through then covers the weeks of the chart)."""
    with collector_paused():  # tens of thousands of small results: only rescanned
        return _insights(repo, today=today, since=since, goal=goal, zone=zone)


def _insights(
    repo: Repository,
    *,
    today: pendulum.Date,
    since: date | None,
    goal: int | None,
    zone: Zone | None,
) -> Insights:
    zone = zone or dates.local_timezone()
    window = _window(today, since, zone)
    facts = Facts(repo)
    rows = repo.stored_rows("prospects")
    with _MEMO_LOCK:
        memo = _brought_up_to_date(repo, facts, rows, window)
        cold, total = going_cold(repo, memo, today=today, zone=zone)
    script_names = {
        sid: str(row.get("name") or "(unnamed script)")
        for sid, row in repo.stored_rows("scripts").items()
    }
    result = figures.figures(
        memo.parts.values(),
        window,
        goal=goal,
        since=since,
        script_names=script_names,
        chain=memo.chain,
        touches=repo.touch_count(),
    )
    names: dict[str, str] = {}
    for person_id, _count in result.referrals.top[:TOP_REFERRERS]:
        names[person_id] = facts.person_name(person_id) or "(someone since deleted)"
    for prospect_id in result.referrals.chain:
        future = facts.future(prospect_id)
        company = facts.company_name(future.company_id) if future is not None else None
        names[prospect_id] = company or "(missing company)"
    return Insights(result, cold, total, names)


def nothing_yet(
    *, today: pendulum.Date, since: date | None = None, goal: int | None = None
) -> Insights:
    """The figures of no data at all (``stats --json`` on a folder with none yet)."""
    window = _window(today, since, dates.local_timezone())
    found = figures.figures(
        [], window, goal=goal, since=since, script_names={}, chain=[], touches=0
    )
    return Insights(found, [], 0, {})


def _window(today: date, since: date | None, zone: Zone) -> figures.Window:
    start = None if since is None else datetime.combine(since, time(), tzinfo=zone)
    first_week = figures.week_start(today).toordinal() - 7 * (figures.WEEKS_SHOWN - 1)
    return figures.Window(
        today,
        zone,
        start,
        start or datetime.combine(date.fromordinal(first_week), time(), tzinfo=zone),
        # Answers are judged by the day, so the parts kept stay right all day.
        datetime.combine(today, time(), tzinfo=zone) - timedelta(days=REPLY_WINDOW_DAYS),
        workdays(),
    )


# ------------------------------------------------------------ kept between calls


class _Late(NamedTuple):
    days_late: int
    silent: int
    """-1: never touched."""
    suggestion: Suggestion
    stage: Stage
    company_id: str


@dataclass
class _Memo:
    """Each job future's part of the figures, kept while its records do not change
    (Repository.changed_since), so pressing 5 again after a change counts only what
    changed (docs/insights.md, "How fast")."""

    window: figures.Window
    revision: int
    parts: dict[str, figures.Part] = field(default_factory=dict)
    last_at: dict[str, datetime] = field(default_factory=dict)
    """Job future id → its latest touch (for the silence of those going cold)."""
    chain: list[str] = field(default_factory=list)
    links: dict[str, Link] = field(default_factory=dict)
    """Job future id → what its referral links are made of (the chain is worked out
    again only when one of them changes)."""
    cold: dict[str, _Late] = field(default_factory=dict)
    """Open job future id → how late its next touch is (none when it is not overdue)."""
    cold_ready: bool = False
    """Whether ``cold`` holds every open job future (else all are worked out again)."""
    stale_cold: set[str] = field(default_factory=set)
    """Job futures whose next touch may have moved since ``cold`` was worked out."""


_MEMOS: weakref.WeakKeyDictionary[Repository, _Memo] = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def _brought_up_to_date(
    repo: Repository, facts: Facts, rows: Mapping[str, Mapping[str, Any]], window: figures.Window
) -> _Memo:
    revision = repo.revision  # before reading: a change made meanwhile is counted next time
    memo = _MEMOS.get(repo)
    changed = None if memo is None else repo.changed_since(memo.revision)
    if memo is None or memo.window != window or changed is None:
        memo = _Memo(window, revision)
        _count(repo, facts, memo, rows, _every_history(repo, rows))
        memo.parts = {pid: memo.parts[pid] for pid in rows if pid in memo.parts}  # rows' order
        memo.links = {pid: link_of(row) for pid, row in rows.items()}
        memo.chain = longest_chain(memo.links)
    elif changed:
        # A touch's change names its job futures (store/change_log.py).
        affected = {i for i in changed if i in rows or i in memo.parts}
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
    _MEMOS[repo] = memo
    return memo


def _recount(
    repo: Repository,
    facts: Facts,
    memo: _Memo,
    rows: Mapping[str, Mapping[str, Any]],
    affected: set[str],
) -> None:
    """Count these job futures again (those deleted leave the figures)."""
    for pid in affected:
        memo.parts.pop(pid, None)
        memo.last_at.pop(pid, None)
        memo.cold.pop(pid, None)
    histories = ((pid, sorted(repo.touch_facts(pid), key=ORDER)) for pid in affected if pid in rows)
    _count(repo, facts, memo, rows, histories)
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


def _every_history(
    repo: Repository, rows: Mapping[str, Mapping[str, Any]]
) -> Iterator[tuple[str, list[TouchFacts]]]:
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


def _count(
    repo: Repository,
    facts: Facts,
    memo: _Memo,
    rows: Mapping[str, Mapping[str, Any]],
    histories: Iterable[tuple[str, list[TouchFacts]]],
) -> None:
    window = memo.window
    zone, ends = window.zone, window.month_ends
    custom = repo.records(CadencePlan) if repo.stored_rows("plans") else []
    for pid, history in histories:
        row = rows.get(pid)  # read once: the app reads a row at a time
        future = _as_facts(facts.future(pid, row)) if row is not None else None
        if row is None or future is None:
            continue
        kept = NOTHING_KEPT
        if history and history[-1].at >= window.follow_since:
            kept = follow_kept(
                future,
                history,
                since=window.follow_since,
                zone=zone,
                plan=plan_for(future, custom, zone=zone),
                people=facts.people(future),
                workdays=window.workdays,
            )
        closed = str(row.get("closed_reason") or "")
        steps = _steps(repo, pid, row)
        memo.parts[pid] = figures.part(future, history, closed, window, ends, kept, steps)
        if history:
            memo.last_at[pid] = history[-1].at


def going_cold(
    repo: Repository,
    memo: _Memo,
    *,
    today: pendulum.Date,
    zone: Zone,
) -> tuple[list[Cold], int]:
    """Open job futures whose next touch is overdue, the most overdue first (then the
    longest silent): the due list's own suggestions (usecases/decisions.py), so the
    screens agree; worked out again only for the job futures that changed, and names
    are read for those shown only."""

    def add(future: Open) -> None:
        s = future.suggestion(today)
        if s is None or not s.overdue_days:
            return
        last = memo.last_at.get(future.prospect_id)
        silent = -1 if last is None else today.toordinal() - local_day(last, zone).toordinal()
        memo.cold[future.prospect_id] = _Late(
            s.overdue_days, silent, s, future.stage, future.company_id
        )

    if not memo.cold_ready:
        memo.cold = {}
        for future in open_suggestions(repo):
            add(future)
        memo.cold_ready = True
    else:
        for prospect_id in memo.stale_cold:
            memo.cold.pop(prospect_id, None)
            found = open_one(repo, prospect_id)
            if found is not None and found.stage is not Stage.ARCHIVE:
                add(found)
    memo.stale_cold = set()
    late = sorted(memo.cold.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
    facts = Facts(repo)
    shown: list[Cold] = []
    for prospect_id, (days_late, silent, s, stage, company_id) in late[:COLD_SHOWN]:
        company = facts.company_name(company_id) or "(missing company)"
        person = (facts.person_name(s.person_id) or "") if s.person_id else ""
        shown.append(
            Cold(
                prospect_id,
                company,
                person,
                stage,
                days_late,
                None if silent < 0 else silent,
                s.how,
            )
        )
    return shown, len(late)


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
    assert isinstance(future, Prospect)
    return FutureFacts(
        future.id,
        future.company_id,
        future.person_ids,
        future.stage,
        future.origin,
        future.began_on,
        future.created_at,
        future.stage_changed_at,
        future.referred_by_id,
        future.cadence_plan,
        future.snoozed_until,
        tuple(SkipFacts(skip.at, skip.kind, skip.step) for skip in future.skips),
        future.plan_chosen_at,
    )
