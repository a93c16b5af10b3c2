"""Dates and times as people say them when they log a touch.

'yesterday at 4pm', '2 days ago 6pm', '3 weeks ago', '2 hours ago', '1 month
ago', 'last friday', 'last month', 'this morning', 'noon yesterday', 'Nov 20',
'20/11' (day first, as the app writes dates), '20 November 2025 9:30',
'2026-11-20 14:00', or just '9:30'. Pure: the moment to count from (in the
user's zone) is passed in.

A small grammar rather than a general date parser: a touch is always in the
past, so every phrase reads backwards ('friday' is the last Friday, 'Nov 20'
the last 20 November); anything else gets one clear error with examples
instead of a guess (README, "Values", says why not dateparser). A day without
a time is noon (or now, for today), so the touch stays on that calendar day in
any zone the user moves to.
"""

from __future__ import annotations

import re

import pendulum

__all__ = ["EXAMPLES", "read_day", "read_when"]

EXAMPLES = (
    "use 2026-11-23, 9:30, yesterday 4pm, 2 hours ago, 3 days ago, last friday, "
    "this morning, Nov 20 or 20/11"
)

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_UNITS = {"d": 1, "day": 1, "days": 1, "w": 7, "wk": 7, "week": 7, "weeks": 7}
_MONTH_UNITS = {"month": 1, "months": 1, "mo": 1, "year": 12, "years": 12, "yr": 12, "yrs": 12}
_PARTS = {"morning": 9, "afternoon": 15, "evening": 19, "tonight": 19}
"""Parts of a day, at their usual hour (now, when that is still ahead today)."""

_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$|^(noon|midday|midnight)$")
_COUNT = r"(\d{1,3}|an?|one)"
_AGO = re.compile(rf"^{_COUNT}\s*(d|days?|w|wks?|weeks?|months?|mo|years?|yrs?)\s+ago\b\s*(.*)$")
_SPAN_AGO = re.compile(rf"^{_COUNT}\s*(m|mins?|minutes?|h|hrs?|hours?)\s+ago$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?:\s+(.*))?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([ t]\d{1,2}:\d{2}(:\d{2})?)?$")
_NOISE = re.compile(r"[,.]|\b(at|on|the)\b")


def read_when(text: str, moment: pendulum.DateTime) -> pendulum.DateTime:
    """The instant ``text`` names, counted back from ``moment`` (an aware local time);
    raises ValueError with examples when it cannot be read."""
    words = " ".join(_NOISE.sub(" ", text.strip().lower()).split())
    if not words or words == "now":
        return moment
    if _ISO.match(words):
        return _iso(words, moment)
    if match := _SPAN_AGO.match(words):
        count = _count(match[1])
        hours = match[2].startswith("h")
        return moment.subtract(hours=count) if hours else moment.subtract(minutes=count)
    day, rest = _day(words, moment)
    if day is None:
        if _TIME.match(words) or words in _PARTS:
            return _at(moment.date(), words, moment)
        if (found := _time_first(words, moment)) is not None:
            return found
        raise ValueError(f"'{text.strip()}' is not a date ({EXAMPLES})")
    return _at(day, rest, moment)


def _time_first(words: str, moment: pendulum.DateTime) -> pendulum.DateTime | None:
    """'noon yesterday', '4 pm last friday', 'morning nov 20': the time said first."""
    parts = words.split(" ")
    for size in (1, 2):
        time, rest = " ".join(parts[:size]), " ".join(parts[size:])
        if rest and (_TIME.match(time) or time in _PARTS):
            day, after = _day(rest, moment)
            if day is not None and not after:
                return _at(day, time, moment)
    return None


def _count(word: str) -> int:
    return 1 if word in ("a", "an", "one") else int(word)


def read_day(text: str, today: pendulum.Date) -> pendulum.Date:
    """A calendar day ('yesterday', '3 days ago', 'last friday', 'Nov 20', an ISO date)."""
    words = " ".join(_NOISE.sub(" ", text.strip().lower()).split())
    if _ISO.match(words) and len(words) == 10:
        return pendulum.Date.fromisoformat(words)
    moment = pendulum.datetime(today.year, today.month, today.day, 12)
    if _SPAN_AGO.match(words):
        return read_when(words, moment).date()
    day, rest = _day(words, moment)
    if day is None or rest:
        raise ValueError(f"'{text.strip()}' is not a date ({EXAMPLES})")
    return day


def _day(words: str, moment: pendulum.DateTime) -> tuple[pendulum.Date | None, str]:
    """The day a phrase starts with, and what follows it (a time, or nothing)."""
    today = moment.date()
    first, _, rest = words.partition(" ")
    if first == "today" or (first == "this" and rest.split(" ")[0] in _PARTS):
        return today, rest
    if first == "yesterday":
        return today.subtract(days=1), rest
    if match := _AGO.match(words):
        count = _count(match[1])
        if match[2] in _MONTH_UNITS:
            return today.subtract(months=count * _MONTH_UNITS[match[2]]), match[3]
        return today.subtract(days=count * _UNITS[match[2]]), match[3]
    if first == "last" and rest:
        weekday, _, after = rest.partition(" ")
        if weekday in ("week",):
            return today.subtract(days=7), after
        if weekday in ("month", "year"):
            return today.subtract(months=_MONTH_UNITS[weekday]), after
        day = _weekday(weekday, today, strictly_before=True)
        return (day, after) if day is not None else (None, words)
    day = _weekday(first, today, strictly_before=False)
    if day is not None:
        return day, rest
    return _month_day(words, today)


def _weekday(word: str, today: pendulum.Date, *, strictly_before: bool) -> pendulum.Date | None:
    """The latest such weekday on or before today (before it, after 'last')."""
    found = [name for name in _WEEKDAYS if len(word) >= 3 and name.startswith(word)]
    if len(found) != 1:
        return None
    back = (today.weekday() - _WEEKDAYS.index(found[0])) % 7
    if back == 0 and strictly_before:
        back = 7
    return today.subtract(days=back)


_MONTH_DAY = re.compile(
    r"^(?:([a-z]{3,9})\s+(\d{1,2})|(\d{1,2})\s+([a-z]{3,9}))(?:\s+(\d{4}))?(?:\s+(.*))?$"
)


def _slashed(words: str, today: pendulum.Date) -> tuple[pendulum.Date | None, str]:
    """'20/11', '20/11/2025', '20/11/25': the day first, as the app writes dates
    ('Fri 20 Nov'); '11/20' is refused with the day-first way of writing it."""
    match = _SLASHED.match(words)
    if match is None:
        return None, words
    day_number, month = int(match[1]), int(match[2])
    year = (2000 + int(match[3]) if len(match[3]) == 2 else int(match[3])) if match[3] else None
    try:
        day = pendulum.date(year or today.year, month, day_number)
    except ValueError:
        swapped = f"{match[2]}/{match[1]}" if month > 12 and day_number <= 12 else ""
        hint = f": the day comes first ({swapped})" if swapped else ""
        raise ValueError(f"'{words}' is not a day of the calendar{hint}") from None
    if year is None and day > today:
        day = day.subtract(years=1)  # a touch is in the past: last year's
    return day, match[4] or ""


def _month_day(words: str, today: pendulum.Date) -> tuple[pendulum.Date | None, str]:
    """'nov 20', '20 november', 'november 20 2025', each maybe followed by a time."""
    if "/" in words:
        return _slashed(words, today)
    match = _MONTH_DAY.match(words)
    if match is None:
        return None, words
    name = match[1] or match[4]
    months = [index for index, month in enumerate(_MONTHS, 1) if month.startswith(name)]
    if len(months) != 1:
        return None, words
    day_number = int(match[2] or match[3])
    year = int(match[5]) if match[5] else today.year
    try:
        day = pendulum.date(year, months[0], day_number)
    except ValueError:
        raise ValueError(f"'{words}' is not a day of the calendar") from None
    if not match[5] and day > today:
        day = day.subtract(years=1)  # a touch is in the past: last year's
    return day, match[6] or ""


def _at(day: pendulum.Date, time: str, moment: pendulum.DateTime) -> pendulum.DateTime:
    """``day`` at the time said: noon if none (now, for today)."""
    hour, minute = 12, 0
    if time.strip() in _PARTS:
        at = pendulum.datetime(
            day.year, day.month, day.day, _PARTS[time.strip()], tz=moment.timezone
        )
        return min(at, moment) if day == moment.date() else at
    if time:
        match = _TIME.match(time.strip())
        if match is None:
            raise ValueError(f"'{time.strip()}' is not a time (use 9:30 or 4pm)")
        if match[4] == "midnight":
            hour = 0
        elif match[4] is None:
            hour, minute = int(match[1]), int(match[2] or 0)
            if match[3] == "pm" and hour < 12:
                hour += 12
            elif match[3] == "am" and hour == 12:
                hour = 0
        if hour > 23 or minute > 59:
            raise ValueError(f"'{time.strip()}' is not a time of day")
    elif day == moment.date():
        hour, minute = moment.hour, moment.minute  # "today": now
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=moment.timezone)


def _iso(words: str, moment: pendulum.DateTime) -> pendulum.DateTime:
    """'2026-11-20' (noon) or '2026-11-20 14:00', in the user's zone."""
    day_text, _, time = words.replace("t", " ").partition(" ")
    try:
        day = pendulum.Date.fromisoformat(day_text)
    except ValueError:
        raise ValueError(f"'{words}' is not a date ({EXAMPLES})") from None
    return _at(day, ":".join(time.split(":")[:2]), moment)
