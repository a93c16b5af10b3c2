"""A spreadsheet of people or of job futures, whatever its columns are called.

A known export (Google Contacts, Outlook, our own: :mod:`csv_profiles`) is read
by its exact header. Otherwise the mapping from columns to fields is guessed
from the header (``E-mail Address`` fills email, ``Status`` fills stage). Either
is shown in the dry run for the user to confirm, and can be overridden column by
column. A column is matched by its whole name first, then by its first words
("Notes, free text"), except the address columns (:mod:`csv_address`), which
only match whole, and columns about a value rather than the value ("Name
Prefix", "Phonetic First Name", "E-mail 1 - Label"), which never match. Several
columns may fill a person's email, phone and web address: every one is kept. Cells are read with
the stdlib ``csv`` module: quoted line breaks, doubled quotes, commas,
semicolons or tabs between cells, any line ending, an optional BOM.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jobfutures_tui.exchange.contact import (
    MULTIPLE,
    Reach,
    left_out,
    linkedin_among,
    notes_with,
)
from jobfutures_tui.exchange.csv_address import ADDRESS_COLUMNS, address_and_city
from jobfutures_tui.exchange.csv_export import unguarded
from jobfutures_tui.exchange.csv_profiles import SEVERAL, Profile, profile_of
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.linkedin import parse_connected_on
from jobfutures_tui.exchange.plan import Existing, ImportPlan, PlanBuilder, Progress, RowNote
from jobfutures_tui.exchange.text import read_text
from jobfutures_tui.models import Person, Prospect, describe

FIELD_SIZE_LIMIT = 10 * 1024 * 1024
"""A cell this long is refused by the models with a clear message, not by csv."""


class Kind(StrEnum):
    PEOPLE = "people"
    PROSPECTS = "prospects"


PEOPLE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "contactname", "contact", "displayname"),
    "first_name": ("firstname", "givenname", "first"),
    "middle_name": ("middlename", "additionalname", "middle"),
    "last_name": ("lastname", "surname", "familyname", "last"),
    "nickname": ("nickname", "nick"),
    "department": ("department", "organizationdepartment", "organization1department", "dept"),
    "title": ("jobtitle", "title", "position", "organizationtitle", "organization1title"),
    "company": (
        "company",
        "companyname",
        "organization",
        "organisation",
        "employer",
        "org",
        "organizationname",
        "organization1name",
    ),
    "role": ("role", "personrole", "roleinhiring"),
    "preferred_channel": ("preferredchannel", "channel"),
    "phone": (
        "phone",
        "phonenumber",
        "mobile",
        "mobilephone",
        "telephone",
        "tel",
        "cell",
        "phone1value",
    ),
    "email": ("email", "emailaddress", "mail", "workemail", "primaryemail", "email1value"),
    "linkedin": ("linkedin", "linkedinurl", "linkedinprofile", "profileurl", "url"),
    "website": ("website", "webpage", "homepage", "personalwebpage", "web", "website1value"),
    "city": ("city", "location", "town"),
    **ADDRESS_COLUMNS,
    "notes": ("notes", "note", "comments", "comment"),
    "do_not_contact": ("donotcontact", "dnc", "nocontact"),
}
PROSPECT_FIELDS: dict[str, tuple[str, ...]] = {
    "company": ("company", "companyname", "organization", "organisation", "employer", "org"),
    "website": ("website", "companywebsite", "web", "site", "homepage"),
    "person": (
        "person",
        "contact",
        "contactname",
        "name",
        "hiringmanager",
        "manager",
        "interviewer",
    ),
    "person_title": ("persontitle", "contacttitle", "managertitle"),
    "person_email": ("email", "emailaddress", "contactemail", "personemail", "manageremail"),
    "person_phone": ("phone", "phonenumber", "contactphone", "mobile", "telephone"),
    "person_linkedin": ("linkedin", "linkedinurl", "contactlinkedin", "profileurl"),
    "role": ("role", "roledisccussed", "rolediscussed", "position", "jobtitle", "job", "title"),
    "stage": ("stage", "status"),
    "origin": ("origin", "howitbegan", "source", "outcome"),
    "began_on": (
        "beganon",
        "began",
        "interviewdate",
        "interviewedon",
        "interviewed",
        "date",
        "dateapplied",
        "applied",
    ),
    "notes": ("notes", "note", "comments", "comment"),
    "self_assessment": ("selfassessment", "reflection", "lessons", "howitwent"),
    "tags": ("tags", "tag", "labels"),
}
FIELDS = {Kind.PEOPLE: PEOPLE_FIELDS, Kind.PROSPECTS: PROSPECT_FIELDS}
_PROSPECT_HINTS = {"stage", "status", "interviewdate", "rolediscussed", "origin", "howitbegan"}
_QUALIFIERS = {"label", "type", "prefix", "suffix", "yomi", "phonetic", "display"}
"""A column with one of these words is about a value, not the value ("E-mail 1 -
Label", "Name Prefix", "Phonetic First Name", "E-mail Display Name"): never guessed."""
MULTI = {"email", "phone", "website"}
"""A person's fields that several columns may fill, each value kept."""
_YES = {"yes", "y", "true", "1", "x", "✓"}
_NO = {"", "no", "n", "false", "0"}


def squash(column: str) -> str:
    return re.sub(r"[^0-9a-z]", "", column.casefold())


def guess_kind(header: list[str]) -> Kind:
    """Job futures if the sheet tracks stages or interviews, else people."""
    return Kind.PROSPECTS if {squash(c) for c in header} & _PROSPECT_HINTS else Kind.PEOPLE


def guess_mapping(header: list[str], kind: Kind) -> dict[str, str]:
    """Each column and the field it fills; "" for a column left out. A field is filled once."""
    mapping: dict[str, str] = {column: "" for column in header}
    # Whole names first, a field's names in order ("Job Title" before Outlook's
    # "Title", which is Mr or Ms), then names that start a column ("Notes, free text").
    keys = {column: squash(column) for column in header}
    for field, names in FIELDS[kind].items():
        found = next(
            (
                c
                for n in names
                for c in header
                if keys[c] == n and not mapping[c] and not _qualified(c)
            ),
            None,
        )
        if found is not None:
            mapping[found] = field
    taken = set(mapping.values())
    multi = MULTI if kind is Kind.PEOPLE else set()
    for column in header:
        if mapping[column] or _qualified(column):
            continue
        starts = _word_starts(column)
        target = next(
            (
                f
                for f, names in FIELDS[kind].items()
                if (f not in taken or f in multi)
                and f not in ADDRESS_COLUMNS
                and any(len(n) >= 4 and n in starts for n in names)
            ),
            "",
        )
        mapping[column] = target
        taken.add(target)
    return mapping


def _word_starts(column: str) -> set[str]:
    """'E-mail 1 - Label' → {'e', 'email', 'email1', 'email1label'}: a name matches
    the start of a column only where a word of it ends ("Phonetic Name" is no phone)."""
    words = re.findall(r"[0-9a-z]+", column.casefold())
    return {"".join(words[:end]) for end in range(1, len(words) + 1)}


def _qualified(column: str) -> bool:
    words = re.findall(r"[0-9a-z]+", column.casefold())
    return bool(set(words) & _QUALIFIERS)


def apply_overrides(
    mapping: dict[str, str], overrides: Mapping[str, str], kind: Kind
) -> dict[str, str]:
    """``{"Full Name": "name", "Notes": ""}`` over the guess; refuses unknown columns or fields."""
    result = dict(mapping)
    by_squash = {squash(column): column for column in mapping}
    for column, target in overrides.items():
        found = column if column in mapping else by_squash.get(squash(column))
        if found is None:
            raise ExchangeError(
                f"there is no column '{column}' in this file; its columns are: "
                + ", ".join(mapping)
            )
        target = target.strip()
        if target and target not in FIELDS[kind]:
            raise ExchangeError(
                f"'{target}' is not a field of {kind.value}; choose one of: "
                + ", ".join(FIELDS[kind])
            )
        for other, field in result.items():
            if target and field == target and other != found and not _is_multi(target, kind):
                result[other] = ""  # a field comes from one column only
        result[found] = target
    return result


def _is_multi(field: str, kind: Kind) -> bool:
    return kind is Kind.PEOPLE and field in MULTI


def parse_overrides(pairs: list[str]) -> dict[str, str]:
    """``--map "Full Name=name"`` options; ``"Notes="`` leaves a column out."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip():
            raise ExchangeError(f"--map '{pair}': write COLUMN=FIELD (or COLUMN= to leave it out)")
        overrides[column.strip()] = target
    return overrides


def read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each non-empty row with the line it starts on."""
    delimiter = _delimiter(text)
    old_limit = csv.field_size_limit(FIELD_SIZE_LIMIT)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows: list[tuple[int, list[str]]] = []
        start = 1
        try:
            for cells in reader:
                line, start = start, reader.line_num + 1
                if any(cell.strip() for cell in cells):
                    rows.append((line, cells))
        except csv.Error as exc:
            raise ExchangeError(
                f"line {reader.line_num}: this is not readable CSV ({exc})"
            ) from None
    finally:
        csv.field_size_limit(old_limit)
    if not rows:
        raise ExchangeError("the file is empty: no header line")
    header = [cell.strip() for cell in rows[0][1]]
    if len(set(header)) != len(header):
        raise ExchangeError("two columns of the header have the same name: rename one")
    return header, rows[1:]


def _delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most, outside quotes.

    csv.Sniffer guesses from the data too and is fooled by commas inside cells.
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {sep: unquoted.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _labels(header: list[str]) -> dict[int, int]:
    """Google's value columns -> the column labelling them ("E-mail 1 - Value" ->
    "E-mail 1 - Label", or "- Type" in its older export)."""
    where = {column: index for index, column in enumerate(header)}
    found: dict[int, int] = {}
    for index, column in enumerate(header):
        if column.endswith(" - Value"):
            stem = column.removesuffix("Value")
            label = where.get(stem + "Label", where.get(stem + "Type"))
            if label is not None:
                found[index] = label
    return found


def _flag(text: str) -> bool:
    key = text.strip().casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(f"'{text}' is not yes or no")


def _day(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return parse_connected_on(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (use 2024-03-15 or 15 Mar 2024)") from None


def _blank_none(row: dict[str, Any], *names: str) -> None:
    for name in names:
        if name in row and not str(row[name]).strip():
            del row[name]


class CsvImport:
    """The header, guessed kind and mapping of a file, before any row is planned."""

    def __init__(
        self,
        path: Path,
        *,
        kind: Kind | None = None,
        overrides: Mapping[str, str] | None = None,
    ) -> None:
        self.path = path
        self.header, self.rows = read_rows(read_text(path))
        found = profile_of(self.header)
        self.profile: Profile | None = (
            found if found is not None and kind in (None, Kind(found.kind)) else None
        )
        self.kind = kind or (Kind(self.profile.kind) if self.profile else guess_kind(self.header))
        guessed = (
            self.profile.mapping(self.header)
            if self.profile is not None
            else guess_mapping(self.header, self.kind)
        )
        self.mapping = apply_overrides(guessed, overrides or {}, self.kind)
        self._labels = _labels(self.header)
        self._check_required()

    def _check_required(self) -> None:
        chosen = set(self.mapping.values())
        if self.kind is Kind.PEOPLE and not chosen & {"name", "first_name", "last_name"}:
            wanted = "name (or first_name and last_name)"
        elif self.kind is Kind.PROSPECTS and "company" not in chosen:
            wanted = "company"
        else:
            return
        raise ExchangeError(
            f"no column of this file fills {wanted}; say which one with "
            f"--map COLUMN={wanted.split()[0]} (its columns are: {', '.join(self.header)})"
        )

    def plan(self, existing: Existing, progress: Progress | None = None) -> ImportPlan:
        source = f"Spreadsheet of {'job futures' if self.kind is Kind.PROSPECTS else 'people'}"
        plan = ImportPlan(source, str(self.path), mapping=self.mapping)
        if self.profile is not None:
            plan.notes.append(
                f"recognised: {self.profile.name}; its columns are matched by their exact "
                "names (--map changes one)"
            )
        if self.kind is Kind.PEOPLE:  # how several values come: the source's own way
            several = self.profile.several if self.profile is not None else SEVERAL
            plan.keeps = (
                "what the columns fill (above); every email, phone and web address column "
                f"({several}); a linkedin.com web address as the LinkedIn profile; "
                "department and nickname in the notes"
            )
        used = {label for value, label in self._labels.items() if self.mapping[self.header[value]]}
        ignored = [
            index
            for index, column in enumerate(self.header)
            if not self.mapping.get(column)
            and index not in used  # the label that puts a value first
            and not (self.profile and column in self.profile.housekeeping)
        ]
        builder = PlanBuilder(plan, existing)
        for line, cells in builder.read(self.rows, len(self.rows), progress):
            extra = cells[len(self.header) :]
            if any(cell.strip() for cell in extra):
                builder.error(
                    line,
                    f"{len(cells)} cells but the header has {len(self.header)} columns "
                    "(a separator inside a cell that is not quoted?)",
                )
                continue
            plan.left_out.update(
                f"column '{self.header[i]}'" for i in ignored if i < len(cells) and cells[i].strip()
            )
            row = self._by_field(cells)
            try:
                if self.kind is Kind.PEOPLE:
                    self._person(builder, line, row)
                else:
                    self._prospect(builder, line, row)
            except ValueError as exc:  # a cell that is not a date, yes/no, stage…
                builder.error(line, describe(exc) if isinstance(exc, ValidationError) else str(exc))
        return plan

    def _by_field(self, cells: list[str]) -> dict[str, Any]:
        """The row's cells by the field each fills: a list of values for a field that
        several columns fill (in the order of preference), else the text."""
        row: dict[str, Any] = {}
        many: dict[str, list[tuple[tuple[int, int, int], str]]] = {}
        rank = self.profile.rank if self.profile is not None else None
        for index, column in enumerate(self.header):
            target = self.mapping.get(column, "")
            if not target or index >= len(cells):
                continue
            cell = unguarded(cells[index].strip()).strip()
            if not _is_multi(target, self.kind):
                row[target] = cell
                continue
            label = self._labels.get(index)
            starred = label is not None and label < len(cells) and cells[label].startswith("*")
            order = rank(column) if rank is not None else index
            for n, value in enumerate(MULTIPLE.split(cell)):
                if value.strip():
                    many.setdefault(target, []).append(((0 if starred else 1, order, n), value))
        for target, values in many.items():
            row[target] = [value for _, value in sorted(values, key=lambda item: item[0])]
        return row

    def _person(self, builder: PlanBuilder, line: int, row: dict[str, Any]) -> None:
        parts = [row.pop(f"{part}_name", "") for part in ("first", "middle", "last")]
        if not row.get("name"):
            row["name"] = " ".join(" ".join(parts).split())
        if not row["name"]:
            builder.skip(line, "no name")
            return
        company = row.pop("company", "")
        row["address"], row["city"] = address_and_city(row)
        if "do_not_contact" in row:
            row["do_not_contact"] = _flag(row["do_not_contact"])
        _blank_none(row, "role", "preferred_channel")
        reach = Reach()
        for email in row.pop("email", []):
            reach.add_email(email)
        for phone in row.pop("phone", []):
            reach.add_phone(phone)
        row.update(reach.fields())
        websites = row.pop("website", [])
        if not row.get("linkedin"):
            row["linkedin"] = linkedin_among(websites)
        if any(site.strip() != row["linkedin"] for site in websites):
            builder.plan.left_out["web page (not LinkedIn)"] += 1
        row["notes"] = notes_with(
            row.get("notes", ""),
            department=row.pop("department", ""),
            nickname=row.pop("nickname", ""),
        )
        if builder.person(line, row, company=company) is not None:
            builder.plan.dropped.extend(left_out(line, row["name"], reach.refused))

    def _prospect(self, builder: PlanBuilder, line: int, row: dict[str, Any]) -> None:
        company_name = row.pop("company", "")
        if not company_name:
            builder.skip(line, "no company")
            return
        website = row.pop("website", "")
        person_fields = {
            field: row.pop(f"person_{field}", "")
            for field in ("title", "email", "phone", "linkedin")
        }
        person_fields["name"], *others = row.pop("person", "").split("; ")
        if others:  # our own export lists every person of a job future; the first comes in
            builder.plan.left_out["more people of a job future"] += 1
        row["began_on"] = _day(row.get("began_on", ""))
        if "tags" in row:
            row["tags"] = tuple(t.strip() for t in re.split(r"[;,]", row["tags"]) if t.strip())
        _blank_none(row, "stage", "origin", "began_on")
        # Check both records before anything is planned: a bad row leaves nothing behind.
        Prospect.model_validate({**row, "company_id": "pending"})
        if person_fields["name"]:
            Person.model_validate(person_fields)
        company = builder.company(company_name, line, website=website)
        person_ids: tuple[str, ...] = ()
        if person_fields["name"]:
            person = builder.person(line, person_fields, company=company_name, report=False)
            if person is None:
                return
            person_ids = (person.id,)
        found = builder.prospects.find(company.id, row.get("role", ""))
        if found is not None:
            earlier = builder.first_line(found.id)
            what = f"{company_name} · {found.role or 'no role'}"
            if earlier is not None:
                builder.skip(line, f"{what}: same job future as line {earlier}")
            else:
                builder.plan.matched.append(RowNote(line, f"{what}: already here"))
            return
        prospect = Prospect.model_validate(
            {**row, "company_id": company.id, "person_ids": person_ids}
        )
        builder.prospects.add(prospect)
        builder.add(prospect, line)
