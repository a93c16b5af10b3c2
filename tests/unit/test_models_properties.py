"""Rules with many cases, checked with hypothesis: dates, choices, text clean-up."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from jobfutures_tui.models import (
    Channel,
    ClosedReason,
    Company,
    Direction,
    NewsItem,
    Origin,
    Outcome,
    PersonRole,
    Stage,
    Touch,
)
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.models.dates import to_date, to_utc

CHOICES = (Stage, Channel, Direction, Outcome, PersonRole, Origin, ClosedReason)

offset_minutes = st.integers(min_value=-14 * 60, max_value=14 * 60)
offsets = offset_minutes.map(lambda minutes: timezone(timedelta(minutes=minutes)))
naive_times = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30))
aware_times = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30), timezones=offsets
)
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(aware_times)
def test_instant_keeps_the_moment_and_is_stored_as_utc(moment: datetime) -> None:
    instant = to_utc(moment)
    assert instant == moment
    assert isinstance(instant, pendulum.DateTime)
    assert instant.utcoffset() == timedelta(0)
    text = Touch(prospect_id="p", at=moment, channel="call").model_dump(mode="json")["at"]
    assert text.endswith("+00:00")
    assert datetime.fromisoformat(text) == moment


@given(aware_times)
def test_instant_round_trips_through_text_and_json(moment: datetime) -> None:
    assert to_utc(moment.isoformat()) == moment
    touch = Touch(prospect_id="p", at=moment, channel="call")
    again = Touch.model_validate_json(touch.model_dump_json())
    assert again == touch
    assert again.at == moment


@given(naive_times, offset_minutes)
def test_naive_time_is_read_in_the_local_zone(moment: datetime, minutes: int) -> None:
    zone = timezone(timedelta(minutes=minutes))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates_module, "local_timezone", lambda: pendulum.fixed_timezone(minutes * 60))
        assert to_utc(moment) == moment.replace(tzinfo=zone)
        assert to_utc(moment.isoformat()) == moment.replace(tzinfo=zone)


@given(days)
def test_day_round_trips(day: date) -> None:
    assert to_date(day) == day
    assert to_date(day.isoformat()) == day
    assert isinstance(to_date(day), pendulum.Date)
    item = NewsItem(on=day, text="news")
    assert NewsItem.model_validate_json(item.model_dump_json()) == item


@given(naive_times)
def test_day_from_a_date_and_time_keeps_the_calendar_date(moment: datetime) -> None:
    assert to_date(moment) == moment.date()


def mixed_case(text: str, flips: list[bool]) -> str:
    flips = (flips + [False] * len(text))[: len(text)]
    return "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips, strict=True))


@given(
    st.sampled_from([member for kind in CHOICES for member in kind]),
    st.booleans(),
    st.lists(st.booleans(), max_size=30),
    st.sampled_from(["", " ", "  "]),
)
def test_choice_accepts_value_or_label_in_any_case(
    member: Stage, use_label: bool, flips: list[bool], pad: str
) -> None:
    text = member.label if use_label else member.value
    typed = pad + mixed_case(text, flips) + pad
    assert type(member).parse(typed) is member


@given(st.sampled_from(CHOICES), st.text(min_size=1, max_size=20))
def test_choice_refusal_names_every_choice(kind: type[Stage], text: str) -> None:
    try:
        member = kind.parse(text)
    except ValueError as error:
        message = str(error)
        assert message.startswith(f"unknown {kind.noun()} '{text}'")
        assert all(choice.value in message for choice in kind)
    else:
        assert member in kind


@given(st.text(max_size=200))
def test_one_line_text_is_clean_and_round_trips(text: str) -> None:
    try:
        company = Company(name=text, website=text)
    except ValidationError:
        return
    for value in (company.name, company.website):
        assert value == value.strip()
        assert not any(ch in value for ch in "\n\r\t\x00\x1b\x7f\x9b")
    assert Company.model_validate_json(company.model_dump_json()) == company
    # Cleaning is idempotent: a stored value validates to itself.
    assert Company(name=company.name).name == company.name


@given(st.text(max_size=200))
def test_notes_round_trip(text: str) -> None:
    company = Company(name="Acme", notes=text)
    assert "\r\n" not in company.notes and "\x1b" not in company.notes
    assert Company.model_validate_json(company.model_dump_json()) == company
