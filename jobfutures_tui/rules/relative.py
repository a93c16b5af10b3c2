"""Short, honest phrases for how long ago something happened."""

from __future__ import annotations

import pendulum


def since(then: pendulum.DateTime, now: pendulum.DateTime) -> str:
    """'today', '3d', '2w', '5mo', '2y': compact enough for a card line."""
    days = (now.date() - then.in_timezone(now.timezone or "UTC").date()).days
    if days <= 0:
        return "today"
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
