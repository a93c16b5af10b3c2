"""The insights in words: as JSON for scripts, as lines for the shell, and the
phrases the screen shares with them ("64% (76 of 119)"; docs/insights.md)."""

from __future__ import annotations

from typing import Any

from jobfutures_tui.engine.plural import counted
from jobfutures_tui.engine.replies import REPLY_WINDOW_DAYS, Rate
from jobfutures_tui.models import Stage
from jobfutures_tui.usecases.insights import TOP_REFERRERS, Cold, Insights

FEW = 10
"""A rate from fewer touches than this is marked "few": not yet a trend."""
STATS_LABEL = 40
"""The widest names column of ``jobfutures stats`` (longer names are shortened with …)."""


def _rates(rates: list[Rate]) -> list[dict[str, object]]:
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
        "counted_from": {  # each figure's span (null: everything stored; "today": as of now)
            "weeks": f.weeks[0].start.isoformat() if f.weeks else None,
            "replies": None if f.since is None else f.since.isoformat(),
            "referrals": None if f.since is None else f.since.isoformat(),
            "longest_chain": None,
            "follow_through": ft.since.isoformat(),
            "pipeline": "today",
            "going_cold": "today",
        },
        "weeks": [{"week": w.start.isoformat(), "touches": w.touches} for w in f.weeks],
        "replies": {
            "window_days": REPLY_WINDOW_DAYS,
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


def percent(rate: Rate) -> str:
    """'42% (11 of 26)', or '— (none judged yet)': every touch still within its days."""
    value = rate.rate
    if value is None:
        return "— (none judged yet)"
    return f"{round(value * 100)}% ({rate.replies:,} of {rate.touches:,})"


def days(value: float | None) -> str:
    if value is None:
        return "—"
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} day" if shown == "1" else f"{shown} days"


def reply_wait(rate: Rate) -> str:
    """'median 12 days to a later reply (and 8 answered on the touch)'."""
    said = f"median {days(rate.median_days)} to a later reply"
    if rate.on_the_touch:
        said += f" (and {rate.on_the_touch} answered on the touch)"
    return said


def count_days(number: int) -> str:
    return f"{number} day" if number == 1 else f"{number} days"


def cold_words(cold: Cold) -> str:
    """'14 days late, silent 28 days'."""
    silent = (
        "never touched" if cold.silent_days is None else f"silent {count_days(cold.silent_days)}"
    )
    return f"{count_days(cold.late_days)} late, {silent}"


def fit_labels(labels: list[str], width: int) -> dict[str, str]:
    """Each label shortened to ``width`` characters with "…" where it is longer,
    different labels staying different: labels that would be cut alike keep their
    start and the part where they differ ("Reply to…thanks", "Reply to…news")."""
    width = max(width, 4)
    fitted = {label: _cut(label, width) for label in labels}
    alike: dict[str, list[str]] = {}
    for label, short in fitted.items():
        alike.setdefault(short, []).append(label)
    for group in alike.values():
        if len(group) < 2:
            continue
        for label in group:
            common = max(_same_start(label, other) for other in group if other != label)
            common = label.rfind(" ", 0, common) + 1  # from the start of the word that differs
            differs = label[common:]
            head = max(width - 1 - len(differs), min(8, width // 2))
            shown = label[:head].rstrip() + "…"
            fitted[label] = shown + _cut(differs, width - len(shown))
    seen: dict[str, int] = {}
    for label in labels:  # still alike (they differ only past the room): number them
        short = fitted[label]
        if short in seen:
            seen[short] += 1
            mark = f"…{seen[short]}"
            fitted[label] = short[: width - len(mark)] + mark
        else:
            seen[short] = 1
    return fitted


def _same_start(one: str, other: str) -> int:
    """How many first characters the two have in common."""
    for index, (a, b) in enumerate(zip(one, other, strict=False)):
        if a != b:
            return index
    return min(len(one), len(other))


def _cut(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[: max(width - 1, 0)].rstrip() + "…"


def share(part: int, whole: int) -> str:
    return f"{round(part * 100 / whole)}%" if whole else "—"


def window_words(found: Insights) -> list[str]:
    """Which span of time each figure counts (the header of ``jobfutures stats``)."""
    f = found.figures
    if f.since is None:
        rates = "Reply rates and referrals count everything stored"
    else:
        rates = f"Reply rates, referrals and follow-through count from {f.since:%d %b %Y} on"
    return [
        f"{rates}; follow-through from {f.follow.since:%d %b %Y}.",
        f"The weeks are the last {len(f.weeks)}; the pipeline, the longest chain and what is "
        f"going cold are as of today ({f.today:%d %b %Y}).",
    ]


def text_lines(found: Insights) -> list[str]:
    """The figures as plain lines, for the shell (``jobfutures stats``)."""
    f = found.figures
    lines: list[str] = []
    lines.append(f"{f.futures:,} job futures, {f.touches:,} touches")
    lines += window_words(found)
    lines.append("")
    goal = f.weekly_goal
    met = sum(1 for w in f.weeks if goal is not None and w.touches >= goal)
    lines.append(
        f"Touches per week, last {len(f.weeks)} weeks"
        + (f" (goal {goal:,}: met {met} of {len(f.weeks)})" if goal else " (no weekly goal)")
    )
    top = max([w.touches for w in f.weeks] + [goal or 0, 1])
    for week in f.weeks:
        bar = "█" * round(week.touches * 30 / top)
        mark = "" if goal is None else ("  ✓" if week.touches >= goal else "")
        lines.append(f"  {week.start:%d %b %Y}  {week.touches:>6,}  {bar}{mark}")
    r = f.replies
    window = "" if f.since is None else f" (your touches from {f.since:%d %b %Y})"
    lines += ["", f"Replies within {REPLY_WINDOW_DAYS} days{window}: {percent(r.overall)}"]
    lines.append(f"  {reply_wait(r.overall)}; {counted(r.waiting, 'touch')} too recent to judge")
    groups = (
        ("by channel", r.by_channel),
        ("by kind of touch", r.by_kind),
        ("by script", r.by_script),
    )
    labels = [rate.label for _, rates in groups for rate in rates]
    width = min(max(map(len, labels), default=0), STATS_LABEL)
    for title, rates in groups:
        lines.append(f"  {title}:")
        fitted = fit_labels([rate.label for rate in rates], width)
        for rate in rates:
            few = " · few" if rate.touches < FEW else ""
            lines.append(
                f"    {fitted[rate.label]:<{width}}  {percent(rate):>22}  "
                f"median {days(rate.median_days)}{few}"
            )
    if any(rate.touches < FEW for _, rates in groups for rate in rates):
        lines.append(f"  few: fewer than {FEW} touches, not yet a trend")
    p = f.pipeline
    lines += ["", "Pipeline now: " + ", ".join(f"{s.label} {n:,}" for s, n in p.now.items())]
    lines.append("  month by month (interviewed / rejected-but-warm / referral / offer / archive):")
    for end, month in p.months:
        lines.append(f"    {end:%b %Y}  " + " / ".join(f"{month[s]:,}" for s in Stage))
    lines.append("  moves (from one stage to the next):")
    for move in p.moves or []:
        lines.append(f"    {move.from_stage.label} → {move.to_stage.label}: {move.count:,}")
    if not p.moves:
        lines.append("    none")
    lines.append(
        f"  rejected-but-warm: {p.warm:,}; later reached referral or offer: {p.warm_reached:,}"
        f" ({share(p.warm_reached, p.warm)}), median {days(p.warm_median_days)} after"
    )
    ref = f.referrals
    chain = (
        " → ".join(found.names.get(pid, "?") for pid in ref.chain) + f" ({len(ref.chain)})"
        if len(ref.chain) > 1
        else "none yet"
    )
    referrals = "Referrals" if f.since is None else f"Referrals from {f.since:%d %b %Y}"
    lines += [
        "",
        f"{referrals}: {ref.referred:,} job futures came from one; {ref.given:,} referrals given",
        f"  longest chain{'' if f.since is None else ' (ever)'}: {chain}",
    ]
    for pid, count in ref.top[:TOP_REFERRERS]:
        lines.append(f"  {found.names.get(pid, '?')}: referred you {count:,}×")
    ft = f.follow
    planned = ft.on_time + ft.late
    lines += [
        "",
        f"Follow-through from {ft.since:%d %b %Y}: {ft.on_time:,} on time"
        f" ({share(ft.on_time, planned)}), {ft.late:,} late (median"
        f" {days(ft.late_days_median)}), {ft.skipped:,} skipped, {ft.snoozed:,} snoozed now;"
        f" {ft.unplanned:,} made when nothing was due",
        "",
        f"Going cold: {counted(found.cold_total, 'open job future')} overdue",
    ]
    for c in found.cold:
        lines.append(f"  {c.company} · {c.person or '—'}: {cold_words(c)}")
    return lines
