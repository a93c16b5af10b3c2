"""The detail screen and the people list, driven by keys, checked on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pendulum
from disk import saved_data
from pilot_helpers import add_prospect, messages, palette, reopen, settle

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Person, PersonRole, Touch
from jobfutures_tui.models.dates import today
from jobfutures_tui.screens.detail import DetailScreen
from jobfutures_tui.screens.people import PeopleScreen
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.record_list import RecordList

AT = pendulum.datetime(2026, 10, 1, 14, tz="UTC")


async def open_detail(app: JobFuturesApp, pilot) -> DetailScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, DetailScreen)
    return screen


def lines_of(widget: RecordList) -> list[str]:
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


async def test_detail_tells_the_story_and_a_long_timeline_scrolls(repo: Repository) -> None:
    prospect = add_prospect(repo, "Northwind", person="Priya Raman")
    touches = [
        Touch(prospect_id=prospect.id, at=AT.subtract(days=n), channel="email", note=f"note {n}")
        for n in range(2000)
    ]
    repo.save(*touches)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        detail = await open_detail(app, pilot)
        assert "Northwind" in str(detail.query_one("#about").render())
        assert "2000 touches" in str(detail.query_one("#timeline-title").render())
        timeline = detail.query_one("#timeline", RecordList)
        assert "note 0" in lines_of(timeline)[1], "newest first"
        assert len(timeline.children) == 0, "drawn line by line, not a widget per touch"
        await pilot.press("end")
        assert timeline.selected == touches[-1].id
        assert any("note 1999" in line for line in lines_of(timeline))
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailScreen)


async def test_people_are_added_edited_and_removed_with_undo(
    repo: Repository, data_dir: Path
) -> None:
    prospect = add_prospect(repo, "Northwind", person="Priya Raman")
    repo.flush()
    before = saved_data(data_dir)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 34)) as pilot:
        detail = await open_detail(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#company").value == "Northwind", "their company is guessed"
        await pilot.press(*"Dana W", "tab", *"Staff", "tab", "tab", "tab", "tab")
        await pilot.press(*"555 0100", "tab", *"not-an-email", "ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#error-email")
        assert "does not look like an email" in str(error.render()), "the message is at the field"
        assert len(repo.prospect(prospect.id).person_ids) == 1, "nothing half-saved"
        await pilot.press("ctrl+a", "ctrl+k", *"d@n.io", "ctrl+s")
        await pilot.pause()
        current = repo.prospect(prospect.id)
        assert len(current.person_ids) == 2
        dana = repo.person(current.person_ids[1])
        assert (dana.name, dana.title, dana.phone) == ("Dana W", "Staff", "555 0100")
        assert repo.company(dana.company_id).name == "Northwind"
        people = detail.query_one("#people", RecordList)
        assert people.selected == dana.id
        people.focus()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(
            "tab", "tab", "ctrl+a", "ctrl+k", *"Contoso", "ctrl+s"
        )  # moves to a new company
        await pilot.pause()
        assert repo.company(repo.person(dana.id).company_id).name == "Contoso"
        await pilot.press("d")
        await pilot.pause()
        assert repo.prospect(prospect.id).person_ids == prospect.person_ids
        assert repo.person(dana.id) is None, "no one else refers to them"
        for _ in range(3):
            await pilot.press("u")
            await pilot.pause()
        repo.flush()
        assert saved_data(data_dir) == before
    with reopen(data_dir) as saved:
        assert saved.prospect(prospect.id) == prospect


async def test_news_company_and_touch_edits_are_saved(repo: Repository, data_dir: Path) -> None:
    prospect = add_prospect(repo, "Northwind")
    repo.save(Touch(prospect_id=prospect.id, at=AT, channel="call", outcome="no-answer"))
    app = JobFuturesApp(repo)
    with pendulum.travel_to(pendulum.datetime(2026, 11, 23, 12, tz="UTC"), freeze=True):
        async with app.run_test(size=(120, 34)) as pilot:
            detail = await open_detail(app, pilot)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*"Denver office", "ctrl+s")  # the words come first
            await pilot.pause()
            company = repo.company(prospect.company_id)
            assert [(n.on.isoformat(), n.text) for n in company.news] == [
                ("2026-11-23", "Denver office")
            ]
            assert "Denver office" in str(detail.query_one("#company").render())
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("tab", "tab", "tab", "end", "enter", *"hi")
            await pilot.press("ctrl+s")
            await pilot.pause()
            error = app.screen.query_one("#error-news")
            assert "line 2" in str(error.render()), "a bad news line is named"
            await pilot.press("escape")
            detail.query_one("#timeline").focus()
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("ctrl+a", "ctrl+k", *"2099-01-01 10:00", "ctrl+s")
            await pilot.pause()
            assert "future" in str(app.screen.query_one("#error-at").render())
            await pilot.press("ctrl+a", "ctrl+k", *"2026-10-02 09:30", "ctrl+s")
            await pilot.pause()
    repo.flush()
    with reopen(data_dir) as saved:
        (touch,) = saved.touches_for(prospect.id)
        assert touch.at.in_timezone("UTC").day == 2


async def test_people_screen_lists_filters_adds_and_opens(repo: Repository) -> None:
    add_prospect(repo, "Northwind", person="Priya Raman")
    add_prospect(repo, "Contoso", person="Tomás Ibáñez", role=PersonRole.RECRUITER)
    repo.save(Person(name="Loose Contact"))
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        listing = screen.query_one("#people-list", RecordList)
        shown = "\n".join(lines_of(listing))
        assert "Loose Contact" in shown and "Tomás Ibáñez" in shown
        assert "recruiter/HR" in shown and "Contoso" in shown
        await pilot.press("slash", *"ibanez")
        await pilot.pause()
        assert listing.ids == [], "no accents folding: 'ibanez' is not 'Ibáñez'"
        await pilot.press("ctrl+a", "ctrl+k", *"tom", "enter")
        await pilot.pause()
        assert len(listing.ids) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen), "enter opens the person's job future"
        await pilot.press("3")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape", "a")
        await pilot.pause()
        await pilot.press(*"New Person", "ctrl+s")
        await pilot.pause()
        assert any(p.name == "New Person" for p in repo.people())
        assert listing.selected == next(p.id for p in repo.people() if p.name == "New Person")


async def test_markdown_of_the_story_is_written_for_a_call_and_copied(repo: Repository) -> None:
    prospect = add_prospect(repo, "[bold]Acme[/", person="Priya Raman")
    repo.save(Touch(prospect_id=prospect.id, at=AT, channel="call", note="asked about *Denver*"))
    repo.flush()
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_detail(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        (written,) = (Path.home() / "jobfutures-exports").glob("*.md")
        assert written.name == f"bold-Acme_{today().isoformat()}.md"
        text = written.read_text(encoding="utf-8")
        assert text.startswith("# \\[bold\\]Acme\\[/ — Staff Data Engineer")
        assert "asked about \\*Denver\\*" in text, "the touch note, as written"
        assert app.clipboard == text
        said = messages(app)[-1]
        assert said.startswith(f"Wrote {written}\n") and "clipboard" in said
        await palette(pilot, "markdown")  # the story's key is in the palette too
        await settle(app, pilot)
        assert len([m for m in messages(app) if m.startswith("Wrote")]) == 2
        assert len(list(written.parent.glob("*.md"))) == 1, "the same day's file, newer"
