"""Reading a stored touch's row without the model: its facts, and which of two
copies of it a crash left behind is the stale one (used by :mod:`touches`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from jobfutures_tui.engine.history import TouchFacts
from jobfutures_tui.models.enums import Channel, Direction, Outcome, TouchKind
from jobfutures_tui.store import layout

_CHANNELS = {member.value: member for member in Channel}
_DIRECTIONS = {member.value: member for member in Direction}
_OUTCOMES = {member.value: member for member in Outcome}
_KINDS = {member.value: member for member in TouchKind}


def facts_as_written(doc_id: str, row: Mapping[str, Any]) -> TouchFacts | None:
    """The facts of a row stored as the model writes it, read unvalidated (tens of
    thousands at a time, and let go: none is interned); None for any other row,
    which only the model may read."""
    try:
        at = datetime.fromisoformat(row["at"])
        created = datetime.fromisoformat(row["created_at"])
        prospect_id, person_id, replied = row["prospect_id"], row["person_id"], row["replied"]
        if (
            at.tzinfo is None  # no offset (edited by hand): the model reads local time
            or created.tzinfo is None
            or type(prospect_id) is not str
            or not prospect_id
            or (person_id is not None and type(person_id) is not str)
            or type(replied) is not bool
            or ((script_id := row.get("script_id")) is not None and type(script_id) is not str)
        ):
            return None
        return TouchFacts(
            doc_id,
            prospect_id,
            at,
            created,
            person_id,
            _CHANNELS[row["channel"]],
            _DIRECTIONS[row["direction"]],
            _OUTCOMES[row["outcome"]],
            replied,
            None if (kind := row.get("kind")) is None else _KINDS[kind],
            script_id,
        )
    except (KeyError, TypeError, ValueError):
        return None


def stale_copy(months: Sequence[str], copies: Sequence[Mapping[str, Any]]) -> str | None:
    """Of a touch found in two months (a crash while its date moved), the month holding
    the copy to drop: the older edit, else the one its date does not put there; None
    when neither can be told."""
    first, second = months
    edited: list[datetime | None]
    try:
        edited = [datetime.fromisoformat(copy["updated_at"]) for copy in copies]
    except (KeyError, TypeError, ValueError):
        edited = [None, None]
    if edited[0] is not None and edited[1] is not None and edited[0] != edited[1]:
        return first if edited[0] < edited[1] else second
    homes = [layout.touches_file(datetime.fromisoformat(copy["at"])) for copy in copies]
    if homes[0] == first and homes[1] != second:
        return second
    if homes[1] == second and homes[0] != first:
        return first
    return None
