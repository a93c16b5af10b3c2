"""Reads the engine's light views of job futures and people from a repository.

See :mod:`jobfutures_tui.engine.facts` for why views exist and when a row
falls back to the validated model.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from jobfutures_tui.engine.facts import (
    FutureLike,
    PersonLike,
    future_from_row,
    person_from_row,
    stored_line,
)
from jobfutures_tui.models import Stage
from jobfutures_tui.models.ids import PROFILE_ID
from jobfutures_tui.store import Repository
from jobfutures_tui.store.tables import Table
from jobfutures_tui.usecases.kept_fields import KeptFields

_UNREAD: Any = object()

NAMES_BEFORE_A_COLUMN = 2
"""Names read a row at a time before the rest come from a column. A command prints one
or two; a due list of thousands read its first 64 a row at a time, each of the first
four by a search of the whole file (docs/storage.md, "Reading"): 9 ms more than the
column alone at 5,000 job futures."""


class Facts:
    """Reads views from one repository, each person once."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._prospect_rows = repo.stored_rows("prospects")
        self._person_rows = repo.stored_rows("people")
        self._company_rows = repo.stored_rows("companies")
        self._people: dict[str, PersonLike | None] = {}
        self._names: dict[str, str] = {}
        self._name_columns: dict[Table, Mapping[str, Any]] = {}
        self._asked: dict[Table, int] = {}
        parsed = isinstance(self._person_rows, dict) and isinstance(self._company_rows, dict)
        self._kept = None if parsed else KeptFields.of(repo)
        """The names kept in the derived index, while nothing changed since opening:
        a due list names its touches without reading people or companies (not where
        they are parsed already, as the app's are: that would hold every name twice)."""

    def future(self, prospect_id: str, row: Mapping[str, Any] | None = None) -> FutureLike | None:
        """Its view, from ``row`` if the caller has read it already."""
        row = row if row is not None else self._prospect_rows.get(prospect_id)
        if row is None:
            return None
        try:
            return future_from_row(prospect_id, row)
        except (KeyError, TypeError, ValueError):
            return self.repo.prospect(prospect_id)  # reads it or refuses the data

    def people(self, future: FutureLike) -> list[PersonLike]:
        found = []
        known = self._people
        for person_id in future.person_ids:
            person = known.get(person_id, _UNREAD)
            if person is _UNREAD:
                person = known[person_id] = self._read_person(person_id)
            if person is not None:
                found.append(person)
        return found

    def person(self, person_id: str) -> PersonLike | None:
        person = self._people.get(person_id, _UNREAD)
        if person is _UNREAD:
            person = self._people[person_id] = self._read_person(person_id)
        return person

    def _read_person(self, person_id: str) -> PersonLike | None:
        row = self._person_rows.get(person_id)
        if row is None:
            return None
        try:
            return person_from_row(person_id, row)
        except (KeyError, TypeError, ValueError):
            return self.repo.person(person_id)  # reads it or refuses the data

    def person_name(self, person_id: str) -> str | None:
        """A person's name as the model reads it, or None if there is no such person."""
        person = self._people.get(person_id, _UNREAD)
        if person is not _UNREAD:
            return None if person is None else person.name
        return self._name("people", self._person_rows, person_id, self.repo.person)

    def company_name(self, company_id: str) -> str | None:
        """The company's name as the model reads it, or None if there is no such company."""
        return self._name("companies", self._company_rows, company_id, self.repo.company)

    def _name(self, table: Table, rows: Any, record_id: str, validated: Any) -> str | None:
        name = self._names.get(record_id)
        if name is None and self._kept is not None:
            name = self._kept.name(record_id)
        if name is None:
            # Rows parsed whole (the app's): the row itself, with no column to build.
            stored = _UNREAD if isinstance(rows, dict) else self._stored_name(table, record_id)
            if stored is _UNREAD:
                row = rows.get(record_id)
                if row is None:
                    return None
                stored = row.get("name", _UNREAD) if isinstance(row, dict) else _UNREAD
            try:
                name = stored_line(stored, required=True)
            except (KeyError, TypeError, ValueError):
                record = validated(record_id)  # reads it or refuses the data
                if record is None:
                    return None
                name = record.name
            self._names[record_id] = name
        return name

    def _stored_name(self, table: Table, record_id: str) -> Any:
        """The stored name, from the file's name column once many are asked for (a due
        list of thousands: one scan, not a row parsed each; docs/benchmarks.md);
        _UNREAD until then, or where the column does not have it."""
        column = self._name_columns.get(table)
        if column is None:
            self._asked[table] = asked = self._asked.get(table, 0) + 1
            if asked < NAMES_BEFORE_A_COLUMN:
                return _UNREAD
            column = self._name_columns[table] = self.repo.stored_column(table, "name")
        return column.get(record_id, _UNREAD)


_STAGES = {member.value: member for member in Stage}


class FutureColumns:
    """What :func:`future_fields` reads of every stored job future, a column at a time."""

    FIELDS = ("stage", "company_id", "snoozed_until")

    def __init__(self, repo: Repository) -> None:
        self.columns = [repo.stored_column("prospects", field) for field in self.FIELDS]

    def fields(self, prospect_id: str) -> dict[str, Any] | None:
        """Those fields of one, as a row holds them (None: not in the columns)."""
        if prospect_id not in self.columns[0]:
            return None
        return {
            field: column[prospect_id]
            for field, column in zip(self.FIELDS, self.columns, strict=True)
            if prospect_id in column
        }


def future_fields(row: Mapping[str, Any]) -> tuple[Stage, str, date | None]:
    """Stage, company and snooze of a stored job future, or an error if unusual."""
    stage = _STAGES[row["stage"]]
    company_id = row["company_id"]
    if type(company_id) is not str or not company_id:
        raise TypeError("company_id")
    snoozed = row["snoozed_until"]
    if snoozed is not None:
        if type(snoozed) is not str or len(snoozed) != 10:
            raise ValueError("snoozed_until")
        snoozed = date.fromisoformat(snoozed)
    return stage, company_id, snoozed


def my_city(repo: Repository) -> str:
    """The seeker's city, from their profile: people there can be met in person.
    Read as stored, as the profile would keep it: the board's first frame needs no
    validated record (docs/architecture.md)."""
    stored = repo.peek("profile", PROFILE_ID, "city")
    try:
        return stored_line("" if stored is None else stored)
    except ValueError:
        return repo.profile().city  # reads it or refuses the data
