"""The advice a new user gets, with realistic contacts (docs/advice.md).

Each test builds what a user would type (a person with only an email, only a
LinkedIn URL, only a phone; a recruiter alone), logs touches through the same
rule as the log form, and reads the next touch and its script as the panel
shows them. Real stores under tmp_path; time frozen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.engine.scripts import render
from jobfutures_tui.models import (
    Channel,
    Company,
    Origin,
    Person,
    PersonRole,
    Profile,
    Prospect,
    Stage,
    TouchKind,
)
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.board import move_to_stage
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.script_context import NextScript, next_script
from jobfutures_tui.usecases.skips import skip_due
from jobfutures_tui.usecases.touch_log import log_from
from jobfutures_tui.usecases.what_if import suggestion_after

UTC = pendulum.UTC
NOW = pendulum.datetime(2026, 11, 23, 15, tz=UTC)  # a Monday afternoon
TODAY = NOW.date()
SAM = Profile(
    name="Sam Ortiz",
    signature="Sam Ortiz\nData engineer, Denver",
    email="sam@example.com",
    city="Denver",
)


frozen = frozen_at(NOW)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        repo.save(SAM)
        yield repo


def job_future(
    repo: Repository,
    company: str,
    *people: Person,
    stage: Stage = Stage.INTERVIEWED,
    **fields: Any,
) -> Prospect:
    firm = Company(name=company)
    staff = [p.model_copy(update={"company_id": firm.id}) for p in people]
    fields.setdefault("began_on", TODAY.subtract(days=2))
    future = Prospect(
        company_id=firm.id, person_ids=tuple(p.id for p in staff), stage=stage, **fields
    )
    repo.save(firm, *staff, future)
    return future


def log(repo: Repository, future: Prospect, person: Person | None, **values: Any) -> None:
    """What the log form saves: the touch, and a stage move when asked."""
    values.setdefault("at", "now")
    values.setdefault("channel", "email")
    values.setdefault("outcome", "sent")
    prospect = repo.prospect(future.id)
    assert prospect is not None
    logged = log_from(
        repo,
        {
            "prospect_id": prospect.id,
            "person_id": person.id if person else None,
            **values,
        },
    )
    repo.save(*logged.save)


def advice(repo: Repository, future: Prospect) -> tuple[Suggestion, NextScript]:
    view = next_script(repo, future.id, today=TODAY)
    assert view is not None and view.suggestion is not None, view
    return view.suggestion, view


def words(view: NextScript) -> str:
    assert view.scripts, "a script fits"
    return render(view.scripts[0].body, view.values).text


# ------------------------------------------------------------ reach


def test_only_an_email_the_follow_up_is_an_email_not_a_letter(repo: Repository) -> None:
    ned = Person(name="Ned Stark", email="ned@winterfell.example")
    future = job_future(repo, "Winterfell", ned)
    first, view = advice(repo, future)
    assert (first.kind, first.channel) == (TouchKind.THANK_YOU, Channel.EMAIL)
    assert words(view).startswith("Subject:") and "Hi Ned" in words(view)
    log(repo, future, ned)
    after, view = advice(repo, future)
    assert (after.kind, after.channel) == (TouchKind.FOLLOW_UP, Channel.EMAIL)
    assert "letter" not in after.reason


def test_only_a_linkedin_profile_every_touch_is_a_linkedin_message(repo: Repository) -> None:
    lin = Person(name="Lin Kedin", linkedin="https://www.linkedin.com/in/lin")
    future = job_future(repo, "Globex", lin)
    for _ in range(3):
        suggestion, view = advice(repo, future)
        assert suggestion.channel is Channel.LINKEDIN, suggestion
        assert Channel.LINKEDIN in view.scripts[0].channels or not view.scripts[0].channels
        log(repo, future, lin, channel="linkedin", at="now", outcome="sent")
        log(repo, future, lin, channel="linkedin", direction="in", outcome="replied")


def test_only_a_phone_a_work_sample_becomes_a_call(repo: Repository) -> None:
    phil = Person(name="Phil Fone", phone="+1 555 0100")
    future = job_future(repo, "Initech", phil, stage=Stage.REJECTED_WARM, origin=Origin.REJECTED)
    first, view = advice(repo, future)
    assert (first.kind, first.channel) == (TouchKind.THANK_YOU, Channel.CALL)
    assert "Sam" in words(view), "a call says your name"
    # Thanked, then the note after their hire (by phone), then a work sample: a call.
    log(repo, future, phil, channel="call", outcome="conversation", at="2026-11-20")
    repo.save(repo.prospect(future.id).model_copy(update={"skips": ()}))  # type: ignore[union-attr]
    later = suggestion_after(repo, repo.prospect(future.id), today=TODAY)  # type: ignore[arg-type]
    assert later is not None and later.channel is Channel.CALL
    assert later.kind is not TouchKind.WORK_SAMPLE


def test_nobody_reachable_says_which_detail_to_add(repo: Repository) -> None:
    ned = Person(name="Ned Nowhere")
    future = job_future(repo, "Acme", ned)
    suggestion, view = advice(repo, future)
    assert suggestion.channel is None
    assert suggestion.reason.startswith(
        "no email, phone, LinkedIn profile or postal address for Ned: add one"
    )
    assert "no way to reach them" in suggestion.how
    assert view.scripts, "the words are ready for when a detail is added"


def test_a_postal_address_alone_means_a_letter(repo: Repository) -> None:
    mae = Person(name="Mae Post", address="1 Rue de la Paix\n75002 Paris")
    future = job_future(repo, "Poste", mae)
    suggestion, view = advice(repo, future)
    assert suggestion.channel is Channel.LETTER
    assert words(view).rstrip().endswith("Data engineer, Denver"), "signed with the profile"


def test_a_text_only_to_someone_who_prefers_it_or_has_texted(repo: Repository) -> None:
    tess = Person(name="Tess Ting", phone="+1 555 0101")
    future = job_future(repo, "Textron", tess)
    log(repo, future, tess, channel="call", outcome="conversation", at="2026-11-20")
    assert advice(repo, future)[0].channel is Channel.CALL, "never texted: no text"
    log(repo, future, tess, channel="text", direction="in", outcome="replied", at="2026-11-21")
    log(repo, future, tess, channel="call", outcome="conversation", at="2026-11-22")
    assert advice(repo, future)[0].channel is Channel.TEXT, "she texted: a text, mixing it up"


def test_in_person_only_in_the_seekers_city(repo: Repository) -> None:
    dana = Person(name="Dana Lee", email="dana@example.com", city="denver ")
    oslo = Person(name="Ola Nord", email="ola@example.com", city="Oslo")
    here = job_future(repo, "Local", dana)
    away = job_future(repo, "Far", oslo)
    for future, person in ((here, dana), (away, oslo)):
        log(repo, future, person, outcome="replied", at="2026-11-01")
    # Check-ins rotate: after an email, a call is impossible; in person only in Denver.
    assert advice(repo, here)[0].channel is Channel.IN_PERSON
    assert advice(repo, away)[0].channel is Channel.EMAIL


# ------------------------------------------------------------ the right person


def test_the_manager_is_suggested_even_when_the_recruiter_answered_last(
    repo: Repository,
) -> None:
    rita = Person(name="Rita Cruz", role=PersonRole.RECRUITER, email="rita@example.com")
    priya = Person(name="Priya Raman", email="priya@example.com")
    future = job_future(repo, "Northwind", rita, priya)
    log(repo, future, rita, direction="in", outcome="replied")
    suggestion, view = advice(repo, future)
    assert suggestion.person_id == priya.id and view.person is not None
    assert view.person.name == "Priya Raman"


def test_a_recruiter_alone_asks_who_leads_the_team_once(repo: Repository) -> None:
    rita = Person(name="Rita Cruz", role=PersonRole.RECRUITER, email="rita@example.com")
    future = job_future(repo, "Wingtip", rita)
    suggestion, view = advice(repo, future)
    assert suggestion.kind is TouchKind.FIND_MANAGER
    assert "only a recruiter here" in suggestion.reason
    assert "team" in words(view) and "Hi Rita" in words(view)
    log(repo, future, rita, kind="find-manager", direction="out", outcome="sent")
    log(repo, future, rita, direction="in", outcome="replied")
    assert advice(repo, future)[0].kind is not TouchKind.FIND_MANAGER, "asked once"


# ------------------------------------------------------------ moments


def test_a_move_to_rejected_but_warm_schedules_the_thanks_after_the_no(
    repo: Repository,
) -> None:
    priya = Person(name="Priya Raman", email="priya@example.com")
    added = NOW.subtract(days=30)
    future = job_future(repo, "Northwind", priya, began_on=added.date(), created_at=added)
    log(repo, future, priya, at="2026-10-25", kind="thank-you")  # after the interview
    log(repo, future, priya, direction="in", outcome="replied", at="2026-10-26")
    repo.save(move_to_stage(repo.prospect(future.id), Stage.REJECTED_WARM))  # type: ignore[arg-type]
    suggestion, view = advice(repo, future)
    assert (suggestion.kind, suggestion.due) == (TouchKind.THANK_YOU, TODAY.add(days=1))
    assert "their no" in suggestion.reason
    assert view.scripts[0].stages == (Stage.REJECTED_WARM,)
    log(repo, future, priya, kind="thank-you")
    after = next_suggestion(repo, future.id, today=TODAY)
    assert after is not None and after.kind is not TouchKind.THANK_YOU


def test_a_referral_thanks_the_referrer_and_introduces_you_to_the_new_person(
    repo: Repository,
) -> None:
    tomas = Person(name="Tomás Ibáñez", email="tomas@example.com")
    contoso = job_future(repo, "Contoso", tomas, stage=Stage.REJECTED_WARM)
    log(
        repo,
        contoso,
        tomas,
        channel="call",
        direction="in",
        outcome="referral-given",
        referred_company="Fabrikam",
        referred_person="Zoë O'Neill",
    )
    thanks, view = advice(repo, contoso)
    assert (thanks.kind, thanks.person_id, thanks.due) == (
        TouchKind.REFERRER_THANKS,
        tomas.id,
        TODAY.add(days=1),
    )
    fabrikam = next(
        p
        for p in repo.prospects()
        if repo.company(p.company_id).name == "Fabrikam"  # type: ignore[union-attr]
    )
    zoe = repo.person(fabrikam.person_ids[0])
    assert zoe is not None
    repo.save(zoe.model_copy(update={"email": "zoe@fabrikam.example"}))
    first, view = advice(repo, fabrikam)
    assert first.kind is TouchKind.INTRODUCTION
    text = words(view)
    assert "Tomás Ibáñez" in text and "Hi Zoë" in text
    assert "thank you for passing my name" not in text.casefold()


def test_names_are_asked_for_once_after_a_first_answer(repo: Repository) -> None:
    clara = Person(name="Clara Vogel", email="clara@example.com")
    future = job_future(repo, "Lucerne", clara, stage=Stage.REJECTED_WARM)
    log(repo, future, clara, at="2026-11-01")
    log(repo, future, clara, direction="in", outcome="replied", at="2026-11-02")
    ask, _view = advice(repo, future)
    assert ask.kind is TouchKind.REFERRAL_ASK
    assert "once" in ask.reason
    done = skip_due(repo, repo.prospect(future.id), today=TODAY)  # type: ignore[arg-type]
    assert done is not None and done.skip.kind is TouchKind.REFERRAL_ASK
    repo.save(done.prospect)
    assert advice(repo, future)[0].kind is not TouchKind.REFERRAL_ASK, "skipped: never again"


def test_an_opening_that_is_not_for_you_offers_to_refer_someone(repo: Repository) -> None:
    grace = Person(name="Grace Liu", email="grace@example.com")
    future = job_future(repo, "Humongous", grace, stage=Stage.REJECTED_WARM)
    log(repo, future, grace, channel="call", direction="in", outcome="opening-mentioned")
    suggestion, _view = advice(repo, future)
    assert suggestion.kind is TouchKind.OFFER_TO_REFER
    assert suggestion.channel is Channel.EMAIL
    log(
        repo,
        future,
        grace,
        channel="call",
        direction="in",
        outcome="opening-mentioned",
        move_to="offer",
    )
    reply, _ = advice(repo, future)
    assert reply.kind is TouchKind.OPENING_REPLY and reply.urgency.breakdown["opening"] > 0


def test_a_letter_is_not_followed_up_to_check_it_arrived(repo: Repository) -> None:
    mae = Person(name="Mae Post", address="1 Main St", email="mae@example.com")
    future = job_future(repo, "Poste", mae)
    log(repo, future, mae, channel="letter", outcome="sent")
    suggestion, _ = advice(repo, future)
    assert suggestion.kind is not TouchKind.FOLLOW_UP


def test_the_log_form_preview_is_what_the_board_shows_after_saving(repo: Repository) -> None:
    priya = Person(name="Priya Raman", email="priya@example.com", phone="+1 555 0100")
    future = job_future(repo, "Northwind", priya)
    values = {
        "prospect_id": future.id,
        "person_id": priya.id,
        "at": "now",
        "channel": "email",
        "outcome": "sent",
    }
    logged = log_from(repo, values)
    preview = suggestion_after(repo, future, touch=logged.touch, today=TODAY)
    repo.save(*logged.save)
    assert preview == next_suggestion(repo, future.id, today=TODAY)


def test_the_people_list_shows_each_persons_own_last_touch(repo: Repository) -> None:
    from jobfutures_tui.usecases.people import last_touch_with, people_rows

    priya = Person(name="Priya Raman", email="priya@example.com")
    marcus = Person(name="Marcus Bell", role=PersonRole.RECRUITER, email="m@example.com")
    future = job_future(repo, "Northwind", priya, marcus)
    log(repo, future, marcus, at="2026-11-01")
    log(repo, future, priya, at="2026-11-20")
    rows = {row.person_id: row for row in people_rows(repo)}
    assert last_touch_with(repo, rows[marcus.id]).date() == pendulum.date(2026, 11, 1)  # type: ignore[union-attr]
    assert last_touch_with(repo, rows[priya.id]).date() == pendulum.date(2026, 11, 20)  # type: ignore[union-attr]


def test_a_plan_chosen_mid_way_starts_from_the_last_touch(repo: Repository) -> None:
    """Never 'overdue since' a day before the choice (issue 15)."""
    from jobfutures_tui.usecases import changes

    dana = Person(name="Dana Reyes", email="dana@example.com")
    long_ago = NOW.subtract(days=200)
    old = job_future(repo, "Old Co", dana, began_on=long_ago.date(), created_at=long_ago)
    assert advice(repo, old)[0].overdue_days > 100, "the default plan: long overdue"
    chosen = changes.choose_plan(repo, repo.prospect(old.id), "long-game")  # type: ignore[arg-type]
    repo.save(*chosen.save)
    fresh, _ = advice(repo, old)
    assert fresh.overdue_days == 0 and fresh.due >= TODAY, fresh.reason
    assert fresh.kind is TouchKind.RECONNECT

    lee = Person(name="Lee Park", email="lee@example.com")
    touched = job_future(repo, "Touched Co", lee, began_on=long_ago.date(), created_at=long_ago)
    log(repo, touched, lee, at="2026-11-20", outcome="replied")
    chosen = changes.choose_plan(repo, repo.prospect(touched.id), "long-game")  # type: ignore[arg-type]
    repo.save(*chosen.save)
    after, _ = advice(repo, touched)
    assert after.due == pendulum.date(2026, 11, 27), "a week after the last touch out"
    assert after.reason == "reconnect a week after your last touch (20 Nov)", "says that day"


def test_a_plan_chosen_mid_way_comes_first_and_says_why_it_is_due_today(
    repo: Repository,
) -> None:
    """A recruiter-only job future long past its 'ask who leads the team': the plan
    chosen now gives the next touch, due from today, and its words say so."""
    from jobfutures_tui.usecases import changes

    marcus = Person(name="Marcus Bell", role=PersonRole.RECRUITER, email="m@example.com")
    long_ago = NOW.subtract(days=120)
    future = job_future(
        repo, "Wingtip", marcus, stage=Stage.REJECTED_WARM, began_on=long_ago.date()
    )
    log(repo, future, marcus, at="2026-09-01", outcome="replied")
    before, _ = advice(repo, future)
    assert before.kind is TouchKind.FIND_MANAGER and before.overdue_days > 30
    chosen = changes.choose_plan(repo, repo.prospect(future.id), "early-on")  # type: ignore[arg-type]
    repo.save(*chosen.save)
    now, _ = advice(repo, future)
    assert (now.kind, now.due, now.overdue_days) == (TouchKind.THANK_YOU, TODAY, 0)
    assert now.reason == "thank-you: the plan's next touch, from the day you chose it (23 Nov)"

    log(repo, future, marcus, at="now")  # a touch since the choice: the usual rules again
    later, _ = advice(repo, future)
    assert later.kind is TouchKind.FOLLOW_UP and later.due == TODAY.add(days=7)
