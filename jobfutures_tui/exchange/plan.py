"""An import, worked out before anything is written: what is new, matched, skipped, wrong.

Every importer builds an :class:`ImportPlan` against the stored data without
changing it (the dry run), so the user sees the summary first; :meth:`apply`
then takes a backup and saves every new record in one save. A match is
reported and left as it is, but for what it lacked of where to write to a
person (:data:`FILLABLE`): that is filled in from the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jobfutures_tui.exchange.matching import Companies, People, Prospects, email_key, phone_key
from jobfutures_tui.models import (
    Company,
    Person,
    Profile,
    Prospect,
    Record,
    Touch,
    describe,
    revise,
)
from jobfutures_tui.models.entities import Script, Shareable
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.store.tables import table_of
from jobfutures_tui.usecases.changes import Change

Progress = Callable[[int, int], None]
"""Called with (rows done, rows in all) while a file is read."""

PROGRESS_EVERY = 50

FILLABLE = {
    "address": "address",
    "city": "city",
    "email": "email",
    "other_emails": "email",
    "phone": "phone",
    "other_phones": "phone",
}
"""A person's fields an import fills in, and how the report names each: an address
or city when the stored person's is empty; an email or phone they do not have yet
joins theirs (the main one when they had none)."""
_SCALARS = ("address", "city")

_KINDS: tuple[tuple[type[Record], str, str], ...] = (
    (Profile, "profile", "profile"),
    (Company, "company", "companies"),
    (Person, "person", "people"),
    (Prospect, "job future", "job futures"),
    (Touch, "touch", "touches"),
)


@dataclass(frozen=True, slots=True)
class RowNote:
    """Something about one row (a line number in the file; 0 when it has none)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "message": self.message}


LIBRARY_KINDS: tuple[type[Record], ...] = (CadencePlan, Script, Shareable)
"""Kinds an import carries over by id only: they are the user's own writing."""


@dataclass
class Existing:
    """The stored records an import is matched against."""

    companies: list[Company] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    prospects: list[Prospect] = field(default_factory=list)
    touch_ids: set[str] = field(default_factory=set)
    library_ids: set[str] = field(default_factory=set)
    """Ids of the stored plans, scripts and shareables."""
    profile: Profile = field(default_factory=Profile)
    """The stored profile (an empty one when none was saved)."""

    @classmethod
    def of(cls, repo: Repository, *, touches: bool = False) -> Existing:
        prospects = repo.prospects(include_archived=True)
        touch_ids = {t.id for p in prospects for t in repo.touches_for(p.id)} if touches else set()
        library = {rid for kind in LIBRARY_KINDS for rid in repo.stored_rows(table_of(kind))}
        return cls(repo.companies(), repo.people(), prospects, touch_ids, library, repo.profile())

    @classmethod
    def in_folder(cls, folder: Path, *, touches: bool = False) -> Existing:
        """Read-only, so a dry run works while the app is open; empty if no data yet."""
        if not data_files(folder):
            return cls()
        with Repository.open(folder, read_only=True) as repo:
            return cls.of(repo, touches=touches)


@dataclass
class ImportPlan:
    source: str
    """What was read, in words: "LinkedIn connections"."""
    path: str
    rows: int = 0
    new: list[Record] = field(default_factory=list)
    matched: list[RowNote] = field(default_factory=list)
    skipped: list[RowNote] = field(default_factory=list)
    errors: list[RowNote] = field(default_factory=list)
    updated: list[Record] = field(default_factory=list)
    """Records already here, given what they lacked (see :data:`FILLABLE`)."""
    filled: list[RowNote] = field(default_factory=list)
    """What each row filled in ("Jo Lee: address and city")."""
    mapping: dict[str, str] | None = None
    """Generic CSV only: each column and the field it fills ("" when ignored)."""
    notes: list[str] = field(default_factory=list)
    keeps: str = ""
    """What this format brings in, in words ("" when the mapping says it)."""
    left_out: Counter[str] = field(default_factory=Counter)
    """What the file holds that is not kept (a birthday, a photo) -> how many rows
    or cards hold it."""
    dropped: list[RowNote] = field(default_factory=list)
    """Values of imported rows that could not be kept ("email 'n/a' …")."""

    def new_counts(self) -> dict[str, int]:
        counts = Counter(type(record) for record in self.new)
        return {plural: counts[kind] for kind, _, plural in _KINDS if counts[kind]}

    def to_save(self) -> list[Record]:
        """What applying saves: the new records and the ones filled in."""
        return [*self.new, *self.updated]

    def change(self, source: str) -> Change:
        """The import as one undoable change in the app (the shell: :meth:`apply`)."""
        return Change(f"Imported {self.what()} from {source}", save=tuple(self.to_save()))

    def counted(self) -> list[str]:
        """'1 company', '2 people': what is new, each kind in words."""
        counts = Counter(type(record) for record in self.new)
        return [
            f"{counts[kind]} {one if counts[kind] == 1 else many}"
            for kind, one, many in _KINDS
            if counts[kind]
        ]

    def what(self) -> str:
        """'2 people, 1 company, 3 people filled in', or 'nothing'."""
        parts = self.counted()
        if self.updated:
            parts.append(f"{_people(len(self.updated))} filled in")
        return ", ".join(parts) or "nothing"

    def note_people_at_futures(self, existing: Existing) -> None:
        """New people at a company you have an open job future with join none of them
        (which one they belong to is yours to say): the dry run says so, and how."""
        open_at = {p.company_id for p in existing.prospects if p.is_open}
        linked = {pid for r in self.new if isinstance(r, Prospect) for pid in r.person_ids}
        found = [
            r
            for r in self.new
            if isinstance(r, Person) and r.company_id in open_at and r.id not in linked
        ]
        if found:
            names = {c.id: c.name for c in existing.companies}
            where = sorted({names.get(str(p.company_id), "?") for p in found})
            listed = ", ".join(where[:3]) + (", …" if len(where) > 3 else "")
            self.notes.append(
                f"{_people(len(found))} new at a company with a job future of yours "
                f"({listed}): in none of them until you add them (f on the app's People)"
            )

    def summary(self, *, limit: int = 20) -> list[str]:
        """The dry-run report, in plain lines."""
        lines = [f"{self.source}: {self.path}"]
        lines.extend(f"  note: {note}" for note in self.notes)
        if self.mapping is not None:
            lines.append("Columns:")
            width = max((len(c) for c in self.mapping), default=0)
            for column, target in self.mapping.items():
                lines.append(f"  {column.ljust(width)}  → {target or '(ignored)'}")
        if self.keeps:
            lines.append(f"Keeps: {self.keeps}")
        if self.left_out:
            lines.append("Left out (not kept by jobfutures): " + self.left_out_text())
        new = ", ".join(self.counted()) or "nothing"
        lines.append(f"Rows read: {self.rows}")
        lines.append(f"New: {new}")
        if self.filled:
            lines.append(f"Already here: {len(self.matched)} (left as they are, but for:)")
            lines.append(
                f"Filled in (an address, city, email or phone they had none of): {len(self.filled)}"
            )
            lines.extend(_listed(self.filled, limit))
        else:
            lines.append(f"Already here (left as they are): {len(self.matched)}")
        lines.append(f"Skipped: {len(self.skipped)}")
        lines.extend(_listed(self.skipped, limit))
        lines.append(f"Errors (rows not imported): {len(self.errors)}")
        lines.extend(_listed(self.errors, limit))
        if self.dropped:
            lines.append(f"Values left out of rows imported: {len(self.dropped)}")
            lines.extend(_listed(self.dropped, limit))
        return lines

    def left_out_text(self) -> str:
        """'Birthday (3), Photo (12)': each thing left out and how many rows have it."""
        return ", ".join(f"{what} ({count})" for what, count in sorted(self.left_out.items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "path": self.path,
            "rows": self.rows,
            "new": self.new_counts(),
            "matched": [note.to_json() for note in self.matched],
            "skipped": [note.to_json() for note in self.skipped],
            "errors": [note.to_json() for note in self.errors],
            "filled_in": [note.to_json() for note in self.filled],
            "mapping": self.mapping,
            "notes": self.notes,
            "keeps": self.keeps,
            "left_out": dict(sorted(self.left_out.items())),
            "values_left_out": [note.to_json() for note in self.dropped],
        }

    def apply(self, repo: Repository) -> Path | None:
        """Back up, then save every new or filled-in record in one save; return the
        backup (if any)."""
        from jobfutures_tui.exchange.safety import backup_first

        if not self.to_save():
            return None
        backup = backup_first(repo)
        repo.save(*self.to_save())
        repo.flush()
        return backup


def _more_reach(person: Person, fields: dict[str, Any]) -> dict[str, Any]:
    """The changes that give a stored person the row's emails and phones they lack."""
    changes: dict[str, Any] = {}
    for main, others, key in (
        ("email", "other_emails", email_key),
        ("phone", "other_phones", phone_key),
    ):
        have = {key(v) for v in (getattr(person, main), *getattr(person, others)) if v}
        brought = [str(fields.get(main) or "").strip(), *map(str, fields.get(others) or ())]
        new = [v for v in dict.fromkeys(v for v in brought if v) if key(v) not in have]
        if not new:
            continue
        if not getattr(person, main):
            changes[main], new = new[0], new[1:]
        if new:
            changes[others] = (*getattr(person, others), *new)
    return changes


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _listed(notes: list[RowNote], limit: int) -> list[str]:
    shown = [f"  {note}" for note in notes[:limit]]
    if len(notes) > limit:
        shown.append(f"  … and {len(notes) - limit} more (--json lists them all)")
    return shown


class PlanBuilder:
    """Shared by the importers: find or create companies and people, row by row."""

    def __init__(self, plan: ImportPlan, existing: Existing) -> None:
        self.plan = plan
        self.companies = Companies.of(existing.companies)
        self.people = People.of(existing.people, self.companies)
        self.prospects = Prospects.of(existing.prospects)
        self._new_ids: dict[str, int] = {}
        """Id of a record this import creates -> the line that created it."""
        self._filled: dict[str, int] = {}
        """Id of a stored person this import fills in -> their place in plan.updated."""

    def read(
        self, rows: Iterable[tuple[int, Any]], total: int, progress: Progress | None
    ) -> Iterable[tuple[int, Any]]:
        """Count the rows and report progress as they go by."""
        for done, (line, row) in enumerate(rows, start=1):
            self.plan.rows = done
            if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)
            yield line, row
        if progress is not None:
            progress(self.plan.rows, self.plan.rows)

    def error(self, line: int, message: str) -> None:
        self.plan.errors.append(RowNote(line, message))

    def skip(self, line: int, message: str) -> None:
        self.plan.skipped.append(RowNote(line, message))

    def first_line(self, record_id: str) -> int | None:
        return self._new_ids.get(record_id)

    def add(self, record: Record, line: int) -> None:
        self.plan.new.append(record)
        self._new_ids[record.id] = line

    def company(self, name: str, line: int, **fields: Any) -> Company:
        """The stored (or already planned) company of this name, else a new one."""
        found = self.companies.find(name)
        if found is not None:
            return found
        company = Company.model_validate({"name": name, **fields})
        self.companies.add(company)
        self.add(company, line)
        return company

    def company_website(self, company: Company, website: str) -> bool:
        """Give a company this import creates the web address a later row brings (a
        company card after the cards of its people); True if it was given."""
        if not website or company.website or self.first_line(company.id) is None:
            return False
        given = company.model_copy(update={"website": website})
        self.plan.new = [given if r is company else r for r in self.plan.new]
        self.companies.add(given, replace=True)
        return True

    def fill(self, person: Person, fields: dict[str, Any], line: int) -> tuple[Person, str]:
        """A stored person with what they lacked taken from ``fields``, and
        '; address filled in' (or '' when nothing was)."""
        if self.first_line(person.id) is not None:
            return person, ""  # new in this import: nothing stored to fill in
        person = self.latest(person)
        gaps = {
            name: value
            for name in _SCALARS
            if not getattr(person, name) and (value := str(fields.get(name) or "").strip())
        }
        gaps.update(_more_reach(person, fields))
        if not gaps:
            return person, ""
        filled = revise(person, **gaps)
        if person.id in self._filled:
            self.plan.updated[self._filled[person.id]] = filled
        else:
            self._filled[person.id] = len(self.plan.updated)
            self.plan.updated.append(filled)
        what = " and ".join(dict.fromkeys(FILLABLE[name] for name in gaps))
        self.plan.filled.append(RowNote(line, f"{person.name}: {what}"))
        return filled, f"; {what} filled in"

    def latest(self, person: Person) -> Person:
        """The person as this import leaves them (filled in by an earlier row, or as stored)."""
        index = self._filled.get(person.id)
        found = self.plan.updated[index] if index is not None else None
        return found if isinstance(found, Person) else person

    def person(
        self,
        line: int,
        fields: dict[str, Any],
        company: str = "",
        *,
        report: bool = True,
        **company_fields: Any,
    ) -> Person | None:
        """Match or create the person a row describes; report a match unless told not to.

        Returns the person (stored, planned earlier, or new), or None when the
        row is in error. A new company is created only if the person is valid.
        """
        name = str(fields.get("name", "")).strip()
        found = self.people.find(
            name=name,
            company=company,
            linkedin=str(fields.get("linkedin", "")),
            email=str(fields.get("email", "")),
            other_emails=[str(e) for e in fields.get("other_emails", ())],
        )
        if found is not None:
            person, how = found
            earlier = self.first_line(person.id)
            if earlier is not None:
                if report:
                    self.skip(line, f"{person.name}: same person as line {earlier} (by {how})")
                return person
            try:
                person, filled = self.fill(person, fields, line)
            except ValidationError as exc:
                self.error(line, describe(exc))
                return None
            if report:
                note = f"{person.name}: already here (same {how})" + filled
                self.plan.matched.append(RowNote(line, note))
            return person
        try:
            # Validate before creating the company, so a bad row leaves nothing behind.
            person = Person.model_validate(fields)
            if company.strip():
                existing = self.companies.find(company)
                company_id = (
                    existing.id
                    if existing is not None
                    else self.company(company, line, **company_fields).id
                )
                person = person.model_copy(update={"company_id": company_id})
        except ValidationError as exc:
            self.error(line, describe(exc))
            return None
        self.people.add(person)
        self.add(person, line)
        return person
