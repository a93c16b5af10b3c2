"""The next touch, ready to open: a link with the script's words filled in, and
the contact detail it uses (``o`` and ``Y`` in the app, ``jobfutures open``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobfutures_tui.engine.channels import choose_channel
from jobfutures_tui.engine.links import Opening, contact_detail, opening
from jobfutures_tui.engine.scripts import render
from jobfutures_tui.models import Channel, Person, TouchKind
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.script_context import next_script


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


def ready_touch(
    repo: Repository, prospect_id: str, *, today: date, person_id: str | None = None
) -> ReadyTouch | None:
    """The next touch of a job future (with ``person_id``, with that person instead,
    by a channel that reaches them); None when the job future is gone."""
    view = next_script(repo, prospect_id, today=today)
    if view is None:
        return None
    suggestion = view.suggestion
    person = view.person
    channel = suggestion.channel if suggestion else None
    kind = suggestion.kind if suggestion else None
    if person_id is not None and (person is None or person.id != person_id):
        person = repo.person(person_id)
        if person is not None and kind is not None:
            choice = choose_channel(person, kind, my_city=repo.profile().city)
            channel, kind = choice.channel, choice.kind
    script = view.scripts[0] if view.scripts else None
    words = render(script.body, view.values).text if script is not None else ""
    if person is None:
        said = Opening(None, "nobody to contact here yet: add a person")
        return ReadyTouch(prospect_id, None, channel, kind, None, said, "")
    details = {
        "email": person.email,
        "phone": person.phone,
        "linkedin": person.linkedin,
        "address": person.address,
    }
    return ReadyTouch(
        prospect_id,
        person,
        channel,
        kind,
        script.id if script is not None else None,
        opening(channel, name=person.name, words=words, **details),
        contact_detail(channel, city=person.city, **details),
    )
