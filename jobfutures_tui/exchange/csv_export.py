"""Job futures, people and touches as three CSV files that open cleanly in a spreadsheet.

UTF-8 with a byte-order mark (without it, Excel reads UTF-8 as Windows-1252)
and a header row. A cell a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
apostrophe, as OWASP advises against formula injection; the value is
otherwise written as stored, line breaks included.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from jobfutures_tui.exchange.dataset import Dataset
from jobfutures_tui.models import Company, Person, Prospect, Touch

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILES = ("prospects.csv", "people.csv", "touches.csv")
PROSPECT_COLUMNS = (
    "company", "role", "stage", "origin", "began_on", "people", "referred_by",
    "cadence_plan", "tags", "notes", "self_assessment", "closed_reason",
    "closed_note", "snoozed_until", "company_website", "created_at", "updated_at",
    "id", "company_id", "person_ids",
)  # fmt: skip
PEOPLE_COLUMNS = (
    "name", "title", "company", "role", "preferred_channel", "phone", "email",
    "other_phones", "other_emails", "linkedin", "address", "city", "notes",
    "do_not_contact", "created_at", "updated_at", "id", "company_id",
)  # fmt: skip
"""The header of each file, which the CSV import knows again (csv_profiles). A job
future's kept moves (``stages``) and skips are left out: the JSON export has them."""


def neutralise(value: Any) -> str:
    """The text of a cell, made inert if a spreadsheet would evaluate it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguarded(cell: str) -> str:
    """A cell as it was before :func:`neutralise` guarded it: read back, ``'+44 20…``
    is ``+44 20…`` again (an apostrophe before anything else is the cell's own)."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def tables(data: Dataset) -> dict[str, bytes]:
    """File name -> CSV bytes, for the three files."""
    companies = {c.id: c for c in data.companies}
    people = {p.id: p for p in data.people}
    prospects = {p.id: p for p in data.prospects}

    def company_name(company_id: str | None) -> str:
        found = companies.get(company_id) if company_id else None
        return found.name if found else ""

    def person_name(person_id: str | None) -> str:
        found = people.get(person_id) if person_id else None
        return found.name if found else ""

    return {
        "prospects.csv": _table(
            PROSPECT_COLUMNS,
            (_prospect_row(p, companies.get(p.company_id), person_name) for p in data.prospects),
        ),
        "people.csv": _table(
            PEOPLE_COLUMNS,
            (_person_row(p, company_name(p.company_id)) for p in data.people),
        ),
        "touches.csv": _table(
            (
                "at", "company", "role", "person", "channel", "direction", "outcome",
                "replied", "note", "shared", "created_at", "updated_at", "id", "prospect_id",
                "person_id",
            ),
            (
                _touch_row(t, prospects.get(t.prospect_id), company_name, person_name)
                for t in data.touches
            ),
        ),
    }  # fmt: skip


def _prospect_row(
    p: Prospect, company: Company | None, person_name: Callable[[str | None], str]
) -> list[Any]:
    return [
        company.name if company else "",
        p.role,
        p.stage.value,
        p.origin.value,
        p.began_on.isoformat() if p.began_on else "",
        [person_name(pid) for pid in p.person_ids],
        person_name(p.referred_by_id),
        p.cadence_plan,
        p.tags,
        p.notes,
        p.self_assessment,
        p.closed_reason.value if p.closed_reason else "",
        p.closed_note,
        p.snoozed_until.isoformat() if p.snoozed_until else "",
        company.website if company else "",
        p.created_at.isoformat(),
        p.updated_at.isoformat(),
        p.id,
        p.company_id,
        p.person_ids,
    ]


def _person_row(p: Person, company: str) -> list[Any]:
    return [
        p.name,
        p.title,
        company,
        p.role.value,
        p.preferred_channel.value if p.preferred_channel else "",
        p.phone,
        p.email,
        p.other_phones,
        p.other_emails,
        p.linkedin,
        p.address,
        p.city,
        p.notes,
        p.do_not_contact,
        p.created_at.isoformat(),
        p.updated_at.isoformat(),
        p.id,
        p.company_id,
    ]


def _touch_row(
    t: Touch,
    prospect: Prospect | None,
    company_name: Callable[[str | None], str],
    person_name: Callable[[str | None], str],
) -> list[Any]:
    return [
        t.at.isoformat(),
        company_name(prospect.company_id) if prospect else "",
        prospect.role if prospect else "",
        person_name(t.person_id),
        t.channel.value,
        t.direction.value,
        t.outcome.value,
        t.replied,
        t.note,
        t.shared,
        t.created_at.isoformat(),
        t.updated_at.isoformat(),
        t.id,
        t.prospect_id,
        t.person_id,
    ]


def write_tables(data: Dataset, folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write the three files into ``folder``; refuse to replace one unless told to."""
    from jobfutures_tui.exchange.errors import ExchangeError
    from jobfutures_tui.store.files import ensure_folder, write_atomic

    ensure_folder(folder)
    targets = [folder / name for name in FILES]
    present = [str(t) for t in targets if t.exists()]
    if present and not overwrite:
        raise ExchangeError(f"{', '.join(present)} already exists; add --force to replace it")
    for name, content in tables(data).items():
        write_atomic(folder / name, content)
    return targets
