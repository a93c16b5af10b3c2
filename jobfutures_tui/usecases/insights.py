"""How it is going: every figure of the insights screen (5) and ``jobfutures stats``,
worked out once here so both say the same (definitions: docs/insights.md).

Each job future's share of the figures is kept, added up, in memory and between
sessions (usecases/insights_memo.py); the counting is pure
(:mod:`jobfutures_tui.engine.insights`, :mod:`~jobfutures_tui.engine.insights_totals`);
the list of job futures going cold is the due list's own overdue touches
(:func:`usecases.due.due_items`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pendulum

from jobfutures_tui import settings
from jobfutures_tui.collector import collector_paused
from jobfutures_tui.engine import insights as figures
from jobfutures_tui.engine.insights_totals import Totals
from jobfutures_tui.engine.insights_totals import figures as figures_of
from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.engine.replies import REPLY_WINDOW_DAYS
from jobfutures_tui.models import Stage, dates
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import kept_counts, kept_shares
from jobfutures_tui.usecases.decisions import Open, open_one, open_suggestions, workdays
from jobfutures_tui.usecases.facts import Facts, my_city
from jobfutures_tui.usecases.insights_memo import (
    MEMOS,
    Late,
    Memo,
    brought_up_to_date,
    texts_to_keep,
)
from jobfutures_tui.usecases.insights_result import Cold, Insights, as_text, from_text

COLD_SHOWN = 10
"""Job futures going cold: the most overdue this many."""
TOP_REFERRERS = 5


def weekly_goal() -> int | None:
    """The user's weekly goal of touches, from their settings (None: no goal)."""
    return settings.current().settings.weekly_goal


def warm(repo: Repository) -> None:
    """Count every job future's share now (the app does before checking the data), so
    the first press of 5 counts only what changed since."""
    today, zone = dates.today(), dates.local_timezone()
    window = _window(today, None, zone)
    with collector_paused(), kept_counts.LOCK:
        memo = brought_up_to_date(repo, Facts(repo), repo.stored_rows("prospects"), window)
        going_cold(repo, memo, today=today)
        _keep_today(repo, window)


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
    if since is None and repo.revision == 0 and not repo.touched_since_open():
        kept = _as_kept(repo, facts, window, today, goal)
        if kept is not None:
            return kept
    with kept_counts.LOCK:
        memo = brought_up_to_date(repo, facts, repo.stored_rows("prospects"), window)
        cold, total = going_cold(repo, memo, today=today)
        found = _found(repo, facts, window, (memo.totals, memo.chain), goal, cold, total)
        if since is None:
            _keep_today(repo, window)
            memo.kept_figures = (memo.revision, _figures_context(repo, window), as_text(found))
    return found


def _as_kept(
    repo: Repository,
    facts: Facts,
    window: figures.Window,
    today: pendulum.Date,
    goal: int | None,
) -> Insights | None:
    """Nothing changed since opening, and nothing counted yet: the figures as the last
    session kept them, the same day; another day, read off the totals it kept."""
    if repo in MEMOS:
        return None  # counted this session: the memo is as quick
    text = kept_counts.stored_figures(repo, _figures_context(repo, window))
    found = None if text is None else from_text(text, goal)
    if found is not None:
        return found
    kept = kept_shares.stored_totals(repo, kept_counts.context(window.zone, window.workdays))
    if kept is None or not kept[0].serves(window):
        return None
    cold, total = going_cold(repo, None, today=today)
    return _found(repo, facts, window, kept, goal, cold, total)


def _found(
    repo: Repository,
    facts: Facts,
    window: figures.Window,
    added: tuple[Totals, list[str]],
    goal: int | None,
    cold: list[Cold],
    total: int,
) -> Insights:
    """The figures of the totals (and the longest chain), with their names."""
    script_names = {
        sid: str(row.get("name") or "(unnamed script)")
        for sid, row in repo.stored_rows("scripts").items()
    }
    totals, chain = added
    since = None if window.since is None else window.since.date()
    result = figures_of(
        totals, window, goal=goal, since=since, script_names=script_names, chain=chain
    )
    names: dict[str, str] = {}
    for person_id, _count in result.referrals.top[:TOP_REFERRERS]:
        names[person_id] = facts.person_name(person_id) or "(someone since deleted)"
    for prospect_id in result.referrals.chain:
        future = facts.future(prospect_id)
        company = facts.company_name(future.company_id) if future is not None else None
        names[prospect_id] = company or "(missing company)"
    return Insights(result, cold, total, names)


def _figures_context(repo: Repository, window: figures.Window) -> list[Any]:
    """What the figures of every touch are made under: the shares' context, the day,
    and the home city (the due dates of those going cold depend on it)."""
    made_under = kept_counts.context(window.zone, window.workdays)
    return [*made_under, window.today.toordinal(), my_city(repo)]


def _keep_today(repo: Repository, window: figures.Window) -> None:
    """The index has not kept today's figures yet: ask for them to be kept at close."""
    if not repo.derived_news:
        repo.derived_news = kept_counts.stored_figures(repo, _figures_context(repo, window)) is None


def to_keep(repo: Repository, memo: Memo) -> kept_counts.ToKeep | None:
    """At close: what the index keeps of the insights, the memo brought up to date first
    when that reads no month (None: nothing)."""
    today = dates.today()
    window = _window(today, None, memo.window.zone)
    made_under = _figures_context(repo, window)
    kept = memo.kept_figures
    if (kept is None or kept[0] != repo.revision or kept[1] != made_under) and (
        repo.history_loaded
    ):
        insights(repo, today=today, goal=None, zone=memo.window.zone)
        kept = memo.kept_figures
    with kept_counts.LOCK:
        texts = texts_to_keep(repo, memo)
        if texts is None:
            return None
        if memo.revision != repo.revision or repo.changed_since(memo.revision):
            return kept_counts.ToKeep(texts, None, None)
        totals = kept_shares.totals_text(memo.totals, memo.chain, window)
        figures_kept = None
        if kept is not None and kept[0] == repo.revision and kept[1] == made_under:
            figures_kept = (kept[1], kept[2])
        return kept_counts.ToKeep(texts, totals, figures_kept)


kept_counts.keep_at_close(to_keep)


def nothing_yet(
    *, today: pendulum.Date, since: date | None = None, goal: int | None = None
) -> Insights:
    """The figures of no data at all (``stats --json`` on a folder with none yet)."""
    window = _window(today, since, dates.local_timezone())
    found = figures_of(Totals(), window, goal=goal, since=since, script_names={}, chain=[])
    return Insights(found, [], 0, {})


def _window(today: date, since: date | None, zone: Zone) -> figures.Window:
    start = None if since is None else datetime.combine(since, time(), tzinfo=zone)
    first_week = figures.week_start(today).toordinal() - 7 * (figures.WEEKS_SHOWN - 1)
    return figures.Window(
        today,
        zone,
        start,
        start or datetime.combine(date.fromordinal(first_week), time(), tzinfo=zone),
        # Answers are judged by the day, so the figures kept stay right all day.
        datetime.combine(today, time(), tzinfo=zone) - timedelta(days=REPLY_WINDOW_DAYS),
        workdays(),
    )


def going_cold(
    repo: Repository, memo: Memo | None, *, today: pendulum.Date
) -> tuple[list[Cold], int]:
    """Open job futures whose next touch is overdue, the most overdue first (then the
    longest silent): the due list's own suggestions (usecases/decisions.py), so the
    screens agree; kept in the memo and worked out again only for the job futures
    that changed (none: all worked out now); words and names for those shown only."""
    cold: dict[str, Late] = {} if memo is None else memo.cold

    def add(future: Open) -> None:
        due = future.due_day()
        late = 0 if due is None else today.toordinal() - due.toordinal()
        if late <= 0:
            return
        last = future.last_day
        silent = -1 if last is None else today.toordinal() - last.toordinal()
        cold[future.prospect_id] = Late(late, silent, future)

    if memo is None or not memo.cold_ready:
        cold.clear()
        for future in open_suggestions(repo):
            add(future)
        if memo is not None:
            memo.cold_ready = True
    else:
        for prospect_id in memo.stale_cold:
            cold.pop(prospect_id, None)
            found = open_one(repo, prospect_id)
            if found is not None and found.stage is not Stage.ARCHIVE:
                add(found)
    if memo is not None:
        memo.stale_cold = set()
    late = sorted(cold.items(), key=lambda item: (-item[1][0], -item[1][1], item[0]))
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
