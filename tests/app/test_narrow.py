"""At 80x24 nothing is cut where it matters (issue 15)."""

from __future__ import annotations

import re

from pilot_helpers import until
from textual.widgets import OptionList

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.key_picker import KeyPicker
from jobfutures_tui.widgets.stage_column import column_title


def test_a_narrow_column_shortens_its_name_never_its_count() -> None:
    assert column_title("Rejected-but-warm", 8, 40) == "Rejected-but-warm 8"
    assert column_title("Rejected-but-warm", 8, 21) == "Rejected-but… 8"
    assert column_title("Rejected-but-warm", 8, 20) == "Rejected… 8"
    assert column_title("Rejected-but-warm", 128, 12).endswith("… 128")


async def test_at_80x24_titles_keys_and_reasons_stay_whole(demo: Repository) -> None:
    app = JobFuturesApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [str(app.screen.column(stage).border_title) for stage in Stage.board()]
        assert all(re.search(r" \d+$", title) for title in titles), titles
        await pilot.press("c")
        await pilot.pause()
        pickers = list(app.screen.query(KeyPicker))
        assert len(pickers) == 2
        for picker in pickers:
            lines = [str(picker.render_line(y).text) for y in range(picker.size.height)]
            assert len(lines) > 1, "80 columns cannot hold the keys on one line"
            for line in lines:  # a key is never left at the end of a line without its word
                assert not re.search(r"(^|\s)\S\s*$", line.rstrip()), lines
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("2")
        listing = app.screen.query_one("#today-list", OptionList)
        await until(pilot, lambda: listing.option_count, "what is due")
        await pilot.pause()
        lines = [listing.render_line(y).text for y in range(listing.size.height)]
        wrapped = [line for line in lines if line.startswith("  ") and " — " not in line]
        assert wrapped, "some reason is too long for 80 columns"
        for line in lines:  # every line is a heading, a 'late'/'due' line or indented
            text = line.strip()
            if text and not re.match(r"(Overdue|Due|\d+ days? late|due )", text):
                assert line.startswith("  "), line


async def test_the_import_dialog_keeps_its_list_inside_and_says_it_is_a_dry_run(
    repo: Repository,
) -> None:
    from pilot_helpers import palette

    app = JobFuturesApp(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import a f")
        form = app.screen.query_one("#form")
        listing = app.screen.query_one("#kind", OptionList)
        assert listing.option_count == 6
        assert form.region.contains_region(listing.region), "no drop-down over the border"
        keys = str(app.screen.query_one("#form-help").render())
        assert "dry run" in keys and "save" not in keys.replace("saves nothing", "")


def test_one_is_counted_as_one() -> None:
    from jobfutures_tui.exchange.plan import ImportPlan
    from jobfutures_tui.exchange.restore import counts_summary
    from jobfutures_tui.models import Company, Person

    plan = ImportPlan("LinkedIn connections", "c.csv", new=[Company(name="A"), Person(name="B")])
    assert "New: 1 company, 1 person" in plan.summary()
    assert counts_summary({"companies": 1, "prospects": 2}) == "1 company, 2 job futures"


async def test_at_80x24_dialogs_keep_their_key_line_on_screen(demo: Repository) -> None:
    """The settings form with every error shown, the pick dialog over a long list."""
    from pilot_helpers import palette
    from textual.widgets import Input

    from jobfutures_tui.modals.settings_form import SettingsForm

    app = JobFuturesApp(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "Settings")
        await until(pilot, lambda: isinstance(app.screen, SettingsForm), "the settings form")
        form = app.screen
        for field, typed in (
            ("workdays", "xyz"),
            ("daily_budget", "0"),
            ("weekly_goal", "x"),
            ("exports_folder", "rel/dir"),
        ):
            widget = form.query_one(f"#{field}", Input)
            widget.value = typed
        await pilot.pause()
        keys = form.query_one("#form-help")
        assert "save" in str(keys.render())
        assert app.screen.region.contains_region(keys.region), "the key line is on screen"
        assert form.query_one("#form").content_region.contains_region(keys.region)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3", "f")  # People: add the first person to a job future
        await until(pilot, lambda: app.screen.query("#pick-keys"), "the pick dialog")
        await pilot.pause()
        pick, keys = app.screen.query_one("#pick"), app.screen.query_one("#pick-keys")
        assert pick.region.contains_region(keys.region), "the key line inside the dialog"


def test_a_review_line_keeps_its_indent_when_it_wraps() -> None:
    from rich.console import Console

    from jobfutures_tui.modals.review import indented

    console = Console(width=30, color_system=None)
    with console.capture() as captured:
        console.print(indented(["Values left out: 1", "  line 1: a value that is far too long"]))
    lines = captured.get().splitlines()
    assert lines[0] == "Values left out: 1"
    assert len(lines) > 2 and all(line.startswith("  ") for line in lines[1:]), lines
