"""Which file and table hold each kind of record, and the order files are written in.

Shared by opening (which attaches each file) and the repository (which reads
and changes records): one place says where a kind of record lives.
"""

from __future__ import annotations

from typing import TypeVar

from jobfutures_tui.models import Company, Person, Profile, Prospect, Record, Touch
from jobfutures_tui.models.entities import Script, Shareable
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import layout

TABLES: dict[type[Record], tuple[str, str]] = {
    Profile: (layout.PROFILE, "profile"),
    CadencePlan: (layout.PLANS, "plans"),
    Script: (layout.SCRIPTS, "scripts"),
    Shareable: (layout.SHAREABLES, "shareables"),
    Company: (layout.COMPANIES, "companies"),
    Person: (layout.PEOPLE, "people"),
    Prospect: (layout.PROSPECTS, "prospects"),
}
"""Every kind but touches (one file per month, :mod:`touches`): its file and table."""

ORDER: dict[type[Record], int] = {
    **{kind: layout.COLLECTION_FILES.index(file) for kind, (file, _) in TABLES.items()},
    Touch: len(layout.COLLECTION_FILES),
}
"""Referenced kinds first (see ``layout.COLLECTION_FILES``), touches last."""

RecordT = TypeVar("RecordT", bound=Record)
