"""``jobfutures import mail PATH``: the mail between you and the people you know, as touches.

Each message between one of your addresses (the profile's email and other
emails) and a known person becomes a touch through the same path as a touch
logged by hand (``usecases.touch_log.plan_log``), so a reply from them answers
the follow-up you were due exactly as a logged reply does. Only the headers are
read (``exchange.mail_read``); only the day, the direction, the person and the
subject are kept, with a key of the message (:func:`source_key`) that makes a
second import of the same mail add nothing. The rules, and why: docs/mail.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pendulum
from pydantic import ValidationError

from jobfutures_tui.engine.plans import Zone
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.mail_letter import Letter, normal_address, read_letter
from jobfutures_tui.exchange.mail_read import MailProgress, messages
from jobfutures_tui.exchange.plan import ImportPlan, RowNote
from jobfutures_tui.models import Channel, Direction, Outcome, Person, Profile, Prospect, Touch
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.models.dates import now
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.touch_log import LogInput, plan_log

SOURCE = "Mail"
LISTED = 10
"""Messages shown per job future and kind in the text report (--json has them all)."""

NOT_WITH_ANYONE = "not between you and someone you know"
MAILING_LIST = "mailing lists and bulk mail (List-Id, Precedence: bulk)"
AUTOMATIC = "automatic replies (out of office: Auto-Submitted)"
NOT_TO_YOU = "from someone you know, but not to you"
BEFORE_SINCE = "before --since"
EARLY_DAYS = 30
"""Mail from more than this many days before a job future began is not about it."""
BEFORE_START = f"from more than {EARLY_DAYS} days before their job future began"
COPIES = "copies of a message read already (the same mail in two folders)"
FUTURE_TOLERANCE = 300
"""Seconds a message may be dated ahead of now (a clock a little fast)."""


def addresses_of(person: Person) -> set[str]:
    """Every email address of a person, lower-cased: how mail finds them (the one
    place that says which of a person's fields are addresses)."""
    return {address for address in map(normal_address, person.emails) if address}


def my_addresses(profile: Profile) -> set[str]:
    """Your addresses: the profile's email and other emails, lower-cased."""
    found = {normal_address(profile.email), *(normal_address(a) for a in profile.other_emails)}
    return {address for address in found if address}


# ------------------------------------------------------------ the plan


@dataclass
class Line:
    at: pendulum.DateTime
    text: str

    def to_json(self) -> dict[str, str]:
        return {"at": self.at.isoformat(), "what": self.text}


@dataclass
class FutureReport:
    """One job future's part of the dry run."""

    prospect_id: str
    title: str
    new: list[Line] = field(default_factory=list)
    already: list[Line] = field(default_factory=list)

    def lines(self, limit: int) -> list[str]:
        head = f"{self.title}: {len(self.new)} new, {len(self.already)} already here"
        shown = [head]
        for label, entries in (("new", self.new), ("already here", self.already)):
            ordered = sorted(entries, key=lambda e: e.at)
            shown.extend(f"    {label}: {entry.text}" for entry in ordered[:limit])
            if len(ordered) > limit:
                shown.append(f"    … and {len(ordered) - limit} more {label} (--json lists them)")
        return shown


@dataclass
class MailPlan(ImportPlan):
    """The dry run of a mail import: per job future, what is new and already here;
    what was skipped, counted by reason (someone else's mail is never listed)."""

    addresses: list[str] = field(default_factory=list)
    futures: dict[str, FutureReport] = field(default_factory=dict)
    passed: Counter[str] = field(default_factory=Counter)
    """Messages skipped for a reason that names nobody, counted."""
    by_person: Counter[str] = field(default_factory=Counter)
    """'Jo Lee: in no open job future' → how many messages."""
    moved: dict[str, Prospect] = field(default_factory=dict)
    """Job futures logging a touch changes (a snooze ends), as plan_log leaves them."""

    def to_save(self) -> list[Any]:
        return [*self.new, *self.moved.values()]

    def touches(self) -> list[Touch]:
        return [record for record in self.new if isinstance(record, Touch)]

    def what(self) -> str:
        touches = self.touches()
        if not touches:
            return "nothing"
        sent = sum(1 for t in touches if t.direction is Direction.OUT)
        replies = len(touches) - sent
        futures = len({t.prospect_id for t in touches})
        return (
            f"{len(touches):,} {'touch' if len(touches) == 1 else 'touches'} "
            f"({sent:,} sent, {replies:,} {'reply' if replies == 1 else 'replies'}) "
            f"on {futures:,} job {'future' if futures == 1 else 'futures'}"
        )

    def already_count(self) -> int:
        return sum(len(report.already) for report in self.futures.values())

    def skipped_count(self) -> int:
        return sum(self.passed.values()) + sum(self.by_person.values()) + len(self.skipped)

    def summary(self, *, limit: int = LISTED) -> list[str]:
        lines = [f"{self.source}: {self.path}"]
        lines.append(f"Your addresses: {', '.join(self.addresses)}")
        lines.extend(f"  note: {note}" for note in self.notes)
        lines.append(f"Messages read: {self.rows:,}")
        lines.append(f"New: {self.what()}")
        lines.append(f"Already here (left as they are): {self.already_count()}")
        for report in sorted(self.futures.values(), key=lambda r: r.title.casefold()):
            lines.extend("  " + line for line in report.lines(limit))
        lines.append(f"Skipped: {self.skipped_count()}")
        for reason, count in self.passed.most_common():
            lines.append(f"  {reason}: {count}")
        for who, count in sorted(self.by_person.items()):
            lines.append(f"  {who}: {count} {'message' if count == 1 else 'messages'}")
        lines.extend(f"  {note}" for note in self.skipped[: limit * 2])
        if len(self.skipped) > limit * 2:
            lines.append(f"  … and {len(self.skipped) - limit * 2} more (--json lists them all)")
        lines.append(f"Errors (files not read): {len(self.errors)}")
        lines.extend(f"  {note}" for note in self.errors[:limit])
        return lines

    def to_json(self) -> dict[str, Any]:
        touches = self.touches()
        return {
            "source": self.source,
            "path": self.path,
            "rows": self.rows,
            "addresses": self.addresses,
            "new": {"touches": len(touches)} if touches else {},
            "sent": sum(1 for t in touches if t.direction is Direction.OUT),
            "replies": sum(1 for t in touches if t.direction is Direction.IN),
            "job_futures": [
                {
                    "id": report.prospect_id,
                    "title": report.title,
                    "new": [line.to_json() for line in sorted(report.new, key=lambda e: e.at)],
                    "already": [
                        line.to_json() for line in sorted(report.already, key=lambda e: e.at)
                    ],
                }
                for report in sorted(self.futures.values(), key=lambda r: r.title.casefold())
            ],
            "skipped_counts": dict(self.passed),
            "skipped_people": dict(self.by_person),
            "skipped": [note.to_json() for note in self.skipped],
            "errors": [note.to_json() for note in self.errors],
            "notes": self.notes,
        }


def _newest(prospect: Prospect) -> tuple[str, str]:
    began = prospect.began_on.isoformat() if prospect.began_on is not None else ""
    return (began or prospect.created_at.date().isoformat(), prospect.created_at.isoformat())


def _start(prospect: Prospect, zone: Zone) -> date:
    """When a job future began: its start date, else the day it was added."""
    if prospect.began_on is not None:
        return prospect.began_on
    return prospect.created_at.in_timezone(zone).date()


class MailPlanner:
    """Builds a :class:`MailPlan` message by message against an open repository."""

    def __init__(self, repo: Repository, path: Path, *, since: date | None = None) -> None:
        self.repo = repo
        self.mine = my_addresses(repo.profile())
        if not self.mine:
            raise ExchangeError(
                "your profile has no email address, so your mail cannot be told from "
                "theirs: set it first (jobfutures profile --email ADDR, and --other-email "
                "for each other address you write from; in the app: Your profile)."
            )
        self.plan = MailPlan(SOURCE, str(path), addresses=sorted(self.mine))
        self.since = pendulum.Date(since.year, since.month, since.day) if since else None
        if self.since is not None:
            self.plan.notes.append(f"only mail from {self.since.format('ddd D MMM YYYY')} on")
        self.zone = dates_module.local_timezone()
        self.latest = now().add(seconds=FUTURE_TOLERANCE)
        self.by_address: dict[str, list[Person]] = {}
        for person in repo.people():
            for address in addresses_of(person) - self.mine:
                self.by_address.setdefault(address, []).append(person)
        self.futures_of: dict[str, list[Prospect]] = {}
        for prospect in repo.prospects(include_archived=True):
            for person_id in prospect.person_ids:
                self.futures_of.setdefault(person_id, []).append(prospect)
        self._loaded: set[str] = set()
        self._read: set[tuple[str, str]] = set()
        """(message key, person id) of the messages this import has read."""
        self._sources: dict[tuple[str, str], str] = {}
        """(message key, person id) → how it is already here."""
        self._days: dict[tuple[str, str, str], str] = {}
        """(person id or job future id, day, direction) → how a touch that day is here."""

    # -------------------------------------------------------- reading

    def read(self, progress: MailProgress | None = None) -> MailPlan:
        problems: list[str] = []
        for raw in messages(Path(self.plan.path), problems, progress):
            self.plan.rows += 1
            self.take(raw.where, raw.headers)
        self.plan.errors.extend(RowNote(0, problem) for problem in problems)
        return self.plan

    def take(self, where: str, headers: bytes) -> None:
        try:
            letter = read_letter(where, headers)
        except Exception as exc:  # the email package is lenient; anything left is not mail
            self.plan.skipped.append(RowNote(0, f"{where}: not readable as mail ({exc})"))
            return
        if letter.bulk:
            self.plan.passed[MAILING_LIST] += 1
            return
        if letter.sender in self.mine:
            direction = Direction.OUT
            people = self._known(letter.recipients - self.mine)
        else:
            direction = Direction.IN
            people = self._known({letter.sender})
            if people and letter.automatic:
                self.plan.passed[AUTOMATIC] += 1
                return
            if people and not (self.mine & (letter.recipients | letter.delivered)):
                self.plan.passed[NOT_TO_YOU] += 1
                return
        if not people:
            self.plan.passed[NOT_WITH_ANYONE] += 1
            return
        subject = f"“{letter.subject}”" if letter.subject else "(no subject)"
        if letter.at is None:
            self.plan.skipped.append(RowNote(0, f"{where}: no usable date ({subject})"))
            return
        if letter.at > self.latest:
            day = letter.at.in_timezone(self.zone).format("D MMM YYYY")
            self.plan.skipped.append(RowNote(0, f"{where}: dated in the future, {day} ({subject})"))
            return
        if self.since is not None and letter.at.in_timezone(self.zone).date() < self.since:
            self.plan.passed[BEFORE_SINCE] += 1
            return
        for person in people:
            self._one(person, direction, letter, subject)

    def _known(self, addresses: set[str] | frozenset[str]) -> list[Person]:
        found: dict[str, Person] = {}
        for address in sorted(addresses):
            for person in self.by_address.get(address, ()):
                found.setdefault(person.id, person)
        return list(found.values())

    # -------------------------------------------------------- one touch

    def _one(self, person: Person, direction: Direction, letter: Letter, subject: str) -> None:
        futures = self.futures_of.get(person.id, [])
        opened = [p for p in futures if p.is_open]
        if not opened:
            why = (
                "in no open job future (theirs are archived)"
                if futures
                else "in no job future yet (f on the app's People adds them to one)"
            )
            self.plan.by_person[f"{person.name}: {why}"] += 1
            return
        assert letter.at is not None
        day = letter.at.in_timezone(self.zone)
        earliest = day.date().toordinal() + EARLY_DAYS
        recent = [p for p in opened if _start(p, self.zone).toordinal() <= earliest]
        if not recent:  # a January 2025 reply is not about a job future begun in 2026
            self.plan.passed[BEFORE_START] += 1
            return
        if (letter.key, person.id) in self._read:  # one message, in two folders
            self.plan.passed[COPIES] += 1
            return
        self._read.add((letter.key, person.id))
        prospect = max(recent, key=_newest)
        self._load(person.id, futures)
        words = (
            f"{day.format('ddd D MMM YYYY')} · "
            f"{'sent to' if direction is Direction.OUT else 'reply from'} {person.name} · {subject}"
        )
        report = self._report(prospect)
        already = self._sources.get((letter.key, person.id))
        if already is None:
            date = day.date().isoformat()
            already = self._days.get((person.id, date, direction.value)) or self._days.get(
                (prospect.id, date, direction.value)
            )
        if already is not None:
            report.already.append(Line(letter.at, f"{words} ({already})"))
            return
        data = LogInput(
            prospect_id=prospect.id,
            person_id=person.id,
            at=letter.at,
            channel=Channel.EMAIL,
            direction=direction,
            outcome=Outcome.SENT if direction is Direction.OUT else Outcome.REPLIED,
            note=letter.subject,
            source_id=letter.key,
        )
        try:
            logged = plan_log(self.repo, data)
        except ValidationError as exc:
            self.plan.skipped.append(RowNote(0, f"{letter.where}: {exc.errors()[0]['msg']}"))
            return
        for record in logged.save:
            if isinstance(record, Touch):
                self.plan.new.append(record)
            elif isinstance(record, Prospect):
                self.plan.moved[record.id] = record
        report.new.append(Line(letter.at, words))
        self._sources[(letter.key, person.id)] = "a copy of a message read already"
        self._days[(person.id, day.date().isoformat(), direction.value)] = (
            "another message that day"
        )

    def _report(self, prospect: Prospect) -> FutureReport:
        report = self.plan.futures.get(prospect.id)
        if report is None:
            company = self.repo.company(prospect.company_id)
            title = company.name if company is not None else "?"
            if prospect.role:
                title += f" · {prospect.role}"
            report = self.plan.futures[prospect.id] = FutureReport(prospect.id, title)
        return report

    def _load(self, person_id: str, futures: list[Prospect]) -> None:
        """What is stored of the mail with this person: keys of imported messages and
        the days of email touches, from every job future they are in."""
        if person_id in self._loaded:
            return
        self._loaded.add(person_id)
        for prospect in futures:
            for touch in self.repo.touches_for(prospect.id):
                how = "imported before" if touch.source_id else "logged by hand"
                if touch.source_id and touch.person_id:
                    self._sources.setdefault((touch.source_id, touch.person_id), how)
                if touch.channel is not Channel.EMAIL:
                    continue
                date = touch.at.in_timezone(self.zone).date().isoformat()
                owner = touch.person_id or prospect.id
                self._days.setdefault((owner, date, touch.direction.value), how)


def plan_import(
    path: Path,
    repo: Repository,
    progress: MailProgress | None = None,
    *,
    since: date | None = None,
) -> MailPlan:
    """The dry run of importing the mail under ``path`` into ``repo`` (read only)."""
    path = path.expanduser()
    if not path.exists():
        raise ExchangeError(f"{path} does not exist")
    return MailPlanner(repo, path, since=since).read(progress)
