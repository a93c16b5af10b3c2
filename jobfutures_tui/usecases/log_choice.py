"""What the log form preselects as the user picks the channel, outcome and direction:
the kind of touch and the script, decided by the engine's rules, so a call that
went to voicemail gets the voicemail words and a touch they made is no plan step.
"""

from __future__ import annotations

from collections.abc import Sequence

from jobfutures_tui.engine.channels import FITS, fitting_channels
from jobfutures_tui.engine.scripts import fits_channel, fitting
from jobfutures_tui.models import Channel, Direction, Outcome, Prospect, Script, Touch, TouchKind
from jobfutures_tui.usecases.script_context import used_script_ids, with_person


def logged_kind(
    planned: TouchKind | None, channel: Channel, direction: Direction
) -> TouchKind | None:
    """The kind of the touch being logged: the planned one, or what the engine makes
    of it by this channel (something to read, by a call, is a check-in); None ("not
    said") when they reached out: their touch is no step of your plan."""
    if direction is Direction.IN or planned is None:
        return None
    spoken = Channel.CALL if channel is Channel.VOICEMAIL else channel
    if spoken in fitting_channels(planned):
        return planned
    return FITS[planned].instead or planned


def words_channel(channel: Channel, outcome: Outcome) -> Channel:
    """The channel the words are for: a call that went to voicemail needs the voicemail's."""
    return Channel.VOICEMAIL if outcome is Outcome.LEFT_VOICEMAIL else channel


def logged_script(
    scripts: Sequence[Script],
    prospect: Prospect,
    touches: Sequence[Touch],
    *,
    kind: TouchKind | None,
    channel: Channel,
    person_id: str | None,
    keep: str | None = None,
) -> str | None:
    """The script for this kind and channel, as the panel would order them (unused
    with this person first); ``keep`` (the one shown) while it still fits the channel."""
    if kind is None:
        return None
    found = fitting(
        scripts,
        kind=kind,
        channel=channel,
        stage=prospect.stage,
        origin=prospect.origin,
        used=used_script_ids(with_person(touches, person_id)),
    )
    for script in found:
        if script.id == keep and script.kind is kind and _names(script, channel):
            return keep
    best = next((s for s in found if _names(s, channel)), found[0] if found else None)
    return best.id if best is not None else None


def _names(script: Script, channel: Channel) -> bool:
    """Written for this channel (or any): a call script is no voicemail's words,
    though the engine lets voicemail scripts stand in for a call."""
    if channel is Channel.CALL and script.channels and Channel.CALL not in script.channels:
        return False
    return fits_channel(script, channel)
