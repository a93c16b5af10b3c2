"""A yes/no question that defaults to the safe answer (no).

When both answers do something (link someone, or add them anew), escape
can instead cancel: the result is then None and nothing happens.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from jobfutures_tui import keymap


class Confirm(ModalScreen[bool | None]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "cancel", "Cancel", id="confirm.cancel"),
    ]

    def __init__(self, question: str, detail: str = "", *, escape_cancels: bool = False) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.escape_cancels = escape_cancels

    def compose(self) -> ComposeResult:
        yes, no, cancel = (
            keymap.key_of(self.app, "confirm.yes", "y"),
            keymap.key_of(self.app, "confirm.no", "n"),
            keymap.key_of(self.app, "confirm.cancel", "esc"),
        )
        if self.escape_cancels:
            keys = f"{yes} yes · {no} no · {cancel} cancel"
        else:
            keys = f"{yes} yes · {no} or {cancel} no"
        with Vertical(id="confirm"):
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield Static(Text(keys), id="confirm-keys")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None if self.escape_cancels else False)
