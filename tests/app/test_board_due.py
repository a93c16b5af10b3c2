"""Board cards say when the next touch is due, in colour; columns put the most urgent first."""

from __future__ import annotations

import re

import pendulum
import pytest
from clock import frozen_at
from pilot_helpers import add_prospect

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.engine.cadence import Suggestion, Urgency
from jobfutures_tui.engine.relative import span
from jobfutures_tui.models import Outcome, Stage, Touch
from jobfutures_tui.models.enums import Channel, TouchKind
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.board import Due, due_phrase
from jobfutures_tui.widgets.stage_column import PITCH, StageColumn

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")  # a Monday
TODAY = NOW.date()


frozen = frozen_at(NOW)


def log(repo: Repository, prospect_id: str, days_ago: int, **fields: object) -> None:
    prospect = repo.prospect(prospect_id)
    assert prospect is not None
    repo.save(
        Touch(
            prospect_id=prospect_id,
            person_id=prospect.main_person_id,
            at=NOW.subtract(days=days_ago).set(hour=9),
            **{"channel": "email", **fields},  # type: ignore[arg-type]
        )
    )
    repo.flush()


def seed(repo: Repository) -> None:
    late = add_prospect(repo, "Late Ltd")
    log(repo, late.id, 30)  # follow-up due 23 days ago
    tie_a = add_prospect(repo, "Tie A")
    log(repo, tie_a.id, 10)  # follow-up due 3 days ago, touched 10 days ago
    tie_b = add_prospect(repo, "Tie B")
    log(repo, tie_b.id, 6, channel="call", outcome="left-voicemail")  # retry due 3 days ago
    add_prospect(repo, "Fresh Co")  # thank-you due tomorrow
    stopped = add_prospect(repo, "Stopped Inc")
    log(repo, stopped.id, 1, direction="in", outcome=Outcome.ASKED_TO_STOP)
    answered = add_prospect(repo, "Answered")
    log(repo, answered.id, 2, direction="in", outcome="replied")  # thank-you due tomorrow
    later = add_prospect(repo, "Later Co")
    log(repo, later.id, 20, outcome="conversation")
    log(repo, later.id, 2, outcome="conversation")  # the next check-in in two weeks


def companies(board: BoardScreen, stage: Stage) -> list[str]:
    return [board.card(i).company for i in board.columns[stage]]


def last_line(column: StageColumn, index: int) -> tuple[str, list]:
    """The text of a card's last line and its segments (scrolled to the top)."""
    strip = column.render_line(index * PITCH + 3)
    return strip.text.rstrip(), list(strip)


async def test_columns_put_the_most_urgent_first(repo: Repository) -> None:
    seed(repo)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        # Equally overdue: the one longest without a touch first. Nothing to
        # suggest (they asked to stop): last.
        # Due tomorrow: the one who just answered (warmth) first. Due later:
        # after both, though warm too.
        assert companies(board, Stage.INTERVIEWED) == [
            "Late Ltd",
            "Tie A",
            "Tie B",
            "Answered",
            "Fresh Co",
            "Later Co",
            "Stopped Inc",
        ]


async def test_an_offer_outranks_a_slightly_late_interview(repo: Repository) -> None:
    late = add_prospect(repo, "Interviewed Late")
    log(repo, late.id, 8)  # one day overdue
    offer = add_prospect(repo, "Offer Soon", stage=Stage.OFFER)
    log(repo, offer.id, 8)
    opening = add_prospect(repo, "Opening", stage=Stage.OFFER)
    log(repo, opening.id, 0, direction="in", outcome=Outcome.OPENING_MENTIONED)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert companies(board, Stage.OFFER) == ["Opening", "Offer Soon"]
        assert board.card(opening.id).next is not None
        assert board.card(opening.id).next.kind is TouchKind.OPENING_REPLY


async def test_cards_show_when_the_next_touch_is_due_in_colour(repo: Repository) -> None:
    seed(repo)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(180, 44)) as pilot:  # wide columns beside the script panel
        await pilot.pause()
        column = app.screen.query_one("#column-interviewed", StageColumn)
        lines = [last_line(column, index) for index in range(7)]
        texts = [text.strip(" ▌") for text, _ in lines]
        assert texts == [
            "email 4w ago · 3w overdue",
            "email 10d ago · 3d overdue",
            "call 6d ago · 3d overdue",
            "email 2d ago · due tomorrow",
            "no touch yet · due tomorrow",
            "email 2d ago · in 12d",
            "email 1d ago · nothing planned",
        ]

        def colour_of(words: str, segments: list) -> object:
            found = [s.style.color for s in segments if words in s.text]
            assert found, f"{words!r} not drawn"
            return found[0]

        def expected(component: str) -> object:
            return column.get_component_rich_style(component).color

        assert colour_of("3w overdue", lines[0][1]) == expected("card--overdue")
        assert colour_of("due tomorrow", lines[4][1]) == expected("card--due-soon")
        assert colour_of("in 12d", lines[5][1]) == expected("card--due-later")
        assert colour_of("email 4w ago", lines[0][1]) == expected("card--muted")
        assert expected("card--overdue") != expected("card--due-soon") != expected("card--muted")


async def test_narrow_columns_drop_words_never_cut_them(repo: Repository) -> None:
    seed(repo)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 44)) as pilot:
        await pilot.pause()
        column = app.screen.query_one("#column-interviewed", StageColumn)
        whole = re.compile(
            r"^((\S+ )*\S+ · )?(\d+(d|w|mo|y) overdue|due \w+|in \d+(d|w|mo|y)|nothing planned)$"
        )
        for index in range(7):
            text = last_line(column, index)[0].strip(" ▌")
            assert whole.match(text) or text.endswith("…"), text
            left = text.rpartition(" · ")[0]
            assert not re.search(r"\d+(d|w|mo|y)$", left), f"{text}: without 'ago', a date?"
        assert last_line(column, 0)[0].strip(" ▌").endswith("3w overdue")


def suggestion(due: pendulum.Date) -> Suggestion:
    return Suggestion(due, TouchKind.CHECK_IN, Channel.EMAIL, None, "", 0, Urgency(()), "x")


@pytest.mark.parametrize(
    ("days", "phrase", "level"),
    [
        (-1, "1d overdue", Due.OVERDUE),
        (-20, "2w overdue", Due.OVERDUE),
        (-400, "13mo overdue", Due.OVERDUE),
        (0, "due today", Due.SOON),
        (1, "due tomorrow", Due.SOON),
        (3, "due Thu", Due.SOON),
        (6, "due Sun", Due.SOON),
        (7, "in 7d", Due.SOON),  # this week: the next seven days, as on Today
        (8, "in 8d", Due.LATER),
        (21, "in 3w", Due.LATER),
        (800, "in 2y", Due.LATER),
    ],
)
def test_due_phrases(days: int, phrase: str, level: Due) -> None:
    assert due_phrase(suggestion(TODAY.add(days=days)), TODAY) == (phrase, level)
    assert due_phrase(None, TODAY) == ("nothing planned", Due.NONE)
    assert span(13) == "13d"
