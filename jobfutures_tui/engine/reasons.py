"""The pieces a next touch's reason is said in, shared by every step of deciding it.

A reason is kept as text and dates (:data:`Words`), so a decision can be
stored and its dates shown relative to whatever day it is finished for.
"""

from __future__ import annotations

from datetime import date

from jobfutures_tui.models.enums import Channel

Words = tuple[str | date, ...]
"""A reason before today is known: text, and dates to show as '3 Mar' (with the
year when it is not today's year)."""

NOUN = {
    Channel.CALL: "call",
    Channel.VOICEMAIL: "voicemail",
    Channel.EMAIL: "email",
    Channel.IN_PERSON: "visit",
    Channel.LINKEDIN: "LinkedIn message",
    Channel.TEXT: "text",
    Channel.LETTER: "letter",
}
"""A channel as the thing sent or made ('no reply yet to the email')."""


def first_name(name: str) -> str:
    """How a reason names a person: 'ask Priya', not 'ask Priya Raman'."""
    words = name.split()
    return words[0] if words else name
