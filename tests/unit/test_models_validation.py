"""What a user sees when they type something the models refuse, and what they accept."""

from __future__ import annotations

from datetime import datetime

import pendulum
import pytest
from pydantic import ValidationError

from jobfutures_tui.models import (
    Channel,
    Company,
    NewsItem,
    Person,
    Prospect,
    Stage,
    Touch,
    describe,
    field_errors,
    revise,
)
from jobfutures_tui.models.entities import NAME_MAX, TEXT_MAX


def errors_of(kind: type, **fields: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        kind(**fields)
    return field_errors(caught.value)


# ------------------------------------------------------------ messages


@pytest.mark.parametrize("name", ["", "   ", "\n\t", "\x1b\x07"])
def test_empty_company_name_says_cannot_be_empty(name: str) -> None:
    assert errors_of(Company, name=name) == {"name": "cannot be empty"}


def test_missing_name_says_is_required() -> None:
    assert errors_of(Company) == {"name": "is required"}


def test_unknown_stage_names_every_choice() -> None:
    message = errors_of(Prospect, company_id="c1", stage="limbo")["stage"]
    assert "unknown stage 'limbo'" in message
    for stage in Stage:
        assert stage.value in message


def test_unknown_channel_names_every_choice() -> None:
    message = errors_of(Touch, prospect_id="p1", at=pendulum.now(), channel="pigeon")["channel"]
    assert message.startswith("unknown channel 'pigeon': choose one of ")
    assert all(channel.value in message for channel in Channel)


def test_stage_accepts_its_label_in_any_case() -> None:
    assert Prospect(company_id="c1", stage="Rejected But Warm").stage is Stage.REJECTED_WARM
    assert Person(name="Li", preferred_channel="LINKEDIN").preferred_channel is Channel.LINKEDIN
    assert Person(name="Li", preferred_channel="In Person").preferred_channel is Channel.IN_PERSON


@pytest.mark.parametrize("email", ["bob", "@example.com", "bob@", "bob at example.com"])
def test_bad_email_is_refused_with_the_value(email: str) -> None:
    message = errors_of(Person, name="Bob", email=email)["email"]
    assert message == f"'{email}' does not look like an email address"


def test_good_or_empty_email_is_accepted() -> None:
    assert Person(name="Bob", email=" bob@example.com ").email == "bob@example.com"
    assert Person(name="Bob").email == ""


def test_too_long_text_says_the_limit_in_characters() -> None:
    assert errors_of(Company, name="x" * (NAME_MAX + 1)) == {
        "name": f"is too long (at most {NAME_MAX} characters)"
    }
    assert errors_of(Company, name="Acme", notes="x" * (TEXT_MAX + 1)) == {
        "notes": f"is too long (at most {TEXT_MAX} characters)"
    }
    # Spaces and line breaks around the text do not count.
    assert Company(name=f"  {'x' * NAME_MAX}\n").name == "x" * NAME_MAX


def test_unknown_field_is_named() -> None:
    assert errors_of(Company, name="Acme", colour="red") == {
        "colour": "is not a field this version knows"
    }


def test_bad_date_says_how_to_write_one() -> None:
    message = errors_of(Touch, prospect_id="p1", at="last tuesday", channel="call")["at"]
    assert message == "'last tuesday' is not a date and time (use 2026-11-23 09:30)"
    message = errors_of(Prospect, company_id="c1", began_on="2026-13-01")["began_on"]
    assert message == "'2026-13-01' is not a date (use 2026-11-23)"


def test_nested_errors_name_the_path() -> None:
    errors = errors_of(Company, name="Acme", news=[{"on": "2026-01-02", "text": ""}])
    assert errors == {"news.0.text": "cannot be empty"}


def test_describe_gives_one_line_per_field() -> None:
    with pytest.raises(ValidationError) as caught:
        Person(name="", email="nope")
    assert describe(caught.value) == (
        "name: cannot be empty; email: 'nope' does not look like an email address"
    )


# ------------------------------------------------------------ touches in the future


def test_new_touch_in_the_future_is_refused(frozen: pendulum.DateTime) -> None:
    with pytest.raises(ValidationError) as caught:
        Touch.new(prospect_id="p1", at=frozen.add(days=1), channel="call")
    assert field_errors(caught.value) == {"at": "a touch cannot be dated in the future"}


def test_new_touch_a_moment_ahead_is_allowed(frozen: pendulum.DateTime) -> None:
    """A clock a few minutes fast is not the user's fault."""
    assert Touch.new(prospect_id="p1", at=frozen.add(minutes=4), channel="call")
    assert Touch.new(prospect_id="p1", at=frozen, channel="call").at == frozen


def test_stored_touch_in_the_future_still_loads(frozen: pendulum.DateTime) -> None:
    future = Touch(prospect_id="p1", at=frozen.add(years=1), channel="call")
    loaded = Touch.model_validate(future.model_dump(mode="json"))
    assert loaded == future
    assert Touch.model_validate_json(future.model_dump_json()) == future


# ------------------------------------------------------------ revise


def test_revise_refreshes_updated_at_and_keeps_the_original() -> None:
    with pendulum.travel_to(pendulum.datetime(2026, 1, 5, 9, tz="UTC"), freeze=True):
        original = Company(name="Contoso")
    with pendulum.travel_to(pendulum.datetime(2026, 2, 6, 10, tz="UTC"), freeze=True):
        renamed = revise(original, name="Contoso, Ltd.")
    assert renamed.name == "Contoso, Ltd."
    assert renamed.id == original.id
    assert renamed.created_at == pendulum.datetime(2026, 1, 5, 9, tz="UTC")
    assert renamed.updated_at == pendulum.datetime(2026, 2, 6, 10, tz="UTC")
    assert original.name == "Contoso"
    assert original.updated_at == pendulum.datetime(2026, 1, 5, 9, tz="UTC")


def test_revise_validates_the_change() -> None:
    original = Person(name="Priya Raman")
    with pytest.raises(ValidationError) as caught:
        revise(original, name=" ", email="priya")
    assert field_errors(caught.value) == {
        "name": "cannot be empty",
        "email": "'priya' does not look like an email address",
    }
    with pytest.raises(ValidationError):
        revise(Prospect(company_id="c1"), stage="limbo")


def test_revise_parses_labels_and_cleans_text() -> None:
    moved = revise(Prospect(company_id="c1"), stage="Offer", role="  Eng.\nManager ")
    assert moved.stage is Stage.OFFER
    assert moved.role == "Eng. Manager"


def test_records_are_frozen() -> None:
    record = Company(name="Acme")
    with pytest.raises(ValidationError):
        record.name = "Other"  # type: ignore[misc]


# ------------------------------------------------------------ text the user types


def test_one_line_fields_lose_line_breaks_and_control_codes() -> None:
    person = Person(
        name="  Priya\r\nRaman\t ",
        title="Director\x1b[31m of\x00 Engineering\x9b",
        city="Denver\x07",
    )
    assert person.name == "Priya Raman"
    assert person.title == "Director of Engineering"
    assert person.city == "Denver"


def test_notes_keep_their_lines_but_lose_control_codes() -> None:
    company = Company(name="Acme", notes="first line\r\nsecond\tline\x1b]0;pwned\x07\n")
    assert company.notes == "first line\nsecond\tline"


@pytest.mark.parametrize(
    "name",
    [
        "[bold]Acme[/",
        "[red]Rich markup[/red] & <b>html</b> {placeholder} $(rm -rf ~)",
        "Café Zoë — 東京 👩‍💻🚀",
        "x" * 500,
        "Ω" * NAME_MAX,
    ],
)
def test_odd_but_printable_names_are_kept_as_typed(name: str) -> None:
    company = Company(name=name)
    assert company.name == name
    assert Company.model_validate_json(company.model_dump_json()).name == name


def test_news_items_keep_their_day() -> None:
    company = Company(name="Northwind", news=[{"on": "2026-02-01", "text": "opened Denver"}])
    assert company.news == (NewsItem(on=pendulum.date(2026, 2, 1), text="opened Denver"),)


# ------------------------------------------------------------ dates and zones


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> pendulum.Timezone:
    zone = pendulum.timezone("America/New_York")
    monkeypatch.setattr("jobfutures_tui.models.dates.local_timezone", lambda: zone)
    return zone


def test_naive_time_is_local_time_stored_as_utc(new_york: pendulum.Timezone) -> None:
    # 9:00 in New York in January is 14:00 UTC (EST, -05:00).
    winter = Touch(prospect_id="p1", at=datetime(2026, 1, 15, 9, 0), channel="call")
    assert winter.at == pendulum.datetime(2026, 1, 15, 14, 0, tz="UTC")
    assert winter.model_dump(mode="json")["at"] == "2026-01-15T14:00:00+00:00"
    # In July it is EDT (-04:00); ISO text without an offset is local too.
    summer = Touch(prospect_id="p1", at="2026-07-01T09:00", channel="call")
    assert summer.model_dump(mode="json")["at"] == "2026-07-01T13:00:00+00:00"
    # A value with an offset is taken as given.
    given = Touch(prospect_id="p1", at="2026-07-01T09:00+02:00", channel="call")
    assert given.model_dump(mode="json")["at"] == "2026-07-01T07:00:00+00:00"
    assert Touch(prospect_id="p1", at="2026-07-01T09:00Z", channel="call").at.hour == 9


def test_instants_are_utc_in_memory(new_york: pendulum.Timezone) -> None:
    at = Touch(prospect_id="p1", at="2026-07-01T09:00", channel="call").at
    assert isinstance(at, pendulum.DateTime)
    assert at.utcoffset().total_seconds() == 0
    assert at.in_timezone(new_york).hour == 9


def test_today_is_the_users_date(new_york: pendulum.Timezone) -> None:
    from jobfutures_tui.models.dates import today

    # 02:00 UTC on 10 March is still 9 March in New York.
    with pendulum.travel_to(pendulum.datetime(2026, 3, 10, 2, tz="UTC"), freeze=True):
        assert today() == pendulum.date(2026, 3, 9)


# ------------------------------------------------------------ JSON round trips


def every_model() -> list[object]:
    acme = Company(
        name="[bold]Acme[/",
        website="https://acme.example",
        notes="Met at the\nmeetup 🎉",
        news=[NewsItem(on=pendulum.date(2026, 2, 1), text="Opened a Denver office")],
    )
    priya = Person(
        name="Priya Raman",
        title="Director of Engineering",
        company_id=acme.id,
        role="hiring manager",
        preferred_channel="call",
        phone="+1 303 555 0100",
        email="priya@acme.example",
        linkedin="https://linkedin.com/in/priya",
        city="Denver",
        notes="Likes Rust",
        do_not_contact=False,
    )
    future = Prospect(
        company_id=acme.id,
        person_ids=[priya.id],
        role="Staff Data Engineer",
        stage="rejected-but-warm",
        origin="offer declined",
        began_on="2025-11-03",
        referred_by_id=priya.id,
        cadence_plan="long-game",
        self_assessment="Strong on design",
        notes="Follow up in spring",
        tags=["warm", "denver"],
        closed_reason="hired elsewhere",
        closed_note="",
        stage_changed_at="2026-01-02T03:04:05.678901+00:00",
    )
    call = Touch(
        prospect_id=future.id,
        person_id=priya.id,
        at="2026-02-03T16:30:00+00:00",
        channel="voicemail",
        direction="in",
        outcome="left voicemail",
        note="Asked about the Denver hub",
        script_id="call-opener",
        shared=["article-1"],
        replied=True,
    )
    return [acme, priya, future, call, acme.news[0], Company(name="Bare")]


@pytest.mark.parametrize("model", every_model(), ids=lambda m: type(m).__name__)
def test_json_round_trip_gives_an_equal_model(model: Company) -> None:
    kind = type(model)
    assert kind.model_validate_json(model.model_dump_json()) == model
    assert kind.model_validate(model.model_dump(mode="json")) == model
    assert kind.model_validate(model.model_dump()) == model
