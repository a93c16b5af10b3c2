"""Short, honest phrases for how long ago something happened."""

from __future__ import annotations

from datetime import date

import pendulum


def since(then: pendulum.DateTime, now: pendulum.DateTime) -> str:
    """'today', '3d', '2w', '5mo', '2y': compact enough for a card line."""
    days = (now.date() - then.in_timezone(now.timezone or "UTC").date()).days
    return "today" if days <= 0 else span(days)


def span(days: int) -> str:
    """'3d', '2w', '5mo', '2y': a number of days, short enough for a card."""
    if days < 14:
        return f"{days}d"
    if days < 60:
        return f"{days // 7}w"
    if days < 730:
        return f"{days // 30}mo"
    return f"{days // 365}y"


def short_date(day: pendulum.Date, today: pendulum.Date | None = None) -> str:
    """'Mon 7 Dec': a date near enough that the weekday matters; given ``today``,
    with the year when it is another year's ('Wed 3 Mar 2027')."""
    if today is not None and day.year != today.year:
        return day.format("ddd D MMM YYYY")
    return day.format("ddd D MMM")


def ago(then: pendulum.DateTime, now: pendulum.DateTime) -> str:
    """'today' or '3d ago'."""
    phrase = since(then, now)
    return phrase if phrase == "today" else f"{phrase} ago"


def days_between(earlier: date, later: date) -> int:
    """Whole calendar days from one date to another (pendulum's subtraction
    builds an Interval, twenty times slower)."""
    return later.toordinal() - earlier.toordinal()


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month(day: date, today: date) -> str:
    """'3 Mar', with the year when it is not this year's (pendulum's 'D MMM [YYYY]',
    without its formatter, which costs more than the rest of a suggestion)."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def ordinal(n: int) -> str:
    """'1st', '2nd', '11th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
