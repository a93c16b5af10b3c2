"""Logging a touch: what the user says happened, checked, and every record it makes.

The app's log form and ``jobfutures log`` both go through :func:`plan_log`,
so both refuse the same input with the same words, and a referral creates the
same linked job future wherever it was logged. Nothing here saves: the caller
saves :attr:`Logged.save` as one change (undoable in the app).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pendulum
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.history import they_replied
from jobfutures_tui.engine.spoken_dates import read_day, read_when
from jobfutures_tui.models import (
    ClosedReason,
    Company,
    Direction,
    Origin,
    Outcome,
    Person,
    PersonRole,
    Prospect,
    Record,
    Shareable,
    Stage,
    Touch,
    dates,
    revise,
)
from jobfutures_tui.models.clean import one_line, squash
from jobfutures_tui.models.dates import now, to_utc
from jobfutures_tui.models.entities import (
    ChannelField,
    DirectionField,
    Line,
    OutcomeField,
    StageField,
    Text,
    TouchKindField,
)
from jobfutures_tui.models.errors import invalid
from jobfutures_tui.store import Repository


def parse_when(text: str, *, at: pendulum.DateTime | None = None) -> pendulum.DateTime:
    """When a touch happened, as people say it (:mod:`~jobfutures_tui.engine.spoken_dates`:
    'yesterday 4pm', '3 days ago', 'last friday', 'Nov 20', '2026-11-20 14:00'…),
    read in the user's zone; a full ISO time with its offset is taken as it is."""
    moment = (at or now()).in_timezone(dates.local_timezone())
    try:
        return read_when(one_line(text), moment).in_timezone("UTC")
    except ValueError as error:
        try:
            return to_utc(text)
        except ValueError:
            raise error from None


def parse_day(text: str, *, at: pendulum.DateTime | None = None) -> pendulum.Date:
    """A calendar day as people say it: '2026-11-20', 'yesterday', 'last friday', 'Nov 20'."""
    today = (at or now()).in_timezone(dates.local_timezone()).date()
    try:
        return read_day(one_line(text), today)
    except ValueError as error:
        try:
            return dates.to_date(one_line(text))
        except ValueError:
            raise error from None


class LogInput(BaseModel):
    """The log form's values (and ``jobfutures log``'s options), checked field by field."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    prospect_id: str
    person_id: str | None = None
    at: datetime
    channel: ChannelField
    direction: DirectionField = Direction.OUT
    outcome: OutcomeField
    kind: TouchKindField | None = None
    note: Text = ""
    script_id: str | None = None
    shared: tuple[Line, ...] = ()
    referred_company: Line = ""
    referred_person: Line = ""
    referred_role: Line = ""
    move_to: StageField | None = None
    """A stage to move the job future to as part of the same change."""
    source_id: str | None = None
    """Where an import found the touch (:attr:`Touch.source_id`); None when typed."""

    @field_validator("at", mode="before")
    @classmethod
    def _when(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_when(value)
        return value

    @field_validator("at")
    @classmethod
    def _not_in_future(cls, value: datetime) -> datetime:
        if value > now().add(minutes=5):
            raise ValueError("a touch cannot be dated in the future")
        return value

    @field_validator("shared", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return tuple(v for v in value if str(v).strip()) if value else ()

    @field_validator("kind", "person_id", "script_id", "move_to", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="after")
    def _referral_names_someone(self) -> LogInput:
        if self.outcome is Outcome.REFERRAL_GIVEN:
            if not self.referred_company:
                raise invalid("referred_company", "say which company they referred you to")
            if self.person_id is None:
                raise invalid("person_id", "say who gave the referral")
        return self


@dataclass
class Logged:
    """What logging a touch changes, ready to save as one change."""

    touch: Touch
    save: list[Record]
    referral: Prospect | None = None
    """The job future the referral created or linked, if any."""
    warnings: list[str] = field(default_factory=list)
    moved_to: Stage | None = None

    @property
    def label(self) -> str:
        what = f"Logged {self.touch.channel.label} ({self.touch.outcome.label})"
        if self.moved_to is not None:
            what += f", moved to {self.moved_to.label}"
        return what + (", added the referral" if self.referral is not None else "")


def default_person(
    prospect: Prospect, suggestion: Suggestion | None, asked: str | None = None
) -> str | None:
    """Whom a new touch is with, before the user says: the person asked for, else the
    one the next touch is suggested with, as long as they still belong to the job
    future; else its main person (the log form and ``jobfutures log`` alike)."""
    chosen = asked or (suggestion.person_id if suggestion else None)
    return chosen if chosen in prospect.person_ids else prospect.main_person_id


def suggested_move(prospect: Prospect, outcome: Outcome) -> Stage | None:
    """The stage an outcome calls for (docs/advice.md, "The last touch"): an
    opening puts it in play, a request to stop closes it."""
    if outcome is Outcome.OPENING_MENTIONED and prospect.stage is not Stage.OFFER:
        return Stage.OFFER
    if outcome is Outcome.ASKED_TO_STOP and prospect.is_open:
        return Stage.ARCHIVE
    return None


def _moved(prospect: Prospect, data: LogInput) -> Prospect:
    """The job future after the touch: snooze over (they were contacted), maybe moved."""
    changes: dict[str, Any] = {}
    if prospect.snoozed_until is not None:
        changes["snoozed_until"] = None
    stage = data.move_to
    if stage is not None and stage is not prospect.stage:
        changes.update(stage=stage, stage_changed_at=now())
        if stage is Stage.ARCHIVE:
            asked = data.outcome is Outcome.ASKED_TO_STOP
            changes.update(
                closed_reason=ClosedReason.ASKED_TO_STOP if asked else ClosedReason.OTHER,
                closed_note="" if asked else "closed when logging a touch",
                snoozed_until=None,
            )
        elif not prospect.is_open:
            changes.update(closed_reason=None, closed_note="")
    return revise(prospect, **changes) if changes else prospect


def plan_log(repo: Repository, data: LogInput) -> Logged:
    """Every record logging ``data`` saves; raises ValidationError (at a field) if wrong."""
    prospect = repo.prospect(data.prospect_id)
    if prospect is None:
        raise invalid("prospect_id", "this job future no longer exists")
    if data.person_id is not None and data.person_id not in prospect.person_ids:
        raise invalid("person_id", "this person is not one of the job future's people")
    touch = Touch.new(
        prospect_id=prospect.id,
        person_id=data.person_id,
        at=data.at,
        channel=data.channel,
        direction=data.direction,
        outcome=data.outcome,
        kind=data.kind,
        note=data.note,
        script_id=data.script_id,
        shared=data.shared,
        replied=they_replied(data.direction, data.outcome),
        source_id=data.source_id,
    )
    logged = Logged(touch, [touch])
    moved = _moved(prospect, data)
    if moved is not prospect:
        logged.save.append(moved)
        logged.moved_to = moved.stage
    logged.warnings = shared_before(repo, data.person_id, data.shared)
    logged.save += new_shareables(repo, data.shared)
    if data.outcome is Outcome.REFERRAL_GIVEN:
        _refer(repo, data, touch, logged)
    return logged


def shared_before(repo: Repository, person_id: str | None, titles: Iterable[str]) -> list[str]:
    """A warning for each item already sent to this person, with when."""
    if person_id is None:
        return []
    wanted = {title.casefold(): title for title in titles}
    if not wanted:
        return []
    person = repo.person(person_id)
    name = person.first_name if person else "them"
    warnings: list[str] = []
    for touch in touches_with(repo, person_id):
        for title in touch.shared:
            if (original := wanted.pop(title.casefold(), None)) is not None:
                day = touch.at.in_timezone(dates.local_timezone()).format("D MMM YYYY")
                warnings.append(f"you already sent {name} '{original}' on {day}")
    return warnings


def touches_with(repo: Repository, person_id: str) -> list[Touch]:
    """Every touch with a person, across all their job futures, newest first."""
    found = [
        touch
        for pid, row in repo.walk("prospects")
        if person_id in (row.get("person_ids") or ())
        for touch in repo.touches_for(pid)
        if touch.person_id == person_id
    ]
    return sorted(found, key=lambda t: t.at, reverse=True)


def new_shareables(repo: Repository, titles: Sequence[str]) -> list[Shareable]:
    """Items shared that the library does not hold yet: they join it."""
    known = {
        str(row.get("title", "")).casefold() for row in repo.stored_rows("shareables").values()
    }
    added: list[Shareable] = []
    for title in titles:
        if title.casefold() not in known:
            known.add(title.casefold())
            added.append(Shareable(title=title))
    return added


def _refer(repo: Repository, data: LogInput, touch: Touch, logged: Logged) -> None:
    """The referral's job future: an open one at that company is linked, else a new one."""
    company = repo.find_company(data.referred_company) or Company(name=data.referred_company)
    person = _referred_person(repo, data, company)
    existing = next(
        (
            p
            for p in repo.prospects(include_archived=False)
            if p.company_id == company.id and p.id != data.prospect_id
        ),
        None,
    )
    made: list[Record] = []
    if repo.company(company.id) is None:
        made.append(company)
    if person is not None and repo.person(person.id) is None:
        made.append(person)
    if existing is None:
        target = Prospect(
            company_id=company.id,
            person_ids=(person.id,) if person else (),
            role=data.referred_role,
            stage=Stage.REFERRAL,
            origin=Origin.REFERRED,
            began_on=touch.at.in_timezone(dates.local_timezone()).date(),
            referred_by_id=data.person_id,
            stage_changed_at=now(),
        )
    else:
        changes: dict[str, Any] = {}
        if existing.referred_by_id is None:
            changes["referred_by_id"] = data.person_id
        if person is not None and person.id not in existing.person_ids:
            changes["person_ids"] = (*existing.person_ids, person.id)
        if existing.stage in (Stage.INTERVIEWED, Stage.REJECTED_WARM):
            changes.update(stage=Stage.REFERRAL, stage_changed_at=now())
        if data.referred_role and not existing.role:
            changes["role"] = data.referred_role
        target = revise(existing, **changes) if changes else existing
    if target is not existing:
        made.append(target)
    logged.save += made
    logged.referral = target


def _referred_person(repo: Repository, data: LogInput, company: Company) -> Person | None:
    name = data.referred_person
    if not name:
        return None
    wanted = squash(name)
    for person in repo.people():
        if squash(person.name) == wanted and person.company_id == company.id:
            return person
    return Person(name=name, company_id=company.id, role=PersonRole.HIRING_MANAGER)


# ------------------------------------------------------------ what comes next


def log_from(repo: Repository, values: dict[str, Any]) -> Logged:
    """Form values to a :class:`Logged`, or a ValidationError naming the field."""
    return plan_log(repo, LogInput.model_validate(values))


def next_words(suggestion: Suggestion | None, today: pendulum.Date) -> tuple[str, str]:
    """What the next touch becomes, as the log form and ``jobfutures log`` say it:
    ('Thu 26 Nov · email · check-in', why), or ('nothing due after this one', '')."""
    if suggestion is None:
        return "nothing due after this one", ""
    due = suggestion.due
    if due == today:
        day = "today"
    elif due == today.add(days=1):
        day = "tomorrow"
    else:
        day = due.format("ddd D MMM" if due.year == today.year else "ddd D MMM YYYY")
        if due < today:
            day = f"overdue since {day}"
    return f"{day} · {suggestion.how}", suggestion.reason


def next_phrase(suggestion: Suggestion | None, today: pendulum.Date) -> str:
    """'next: Thu 26 Nov · email · check-in — why', on one line of plain text."""
    what, why = next_words(suggestion, today)
    return f"next: {what}" + (f" — {why}" if why else "")
