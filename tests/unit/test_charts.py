"""The insights' week chart (widgets/charts.py): no line of it wider than its columns."""

from __future__ import annotations

from datetime import date, timedelta

from jobfutures_tui.widgets.charts import WEEK_WIDTH, week_columns


def test_a_month_that_begins_in_the_last_week_is_named_within_the_columns() -> None:
    """At 80 columns the chart just fits: a label past its last column wrapped onto a
    line of its own ("Dec" under the chart, on 7 December)."""
    starts = [date(2026, 6, 15) + timedelta(weeks=n) for n in range(26)]  # to 7 Dec
    counts = [n % 7 for n in range(26)]
    lines = week_columns(counts, starts, 5).plain.split("\n")
    width = len(counts) * WEEK_WIDTH - 1
    assert max(len(line) for line in lines) == width
    assert lines[-1].split() == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert lines[-1].endswith("Dec")


def test_a_month_that_begins_in_the_first_week_is_named_at_its_start() -> None:
    starts = [date(2026, 6, 1) + timedelta(weeks=n) for n in range(26)]
    months = week_columns([1] * 26, starts, None).plain.split("\n")[-1]
    assert months.startswith("Jun") and months.split()[:2] == ["Jun", "Jul"]
