"""Which channels reach a person, and which fit a kind of touch (docs/advice.md).

Pure data and functions over a person's details: no store, no clock. The
cadence engine asks :func:`choose_channel` once it knows who the next touch
is with and what it is for.

Two rules decide, in this order:

- **Reach**: a channel needs the detail it uses (email an address, LinkedIn a
  profile URL, a call or a text a phone number, a letter a postal address, in
  person the seeker's own city). A text also needs the person to prefer texts
  or to have texted the seeker: nobody else is texted out of the blue.
- **Fit**: each kind of touch lists the channels that suit it, best first
  (:data:`FITS`). Something to read (an article, a work sample, the note after
  their hire) goes in writing, never by a call or a text. Keeping-in-touch
  kinds *rotate*: the next channel differs from the last one used with that
  person ("mix it up"), unless it is the only one that reaches them.

A reachable preferred channel that fits the kind wins. When nothing that fits
reaches the person but something does, the touch becomes a plain check-in by
what does (a work sample for someone known only by phone becomes a call);
when nothing reaches them, there is no channel, and the suggestion asks for a
detail instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from jobfutures_tui.models.enums import Channel, TouchKind

C = Channel


class Reachable(Protocol):
    """What reaching a person reads: a Person or the engine's PersonFacts."""

    @property
    def phone(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def linkedin(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def city(self) -> str: ...
    @property
    def preferred_channel(self) -> Channel | None: ...


class Fit(NamedTuple):
    """The channels that suit one kind of touch."""

    channels: tuple[Channel, ...]
    """Best first."""
    rotate: bool = False
    """Mix it up: not the channel used last with this person, if another reaches them."""
    last_resort: tuple[Channel, ...] = ()
    """Used only when none of ``channels`` reaches the person."""
    instead: TouchKind | None = None
    """What the touch becomes when nothing here reaches the person (a check-in,
    for every kind but the check-in itself)."""
    same_mode: bool = False
    """A reply: the channel they used comes first, when it reaches them and fits."""


_CHECK_IN = TouchKind.CHECK_IN

FITS: dict[TouchKind, Fit] = {
    TouchKind.THANK_YOU: Fit((C.EMAIL, C.LINKEDIN, C.CALL, C.LETTER, C.TEXT), instead=_CHECK_IN),
    TouchKind.FOLLOW_UP: Fit((C.EMAIL, C.CALL, C.LINKEDIN, C.TEXT), rotate=True, instead=_CHECK_IN),
    TouchKind.CHECK_IN: Fit(
        (C.EMAIL, C.CALL, C.LINKEDIN, C.IN_PERSON, C.TEXT), rotate=True, last_resort=(C.LETTER,)
    ),
    TouchKind.VALUE_SHARE: Fit(
        (C.EMAIL, C.LINKEDIN), rotate=True, last_resort=(C.LETTER,), instead=_CHECK_IN
    ),
    TouchKind.WORK_SAMPLE: Fit((C.EMAIL, C.LETTER, C.LINKEDIN), instead=_CHECK_IN),
    TouchKind.AFTER_HIRE: Fit((C.EMAIL, C.LINKEDIN, C.LETTER), instead=_CHECK_IN),
    TouchKind.REFERRAL_ASK: Fit(
        (C.EMAIL, C.CALL, C.IN_PERSON, C.LINKEDIN, C.LETTER), instead=_CHECK_IN
    ),
    TouchKind.OFFER_TO_REFER: Fit(
        (C.EMAIL, C.CALL, C.LINKEDIN, C.TEXT), same_mode=True, instead=_CHECK_IN
    ),
    TouchKind.RECONNECT: Fit((C.EMAIL, C.LINKEDIN, C.CALL, C.LETTER), instead=_CHECK_IN),
    TouchKind.OPENING_REPLY: Fit(
        (C.CALL, C.EMAIL, C.LINKEDIN, C.TEXT, C.IN_PERSON), same_mode=True, instead=_CHECK_IN
    ),
    TouchKind.INTRODUCTION: Fit((C.EMAIL, C.LINKEDIN, C.CALL, C.LETTER), instead=_CHECK_IN),
    TouchKind.REFERRER_THANKS: Fit(
        (C.EMAIL, C.CALL, C.LINKEDIN, C.TEXT, C.LETTER), same_mode=True, instead=_CHECK_IN
    ),
    TouchKind.FIND_MANAGER: Fit((C.EMAIL, C.CALL, C.LINKEDIN), instead=_CHECK_IN),
}
"""Kind of touch → the channels that suit it (see the module docstring)."""

WRITTEN = frozenset({C.EMAIL, C.LINKEDIN, C.LETTER})
"""Channels that carry something to read."""
_PHONE = frozenset({C.CALL, C.VOICEMAIL})


def fitting_channels(kind: TouchKind) -> tuple[Channel, ...]:
    """Every channel the engine may suggest for ``kind`` (without a preference),
    best first: what the built-in scripts must cover."""
    fit = FITS[kind]
    return (*fit.channels, *fit.last_resort)


def reaches(
    person: Reachable | None, channel: Channel, *, my_city: str = "", texted: bool = False
) -> bool:
    """Whether this person's details allow ``channel`` (``texted``: they have texted you)."""
    if person is None:
        return False
    if channel is C.EMAIL:
        return bool(person.email)
    if channel is C.LINKEDIN:
        return bool(person.linkedin)
    if channel in _PHONE:
        return bool(person.phone)
    if channel is C.TEXT:
        return bool(person.phone) and (texted or person.preferred_channel is C.TEXT)
    if channel is C.LETTER:
        return bool(person.address)
    if channel is C.IN_PERSON:
        here = my_city.strip().casefold()
        return bool(here) and person.city.strip().casefold() == here
    return False


def reachable_at_all(person: Reachable | None, *, my_city: str = "", texted: bool = False) -> bool:
    return any(reaches(person, c, my_city=my_city, texted=texted) for c in Channel)


class Choice(NamedTuple):
    channel: Channel | None
    """None: nothing reaches the person."""
    kind: TouchKind
    """The kind asked for, or what it became (:attr:`Fit.instead`)."""


def choose_channel(
    person: Reachable | None,
    kind: TouchKind,
    *,
    last: Channel | None = None,
    their_channel: Channel | None = None,
    my_city: str = "",
    texted: bool = False,
) -> Choice:
    """The channel for a touch of ``kind`` with ``person`` (see the module docstring).

    ``last``: the channel of the last touch out to them; ``their_channel``: the
    channel of the touch this one answers.
    """

    def ok(channel: Channel) -> bool:
        return reaches(person, channel, my_city=my_city, texted=texted)

    seen: set[TouchKind] = set()
    while kind not in seen:
        seen.add(kind)
        fit = FITS[kind]
        chosen = _within(fit, person, ok, last, their_channel)
        if chosen is not None:
            return Choice(chosen, kind)
        if fit.instead is None or not any(ok(c) for c in Channel):
            break
        kind = fit.instead
    return Choice(None, kind)


def _within(
    fit: Fit,
    person: Reachable | None,
    ok: _Test,
    last: Channel | None,
    their_channel: Channel | None,
) -> Channel | None:
    allowed = fit.channels
    preferred = person.preferred_channel if person is not None else None
    if preferred is not None:
        wanted = C.CALL if preferred is C.VOICEMAIL else preferred
        if (wanted in allowed or wanted in fit.last_resort) and ok(wanted):
            return preferred if preferred in _PHONE else wanted
    if fit.same_mode and their_channel is not None:
        theirs = C.CALL if their_channel is C.VOICEMAIL else their_channel
        if theirs in allowed and ok(theirs):
            return theirs
    open_ = [c for c in allowed if ok(c)]
    if not open_:
        return next((c for c in fit.last_resort if ok(c)), None)
    if not fit.rotate or last is None or len(open_) == 1:
        return open_[0]
    return _after(open_, allowed, last)


def _after(open_: list[Channel], order: tuple[Channel, ...], last: Channel) -> Channel:
    """The first open channel after ``last`` in ``order``, going round, never ``last``
    again (a call and a voicemail count as one)."""
    mark = C.CALL if last in _PHONE else last
    at = order.index(mark) + 1 if mark in order else 0
    avoid = _PHONE if last in _PHONE else {last}
    for channel in (*order[at:], *order[:at]):
        if channel in open_ and channel not in avoid:
            return channel
    return open_[0]


class _Test(Protocol):
    def __call__(self, channel: Channel, /) -> bool: ...


_DETAIL_NAMES = (
    ("email", "email"),
    ("phone", "phone"),
    ("linkedin", "LinkedIn profile"),
    ("address", "postal address"),
)


def missing_details(person: Reachable | None) -> str:
    """'email, phone, LinkedIn profile or postal address': what could be added."""
    if person is None:
        names: Iterable[str] = [name for _, name in _DETAIL_NAMES]
    else:
        names = [name for field, name in _DETAIL_NAMES if not getattr(person, field)]
    found = list(names)
    if not found:
        return "contact detail"
    if len(found) == 1:
        return found[0]
    return f"{', '.join(found[:-1])} or {found[-1]}"
