"""The insights' totals: a share taken out leaves what adding the others gives, and the
totals and shares read back as written (engine/insights_totals.py, usecases/kept_shares.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.insights import Share, Window
from jobfutures_tui.engine.insights_totals import Totals, figures
from jobfutures_tui.engine.replies import Tally
from jobfutures_tui.engine.touch_counts import Counts
from jobfutures_tui.models import Channel, Stage, TouchKind
from jobfutures_tui.usecases.kept_shares import (
    share_from_text,
    share_text,
    totals_from_text,
    totals_text,
)

TODAY = date(2026, 11, 23)
ZONE = pendulum.timezone("Europe/Paris")
FIRST_WEEK = date(2026, 6, 1)  # the chart's 26 weeks
WINDOW = Window(
    TODAY,
    ZONE,
    None,
    datetime.combine(FIRST_WEEK, time(), tzinfo=ZONE),
    datetime.combine(TODAY, time(), tzinfo=ZONE) - timedelta(days=30),
)
DAY = TODAY.toordinal()
HORIZON = WINDOW.horizon.timestamp()
SETTLED = WINDOW.settled.timestamp()

days = st.integers(DAY - 500, DAY)
stages = st.sampled_from(list(Stage))
keys = st.tuples(
    st.sampled_from([Channel.EMAIL, Channel.CALL, Channel.LINKEDIN]),
    st.sampled_from([None, TouchKind.CHECK_IN, TouchKind.THANK_YOU]),
    st.sampled_from([None, "script-a"]),
)


@st.composite
def tallies(draw: st.DrawFn) -> Tally:
    tally = Tally()
    for answer in draw(st.lists(st.one_of(st.none(), st.integers(-1, 30)), max_size=4)):
        tally.add(answer)
    return tally


@st.composite
def shares(draw: st.DrawFn) -> Share:
    mondays = st.integers(0, 40).map(lambda n: FIRST_WEEK.toordinal() - 7 * 10 + 7 * n)
    counts = Counts(
        HORIZON - draw(st.integers(0, 3)) * 86_400,
        SETTLED - draw(st.integers(0, 3)) * 86_400,
        draw(st.integers(0, 20)),
        draw(st.none() | days),
        draw(st.integers(0, 2)),
        tuple(sorted(draw(st.lists(days, max_size=2)))),
        draw(st.dictionaries(mondays, st.integers(1, 5), max_size=4)),
        draw(st.dictionaries(keys, tallies(), max_size=3)),
        tuple(draw(st.lists(st.tuples(st.floats(SETTLED - 9e5, SETTLED + 9e5), keys), max_size=3))),
        tuple(draw(st.lists(st.tuples(days, st.integers(-1, 9)), max_size=5))),
    )
    spell_days = sorted(draw(st.lists(days, min_size=1, max_size=3)))
    spells = tuple((draw(stages), day) for day in spell_days)
    return Share(
        counts,
        spells[-1][0],
        spells,
        tuple((a, b) for (a, _), (b, _) in pairwise(spells) if a is not b),
        draw(st.booleans()),
        draw(st.none() | st.integers(0, 90)),
        draw(st.booleans()),
        draw(st.none() | st.sampled_from(["p1", "p2"])),
        tuple(draw(st.lists(days, max_size=2))),
        draw(st.none() | st.integers(DAY - 5, DAY + 30)),
    )


def figures_of(totals: Totals, chain: list[str] | None = None) -> object:
    return figures(totals, WINDOW, goal=None, since=None, script_names={}, chain=chain or [])


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(shares(), max_size=8), st.data())
def test_a_share_taken_out_leaves_the_others_sum(every: list[Share], data: st.DataObject) -> None:
    gone = data.draw(st.sets(st.integers(0, max(len(every) - 1, 0)), max_size=len(every)))
    both, kept = Totals(), Totals()
    for index, one in enumerate(every):
        both.add(one)
        if index not in gone:
            kept.add(one)
    for index in sorted(gone):
        if index < len(every):
            both.add(every[index], -1)
    assert figures_of(both) == figures_of(kept)


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(shares(), max_size=8))
def test_the_totals_read_back_as_written(every: list[Share]) -> None:
    totals = Totals()
    for one in every:
        totals.add(one)
    found = totals_from_text(totals_text(totals, ["a", "b"], WINDOW))
    assert found is not None
    again, chain = found
    assert chain == ["a", "b"]
    assert figures_of(again) == figures_of(totals)
    assert again.serves(WINDOW) == totals.serves(WINDOW)


@settings(max_examples=examples(40), deadline=None)
@given(shares())
def test_a_share_reads_back_as_written(one: Share) -> None:
    again = share_from_text(share_text(one, ("p1", ("x", "y"), "2026-01-01"), "plan"))
    assert again is not None
    a, b = Totals(), Totals()
    a.add(one)
    b.add(again)
    assert figures_of(a) == figures_of(b)
    assert again.counts.serves(HORIZON, SETTLED) == one.counts.serves(HORIZON, SETTLED)
