"""The records a user keeps: companies, people, job futures and touches.

Records are frozen; a change makes a new validated copy with :func:`revise`,
which keeps undo and threads simple. Ids are our own uuids, never TinyDB's
document ids (those are reused after a restart).
"""

from __future__ import annotations

import functools
import re
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from jobfutures_tui.models import clean
from jobfutures_tui.models.clean import NAME_MAX, TEXT_MAX
from jobfutures_tui.models.date_fields import Day, Instant
from jobfutures_tui.models.dates import now
from jobfutures_tui.models.enums import (
    Channel,
    Choice,
    ClosedReason,
    Direction,
    Origin,
    Outcome,
    PersonRole,
    ShareKind,
    Stage,
    TouchKind,
)
from jobfutures_tui.models.ids import PROFILE_ID, new_id


def _line(value: Any) -> Any:
    """Line breaks and codes that drive a terminal never reach a one-line field."""
    return clean.one_line(value) if isinstance(value, str) else value


def _lines(value: Any) -> Any:
    """Several lines, kept as typed or pasted, without codes that drive a terminal."""
    return clean.lines(value) if isinstance(value, str) else value


def _required(value: str) -> str:
    if not value:
        raise ValueError("cannot be empty")
    return value


def email_shape(value: str) -> str:
    if value and (
        "@" not in value
        or value.startswith("@")
        or value.endswith("@")
        or any(ch.isspace() for ch in value)
    ):
        raise ValueError(f"'{value}' does not look like an email address")
    return value


_LINKEDIN = re.compile(r"^(https?://)?([\w-]+\.)*linkedin\.com/[^\s/]+/[^\s/?#]+", re.IGNORECASE)


def linkedin_shape(value: str) -> str:
    """A LinkedIn profile address, or empty. Checked only where one is typed, never
    on stored people (an address book may have brought in any link labelled LinkedIn)."""
    if value and not _LINKEDIN.match(value):
        raise ValueError(
            f"'{value}' is not a LinkedIn profile address "
            "(copy it from their profile: https://www.linkedin.com/in/…)"
        )
    return value


Line = Annotated[str, Field(max_length=NAME_MAX), BeforeValidator(_line)]
RequiredLine = Annotated[Line, AfterValidator(_required)]
Email = Annotated[Line, AfterValidator(email_shape)]
"""An email address, or empty; checked wherever one is typed (person, add form)."""
Text = Annotated[str, Field(max_length=TEXT_MAX), BeforeValidator(_lines)]

ChoiceT = TypeVar("ChoiceT", bound=Choice)


def _choice(kind: type[ChoiceT]) -> BeforeValidator:
    """Accept a member, its value or its label; reject with the valid choices."""

    exact = {member.value: member for member in kind}

    def parse(value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, kind):
            return exact.get(value) or kind.parse(value)
        return value

    return BeforeValidator(parse)


StageField = Annotated[Stage, _choice(Stage)]
ChannelField = Annotated[Channel, _choice(Channel)]
OutcomeField = Annotated[Outcome, _choice(Outcome)]
DirectionField = Annotated[Direction, _choice(Direction)]
RoleField = Annotated[PersonRole, _choice(PersonRole)]
OriginField = Annotated[Origin, _choice(Origin)]
ReasonField = Annotated[ClosedReason, _choice(ClosedReason)]
TouchKindField = Annotated[TouchKind, _choice(TouchKind)]
ShareKindField = Annotated[ShareKind, _choice(ShareKind)]


class Record(BaseModel):
    """Fields every stored record has.

    Schemas are built on first use (defer_build): most start-ups never
    validate a touch, and building every schema at import cost ~50 ms.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=False, defer_build=True)

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    created_at: Instant = Field(default_factory=now)
    updated_at: Instant = Field(default_factory=now)

    def revised_from(self, before: Self) -> Self:
        """This copy of ``before``, made by :func:`revise`, with what the change
        implies besides (none here)."""
        return self


RecordT = TypeVar("RecordT", bound=Record)


def revise(record: RecordT, **changes: Any) -> RecordT:
    """A validated copy with ``changes`` applied and ``updated_at`` refreshed; what the
    change means besides is the record's own to add (a job future's stage history,
    :meth:`Prospect.revised_from`)."""
    data = record.model_dump()
    data.update(changes)
    if "updated_at" not in changes:
        data["updated_at"] = now()
    return type(record).model_validate(data).revised_from(record)


class NewsItem(BaseModel):
    """Something the user noticed about a company, worth mentioning on a call."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    on: Day
    text: RequiredLine


class Company(Record):
    name: RequiredLine
    website: Line = ""
    notes: Text = ""
    news: tuple[NewsItem, ...] = ()


class Person(Record):
    name: RequiredLine
    title: Line = ""
    company_id: str | None = None
    role: RoleField = PersonRole.HIRING_MANAGER
    preferred_channel: ChannelField | None = None
    phone: Line = ""
    """The main phone number: the one to call or text."""
    email: Email = ""
    """The main email address: the one to write to."""
    other_phones: tuple[Line, ...] = ()
    """More numbers they came with (an address book's home or office line)."""
    other_emails: tuple[Email, ...] = ()
    """More addresses they came with, so mail from any of them is theirs."""
    linkedin: Line = ""
    address: Text = ""
    """A postal address, for a letter (one line or several)."""
    city: Line = ""
    notes: Text = ""
    do_not_contact: bool = False

    @property
    def first_name(self) -> str:
        return first_word(self.name)

    @property
    def emails(self) -> tuple[str, ...]:
        """Every address, the main one first."""
        return tuple(e for e in (self.email, *self.other_emails) if e)

    @property
    def phones(self) -> tuple[str, ...]:
        """Every number, the main one first."""
        return tuple(p for p in (self.phone, *self.other_phones) if p)


def first_word(name: str) -> str:
    """What a person is called by: the first word of their name."""
    words = name.split()
    return words[0] if words else name


class Profile(Record):
    """The seeker: who signs the scripts, and how contacts reach them.

    One per data folder (id ``me``), stored and backed up with the data.
    """

    id: str = Field(default=PROFILE_ID, pattern=f"^{PROFILE_ID}$")
    name: Line = ""
    signature: Text = ""
    """What ends a message (a name, a sign-off, a phone number); the name when empty."""
    email: Email = ""
    other_emails: tuple[Email, ...] = ()
    """More addresses the seeker writes from (to recognise their own mail)."""
    phone: Line = ""
    linkedin: Line = ""
    city: Line = ""
    """Where the seeker lives: people in the same city can be met in person."""
    pitch: Line = ""
    """What the seeker does, in one line ("data engineer who makes pipelines boring")."""
    asked: bool = False
    """The app has asked for the profile once (a new data folder asks at start)."""

    @property
    def first_name(self) -> str:
        return first_word(self.name)

    @property
    def sign_off(self) -> str:
        """The signature, else the name ('' when neither is known)."""
        return self.signature or self.name


@functools.cache
def empty_profile() -> Profile:
    """The profile of a folder that never saved one (never asked for)."""
    return Profile()


class Skip(BaseModel):
    """A due touch the user chose not to make: the plan goes on as if it were made,
    without anyone being contacted (see rules/cadence)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    at: Instant
    kind: TouchKindField
    """The kind of touch that was due."""
    step: bool = True
    """It was one of the plan's touches, which it counts as done; a follow-up or
    a reply that was skipped is only not suggested again."""


class StageStep(BaseModel):
    """A stage a job future was put in, and when (docs/insights.md, "The pipeline")."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    stage: StageField
    at: Instant


class Prospect(Record):
    """A job future: a company, the people there, and where the relationship stands."""

    company_id: str = Field(min_length=1)
    person_ids: tuple[str, ...] = ()
    role: Line = ""
    stage: StageField = Stage.INTERVIEWED
    origin: OriginField = Origin.INTERVIEWED
    began_on: Day | None = None
    referred_by_id: str | None = None
    cadence_plan: str | None = None
    plan_chosen_at: Instant | None = None
    """When the user chose its plan: the plan starts again from the last touch then."""
    self_assessment: Text = ""
    notes: Text = ""
    tags: tuple[Line, ...] = ()
    closed_reason: ReasonField | None = None
    closed_note: Text = ""
    stage_changed_at: Instant | None = None
    snoozed_until: Day | None = None
    """No touch is suggested before this date (the user snoozed it)."""
    skips: tuple[Skip, ...] = ()
    """Due touches the user skipped, oldest first."""
    stages: tuple[StageStep, ...] = ()
    """Its moves, oldest first, from the first one this version saw (data format 7):
    the stage it was moved from (since ``stage_changed_at``, else since it was added),
    then each stage it was moved to. Empty: it never moved since (its stage now is
    all that is known). Written by :meth:`revised_from`, whichever way it moved."""

    def revised_from(self, before: Self) -> Self:
        """A move (its stage changed) adds a step to its history, dated when its stage
        was set (``stage_changed_at``, made now when the change did not say). A change
        that writes the history itself (an undo, an import) is kept as it is."""
        if self.stage is before.stage or self.stages != before.stages:
            return self
        at = self.stage_changed_at
        if at is None or at == before.stage_changed_at:
            at = now()
        steps = before.stages or (
            StageStep(stage=before.stage, at=before.stage_changed_at or before.created_at),
        )
        step = StageStep(stage=self.stage, at=at)
        return self.model_copy(update={"stage_changed_at": at, "stages": (*steps, step)})

    @property
    def main_person_id(self) -> str | None:
        return self.person_ids[0] if self.person_ids else None

    @property
    def is_open(self) -> bool:
        return self.stage is not Stage.ARCHIVE


MAIL_SOURCE = "mail:"
"""How a touch's ``source_id`` starts when the mail import made it."""

FUTURE_TOLERANCE_SECONDS = 300


class Touch(Record):
    """One logged contact with a job future."""

    prospect_id: str = Field(min_length=1)
    person_id: str | None = None
    at: Instant
    channel: ChannelField
    direction: DirectionField = Direction.OUT
    outcome: OutcomeField = Outcome.SENT
    kind: TouchKindField | None = None
    """What the touch was for (thank-you, check-in…), when the user said."""
    note: Text = ""
    script_id: str | None = None
    shared: tuple[Line, ...] = ()
    """Titles of the items shared (see :class:`Shareable`), as they were then."""
    replied: bool = False
    source_id: str | None = Field(default=None, max_length=NAME_MAX)
    """Where an import found it (``mail:`` and a hash of the message's Message-ID, see
    docs/mail.md), so importing the same mail again adds nothing; None when logged by hand."""

    @property
    def from_mail(self) -> bool:
        """Logged from the user's mail by the mail import, not by hand."""
        return (self.source_id or "").startswith(MAIL_SOURCE)

    @field_validator("at")
    @classmethod
    def _not_in_future(cls, value: Any, info: ValidationInfo) -> Any:
        # Only new input is checked: a stored touch logged on a machine whose
        # clock ran fast must still load.
        if info.context and info.context.get("new"):
            limit = now().add(seconds=FUTURE_TOLERANCE_SECONDS)
            if value > limit:
                raise ValueError("a touch cannot be dated in the future")
        return value

    @classmethod
    def new(cls, **fields: Any) -> Self:
        """Validate user input, which also refuses dates in the future."""
        return cls.model_validate(fields, context={"new": True})


class Script(Record):
    """Words to say or send for one kind of touch, with ``{placeholders}``
    filled in for the person (rules/scripts renders them safely)."""

    name: RequiredLine
    kind: TouchKindField | None = None
    """The kind of touch it is for; None fits any."""
    channels: tuple[ChannelField, ...] = ()
    """The channels it is written for; empty fits any."""
    stages: tuple[StageField, ...] = ()
    """The stages it fits; empty fits any."""
    origins: tuple[OriginField, ...] = ()
    """How the job futures it fits began (interviewed, referred…); empty fits any."""
    purpose: Line = ""
    body: Annotated[Text, AfterValidator(_required)]
    builtin: str | None = None
    """The built-in script this one started as, so it can be restored."""


class Shareable(Record):
    """Something worth sending a contact: an article, an event, a work sample."""

    title: RequiredLine
    link: Line = ""
    """A web address or a file path."""
    kind: ShareKindField = ShareKind.ARTICLE
    notes: Text = ""
