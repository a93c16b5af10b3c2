"""Logging a touch from the app: a few keys, the right touch on disk, the card moves on."""

from __future__ import annotations

from pathlib import Path

import pendulum
from clock import frozen_at
from disk import saved_data
from pilot_helpers import add_prospect, column_text, reopen
from textual.widgets import Input, Static

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.modals.log_form import LogForm
from jobfutures_tui.models import Channel, Direction, Outcome, Shareable, Stage, Touch, TouchKind
from jobfutures_tui.store import Repository

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")  # a Monday


frozen = frozen_at(NOW)


def touches_on_disk(data_dir: Path, prospect_id: str) -> list[Touch]:
    with reopen(data_dir) as repo:
        return repo.touches_for(prospect_id)


async def test_a_voicemail_takes_four_keys_from_the_board(repo: Repository, data_dir: Path) -> None:
    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=20))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(170, 36)) as pilot:  # cards wide beside the script panel
        await pilot.pause()
        assert "email 2w ago" in column_text(app, Stage.INTERVIEWED)
        await pilot.press("c")  # log
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        await pilot.press("c", "v")  # by call, left a voicemail
        next_line = str(form.query_one("#log-next", Static).render())
        assert "next: Thu 26 Nov" in next_line and "another channel in 3 days" in next_line
        await pilot.press("enter")  # saved
        await pilot.pause()
        assert not isinstance(app.screen, LogForm)
        assert "call today · due Thu" in column_text(app, Stage.INTERVIEWED)
        await app.workers.wait_for_complete()
        repo.flush()

    [touch, _] = touches_on_disk(data_dir, prospect.id)
    assert (touch.channel, touch.outcome, touch.direction) == (
        Channel.CALL,
        Outcome.LEFT_VOICEMAIL,
        Direction.OUT,
    )
    assert touch.person_id == prospect.main_person_id
    assert touch.at == NOW and touch.kind is TouchKind.FOLLOW_UP


async def test_undo_takes_a_logged_touch_back_exactly(repo: Repository, data_dir: Path) -> None:
    add_prospect(repo, "Northwind", touched=NOW.subtract(days=20))
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(170, 36)) as pilot:  # cards wide beside the script panel
        await pilot.press("c", "e", "s", "enter")
        await pilot.pause()
        repo.flush()
        assert saved_data(data_dir) != before
        await pilot.press("u")
        await pilot.pause()
        repo.flush()
        assert saved_data(data_dir) == before
        assert "email 2w ago" in column_text(app, Stage.INTERVIEWED)


async def test_an_inbound_reply_with_a_backdated_time_and_a_note(
    repo: Repository, data_dir: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", touched=NOW.subtract(days=20))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c", "i", "e")  # they emailed back
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        when = form.query_one("#at", Input)
        when.value = "yesterday 4pm"
        form.query_one("#note", Input).value = "[bold]liked[/ the DuckDB notes"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, LogForm)
        repo.flush()
    touch = touches_on_disk(data_dir, prospect.id)[0]
    assert (touch.direction, touch.outcome, touch.replied) == (Direction.IN, Outcome.REPLIED, True)
    assert touch.at == pendulum.datetime(2026, 11, 22, 16, tz="UTC")
    assert touch.note == "[bold]liked[/ the DuckDB notes"


async def test_a_bad_date_is_refused_at_the_field_and_nothing_saved(
    repo: Repository, data_dir: Path
) -> None:
    add_prospect(repo, "Northwind")
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one("#at", Input).value = "tomorrow-ish"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        error = str(form.query_one("#error-at").render())
        assert "tomorrow-ish" in error
        await pilot.press("escape")
        repo.flush()
    assert saved_data(data_dir) == before


async def test_a_referral_creates_the_linked_job_future(repo: Repository, data_dir: Path) -> None:
    prospect = add_prospect(repo, "Northwind", stage=Stage.REJECTED_WARM)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "c", "f")  # a call where they gave a referral
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        company = form.query_one("#referred_company", Input)
        assert company.display
        company.value = "Fabrikam"
        form.query_one("#referred_person", Input).value = "Grace O'Neill"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Fabrikam" in column_text(app, Stage.REFERRAL)
        repo.flush()
    with reopen(data_dir) as stored:
        fabrikam = stored.find_company("Fabrikam")
        assert fabrikam is not None
        [referral] = [p for p in stored.prospects() if p.company_id == fabrikam.id]
        assert referral.stage is Stage.REFERRAL
        assert referral.referred_by_id == prospect.main_person_id
        [touch] = stored.touches_for(prospect.id)
        assert touch.outcome is Outcome.REFERRAL_GIVEN


async def test_an_opening_moves_the_job_future_to_offer_in_the_same_change(
    repo: Repository,
) -> None:
    add_prospect(repo, "Northwind", stage=Stage.REJECTED_WARM)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c", "c", "o", "enter")
        await pilot.pause()
        assert "Northwind" in column_text(app, Stage.OFFER)
        await pilot.press("u")
        await pilot.pause()
        assert "Northwind" in column_text(app, Stage.REJECTED_WARM)


async def test_log_from_today_chooses_the_suggested_person(repo: Repository) -> None:
    add_prospect(repo, "Northwind", touched=NOW.subtract(days=30))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        assert "Log a touch · Northwind" in str(form.query_one("#form-title", Static).render())


async def test_log_from_people_is_with_that_person(repo: Repository, data_dir: Path) -> None:
    prospect = add_prospect(repo, "Northwind", person="Zed Quinn")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await pilot.press("c", "e", "s", "enter")
        await pilot.pause()
        repo.flush()
    [touch] = touches_on_disk(data_dir, prospect.id)
    assert touch.person_id == prospect.main_person_id and touch.channel is Channel.EMAIL


async def test_the_referral_chain_opens_from_the_story(repo: Repository) -> None:
    from textual.widgets import Tree

    from jobfutures_tui.modals.referral_chain import ReferralChain
    from jobfutures_tui.screens.detail import DetailScreen

    add_prospect(repo, "Northwind [Labs]", stage=Stage.REJECTED_WARM)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "c", "f")
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one("#referred_company", Input).value = "Fabrikam"
        await pilot.press("ctrl+s", "enter")  # saved; open the story of Northwind
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("R")
        await pilot.pause()
        chain = app.screen
        assert isinstance(chain, ReferralChain)
        tree = chain.query_one(Tree)
        assert str(tree.root.label).startswith("Northwind [Labs]")
        assert [str(n.label).split(" ·")[0] for n in tree.root.children] == ["Fabrikam"]
        await pilot.press("down", "enter")  # open Fabrikam's story
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        prospect = repo.prospect(detail.prospect_id)
        assert prospect is not None and prospect.stage is Stage.REFERRAL


async def test_things_to_share_list_whom_each_went_to(repo: Repository, data_dir: Path) -> None:
    from jobfutures_tui.modals.shareables import ShareablesScreen
    from jobfutures_tui.palette import show_shareables
    from jobfutures_tui.widgets.record_list import RecordList

    prospect = add_prospect(repo, "Northwind")
    repo.save(
        Touch(
            prospect_id=prospect.id,
            person_id=prospect.main_person_id,
            at=NOW.subtract(days=3),
            channel="email",
            shared=("[b]DuckDB[/ notes",),
        )
    )
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        show_shareables(app)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ShareablesScreen)
        listing = app.screen.query_one(RecordList)
        assert listing.ids == []  # only titles typed in the log form join the library
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#title", Input).value = "[b]DuckDB[/ notes"
        await pilot.press("ctrl+s")
        for _ in range(20):  # the list redraws when it is back on top
            await pilot.pause()
            if listing.ids:
                break
        assert isinstance(app.screen, ShareablesScreen)
        assert len(listing.ids) == 1
        row = listing.draw(listing.ids[0], 100).plain
        assert "[b]DuckDB[/ notes" in row and "sent to Priya Raman (20 Nov 2026)" in row
        await pilot.press("D")
        await pilot.pause()
        assert listing.ids == []
        await pilot.press("u")
        await pilot.pause()
        assert len(listing.ids) == 1
        repo.flush()
    with reopen(data_dir) as stored:
        assert [s.title for s in stored.records(Shareable)] == ["[b]DuckDB[/ notes"]


async def test_letters_typed_in_a_field_are_text_not_picks(repo: Repository) -> None:
    add_prospect(repo, "Northwind", touched=NOW.subtract(days=20))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        channel, outcome = form.channel, form.outcome
        form.query_one("#note", Input).focus()
        await pilot.press("c", "v", "x", "i")
        assert form.query_one("#note", Input).value == "cvxi"
        assert (form.channel, form.outcome, form.direction) == (channel, outcome, Direction.OUT)
