"""The insights screen (5): the figures of ``jobfutures stats`` on screen, and enter
opening a job future going cold."""

from __future__ import annotations

from pathlib import Path

import pendulum
from pilot_helpers import rendered_text, until
from textual.widgets import OptionList, Static

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.demo import populate
from jobfutures_tui.models import Company, Person, Prospect, Touch
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.detail import DetailScreen
from jobfutures_tui.screens.insights import InsightsScreen
from jobfutures_tui.store import BackgroundWriter, Repository
from jobfutures_tui.usecases.changes import Change
from jobfutures_tui.usecases.insights import insights
from jobfutures_tui.usecases.insights_words import as_json

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


def demo_at_now(folder: Path) -> Repository:
    """The demo data for NOW (call with time frozen there), opened as the app does."""
    with Repository.open(folder) as seed:
        populate(seed, today=NOW.date())
    return Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)


async def open_insights(app: JobFuturesApp, pilot) -> InsightsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("5")
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InsightsScreen)
    assert screen.complete
    return screen


def shown(screen: InsightsScreen, part: str) -> str:
    static = screen.query_one(f"#insights-{part}", Static)
    return rendered_text(static.render(), width=200)


async def test_5_shows_the_figures_and_enter_opens_one_going_cold(tmp_path: Path) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        repo = demo_at_now(tmp_path / "data")
        expected = insights(repo, today=NOW.date(), goal=5)
        app = JobFuturesApp(repo, demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_insights(app, pilot)
            assert screen.found is not None
            assert as_json(screen.found) == as_json(expected), "the same figures as stats"
            overall = expected.figures.replies.overall
            assert f"({overall.replies} of {overall.touches})" in shown(screen, "replies")
            assert "goal 5" in shown(screen, "weeks")
            cold = screen.query_one("#insights-cold", OptionList)
            assert cold.has_focus and cold.option_count == len(expected.cold) > 0
            first = expected.cold[0]
            assert first.company in rendered_text(cold.get_option_at_index(0).prompt, width=200)
            await pilot.press("j", "k", "enter")
            await pilot.pause()
            detail = app.screen
            assert isinstance(detail, DetailScreen)
            assert detail.prospect_id == first.prospect_id, "enter opens the job future"
            await pilot.press("escape")
            assert isinstance(app.screen, InsightsScreen)
            await pilot.press("c")  # a touch with the one selected
            await pilot.pause()
            assert type(app.screen).__name__ == "LogForm"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, InsightsScreen)
            await pilot.press("1")
            assert isinstance(app.screen, BoardScreen)
        repo.close()


async def test_a_change_elsewhere_shows_when_5_comes_back(tmp_path: Path) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        repo = Repository.open(
            tmp_path / "data", writer=BackgroundWriter(), verify=False, streamed=True
        )
        firm = Company(name="[bold]Acme[/")
        who = Person(name="Jo [red]Lee", company_id=firm.id, email="jo@acme.example")
        future = Prospect(
            company_id=firm.id,
            person_ids=(who.id,),
            began_on=NOW.date().subtract(days=60),
            created_at=NOW.subtract(days=60),
            stage_changed_at=NOW.subtract(days=60),
        )
        repo.save(firm, who, future)
        app = JobFuturesApp(repo)
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await open_insights(app, pilot)
            assert "0 of 0" not in shown(screen, "replies")
            assert "1 open job future past its plan's next touch:" in shown(screen, "cold-title")
            cold = screen.query_one("#insights-cold", OptionList)
            assert "[bold]Acme[/ · Jo [red]Lee" in rendered_text(
                cold.get_option_at_index(0).prompt, width=200
            ), "names show as typed, never as markup"
            await pilot.press("1")
            touch = Touch(
                prospect_id=future.id, person_id=who.id, at=NOW.subtract(hours=1), channel="email"
            )
            app.apply(Change("Logged", save=(touch,)), note=False)
            screen = await open_insights(app, pilot)
            assert screen.found is not None
            assert screen.found.figures.weeks[-1].touches == 1
            assert screen.found.cold_total == 0
        repo.close()


def test_the_settings_screen_checks_the_weekly_goal() -> None:
    import pytest

    from jobfutures_tui.modals.settings_form import read

    def no_keys(keys: dict[str, str]) -> dict[str, str]:
        return {}

    assert read("weekly_goal", " 8 ", no_keys) == 8
    assert read("weekly_goal", "", no_keys) is None  # the default (5)
    with pytest.raises(ValueError, match="at least 1"):
        read("weekly_goal", "0", no_keys)
    with pytest.raises(ValueError, match="'many' is not a whole number"):
        read("weekly_goal", "many", no_keys)


async def test_long_script_names_are_shortened_with_an_ellipsis_and_stay_distinct(
    tmp_path: Path,
) -> None:
    from jobfutures_tui.models import Script

    with pendulum.travel_to(NOW, freeze=True):
        repo = Repository.open(
            tmp_path / "data", writer=BackgroundWriter(), verify=False, streamed=True
        )
        firm = Company(name="Acme")
        who = Person(name="Jo Lee", company_id=firm.id, email="jo@acme.example")
        future = Prospect(
            company_id=firm.id,
            person_ids=(who.id,),
            began_on=NOW.date().subtract(days=90),
            created_at=NOW.subtract(days=90),
            stage_changed_at=NOW.subtract(days=90),
        )
        names = [
            "Reply to an opening: thank them for the news",
            "Reply to an opening: ask who is hiring",
            "Reply to an opening: offer a referral back",
        ]
        scripts = [Script(name=name, body="Hello {first_name}") for name in names]
        touches = [
            Touch(
                prospect_id=future.id,
                person_id=who.id,
                at=NOW.subtract(days=60 - 10 * i),
                channel="email",
                script_id=script.id,
            )
            for i, script in enumerate(scripts)
        ]
        repo.save(firm, who, future, *scripts, *touches)
        app = JobFuturesApp(repo)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_insights(app, pilot)
            lines = shown(screen, "replies").splitlines()
            start = lines.index("  by script (which words get answers)") + 1
            labels = [line[2:22].rstrip() for line in lines[start : start + 3]]
            assert len(set(labels)) == 3, labels
            assert all(label.startswith("Reply to") and "…" in label for label in labels)
            await pilot.resize_terminal(140, 30)
            await until(
                pilot,
                lambda: all(name in shown(screen, "replies") for name in names),
                "the names whole once there is room",
            )
        repo.close()


async def test_going_cold_at_80x24_takes_two_lines_and_the_selected_is_marked(
    tmp_path: Path,
) -> None:
    with pendulum.travel_to(NOW, freeze=True):
        repo = demo_at_now(tmp_path / "data")
        app = JobFuturesApp(repo, demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_insights(app, pilot)
            assert screen.found is not None
            cold = screen.query_one("#insights-cold", OptionList)

            def row(index: int) -> list[str]:
                prompt = cold.get_option_at_index(index).prompt
                return rendered_text(prompt, width=200).rstrip("\n").split("\n")

            first = screen.found.cold[0]
            top = row(0)
            assert len(top) == 2 and all(line.startswith("▌ ") for line in top)
            assert top[0].startswith(f"▌ {first.company}")
            assert top[1].rstrip().endswith(first.how), "how it goes on is whole"
            assert all(line.startswith("  ") for line in row(1)), "only the selected is marked"
            await pilot.press("j")
            await pilot.pause()
            assert all(line.startswith("  ") for line in row(0))
            assert all(line.startswith("▌ ") for line in row(1)), "the mark follows the cursor"
            await pilot.resize_terminal(140, 30)
            await pilot.pause()
            assert len(row(1)) == 1 and row(1)[0].startswith("▌ "), "one line when wide"
        repo.close()


async def test_every_built_in_theme_draws_the_page_and_marks_the_selected_by_a_character(
    tmp_path: Path,
) -> None:
    from rich.text import Text

    with pendulum.travel_to(NOW, freeze=True):
        repo = demo_at_now(tmp_path / "data")
        app = JobFuturesApp(repo, demo=True)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_insights(app, pilot)
            themes = sorted(app.available_themes)
            assert len(themes) >= 10
            bars: set[object] = set()
            for name in themes:
                app.theme = name
                await pilot.pause()
                assert app.theme == name and isinstance(app.screen, InsightsScreen)
                weeks = shown(screen, "weeks")
                assert "this week" in weeks and "┈" in weeks, name  # the goal is a shape
                assert "by channel" in shown(screen, "replies"), name
                cold = screen.query_one("#insights-cold", OptionList)
                first = cold.render_line(0).text  # as the terminal gets it
                second = cold.render_line(2).text
                assert first.lstrip().startswith("▌"), (name, first)
                assert not second.lstrip().startswith("▌"), (name, second)
                drawn = screen.query_one("#insights-replies", Static).content
                assert isinstance(drawn, Text)
                bars.add(
                    str(
                        next(
                            span.style for span in drawn.spans if span.style == screen._style("bar")
                        )
                    )
                )
            assert len(bars) > 1, "drawn again in each theme's colours"
        repo.close()
