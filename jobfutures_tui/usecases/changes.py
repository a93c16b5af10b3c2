"""One function per change a user makes to a job future, for the app and the shell.

Each returns a :class:`Change`: what to save and delete, the words for undo
and for the shell's report, warnings, and the job future to show. Nothing
here saves: the app applies a change with undo (``JobFuturesApp.apply``),
the shell with :meth:`Repository.apply`; so both refuse the same input with
the same words and save the same records (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.relative import short_date
from jobfutures_tui.models import Profile, Prospect, Record, Stage, Touch, revise
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.board import move_to_stage
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.intake import ProspectInput, apply_input
from jobfutures_tui.usecases.lifecycle import ArchiveInput, archive, deletion, reopen
from jobfutures_tui.usecases.profile import same_values
from jobfutures_tui.usecases.skips import skip_due
from jobfutures_tui.usecases.touch_log import Logged, log_from
from jobfutures_tui.usecases.user_plans import choose, plan_of


@dataclass(frozen=True)
class Change:
    """What one user action changes, ready to apply as one undoable change."""

    label: str
    """What it did, in words ('Moved Acme to offer'): undo and the shell say it."""
    save: tuple[Record, ...] = ()
    delete: tuple[Record, ...] = ()
    warnings: tuple[str, ...] = ()
    prospect_id: str | None = None
    """The job future it is about: shown, and whose next touch to report."""
    details: Mapping[str, Any] = field(default_factory=dict)
    """What the shell reports beyond the label (the touch logged, a referral…)."""
    select: str | None = None
    """What the screen selects once it is applied (a person, a script, a plan); None:
    the job future."""

    @property
    def empty(self) -> bool:
        return not self.save and not self.delete

    def next_touch(self, repo: Repository, today: date) -> Suggestion | None:
        """The job future's next touch once the change is applied."""
        if self.prospect_id is None:
            return None
        return next_suggestion(repo, self.prospect_id, today=today)


def company_name(repo: Repository, prospect: Prospect) -> str:
    company = repo.company(prospect.company_id)
    return company.name if company else "this job future"


def log_touch(repo: Repository, values: Mapping[str, Any]) -> Change:
    """The log form's values (or ``jobfutures log``'s options): the touch, a stage move,
    a referral, new items shared. Raises ValidationError naming the field."""
    return logged_change(repo, log_from(repo, dict(values)))


def logged_change(repo: Repository, logged: Logged) -> Change:
    """A touch worked out by the log form (which previews it) as a change."""
    prospect = repo.prospect(logged.touch.prospect_id)
    name = company_name(repo, prospect) if prospect is not None else "this job future"
    return Change(
        f"{logged.label} · {name}",
        save=tuple(logged.save),
        warnings=tuple(logged.warnings),
        prospect_id=logged.touch.prospect_id,
        details={"logged": logged},
    )


def add_or_edit(repo: Repository, data: ProspectInput, prospect: Prospect | None = None) -> Change:
    """A job future added (``prospect`` None) or edited from the form's values."""
    result, records = apply_input(repo, data, prospect)
    verb = "Added" if prospect is None else "Edited"
    return Change(f"{verb} {data.company}", save=tuple(records), prospect_id=result.id)


def move(
    repo: Repository, prospect: Prospect, stage: Stage, *, self_assessment: str | None = None
) -> Change:
    """To another board stage (its plan restarts there), reopening it if archived;
    a move to rejected-but-warm may keep what the user would do differently."""
    name = company_name(repo, prospect)
    if stage is prospect.stage:
        return Change(f"{name} is already in {stage.label}", prospect_id=prospect.id)
    extra = {} if self_assessment is None else {"self_assessment": self_assessment}
    if not prospect.is_open:
        moved = revise(reopen(prospect, stage), **extra) if extra else reopen(prospect, stage)
        return Change(f"Reopened {name} in {stage.label}", save=(moved,), prospect_id=prospect.id)
    moved = move_to_stage(prospect, stage, **extra)
    return Change(f"Moved {name} to {stage.label}", save=(moved,), prospect_id=prospect.id)


def close(repo: Repository, prospect: Prospect, closing: ArchiveInput) -> Change:
    """Archived with a reason: the story is kept, nothing is suggested any more."""
    name = company_name(repo, prospect)
    return Change(
        f"Archived {name} ({closing.reason.label})",
        save=(archive(prospect, closing),),
        prospect_id=prospect.id,
    )


def delete(repo: Repository, prospect: Prospect) -> Change:
    """For mistakes: the job future, its touches, and people and a company only it used."""
    doomed = deletion(repo, prospect)
    touches = sum(isinstance(record, Touch) for record in doomed)
    return Change(
        f"Deleted {company_name(repo, prospect)}",
        delete=tuple(doomed),
        details={"touches": touches},
    )


def snooze(repo: Repository, prospect: Prospect, until: date) -> Change:
    """No touch suggested before ``until``."""
    label = f"Snoozed {company_name(repo, prospect)} until {short_date(until)}"  # type: ignore[arg-type]
    return Change(label, save=(revise(prospect, snoozed_until=until),), prospect_id=prospect.id)


def skip(repo: Repository, prospect: Prospect, today: date) -> Change | None:
    """The touch due, skipped: the plan goes on as if it were made (None: nothing due)."""
    done = skip_due(repo, prospect, today=today)
    if done is None:
        return None
    label = f"Skipped the {done.skip.kind.label} for {company_name(repo, prospect)}"
    return Change(label, save=(done.prospect,), prospect_id=prospect.id)


def choose_plan(repo: Repository, prospect: Prospect, plan_id: str | None) -> Change:
    """Follow ``plan_id`` (None: the default for its stage); empty when it already does."""
    saved = choose(prospect, plan_id)
    plan = plan_of(repo, saved)
    how = f"{plan.name} (its default)" if plan_id is None else plan.name
    label = f"{company_name(repo, prospect)} follows {how}"
    if plan_id == prospect.cadence_plan:
        return Change(label, prospect_id=prospect.id)
    return Change(label, save=(saved,), prospect_id=prospect.id)


def save_profile(profile: Profile, *, stored: Profile | None = None) -> Change:
    """Who you are, from the app's form or ``jobfutures profile``. Given the ``stored``
    profile (the shell), empty when it says what that one says and was asked for."""
    if stored is not None and stored.asked and same_values(stored, profile):
        return Change("Your profile says so already")
    return Change("Saved your profile", save=(profile,))


def mark_profile_asked(profile: Profile) -> Change:
    """The app asked for the profile at a first start, whatever the answer: saved
    outside the undo history, so it is never asked again (usecases/profile.py)."""
    return Change("Asked for your profile", save=(revise(profile, asked=True),))
