"""Dates as people say them (engine/spoken_dates.py): round trips, and nothing
but a clear ValueError for anything else."""

from __future__ import annotations

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from jobfutures_tui.engine.spoken_dates import EXAMPLES, read_day, read_when

BERLIN = pendulum.timezone("Europe/Berlin")
MOMENT = pendulum.datetime(2026, 11, 23, 15, 30, tz=BERLIN)  # a Monday


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 360), st.integers(0, 23), st.integers(0, 59))
def test_any_recent_day_said_several_ways_reads_back(back: int, hour: int, minute: int) -> None:
    day = MOMENT.date().subtract(days=back)
    ways = [
        f"{back} days ago",
        day.format("MMM D"),
        day.format("D MMMM"),
        day.format("MMMM D, YYYY"),
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


@settings(max_examples=300, deadline=None)
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
