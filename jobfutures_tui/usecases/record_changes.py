"""One function per change a user makes besides a job future's own (changes.py):
people, the details of a story, scripts, plans, things to share.

Like changes.py, each returns a :class:`~jobfutures_tui.usecases.changes.Change`
(what to save and delete, the words for undo, warnings, what to select after)
and saves nothing: the screens apply it with undo (``JobFutures.apply``), so a
change's words and records are decided here once (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from jobfutures_tui.engine.plural import counted
from jobfutures_tui.engine.relative import short_date
from jobfutures_tui.engine.script_library import missing_builtins, restored
from jobfutures_tui.engine.scripts import render
from jobfutures_tui.models import (
    Company,
    Person,
    Prospect,
    Record,
    Script,
    Shareable,
    Touch,
    dates,
)
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import story
from jobfutures_tui.usecases.changes import Change
from jobfutures_tui.usecases.user_plans import forget_plan


def _saved(verb_added: bool) -> str:
    return "Added" if verb_added else "Edited"


# ------------------------------------------------------------ people


def save_person(records: Sequence[Record], *, added: bool) -> Change:
    """A person from the person form (after the company it may create), named as saved:
    from the people list and from a story alike."""
    person = records[-1]
    assert isinstance(person, Person)
    return Change(f"{_saved(added)} {person.name}", save=tuple(records), select=person.id)


def add_person_to(prospect: Prospect, records: list[Record]) -> Change:
    """Someone new from the person form, one of this job future's people."""
    name = getattr(records[-1], "name", "someone")
    added = story.link_person(prospect, records)
    return Change(f"Added {name}", save=tuple(added), select=records[-1].id)


def link_known_person(prospect: Prospect, known: Person) -> Change:
    """Someone already stored, one of its people (empty when they are already)."""
    save = story.link_known(prospect, known)
    return Change(f"Linked {known.name}", save=tuple(save), select=known.id)


def remove_person(repo: Repository, prospect: Prospect, person: Person) -> Change:
    """Off the job future; the person record goes too when nothing else uses them."""
    save, delete = story.unlink_person(repo, prospect, person)
    return Change(f"Removed {person.name}", save=tuple(save), delete=tuple(delete))


# ------------------------------------------------------------ a story's details


def edit_story(repo: Repository, prospect: Prospect, values: dict[str, Any]) -> Change:
    """A job future's own fields from its story's form (who referred it, tags, dates…)."""
    company = repo.company(prospect.company_id)
    name = company.name if company else "(missing company)"
    revised = story.revise_story(repo, prospect, values)
    return Change(f"Edited {name}", save=(revised,), prospect_id=prospect.id)


def remove_touch(touch: Touch) -> Change:
    when = short_date(touch.at.in_timezone(dates.local_timezone()).date())
    return Change(f"Removed the {touch.channel.label} of {when}", delete=(touch,))


def edit_touch(touch: Touch, values: dict[str, Any]) -> Change:
    """Raises ValidationError naming the field (a touch moved into the future too)."""
    revised = story.revise_touch(touch, values)
    return Change("Edited a touch", save=(revised,), select=revised.id)


def edit_company(company: Company, values: dict[str, Any]) -> Change:
    revised = story.revise_company(company, values)
    return Change(f"Edited {company.name}", save=(revised,), select=revised.id)


def add_news(company: Company, values: dict[str, Any]) -> Change:
    revised = story.add_news(company, values)
    return Change(f"Added news at {company.name}", save=(revised,), select=revised.id)


# ------------------------------------------------------------ scripts


def save_script(script: Script, *, added: bool) -> Change:
    """Warns of ``{words}`` that are no placeholder: they will show as typed."""
    unknown = render(script.body, {}).unknown
    warnings: tuple[str, ...] = ()
    if unknown:
        names = ", ".join(f"{{{name}}}" for name in unknown)
        warnings = (f"{names} is not a placeholder: it will show as is",)
    label = f"{_saved(added)} the script {script.name}"
    return Change(label, save=(script,), warnings=warnings, select=script.id)


def delete_script(script: Script) -> Change:
    return Change(f"Deleted the script {script.name}", delete=(script,))


def restore_script(script: Script) -> Change:
    """A built-in back as shipped."""
    label = f"Restored the script {script.name} as shipped"
    return Change(label, save=(restored(script),), select=script.id)


def restore_missing_scripts(scripts: Iterable[Script]) -> Change:
    """The built-ins deleted, back (empty when every one is here)."""
    missing = missing_builtins(list(scripts))
    count = len(missing)
    label = f"Brought back {counted(count, 'built-in script')}"
    return Change(label, save=tuple(missing), select=missing[0].id if missing else None)


# ------------------------------------------------------------ plans and things to share


def save_plan(plan: CadencePlan, *, added: bool) -> Change:
    return Change(f"{_saved(added)} the plan {plan.name}", save=(plan,), select=plan.id)


def delete_plan(repo: Repository, plan: CadencePlan) -> Change:
    """The job futures that followed it go back to their default plan, in the same change."""
    save, delete = forget_plan(repo, plan)
    return Change(f"Deleted the plan {plan.name}", save=tuple(save), delete=tuple(delete))


def save_shareable(item: Shareable, *, added: bool) -> Change:
    return Change(f"{_saved(added)} {item.title}", save=(item,), select=item.id)


def delete_shareable(item: Shareable) -> Change:
    return Change(f"Deleted {item.title}", delete=(item,))
