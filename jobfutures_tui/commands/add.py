"""``jobfutures add COMPANY``: the app's add form from the shell, through the same
rule (:mod:`jobfutures_tui.usecases.intake`), saved as one change."""

from __future__ import annotations

import argparse

from pydantic import ValidationError

from jobfutures_tui.commands.changes import (
    changing,
    invalid_options,
    next_json,
    next_touch,
    saved_json,
)
from jobfutures_tui.commands.common import EXIT_OK, emit_json, emit_lines, say
from jobfutures_tui.engine.names import matches
from jobfutures_tui.models import Person, PersonRole, Prospect
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.intake import ProspectInput
from jobfutures_tui.usecases.touch_log import next_phrase

FIELDS = {
    "person": "person",
    "person_role": "person_role",
    "person_title": "title",
    "preferred_channel": "prefers",
    "phone": "phone",
    "email": "email",
    "linkedin": "linkedin",
    "address": "address",
    "city": "city",
    "role": "role",
    "stage": "stage",
    "origin": "origin",
    "began_on": "interview_date",
    "notes": "notes",
}
"""The add form's fields, and the option (its dest) that fills each."""


def run_add(args: argparse.Namespace) -> int:
    given = {field: getattr(args, dest) for field, dest in FIELDS.items()}
    if given["address"] is not None:
        given["address"] = given["address"].replace("\\n", "\n")  # typed as backslash n
    values = {"company": args.company, **{k: v for k, v in given.items() if v is not None}}
    try:
        data = ProspectInput.model_validate(values)
    except ValidationError as error:
        raise invalid_options(error) from None
    with changing(args, "adding a job future", "Add it there with a", create=True) as repo:
        notes = [*_role_meant_for_them(args), *_worth_knowing(repo, data.company)]
        change = changes.add_or_edit(repo, data)
        records = list(change.save)
        repo.apply(save=records)
        prospect = repo.prospect(change.prospect_id or "")
        assert prospect is not None
        added = _added(repo, prospect)
        suggestion, today = next_touch(repo, prospect.id)
    if args.json:
        emit_json(
            {
                "saved": saved_json(records),
                "prospect_id": prospect.id,
                "next": next_json(suggestion),
                "notes": notes,
            }
        )
        return EXIT_OK
    emit_lines([added, next_phrase(suggestion, today)])
    for note in notes:
        say(f"note: {note}")
    return EXIT_OK


def _added(repo: Repository, prospect: Prospect) -> str:
    """'Added Northwind Logistics · Staff Data Engineer (interviewed), with Priya Raman.'"""
    company = repo.company(prospect.company_id)
    what = " · ".join(part for part in (company.name if company else "", prospect.role) if part)
    line = f"Added {what} ({prospect.stage.label})"
    main = repo.person(prospect.main_person_id) if prospect.main_person_id else None
    if main is not None:
        line += f", with {_who(main)}"
    return line + "."


def _who(person: Person) -> str:
    return f"{person.name} ({person.title or person.role.label})"


def _role_meant_for_them(args: argparse.Namespace) -> list[str]:
    """``--role recruiter``: the role discussed is named like a part in the hiring, and
    the person's own part was not given. Saved as typed (a job can be called that),
    with the option that was perhaps meant."""
    typed = (args.role or "").strip()
    if args.person is None or args.person_role is not None:
        return []
    for part in PersonRole:
        if part is not PersonRole.OTHER and typed.casefold() in (part.value, part.label.casefold()):
            return [
                f"'{typed}' was saved as the role you discussed; for {args.person}'s part in "
                f"the hiring the option is --person-role {part.value} (edit {args.person} in "
                "the app to change it)"
            ]
    return []


def _worth_knowing(repo: Repository, name: str) -> list[str]:
    """What the user may not have meant: another job future at the same company,
    or a new company named like one they have."""
    company = repo.find_company(name)
    if company is not None:
        # Matched on the stored rows: only this company's job futures are read whole.
        companies = repo.stored_column("prospects", "company_id")
        at_company = [pid for pid in repo.open_prospect_ids() if companies.get(pid) == company.id]
        others = [p for pid in at_company if (p := repo.prospect(pid)) is not None]
        return [
            f"{company.name} already has a job future: {p.role or '(no role)'} · {p.stage.label}"
            for p in others
            if p.company_id == company.id
        ]
    stored = repo.stored_column("companies", "name")
    found = matches(name, list(stored), lambda cid: str(stored[cid] or ""))
    names = [c.name for cid in found if (c := repo.company(cid)) is not None]
    if names:
        return [f"'{name}' is a new company; you also have {', '.join(names)}"]
    return []
