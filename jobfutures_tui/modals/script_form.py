"""Write or edit a script: the one RecordForm, with channels, stages and origins
typed as comma-separated words ("call, voicemail"), each checked at its field."""

from __future__ import annotations

from typing import Any

from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import Channel, Origin, Script, Stage, TouchKind, revise
from jobfutures_tui.models.enums import Choice
from jobfutures_tui.models.errors import invalid

FIELDS = (
    Field("name", "Name", placeholder="e.g. Call opener: their news"),
    Field("kind", "For", "choice", choices=choices_of(TouchKind, unset="any kind of touch")),
    Field("channels", "Channels", placeholder="empty for any, or e.g. call, voicemail"),
    Field("stages", "Stages", placeholder="empty for any, or e.g. interviewed, offer"),
    Field("origins", "How it began", placeholder="empty for any, or e.g. rejected, referred"),
    Field("purpose", "Purpose", placeholder="what it is for, in a line"),
    Field("body", "Words", "text"),
)


def script_values(script: Script) -> dict[str, Any]:
    return {
        **script.model_dump(),
        "channels": ", ".join(channel.label for channel in script.channels),
        "stages": ", ".join(stage.label for stage in script.stages),
        "origins": ", ".join(origin.label for origin in script.origins),
    }


def script_form(title: str, script: Script | None, *, copy: bool = False) -> RecordForm[Script]:
    """A new script (``script`` None), an edit of one, or (``copy``) a new one
    starting from it: a copy is the user's own, not a built-in."""
    if script is None:
        initial: dict[str, Any] = {"body": "Hi {first_name},\n\n"}
    else:
        initial = script_values(script)
        if copy:
            initial["name"] = f"{script.name} (copy)"

    def build(values: dict[str, Any]) -> Script:
        fields = {
            **values,
            "channels": _listed("channels", values.get("channels"), Channel),
            "stages": _listed("stages", values.get("stages"), Stage),
            "origins": _listed("origins", values.get("origins"), Origin),
        }
        if script is None or copy:
            return Script.model_validate(fields)
        return revise(script, **fields)

    form = RecordForm(title, FIELDS, initial, build)
    form.form_class = "-script"  # wide and tall enough to see the words whole
    return form


def _listed(field: str, text: Any, kind: type[Choice]) -> tuple[Choice, ...]:
    """'call, voicemail' → the members, once each, or an error at the field."""
    found: list[Choice] = []
    for word in str(text or "").split(","):
        if not word.strip():
            continue
        try:
            member = kind.parse(word.strip())
        except ValueError as error:
            raise invalid(field, str(error), text) from None
        if member not in found:
            found.append(member)
    return tuple(found)
