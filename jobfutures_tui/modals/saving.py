"""Shown while the app waits for the disk (the last saves when quitting, a restore);
it also holds back further keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class Saving(ModalScreen[None]):
    def __init__(self, message: str = "Saving…") -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Static(Text(self.message), id="saving")
