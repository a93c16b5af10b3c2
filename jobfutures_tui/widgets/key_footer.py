"""Textual's footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds its keys whenever the screen says its bindings may
have changed: on every focus change and every return to a screen, two to four
times per screen switch. Each rebuild mounts and styles a widget per key, 30-60
ms here, so a footer that rebuilt only on real changes made switching between
the board, today and people about 130 ms quicker.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from jobfutures_tui.widgets.textual_internals import footer_bindings_ready


class KeyFooter(Footer):
    """A Footer that skips rebuilds which would show the same keys."""

    def __init__(self) -> None:
        super().__init__()
        self._composed: Hashable = None

    def compose(self) -> ComposeResult:
        if footer_bindings_ready(self):
            self._composed = self._keys_shown(self.screen)
        return super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if footer_bindings_ready(self) and self._composed == self._keys_shown(screen):
            return
        super().bindings_changed(screen)

    def _keys_shown(self, screen: Screen) -> Hashable:
        """Everything the footer is built from (bindings are frozen dataclasses)."""
        keys = tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
        )
        return (keys, self.compact, self.show_command_palette)
