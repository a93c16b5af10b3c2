"""What a built-in script is, and the groups of channels, stages and origins
the library is written for (the words themselves live in script_words_*)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jobfutures_tui.models import Channel, Origin, Stage, TouchKind

EMAIL = (Channel.EMAIL,)
LETTER = (Channel.LETTER,)
LINKEDIN = (Channel.LINKEDIN,)
SHORT = (Channel.LINKEDIN, Channel.TEXT)
"""A line or two: a LinkedIn message or a text."""
CALL = (Channel.CALL,)
VOICEMAIL = (Channel.VOICEMAIL,)
"""About twenty seconds: name, why, something of theirs, your number."""
FACE = (Channel.IN_PERSON,)

NOT_DECLINED = tuple(o for o in Origin if o is not Origin.OFFER_DECLINED)
"""Every origin but an offer the seeker turned down (that thank-you differs)."""
NOT_REFERRED = tuple(o for o in Origin if o is not Origin.REFERRED)
"""Job futures that did not come through someone's referral."""


@dataclass(frozen=True, slots=True)
class BuiltIn:
    """One script as shipped. ``key`` never changes while the meaning stays:
    stored copies and the touches that used them name it."""

    key: str
    name: str
    kind: TouchKind | None
    channels: tuple[Channel, ...]
    purpose: str
    body: str
    stages: tuple[Stage, ...] = ()
    origins: tuple[Origin, ...] = ()

    @property
    def id(self) -> str:
        return f"builtin-{self.key}"

    def fields(self) -> dict[str, Any]:
        """The fields a user can edit, as the code has them."""
        return {
            "name": self.name,
            "kind": self.kind,
            "channels": self.channels,
            "stages": self.stages,
            "origins": self.origins,
            "purpose": self.purpose,
            "body": self.body,
        }


HI = "Hi {first_name},"
DEAR = "Dear {first_name},"
PITCH = "What I do, in a line: {my_pitch}."
SIGNATURE = "{my_signature}"


def written(*paragraphs: str, sign: str, subject: str = "") -> str:
    """An email or a letter: an optional subject line, the paragraphs, then the
    sign-off with the seeker's signature under it (never a bare "Best,")."""
    head = f"Subject: {subject}\n\n" if subject else ""
    return head + "\n\n".join(paragraphs) + f"\n\n{sign}\n{SIGNATURE}"


def short(text: str) -> str:
    """A LinkedIn message or a text: a line or two, signed."""
    return f"{text}\n{SIGNATURE}"
