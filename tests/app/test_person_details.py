"""A person's postal address in the form and on the story; `p` with a name already known."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import add_prospect, reopen, static_text, until
from textual.widgets import Static

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.screens.detail import DetailScreen, open_prospect
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.record_list import RecordList


def lines_of(widget: RecordList) -> list[str]:
    """Its lines, without the column where the selected row's bar goes."""
    return [widget.render_line(y).text[1:].rstrip() for y in range(widget.size.height)]


async def open_detail(app: JobFuturesApp, pilot) -> DetailScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    return app.screen


async def test_an_address_is_typed_on_several_lines_and_shown_with_the_person(
    repo: Repository, data_dir: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", person="Priya Raman")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 34)) as pilot:
        detail = await open_detail(app, pilot)
        people = detail.query_one("#people", RecordList)
        assert people.row_height == 3, "no one has an address: no line for it"
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"[bold]Dana[/")
        app.screen.query_one("#address").focus()
        await pilot.press(*"1800 Larimer St", "enter", *"Denver, CO 80202", "ctrl+s")
        await pilot.pause()
        (dana,) = [p for p in repo.people() if p.name == "[bold]Dana[/"]
        assert dana.address == "1800 Larimer St\nDenver, CO 80202"
        assert people.row_height == 4
        shown = lines_of(people)
        assert "[bold]Dana[/" in shown[4], "markup in a name is shown as typed"
        assert shown[7] == "  address: 1800 Larimer St, Denver, CO 80202"
        assert shown[3] == "", "someone without an address has a blank line there"
        people.focus()
        await pilot.press("e")
        await pilot.pause()
        address = app.screen.query_one("#address")
        assert address.text == dana.address, "the form shows it to edit"
        await pilot.press("escape")
    repo.flush()
    with reopen(data_dir) as saved:
        assert len(saved.prospect(prospect.id).person_ids) == 2
        assert saved.person(dana.id).address == dana.address


async def test_someone_known_only_by_linkedin_is_added_at_80x24(repo: Repository) -> None:
    url = "https://www.linkedin.com/in/jo-lee"
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Acme", "enter", *"Jo Lee", "tab", "tab", "tab", "tab")
        form = app.screen
        assert app.focused is form.query_one("#linkedin")
        await pilot.press(*"jo-lee", "ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-linkedin")
        assert "is not a LinkedIn profile address" in str(error.render())
        inside = form.query_one("#form").content_region  # within its border
        assert form.region.contains_region(inside)
        for part in ("#form-title", "#linkedin", "#error-linkedin", "#form-help"):
            region = form.query_one(part).region
            assert inside.contains_region(region) and region.height, f"{part} is on screen"
        await pilot.press("ctrl+a", "ctrl+k", *url, "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, type(form)), "saved and closed"
    (jo,) = repo.people()
    assert (jo.name, jo.linkedin, jo.email) == ("Jo Lee", url, "")


async def test_an_import_in_the_app_fills_an_address_in_and_undo_takes_it_back(
    repo: Repository,
) -> None:
    from pilot_helpers import palette

    from jobfutures_tui.modals.import_file import ImportReview
    from jobfutures_tui.models import Person

    erik = Person(name="Erik Lindqvist", email="erik.lindqvist@alpineskihouse.example")
    repo.save(erik)
    source = Path(__file__).parent.parent / "fixtures" / "addresses.vcf"
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "import a f")
        await pilot.press("down")  # from LinkedIn to an address book
        app.screen.query_one("#path").value = str(source)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ImportReview)
        body = static_text(review.query_one("#review-body", Static))
        assert "line 1: Erik Lindqvist: address and city" in body
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert repo.person(erik.id).city == "Stockholm"
        assert len(repo.people()) == 7
        await pilot.press("u")
        await pilot.pause()
        assert repo.people() == [erik], "one undoable change, the fill-in included"


async def test_p_with_a_name_known_at_the_company_asks_to_link_them_instead(
    repo: Repository, data_dir: Path
) -> None:
    from jobfutures_tui.modals.confirm import Confirm
    from jobfutures_tui.models import Company, Person, Prospect

    firm = Company(name="[bold]North[/")
    priya = Person(name="Priya Raman", company_id=firm.id, title="Director", email="p@n.example")
    dana = Person(name="Dana Wu", company_id=firm.id)
    first = Prospect(company_id=firm.id, person_ids=(priya.id,), role="Data Lead")
    second = Prospect(company_id=firm.id, person_ids=(dana.id,), role="Platform Lead")
    repo.save(firm, priya, dana, first, second)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        open_prospect(app, second.id)
        await pilot.pause()
        await pilot.press("p")
        await until(pilot, lambda: app.screen.query("#name"), "the person form")
        await pilot.press(*"priya  RAMAN", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        ask = app.screen
        assert isinstance(ask, Confirm)
        question = str(ask.query_one("#confirm-question").render())
        assert question == (
            "Priya Raman already works at [bold]North[/. "
            "Link them to this job future instead of adding someone new?"
        )
        detail = str(ask.query_one("#confirm-detail").render())
        assert (
            detail
            == "Director · hiring manager · p@n.example\nn adds another priya  RAMAN, as typed."
        )
        assert str(ask.query_one("#confirm-keys").render()) == "y yes · n no · esc cancel"
        await pilot.press("y")
        await pilot.pause()
        assert repo.prospect(second.id).person_ids == (dana.id, priya.id), "linked, not twinned"
        assert len(repo.people()) == 2
        people = app.screen.query_one("#people", RecordList)
        assert people.selected == priya.id
        await pilot.press("u")
        await pilot.pause()
        assert repo.prospect(second.id).person_ids == (dana.id,), "one undoable change"

        await pilot.press("p", *"Priya Raman", "ctrl+s", "escape")
        await pilot.pause()
        assert len(repo.people()) == 2 and repo.prospect(second.id).person_ids == (dana.id,)

        await pilot.press("p", *"Priya Raman", "ctrl+s", "n")
        await pilot.pause()
        (twin,) = [p for p in repo.people() if p.name == "Priya Raman" and p.id != priya.id]
        assert repo.prospect(second.id).person_ids == (dana.id, twin.id), "no: as typed"

        open_prospect(app, first.id)
        await pilot.pause()
        await pilot.press("p", *"Priya Raman", "ctrl+s")
        await pilot.pause()
        question = str(app.screen.query_one("#confirm-question").render())
        assert question.startswith("Priya Raman is already one of this job future's people.")
        await pilot.press("y")
        await pilot.pause()
        assert repo.prospect(first.id).person_ids == (priya.id,) and len(repo.people()) == 3
        await pilot.press("p", *"Dana Wu", "tab", "tab", "ctrl+a", "ctrl+k", *"Elsewhere")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, Confirm), "at another company: someone else"
        assert len(repo.prospect(first.id).person_ids) == 2
    repo.flush()
    with reopen(data_dir) as saved:
        assert len(saved.people()) == 4


async def test_the_person_form_with_its_address_fits_80x24(repo: Repository) -> None:
    add_prospect(repo, "Northwind")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        inside = app.screen.query_one("#form").content_region  # within its border
        assert app.screen.region.contains_region(inside)
        for part in ("#form-title", "#address", "#do_not_contact", "#form-help"):
            region = app.screen.query_one(part).region
            assert inside.contains_region(region) and region.height, f"{part} is on screen"


async def test_every_email_and_phone_is_shown_and_edited_in_the_form(
    repo: Repository, data_dir: Path
) -> None:
    from textual.widgets import Input

    from jobfutures_tui.models import revise

    prospect = add_prospect(repo, "Northwind")
    priya = repo.person(prospect.person_ids[0])
    assert priya is not None
    repo.save(
        revise(
            priya,
            other_emails=("priya@home.example",),
            phone="+1 303 555 0142",
            other_phones=("+1 303 555 0100",),
        )
    )
    repo.flush()
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 34)) as pilot:
        detail = await open_detail(app, pilot)
        people = detail.query_one("#people", RecordList)
        shown = "\n".join(lines_of(people))
        assert "+1 303 555 0142 (+1 more) · them@example.com (+1 more)" in shown
        people.focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        email = form.query_one("#email", Input)
        assert email.value == "them@example.com; priya@home.example", "the main one first"
        assert form.query_one("#phone", Input).value == "+1 303 555 0142; +1 303 555 0100"
        email.focus()
        email.value = ""
        await pilot.press(*"priya@home.example; nope", "ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#error-email").render())
        assert "'nope' does not look like an email address" in error
        email.value = ""
        await pilot.press(*"priya@home.example; them@example.com", "ctrl+s")
        await pilot.pause()
        assert app.screen is not form
    repo.flush()
    with reopen(data_dir) as saved:
        stored = saved.person(priya.id)
        assert stored is not None
        assert (stored.email, stored.other_emails) == ("priya@home.example", ("them@example.com",))
        assert stored.other_phones == ("+1 303 555 0100",)


async def test_the_apps_dry_run_says_what_an_address_book_leaves_out(repo: Repository) -> None:
    from pilot_helpers import palette

    from jobfutures_tui.modals.import_file import ImportReview

    source = Path(__file__).parent.parent / "fixtures" / "android_contacts.vcf"
    app = JobFuturesApp(repo)
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "import a f")
        await pilot.press("down")  # from LinkedIn to an address book
        app.screen.query_one("#path").value = str(source)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ImportReview)
        body = static_text(review.query_one("#review-body", Static))
        assert "Keeps: name (FN, else N)" in body
        assert "Left out (not kept by jobfutures): Android custom field (1), birthday (1)" in body
        assert "line 1: Björn Schön: email 'n/a' does not look like an email address" in body
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
    (bjorn,) = [p for p in repo.people() if p.name == "Björn Schön"]
    assert bjorn.phones == ("+49 170 5550199", "+49 30 5550100")
