"""Bringing a jobfutures JSON export back: merged into the stored data, or replacing it.

A merge adds what is not stored yet and leaves every stored record as it is,
but for a person's empty postal address or city (filled in, as every import does).
Records are matched by id first (the same export merged twice adds nothing),
then as the other importers match them (a company by name, a person by
profile URL, email, or name and company, a job future by company and role),
and references are pointed at the stored record they matched. There is one
profile: the stored one is kept, unless nothing was filled in yet.
"""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui.exchange.dataset import Dataset, read_export
from jobfutures_tui.exchange.plan import Existing, ImportPlan, PlanBuilder, Progress, RowNote
from jobfutures_tui.models import Company, Person, Profile, Prospect, Record, Touch
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.usecases.profile import is_empty, same_values

SOURCE = "jobfutures export"


def plan_merge(path: Path, existing: Existing, progress: Progress | None = None) -> ImportPlan:
    data = read_export(path)
    builder = PlanBuilder(ImportPlan(f"{SOURCE} (merge)", str(path)), existing)
    plan = builder.plan
    plan.errors.extend(RowNote(0, problem) for problem in data.problems)
    ids: dict[str, str] = {}
    """Id in the export -> id of the stored record it matched."""
    stored = {r.id for r in [*existing.companies, *existing.people, *existing.prospects]}
    stored |= existing.touch_ids | existing.library_ids
    total = len(data.records())

    def moved(record_id: str | None) -> str | None:
        return ids.get(record_id, record_id) if record_id else record_id

    def matched(what: str, how: str, filled: str = "") -> None:
        plan.matched.append(RowNote(0, f"{what}: already here ({how}){filled}"))

    rows = list(enumerate(data.records(), start=1))
    for _, record in builder.read(rows, total, progress):
        if isinstance(record, Profile):
            _merge_profile(builder, record, existing.profile)
            continue
        if record.id in stored:
            matched(_label(record), "same id")
            continue
        new: Record = record
        if isinstance(record, Company):
            company = builder.companies.find(record.name)
            if company is not None:
                ids[record.id] = company.id
                matched(_label(record), "same name")
                continue
            builder.companies.add(record)
        elif isinstance(record, Person):
            person = record.model_copy(update={"company_id": moved(record.company_id)})
            found = builder.people.find(
                name=person.name,
                company=builder.companies.name_of(person.company_id),
                linkedin=person.linkedin,
                email=person.email,
            )
            if found is not None:
                ids[record.id] = found[0].id
                _, filled = builder.fill(found[0], person.model_dump(), 0)
                matched(_label(record), f"same {found[1]}", filled)
                continue
            builder.people.add(person)
            new = person
        elif isinstance(record, Prospect):
            prospect = record.model_copy(
                update={
                    "company_id": moved(record.company_id),
                    "person_ids": tuple(moved(p) or p for p in record.person_ids),
                    "referred_by_id": moved(record.referred_by_id),
                }
            )
            same = builder.prospects.find(prospect.company_id, prospect.role)
            if same is not None:
                ids[record.id] = same.id
                matched(_label(record), "same company and role")
                continue
            builder.prospects.add(prospect)
            new = prospect
        elif isinstance(record, Touch):
            new = record.model_copy(
                update={
                    "prospect_id": moved(record.prospect_id),
                    "person_id": moved(record.person_id),
                }
            )
        builder.add(new, 0)
    return plan


def _merge_profile(builder: PlanBuilder, incoming: Profile, mine: Profile) -> None:
    """Yours is kept, unless it is empty: then the export's comes in (an empty one never)."""
    plan = builder.plan
    who = incoming.name or "no name"
    if is_empty(incoming):
        return
    if same_values(incoming, mine):
        plan.matched.append(RowNote(0, f"profile {who}: already here (the same)"))
    elif is_empty(mine):
        builder.add(incoming.model_copy(update={"asked": True}), 0)
        plan.notes.append(f"your profile is empty, so the export's ({who}) is imported")
    else:
        kept = mine.name or "no name"
        plan.skipped.append(
            RowNote(0, f"profile {who}: yours ({kept}) is kept as it is; the export's is left out")
        )


def _label(record: object) -> str:
    kind = "cadence plan" if isinstance(record, CadencePlan) else type(record).__name__.lower()
    name = (
        getattr(record, "name", "") or getattr(record, "role", "") or getattr(record, "title", "")
    )
    return f"{kind} {name}" if name else f"{kind} {getattr(record, 'id', '')}"


def plan_replace(path: Path) -> tuple[ImportPlan, Dataset]:
    """The dry run of replacing all stored data with this export; refuses a partial export."""
    from jobfutures_tui.exchange.errors import ExchangeError

    data = read_export(path)
    if data.problems:
        listed = "\n  ".join(data.problems[:20])
        raise ExchangeError(
            f"{path} has records that are not valid, so it cannot replace your data "
            f"(nothing was changed):\n  {listed}"
        )
    plan = ImportPlan(f"{SOURCE} (replace)", str(path), rows=len(data.records()))
    plan.new = data.records()
    plan.notes.append("replaces all your data; a backup of it is taken first")
    return plan, data
