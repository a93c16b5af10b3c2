"""Shown while quitting waits for the last saves; it also holds back further keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class Saving(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static(Text("Saving…"), id="saving")
