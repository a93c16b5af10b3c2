"""Which job future and which person ``log`` and ``move`` mean, from the words typed.

Names are matched as people abbreviate them (:mod:`jobfutures_tui.engine.names`):
the exact name wins, then a unique start, word or near spelling. Anything
that leaves a doubt is refused with the candidates listed, so a script never
logs a call against the wrong company.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping

from jobfutures_tui.commands.changes import refusal
from jobfutures_tui.engine.names import close_to, matches
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models import Person, Prospect
from jobfutures_tui.models.clean import one_line
from jobfutures_tui.models.entities import Script
from jobfutures_tui.store import Repository


def job_future(repo: Repository, query: str, *, role: str | None = None) -> Prospect:
    """The job future at the company ``query`` names (its id works too); with
    several there, the one whose role ``role`` names. Open ones come first: an
    archived one is taken only when its company has no open one."""
    by_id = repo.prospect(query.strip())
    if by_id is not None:
        return by_id
    found = _at_company(repo, query)
    companies = {p.company_id: c.name for p in found if (c := repo.company(p.company_id))}
    if role is not None:
        with_role = matches(role, found, lambda p: p.role)
        if not with_role:
            raise refusal(
                f"no job future at {_companies(found, companies)} has the role '{role}'",
                "Its roles",
                _lines(found, companies, company=len({p.company_id for p in found}) > 1),
            )
        found = with_role
    if len({p.company_id for p in found}) > 1:
        raise refusal(
            f"'{query}' could be {len(found)} job futures",
            "Give more of the company's name",
            _lines(found, companies),
        )
    pool = [p for p in found if p.is_open] or found
    if len(pool) == 1:
        return pool[0]
    name = companies.get(pool[0].company_id, "")
    kind = "open " if pool[0].is_open else "archived "
    if len({p.role.casefold() for p in pool}) == len(pool) and all(p.role for p in pool):
        raise refusal(
            f"{name} has {len(pool)} {kind}job futures",
            "Say which with --role",
            _lines(pool, companies, company=False),
        )
    roles = [p.role.casefold() for p in pool if p.role]
    why = (
        "not all with a role"  # --role finds those that have one, the id any of them
        if len(set(roles)) == len(roles)
        else "that --role cannot tell apart"
    )
    raise refusal(
        f"{name} has {len(pool)} {kind}job futures {why}",
        "Give the id of one instead of the company's name",
        [
            f"{p.id} · {line}"
            for p, line in zip(pool, _lines(pool, companies, company=False), strict=True)
        ],
    )


def _at_company(repo: Repository, query: str) -> list[Prospect]:
    """The job futures at the companies ``query`` names, matched on the stored rows:
    each company's name is matched once, and only the job futures found are read
    whole, not thousands of others (docs/benchmarks.md)."""
    at: dict[str, list[str]] = {}
    for prospect_id, company_id in repo.stored_column("prospects", "company_id").items():
        at.setdefault(str(company_id), []).append(prospect_id)
    stored = repo.stored_column("companies", "name")
    names = {cid: str(stored.get(cid) or "") for cid in at}
    found = matches(query, list(at), names.__getitem__)  # folded: controls count as spaces
    if not found:
        raise _unknown(query, [one_line(names[cid]) for cid, ids in at.items() for _ in ids])
    return [p for cid in found for pid in at[cid] if (p := repo.prospect(pid)) is not None]


def _unknown(query: str, names: list[str]) -> ExchangeError:
    if not names:
        return refusal(
            "there are no job futures yet",
            "Add one with",
            [f"jobfutures add {shlex.quote(query)}"],
        )
    close = close_to(query, names)
    if close:
        return refusal(f"no company called '{query}' has a job future", "Did you mean", close)
    return refusal(
        f"no company called '{query}' has a job future",
        "Add one with",
        [f"jobfutures add {shlex.quote(query)}"],
    )


def _companies(found: list[Prospect], companies: Mapping[str, str]) -> str:
    return ", ".join(dict.fromkeys(companies.get(p.company_id, "?") for p in found))


def _lines(
    found: Iterable[Prospect], companies: Mapping[str, str], *, company: bool = True
) -> list[str]:
    """'Northwind Logistics · Staff Data Engineer · interviewed', one per job future."""
    lines = []
    for prospect in found:
        parts = [companies.get(prospect.company_id, "?")] if company else []
        parts.append(prospect.role or "(no role)")
        stage = prospect.stage.label
        if prospect.closed_reason is not None:
            stage += f" ({prospect.closed_reason.label})"
        lines.append(" · ".join([*parts, stage]))
    return lines


def person_of(repo: Repository, prospect: Prospect, query: str) -> Person:
    """The one of the job future's people ``query`` names."""
    people = [p for pid in prospect.person_ids if (p := repo.person(pid)) is not None]
    company = repo.company(prospect.company_id)
    where = company.name if company else "this job future"
    found = matches(query, people, lambda p: p.name)
    if len(found) == 1:
        return found[0]
    if not people:
        raise refusal(f"{where} has no people yet to name with --person")
    listing = [f"{p.name} · {p.role.label}" + (f" · {p.title}" if p.title else "") for p in people]
    if not found:
        raise refusal(f"no one called '{query}' at {where}", "Its people", listing)
    alike = [line for line, p in zip(listing, people, strict=True) if p in found]
    raise refusal(f"'{query}' could be {len(found)} people at {where}", "Say which", alike)


def script_of(repo: Repository, query: str) -> Script:
    """The script ``query`` names: its id (as ``jobfutures open`` prints it) or its name."""
    scripts = repo.records(Script)
    exact = [script for script in scripts if script.id == query]
    if exact:
        return exact[0]
    found = matches(query, scripts, lambda s: s.name)
    if len(found) == 1:
        return found[0]
    if not found:
        listing = sorted(f"{s.id} · {s.name}" for s in scripts)
        raise refusal(f"no script called '{query}'", "The scripts (id · name)", listing)
    raise refusal(
        f"'{query}' could be {len(found)} scripts",
        "Say which",
        [f"{s.id} · {s.name}" for s in found],
    )
