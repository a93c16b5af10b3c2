"""Which file and table hold each kind of record, and the order files are written in.

Shared by opening (which attaches each file) and the repository (which reads
and changes records): one place says where a kind of record lives.

Stored rows are named by their table (``repo.stored_rows("prospects")``), records
by their class (``repo.records(Prospect)``): reading rows, as the board's first
frame does, needs no record class, and so no pydantic (docs/architecture.md).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, TypeVar

from jobfutures_tui.store import layout

if TYPE_CHECKING:
    from jobfutures_tui.models import Record

Table = Literal["profile", "plans", "scripts", "shareables", "companies", "people", "prospects"]
"""A table of records (touches have theirs, one file per month: :mod:`touches`)."""

FILES: dict[Table, str] = {
    "profile": layout.PROFILE,
    "plans": layout.PLANS,
    "scripts": layout.SCRIPTS,
    "shareables": layout.SHAREABLES,
    "companies": layout.COMPANIES,
    "people": layout.PEOPLE,
    "prospects": layout.PROSPECTS,
}
"""Each table's file."""

RecordT = TypeVar("RecordT", bound="Record")


@functools.cache
def _kinds() -> dict[type[Record], Table]:
    from jobfutures_tui.models import Company, Person, Profile, Prospect, Script, Shareable
    from jobfutures_tui.models.plan import CadencePlan

    return {
        Profile: "profile",
        CadencePlan: "plans",
        Script: "scripts",
        Shareable: "shareables",
        Company: "companies",
        Person: "people",
        Prospect: "prospects",
    }


def table_of(kind: type[Record]) -> Table:
    """The table of a kind of record (KeyError for touches: they have none)."""
    return _kinds()[kind]


def tables_of(records: Iterable[Record]) -> set[Table]:
    """The tables holding these records (touches are in none)."""
    kinds = _kinds()
    return {kinds[type(record)] for record in records if type(record) in kinds}


def kind_of(table: Table) -> type[Record]:
    """The class of a table's records."""
    return next(kind for kind, name in _kinds().items() if name == table)


def write_order(kind: type[Record]) -> int:
    """Referenced kinds first (see ``layout.COLLECTION_FILES``), touches last."""
    table = _kinds().get(kind)
    return (
        len(layout.COLLECTION_FILES)
        if table is None
        else layout.COLLECTION_FILES.index(FILES[table])
    )
