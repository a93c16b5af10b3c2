"""Every use of Textual's private API in the package, each in one place.

They buy speed on a big board, where the public API repaints or lays out more
than a key press changes. Written against Textual ``WRITTEN_AGAINST``;
tests/app/test_textual_internals.py checks that each name still exists and
behaves as assumed, and names that version when an upgrade breaks one.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import rich.style
from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.css import parse as css_parse
from textual.css import styles as css_styles
from textual.css.stylesheet import Stylesheet
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

WRITTEN_AGAINST = "8.2.8"


class LaidOutOnce(ScrollView):
    """A ScrollView left alone by a layout that changed nothing of it.

    Textual's ScrollView compares the viewport the compositor passes in
    (``Widget._size_updated``) with its own, taller, virtual size, so any layout
    on the screen (a filter key, a move) redrew its scrollbar in full, and once
    more a frame later.
    """

    _laid_out: tuple[Size, Size, Size] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        laid_out = (size, container_size, self.virtual_size)
        if laid_out == self._laid_out:
            return False
        self._laid_out = laid_out
        return super()._size_updated(size, virtual_size, container_size, layout)


def set_border_title_quietly(widget: Widget, title: Content) -> None:
    """What ``widget.border_title = title`` stores, without its repaint of every
    line: the caller repaints the top line itself."""
    widget._border_title = title


def update_scrollbars(widget: ScrollView, virtual_size: Size) -> None:
    """What Textual does on a resize once ``virtual_size`` is set quietly
    (``set_reactive``): the scrollbars follow, and no layout of the screen runs."""
    widget._scroll_update(virtual_size)


def footer_bindings_ready(footer: Footer) -> bool:
    """Whether the footer has had its first bindings (before that it shows no keys)."""
    return footer._bindings_ready


def footer_key_shown(widget: Widget) -> tuple[str, str] | None:
    """The (keys, action) of a binding a footer widget shows; None for anything else,
    the command palette's key included (Textual does not export FooterKey)."""
    if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
        return (widget.key, widget.action)
    return None


def settle_compact(widget: Widget, compact: bool) -> None:
    """Give a footer key bound to the footer's ``compact`` that value before it mounts.
    A FooterKey starts compact and takes the footer's value once mounted, each change
    restyling it and its two component classes: three stylings of every key at every
    rebuild, where one does (a third of the styling before the board's first frame)."""
    if isinstance(widget, FooterKey):
        widget.set_reactive(FooterKey.compact, compact)


def styled_as_mounted(event: events.ScreenResume) -> None:
    """Tell Screen's own resume handler (it runs after the subclass's) not to style the
    screen again: Textual styles every node of a screen each time it is shown, which
    the first time repeats the styling its widgets had as they mounted (8 ms of the
    board's first frame at 10 job futures). Later showings need it: a theme may have
    changed meanwhile."""
    event.refresh_styles = False


def scrollbar_cells(bar: ScrollBar) -> list[Segment]:
    """The vertical scrollbar as Textual draws it now, a segment a cell: the
    arguments ``ScrollBar._render_bar`` passes to the renderer."""
    lines = bar.window_virtual_size
    return bar.renderer.render_bar(
        size=bar.size.height,
        virtual_size=lines,
        window_size=bar.window_size if bar.window_size < lines else 0,
        position=bar.position,
        thickness=bar.thickness,
        vertical=True,
    ).segments


RulesOf = Callable[[tuple[object, ...], dict[str, str], Callable[[], list[Any]]], list[Any]]
"""(the parse's arguments, the stylesheet's variables, the parse itself) → the rules."""


@contextlib.contextmanager
def parsing_through(rules_of: RulesOf) -> Iterator[None]:
    """Every stylesheet's parse of one source goes through ``rules_of`` for the block
    (the app's run; parsed_css.ParsedCss.rules): ``Stylesheet._parse_rules`` is where
    Textual turns one source's text into rules, given the stylesheet's variables."""
    parse_rules = Stylesheet._parse_rules

    def _parse_rules(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[Any]:
        return rules_of(
            (css, read_from, is_default_rules, tie_breaker, scope),
            self._variables,
            lambda: parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope),
        )

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    try:
        yield
    finally:
        Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]


def css_parser_fingerprint() -> tuple[object, ...]:
    """What identifies the code that parses CSS into rules, and the classes the rules
    are made of, without asking the package metadata (~7 ms to import): an upgrade
    rewrites these files."""
    files = (css_parse.__file__, css_styles.__file__, rich.style.__file__)
    return (sys.version, *((file, *_size_and_time(file)) for file in files))


def _size_and_time(file: str) -> tuple[int, int]:
    stat = os.stat(file)
    return (stat.st_size, stat.st_mtime_ns)
