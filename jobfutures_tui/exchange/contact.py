"""What an address book's contact becomes, whichever format brought it (vCard, a
Google or Outlook CSV): every email address and phone number, the main one
first; a LinkedIn profile found among web addresses; the department and
nickname kept in the notes; and what is left out, said in the dry run.

One place for these facts, so a vCard and a CSV of the same address book bring
in the same person. See docs/importing.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jobfutures_tui.exchange.matching import email_key, phone_key
from jobfutures_tui.exchange.plan import RowNote
from jobfutures_tui.models.clean import one_line
from jobfutures_tui.models.entities import email_shape

MULTIPLE = re.compile(r"\s*:::\s*|\s*;\s*")
"""Between values in one cell: Google joins them with ``:::``; our own export with ``; ``."""


@dataclass
class Reach:
    """A contact's addresses and numbers, in preference order, without repeats, and
    the values that could not be kept (for the dry run)."""

    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def add_email(self, value: str) -> None:
        value = one_line(value).removeprefix("mailto:").removeprefix("MAILTO:").strip()
        if not value:
            return
        try:
            email_shape(value)
        except ValueError as exc:
            self.refused.append(f"email {exc}")
            return
        if email_key(value) not in {email_key(e) for e in self.emails}:
            self.emails.append(value)

    def add_phone(self, value: str) -> None:
        value = one_line(value).removeprefix("tel:").strip()
        if value and phone_key(value) not in {phone_key(p) for p in self.phones}:
            self.phones.append(value)

    def fields(self) -> dict[str, object]:
        """``email``, ``other_emails``, ``phone``, ``other_phones`` of a person."""
        return {
            "email": self.emails[0] if self.emails else "",
            "other_emails": tuple(self.emails[1:]),
            "phone": self.phones[0] if self.phones else "",
            "other_phones": tuple(self.phones[1:]),
        }


def is_linkedin(url: str) -> bool:
    return "linkedin.com/" in url.casefold()


def linkedin_among(urls: Iterable[str]) -> str:
    """The first LinkedIn address among a contact's web addresses, or ""."""
    return next((url.strip() for url in urls if is_linkedin(url)), "")


def notes_with(notes: str, *, department: str = "", nickname: str = "") -> str:
    """The contact's notes, and after them what has no field of its own."""
    extra = [
        f"{label}: {value}"
        for label, value in (("Department", department), ("Nickname", nickname))
        if value.strip()
    ]
    return "\n".join(part for part in (notes.strip(), *extra) if part)


def left_out(line: int, name: str, refused: Iterable[str]) -> list[RowNote]:
    """A note for each value of a contact that was not kept."""
    return [RowNote(line, f"{name}: {what}, left out") for what in refused]
