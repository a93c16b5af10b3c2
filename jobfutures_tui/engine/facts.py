"""What the engine reads of job futures and people, and light views of stored rows.

The due list and the board's order read every open job future and its
people: thousands of records, of which the cadence engine needs a few fields.
Validating a record with pydantic costs about 15 µs, most of the due list's
time at 5,000 job futures, so these views read the needed fields straight
from the stored rows instead.

A view accepts a field only in the exact form the store writes it, a form
the model reads unchanged (an enum's value, an ISO date, a one-line string
with no surrounding spaces or control characters). Anything else (a label, a
hand edit, damage) falls back to the validated model, which reads it or
refuses the data with a clear message. So a view never says anything about a
field the model would say otherwise. Fields a view does not read are not
checked: :meth:`Repository.verify` checks every record (the app runs it in
the background; a change waits for it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from jobfutures_tui.engine.channels import Reachable
from jobfutures_tui.models.clean import NAME_MAX, one_line
from jobfutures_tui.models.enums import Channel, Origin, PersonRole, Stage, TouchKind


class SkipLike(Protocol):
    """A skipped touch: a :class:`~jobfutures_tui.models.Skip` or a :class:`SkipFacts`."""

    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> TouchKind: ...
    @property
    def step(self) -> bool: ...


class FutureLike(Protocol):
    """What the cadence engine reads of a job future: a
    :class:`~jobfutures_tui.models.Prospect` or a :class:`FutureFacts`."""

    @property
    def id(self) -> str: ...
    @property
    def company_id(self) -> str: ...
    @property
    def person_ids(self) -> tuple[str, ...]: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def origin(self) -> Origin: ...
    @property
    def began_on(self) -> date | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def stage_changed_at(self) -> datetime | None: ...
    @property
    def referred_by_id(self) -> str | None: ...
    @property
    def cadence_plan(self) -> str | None: ...
    @property
    def plan_chosen_at(self) -> datetime | None: ...
    @property
    def snoozed_until(self) -> date | None: ...
    @property
    def skips(self) -> Sequence[SkipLike]: ...
    @property
    def is_open(self) -> bool: ...


class PersonLike(Reachable, Protocol):
    """What the cadence engine reads of a person: a
    :class:`~jobfutures_tui.models.Person` or a :class:`PersonFacts` (their
    details, :class:`~jobfutures_tui.engine.channels.Reachable`, and these)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> PersonRole: ...
    @property
    def do_not_contact(self) -> bool: ...


def is_referred(future: FutureLike) -> bool:
    """Someone referred the seeker to it: it began as a referral, or names who
    referred it (its plan, docs/advice.md; the insights' referrals, docs/insights.md)."""
    return future.origin is Origin.REFERRED or future.referred_by_id is not None


class SkipFacts(NamedTuple):
    at: datetime
    kind: TouchKind
    step: bool


class FutureFacts(NamedTuple):
    id: str
    company_id: str
    person_ids: tuple[str, ...]
    stage: Stage
    origin: Origin
    began_on: date | None
    created_at: datetime
    stage_changed_at: datetime | None
    referred_by_id: str | None
    cadence_plan: str | None
    snoozed_until: date | None
    skips: tuple[SkipFacts, ...] = ()
    plan_chosen_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.stage is not Stage.ARCHIVE


class PersonFacts(NamedTuple):
    id: str
    name: str
    role: PersonRole
    preferred_channel: Channel | None
    phone: str
    email: str
    linkedin: str
    address: str
    city: str
    do_not_contact: bool


# ------------------------------------------------------------ reading rows

_STAGES = {member.value: member for member in Stage}
_ORIGINS = {member.value: member for member in Origin}
_ROLES = {member.value: member for member in PersonRole}
_CHANNELS = {member.value: member for member in Channel}
_KINDS = {member.value: member for member in TouchKind}


def future_from_row(prospect_id: str, row: Mapping[str, Any]) -> FutureFacts:
    person_ids = row["person_ids"]
    if type(person_ids) is not list:
        raise TypeError("person_ids")
    for person_id in person_ids:
        if type(person_id) is not str:
            raise TypeError("person_ids")
    company_id = row["company_id"]
    plan = row["cadence_plan"]
    if (
        type(company_id) is not str
        or not company_id
        or (plan is not None and type(plan) is not str)
    ):
        raise TypeError("ids")
    if row["id"] != prospect_id:
        raise ValueError("id")
    created = _instant(row["created_at"])
    moved = row["stage_changed_at"]
    referrer = row["referred_by_id"]
    if referrer is not None and type(referrer) is not str:
        raise TypeError("referred_by_id")
    began, snoozed = row["began_on"], row["snoozed_until"]
    return FutureFacts(
        prospect_id,
        company_id,
        tuple(person_ids),
        _STAGES[row["stage"]],
        _ORIGINS[row["origin"]],
        None if began is None else _day(began),
        created,
        None if moved is None else _instant(moved),
        referrer,
        plan,
        None if snoozed is None else _day(snoozed),
        _skips(row.get("skips", ())),
        None if (chosen := row.get("plan_chosen_at")) is None else _instant(chosen),
    )


def _skips(stored: Any) -> tuple[SkipFacts, ...]:
    """Skips exactly as the model writes them ({at, kind, step}), else an error."""
    if stored == ():  # absent: saved before skips existed
        return ()
    if type(stored) is not list:
        raise TypeError("skips")
    found = []
    for item in stored:
        if type(item) is not dict or len(item) != 3 or type(item["step"]) is not bool:
            raise TypeError("skip")
        at = datetime.fromisoformat(item["at"])
        if at.tzinfo is None:
            raise ValueError("skip at")
        found.append(SkipFacts(at, _KINDS[item["kind"]], item["step"]))
    return tuple(found)


def person_from_row(person_id: str, row: Mapping[str, Any]) -> PersonFacts:
    channel = row["preferred_channel"]
    dnc = row["do_not_contact"]
    if type(dnc) is not bool or row["id"] != person_id:
        raise TypeError("do_not_contact")
    name, phone, email = row["name"], row["phone"], row["email"]
    linkedin, city = row["linkedin"], row["city"]
    address = row.get("address", "")  # absent: stored before people had one
    if (
        type(address) is not str
        or address != address.strip()
        or not address.replace("\n", "").isprintable()
    ):
        raise ValueError("not a stored address")  # the model reads it (or refuses it)
    for value in (name, phone, email, linkedin, city):  # _line, inlined: people are many
        if type(value) is not str or len(value) > NAME_MAX:
            raise TypeError("not a stored line")
        if not (value.isprintable() and value == value.strip()) and one_line(value) != value:
            raise ValueError("not a stored line")
    if not name or (
        email and ("@" not in email or email[0] == "@" or email[-1] == "@" or " " in email)
    ):
        raise ValueError("name or email")
    return PersonFacts(
        person_id,
        name,
        _ROLES[row["role"]],
        None if channel is None else _CHANNELS[channel],
        phone,
        email,
        linkedin,
        address,
        city,
        dnc,
    )


def stored_line(value: Any, *, required: bool = False) -> str:
    """A one-line field exactly as the model would keep it, else ValueError."""
    if type(value) is not str or len(value) > NAME_MAX or (required and not value):
        raise ValueError("not a stored line")
    # Printable and stripped (the usual case): one_line would leave it unchanged.
    if not (value.isprintable() and value == value.strip()) and one_line(value) != value:
        raise ValueError("not a stored line")
    return value


def _instant(value: Any) -> datetime:
    """A stored instant, with its offset (as the model writes it)."""
    at = datetime.fromisoformat(value)
    if at.tzinfo is None:
        raise ValueError("an instant needs its offset")
    return at


def _day(value: Any) -> date:
    """A stored calendar date (a plain date: the engine's arithmetic is on those)."""
    if type(value) is not str or len(value) != 10:
        raise ValueError("not a stored date")
    return date.fromisoformat(value)
