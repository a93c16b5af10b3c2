"""``jobfutures check``: every file, record and reference, reported in plain words.

The store refuses to open data it cannot trust and stops at the first bad
record; this reads the files itself, so it can list every problem at once,
and it only reads, so it works while the app is open. ``repair`` then fixes
what can be fixed without losing anything, through the store, after a
backup: a link to a record that is gone is dropped, and what cannot live
without one (a job future without its company, a touch without its job
future) is kept under a placeholder, archived, so no history is lost.
A damaged file or an invalid record is not guessed at: restore a backup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.exchange.check_manifest import manifest_findings
from jobfutures_tui.exchange.check_report import Report
from jobfutures_tui.exchange.conflict_copies import merge_copies
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models import (
    ClosedReason,
    Company,
    Person,
    Profile,
    Prospect,
    Record,
    Stage,
    Touch,
    describe,
    revise,
)
from jobfutures_tui.models.entities import Script, Shareable
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository, layout
from jobfutures_tui.store.backups import DEFAULT_KEEP
from jobfutures_tui.store.files import TEMP_SUFFIX
from jobfutures_tui.store.schema import APP_MARK, SCHEMA_VERSION, migrate

PLACEHOLDER_COMPANY = "Unknown company (kept by jobfutures check --repair)"
PLACEHOLDER_ROLE = "Touches of deleted job futures"
_TABLES: dict[str, tuple[str, type[Record], str]] = {
    layout.PROFILE: ("profile", Profile, "profile"),
    layout.PLANS: ("plans", CadencePlan, "cadence plan"),
    layout.SCRIPTS: ("scripts", Script, "script"),
    layout.SHAREABLES: ("shareables", Shareable, "shareable"),
    layout.COMPANIES: ("companies", Company, "company"),
    layout.PEOPLE: ("people", Person, "person"),
    layout.PROSPECTS: ("prospects", Prospect, "job future"),
}


def _by_kind() -> dict[type[Record], dict[str, Any]]:
    """An empty table per kind of record, the stored kinds (shareables…) included."""
    kinds: list[type[Record]] = [kind for _, kind, _ in _TABLES.values()]
    kinds.append(Touch)
    return {kind: {} for kind in kinds}


@dataclass
class _Loaded:
    records: dict[type[Record], dict[str, Any]] = field(default_factory=_by_kind)
    touch_files: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """Touch id -> every month file holding it."""
    readable: bool = True


def _parse(folder: Path, name: str, report: Report) -> dict[str, Any] | None:
    try:
        data = orjson.loads((folder / name).read_bytes())
    except orjson.JSONDecodeError as exc:
        report.add(name, f"the file is damaged: it is not valid JSON ({exc})")
        return None
    except OSError as exc:
        report.add(name, f"the file cannot be read ({exc.strerror})")
        return None
    if not isinstance(data, dict):
        report.add(name, "the file does not hold jobfutures records")
        return None
    return data


def _meta(folder: Path, report: Report) -> int | None:
    if not (folder / layout.META).is_file():
        report.add(layout.META, "it is missing, so the data format is unknown")
        return None
    meta = _parse(folder, layout.META, report)
    if meta is None:
        return None
    version = meta.get("schema_version")
    if meta.get("app") != APP_MARK or not isinstance(version, int) or version < 1:
        report.add(layout.META, "it does not describe jobfutures data")
        return None
    if version > SCHEMA_VERSION:
        report.add(
            layout.META,
            f"the data was written by a newer jobfutures (data format {version}; this one "
            f"reads up to {SCHEMA_VERSION}): upgrade jobfutures, then check again",
        )
        return None
    if version < SCHEMA_VERSION:
        report.notes.append(
            f"the data is in an older format ({version}); jobfutures upgrades it, after a "
            "backup, the next time it opens it for writing"
        )
    return version


def _load(folder: Path, report: Report) -> _Loaded:
    loaded = _Loaded()
    version = _meta(folder, report)
    if version is None:
        loaded.readable = False
        return loaded
    names = [n for n in layout.data_files(folder) if n != layout.META]
    files: dict[str, Any] = {}
    for name in names:
        data = _parse(folder, name, report)
        if data is None:
            loaded.readable = False
        else:
            files[name] = data
    files = migrate(files, version, SCHEMA_VERSION)
    for name, data in files.items():
        table, kind, noun = _TABLES.get(name, ("touches", Touch, "touch"))
        rows = data.get(table, {})
        if not isinstance(rows, dict):
            report.add(name, f"its '{table}' table is not a set of records")
            loaded.readable = False
            continue
        for record_id, row in rows.items():
            label = _label(noun, record_id, row)
            try:
                record = kind.model_validate(row)
            except ValidationError as exc:
                report.add(name, f"{label} is not valid: {describe(exc)}")
                loaded.readable = False
                continue
            if record.id != record_id:
                report.add(name, f"{label} is stored under another id ({record_id})")
                loaded.readable = False
                continue
            if kind is Touch:
                loaded.touch_files[record_id].append(name)
            loaded.records[kind].setdefault(record_id, record)
    _duplicates(files, loaded, report)
    return loaded


def _label(noun: str, record_id: str, row: Any) -> str:
    name = row.get("name") if isinstance(row, dict) else None
    return (
        f"{noun} '{name}' ({record_id})"
        if isinstance(name, str) and name
        else f"{noun} {record_id}"
    )


def _duplicates(files: dict[str, Any], loaded: _Loaded, report: Report) -> None:
    """A touch in two month files: what a crash while its date moved leaves behind."""
    for touch_id, names in loaded.touch_files.items():
        if len(names) < 2:
            continue
        copies = [files[name]["touches"][touch_id] for name in names]
        where = " and ".join(names)
        if len(names) == 2 and _which_to_keep(names, copies) is not None:
            fix = "keep the newer copy (the store decides as it does when it opens)"
        else:
            fix = ""
        report.add(names[-1], f"touch {touch_id} is stored twice, in {where}", fix)


def _which_to_keep(names: list[str], copies: list[Any]) -> int | None:
    """The store's own rule (touches._stale_copy): newer edit, else the copy in its month."""
    try:
        edited = [datetime.fromisoformat(c["updated_at"]) for c in copies]
        homes = [layout.touches_file(datetime.fromisoformat(c["at"])) for c in copies]
    except (KeyError, TypeError, ValueError):
        return None
    if edited[0] != edited[1]:
        return 0 if edited[0] > edited[1] else 1
    at_home = [home == name for home, name in zip(homes, names, strict=True)]
    if at_home[0] != at_home[1]:
        return 0 if at_home[0] else 1
    return None


def _references(loaded: _Loaded, report: Report) -> None:
    companies = loaded.records[Company]
    people = loaded.records[Person]
    prospects = loaded.records[Prospect]
    for person in people.values():
        if person.company_id and person.company_id not in companies:
            report.add(
                layout.PEOPLE,
                f"person '{person.name}' belongs to a company that does not exist "
                f"({person.company_id})",
                "keep the person, without a company",
            )
    for prospect in prospects.values():
        label = f"job future {prospect.id} ({prospect.role or 'no role'})"
        if prospect.company_id not in companies:
            report.add(
                layout.PROSPECTS,
                f"{label} belongs to a company that does not exist ({prospect.company_id})",
                f"keep it under a new company named '{PLACEHOLDER_COMPANY}'",
            )
        missing = [pid for pid in prospect.person_ids if pid not in people]
        if missing:
            report.add(
                layout.PROSPECTS,
                f"{label} lists {len(missing)} person(s) who do not exist ({', '.join(missing)})",
                "remove them from the job future",
            )
        if len(set(prospect.person_ids)) != len(prospect.person_ids):
            report.add(layout.PROSPECTS, f"{label} lists a person twice", "list them once")
        if prospect.referred_by_id and prospect.referred_by_id not in people:
            report.add(
                layout.PROSPECTS,
                f"{label} was referred by a person who does not exist ({prospect.referred_by_id})",
                "forget who referred it",
            )
        if _plan_gone(prospect, loaded.records[CadencePlan]):
            report.add(
                layout.PROSPECTS,
                f"{label} follows a cadence plan that does not exist ({prospect.cadence_plan}); "
                "its default plan is used meanwhile",
                "let it follow its default plan",
            )
    for touch_id, touch in loaded.records[Touch].items():
        where = loaded.touch_files[touch_id][0]
        if touch.prospect_id not in prospects:
            report.add(
                where,
                f"touch {touch_id} of {touch.at.date().isoformat()} belongs to a job future "
                f"that does not exist ({touch.prospect_id})",
                f"keep it under an archived job future '{PLACEHOLDER_ROLE}'",
            )
        if touch.person_id and touch.person_id not in people:
            report.add(
                where,
                f"touch {touch_id} names a person who does not exist ({touch.person_id})",
                "keep the touch, without the person",
            )


def _orphans(loaded: _Loaded, report: Report) -> None:
    """Companies nothing refers to: what an add cut short left before changes were
    commits (or a company kept on purpose), so a note, not a problem."""
    companies = loaded.records[Company]
    used = {person.company_id for person in loaded.records[Person].values()}
    used |= {prospect.company_id for prospect in loaded.records[Prospect].values()}
    alone = [company.name for key, company in companies.items() if key not in used]
    if alone:
        shown = ", ".join(alone[:5]) + (f" and {len(alone) - 5} more" if len(alone) > 5 else "")
        report.notes.append(
            f"{len(alone)} compan{'ies' if len(alone) > 1 else 'y'} with no person and no job "
            f"future: {shown} (an add cut short by an older jobfutures, or kept on purpose)"
        )


def _plan_gone(prospect: Prospect, plans: Container[str]) -> bool:
    chosen = prospect.cadence_plan
    return bool(chosen) and chosen not in plans and chosen not in BUILT_IN_PLANS


def check_folder(folder: Path) -> Report:
    """Read every file and record of ``folder``; change nothing."""
    if not layout.data_files(folder):
        raise ExchangeError(f"there is no jobfutures data in {folder}")
    report = Report(folder)
    loaded = _load(folder, report)
    report.counts = {
        "companies": len(loaded.records[Company]),
        "people": len(loaded.records[Person]),
        "prospects": len(loaded.records[Prospect]),
        "touches": len(loaded.records[Touch]),
    }
    if loaded.readable:
        _references(loaded, report)
        _orphans(loaded, report)
    manifest = manifest_findings(folder)
    for where, message, fix in manifest.problems:
        report.add(where, message, fix)
    report.notes += manifest.notes
    leftovers = [
        p
        for d in (folder, folder / layout.TOUCHES_DIR)
        if d.is_dir()
        for p in d.glob(f".*{TEMP_SUFFIX}")
    ]
    if leftovers:
        report.notes.append(
            f"{len(leftovers)} temporary file(s) left by an interrupted save; jobfutures "
            "removes them the next time it opens the data for writing"
        )
    return report


@dataclass
class Repair:
    before: Report
    done: list[str] = field(default_factory=list)
    backup: Path | None = None

    def lines(self) -> list[str]:
        """What was repaired and where the data as it was is kept (the shell and the app)."""
        if self.before.ok:
            return ["Nothing needed repairing."]
        out = [f"Repaired {len(self.before.problems)} problem(s):"]
        out += [f"  {done}" for done in self.done]
        if self.backup is not None:
            out.append(f"Your data as it was before is in {self.backup}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "before": self.before.to_json(),
            "repaired": self.done,
            "backup": str(self.backup) if self.backup else None,
        }


def repair_folder(
    folder: Path,
    *,
    keep_backups: int = DEFAULT_KEEP,
    holder: str = "jobfutures",
    lock_wait: float = 0.0,
) -> Repair:
    """Fix every problem :func:`check_folder` finds, if all can be fixed safely, after a backup.

    Raises :class:`ExchangeError` (nothing changed) when one cannot; waits ``lock_wait``
    seconds for another writer, naming itself ``holder`` to the next one.
    """
    from jobfutures_tui.exchange.safety import backup_first

    before = check_folder(folder)
    result = Repair(before)
    if before.ok:
        return result
    if not before.repairable:
        raise ExchangeError(
            "\n".join(before.lines()[:-1])
            + "\nNothing was repaired: some problems cannot be fixed safely. Restore a "
            "backup (jobfutures backups lists them; jobfutures restore FILE puts one back)."
        )
    with Repository.open(
        folder, keep_backups=keep_backups, verify=False, holder=holder, lock_wait=lock_wait
    ) as repo:
        # Opening may have written already (a month healed, an older format upgraded):
        # the backup it took first holds the data as it was before the repair.
        result.backup = repo.first_backup or backup_first(repo)
        repo.verify()  # heals a touch stored twice, as the store does at every open
        result.done += [
            f"touch kept once: {p.message}" for p in before.problems if "stored twice" in p.message
        ]
        result.done += merge_copies(repo)
        result.done += _fix_references(repo)
    return result


def _fix_references(repo: Repository) -> list[str]:
    companies = {c.id for c in repo.companies()}
    people = {p.id for p in repo.people()}
    prospects = {p.id: p for p in repo.prospects(include_archived=True)}
    plans = {plan.id for plan in repo.records(CadencePlan)}
    changed: list[Record] = []
    done: list[str] = []
    placeholder: Company | None = None
    archive: Prospect | None = None

    def company() -> Company:
        nonlocal placeholder
        if placeholder is None:
            placeholder = repo.find_company(PLACEHOLDER_COMPANY) or Company(
                name=PLACEHOLDER_COMPANY,
                notes="Made by jobfutures check --repair for records whose company was gone.",
            )
            changed.append(placeholder)
            companies.add(placeholder.id)
        return placeholder

    for person in repo.people():
        if person.company_id and person.company_id not in companies:
            changed.append(revise(person, company_id=None))
            done.append(f"person '{person.name}': removed the link to a missing company")
    for prospect in prospects.values():
        fixes: dict[str, Any] = {}
        if prospect.company_id not in companies:
            fixes["company_id"] = company().id
        kept = tuple(dict.fromkeys(pid for pid in prospect.person_ids if pid in people))
        if kept != prospect.person_ids:
            fixes["person_ids"] = kept
        if prospect.referred_by_id and prospect.referred_by_id not in people:
            fixes["referred_by_id"] = None
        if _plan_gone(prospect, plans):
            fixes["cadence_plan"] = None
        if fixes:
            fixed = revise(prospect, **fixes)
            changed.append(fixed)
            prospects[prospect.id] = fixed
            done.append(f"job future {prospect.id}: {', '.join(_said(k) for k in fixes)}")
    orphans = []
    touch_ids = _touch_ids(repo)
    for touch_id in touch_ids:
        touch = repo.touch(touch_id)
        if touch is None:
            continue
        fixes = {}
        if touch.prospect_id not in prospects:
            if archive is None:
                archive = Prospect(
                    company_id=company().id,
                    role=PLACEHOLDER_ROLE,
                    stage=Stage.ARCHIVE,
                    closed_reason=ClosedReason.OTHER,
                    closed_note="Made by jobfutures check --repair to keep touches whose job "
                    "future was gone.",
                )
                changed.append(archive)
                prospects[archive.id] = archive
            fixes["prospect_id"] = archive.id
            orphans.append(touch_id)
        if touch.person_id and touch.person_id not in people:
            fixes["person_id"] = None
            done.append(f"touch {touch_id}: removed the link to a missing person")
        if fixes:
            changed.append(revise(touch, **fixes))
    if orphans:
        done.append(
            f"{len(orphans)} touch(es) of missing job futures kept under '{PLACEHOLDER_ROLE}'"
        )
    if changed:
        repo.save(*changed)
        repo.flush()
    return done


def _said(fix: str) -> str:
    return {
        "company_id": f"moved under '{PLACEHOLDER_COMPANY}'",
        "person_ids": "removed missing or repeated people",
        "referred_by_id": "forgot a missing referrer",
        "cadence_plan": "follows its default plan (its own was gone)",
    }[fix]


def _touch_ids(repo: Repository) -> list[str]:
    from jobfutures_tui.exchange.dataset import all_touches

    return [t.id for t in all_touches(repo)]
