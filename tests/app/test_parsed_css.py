"""The app's CSS, parsed once and kept in the user's cache folder between runs
(jobfutures_tui/parsed_css.py): a later start parses none of it and looks the same;
anything unexpected about the kept file only means parsing again."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest
from textual.css import stylesheet
from textual.pilot import Pilot

from jobfutures_tui import parsed_css
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.parsed_css import ParsedCss, kept_between_runs
from jobfutures_tui.paths import cache_folder
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import Repository

pytestmark = pytest.mark.parses_css


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources Textual really parses (not those found kept)."""
    seen: list[str] = []
    parse = stylesheet.parse

    def counted(scope, css, read_from, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(read_from)
        return parse(scope, css, read_from, **kwargs)

    monkeypatch.setattr(stylesheet, "parse", counted)
    return seen


async def board_as_shown(repo: Repository, theme: str | None = None) -> str:
    app = JobFuturesApp(repo)
    with kept_between_runs():
        async with app.run_test(size=(100, 30)) as pilot:
            await settled(pilot)
            assert isinstance(app.screen, BoardScreen)
            if theme is not None:
                app.theme = theme  # kept in the settings for the next start too
                await settled(pilot)
            return app.export_screenshot()


async def settled(pilot: Pilot[None]) -> None:
    """The background work done and its results painted: one pause alone left a
    loaded CI machine taking the two screenshots at different moments of the start."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def test_a_second_start_parses_no_css_and_looks_the_same(
    demo: Repository, parses: list[str]
) -> None:
    first = await board_as_shown(demo)
    assert len(parses) > 20  # Textual's widgets and our own .tcss files
    assert (cache_folder() / parsed_css.FILE_NAME).is_file()
    parses.clear()

    assert await board_as_shown(demo) == first
    assert parses == []


async def test_a_theme_not_kept_is_parsed_then_kept(demo: Repository, parses: list[str]) -> None:
    default = await board_as_shown(demo)
    parses.clear()
    await board_as_shown(demo, theme="nord")
    assert parses  # the new variables make it new CSS
    nord = await board_as_shown(demo)  # starts in nord: Textual adds its sources otherwise
    assert nord != default
    parses.clear()
    assert await board_as_shown(demo) == nord
    assert parses == []


THEME = hashlib.blake2b(repr(sorted({}.items())).encode(), digest_size=20).digest()
SOURCE = hashlib.blake2b(repr(("A { color: red; }",)).encode(), digest_size=20).digest()
"""Where ParsedCss would keep the rules of the one source these tests parse."""


def rule_sets(css: str) -> list[object]:
    return stylesheet.Stylesheet()._parse_rules(css, ("test.tcss", ""))


def test_the_kept_rules_come_back_without_a_parse(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "parsed.pickle"
    calls: list[str] = []

    def parse(label: str) -> list[object]:
        calls.append(label)
        return rule_sets("Static { color: red; }")

    first = ParsedCss.load(path, "textual 1")
    rules = first.rules(("Static { color: red; }",), {}, lambda: parse("Static { color: red; }"))
    first.save()
    again = ParsedCss.load(path, "textual 1")
    assert again.rules(("Static { color: red; }",), {}, lambda: parse("x")) is not None
    assert calls == ["Static { color: red; }"]
    kept = again.rules(("Static { color: red; }",), {}, lambda: parse("x"))
    assert [rule.css for rule in kept] == [rule.css for rule in rules]  # type: ignore[attr-defined]

    # Other variables (a theme) or another Textual: parsed again.
    again.rules(("Static { color: red; }",), {"primary": "blue"}, lambda: parse("y"))
    ParsedCss.load(path, "textual 2").rules(("Static { color: red; }",), {}, lambda: parse("z"))
    assert calls[1:] == ["y", "z"]


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle",
        pickle.dumps("a string"),
        pickle.dumps(((parsed_css.FORMAT, "textual 1"), [])),
        pickle.dumps(((parsed_css.FORMAT, "textual 1"), {b"theme": ["not rules by source"]})),
        pickle.dumps(((parsed_css.FORMAT, "textual 1"), {THEME: {SOURCE: "not rules"}})),
    ],
    ids=["empty", "not a pickle", "a string", "not a dict", "a theme not a dict", "not rules"],
)
def test_a_damaged_cache_is_parsed_again_and_replaced(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "parsed.pickle"
    path.write_bytes(content)
    cache = ParsedCss.load(path, "textual 1")
    rules = cache.rules(("A { color: red; }",), {}, lambda: rule_sets("A { color: red; }"))
    assert [rule.css for rule in rules] == [rule.css for rule in rule_sets("A { color: red; }")]
    cache.save()
    assert ParsedCss.load(path, "textual 1").rules(("A { color: red; }",), {}, list) != []


def test_rules_with_errors_are_not_kept_and_nothing_new_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "parsed.pickle"
    cache = ParsedCss.load(path, "v")
    broken = cache.rules(("A { colour: red; }",), {}, lambda: rule_sets("A { colour: red; }"))
    assert any(rule.errors for rule in broken)  # type: ignore[attr-defined]
    cache.save()
    assert not path.exists()


def test_a_cache_folder_that_cannot_be_written_costs_nothing_but_the_parse(
    tmp_path: Path,
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    cache = ParsedCss.load(blocked / "parsed.pickle", "v")  # its folder is a file
    assert cache.rules(("A { color: red; }",), {}, lambda: rule_sets("A { color: red; }"))
    cache.save()  # no exception


def test_the_file_keeps_every_theme_used_whole_and_drops_the_others(tmp_path: Path) -> None:
    path = tmp_path / "parsed.pickle"
    calls: list[str] = []

    def parse(label: str) -> list[object]:
        calls.append(label)
        return rule_sets("A { color: red; }")

    dark, light = {"primary": "blue"}, {"primary": "white"}
    first = ParsedCss.load(path, "v")
    first.rules(("board",), dark, lambda: parse("board"))
    first.rules(("today",), dark, lambda: parse("today"))
    first.rules(("board",), light, lambda: parse("board, light"))
    first.save()
    second = ParsedCss.load(path, "v")
    second.rules(("board",), dark, lambda: parse("board again"))
    second.rules(("people",), dark, lambda: parse("people"))  # something new: written
    second.save()
    third = ParsedCss.load(path, "v")
    third.rules(("today",), dark, lambda: parse("today again"))  # kept: not shown last time
    third.rules(("board",), light, lambda: parse("board, light again"))  # dropped
    assert calls == ["board", "today", "board, light", "people", "board, light again"]
