"""What a decision is made from among the stored records (:class:`DecisionInputs`),
and what a kept one was made from, to tell whether it still holds
(:mod:`jobfutures_tui.usecases.decisions`): the job future's row, its people's and
its chosen plan's stamps, and the referral offer it owes thanks for.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from jobfutures_tui.engine.cadence import Thanks
from jobfutures_tui.engine.facts import FutureLike, PersonLike
from jobfutures_tui.engine.history import local_day
from jobfutures_tui.engine.plans import Zone, plan_for
from jobfutures_tui.models import dates
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.facts import Facts, my_city
from jobfutures_tui.usecases.referral_offers import referral_offers

if TYPE_CHECKING:
    from jobfutures_tui.models.plan import CadencePlan

KEY_VERSION = 2
"""2: the key names each person (1 held only their stamps)."""

Key = list[Any]
"""``[updated_at, [[id, updated_at] of each person], updated_at of its user plan, the
referral offer it owes thanks for, [stage, skips, chosen plan]]`` of a job
future, as stored (the plan's None when it follows a built-in or default plan)."""


def key_of(row: Mapping[str, Any], records: StoredInputs) -> Key | None:
    """What a decision for this job future depends on among the records (None: unusual)."""
    try:
        stamps = []
        people = records.people
        for person_id in row["person_ids"]:
            person = people.get(person_id)
            stamps.append([person_id, None if person is None else person.get("updated_at")])
        chosen = row.get("cadence_plan")
        plan = records.plan_rows.get(chosen) if chosen else None
        owed = records.referral_offers(row)
        plan_stamp = None if plan is None else plan.get("updated_at")
        # What the engine reads of the row too: under a frozen clock (tests) two
        # versions of a record share a stamp.
        shape = [
            row["stage"],
            len(row.get("skips") or ()),
            row.get("cadence_plan"),
            row.get("plan_chosen_at"),
        ]
        return [row["updated_at"], stamps, plan_stamp, owed, shape]
    except (KeyError, TypeError, AttributeError):
        return None


class StoredInputs:
    """The stored people and plans decisions depend on, read once per pass."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.people = repo.stored_rows("people")
        self.plan_rows = repo.stored_rows("plans")
        self._plans: list[CadencePlan] | None = None
        self._offers: dict[str, list[Any]] | None = None

    def referral_offers(self, row: Mapping[str, Any]) -> list[Any] | None:
        """The latest job future referred by one of this one's people that reached
        the offer stage, as stored: ``[when, referrer, job future]`` (None: none)."""
        if self._offers is None:
            self._offers = referral_offers(self.repo)
        found = [self._offers[p] for p in row.get("person_ids") or () if p in self._offers]
        return max(found) if found else None

    def thanks(self, prospect_id: str, row: Mapping[str, Any], zone: Zone) -> Thanks | None:
        offer = self.referral_offers(row)
        if offer is None or offer[2] == prospect_id:
            return None
        when, person_id, referred_id = offer
        referred = self.repo.prospect(referred_id)
        company = self.repo.company(referred.company_id) if referred else None
        day = local_day(dates.to_utc(when), zone)
        return Thanks(day, person_id, company.name if company else "another company")

    def plans(self) -> list[CadencePlan]:
        """The user's plans, validated (once a pass, and only when a decision is made)."""
        if self._plans is None:
            from jobfutures_tui.models.plan import CadencePlan  # pydantic: only when read

            self._plans = self.repo.records(CadencePlan) if self.plan_rows else []
        return self._plans


class DecisionInputs(NamedTuple):
    """What the engine decides a job future's next touch from, besides its history:
    read here only, so every caller decides from the same things."""

    people: list[PersonLike]
    plan: CadencePlan
    thanks: Thanks | None
    home_city: str
    zone: Zone

    @classmethod
    def of(
        cls,
        repo: Repository,
        future: FutureLike,
        facts: Facts | None = None,
        records: StoredInputs | None = None,
        zone: Zone | None = None,
        home_city: str | None = None,
        row: Mapping[str, Any] | None = None,
    ) -> DecisionInputs:
        facts = facts or Facts(repo)
        records = records or StoredInputs(repo)
        zone = zone or dates.local_timezone()
        if row is None:
            row = repo.stored_rows("prospects").get(future.id)
        thanks = None if row is None else records.thanks(future.id, row, zone)
        return cls(
            facts.people(future),
            plan_for(future, records.plans(), zone=zone),
            thanks,
            my_city(repo) if home_city is None else home_city,
            zone,
        )
