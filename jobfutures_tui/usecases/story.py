"""Editing a job future's story: its own fields, its company and news, its people
and its touches. Form values in, validated records out; no UI here.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from jobfutures_tui.engine.names import fold
from jobfutures_tui.models import Company, Person, Prospect, Record, Touch, revise
from jobfutures_tui.models.clean import squash
from jobfutures_tui.models.dates import local_timezone, now, to_date
from jobfutures_tui.models.entities import NewsItem
from jobfutures_tui.models.errors import field_errors, invalid
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.lifecycle import people_used

# ------------------------------------------------------------ the job future


def story_values(repo: Repository, prospect: Prospect) -> dict[str, Any]:
    referrer = repo.person(prospect.referred_by_id) if prospect.referred_by_id else None
    return {
        **prospect.model_dump(),
        "began_on": prospect.began_on.isoformat() if prospect.began_on else "",
        "referred_by": referrer.name if referrer else "",
        "tags": ", ".join(prospect.tags),
    }


def revise_story(repo: Repository, prospect: Prospect, values: dict[str, Any]) -> Prospect:
    values = dict(values)
    referred_by = str(values.pop("referred_by", "") or "").strip()
    values["referred_by_id"] = _person_named(repo, referred_by) if referred_by else None
    values["tags"] = tuple(
        tag.strip() for tag in str(values.get("tags", "")).split(",") if tag.strip()
    )
    if not str(values.get("began_on") or "").strip():
        values["began_on"] = None
    if values.get("stage") not in (None, prospect.stage):
        values["stage_changed_at"] = now()
    return revise(prospect, **values)


def _person_named(repo: Repository, name: str) -> str:
    wanted = squash(name)
    found = [
        pid for pid in repo.person_ids() if squash(str(repo.peek("people", pid, "name"))) == wanted
    ]
    if not found:
        raise invalid("referred_by", f"no one named '{name}' yet: add them in People (3)", name)
    return found[0]


# ------------------------------------------------------------ the company and its news


def company_values(company: Company) -> dict[str, Any]:
    news = "\n".join(f"{item.on.isoformat()} {item.text}" for item in company.news)
    return {**company.model_dump(), "news": news}


def revise_company(company: Company, values: dict[str, Any]) -> Company:
    values = dict(values)
    values["news"] = _news_lines(str(values.get("news", "")))
    return revise(company, **values)


def _news_lines(text: str) -> tuple[NewsItem, ...]:
    """One item per line, "YYYY-MM-DD what you noticed"; newest first."""
    items: list[NewsItem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day, _, words = line.strip().partition(" ")
        try:
            items.append(NewsItem(on=to_date(day), text=words))
        except (ValueError, ValidationError) as error:
            problem = (
                "; ".join(field_errors(error).values())
                if isinstance(error, ValidationError)
                else str(error)
            )
            raise invalid(
                "news", f"line {number}: {problem} (write: 2026-11-23 what you saw)", line
            ) from None
    return tuple(sorted(items, key=lambda item: item.on, reverse=True))


def add_news(company: Company, values: dict[str, Any]) -> Company:
    item = NewsItem.model_validate(values)
    news = sorted((item, *company.news), key=lambda news_item: news_item.on, reverse=True)
    return revise(company, news=tuple(news))


# ------------------------------------------------------------ people


def link_person(prospect: Prospect, records: list[Record]) -> list[Record]:
    """A person saved from the form becomes one of this job future's people."""
    person = records[-1]
    if person.id in prospect.person_ids:
        return records
    return [*records, revise(prospect, person_ids=(*prospect.person_ids, person.id))]


def namesake(repo: Repository, prospect: Prospect, person: Person) -> Person | None:
    """Someone already at the job future's company under the name just typed for a
    new person (ignoring case, accents and punctuation): likely the same person.
    One already among its people comes first: they are the likeliest."""
    if person.company_id != prospect.company_id or repo.stored(Person, person.id):
        return None
    wanted = fold(person.name)
    found = [
        pid
        for pid, row in repo.walk("people")
        if row.get("company_id") == prospect.company_id and fold(str(row.get("name", ""))) == wanted
    ]
    found.sort(key=lambda pid: pid not in prospect.person_ids)
    return next((p for p in map(repo.person, found) if p is not None), None)


def namesake_question(known: Person, typed: str, company: str, *, linked: bool) -> tuple[str, str]:
    """What to ask before adding a person named like someone already there, and
    who that someone is; yes means them, no the new person."""
    if linked:
        question = (
            f"{known.name} is already one of this job future's people. "
            "Keep just them instead of adding someone new?"
        )
    else:
        question = (
            f"{known.name} already works at {company}. "
            "Link them to this job future instead of adding someone new?"
        )
    reach = known.email or known.phone or known.linkedin
    about = " · ".join(part for part in (known.title, known.role.label, reach) if part)
    return question, f"{about}\nn adds another {typed}, as typed."


def link_known(prospect: Prospect, person: Person) -> list[Record]:
    """Someone already stored becomes one of this job future's people (nothing if they are)."""
    if person.id in prospect.person_ids:
        return []
    return [revise(prospect, person_ids=(*prospect.person_ids, person.id))]


def unlink_person(
    repo: Repository, prospect: Prospect, person: Person
) -> tuple[list[Record], list[Record]]:
    """Records to save and to delete when a person is removed from a job future.

    The person record goes too when nothing else refers to them; their
    logged touches stay in the timeline either way.
    """
    save: list[Record] = [
        revise(prospect, person_ids=tuple(p for p in prospect.person_ids if p != person.id))
    ]
    others = [pid for pid in repo.prospect_ids() if pid != prospect.id]
    used = person.id in people_used(repo, others)
    touched = any(touch.person_id == person.id for touch in repo.touches_for(prospect.id))
    return save, ([] if used or touched else [person])


# ------------------------------------------------------------ touches


def touch_values(touch: Touch) -> dict[str, Any]:
    local = touch.at.in_timezone(local_timezone())
    return {
        **touch.model_dump(),
        "at": local.format("YYYY-MM-DD HH:mm"),
        "shared": ", ".join(touch.shared),
    }


def revise_touch(touch: Touch, values: dict[str, Any]) -> Touch:
    """Like ``revise``, and a touch moved into the future is refused as when logged."""
    values = dict(values)
    if isinstance(values.get("shared"), str):
        values["shared"] = tuple(t.strip() for t in values["shared"].split(",") if t.strip())
    return Touch.new(**{**touch.model_dump(), **values, "updated_at": now()})
