"""How it is going: every figure of the insights screen (5) and ``jobfutures stats``,
worked out once here so both say the same (definitions: docs/insights.md).

Reads stored rows, never validating a lifetime of touches nor holding it (the
engine's light views, one job future's at a time: :meth:`Repository.touch_histories`);
the counting is pure
(:mod:`jobfutures_tui.engine.insights`); the list of job futures going cold is
the due list's own overdue touches (:func:`usecases.due.due_items`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

import pendulum

from jobfutures_tui import settings
from jobfutures_tui.collector import collector_paused
from jobfutures_tui.engine import insights as figures
from jobfutures_tui.engine.facts import FutureFacts, FutureLike, SkipFacts
from jobfutures_tui.engine.follow_through import Made, classified
from jobfutures_tui.engine.history import ORDER, TouchFacts
from jobfutures_tui.engine.plans import Zone, plan_for
from jobfutures_tui.engine.replies import REPLY_WINDOW_DAYS
from jobfutures_tui.engine.stage_history import StepLike, steps_from_row
from jobfutures_tui.engine.touch_counts import Counts, count
from jobfutures_tui.models import Prospect, Stage, dates
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import kept_counts
from jobfutures_tui.usecases.decisions import Open, open_one, open_suggestions, workdays
from jobfutures_tui.usecases.facts import Facts, my_city
from jobfutures_tui.usecases.insights_result import Cold, Insights, as_text, from_text
from jobfutures_tui.usecases.referrals import Link, link_of, longest_chain

COLD_SHOWN = 10
"""Job futures going cold: the most overdue this many."""
TOP_REFERRERS = 5


def weekly_goal() -> int | None:
    """The user's weekly goal of touches, from their settings (None: no goal)."""
    return settings.current().settings.weekly_goal


def warm(repo: Repository) -> None:
    """Count every job future's part now (the app does before checking the data), so
    the first press of 5 counts only what changed since."""
    today, zone = dates.today(), dates.local_timezone()
    with collector_paused(), kept_counts.LOCK:
        _counted(repo, Facts(repo), _window(today, None, zone), today)


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
    made_under = _figures_context(repo, window)
    if (
        since is None
        and repo.revision == 0
        and not repo.touched_since_open()
        and repo not in _MEMOS
    ):
        # The same day, nothing changed: the figures the last session kept.
        text = kept_counts.stored_figures(repo, made_under)
        found = None if text is None else from_text(text, goal)
        if found is not None:
            return found
    facts = Facts(repo)
    script_names = {
        sid: str(row.get("name") or "(unnamed script)")
        for sid, row in repo.stored_rows("scripts").items()
    }
    with kept_counts.LOCK:
        memo, cold, total = _counted(repo, facts, window, today)
        result = figures.figures(
            memo.parts.values(),
            window,
            goal=goal,
            since=since,
            script_names=script_names,
            chain=memo.chain,
            touches=sum(counted.touches for counted in memo.counts.values()),
        )
    names: dict[str, str] = {}
    for person_id, _count in result.referrals.top[:TOP_REFERRERS]:
        names[person_id] = facts.person_name(person_id) or "(someone since deleted)"
    for prospect_id in result.referrals.chain:
        future = facts.future(prospect_id)
        company = facts.company_name(future.company_id) if future is not None else None
        names[prospect_id] = company or "(missing company)"
    found = Insights(result, cold, total, names)
    if since is None:
        memo.kept_figures = (memo.revision, made_under, found)
    return found


def _figures_context(repo: Repository, window: figures.Window) -> list[Any]:
    """What the figures of every touch are made under: the counts' context, the day,
    and the home city (the due dates of those going cold depend on it)."""
    made_under = kept_counts.context(window.zone, window.workdays)
    return [*made_under, window.today.toordinal(), my_city(repo)]


def _counted(
    repo: Repository, facts: Facts, window: figures.Window, today: pendulum.Date
) -> tuple[_Memo, list[Cold], int]:
    """Every job future's part and those going cold, brought up to date (hold the lock)."""
    memo = _brought_up_to_date(repo, facts, repo.stored_rows("prospects"), window)
    cold, total = going_cold(repo, memo, today=today, zone=window.zone)
    if memo.context and not repo.derived_news:
        # The index has not kept today's figures yet: it keeps them at close.
        repo.derived_news = kept_counts.stored_figures(repo, _figures_context(repo, window)) is None
    return memo, cold, total


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
    future: Open


FEW = 32
"""More job futures to count than this, and their touches are read in one pass over
the months rather than one job future at a time."""


@dataclass
class _Memo:
    """Each job future's touches counted (:class:`Counts`), kept while its records do
    not change (Repository.changed_since) and between sessions (usecases/kept_counts.py),
    and its part of the figures for the window, so pressing 5 again after a change
    counts only what changed (docs/insights.md, "How fast")."""

    window: figures.Window
    revision: int
    context: list[Any]
    """What the counts were made under (kept_counts.context; empty: a window with a
    start of its own, never kept)."""
    counts: dict[str, Counts] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    """The kept text of each count read from the index (written back as it was)."""
    parts: dict[str, figures.Part] = field(default_factory=dict)
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
    kept_figures: tuple[int, list[Any], Insights] | None = None
    """The latest figures of every touch (no start of their own): the revision they
    were worked out at, what they were made under, and them."""

    def at_close(self, repo: Repository) -> tuple[list[Any], str] | None:
        kept, today = self.kept_figures, dates.today()
        now = _figures_context(repo, _window(today, None, self.window.zone))
        if kept is None or kept[0] != repo.revision or kept[1] != now:
            if not repo.history_loaded:
                return None  # bringing them up to date would read every month on the way out
            insights(repo, today=today, goal=None, zone=self.window.zone)
            kept = self.kept_figures
        if kept is None or kept[0] != repo.revision or kept[1] != now:
            return None
        return kept[1], as_text(kept[2])


_MEMOS: weakref.WeakKeyDictionary[Repository, _Memo] = weakref.WeakKeyDictionary()


def _brought_up_to_date(
    repo: Repository, facts: Facts, rows: Mapping[str, Mapping[str, Any]], window: figures.Window
) -> _Memo:
    revision = repo.revision  # before reading: a change made meanwhile is counted next time
    made_under = kept_counts.context(window.zone, window.workdays) if window.since is None else []
    memo = _MEMOS.get(repo)
    changed = None if memo is None else repo.changed_since(memo.revision)
    if (
        memo is None
        or changed is None
        or memo.context != made_under
        or memo.window.since != window.since
    ):
        memo = _Memo(window, revision, made_under)
        _start(repo, facts, memo, rows)
    else:
        if memo.window != window:  # another day: the counts hold, their parts are redone
            memo.window, memo.cold_ready = window, False
            horizon, settled = window.horizon.timestamp(), window.settled.timestamp()
            stale = {pid for pid, c in memo.counts.items() if not c.serves(horizon, settled)}
            _recount(repo, facts, memo, rows, stale)
            memo.parts = {
                pid: _part(repo, facts, memo, pid, row)
                for pid, row in rows.items()
                if pid in memo.counts
            }
        if changed:
            # A touch's change names its job futures (store/change_log.py).
            affected = {i for i in changed if i in rows or i in memo.counts}
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
    if made_under:
        kept_counts.follow(repo, memo)
    return memo


def _start(
    repo: Repository, facts: Facts, memo: _Memo, rows: Mapping[str, Mapping[str, Any]]
) -> None:
    """Every job future's counts: those kept in the index that still hold, the rest
    counted from their touches."""
    stored = kept_counts.stored(repo, memo.context) if memo.context else None
    if stored is not None:
        horizon, settled = memo.window.horizon.timestamp(), memo.window.settled.timestamp()
        texts = stored.every()
        for pid in rows:
            text = texts.get(pid)
            found = kept_counts.from_text(text) if isinstance(text, str) else None
            if found is not None and found.serves(horizon, settled):
                memo.counts[pid], memo.texts[pid] = found, str(text)
    missing = [pid for pid in rows if pid not in memo.counts]
    if missing:
        _count(repo, facts, memo, rows, missing)
        repo.derived_news = bool(memo.context)  # keep them for the next session
    for pid, row in rows.items():  # one pass: the app reads each row from the file's bytes
        memo.parts[pid] = _part(repo, facts, memo, pid, row)
        memo.links[pid] = link_of(row)
    memo.chain = longest_chain(memo.links)


def _recount(
    repo: Repository,
    facts: Facts,
    memo: _Memo,
    rows: Mapping[str, Mapping[str, Any]],
    affected: set[str],
) -> None:
    """Count these job futures again (those deleted leave the figures)."""
    for pid in affected:
        memo.counts.pop(pid, None)
        memo.texts.pop(pid, None)
        memo.parts.pop(pid, None)
        memo.cold.pop(pid, None)
    present = [pid for pid in affected if pid in rows]
    _count(repo, facts, memo, rows, present)
    for pid in present:
        memo.parts[pid] = _part(repo, facts, memo, pid, rows[pid])
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


def _count(
    repo: Repository,
    facts: Facts,
    memo: _Memo,
    rows: Mapping[str, Mapping[str, Any]],
    wanted: list[str],
) -> None:
    """Count the touches of the job futures ``wanted``: read one at a time when few,
    else in one pass over the months (a job future that was never touched reads none)."""
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
    custom = repo.records(CadencePlan) if repo.stored_rows("plans") else []
    for pid, history in histories:
        row = rows.get(pid)  # read once: the app reads a row at a time
        future = _as_facts(facts.future(pid, row)) if row is not None else None
        if future is None:
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
        memo.counts[pid] = count(
            history, since=window.since, horizon=horizon, settled=settled, zone=zone, made=made
        )


def _touched(repo: Repository, prospect_id: str) -> bool:
    """Whether a job future may have touches (its summary says none: none are read)."""
    return repo.history_loaded or repo.cadence_summary(prospect_id) is not None


def _part(
    repo: Repository, facts: Facts, memo: _Memo, prospect_id: str, row: Mapping[str, Any]
) -> figures.Part:
    future = _as_facts(facts.future(prospect_id, row))
    assert future is not None
    closed = str(row.get("closed_reason") or "")
    steps = _steps(repo, prospect_id, row)
    window = memo.window
    return figures.part(future, memo.counts[prospect_id], closed, window, window.month_ends, steps)


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
        due = future.due_day()
        late = 0 if due is None else today.toordinal() - due.toordinal()
        if late <= 0:
            return
        counted = memo.counts.get(future.prospect_id)
        last = None if counted is None else counted.last_day
        silent = -1 if last is None else today.toordinal() - last
        memo.cold[future.prospect_id] = _Late(late, silent, future)

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
    for prospect_id, (days_late, silent, future) in late[:COLD_SHOWN]:
        s = future.suggestion(today)  # worded for those shown only
        if s is None:
            continue
        company = facts.company_name(future.company_id) or "(missing company)"
        person = (facts.person_name(s.person_id) or "") if s.person_id else ""
        shown.append(
            Cold(
                prospect_id,
                company,
                person,
                future.stage,
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
