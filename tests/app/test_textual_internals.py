"""Textual's private API that jobfutures relies on (jobfutures_tui/widgets/
textual_internals.py, and the tests' own textual_internals.py) still exists and
behaves as assumed. After an upgrade, a failure names the version each use was
written against: read the helper's docstring, then Textual's changelog for what
replaced it."""

from __future__ import annotations

import inspect

import textual
import textual._wait
import textual_internals as tests_own
from pilot_helpers import until
from rich.console import Console
from rich.style import Style
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widgets import Footer, Static

from jobfutures_tui.widgets import textual_internals as ours


def written_against(what: str) -> str:
    return f"{what}: written against Textual {ours.WRITTEN_AGAINST}, running {textual.__version__}"


class Column(ours.LaidOutOnce):
    """Counts what Textual's layout asks of it."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        answer = super()._size_updated(size, virtual_size, container_size, layout)
        self.answers.append(answer)
        return answer


class Harness(App[None]):
    BINDINGS = [Binding("g", "bell", "Go somewhere")]

    def compose(self) -> ComposeResult:
        yield Column()
        yield Static("below", id="below")
        yield Footer()


def test_the_two_lists_name_the_same_version() -> None:
    assert ours.WRITTEN_AGAINST == tests_own.WRITTEN_AGAINST


def test_layout_goes_through_size_updated() -> None:
    """LaidOutOnce overrides it: same arguments, and a layout calls it every time."""
    names = list(inspect.signature(ScrollView._size_updated).parameters)
    assert names == ["self", "size", "virtual_size", "container_size", "layout"], written_against(
        "ScrollView._size_updated(size, virtual_size, container_size, layout)"
    )


async def test_every_layout_asks_size_updated_and_false_means_unchanged() -> None:
    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        column = app.query_one(Column)
        column.virtual_size = Size(30, 100)
        await pilot.pause()
        column.answers.clear()
        app.screen.refresh(layout=True)
        # A loaded machine can take more than one pause to run the layout: wait for it.
        await until(pilot, lambda: column.answers, "the layout", seconds=10)
        assert not any(column.answers), written_against(
            "a layout calls Widget._size_updated, and False sends no Resize"
        )
        column.answers.clear()
        await pilot.resize_terminal(50, 14)
        for _ in range(50):  # as above: the new size's layout may take a few pauses
            if any(column.answers):
                break
            await pilot.pause()
        assert any(column.answers), written_against("a new size still reaches Textual")


async def test_scrollbars_and_border_titles_as_assumed() -> None:
    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        column = app.query_one(Column)
        column.virtual_size = Size(30, 100)
        bar = column.vertical_scrollbar

        def both() -> tuple[str, str]:
            drawn = bar._render_bar(Style())
            console = Console(width=1, height=bar.size.height, legacy_windows=False)
            options = console.options.update(width=1, height=bar.size.height)
            textual = "".join(segment.text for segment in console.render(drawn, options))
            cells = "".join(segment.text for segment in ours.scrollbar_cells(bar))
            return cells.replace("\n", ""), textual.replace("\n", "")

        # On a loaded machine the first layout after the new size can still be on its
        # way (the two sizes were once 20 and 10 cells): compare once it has settled.
        for _ in range(20):
            cells, textual_cells = both()
            if cells == textual_cells:
                break
            await pilot.pause()
        assert cells == textual_cells, written_against(
            "scrollbar_cells draws the bar as ScrollBar._render_bar does"
        )

        column.set_reactive(ScrollView.virtual_size, Size(30, 200))
        ours.update_scrollbars(column, Size(30, 200))
        assert bar.window_virtual_size == 200, written_against("Widget._scroll_update")

        ours.set_border_title_quietly(column, Content("Interviewed 3"))
        assert column.border_title == "Interviewed 3", written_against("Widget._border_title")


async def test_a_footer_says_when_its_bindings_are_ready() -> None:
    assert ours.footer_bindings_ready(Footer()) is False, written_against("Footer._bindings_ready")
    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        footer = app.query_one(Footer)
        await pilot.pause()
        assert ours.footer_bindings_ready(footer), written_against("Footer._bindings_ready")
        await until(pilot, lambda: tests_own.footer_keys(footer), "the footer's keys")
        descriptions = [key.description for key in tests_own.footer_keys(footer)]
        assert "Go somewhere" in descriptions, written_against("textual.widgets._footer.FooterKey")
        shown = [ours.footer_key_shown(key) for key in footer.children]
        assert ("g", "bell") in shown, written_against("FooterKey.key, FooterKey.action")
        assert None in shown, written_against("FooterKey.-command-palette")


def test_pilot_waits_for_idle_with_the_module_settings() -> None:
    """conftest shortens Pilot's idle slices by setting these at test time."""
    wait = textual._wait.wait_for_idle
    assert isinstance(textual._wait.SLEEP_GRANULARITY, float), written_against("SLEEP_GRANULARITY")
    assert isinstance(textual._wait.SLEEP_IDLE, float), written_against("SLEEP_IDLE")
    assert {"SLEEP_GRANULARITY", "SLEEP_IDLE"} <= set(wait.__code__.co_names), written_against(
        "wait_for_idle reads textual._wait.SLEEP_* when it runs"
    )
    assert "wait_for_idle" in inspect.getsource(textual.pilot.Pilot.pause), written_against(
        "Pilot.pause waits with textual._wait.wait_for_idle"
    )


async def test_a_footer_key_given_the_footers_compact_is_styled_once(monkeypatch) -> None:
    """settle_compact: a key bound to the footer's ``compact`` starts with its value,
    so mounting it toggles no class (each toggle restyled the key)."""
    from textual.widgets._footer import FooterKey

    from jobfutures_tui.widgets.key_footer import KeyFooter

    class Footed(Harness):
        def compose(self) -> ComposeResult:
            yield Static("above")
            yield KeyFooter()

    toggled: list[bool] = []
    real = FooterKey._watch_compact

    def watched(key: FooterKey, compact: bool) -> None:
        if ours.footer_key_shown(key) is not None:
            toggled.append(compact)
        real(key, compact)

    monkeypatch.setattr(FooterKey, "_watch_compact", watched)
    app = Footed()
    async with app.run_test(size=(60, 12)) as pilot:
        footer = app.query_one(KeyFooter)
        await until(pilot, lambda: tests_own.footer_keys(footer), "the footer's keys")
        keys = [key for key in footer.children if ours.footer_key_shown(key) is not None]
        assert keys and not any(key.has_class("-compact") for key in keys)
    assert True not in toggled, written_against("FooterKey.compact, FooterKey._watch_compact")


async def test_a_screen_shown_the_first_time_is_not_styled_again(monkeypatch) -> None:
    """styled_as_mounted: set on the first ScreenResume by the subclass's handler, it
    keeps Screen's own handler from styling every node again; a later showing does."""
    from textual import events
    from textual.screen import Screen

    restyled: list[str] = []

    class Shown(Screen[None]):
        first = True

        def compose(self) -> ComposeResult:
            yield Static("shown")

        def _on_screen_resume(self, event: events.ScreenResume) -> None:
            if self.first:
                self.first = False
                ours.styled_as_mounted(event)

        def update_node_styles(self, animate: bool = True) -> None:
            restyled.append("styled")
            super().update_node_styles(animate)

    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        shown = Shown()
        await app.push_screen(shown)
        await pilot.pause()
        assert restyled == [], written_against("ScreenResume.refresh_styles")
        shown.post_message(events.ScreenResume())  # as switching back to it posts
        await pilot.pause()
    assert restyled, written_against("Screen._on_screen_resume (styles again when shown again)")


def test_each_source_is_parsed_through_parse_rules_with_the_sheets_variables() -> None:
    """parsing_through replaces ``Stylesheet._parse_rules``: same arguments, and the
    variables it keys the rules by are the stylesheet's ``_variables``."""
    from textual.css.stylesheet import Stylesheet

    parameters = list(inspect.signature(Stylesheet._parse_rules).parameters)
    assert parameters == [
        "self",
        "css",
        "read_from",
        "is_default_rules",
        "tie_breaker",
        "scope",
    ], written_against("Stylesheet._parse_rules")
    sheet = Stylesheet(variables={"accent": "red"})
    assert sheet._variables == {"accent": "red"}, written_against("Stylesheet._variables")
