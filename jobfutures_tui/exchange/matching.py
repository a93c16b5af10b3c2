"""Finding the person or company an imported row is about, so nothing is duplicated.

A person is matched by LinkedIn profile URL, then email, then name and
company, in that order: the URL is the only identifier LinkedIn guarantees,
emails are often missing from its export, and names alone collide. New
records are added to the index as a plan is built, so a file that lists the
same person twice creates them once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.models.clean import one_line, squash

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def profile_key(url: str) -> str:
    """``https://www.LinkedIn.com/in/jane-doe/?trk=x`` and ``linkedin.com/in/jane-doe`` agree."""
    key = _SCHEME.sub("", one_line(url).casefold())
    key = key.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    for prefix in ("www.", "m.", "mobile."):
        key = key.removeprefix(prefix)
    return key


def email_key(email: str) -> str:
    return one_line(email).removeprefix("mailto:").casefold()


def phone_key(phone: str) -> str:
    """``+1 (303) 555-0142`` and ``+1 303 555 0142`` are one number."""
    digits = re.sub(r"[^\d+]", "", phone)
    return digits or one_line(phone).casefold()


@dataclass
class Companies:
    """Companies by name, ignoring case and spacing."""

    by_name: dict[str, Company] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Company id -> name, for matching people by name and company."""

    @classmethod
    def of(cls, companies: Iterable[Company]) -> Companies:
        index = cls()
        for company in companies:
            index.add(company)
        return index

    def add(self, company: Company, *, replace: bool = False) -> None:
        if replace:
            self.by_name[squash(company.name)] = company
        self.by_name.setdefault(squash(company.name), company)
        self.names[company.id] = company.name

    def find(self, name: str) -> Company | None:
        key = squash(name)
        return self.by_name.get(key) if key else None

    def name_of(self, company_id: str | None) -> str:
        return self.names.get(company_id, "") if company_id else ""


@dataclass
class People:
    """People by profile URL, email, and name with company name."""

    companies: Companies
    by_url: dict[str, Person] = field(default_factory=dict)
    by_email: dict[str, Person] = field(default_factory=dict)
    by_name: dict[tuple[str, str], Person] = field(default_factory=dict)
    by_id: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def of(cls, people: Iterable[Person], companies: Companies) -> People:
        index = cls(companies)
        for person in people:
            index.add(person)
        return index

    def add(self, person: Person) -> None:
        self.by_id[person.id] = person
        if person.linkedin:
            self.by_url.setdefault(profile_key(person.linkedin), person)
        for email in person.emails:  # the main address first: it wins a tie
            self.by_email.setdefault(email_key(email), person)
        company = self.companies.name_of(person.company_id)
        self.by_name.setdefault((squash(person.name), squash(company)), person)

    def find(
        self,
        *,
        name: str,
        company: str = "",
        linkedin: str = "",
        email: str = "",
        other_emails: Iterable[str] = (),
    ) -> tuple[Person, str] | None:
        """The matching person and how they matched, or None. Any of a row's
        addresses finds anyone stored with it among theirs."""
        if linkedin and (found := self.by_url.get(profile_key(linkedin))):
            return found, "profile URL"
        for address in (email, *other_emails):
            if address and (found := self.by_email.get(email_key(address))):
                return found, "email"
        if name and (found := self.by_name.get((squash(name), squash(company)))):
            return found, "name and company"
        return None


@dataclass
class Prospects:
    """Job futures by company and role discussed: the same interview is not imported twice."""

    by_key: dict[tuple[str, str], Prospect] = field(default_factory=dict)

    @classmethod
    def of(cls, prospects: Iterable[Prospect]) -> Prospects:
        index = cls()
        for prospect in prospects:
            index.add(prospect)
        return index

    def add(self, prospect: Prospect) -> None:
        self.by_key.setdefault((prospect.company_id, squash(prospect.role)), prospect)

    def find(self, company_id: str, role: str) -> Prospect | None:
        return self.by_key.get((company_id, squash(role)))
