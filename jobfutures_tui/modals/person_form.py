"""Add or edit a person; the company is typed by name (an existing one is reused).

Phones and emails are each one line, the main one first and any others after a
``;`` (an address book import brings them all)."""

from __future__ import annotations

from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import Channel, Person, PersonRole, Record
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.people import SEPARATOR, joined, person_records

FIELDS = (
    Field("name", "Name", placeholder="e.g. Priya Raman"),
    Field("title", "Title", placeholder="e.g. Director of Engineering"),
    Field("company", "Company", placeholder="an existing name moves them there"),
    Field("role", "Role in hiring", "choice", choices=choices_of(PersonRole)),
    Field(
        "preferred_channel",
        "Prefers",
        "choice",
        choices=choices_of(Channel, unset="no preference"),
    ),
    Field("phone", "Phones", placeholder=f"the main one first{SEPARATOR}then any others"),
    Field("email", "Emails", placeholder=f"name@example.com{SEPARATOR}then any others"),
    Field("linkedin", "LinkedIn", placeholder="https://www.linkedin.com/in/…"),
    Field("address", "Postal address", "text"),
    Field("city", "City"),
    Field("notes", "Notes", "text"),
    Field("do_not_contact", "Contact", "flag", placeholder="do not contact"),
)


def person_form(
    repo: Repository, person: Person | None, *, company: str = ""
) -> RecordForm[list[Record]]:
    """A form whose result is the records to save: the person, and a new company if any."""
    if person is None:
        initial = {"company": company, "role": PersonRole.HIRING_MANAGER}
        title = "Add a person"
    else:
        owner = repo.company(person.company_id) if person.company_id else None
        initial = {
            **person.model_dump(),
            "company": owner.name if owner else "",
            "phone": joined(person.phones),
            "email": joined(person.emails),
        }
        title = f"Edit {person.name}"
    return RecordForm(title, FIELDS, initial, lambda values: person_records(repo, values, person))
