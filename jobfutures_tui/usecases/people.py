"""People across companies and job futures: the rows of the people list, and
the person form's records.

A person can belong to several job futures over the years (a manager who
moved companies keeps their history), so the list links each person to all
of theirs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pendulum
from pydantic import ValidationError

from jobfutures_tui.models import Company, Person, Record, revise
from jobfutures_tui.models.dates import to_utc
from jobfutures_tui.models.entities import email_shape, linkedin_shape
from jobfutures_tui.models.errors import describe, invalid
from jobfutures_tui.store import Repository


@dataclass(frozen=True, slots=True)
class PersonRow:
    """What the list sorts and filters by, from stored fields; drawing validates."""

    person_id: str
    sort_key: str
    prospect_ids: tuple[str, ...]
    search_text: str


def person_prospects(repo: Repository) -> dict[str, list[str]]:
    """Each person's job futures, from the stored fields."""
    found: dict[str, list[str]] = {}
    for prospect_id in repo.prospect_ids():
        for person_id in repo.peek("prospects", prospect_id, "person_ids") or ():
            found.setdefault(person_id, []).append(prospect_id)
    return found


def people_rows(repo: Repository) -> list[PersonRow]:
    """Everyone, by name, without validating thousands of records up front."""
    links = person_prospects(repo)
    peek = repo.peek
    rows: list[PersonRow] = []
    for person_id in repo.person_ids():
        name = str(peek("people", person_id, "name") or "")
        company = peek("companies", peek("people", person_id, "company_id"), "name") or ""
        words = [name, company]
        words += [peek("people", person_id, field) or "" for field in ("title", "email", "city")]
        words += peek("people", person_id, "other_emails") or ()  # found by any address
        rows.append(
            PersonRow(
                person_id=person_id,
                sort_key=name.casefold(),
                prospect_ids=tuple(links.get(person_id, ())),
                search_text=" ".join(str(word) for word in words).casefold(),
            )
        )
    rows.sort(key=lambda row: row.sort_key)
    return rows


def last_touch_with(repo: Repository, row: PersonRow) -> pendulum.DateTime | None:
    """The newest touch with this person, in any of their job futures (a touch
    logged without a person counts for everyone there). Read from the summaries:
    no history is parsed."""
    found = []
    for prospect_id in row.prospect_ids:
        summary = repo.cadence_summary(prospect_id)
        at = summary.last_with(row.person_id) if summary is not None else None
        if at is not None:
            found.append(at)
    return to_utc(max(found)) if found else None


def address_line(address: str) -> str:
    """A postal address on one line ("1800 Larimer St, Denver CO 80202"), for lists."""
    return ", ".join(line.strip() for line in address.splitlines() if line.strip())


def filter_rows(rows: Iterable[PersonRow], query: str) -> list[PersonRow]:
    words = query.casefold().split()
    return [row for row in rows if all(word in row.search_text for word in words)]


SEPARATOR = "; "
"""Between a person's emails or phones on one line (the form, the CSV export): a
comma can be part of a phone number (a pause before an extension)."""


def joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def split_list(text: str) -> tuple[str, ...]:
    """``"a@x.example; b@y.example"`` (or one a line) into its items, blanks dropped."""
    return tuple(item.strip() for item in re.split(r"[;\n]", text) if item.strip())


def person_records(repo: Repository, values: dict[str, Any], person: Person | None) -> list[Record]:
    """The person saved from the form, and the company when it is a new name.

    The company is given by name: an existing one (any case) is reused, so
    moving someone to another company is typing its name.
    """
    values = dict(values)
    company_name = str(values.pop("company", "") or "").strip()
    company = repo.find_company(company_name) if company_name else None
    created: list[Record] = []
    if company_name and company is None:
        try:
            company = Company(name=company_name)
        except ValidationError as error:
            raise invalid("company", describe(error), company_name) from None
        created.append(company)
    values["company_id"] = company.id if company else None
    for main, others in (("phone", "other_phones"), ("email", "other_emails")):
        if isinstance(values.get(main), str):  # the form's one line: main; others
            values[main], *rest = split_list(values[main]) or ("",)
            values[others] = tuple(rest)
    _check_other_emails(values.get("other_emails") or ())
    _check_linkedin(str(values.get("linkedin") or "").strip(), person)
    saved = revise(person, **values) if person else Person.model_validate(values)
    return [*created, saved]


def _check_other_emails(emails: Iterable[str]) -> None:
    """Each of them must look like an address; the message, under the emails, names the
    one that does not."""
    for email in emails:
        try:
            email_shape(email)
        except ValueError as error:
            raise invalid("email", str(error), email) from None


def _check_linkedin(typed: str, person: Person | None) -> None:
    """A LinkedIn address typed here must be one; one already stored is left alone."""
    if typed != (person.linkedin if person else ""):
        try:
            linkedin_shape(typed)
        except ValueError as error:
            raise invalid("linkedin", str(error), typed) from None
