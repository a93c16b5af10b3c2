"""Dates as people say them (engine/spoken_dates.py): round trips, and nothing
but a clear ValueError for anything else."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.spoken_dates import EXAMPLES, read_day, read_when

BERLIN = pendulum.timezone("Europe/Berlin")
MOMENT = pendulum.datetime(2026, 11, 23, 15, 30, tz=BERLIN)  # a Monday


@settings(max_examples=examples(200), deadline=None)
@given(st.integers(0, 360), st.integers(0, 23), st.integers(0, 59))
def test_any_recent_day_said_several_ways_reads_back(back: int, hour: int, minute: int) -> None:
    day = MOMENT.date().subtract(days=back)
    ways = [
        f"{back} days ago",
        day.format("MMM D"),
        day.format("D MMMM"),
        day.format("MMMM D, YYYY"),
        day.format("D/M"),
        day.format("DD/MM/YYYY"),
        day.isoformat(),
    ]
    if back < 7:
        ways.append(day.format("dddd"))
    for said in ways:
        assert read_day(said, MOMENT.date()) == day, said
        at = read_when(f"{said} {hour}:{minute:02d}", MOMENT)
        # A time the clocks skip (2:30 on the spring change) is the moment after the gap.
        meant = pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=BERLIN)
        assert (at.date(), at.hour, at.minute) == (meant.date(), meant.hour, meant.minute), said


@settings(max_examples=examples(100), deadline=None)
@given(st.integers(1, 999), st.sampled_from(["hours", "hour", "h", "hrs", "mins", "minutes", "m"]))
def test_hours_and_minutes_ago_count_back_from_now(count: int, unit: str) -> None:
    back = (
        pendulum.duration(hours=count) if unit.startswith("h") else pendulum.duration(minutes=count)
    )
    assert read_when(f"{count} {unit} ago", MOMENT) == MOMENT - back


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("2 hours ago", (2026, 11, 23, 13, 30)),
        ("an hour ago", (2026, 11, 23, 14, 30)),
        ("5 mins ago", (2026, 11, 23, 15, 25)),
        ("1 month ago", (2026, 10, 23, 12, 0)),
        ("last month", (2026, 10, 23, 12, 0)),
        ("2 months ago 9:30", (2026, 9, 23, 9, 30)),
        ("this morning", (2026, 11, 23, 9, 0)),
        ("this afternoon", (2026, 11, 23, 15, 0)),
        ("this evening", (2026, 11, 23, 15, 30)),  # not yet: now
        ("yesterday evening", (2026, 11, 22, 19, 0)),
        ("noon yesterday", (2026, 11, 22, 12, 0)),
        ("4pm last friday", (2026, 11, 20, 16, 0)),
        ("20/11", (2026, 11, 20, 12, 0)),
        ("24/11", (2025, 11, 24, 12, 0)),  # tomorrow's date: last year's
        ("20/11/25 9:30", (2025, 11, 20, 9, 30)),
    ],
)
def test_the_phrases_people_use(said: str, meant: tuple[int, int, int, int, int]) -> None:
    assert read_when(said, MOMENT) == pendulum.datetime(*meant, tz=BERLIN), said


def test_a_month_first_date_is_refused_with_the_day_first_way() -> None:
    with pytest.raises(ValueError, match=r"the day comes first \(20/11\)"):
        read_when("11/20", MOMENT)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=30))
def test_anything_else_is_a_clear_value_error(text: str) -> None:
    try:
        read_when(text, MOMENT)
    except ValueError as error:
        assert "is not a" in str(error)


def test_the_error_gives_examples() -> None:
    try:
        read_when("whenever", MOMENT)
    except ValueError as error:
        assert str(error) == f"'whenever' is not a date ({EXAMPLES})"
    else:
        raise AssertionError("read")
