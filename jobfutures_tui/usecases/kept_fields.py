"""What the lists read of the records besides the decisions, kept in the derived index
beside them: each open job future's stage, company and snooze, and every company's and
person's name (docs/storage.md, "The derived index").

``jobfutures due`` at 5,000 job futures spent most of its time indexing the three
biggest collection files for those few fields: about 70 ms of 270, where the kept
decisions are parsed in 12 (docs/benchmarks.md). They are trusted only while nothing
changed since opening, as the kept decisions are: the index is read only while the
files they were read from are the ones it was written beside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from jobfutures_tui.store import Repository
from jobfutures_tui.store.stored_summaries import StoredTexts
from jobfutures_tui.store.tables import Table
from jobfutures_tui.store.touch_index import Section

FUTURES = "futures"
"""The section of each open job future's fields: ``"<stage> <company id> <snoozed
until or ->"`` by its id (none of the three holds a space)."""
NAMES = "names"
"""The section of every company's and person's name, by their id."""
OPEN = "open"
"""The open job futures' ids (the decisions' list)."""
_NOT_SNOOZED = "-"


class Names(Protocol):
    """Reads names as the lists show them (:class:`~jobfutures_tui.usecases.facts.Facts`)."""

    def company_name(self, company_id: str) -> str | None: ...

    def person_name(self, person_id: str) -> str | None: ...


class KeptFields:
    """The kept fields, read from the derived index (:meth:`of`)."""

    def __init__(self, open_ids: list[str], futures: StoredTexts, names: StoredTexts) -> None:
        self.open_ids = open_ids
        self._futures = futures
        self._names = names

    @classmethod
    def of(cls, repo: Repository) -> KeptFields | None:
        """The kept fields, if the index holds them and nothing changed since opening."""
        stored = repo.stored_decisions()
        if repo.revision != 0 or stored is None:
            return None
        open_ids, futures, names = stored.get(OPEN), stored.get(FUTURES), stored.get(NAMES)
        if not (
            isinstance(open_ids, list)
            and isinstance(futures, StoredTexts)
            and isinstance(names, StoredTexts)
        ):
            return None
        return cls(open_ids, futures, names)

    def fields(self, prospect_id: str) -> dict[str, Any] | None:
        """A job future's stage, company and snooze as its row holds them (None: not kept,
        read the row)."""
        text = self._futures.get(prospect_id)
        if not isinstance(text, str):
            return None
        parts = text.split(" ")
        if len(parts) != 3:
            return None
        stage, company_id, snoozed = parts
        return {
            "stage": stage,
            "company_id": company_id,
            "snoozed_until": None if snoozed == _NOT_SNOOZED else snoozed,
        }

    def name(self, record_id: str) -> str | None:
        """A company's or person's name (None: not kept, read the record)."""
        name = self._names.get(record_id)
        return name if isinstance(name, str) else None


def future_text(fields: tuple[Any, str, Any] | None) -> str | None:
    """A job future's kept fields as text, from :func:`~usecases.facts.future_fields`
    (None: its row is unusual, and read when needed)."""
    if fields is None:
        return None
    stage, company_id, snoozed = fields
    if " " in company_id:
        return None
    return f"{stage.value} {company_id} {_NOT_SNOOZED if snoozed is None else snoozed.isoformat()}"


def sections_to_keep(
    repo: Repository,
    facts: Names,
    changed: set[str] | None,
    open_ids: list[str],
    fields_of: Callable[[str], str | None],
    spliced_up_to: int,
) -> dict[str, Section]:
    """The futures' and names' sections to write at close: the stored ones with what
    ``changed`` names written in, when few changed; else made afresh from every record.
    ``fields_of``: a job future's text (:func:`future_text`), from its row as stored."""
    stored = repo.stored_decisions() or {}
    futures, names, kept_ids = stored.get(FUTURES), stored.get(NAMES), stored.get(OPEN)
    if (
        changed is not None
        and len(changed) <= spliced_up_to
        and isinstance(futures, StoredTexts)
        and isinstance(names, StoredTexts)
        and isinstance(kept_ids, list)
    ):
        open_now = set(open_ids)
        gone = {pid: None for pid in kept_ids if pid not in open_now}
        new_fields = {**gone, **{pid: fields_of(pid) for pid in changed if pid in open_now}}
        spliced = futures.spliced(new_fields), names.spliced(_names_of(repo, facts, changed))
        if spliced[0] is not None and spliced[1] is not None:
            return {FUTURES: Section(spliced[0]), NAMES: Section(spliced[1])}
    every_field = {pid: text for pid in open_ids if (text := fields_of(pid)) is not None}
    every_name = _names_of(repo, facts, None)
    return {FUTURES: Section.of(every_field), NAMES: Section.of(_present(every_name))}


def _names_of(repo: Repository, facts: Names, ids: Iterable[str] | None) -> dict[str, str | None]:
    """The names of the companies and people among ``ids`` (None: every one), and None
    for the rest of ``ids`` (a record deleted, or not a company or person)."""
    tables: tuple[tuple[Table, Callable[[str], str | None]], ...] = (
        ("companies", facts.company_name),
        ("people", facts.person_name),
    )
    if ids is None:
        return {rid: name_of(rid) for table, name_of in tables for rid in repo.stored_rows(table)}
    if not repo.kinds_changed:
        return {}  # nothing saved (and the records' classes never imported, as at a quick quit)
    from jobfutures_tui.models import Company, Person

    changed = {
        table
        for kind, table in ((Company, "companies"), (Person, "people"))
        if kind in repo.kinds_changed
    }
    if not changed:
        return {}  # no name changed (a person's or company's change changes those kinds)
    found: dict[str, str | None] = {}
    for table, name_of in tables:
        if table in changed:
            rows = repo.stored_rows(table)  # parsed: the change rewrote the file
            found |= {rid: name_of(rid) for rid in ids if rid in rows}
    return {rid: found.get(rid) for rid in ids}


def _present(names: Mapping[str, str | None]) -> dict[str, str]:
    return {rid: name for rid, name in names.items() if name is not None}
