"""Logging a touch: dates as people say them, referrals, shared items, what comes next."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from clock import frozen_at
from pydantic import ValidationError

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.urgency import Urgency
from jobfutures_tui.models import (
    Channel,
    Company,
    Outcome,
    Person,
    Prospect,
    Shareable,
    Stage,
    TouchKind,
    field_errors,
)
from jobfutures_tui.models.enums import ClosedReason, Origin
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.touch_log import (
    LogInput,
    default_person,
    log_from,
    next_phrase,
    next_words,
    parse_when,
)
from jobfutures_tui.usecases.what_if import suggestion_after

NEW_YORK = pendulum.timezone("America/New_York")
NOW = pendulum.datetime(2026, 11, 23, 15, 30, tz=NEW_YORK)  # a Monday afternoon


frozen = frozen_at(NOW, NEW_YORK)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


def northwind(repo: Repository) -> tuple[Prospect, Person]:
    company = Company(name="Northwind")
    priya = Person(name="Priya Raman", company_id=company.id, phone="555-0100", email="p@nw.io")
    prospect = Prospect(
        company_id=company.id,
        person_ids=(priya.id,),
        role="Data Engineer",
        stage=Stage.REJECTED_WARM,
        began_on=pendulum.date(2026, 8, 1),
    )
    repo.save(company, priya, prospect)
    return prospect, priya


def values(prospect: Prospect, person: Person, **more: Any) -> dict[str, Any]:
    return {
        "prospect_id": prospect.id,
        "person_id": person.id,
        "at": "",
        "channel": "call",
        "outcome": "left-voicemail",
        **more,
    }


@pytest.mark.parametrize(
    ("said", "local"),
    [
        ("", "2026-11-23 15:30"),
        ("now", "2026-11-23 15:30"),
        ("today", "2026-11-23 15:30"),
        ("today 9:05", "2026-11-23 09:05"),
        ("yesterday", "2026-11-22 12:00"),
        ("yesterday 4pm", "2026-11-22 16:00"),
        ("Yesterday 12am", "2026-11-22 00:00"),
        ("3 days ago", "2026-11-20 12:00"),
        ("9:30", "2026-11-23 09:30"),
        ("2026-11-02", "2026-11-02 12:00"),  # the day after the clocks went back
        ("2026-11-20 14:00", "2026-11-20 14:00"),
        # Monday 23 November 2026, 15:30 in New York:
        ("2 days ago 6pm", "2026-11-21 18:00"),
        ("3 weeks ago", "2026-11-02 12:00"),
        ("a week ago", "2026-11-16 12:00"),
        ("last friday", "2026-11-20 12:00"),
        ("Last Monday 9am", "2026-11-16 09:00"),
        ("monday", "2026-11-23 15:30"),
        ("fri 4pm", "2026-11-20 16:00"),
        ("yesterday at 4pm", "2026-11-22 16:00"),
        ("on Nov 20", "2026-11-20 12:00"),
        ("20 November, 9:30", "2026-11-20 09:30"),
        ("Dec 24", "2025-12-24 12:00"),  # a touch is in the past: last year's
        ("March 3 2026 noon", "2026-03-03 12:00"),
    ],
)
def test_when_is_read_as_people_say_it(said: str, local: str) -> None:
    assert parse_when(said).in_timezone(NEW_YORK).format("YYYY-MM-DD HH:mm") == local


@pytest.mark.parametrize(
    "said", ["the other day", "25:00", "today 7:75", "2026-13-01", "Feb 30", "ma 3", "soon"]
)
def test_unreadable_when_is_refused_at_the_field(said: str, repo: Repository) -> None:
    prospect, priya = northwind(repo)
    with pytest.raises(ValidationError) as error:
        log_from(repo, values(prospect, priya, at=said))
    assert "at" in field_errors(error.value)


def test_a_touch_in_the_future_is_refused(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    with pytest.raises(ValidationError) as error:
        log_from(repo, values(prospect, priya, at="today 11pm"))
    assert field_errors(error.value) == {"at": "a touch cannot be dated in the future"}


def test_a_voicemail_is_logged_and_retried_in_three_days(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    logged = log_from(repo, values(prospect, priya, kind="check-in", note="[bold]hi[/"))
    touch = logged.touch
    assert (touch.channel, touch.outcome, touch.kind) == (
        Channel.CALL,
        Outcome.LEFT_VOICEMAIL,
        TouchKind.CHECK_IN,
    )
    assert not touch.replied and touch.note == "[bold]hi[/"
    nxt = suggestion_after(repo, prospect, touch=touch, today=NOW.date())
    assert nxt is not None and nxt.due == pendulum.date(2026, 11, 26)
    assert nxt.channel is not Channel.CALL  # another channel this time
    assert "voicemail" in nxt.reason


def test_a_backdated_touch_replays_the_history(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    repo.save(log_from(repo, values(prospect, priya, outcome="replied", channel="email")).touch)
    older = log_from(repo, values(prospect, priya, at="3 days ago")).touch
    nxt = suggestion_after(repo, prospect, touch=older, today=NOW.date())
    assert nxt is not None and "voicemail" not in nxt.reason  # the reply is still the latest


def test_an_inbound_touch_counts_as_a_reply(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    touch = log_from(repo, values(prospect, priya, direction="in", outcome="conversation")).touch
    assert touch.replied


@pytest.mark.parametrize("outcome", ["opening-mentioned", "asked-to-stop", "referral-given"])
def test_an_outcome_that_is_their_answer_is_saved_as_a_reply(
    outcome: str, repo: Repository
) -> None:
    """As the engine, the demo and the benchmark data read it (engine.history.they_replied)."""
    prospect, priya = northwind(repo)
    more = {"referred_company": "Fabrikam"} if outcome == "referral-given" else {}
    touch = log_from(repo, values(prospect, priya, channel="email", outcome=outcome, **more)).touch
    assert touch.replied


def test_a_referral_creates_a_linked_job_future(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    logged = log_from(
        repo,
        values(
            prospect,
            priya,
            outcome="referral-given",
            referred_company="Fabrikam",
            referred_person="Grace O'Neill",
            referred_role="VP Product",
        ),
    )
    referral = logged.referral
    assert referral is not None
    assert (referral.stage, referral.origin, referral.referred_by_id, referral.role) == (
        Stage.REFERRAL,
        Origin.REFERRED,
        priya.id,
        "VP Product",
    )
    repo.save(*logged.save)
    company = repo.find_company("fabrikam")
    assert company is not None and repo.prospect(referral.id) is not None
    grace = repo.person(referral.person_ids[0])
    assert grace is not None and (grace.name, grace.company_id) == ("Grace O'Neill", company.id)


def test_a_referral_to_a_known_company_links_its_job_future(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    fabrikam = Company(name="Fabrikam")
    known = Prospect(company_id=fabrikam.id, stage=Stage.INTERVIEWED)
    repo.save(fabrikam, known)
    logged = log_from(
        repo, values(prospect, priya, outcome="referral-given", referred_company="FABRIKAM")
    )
    assert logged.referral is not None and logged.referral.id == known.id
    assert (logged.referral.stage, logged.referral.referred_by_id) == (Stage.REFERRAL, priya.id)
    assert not any(isinstance(r, Company) for r in logged.save)


def test_a_referral_needs_a_company_and_a_referrer(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    with pytest.raises(ValidationError) as error:
        log_from(repo, values(prospect, priya, outcome="referral-given"))
    assert "referred_company" in field_errors(error.value)
    with pytest.raises(ValidationError) as error:
        log_from(
            repo,
            values(prospect, priya, person_id="", outcome="referral-given", referred_company="X"),
        )
    assert "person_id" in field_errors(error.value)


def test_sharing_the_same_item_twice_warns_and_new_items_join_the_library(
    repo: Repository,
) -> None:
    prospect, priya = northwind(repo)
    repo.save(Shareable(title="DuckDB notes"))
    first = log_from(repo, values(prospect, priya, shared="DuckDB notes, My talk"))
    assert first.warnings == []
    assert [s.title for s in first.save if isinstance(s, Shareable)] == ["My talk"]
    repo.save(*first.save)
    again = log_from(repo, values(prospect, priya, shared="my talk"))
    assert again.warnings == ["you already sent Priya 'my talk' on 23 Nov 2026"]
    assert not any(isinstance(s, Shareable) for s in again.save)


@pytest.mark.parametrize(
    ("outcome", "stage", "reason"),
    [("opening-mentioned", Stage.OFFER, None), ("asked-to-stop", Stage.ARCHIVE, "asked-to-stop")],
)
def test_a_touch_can_move_the_job_future_in_the_same_change(
    repo: Repository, outcome: str, stage: Stage, reason: str | None
) -> None:
    prospect, priya = northwind(repo)
    logged = log_from(repo, values(prospect, priya, outcome=outcome, move_to=stage.value))
    moved = next(r for r in logged.save if isinstance(r, Prospect))
    assert moved.stage is stage and logged.moved_to is stage
    assert moved.stages[-1].stage is stage, "the move is kept (issue 20)"
    assert moved.closed_reason == (ClosedReason(reason) if reason else None)


def test_logging_ends_a_snooze(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    snoozed = prospect.model_copy(update={"snoozed_until": pendulum.date(2026, 12, 20)})
    repo.save(snoozed)
    logged = log_from(repo, values(prospect, priya))
    assert next(r for r in logged.save if isinstance(r, Prospect)).snoozed_until is None


def test_log_input_reads_shared_items_from_text() -> None:
    data = LogInput.model_validate(
        {"prospect_id": "p", "at": "", "channel": "email", "outcome": "sent", "shared": " a, ,b "}
    )
    assert data.shared == ("a", "b")


def test_the_next_touch_in_words(repo: Repository) -> None:
    prospect, priya = northwind(repo)
    nxt = suggestion_after(
        repo, prospect, touch=log_from(repo, values(prospect, priya)).touch, today=NOW.date()
    )
    assert nxt is not None
    assert next_phrase(nxt, NOW.date()) == (f"next: Thu 26 Nov · {nxt.how} — {nxt.reason}")
    today = NOW.date()
    days = {-3: "overdue since Fri 20 Nov", 0: "today", 1: "tomorrow", 400: "Tue 28 Dec 2027"}
    for ahead, said in days.items():
        what, why = next_words(dataclasses.replace(nxt, due=today.add(days=ahead)), today)
        assert what.split(" · ")[0] == said and why == nxt.reason
    assert next_phrase(None, today) == "next: nothing due after this one"


def suggested_with(person_id: str | None) -> Suggestion:
    return Suggestion(
        pendulum.date(2026, 11, 24),
        TouchKind.CHECK_IN,
        Channel.EMAIL,
        person_id,
        "a check-in",
        0,
        Urgency(()),
        "standard",
    )


def test_the_default_person_is_asked_then_suggested_then_the_main_one() -> None:
    """One rule for the log form and ``jobfutures log``: whoever it picks still
    belongs to the job future."""
    main, other = Person(name="Priya Raman"), Person(name="Sam Okafor")
    prospect = Prospect(company_id="c", person_ids=(main.id, other.id), role="Data Engineer")
    gone = Person(name="Left the company")
    assert default_person(prospect, suggested_with(other.id), asked=main.id) == main.id
    assert default_person(prospect, suggested_with(other.id)) == other.id
    assert default_person(prospect, suggested_with(None)) == main.id
    assert default_person(prospect, None) == main.id
    assert default_person(prospect, suggested_with(gone.id)) == main.id
    assert default_person(prospect, None, asked=gone.id) == main.id
    assert default_person(Prospect(company_id="c", role="x"), suggested_with(gone.id)) is None
