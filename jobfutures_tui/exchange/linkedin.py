"""LinkedIn's Connections.csv, exactly as "Download your data" hands it over: the
file, or the zip it comes in (only Connections.csv is read of it).

The file starts with a few lines of notes before the header (newer exports),
may carry a byte-order mark, leaves most emails empty, and dates the
connection like ``15 Mar 2024``. Each connection becomes a person (role
"other": LinkedIn does not say who hired whom), matched to stored people by
profile URL, then email, then name and company.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

from jobfutures_tui.exchange import limits
from jobfutures_tui.exchange.contact import Reach, left_out
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.plan import Existing, ImportPlan, PlanBuilder, Progress
from jobfutures_tui.exchange.text import decoded, read_text
from jobfutures_tui.models import PersonRole

SOURCE = "LinkedIn connections"
CONNECTIONS = "connections.csv"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
"""The columns of the export, in its order. Only the names are needed: older exports
have no URL column, some tools put URL first, and the rest are read if present."""
REQUIRED = ("First Name", "Last Name")
KEEPS = (
    "name, LinkedIn profile (URL), email, company, position as title, the date you "
    "connected in the notes"
)
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {name.casefold(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})$")


def parse_connected_on(text: str) -> date:
    """``15 Mar 2024`` (LinkedIn's own form, in English whatever the locale) or ISO."""
    text = text.strip()
    match = _DAY_MONTH_YEAR.match(text)
    try:
        if match:
            day, month, year = match.groups()
            return date(int(year), _MONTHS[month.casefold()], int(day))
        return date.fromisoformat(text)
    except (KeyError, ValueError):
        raise ValueError(f"'{text}' is not a date like 15 Mar 2024") from None


def rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number in the file, row by column name), after the notes preamble."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    start = 1
    for cells in reader:
        line = start
        start = reader.line_num + 1
        if header is None:
            names = {cell.strip().casefold(): cell.strip() for cell in cells}
            if all(column.casefold() in names for column in REQUIRED):
                known = {column.casefold(): column for column in COLUMNS}
                header = [known.get(cell.strip().casefold(), cell.strip()) for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        found = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)}
        yield line, {column: found.get(column, "") for column in COLUMNS} | found
    if header is None:
        raise ExchangeError(
            "this does not look like LinkedIn's Connections.csv: no header line with "
            "First Name and Last Name"
        )


def connections_text(path: Path) -> str:
    """The text of Connections.csv: the file itself, or the one in LinkedIn's zip (its
    size checked against the limit before it is unpacked)."""
    if not zipfile.is_zipfile(path):
        return read_text(path)
    try:
        with zipfile.ZipFile(path) as archive:
            found = [
                info
                for info in archive.infolist()
                if PurePosixPath(info.filename).name.casefold() == CONNECTIONS
            ]
            if not found:
                raise ExchangeError(f"{path} holds no Connections.csv")
            limits.check_members(path, found[:1], limits.CONTACTS_LIMIT)
            unpacked = io.BytesIO()
            limits.copy_member(
                archive, found[0], unpacked, limits.Budget(path, limits.CONTACTS_LIMIT)
            )
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        raise ExchangeError(f"cannot read {path}: it is a damaged zip ({exc})") from None
    return decoded(unpacked.getvalue())


def plan_import(path: Path, existing: Existing, progress: Progress | None = None) -> ImportPlan:
    """The dry run of importing this Connections.csv."""
    text = connections_text(path)
    builder = PlanBuilder(ImportPlan(SOURCE, str(path), keeps=KEEPS), existing)
    found = list(rows(text))
    for line, row in builder.read(found, len(found), progress):
        name = " ".join(f"{row['First Name']} {row['Last Name']}".split())
        if not name:
            builder.skip(line, "no name (a member who left LinkedIn or hid their profile)")
            continue
        notes = ""
        if row["Connected On"].strip():
            try:
                since = parse_connected_on(row["Connected On"])
            except ValueError as exc:
                builder.error(line, f"Connected On: {exc}")
                continue
            month = MONTH_NAMES[since.month - 1]
            notes = f"Connected on LinkedIn on {since.day} {month} {since.year}."
        reach = Reach()
        reach.add_email(row["Email Address"])
        person = builder.person(
            line,
            {
                "name": name,
                "title": row["Position"],
                "email": reach.fields()["email"],
                "linkedin": row["URL"].strip(),
                "role": PersonRole.OTHER,
                "notes": notes,
            },
            company=row["Company"],
        )
        if person is not None:
            builder.plan.dropped.extend(left_out(line, name, reach.refused))
    return builder.plan
