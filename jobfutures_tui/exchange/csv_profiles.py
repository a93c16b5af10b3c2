"""The exact headers of the contact exports we know: Google Contacts (today's and the
older "Google CSV"), Outlook (outlook.com and the desktop app) and our own
people.csv and prospects.csv. A file whose header has a profile's signature is
read by that profile alone, column by exact name, before any guessing
(csv_import.guess_mapping) is tried: "Title" in Outlook is Mr or Ms, never a job
title, and "Phonetic First Name" is never a phone.

Several columns may fill a person's email, phone or web address (``E-mail 2 -
Value``, ``Business Phone``): all are kept, in the order of the profile's
columns (Outlook's Primary Phone, then Mobile, then Business…), a Google value
whose label starts with ``*`` (its primary) first. What each address book
writes is in docs/importing.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jobfutures_tui.exchange.csv_export import PEOPLE_COLUMNS, PROSPECT_COLUMNS

_GOOGLE_ADDRESS = {
    "Address 1 - Formatted": "address",
    "Address 1 - Street": "address_street",
    "Address 1 - City": "address_city",
    "Address 1 - PO Box": "address_po_box",
    "Address 1 - Region": "address_region",
    "Address 1 - Postal Code": "address_postal_code",
    "Address 1 - Country": "address_country",
    "Address 1 - Extended Address": "address_extended",
}
_GOOGLE_NUMBERED = (
    (re.compile(r"^E-mail \d+ - Value$"), "email"),
    (re.compile(r"^Phone \d+ - Value$"), "phone"),
    (re.compile(r"^Website \d+ - Value$"), "website"),
)


@dataclass(frozen=True)
class Profile:
    name: str
    """In words, for the dry run: "Google Contacts"."""
    kind: str
    """"people" or "prospects" (csv_import.Kind)."""
    signature: frozenset[str]
    """Columns a header must all have to be read by this profile."""
    columns: dict[str, str]
    """Each column it knows -> the field it fills ("" for one it leaves out);
    for email, phone and web address, in the order they are preferred."""
    numbered: tuple[tuple[re.Pattern[str], str], ...] = ()
    """Numbered columns ("E-mail 3 - Value"), however many the file has."""
    housekeeping: frozenset[str] = field(default_factory=frozenset)
    """Columns that are not about the contact (ids, dates of our own export): not
    reported as left out."""
    several: str = ""
    """How it writes several emails or phones, for the dry run's "Keeps" line."""

    def fits(self, header: list[str]) -> bool:
        return self.signature <= set(header)

    def mapping(self, header: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for column in header:
            target = self.columns.get(column)
            if target is None:
                target = next((f for pattern, f in self.numbered if pattern.match(column)), "")
            found[column] = target
        return found

    def rank(self, column: str) -> int:
        """Where a column comes in the order of preference (numbered ones by number)."""
        order = list(self.columns)
        if column in self.columns:
            return order.index(column)
        digits = re.findall(r"\d+", column)
        return len(order) + (int(digits[0]) if digits else 0)


GOOGLE_SEVERAL = "a value labelled * first, values joined by ::: apart"
SEVERAL = "values joined by ::: or ; apart"
"""A file of no known source: both joins are split (exchange/contact.MULTIPLE)."""

GOOGLE = Profile(
    "Google Contacts",
    "people",
    frozenset({"First Name", "Last Name", "Organization Name", "Labels"}),
    {
        "First Name": "first_name",
        "Middle Name": "middle_name",
        "Last Name": "last_name",
        "Nickname": "nickname",
        "Organization Name": "company",
        "Organization Title": "title",
        "Organization Department": "department",
        "Notes": "notes",
        **_GOOGLE_ADDRESS,
    },
    _GOOGLE_NUMBERED,
    several=GOOGLE_SEVERAL,
)
GOOGLE_OLD = Profile(
    "Google Contacts (Google CSV, before 2021)",
    "people",
    frozenset({"Name", "Given Name", "Family Name", "Group Membership"}),
    {
        "Name": "name",
        "Given Name": "first_name",
        "Additional Name": "middle_name",
        "Family Name": "last_name",
        "Nickname": "nickname",
        "Organization 1 - Name": "company",
        "Organization 1 - Title": "title",
        "Organization 1 - Department": "department",
        "Notes": "notes",
        **_GOOGLE_ADDRESS,
    },
    _GOOGLE_NUMBERED,
    several=GOOGLE_SEVERAL,
)
OUTLOOK = Profile(
    "Outlook",
    "people",
    frozenset({"First Name", "Last Name", "E-mail Address", "Job Title", "Company"}),
    {
        "First Name": "first_name",
        "Middle Name": "middle_name",
        "Last Name": "last_name",
        "Nickname": "nickname",
        "Job Title": "title",
        "Company": "company",
        "Department": "department",
        "E-mail Address": "email",
        "E-mail 2 Address": "email",
        "E-mail 3 Address": "email",
        "Primary Phone": "phone",
        "Mobile Phone": "phone",
        "Business Phone": "phone",
        "Business Phone 2": "phone",
        "Home Phone": "phone",
        "Home Phone 2": "phone",
        "Other Phone": "phone",
        "Car Phone": "phone",
        "Web Page": "website",
        "Personal Web Page": "website",
        "Business Street": "address_street",
        "Business Street 2": "address_extended",
        "Business Address PO Box": "address_po_box",
        "Business City": "address_city",
        "Business State": "address_region",
        "Business Postal Code": "address_postal_code",
        "Business Country/Region": "address_country",
        "Business Country": "address_country",
        "Home Street": "home_street",
        "Home Street 2": "home_extended",
        "Home Address PO Box": "home_po_box",
        "Home City": "home_city",
        "Home State": "home_region",
        "Home Postal Code": "home_postal_code",
        "Home Country/Region": "home_country",
        "Home Country": "home_country",
        "Location": "city",
        "Notes": "notes",
    },
    several="its own columns for each, kept in Outlook's order: primary, mobile, business…",
)
OWN_PEOPLE = Profile(
    "jobfutures' own people.csv",
    "people",
    frozenset({"name", "role", "preferred_channel", "do_not_contact", "company_id"}),
    {
        column: {"other_phones": "phone", "other_emails": "email"}.get(column, column)
        for column in PEOPLE_COLUMNS
        if column not in ("created_at", "updated_at", "id", "company_id")
    },
    housekeeping=frozenset({"created_at", "updated_at", "id", "company_id"}),
    several="other_emails and other_phones, values joined by ; apart",
)
OWN_PROSPECTS = Profile(
    "jobfutures' own prospects.csv",
    "prospects",
    frozenset({"company", "stage", "origin", "began_on", "person_ids", "company_website"}),
    {
        "company": "company",
        "role": "role",
        "stage": "stage",
        "origin": "origin",
        "began_on": "began_on",
        "people": "person",
        "tags": "tags",
        "notes": "notes",
        "self_assessment": "self_assessment",
        "company_website": "website",
    },
    housekeeping=frozenset(
        {"created_at", "updated_at", "id", "company_id", "person_ids"} & set(PROSPECT_COLUMNS)
    ),
)
PROFILES = (GOOGLE, GOOGLE_OLD, OUTLOOK, OWN_PEOPLE, OWN_PROSPECTS)


def profile_of(header: list[str]) -> Profile | None:
    """The profile whose signature the header has, if any."""
    return next((profile for profile in PROFILES if profile.fits(header)), None)
