"""Scripts filled in for a person, safely, and the scripts that fit a touch.

A body is the user's own text with ``{placeholders}``. It is never handed
to ``str.format`` or a template engine: one regular expression finds
``{name}`` and the name is looked up in a plain dict of strings, so no body
can run code or reach an attribute (``{0.__class__}`` is just an unknown
name). A name that is unknown, or has no value for this person, stays
visible as ``‹name›`` and is reported, so a preview can warn and the user
can fill the gap before sending. Everything else (``$``, stray braces,
``[markup]``) is plain text: the screens show the result with ``rich.text.Text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from jobfutures_tui.models import Channel, Origin, Stage, TouchKind

if TYPE_CHECKING:
    from jobfutures_tui.models import Script

PLACEHOLDERS: dict[str, str] = {
    "first_name": "their first name",
    "name": "their full name",
    "title": "their job title",
    "company": "the company's name",
    "role": "the role you discussed",
    "news": "the company's latest news item",
    "shared": "the last thing you shared with them",
    "to_share": "an item from your library you have not sent them yet",
    "link": "the link of that item",
    "months": "months since you met (a number)",
    "since": "how long since you met, in words (7 months, 2 years)",
    "referrer": "who referred you to them (full name)",
    "referred_to": "the company their latest referral of you led to",
    "my_name": "your name (your profile)",
    "my_first_name": "your first name",
    "my_signature": "how you sign: your profile's signature, else your name",
    "my_email": "your email address",
    "my_phone": "your phone number",
    "my_pitch": "what you do, in one line (your profile)",
}
"""Every name a body may use, with what it becomes."""

SAMPLE_VALUES: dict[str, str] = {
    "first_name": "Priya",
    "name": "Priya Raman",
    "title": "Director of Engineering",
    "company": "Northwind Logistics",
    "role": "Staff Data Engineer",
    "news": "Opened a new distribution hub in Denver",
    "shared": "Article: testing dbt models in CI",
    "to_share": "Talk: streaming joins without tears",
    "link": "https://example.com/talks/streaming-joins",
    "months": "7",
    "since": "7 months",
    "referrer": "Tomás Ibáñez",
    "referred_to": "Fabrikam",
    "my_name": "Sam Ortiz",
    "my_first_name": "Sam",
    "my_signature": "Sam Ortiz",
    "my_email": "sam.ortiz@example.com",
    "my_phone": "+1 555 0142",
    "my_pitch": "data engineer who makes pipelines dull and dependable",
}
"""What the scripts screen previews a body with."""

_PLACEHOLDER = re.compile(r"\{[ \t]*([^{}\s]{1,40})[ \t]*\}")
OPEN, CLOSE = "‹", "›"

PartKind = Literal["text", "value", "missing"]


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a rendered script: the body's own text, a filled-in value,
    or a visible gap (``‹name›``)."""

    text: str
    kind: PartKind
    name: str = ""


@dataclass(frozen=True, slots=True)
class Rendered:
    parts: tuple[Part, ...]
    unknown: tuple[str, ...]
    """Names the body uses that are not placeholders (typos, ``0.__class__``)."""
    empty: tuple[str, ...]
    """Placeholders with no value for this person (no news noted yet…)."""

    @property
    def text(self) -> str:
        return "".join(part.text for part in self.parts)

    @property
    def complete(self) -> bool:
        return not self.unknown and not self.empty


def render(body: str, values: Mapping[str, str]) -> Rendered:
    """``body`` with each known ``{name}`` replaced by its value (names ignore
    case); never raises, never evaluates anything."""
    parts: list[Part] = []
    unknown: list[str] = []
    empty: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(body):
        _add_text(parts, body[at : match.start()])
        at = match.end()
        written = match.group(1)
        name = written.lower()
        value = values.get(name, "") if name in PLACEHOLDERS else ""
        if value:
            parts.append(Part(value, "value", name))
            continue
        parts.append(Part(f"{OPEN}{written}{CLOSE}", "missing", name))
        found = empty if name in PLACEHOLDERS else unknown
        if written not in found:
            found.append(written)
    _add_text(parts, body[at:])
    return Rendered(tuple(parts), tuple(unknown), tuple(empty))


def _add_text(parts: list[Part], text: str) -> None:
    """The body's text between placeholders; after "Contoso, Ltd." the body's
    own full stop is dropped, so the sentence does not end in two."""
    after_stop = parts and parts[-1].kind == "value" and parts[-1].text.endswith(".")
    if after_stop and text.startswith(".") and not text.startswith(".."):
        text = text[1:]
    if text:
        parts.append(Part(text, "text"))


# ------------------------------------------------------------ which scripts fit


def fits_channel(script: Script, channel: Channel) -> bool:
    """A call may end as a voicemail, so voicemail scripts fit a call too."""
    if not script.channels or channel in script.channels:
        return True
    return channel is Channel.CALL and Channel.VOICEMAIL in script.channels


def fits_stage(script: Script, stage: Stage) -> bool:
    return not script.stages or stage in script.stages


def fits_origin(script: Script, origin: Origin) -> bool:
    """How the job future began (after a no, an offer declined, a referral…)."""
    return not script.origins or origin in script.origins


def fitting(
    scripts: Iterable[Script],
    *,
    kind: TouchKind,
    channel: Channel,
    stage: Stage,
    origin: Origin,
    used: Sequence[str] = (),
) -> list[Script]:
    """The scripts for a touch, best first, so the words differ from last time.

    Scripts written for this kind come first: those whose channels, stages and
    origins allow the touch (empty allows all), or else those for another
    channel, or else for another stage or origin, so there are words for it.
    Scripts for any kind (a call close) follow when they fit the channel, the
    stage and the origin. Within each group, scripts never used with this
    person (``used``: script ids of earlier touches, oldest first) come first,
    then the one used longest ago; then the closest fit (naming the channel,
    the stage, the origin), then by name.
    """
    own = [s for s in scripts if s.kind is not None]
    specific = [s for s in own if s.kind is kind]

    def moment(script: Script) -> bool:
        return fits_stage(script, stage) and fits_origin(script, origin)

    found = [s for s in specific if fits_channel(s, channel) and moment(s)]
    found = (
        found
        or [s for s in specific if moment(s)]
        or [s for s in specific if fits_stage(s, stage)]
        or specific
    )
    generic = [s for s in scripts if s.kind is None and fits_channel(s, channel) and moment(s)]
    last_use = {script_id: index for index, script_id in enumerate(used)}

    def order(script: Script) -> tuple[int, int, int, str, str]:
        use = last_use.get(script.id)
        closeness = (
            (channel in script.channels) + (stage in script.stages) + (origin in script.origins)
        )
        return (
            use is not None,
            -1 if use is None else use,
            -closeness,
            script.name.casefold(),
            script.id,
        )

    return sorted(found, key=order) + sorted(generic, key=order)


# ------------------------------------------------------------ months and words


def months_between(start: tuple[int, int, int], end: tuple[int, int, int]) -> int:
    """Whole months from one (year, month, day) to a later one; 0 if not later."""
    months = (end[0] - start[0]) * 12 + end[1] - start[1] - (end[2] < start[2])
    return max(0, months)


def since_words(months: int) -> str:
    """'a few weeks', 'a month', '7 months', 'a year', '3 years'."""
    if months < 1:
        return "a few weeks"
    if months == 1:
        return "a month"
    if months < 12:
        return f"{months} months"
    if months < 24:
        return "a year"
    return f"{months // 12} years"
