"""The touches due, as an iCalendar file (RFC 5545) a calendar app can subscribe to or import.

One all-day event per job future with a touch due, on the day it is due (an
overdue one on the day of the export, so it is not lost in the past). The
UID is made of the job future and the kind of touch, so importing a newer
export moves the event instead of adding a second one; SEQUENCE grows with
the export time, so calendars accept the change. Written by hand (CRLF line
ends, lines folded at 75 octets without splitting a character, text
escaped): it is a few dozen lines, and the tests read it back with the
icalendar library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pendulum

from jobfutures_tui import __version__
from jobfutures_tui.usecases.due import DueItem

LINE_OCTETS = 75
PRODID = f"-//jobfutures//jobfutures {__version__}//EN"
UID_DOMAIN = "jobfutures.invalid"
"""A domain that will never be anyone's, as RFC 5545 suggests for UIDs."""
SEQUENCE_EPOCH = pendulum.datetime(2024, 1, 1, tz="UTC")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


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


def uid(item: DueItem) -> str:
    return f"{item.prospect_id}-{item.suggestion.kind.value}@{UID_DOMAIN}"


def _date(day: pendulum.Date) -> str:
    return day.format("YYYYMMDD")


def _stamp(moment: pendulum.DateTime) -> str:
    return moment.in_timezone("UTC").format("YYYYMMDD[T]HHmmss[Z]")


def summary(item: DueItem) -> str:
    s = item.suggestion
    who = f"{item.person} ({item.company})" if item.person else item.company
    how = s.channel.label.capitalize() if s.channel is not None else "Reach"
    return f"{how} {who}: {s.kind.label}"


def description(item: DueItem, today: pendulum.Date) -> str:
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
        lines.append(f"Due {s.due.isoformat()}: {days} day{'s' if days != 1 else ''} overdue")
    return "\n".join(lines)


def _categories(item: DueItem) -> str:
    channel = item.suggestion.channel
    return "jobfutures" if channel is None else f"jobfutures,{channel.label}"


def calendar(
    items: Sequence[DueItem],
    *,
    today: pendulum.Date,
    stamp: pendulum.DateTime,
    name: str = "jobfutures: touches due",
) -> bytes:
    """The VCALENDAR, as UTF-8 bytes with CRLF line ends."""
    sequence = max(0, int((stamp - SEQUENCE_EPOCH).total_seconds() // 60))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for item in items:
        day = max(item.suggestion.due, today)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(item)}",
            f"DTSTAMP:{_stamp(stamp)}",
            f"LAST-MODIFIED:{_stamp(stamp)}",
            f"SEQUENCE:{sequence}",
            f"DTSTART;VALUE=DATE:{_date(day)}",
            f"DTEND;VALUE=DATE:{_date(day.add(days=1))}",
            f"SUMMARY:{escape(summary(item))}",
            f"DESCRIPTION:{escape(description(item, today))}",
            f"CATEGORIES:{escape(_categories(item))}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
