"""Synthetic but realistic jobfutures data, written through the real store.

``generate(folder, prospects, touches, seed)`` fills a data folder with
companies, people, job futures (60% open over the four board stages, 40%
archived with a reason) and a history of touches. History grows with time,
not density: touches are spread over ``max(18, ceil(touches / 300))`` months
back from now (about 300 a month, a very active user), so the monthly touch
files keep a realistic size whatever the total.

For a given seed and ``now`` the output is identical to the last field (ids
are uuid5 of the seed and an index; every choice comes from one
``random.Random(seed)``). Dates are relative to ``now`` (default: the current
time), so no touch is ever in the future.

``generated(prospects, touches)`` generates once into
``benchmarks/.data/p{prospects}-t{touches}/`` and reuses the folder while its
marker says it is complete and current; copy it before writing to it
(:func:`working_copy`).

    python -m benchmarks.generate 500 5000   # prints the cached folder
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import random
import shutil
import sys
import tempfile
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pendulum

from benchmarks.words import (
    ASSESSMENTS,
    CITIES,
    CLOSED_NOTES,
    CLOSERS,
    COMPANY_HEADS,
    COMPANY_SUFFIXES,
    COMPANY_TRADES,
    FIRST_NAMES,
    IN_OPENERS,
    JOB_TITLES,
    LAST_NAMES,
    NEWS,
    OUT_OPENERS,
    PERSON_NOTES,
    PERSON_TITLES,
    PROSPECT_NOTES,
    TAGS,
    TOPICS,
)
from jobfutures_tui.engine.history import they_replied
from jobfutures_tui.models import (
    Channel,
    ClosedReason,
    Company,
    Direction,
    NewsItem,
    Origin,
    Outcome,
    Person,
    PersonRole,
    Prospect,
    Record,
    Stage,
    Touch,
)
from jobfutures_tui.models.dates import UTC
from jobfutures_tui.store import Repository
from jobfutures_tui.store.schema import SCHEMA_VERSION

T = TypeVar("T")

GENERATOR_VERSION = 6
"""Bump when the generator changes, so cached data sets are rebuilt (6: the touch
index holds cadence summaries and decisions, so a data set opens with fresh ones)."""

TOUCHES_PER_MONTH = 300
MIN_MONTHS = 18
OPEN_SHARE = 0.6

CACHE = Path(__file__).resolve().parent / ".data"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://jobfutures.example/benchmarks")


OPEN_STAGES = (
    (Stage.INTERVIEWED, 0.3),
    (Stage.REJECTED_WARM, 0.4),
    (Stage.REFERRAL, 0.15),
    (Stage.OFFER, 0.15),
)
ROLES = (
    (PersonRole.HIRING_MANAGER, 0.5),
    (PersonRole.RECRUITER, 0.2),
    (PersonRole.INTERVIEWER, 0.15),
    (PersonRole.REFERRER, 0.1),
    (PersonRole.OTHER, 0.05),
)
CHANNELS = (
    (Channel.EMAIL, 0.4),
    (Channel.CALL, 0.15),
    (Channel.VOICEMAIL, 0.1),
    (Channel.LINKEDIN, 0.15),
    (Channel.IN_PERSON, 0.08),
    (Channel.TEXT, 0.08),
    (Channel.LETTER, 0.04),
)
OUT_OUTCOMES = {
    Channel.CALL: (Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL, Outcome.CONVERSATION),
    Channel.VOICEMAIL: (Outcome.LEFT_VOICEMAIL,),
    Channel.IN_PERSON: (Outcome.CONVERSATION, Outcome.OPENING_MENTIONED, Outcome.REFERRAL_GIVEN),
}
CLOSED_REASONS = (
    (ClosedReason.HIRED_ELSEWHERE, 0.4),
    (ClosedReason.NOT_INTERESTED, 0.25),
    (ClosedReason.ASKED_TO_STOP, 0.1),
    (ClosedReason.HIRED_HERE, 0.1),
    (ClosedReason.OTHER, 0.15),
)
ORIGINS = (
    (Origin.INTERVIEWED, 0.35),
    (Origin.REJECTED, 0.3),
    (Origin.NO_OPENING, 0.15),
    (Origin.OFFER_DECLINED, 0.08),
    (Origin.REFERRED, 0.12),
)


def months_of_history(touches: int) -> int:
    return max(MIN_MONTHS, math.ceil(touches / TOUCHES_PER_MONTH))


class _Generator:
    def __init__(self, seed: int, now: pendulum.DateTime) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.now = now
        self.counters: dict[str, int] = {}
        self.company_names: set[str] = set()

    # ---------------------------------------------------------- helpers

    def new_id(self, kind: str) -> str:
        index = self.counters.get(kind, 0)
        self.counters[kind] = index + 1
        return uuid.uuid5(NAMESPACE, f"{self.seed}:{kind}:{index}").hex

    def pick(self, weighted: tuple[tuple[T, float], ...]) -> T:
        values, weights = zip(*weighted, strict=True)
        return self.rng.choices(values, weights)[0]

    def between(self, start: datetime, end: datetime) -> pendulum.DateTime:
        """A moment in [start, end), at a whole second."""
        span = max(1, int((end - start).total_seconds()))
        moment = start + timedelta(seconds=self.rng.randrange(span))
        return pendulum.instance(moment).in_timezone(UTC)

    # ---------------------------------------------------------- records

    def company(self, created: pendulum.DateTime) -> Company:
        rng = self.rng
        for _ in range(50):
            name = f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TRADES)}"
            suffix = rng.choice(COMPANY_SUFFIXES)
            name = f"{name} {suffix}" if suffix else name
            if name not in self.company_names:
                break
        else:
            name = f"{name} {rng.choice(CITIES)}"
        self.company_names.add(name)
        domain = "".join(ch for ch in name.split()[0].lower() if ch.isalnum())
        news = tuple(
            NewsItem(
                on=self.between(created, self.now).date(),
                text=rng.choice(NEWS).format(city=rng.choice(CITIES)),
            )
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))
        )
        return Company(
            id=self.new_id("company"),
            created_at=created,
            updated_at=created,
            name=name,
            website=f"https://{domain}.example.com",
            notes=rng.choice(PROSPECT_NOTES),
            news=tuple(sorted(news, key=lambda item: item.on)),
        )

    def person(self, company: Company, role: PersonRole, created: pendulum.DateTime) -> Person:
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        handle = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii() and ch not in "' ")
        domain = company.website.removeprefix("https://")
        channel = rng.choice((None, None, Channel.EMAIL, Channel.CALL, Channel.LINKEDIN))
        return Person(
            id=self.new_id("person"),
            created_at=created,
            updated_at=created,
            name=f"{first} {last}",
            title=rng.choice(PERSON_TITLES[role]),
            company_id=company.id,
            role=role,
            preferred_channel=channel,
            phone=f"+1 555 {rng.randrange(100, 1000)} {rng.randrange(1000, 10000)}"
            if rng.random() < 0.6
            else "",
            email=f"{handle}@{domain}" if rng.random() < 0.85 else "",
            linkedin=f"https://www.linkedin.com/in/{handle.replace('.', '-')}"
            if rng.random() < 0.7
            else "",
            city=rng.choice(CITIES),
            notes=rng.choice(PERSON_NOTES),
        )

    def note(self, direction: Direction) -> str:
        rng = self.rng
        opener = rng.choice(IN_OPENERS if direction is Direction.IN else OUT_OPENERS)
        return f"{opener} {rng.choice(TOPICS)}{rng.choice(CLOSERS)}"

    def touch(self, prospect: Prospect, at: pendulum.DateTime) -> Touch:
        rng = self.rng
        direction = Direction.IN if rng.random() < 0.2 else Direction.OUT
        channel = self.pick(CHANNELS)
        if direction is Direction.IN:
            outcome = rng.choice((Outcome.REPLIED, Outcome.CONVERSATION, Outcome.OPENING_MENTIONED))
        else:
            outcome = rng.choice(
                OUT_OUTCOMES.get(channel, (Outcome.SENT, Outcome.SENT, Outcome.REPLIED))
            )
        # The main person most of the time, sometimes someone else on the prospect.
        people = prospect.person_ids
        person = people[0] if rng.random() < 0.7 or len(people) == 1 else rng.choice(people)
        return Touch(
            id=self.new_id("touch"),
            created_at=at,
            updated_at=at,
            prospect_id=prospect.id,
            person_id=person,
            at=at,
            channel=channel,
            direction=direction,
            outcome=outcome,
            note=self.note(direction),
            replied=they_replied(direction, outcome),
        )

    # ---------------------------------------------------------- the data set

    def build(self, prospects: int, touches: int) -> list[Record]:
        rng = self.rng
        now = self.now
        start = now.subtract(months=months_of_history(touches))
        latest_touch = now.subtract(minutes=10)
        # Job futures begin over the whole history (a few before it starts, so
        # the oldest touches have somewhere to go), sorted by when they began.
        began = sorted(
            self.between(start.subtract(days=60), now.subtract(days=2)) for _ in range(prospects)
        )
        if began:
            began[0] = start.subtract(days=30)
        companies: list[Company] = []
        people: list[Person] = []
        futures: list[Prospect] = []
        for began_at in began:
            if companies and rng.random() < 0.15:
                company = rng.choice(companies)  # a second job future at the same company
            else:
                company = self.company(began_at)
                companies.append(company)
            is_open = rng.random() < OPEN_SHARE
            stage = self.pick(OPEN_STAGES) if is_open else Stage.ARCHIVE
            reason = None if is_open else self.pick(CLOSED_REASONS)
            roles = [PersonRole.HIRING_MANAGER if rng.random() < 0.75 else self.pick(ROLES)]
            roles += [self.pick(ROLES) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
            staff = [self.person(company, role, began_at) for role in roles]
            if reason is ClosedReason.ASKED_TO_STOP:
                staff[0] = staff[0].model_copy(update={"do_not_contact": True})
            origin = self.pick(ORIGINS)
            referrer = None
            if origin is Origin.REFERRED and people:
                referrer = rng.choice(people).id  # someone met in an earlier job future
            people.extend(staff)
            futures.append(
                Prospect(
                    id=self.new_id("prospect"),
                    created_at=began_at,
                    updated_at=began_at,
                    company_id=company.id,
                    person_ids=tuple(p.id for p in staff),
                    role=rng.choice(JOB_TITLES),
                    stage=stage,
                    origin=origin,
                    began_on=began_at.date(),
                    referred_by_id=referrer,
                    self_assessment=rng.choice(ASSESSMENTS),
                    notes=rng.choice(PROSPECT_NOTES),
                    tags=tuple(rng.sample(TAGS, rng.choice((0, 0, 1, 2)))),
                    closed_reason=reason,
                    closed_note=rng.choice(CLOSED_NOTES[reason]) if reason else "",
                    stage_changed_at=began_at,
                )
            )

        # Touches: uniform over the history; each goes to a job future that had
        # begun a day before it, half the time one of the newest (fresh
        # relationships get most of the attention), otherwise any.
        starts = [p.began_on for p in futures]
        logged: list[Touch] = []
        last_at: dict[str, pendulum.DateTime] = {}
        for _ in range(touches if futures else 0):
            at = self.between(start, latest_touch)
            eligible = bisect.bisect_left(starts, at.date())  # began strictly before
            eligible = max(eligible, 1)
            if rng.random() < 0.5:
                index = rng.randrange(max(0, eligible - max(1, eligible // 5)), eligible)
            else:
                index = rng.randrange(eligible)
            prospect = futures[index]
            touch = self.touch(prospect, at)
            logged.append(touch)
            if prospect.id not in last_at or at > last_at[prospect.id]:
                last_at[prospect.id] = at

        # An archived job future was closed after its last contact; an open one
        # last moved somewhere between its start and its latest touch.
        final: list[Prospect] = []
        for prospect in futures:
            last = last_at.get(prospect.id)
            if prospect.is_open:
                changed = self.between(prospect.created_at, last) if last else prospect.created_at
            else:
                since = last or prospect.created_at
                changed = min(self.between(since, since.add(days=30)), latest_touch)
            update = {"stage_changed_at": changed, "updated_at": max(changed, last or changed)}
            final.append(prospect.model_copy(update=update))
        return [*companies, *people, *final, *logged]


def generate(
    folder: Path,
    prospects: int,
    touches: int,
    seed: int = 1,
    *,
    now: pendulum.DateTime | None = None,
) -> None:
    """Write a synthetic data set into ``folder`` (new or empty) with one save."""
    moment = (now or pendulum.now(UTC)).in_timezone(UTC).replace(microsecond=0)
    records = _Generator(seed, moment).build(prospects, touches)
    repo = Repository.open(folder)
    try:
        repo.save(*records)
    finally:
        repo.close()


# ------------------------------------------------------------------ the cache


def _marker(folder: Path) -> Path:
    return folder.with_name(folder.name + ".complete")


def _source_digest() -> str:
    """The generator's own code: a change to it (a fix that forgot to bump
    GENERATOR_VERSION) makes the cached data sets again."""
    digest = hashlib.sha256()
    for module in ("generate.py", "words.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()[:16]


def _expected_marker(prospects: int, touches: int, seed: int) -> dict[str, object]:
    return {
        "generator": GENERATOR_VERSION,
        "source": _source_digest(),
        "schema": SCHEMA_VERSION,
        "prospects": prospects,
        "touches": touches,
        "seed": seed,
        # Dates are relative to the day of generation: rebuild each month, so
        # the current month's touch file keeps its usual share of the history.
        "month": pendulum.now(UTC).format("YYYY-MM"),
    }


def generated(prospects: int, touches: int, seed: int = 1, *, cache: Path = CACHE) -> Path:
    """The cached data set of this size, generated on first use. Do not write to it."""
    folder = cache / f"p{prospects}-t{touches}"
    marker = _marker(folder)
    expected = _expected_marker(prospects, touches, seed)
    try:
        if json.loads(marker.read_text()) == expected and folder.is_dir():
            return folder
    except (OSError, ValueError):
        pass
    cache.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    generate(building, prospects, touches, seed)
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)
    marker.write_text(json.dumps(expected))
    return folder


def working_copy(source: Path, into: Path | None = None) -> Path:
    """A private copy of a data folder (without its backups), safe to write to."""
    parent = into or Path(tempfile.mkdtemp(prefix="jobfutures-bench-"))
    target = parent / "data"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "jobfutures.lock"))
    return target


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:3]] or [500, 5_000]
    print(generated(*sizes))
