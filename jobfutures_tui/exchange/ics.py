"""The touches due, as an iCalendar file (RFC 5545) a calendar app can subscribe to or import.

One all-day event per open job future with a touch due, on the day it is due
(an overdue one on the day of the export, so it is not lost in the past).
The UID is the job future's, so its event moves as its next touch changes
instead of multiplying. Given the events of the previous file
(:func:`read_events`), an event that changed gets a higher SEQUENCE, one
that did not keeps its own, and a job future no longer due in range is sent
once more with STATUS:CANCELLED, so calendars that imported it drop it.
Written by hand (CRLF line ends, lines folded at 75 octets without splitting
a character, text escaped): a few dozen lines, which the tests read back with
the icalendar library.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pendulum

from jobfutures_tui import __version__
from jobfutures_tui.engine.plural import counted
from jobfutures_tui.usecases.due import DueItem

LINE_OCTETS = 75
PRODID = f"-//jobfutures//jobfutures {__version__}//EN"
PRODUCT = "-//jobfutures//"
"""How a file of ours starts its PRODID, whatever the version."""
UID_DOMAIN = "jobfutures.invalid"
"""A domain that will never be anyone's, as RFC 5545 suggests for UIDs."""
SEQUENCE_EPOCH = pendulum.datetime(2024, 1, 1, tz="UTC")
CANCELLED_KEPT_DAYS = 30
"""A cancelled event stays in the file this long, for calendars that poll rarely."""
CONFIRMED, CANCELLED = "CONFIRMED", "CANCELLED"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_OWN = {"UID", "DTSTAMP", "SEQUENCE", "LAST-MODIFIED", "STATUS"}
"""Properties written for every event, not compared to tell whether it changed."""


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped, controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    start, limit = 0, LINE_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, LINE_OCTETS - 1  # the leading space counts
    return "\r\n ".join(parts)


def uid(prospect_id: str) -> str:
    """One event per job future: its next touch, wherever it moves."""
    return f"{prospect_id}@{UID_DOMAIN}"


def _date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _stamp(moment: pendulum.DateTime) -> str:
    return moment.in_timezone("UTC").format("YYYYMMDD[T]HHmmss[Z]")


def summary(item: DueItem) -> str:
    s = item.suggestion
    who = f"{item.person} ({item.company})" if item.person else item.company
    how = s.channel.label if s.channel is not None else "reach"
    how = how[:1].upper() + how[1:]  # 'LinkedIn' stays as it is written
    return f"{how} {who}: {s.kind.label}"


def description(item: DueItem, today: dt.date) -> str:
    s = item.suggestion
    lines = [
        f"Channel: {s.channel.label if s.channel is not None else 'none yet (add a detail)'}",
        f"Touch: {s.kind.label}",
        f"Why: {s.reason}",
        f"Job future: {item.company} ({item.stage.label})",
    ]
    if item.person:
        lines.append(f"Contact: {item.person}")
    if s.due < today:
        days = (today - s.due).days
        lines.append(f"Due {s.due.isoformat()}: {counted(days, 'day')} overdue")
    return "\n".join(lines)


def _categories(item: DueItem) -> str:
    """A list: each category escaped, the commas between them not."""
    channel = item.suggestion.channel
    return "jobfutures" if channel is None else f"jobfutures,{escape(channel.label)}"


def trigger(alarm: dt.time) -> str:
    """The alarm's offset from the start of an all-day event: 'PT9H', 'PT14H30M'."""
    if alarm.hour == alarm.minute == 0:
        return "PT0S"
    return (
        "PT"
        + (f"{alarm.hour}H" if alarm.hour else "")
        + (f"{alarm.minute}M" if alarm.minute else "")
    )


def event_lines(item: DueItem, today: dt.date, alarm: dt.time | None = None) -> list[str]:
    """What an event says (unfolded), without the properties every event has (:data:`_OWN`)."""
    day = max(item.suggestion.due, today)
    lines = [
        f"DTSTART;VALUE=DATE:{_date(day)}",
        f"DTEND;VALUE=DATE:{_date(day + dt.timedelta(days=1))}",
        f"SUMMARY:{escape(summary(item))}",
        f"DESCRIPTION:{escape(description(item, today))}",
        f"CATEGORIES:{_categories(item)}",
        "TRANSP:TRANSPARENT",
    ]
    if alarm is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape(summary(item))}",
            f"TRIGGER:{trigger(alarm)}",
            "END:VALARM",
        ]
    return lines


@dataclass(frozen=True)
class Event:
    """An event as a calendar file has it: enough to tell whether it changed."""

    uid: str
    sequence: int
    modified: str
    """LAST-MODIFIED, as written (UTC)."""
    status: str
    lines: tuple[str, ...]
    """Every other content line, unfolded, VALARM included."""


def read_events(data: bytes) -> dict[str, Event]:
    """The events of a calendar this module wrote, by UID ({} for anyone else's file)."""
    if not is_ours(data):
        return {}
    text = re.sub(r"\r?\n[ \t]", "", data.decode("utf-8", errors="replace"))
    events: dict[str, Event] = {}
    body: list[str] | None = None
    own: dict[str, str] = {}
    depth = 0
    for line in text.splitlines():
        if line == "BEGIN:VEVENT":
            body, own, depth = [], {}, 0
        elif line == "END:VEVENT" and body is not None:
            if own.get("UID"):
                events[own["UID"]] = Event(
                    own["UID"],
                    int(own["SEQUENCE"]) if own.get("SEQUENCE", "").isdigit() else 0,
                    own.get("LAST-MODIFIED", own.get("DTSTAMP", "")),
                    own.get("STATUS", CONFIRMED).upper(),
                    tuple(body),
                )
            body = None
        elif body is not None:
            depth += line.startswith("BEGIN:") - line.startswith("END:")
            name = re.split("[;:]", line, maxsplit=1)[0].upper()
            if depth == 0 and name in _OWN:
                own[name] = line.split(":", 1)[1] if ":" in line else ""
            else:
                body.append(line)
    return events


def is_ours(data: bytes) -> bool:
    """Whether a file is a calendar jobfutures wrote (and may rewrite)."""
    head = data[:600].decode("utf-8", errors="replace")
    return head.startswith("BEGIN:VCALENDAR") and f"PRODID:{PRODUCT}" in head


def calendar(
    items: Sequence[DueItem],
    *,
    today: dt.date,
    stamp: pendulum.DateTime,
    previous: Mapping[str, Event] | None = None,
    alarm: dt.time | None = None,
    name: str = "jobfutures: touches due",
) -> bytes:
    """The VCALENDAR, as UTF-8 bytes with CRLF line ends.

    ``previous``: the events of the file this one replaces. Without them each
    event's SEQUENCE counts minutes, so a later export still wins on import.
    """
    previous = previous or {}
    minutes = max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60))
    now = _stamp(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]

    def event(key: str, status: str, body: Sequence[str]) -> list[str]:
        before = previous.get(key)
        if before is None:
            sequence, modified = minutes, now
        elif before.status == status and before.lines == tuple(body):
            sequence, modified = before.sequence, before.modified
        else:
            sequence, modified = max(before.sequence + 1, minutes), now
        own = [f"UID:{key}", f"DTSTAMP:{now}", f"LAST-MODIFIED:{modified}"]
        own += [f"SEQUENCE:{sequence}", f"STATUS:{status}"]
        return ["BEGIN:VEVENT", *own, *body, "END:VEVENT"]

    due = {uid(item.prospect_id): item for item in items}
    for key, item in due.items():
        lines += event(key, CONFIRMED, event_lines(item, today, alarm))
    oldest = _stamp(stamp.subtract(days=CANCELLED_KEPT_DAYS))
    for key, before in previous.items():
        if key in due or (before.status == CANCELLED and before.modified < oldest):
            continue
        lines += event(key, CANCELLED, _without_alarms(before.lines))
    if len(lines) == 6:  # RFC 5545 wants at least one component: a note that nothing is due
        lines += [
            "BEGIN:VJOURNAL",
            f"UID:nothing-due@{UID_DOMAIN}",
            f"DTSTAMP:{now}",
            f"DTSTART;VALUE=DATE:{_date(today)}",
            "SUMMARY:jobfutures: nothing due",
            "END:VJOURNAL",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")


def _without_alarms(lines: Sequence[str]) -> list[str]:
    """A cancelled event rings no more."""
    kept, depth = [], 0
    for line in lines:
        if line == "BEGIN:VALARM":
            depth += 1
        if depth == 0:
            kept.append(line)
        if line == "END:VALARM":
            depth -= 1
    return kept


def same_events(old: bytes, new: bytes) -> bool:
    """Whether two files differ only in when they were written (DTSTAMP)."""

    def content(data: bytes) -> list[bytes]:
        unfolded = data.replace(b"\r\n ", b"").split(b"\r\n")
        return [line for line in unfolded if not line.startswith(b"DTSTAMP:")]

    return content(old) == content(new)
