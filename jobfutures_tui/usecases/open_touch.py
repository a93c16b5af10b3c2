"""The next touch, ready to open: a link with the script's words filled in, and
the contact detail it uses (``o`` and ``Y`` in the app, ``jobfutures open``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobfutures_tui.engine.channels import choose_channel, fitting_channels
from jobfutures_tui.engine.links import Opening, contact_detail, opening
from jobfutures_tui.engine.scripts import fitting, render
from jobfutures_tui.models import Channel, Person, Script, TouchKind
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.script_context import (
    NextScript,
    next_script,
    used_script_ids,
    with_person,
)


@dataclass(frozen=True)
class ReadyTouch:
    """The touch suggested for a job future, as it would be opened."""

    prospect_id: str
    person: Person | None
    channel: Channel | None
    kind: TouchKind | None
    script_id: str | None
    """The script whose words are in the link (to log it as used)."""
    opening: Opening
    detail: str
    """The contact detail the channel uses ('' when they have none)."""
    script_name: str = ""
    words: str = ""
    """The script filled in for the person, as the link carries it."""
    blanks: tuple[str, ...] = ()
    """Placeholders left unfilled in ``words`` (shown as ‹news›): to fill in before sending."""


def ready_touch(
    repo: Repository,
    prospect_id: str,
    *,
    today: date,
    person_id: str | None = None,
    channel: Channel | None = None,
    script_id: str | None = None,
) -> ReadyTouch | None:
    """The next touch of a job future; None when the job future is gone.

    ``person_id``: with that one of its people instead, by a channel that
    reaches them, in words filled in for them; ``channel``: by that channel
    (the log form's choice); ``script_id``: in that script's words (the one
    the panel or the form shows), else the best that fits.
    """
    view = next_script(repo, prospect_id, today=today, person_id=person_id)
    if view is None:
        return None
    suggestion = view.suggestion
    person = view.person
    suggested = (suggestion.channel, suggestion.kind) if suggestion else (None, None)
    how, kind = suggested
    if person is not None and kind is not None and person.id != _suggested_person(view):
        choice = choose_channel(person, kind, my_city=repo.profile().city)
        how, kind = choice.channel, choice.kind
    how = channel or how
    if person is None:
        said = Opening(None, "nobody to contact here yet: add a person")
        return ReadyTouch(prospect_id, None, how, kind, None, said, "")
    if how is None and suggestion is None:  # not "nothing reaches them": nothing is planned
        said = Opening(None, f"no touch is planned: {_why_none(view)}")
        return ReadyTouch(prospect_id, person, None, None, None, said, "")
    script = _script(repo, view, (how, kind) != suggested, how, kind, script_id)
    rendered = render(script.body, view.values) if script is not None else None
    words = rendered.text if rendered is not None else ""
    blanks = (*rendered.empty, *rendered.unknown) if rendered is not None else ()
    words_for = script.kind if script is not None and script.kind is not None else kind
    details = {
        "email": person.email,
        "phone": person.phone,
        "linkedin": person.linkedin,
        "address": person.address,
    }
    return ReadyTouch(
        prospect_id,
        person,
        how,
        kind,
        script.id if script is not None else None,
        opening(
            how, name=person.name, words=words, kind=words_for, me=repo.profile().name, **details
        ),
        contact_detail(how, city=person.city, **details),
        script.name if script is not None else "",
        words,
        blanks,
    )


def _why_none(view: NextScript) -> str:
    """Why the job future has no next touch, in words ('the job future is archived')."""
    if view.stopped == "archived":
        return "the job future is archived"
    if view.stopped:
        return view.stopped
    snoozed = view.prospect.snoozed_until
    if snoozed is not None:
        return f"it is snoozed until {snoozed:%d %b %Y}"
    return "its plan has no next touch"


def _suggested_person(view: NextScript) -> str | None:
    return view.suggestion.person_id if view.suggestion is not None else None


def _script(
    repo: Repository,
    view: NextScript,
    refit: bool,
    channel: Channel | None,
    kind: TouchKind | None,
    script_id: str | None,
) -> Script | None:
    """The script asked for; else the best for the touch (fitted again when the person
    or the channel is not the suggestion's)."""
    if script_id is not None:
        chosen = next((s for s in repo.records(Script) if s.id == script_id), None)
        if chosen is not None:
            return chosen
    if not refit or kind is None:
        return view.scripts[0] if view.scripts else None
    person_id = view.person.id if view.person is not None else None
    touches = with_person(repo.touches_for(view.prospect.id), person_id)
    found = fitting(
        repo.records(Script),
        kind=kind,
        channel=channel or fitting_channels(kind)[0],
        stage=view.prospect.stage,
        origin=view.prospect.origin,
        used=used_script_ids(touches),
    )
    return found[0] if found else None
