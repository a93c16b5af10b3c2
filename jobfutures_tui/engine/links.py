"""Links that open a touch in the program made for it: a mail draft, a call,
a text, a LinkedIn profile.

Escaping follows the RFCs exactly, so any words arrive intact: mailto
(RFC 6068: every octet outside the unreserved set percent-encoded as UTF-8,
line breaks as CRLF), tel (RFC 3966: digits, a leading +, visual separators
dropped), sms (RFC 5724, with a body). Pure: no browser is opened here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from jobfutures_tui.models.enums import Channel, TouchKind

_SUBJECT = re.compile(r"\ASubject:[ \t]*(.*?)\r?\n(?:[ \t]*\r?\n)*", re.IGNORECASE)
_DIALABLE = re.compile(r"[^0-9+*#]")


@dataclass(frozen=True)
class Message:
    """Words split as a mail program wants them: a subject line and the body."""

    subject: str
    body: str


def split_message(text: str) -> Message:
    """A script's words ('Subject: …' on its first line, if any) as subject and body."""
    match = _SUBJECT.match(text)
    if match is None:
        return Message("", text.strip("\n"))
    return Message(match[1].strip(), text[match.end() :].strip("\n"))


DEFAULT_SUBJECTS: dict[TouchKind | None, str] = {
    TouchKind.THANK_YOU: "Thank you",
    TouchKind.FOLLOW_UP: "Following up on my last note",
    TouchKind.CHECK_IN: "Keeping in touch",
    TouchKind.VALUE_SHARE: "Thought of you",
    TouchKind.WORK_SAMPLE: "Some recent work",
    TouchKind.REFERRAL_ASK: "A small favour",
    TouchKind.OFFER_TO_REFER: "People for your team",
    TouchKind.RECONNECT: "Hello again",
    TouchKind.OPENING_REPLY: "About the opening you mentioned",
    TouchKind.INTRODUCTION: "An introduction",
    TouchKind.REFERRER_THANKS: "Thank you for the introduction",
    TouchKind.FIND_MANAGER: "Thank you, and one question",
    TouchKind.AFTER_HIRE: "A quick hello",
}
"""A mail draft's subject when its words give none (a script without a ``Subject:``
line, as six built-ins are): a mail with no subject reads as spam or a slip. The
built-ins' stored words are not changed for this: a stored built-in that differs
from the shipped words counts as edited by the user (engine/script_library.py)."""


def default_subject(kind: TouchKind | None, me: str = "") -> str:
    """The subject for a touch of this kind; 'Hello from Sam Ortiz' for none."""
    found = DEFAULT_SUBJECTS.get(kind)
    if found:
        return found
    return f"Hello from {me}" if me else "Hello"


def _encoded(text: str) -> str:
    """RFC 6068 and 5724: UTF-8, every reserved octet percent-encoded, CRLF breaks."""
    crlf = re.sub(r"\r?\n", "\r\n", text)
    return quote(crlf, safe="")


def mailto(address: str, message: Message) -> str:
    """'mailto:priya@example.com?subject=…&body=…'."""
    target = quote(address.strip(), safe="@!$'()*+,;:=")
    fields = []
    if message.subject:
        fields.append(f"subject={_encoded(message.subject)}")
    if message.body:
        fields.append(f"body={_encoded(message.body)}")
    return f"mailto:{target}" + (f"?{'&'.join(fields)}" if fields else "")


def dialable(phone: str) -> str:
    """'+1 (555) 010-0100' as 'tel' wants it: '+15550100100'."""
    number = _DIALABLE.sub("", phone)
    return "+" + number.replace("+", "") if number.startswith("+") else number.replace("+", "")


def tel(phone: str) -> str:
    return f"tel:{dialable(phone)}"


def sms(phone: str, body: str = "") -> str:
    return f"sms:{dialable(phone)}" + (f"?body={_encoded(body)}" if body else "")


def profile_url(linkedin: str) -> str:
    """A LinkedIn profile as a web address (https:// added when it was left out)."""
    url = linkedin.strip()
    return url if re.match(r"^https?://", url, re.IGNORECASE) else f"https://{url}"


@dataclass(frozen=True)
class Opening:
    """What opening a touch does: a link to open, or why there is none."""

    url: str | None
    said: str
    """In words: 'a mail to Priya Raman (priya@…)', or why nothing opens."""


def opening(
    channel: Channel | None,
    *,
    name: str,
    email: str = "",
    phone: str = "",
    linkedin: str = "",
    address: str = "",
    words: str = "",
    kind: TouchKind | None = None,
    me: str = "",
) -> Opening:
    """The link for a touch by ``channel`` to this person, with ``words`` filled in;
    a mail whose words name no subject gets the one for its ``kind`` (``me``: the
    seeker's name, for a touch of no kind)."""
    message = split_message(words)
    if channel is Channel.EMAIL and email:
        if not message.subject:
            message = Message(default_subject(kind, me), message.body)
        return Opening(mailto(email, message), f"a mail to {name} ({email})")
    if channel in (Channel.CALL, Channel.VOICEMAIL) and phone:
        return Opening(tel(phone), f"a call to {name} ({phone})")
    if channel is Channel.TEXT and phone:
        return Opening(sms(phone, message.body), f"a text to {name} ({phone})")
    if channel is Channel.LINKEDIN and linkedin:
        return Opening(profile_url(linkedin), f"{name}'s LinkedIn profile")
    if channel is Channel.LETTER:
        where = address.replace("\n", ", ") if address else "no postal address yet"
        return Opening(None, f"a letter has no link: print it and post it to {where}")
    if channel is Channel.IN_PERSON:
        return Opening(None, f"meeting {name} in person has no link: get in touch to set it up")
    if channel is None:
        return Opening(None, f"nothing reaches {name} yet: add an email, phone or LinkedIn profile")
    detail = {Channel.EMAIL: "email address", Channel.LINKEDIN: "LinkedIn profile"}.get(
        channel, "phone number"
    )
    return Opening(None, f"no {detail} for {name}: add one, then open it again")


def contact_detail(
    channel: Channel | None,
    *,
    email: str = "",
    phone: str = "",
    linkedin: str = "",
    address: str = "",
    city: str = "",
) -> str:
    """The detail a touch by ``channel`` uses: the address, the number, the URL ('' if none)."""
    if channel is Channel.EMAIL:
        return email
    if channel in (Channel.CALL, Channel.VOICEMAIL, Channel.TEXT):
        return phone
    if channel is Channel.LINKEDIN:
        return profile_url(linkedin) if linkedin else ""
    if channel is Channel.LETTER:
        return address
    if channel is Channel.IN_PERSON:
        return city
    return ""
