"""One job future as Markdown, to read before a call: who, where it stands, what was said.

User text is text here too: characters Markdown would act on are escaped, so
a note with ``*stars*`` or ``[brackets]`` reads as written in any viewer.
"""

from __future__ import annotations

import re

import pendulum

from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models import Person, Prospect, Touch
from jobfutures_tui.models.dates import local_timezone
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.people import address_line
from jobfutures_tui.usecases.referrals import ReferralNode, referral_tree

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_BULLET = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_UNSAFE = re.compile(r"[^\w.-]+")
"""Runs of what a file name should not hold (letters of any script are kept)."""


def md(text: str) -> str:
    """Escape Markdown's active characters in user text."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _BULLET.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
    return _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def md_block(text: str) -> str:
    """Multi-line user text, each line kept (two trailing spaces force the break)."""
    return "  \n".join(md(line) for line in text.splitlines())


def find_prospects(repo: Repository, query: str) -> list[Prospect]:
    """By id, else every job future whose company, role or person contains the words."""
    exact = repo.prospect(query.strip())
    if exact is not None:
        return [exact]
    words = query.casefold().split()
    found = []
    for prospect in repo.prospects(include_archived=True):
        company = repo.company(prospect.company_id)
        people = [p.name for p in (repo.person(i) for i in prospect.person_ids) if p]
        haystack = " ".join([company.name if company else "", prospect.role, *people]).casefold()
        if words and all(word in haystack for word in words):
            found.append(prospect)
    return found


def pick_prospect(repo: Repository, query: str) -> Prospect:
    """The one job future the query names; a clear error when it names none or several."""
    found = find_prospects(repo, query)
    if len(found) == 1:
        return found[0]
    if not found:
        raise ExchangeError(f"no job future matches '{query}' (try a company or person name)")
    names = []
    for prospect in found[:10]:
        company = repo.company(prospect.company_id)
        name = company.name if company else "?"
        names.append(f"  {prospect.id}  {name} · {prospect.role or 'no role'}")
    raise ExchangeError(
        f"'{query}' matches {len(found)} job futures; give more words or an id:\n"
        + "\n".join(names)
    )


def markdown_name(company: str, day: pendulum.Date) -> str:
    """A file name any system accepts: ``Northwind-Logistics_2026-11-23.md``."""
    stem = _UNSAFE.sub("-", company).strip("-.")[:60] or "job-future"
    return f"{stem}_{day.isoformat()}.md"


def _when(touch: Touch) -> str:
    return touch.at.in_timezone(local_timezone()).format("ddd D MMM YYYY, HH:mm")


def _person_line(person: Person) -> str:
    parts = [f"**{md(person.name)}**"]
    if person.title:
        parts.append(md(person.title))
    parts.append(f"({person.role.label})")
    reach = [
        md(value)
        for value in (
            person.preferred_channel.label + " preferred" if person.preferred_channel else "",
            person.email,
            person.phone,
            person.linkedin,
            address_line(person.address),
            person.city,
        )
        if value
    ]
    if person.do_not_contact:
        reach.insert(0, "DO NOT CONTACT")
    line = " ".join(parts)
    return f"- {line}" + (f" — {' · '.join(reach)}" if reach else "")


def _chain_lines(repo: Repository, node: ReferralNode, current: str, depth: int) -> list[str]:
    """Who led to whom, as nested bullets: each job future, and who referred it."""
    prospect = repo.prospect(node.prospect_id)
    if prospect is None:
        line = "(removed)"
    else:
        company = repo.company(prospect.company_id)
        line = f"**{md(company.name)}**" if company else "(missing company)"
        if prospect.role:
            line += f" · {md(prospect.role)}"
        line += f" · {prospect.stage.label}"
        referrer = repo.person(prospect.referred_by_id) if prospect.referred_by_id else None
        if referrer is not None:
            line += f", via {md(referrer.name)}"
        if node.prospect_id == current:
            line += " (this one)"
    lines = [f"{'  ' * depth}- {line}"]
    for child in node.children:
        lines += _chain_lines(repo, child, current, depth + 1)
    return lines


def prospect_markdown(repo: Repository, prospect: Prospect, *, today: pendulum.Date) -> str:
    company = repo.company(prospect.company_id)
    people = [p for p in (repo.person(pid) for pid in prospect.person_ids) if p]
    touches = repo.touches_for(prospect.id)  # newest first
    title = md(company.name if company else "(missing company)")
    out = [f"# {title}" + (f" — {md(prospect.role)}" if prospect.role else ""), ""]
    facts = [f"- Stage: {prospect.stage.label}"]
    if prospect.began_on:
        facts.append(f"- Began: {prospect.origin.label}, {prospect.began_on.isoformat()}")
    else:
        facts.append(f"- Began: {prospect.origin.label}")
    if prospect.closed_reason:
        facts.append(f"- Closed: {prospect.closed_reason.label}")
    if prospect.referred_by_id and (referrer := repo.person(prospect.referred_by_id)):
        facts.append(f"- Referred by: {md(referrer.name)}")
    if prospect.tags:
        facts.append(f"- Tags: {', '.join(md(t) for t in prospect.tags)}")
    if company and company.website:
        facts.append(f"- Website: {md(company.website)}")
    suggestion = next_suggestion(repo, prospect.id, today=today)
    if suggestion is not None:
        facts.append(
            f"- Next touch: {suggestion.how}, due "
            f"{suggestion.due.isoformat()} — {md(suggestion.reason)}"
        )
    facts.append(f"- Touches logged: {len(touches)}")
    out += [*facts, ""]
    if people:
        out += ["## People", "", *(_person_line(p) for p in people), ""]
    chain = referral_tree(repo, prospect.id)
    if chain is not None:
        out += ["## Referral chain", "", *_chain_lines(repo, chain, prospect.id, 0), ""]
    if company and company.news:
        out += ["## Company news", ""]
        out += [
            f"- {n.on.isoformat()}: {md(n.text)}"
            for n in sorted(company.news, key=lambda n: n.on, reverse=True)
        ]
        out.append("")
    for heading, text in (
        ("Notes", prospect.notes),
        ("Self-assessment", prospect.self_assessment),
        ("Why it closed", prospect.closed_note),
        ("About the company", company.notes if company else ""),
    ):
        if text.strip():
            out += [f"## {heading}", "", md_block(text), ""]
    out += ["## Timeline (newest first)", ""]
    if not touches:
        out += ["No touch logged yet.", ""]
    names = {p.id: p.name for p in people}
    for touch in touches:
        who = names.get(touch.person_id or "") or (
            person.name if touch.person_id and (person := repo.person(touch.person_id)) else ""
        )
        arrow = "from" if touch.direction.value == "in" else "to"
        head = f"### {_when(touch)} · {touch.channel.label} · {touch.outcome.label}"
        if who:
            head += f" ({arrow} {md(who)})"
        out += [head, ""]
        if touch.note.strip():
            out += [md_block(touch.note), ""]
        if touch.shared:
            out += [f"Shared: {', '.join(md(s) for s in touch.shared)}", ""]
    return "\n".join(out).rstrip() + "\n"
