"""How it is going: every figure of the insights screen (5) and ``jobfutures stats``,
worked out once here so both say the same (definitions: docs/insights.md).

Reads stored rows, never validating a lifetime of touches (the engine's light
views, :meth:`Repository.touch_facts`); the counting is pure
(:mod:`jobfutures_tui.engine.insights`); the list of job futures going cold is
the due list's own overdue touches (:func:`usecases.due.due_items`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import pendulum

from jobfutures_tui import settings
from jobfutures_tui.engine import insights as figures
from jobfutures_tui.engine.facts import FutureFacts, FutureLike, PersonLike, SkipFacts
from jobfutures_tui.engine.follow_through import follow_through
from jobfutures_tui.engine.history import local_day
from jobfutures_tui.engine.insights import Figures
from jobfutures_tui.engine.plans import CadencePlan, Zone, plan_for
from jobfutures_tui.models import Prospect, Script, Stage, dates
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import workdays
from jobfutures_tui.usecases.due import due_items
from jobfutures_tui.usecases.facts import Facts
from jobfutures_tui.usecases.referrals import longest_chain

COLD_SHOWN = 10
"""Job futures going cold: the most overdue this many."""
TOP_REFERRERS = 5


def weekly_goal() -> int | None:
    """The user's weekly goal of touches, from their settings (None: no goal)."""
    return settings.current().settings.weekly_goal


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

    def to_json(self) -> dict[str, Any]:
        return as_json(self)


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
    zone = zone or dates.local_timezone()
    facts = Facts(repo)
    rows = repo.stored_rows(Prospect)
    futures = [_as_facts(facts.future(pid)) for pid in list(rows)]
    known = [future for future in futures if future is not None]
    touches = repo.touch_facts()
    histories = figures.by_prospect(touches)
    now = datetime.now(zone)
    start = None if since is None else datetime.combine(since, time(), tzinfo=zone)
    weeks = figures.weekly(touches, today, zone)
    follow_from = start or datetime.combine(weeks[0].start, time(), tzinfo=zone)
    script_names = {
        sid: str(row.get("name") or "(unnamed script)")
        for sid, row in repo.stored_rows(Script).items()
    }
    custom = repo.records(CadencePlan) if repo.stored_rows(CadencePlan) else []
    closed = {pid: str(row.get("closed_reason") or "") for pid, row in rows.items()}

    def plan_of(future: FutureFacts) -> CadencePlan | None:
        return plan_for(future, custom, zone=zone)

    def people_of(future: FutureFacts) -> list[PersonLike]:
        return facts.people(future)

    chain = longest_chain(rows)
    result = Figures(
        today=today,
        since=since,
        weekly_goal=goal,
        weeks=weeks,
        replies=figures.replies(
            histories, now=now, since=start, zone=zone, script_names=script_names
        ),
        pipeline=figures.pipeline(known, histories, closed, today=today, zone=zone),
        referrals=figures.referrals(known, histories, chain, since=start),
        follow=follow_through(
            known,
            histories,
            since=follow_from,
            today=today,
            zone=zone,
            plan_of=plan_of,
            people_of=people_of,
            workdays=workdays(),
        ),
        touches=len(touches),
        futures=len(known),
    )
    cold, total = going_cold(repo, facts, histories, today=today, zone=zone)
    names: dict[str, str] = {}
    for person_id, _count in result.referrals.top[:TOP_REFERRERS]:
        names[person_id] = facts.person_name(person_id) or "(someone since deleted)"
    for prospect_id in result.referrals.chain:
        future = facts.future(prospect_id)
        company = facts.company_name(future.company_id) if future is not None else None
        names[prospect_id] = company or "(missing company)"
    return Insights(result, cold, total, names)


def going_cold(
    repo: Repository,
    facts: Facts,
    histories: dict[str, list[Any]],
    *,
    today: pendulum.Date,
    zone: Zone,
) -> tuple[list[Cold], int]:
    """Open job futures whose next touch is overdue, the most overdue first (then the
    longest silent): the due list's own dates, so the screens agree."""
    found: list[Cold] = []
    for item in due_items(repo, today=today, within_days=0):
        s = item.suggestion
        if not s.overdue_days:
            continue
        history = histories.get(item.prospect_id)
        silent = None
        if history:
            silent = today.toordinal() - local_day(history[-1].at, zone).toordinal()
        found.append(
            Cold(
                item.prospect_id,
                item.company,
                item.person,
                item.stage,
                s.overdue_days,
                silent,
                s.how,
            )
        )
    found.sort(key=lambda c: (-c.late_days, -(c.silent_days or 0), c.company.casefold()))
    return found[:COLD_SHOWN], len(found)


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


# ------------------------------------------------------------ as JSON and as text


def _rates(rates: list[figures.Rate]) -> list[dict[str, object]]:
    return [rate.to_json() for rate in rates]


def as_json(found: Insights) -> dict[str, Any]:
    f = found.figures
    r, p, ref, ft = f.replies, f.pipeline, f.referrals, f.follow
    return {
        "today": f.today.isoformat(),
        "since": None if f.since is None else f.since.isoformat(),
        "job_futures": f.futures,
        "touches": f.touches,
        "weekly_goal": f.weekly_goal,
        "weeks": [{"week": w.start.isoformat(), "touches": w.touches} for w in f.weeks],
        "replies": {
            "window_days": figures.REPLY_WINDOW_DAYS,
            "overall": r.overall.to_json(),
            "waiting": r.waiting,
            "by_channel": _rates(r.by_channel),
            "by_kind": _rates(r.by_kind),
            "by_script": _rates(r.by_script),
        },
        "pipeline": {
            "now": {stage.value: count for stage, count in p.now.items()},
            "months": [
                {"month_end": end.isoformat(), **{s.value: n for s, n in counts.items()}}
                for end, counts in p.months
            ],
            "moves": [
                {"from": m.from_stage.value, "to": m.to_stage.value, "count": m.count}
                for m in p.moves
            ],
            "rejected_but_warm": p.warm,
            "warm_reached_referral_or_offer": p.warm_reached,
            "warm_median_days": p.warm_median_days,
        },
        "referrals": {
            "referred_job_futures": ref.referred,
            "referrals_given": ref.given,
            "longest_chain": [
                {"prospect_id": pid, "company": found.names.get(pid, "")} for pid in ref.chain
            ],
            "top_referrers": [
                {"person_id": pid, "name": found.names.get(pid, ""), "referred": n}
                for pid, n in ref.top[:TOP_REFERRERS]
            ],
        },
        "follow_through": {
            "since": ft.since.isoformat(),
            "on_time": ft.on_time,
            "late": ft.late,
            "late_days_median": ft.late_days_median,
            "unplanned": ft.unplanned,
            "skipped": ft.skipped,
            "snoozed_now": ft.snoozed,
        },
        "going_cold": {
            "overdue": found.cold_total,
            "most_overdue": [
                {
                    "prospect_id": c.prospect_id,
                    "company": c.company,
                    "person": c.person,
                    "stage": c.stage.value,
                    "days_late": c.late_days,
                    "days_silent": c.silent_days,
                    "next": c.how,
                }
                for c in found.cold
            ],
        },
    }


def percent(rate: figures.Rate) -> str:
    """'42% (11 of 26)', or '— (0 touches)'."""
    value = rate.rate
    if value is None:
        return "— (no touches)"
    return f"{round(value * 100)}% ({rate.replies} of {rate.touches})"


def days(value: float | None) -> str:
    if value is None:
        return "—"
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


def count_days(number: int) -> str:
    return f"{number} day" if number == 1 else f"{number} days"


def cold_words(cold: Cold) -> str:
    """'14 days late, silent 28 days'."""
    silent = (
        "never touched" if cold.silent_days is None else f"silent {count_days(cold.silent_days)}"
    )
    return f"{count_days(cold.late_days)} late, {silent}"


def share(part: int, whole: int) -> str:
    return f"{round(part * 100 / whole)}%" if whole else "—"


def text_lines(found: Insights) -> list[str]:
    """The figures as plain lines, for the shell (``jobfutures stats``)."""
    f = found.figures
    lines: list[str] = []
    window = f"since {f.since.isoformat()}" if f.since else "ever"
    lines.append(f"{f.futures} job futures, {f.touches} touches (rates {window}; {f.today})")
    lines.append("")
    goal = f.weekly_goal
    met = sum(1 for w in f.weeks if goal is not None and w.touches >= goal)
    lines.append(
        f"Touches per week, last {len(f.weeks)} weeks"
        + (f" (goal {goal}: met {met} of {len(f.weeks)})" if goal else " (no weekly goal)")
    )
    top = max([w.touches for w in f.weeks] + [goal or 0, 1])
    for week in f.weeks:
        bar = "█" * round(week.touches * 30 / top)
        mark = "" if goal is None else ("  ✓" if week.touches >= goal else "")
        lines.append(f"  {week.start:%d %b %Y}  {week.touches:>4}  {bar}{mark}")
    r = f.replies
    lines += ["", f"Replies within {figures.REPLY_WINDOW_DAYS} days: {percent(r.overall)}"]
    lines.append(
        f"  median days to a reply: {days(r.overall.median_days)}; "
        f"{r.waiting} touches still within their {figures.REPLY_WINDOW_DAYS} days"
    )
    for title, rates in (
        ("by channel", r.by_channel),
        ("by kind of touch", r.by_kind),
        ("by script", r.by_script),
    ):
        lines.append(f"  {title}:")
        for rate in rates:
            lines.append(
                f"    {rate.label:<32} {percent(rate):>18}  median {days(rate.median_days)}"
            )
    p = f.pipeline
    lines += ["", "Pipeline now: " + ", ".join(f"{s.label} {n}" for s, n in p.now.items())]
    lines.append("  month by month (interviewed / rejected-but-warm / referral / offer / archive):")
    for end, counts in p.months:
        lines.append(f"    {end:%b %Y}  " + " / ".join(str(counts[s]) for s in Stage))
    lines.append("  moves (first stage → stage now):")
    for move in p.moves or []:
        lines.append(f"    {move.from_stage.label} → {move.to_stage.label}: {move.count}")
    if not p.moves:
        lines.append("    none")
    lines.append(
        f"  rejected-but-warm: {p.warm}; later reached referral or offer: {p.warm_reached}"
        f" ({share(p.warm_reached, p.warm)}), median {days(p.warm_median_days)} after"
    )
    ref = f.referrals
    lines += [
        "",
        f"Referrals: {ref.referred} job futures came from one; {ref.given} referrals given",
        "  longest chain: "
        + (
            " → ".join(found.names.get(pid, "?") for pid in ref.chain) + f" ({len(ref.chain)})"
            if len(ref.chain) > 1
            else "none yet"
        ),
    ]
    for pid, count in ref.top[:TOP_REFERRERS]:
        lines.append(f"  {found.names.get(pid, '?')}: referred you {count}×")
    ft = f.follow
    planned = ft.on_time + ft.late
    lines += [
        "",
        f"Follow-through since {ft.since}: {ft.on_time} on time ({share(ft.on_time, planned)}),"
        f" {ft.late} late (median {days(ft.late_days_median)}), {ft.skipped} skipped,"
        f" {ft.snoozed} snoozed now; {ft.unplanned} made when nothing was due",
        "",
        f"Going cold: {found.cold_total} open job futures overdue",
    ]
    for c in found.cold:
        lines.append(f"  {c.company} · {c.person or '—'}: {cold_words(c)}")
    return lines
