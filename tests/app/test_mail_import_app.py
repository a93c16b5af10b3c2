"""The palette's Import a file reads mail too: a dry run with a progress bar, y, u."""

from __future__ import annotations

from email.utils import format_datetime
from pathlib import Path

import pendulum
from pilot_helpers import palette, static_text, until
from textual.widgets import Static

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Company, Person, Profile, Prospect
from jobfutures_tui.store import Repository


def _mail(folder: Path) -> Path:
    box = folder / "Mail" / "Local Folders"
    box.mkdir(parents=True)
    at = format_datetime(pendulum.now("UTC").subtract(days=2))
    (box / "Inbox").write_bytes(
        (
            "From MAILER-DAEMON Mon Nov 16 10:00:00 2026\n"
            f"From: Priya <priya@north.example>\nTo: sam@me.example\nSubject: Re: hello\n"
            f"Date: {at}\nMessage-ID: <r1@north>\n\nThanks!\n\n"
        ).encode()
    )
    return folder / "Mail"


async def test_palette_imports_mail_after_a_dry_run_and_u_undoes(
    repo: Repository, tmp_path: Path
) -> None:
    from jobfutures_tui.modals.import_file import KINDS, ImportReview

    north = Company(name="Northwind")
    priya = Person(name="Priya Raman", company_id=north.id, email="priya@north.example")
    future = Prospect(company_id=north.id, person_ids=(priya.id,), role="Data Lead")
    repo.save(north, priya, future, Profile(email="sam@me.example", asked=True))
    source = _mail(tmp_path)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await palette(pilot, "import a f")
        app.screen.query_one("#kind").highlighted = [v for _, v in KINDS].index("mail")
        app.screen.query_one("#path").value = str(source)  # a folder, for mail
        app.screen.query_one("#since").value = "30 days ago"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ImportReview), "the dry run")
        review = app.screen
        assert isinstance(review, ImportReview)
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = static_text(review.query_one("#review-body", Static))
        assert "New: 1 touch (0 sent, 1 reply) on 1 job future" in body
        assert "reply from Priya Raman" in body
        assert repo.touches_for(future.id) == [], "nothing is saved before yes"
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [touch] = repo.touches_for(future.id)
        assert touch.note == "Re: hello" and touch.replied and touch.from_mail
        await pilot.press("escape")  # the review closes after y: the board
        await until(pilot, lambda: not isinstance(app.screen, ImportReview), "the board")
        app.screen.select_prospect(future.id)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.query("#timeline"), "the story")
        timeline = app.screen.query_one("#timeline")
        lines = [timeline.render_line(y).text for y in range(2)]
        assert "Re: hello · from your mail" in lines[1], lines
        await pilot.press("escape")
        await until(pilot, lambda: not app.screen.query("#timeline"), "the board again")
        await pilot.press("u")
        await pilot.pause()
        assert repo.touches_for(future.id) == [], "an import is one undoable change"


async def test_a_since_day_for_another_kind_of_file_is_said_at_the_field(
    repo: Repository, tmp_path: Path
) -> None:
    from textual.widgets import Label

    from jobfutures_tui.modals.record_form import RecordForm

    source = tmp_path / "contacts.vcf"
    source.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Jo\nEND:VCARD\n")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await palette(pilot, "import a f")
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#path").value = str(source)
        form.query_one("#since").value = "3 months ago"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "nothing read"
        said = str(form.query_one("#error-since", Label).render())
        assert "only mail is read from a day on" in said
