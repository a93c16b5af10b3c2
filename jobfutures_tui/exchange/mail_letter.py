"""One message, as a mail import reads it: who wrote to whom, when, about what.

Headers come from ``exchange.mail_read`` as written; here they become words:
RFC 2047 encoded words decoded, bytes that are not ASCII read as UTF-8 (else
Windows-1252), addresses lower-cased, the date read from ``Date`` (else the
newest ``Received``), and the key a touch keeps of its message
(:func:`source_key`). The rules: docs/mail.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email.header import decode_header
from email.utils import getaddresses, parsedate_to_datetime

import pendulum

from jobfutures_tui.exchange.mail_read import header_fields
from jobfutures_tui.models.clean import one_line
from jobfutures_tui.models.entities import MAIL_SOURCE

SUBJECT_MAX = 300
"""A subject longer than this is cut (a note is for reading at a glance)."""
EARLIEST_YEAR = 1980
"""A date before this is a broken clock or a broken header, not a message."""


def normal_address(text: str) -> str:
    """An address as mail is matched by it: without spaces around, lower-cased."""
    return text.strip().lower()


@dataclass(frozen=True, slots=True)
class Letter:
    """What an import reads of one message."""

    where: str
    sender: str
    recipients: frozenset[str]
    """To, Cc and Bcc."""
    delivered: frozenset[str]
    """Delivered-To and X-Original-To: the mailbox it reached, whatever To said."""
    at: pendulum.DateTime | None
    subject: str
    key: str
    bulk: bool
    automatic: bool


def text_of(raw: str) -> str:
    """A header as words: RFC 2047 encoded words decoded, raw bytes that are not ASCII
    read as UTF-8 (else Windows-1252), folded lines joined, control codes dropped."""
    if any("\udc80" <= ch <= "\udcff" for ch in raw):
        data = raw.encode("ascii", "surrogateescape")
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raw = data.decode("cp1252", "replace")
    if "=?" in raw:
        try:
            parts = decode_header(raw)
        except (ValueError, LookupError, AssertionError):
            parts = [(raw, None)]
        words: list[str] = []
        for part, charset in parts:
            if isinstance(part, bytes):
                words.append(_decoded(part, charset))
            else:
                words.append(part)
        raw = "".join(words)
    return one_line(" ".join(raw.split()))


def _decoded(data: bytes, charset: str | None) -> str:
    for name in (charset, "utf-8"):
        if not name or name == "unknown-8bit":
            continue
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", "replace")


def _addresses(values: list[str]) -> list[str]:
    found = []
    for _, address in getaddresses([text_of(v) for v in values]):
        address = normal_address(address)
        if "@" in address:
            found.append(address)
    return found


def date_of(fields: dict[str, list[str]]) -> pendulum.DateTime | None:
    """When the message was written (Date), else when it reached you (the newest
    Received); None when neither can be read."""
    candidates = list(fields.get("date", [])[:1])
    received = fields.get("received", [])
    if received:
        candidates.append(received[0].rpartition(";")[2])
    for text in candidates:
        try:
            moment = parsedate_to_datetime(" ".join(text.split()))
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        if moment is None:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=pendulum.UTC)
        try:
            at = pendulum.instance(moment).in_timezone("UTC")
        except (ValueError, OverflowError):
            continue
        if at.year >= EARLIEST_YEAR:
            return at
    return None


_ANGLED = re.compile(r"<([^<>\s]+)>")


def source_key(message_id: str, sender: str, at: pendulum.DateTime | None, subject: str) -> str:
    """What a touch keeps of its message (``Touch.source_id``): a hash of the
    Message-ID; without one, of the sender, the date and the subject."""
    found = _ANGLED.search(message_id)
    ident = found.group(1) if found else "".join(message_id.split())
    if ident:
        text = f"id\0{ident}"
    else:
        when = at.isoformat() if at is not None else ""
        text = f"hash\0{sender}\0{when}\0{subject}"
    return MAIL_SOURCE + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_letter(where: str, headers: bytes) -> Letter:
    fields = header_fields(headers)
    senders = _addresses(fields.get("from", []))
    subject = text_of(fields.get("subject", [""])[0])
    if len(subject) > SUBJECT_MAX:
        subject = subject[: SUBJECT_MAX - 1] + "…"
    precedence = " ".join(fields.get("precedence", [])).strip().lower()
    auto = " ".join(fields.get("auto-submitted", [])).strip().lower()
    at = date_of(fields)
    sender = senders[0] if senders else ""
    return Letter(
        where=where,
        sender=sender,
        recipients=frozenset(
            _addresses([*fields.get("to", []), *fields.get("cc", []), *fields.get("bcc", [])])
        ),
        delivered=frozenset(
            _addresses([*fields.get("delivered-to", []), *fields.get("x-original-to", [])])
        ),
        at=at,
        subject=subject,
        key=source_key(" ".join(fields.get("message-id", [""])[:1]), sender, at, subject),
        bulk="list-id" in fields or precedence in ("bulk", "list", "junk"),
        automatic=(bool(auto) and auto != "no")
        or "x-autoreply" in fields
        or "x-autorespond" in fields
        or precedence == "auto_reply",
    )
