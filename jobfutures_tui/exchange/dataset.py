"""Everything a user has, as one versioned JSON document: the lossless export.

``export_version`` is this document's own format; ``schema_version`` is the
store's, so an export from an older jobfutures is upgraded by the store's own
migrations when read, and one from a newer jobfutures is refused. Records are
written as the store writes them (``model_dump(mode="json")``), sorted, so two
exports of the same data are the same bytes but for ``exported_at``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from jobfutures_tui import __version__
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.limits import DATA_LIMIT, read_file
from jobfutures_tui.models import Company, Person, Profile, Prospect, Record, Touch, describe
from jobfutures_tui.models.dates import now
from jobfutures_tui.models.entities import Script, Shareable
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository, layout
from jobfutures_tui.store.schema import SCHEMA_VERSION, migrate
from jobfutures_tui.store.tables import FILES

FORMAT = "jobfutures-export"
EXPORT_VERSION = 1
KINDS: tuple[tuple[str, type[Record]], ...] = (
    ("profile", Profile),
    ("plans", CadencePlan),
    ("scripts", Script),
    ("shareables", Shareable),
    ("companies", Company),
    ("people", Person),
    ("prospects", Prospect),
    ("touches", Touch),
)


@dataclass
class Dataset:
    profile: list[Profile] = field(default_factory=list)
    """The seeker's profile: one, or none when it was never saved."""
    plans: list[CadencePlan] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    shareables: list[Shareable] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    prospects: list[Prospect] = field(default_factory=list)
    touches: list[Touch] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Records of a file being read that are not valid (left out)."""

    def records(self) -> list[Record]:
        """Every record, referenced ones first."""
        return [record for name, _ in KINDS for record in getattr(self, name)]

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name, _ in KINDS}

    @classmethod
    def of(cls, repo: Repository) -> Dataset:
        """Every record, archived job futures and touches of deleted ones included."""

        def by_id(kind: type[Record]) -> list[Any]:
            return sorted(repo.records(kind), key=lambda r: r.id)

        return cls(
            profile=by_id(Profile),
            plans=by_id(CadencePlan),
            scripts=by_id(Script),
            shareables=by_id(Shareable),
            companies=by_id(Company),
            people=by_id(Person),
            prospects=by_id(Prospect),
            touches=sorted(all_touches(repo), key=lambda t: (t.at, t.id)),
        )


def all_touches(repo: Repository) -> list[Touch]:
    """Every stored touch, even one whose job future is gone (check reports those)."""
    repo.flush()  # the month files below must hold every touch saved so far
    found: dict[str, Touch] = {}
    for prospect in repo.prospects(include_archived=True):
        found.update((t.id, t) for t in repo.touches_for(prospect.id))
    if len(found) < repo.touch_count():
        for name in layout.touch_partitions(repo.folder):
            rows = orjson.loads((repo.folder / name).read_bytes()).get("touches", {})
            for touch_id in rows:
                if touch_id not in found and (touch := repo.touch(touch_id)) is not None:
                    found[touch_id] = touch
    return list(found.values())


def to_document(data: Dataset) -> dict[str, Any]:
    document: dict[str, Any] = {
        "format": FORMAT,
        "export_version": EXPORT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "app_version": __version__,
        "exported_at": now().isoformat(),
    }
    for name, _ in KINDS:
        document[name] = [record.model_dump(mode="json") for record in getattr(data, name)]
    return document


def export_json(repo: Repository) -> bytes:
    """The whole data as UTF-8 JSON, indented so a person can read it too."""
    document = to_document(Dataset.of(repo))
    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def read_export(path: Path) -> Dataset:
    """Read a JSON export; refuse one that is damaged, foreign or from a newer jobfutures.

    Records that are not valid are left out and listed in ``problems``.
    """
    try:
        document = orjson.loads(read_file(path, DATA_LIMIT))
    except orjson.JSONDecodeError as exc:
        raise ExchangeError(f"{path} is not valid JSON ({exc})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError(f"{path} is not a jobfutures export (made by jobfutures export json)")
    export_version = document.get("export_version")
    schema_version = document.get("schema_version")
    if not isinstance(export_version, int) or not isinstance(schema_version, int):
        raise ExchangeError(f"{path} does not say which version wrote it")
    if export_version > EXPORT_VERSION or schema_version > SCHEMA_VERSION:
        raise ExchangeError(
            f"{path} was written by a newer jobfutures (export format {export_version}, "
            f"data format {schema_version}); upgrade jobfutures to read it"
        )
    lists = {name: document.get(name, []) for name, _ in KINDS}
    if not all(isinstance(rows, list) for rows in lists.values()):
        raise ExchangeError(f"{path} is damaged: its record lists are not lists")
    if schema_version < SCHEMA_VERSION:
        lists = _upgraded(lists, schema_version)
    data = Dataset()
    for name, kind in KINDS:
        kept = getattr(data, name)
        for index, row in enumerate(lists[name], start=1):
            try:
                kept.append(kind.model_validate(row))
            except ValidationError as exc:
                ident = row.get("id", "?") if isinstance(row, dict) else "?"
                data.problems.append(f"{name} #{index} (id {ident}): {describe(exc)}")
    for index, _ in enumerate(data.profile[1:], start=2):
        data.problems.append(f"profile #{index}: there is one profile; only the first is read")
    del data.profile[1:]
    return data


def _upgraded(lists: dict[str, list[Any]], version: int) -> dict[str, list[Any]]:
    """Run the store's migrations over the export, laid out as the store's files."""
    files: dict[str, Any] = {
        FILES[name]: {name: {str(i): row for i, row in enumerate(rows)}}
        for name, rows in lists.items()
        if name in FILES
    }
    files["touches/export.json"] = {"touches": dict(enumerate(lists["touches"]))}
    files = migrate(files, version, SCHEMA_VERSION)
    upgraded: dict[str, list[Any]] = {
        name: list(files.get(file, {}).get(name, {}).values()) for name, file in FILES.items()
    }
    upgraded["touches"] = list(files["touches/export.json"]["touches"].values())
    return upgraded
