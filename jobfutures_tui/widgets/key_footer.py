"""Textual's footer, showing what fits the window (help and quit always), and
rebuilt only when the keys it shows change.

Textual's Footer lays its keys out in a row and cuts off what does not fit, so
a narrow window lost help and quit first (they come last). This one leaves out
keys until the rest fits: the switches between screens and undo first, then the
screen's own keys from the last, keeping a screen's ``FOOTER_KEPT`` longest;
`?` lists every key.

Textual's Footer also rebuilds its keys whenever the screen says its bindings
may have changed: on every focus change and every return to a screen, two to
four times per screen switch. Each rebuild mounts and styles a widget per key,
30-60 ms here, so a footer that rebuilt only on real changes made switching
between the board, today and people about 130 ms quicker.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from jobfutures_tui.widgets.textual_internals import (
    footer_bindings_ready,
    footer_key_shown,
    settle_compact,
)

ALWAYS = frozenset({"app.help", "app.quit"})
"""Never left out: how to learn every other key, and how to leave."""
FIRST_LEFT_OUT = (
    ("app.board", "app.today", "app.people", "app.scripts", "app.insights"),
    ("app.undo",),
)
"""Left out first, each group at once: keys that work everywhere (help lists them)."""
PALETTE_WIDTH = 14
"""The command palette's key at the right: a bar, ' ^p ', 'Commands '."""


class KeyFooter(Footer):
    """A Footer that shows what fits and skips rebuilds which would show the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._composed: Hashable = None

    def compose(self) -> ComposeResult:
        if not footer_bindings_ready(self):
            return super().compose()
        self._composed = self._keys_shown(self.screen)
        return self._fitting(super().compose(), self._composed[0])

    def _fitting(self, widgets: ComposeResult, shown: tuple[Binding, ...]) -> Iterator[Widget]:
        wanted = {(binding.key, binding.action) for binding in shown}
        for widget in widgets:
            key = footer_key_shown(widget)
            if key is not None:
                settle_compact(widget, self.compact)  # the palette's key stays as it is
            if key is None or key in wanted:
                yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if footer_bindings_ready(self) and self._composed == self._keys_shown(screen):
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """A screen shown for the first time queues two or three rebuilds before the first
        one runs (its bindings, a focus, its size): the first shows the keys as they are
        by then, and the others find nothing to change (the insights' first 5: ~60 ms)."""
        if not self.is_attached:  # its screen closed meanwhile
            return
        if footer_bindings_ready(self) and self._composed == self._keys_shown(self.screen):
            return
        await super().recompose()

    def on_resize(self, event: events.Resize) -> None:
        if footer_bindings_ready(self) and self._composed != self._keys_shown(self.screen):
            self.call_after_refresh(self.recompose)

    def _keys_shown(self, screen: Screen) -> tuple[tuple[Binding, ...], Hashable]:
        """The bindings shown at this width, and everything else the footer is
        built from (bindings are frozen dataclasses)."""
        keys = tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
        )
        return (self._fit(screen), (keys, self.compact, self.show_command_palette))

    def _fit(self, screen: Screen) -> tuple[Binding, ...]:
        """One binding per action, as Footer shows them, less what does not fit."""
        seen: dict[str, Binding] = {}
        for _, binding, _, _ in screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen[binding.action] = binding
        shown = list(seen.values())
        room = (self.size.width or self.app.size.width) - PALETTE_WIDTH
        widths = {
            id(b): cell_len(f" {self.app.get_key_display(b)} {b.description} ") for b in shown
        }
        used = sum(widths.values())
        for group in self._leaving_order(screen, shown):
            if used <= room:
                break
            for binding in group:
                shown.remove(binding)
                used -= widths[id(binding)]
        return tuple(shown)

    def _leaving_order(self, screen: Screen, shown: list[Binding]) -> Iterator[list[Binding]]:
        by_id = {binding.id: binding for binding in shown if binding.id}
        for ids in FIRST_LEFT_OUT:
            group = [by_id[i] for i in ids if i in by_id]
            if group:
                yield group
        kept = set(getattr(screen, "FOOTER_KEPT", ()))
        own = [b for b in shown if b.id not in ALWAYS and not _in_groups(b)]
        yield from ([b] for b in reversed(own) if b.id not in kept)
        yield from ([b] for b in reversed(own) if b.id in kept)


def _in_groups(binding: Binding) -> bool:
    return any(binding.id in ids for ids in FIRST_LEFT_OUT)
