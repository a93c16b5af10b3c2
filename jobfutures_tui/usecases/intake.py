"""The add/edit form's data, validated, and the records it creates or changes.

Used by the app's form and by ``jobfutures add`` on the command line, so both
refuse the same input with the same words. The shell can say more than the
form (the person's title, channel, address and city; how it began): left out,
those keep what the records hold.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator, model_validator

from jobfutures_tui.models import Company, Person, PersonRole, Prospect, Record, Stage, revise
from jobfutures_tui.models.clean import squash
from jobfutures_tui.models.date_fields import Day
from jobfutures_tui.models.dates import now, today
from jobfutures_tui.models.entities import (
    ChannelField,
    Email,
    Line,
    OriginField,
    RequiredLine,
    RoleField,
    StageField,
    Text,
    linkedin_shape,
)
from jobfutures_tui.models.errors import invalid
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.touch_log import parse_day

PERSON_DETAILS = {
    "person_title": "title",
    "preferred_channel": "preferred_channel",
    "phone": "phone",
    "email": "email",
    "linkedin": "linkedin",
    "address": "address",
    "city": "city",
}
"""Input fields about the main person (None: not said), and the person's field each sets."""
FORM_DETAILS = ("email", "phone", "linkedin")
"""The person's details the app's form shows (and so fills in when editing)."""


class ProspectInput(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    company: RequiredLine
    person: Line = ""
    person_role: RoleField = PersonRole.HIRING_MANAGER
    role: Line = ""
    stage: StageField = Stage.INTERVIEWED
    began_on: Day | None = None
    notes: Text = ""
    origin: OriginField | None = None
    """How it began; None: as it is (interviewed, for a new one)."""
    person_title: Line | None = None
    preferred_channel: ChannelField | None = None
    phone: Line | None = None
    email: Email | None = None
    linkedin: Line | None = None
    """Checked unless it is the one stored (pass ``context={"linkedin": stored}``)."""
    address: Text | None = None
    """A postal address, one line or several."""
    city: Line | None = None

    @field_validator("began_on", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_day(value) if value.strip() else None
        return value

    @field_validator("linkedin")
    @classmethod
    def _a_profile(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and value != (info.context or {}).get("linkedin"):
            linkedin_shape(value)
        return value

    @field_validator("began_on")
    @classmethod
    def _not_in_future(cls, value: Any) -> Any:
        if value is not None and value > today():
            raise ValueError("the interview date cannot be in the future")
        return value

    @field_validator("stage")
    @classmethod
    def _open_stage(cls, value: Stage) -> Stage:
        if value is Stage.ARCHIVE:
            raise ValueError("choose one of the four board stages (archive with x)")
        return value

    @model_validator(mode="after")
    def _details_need_a_person(self) -> ProspectInput:
        given = [name for name in PERSON_DETAILS if getattr(self, name)]
        if given and not self.person:
            raise invalid("person", f"say whose {given[0].replace('_', ' ')} it is")
        return self

    def person_details(self) -> dict[str, Any]:
        """The main person's fields this input sets, by the person's field names."""
        return {
            field: value
            for name, field in PERSON_DETAILS.items()
            if (value := getattr(self, name)) is not None
        }

    @classmethod
    def from_prospect(cls, repo: Repository, prospect: Prospect) -> ProspectInput:
        company = repo.company(prospect.company_id)
        main = repo.person(prospect.main_person_id) if prospect.main_person_id else None
        shown = {field: getattr(main, field) for field in FORM_DETAILS if main is not None}
        return cls.model_validate(
            {
                "company": company.name if company else "",
                "person": main.name if main else "",
                **shown,
                "person_role": main.role if main else PersonRole.HIRING_MANAGER,
                "role": prospect.role,
                "stage": prospect.stage,
                "began_on": prospect.began_on,
                "notes": prospect.notes,
            },
            context={"linkedin": shown.get("linkedin")},
        )


def apply_input(
    repo: Repository, data: ProspectInput, prospect: Prospect | None = None
) -> tuple[Prospect, list[Record]]:
    """The prospect after the form, and every record to save for it.

    A company typed by name is matched to an existing one (ignoring case);
    editing renames the prospect's own company only when nothing else uses it.
    """
    changed: list[Record] = []
    company = _company_for(repo, data.company, prospect)
    if repo.company(company.id) != company:
        changed.append(company)

    person_ids = list(prospect.person_ids) if prospect else []
    main = repo.person(person_ids[0]) if person_ids else None
    if data.person:
        wanted = {
            "name": data.person,
            "role": data.person_role,
            "company_id": company.id,
            **data.person_details(),
        }
        if main is None:
            # Someone already known at that company is the same person, not a twin;
            # what was said about them (not left blank) updates them.
            main = _known_person(repo, data.person, company.id)
            if main is None:
                main = Person(**wanted)
                changed.append(main)
            else:
                said = {field: value for field, value in data.person_details().items() if value}
                if any(getattr(main, field) != value for field, value in said.items()):
                    main = revise(main, **said)
                    changed.append(main)
            person_ids.insert(0, main.id)
        elif any(getattr(main, field) != value for field, value in wanted.items()):
            main = revise(main, **wanted)
            changed.append(main)
    elif person_ids:
        person_ids.pop(0)

    fields: dict[str, Any] = {
        "company_id": company.id,
        "person_ids": tuple(person_ids),
        "role": data.role,
        "stage": data.stage,
        "began_on": data.began_on,
        "notes": data.notes,
    }
    if data.origin is not None:
        fields["origin"] = data.origin
    if prospect is None:
        result = Prospect(**fields, stage_changed_at=now())
    else:
        if data.stage is not prospect.stage:
            fields["stage_changed_at"] = now()
        result = revise(prospect, **fields)
    changed.append(result)
    return result, changed


def _known_person(repo: Repository, name: str, company_id: str) -> Person | None:
    wanted = squash(name)
    for person_id, row in repo.walk("people"):
        if row.get("company_id") == company_id and squash(str(row.get("name", ""))) == wanted:
            return repo.person(person_id)
    return None


def _company_for(repo: Repository, name: str, prospect: Prospect | None) -> Company:
    current = repo.company(prospect.company_id) if prospect else None
    if current is not None and current.name.casefold() == name.casefold():
        return current if current.name == name else revise(current, name=name)
    existing = repo.find_company(name)
    if existing is not None:
        return existing
    if current is not None and not _shared(repo, current, prospect):
        return revise(current, name=name)
    return Company(name=name)


def _shared(repo: Repository, company: Company, prospect: Prospect | None) -> bool:
    return any(
        p.company_id == company.id and (prospect is None or p.id != prospect.id)
        for p in repo.prospects()
    )
