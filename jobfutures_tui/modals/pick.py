"""Pick one of many records by typing part of its name: a job future to add
someone to, someone to add to a job future. Dismissed with the record's id."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from jobfutures_tui import keymap
from jobfutures_tui.usecases.joining import Choice

SHOWN = 200
"""Matches listed at most: typing narrows the rest."""


class Pick(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel", tooltip="Close, choosing nothing"),
        Binding("down", "move(1)", "Down", id="pick.down", show=False, tooltip="The next one"),
        Binding("up", "move(-1)", "Up", id="pick.up", show=False, tooltip="The previous one"),
    ]

    def __init__(self, title: str, why: str, choices: Sequence[Choice], *, verb: str) -> None:
        super().__init__()
        self.pick_title = title
        self.why = why
        self.choices = list(choices)
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Static(Text(self.pick_title), id="pick-title")
            if self.why:
                yield Static(Text(self.why), id="pick-why")
            yield Input(placeholder="type to narrow", id="pick-filter")
            yield OptionList(id="pick-list")
            yield Static(id="pick-count")
            yield Static(Text(self._keys()), id="pick-keys")

    def _keys(self) -> str:
        up, down = (
            keymap.key_of(self.app, "pick.up", "↑"),
            keymap.key_of(self.app, "pick.down", "↓"),
        )
        move = f"{up}{down}" if (up, down) == ("↑", "↓") else f"{up}/{down}"
        cancel = keymap.key_of(self.app, "pick.cancel", "esc")
        return f"{move} choose · enter {self.verb} · {cancel} cancel"

    def on_mount(self) -> None:
        self._show("")

    @on(Input.Changed, "#pick-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, typed: str) -> None:
        words = typed.casefold().split()
        found = [c for c in self.choices if all(word in c.words for word in words)]
        listing = self.query_one(OptionList)
        listing.set_options(_option(choice) for choice in found[:SHOWN])
        listing.highlighted = 0 if found else None
        count = self.query_one("#pick-count", Static)
        if not found:
            said = "Nobody matches." if typed else "Nothing to choose from."
        elif len(found) > SHOWN:
            said = f"{SHOWN} of {len(found)} shown: type to narrow."
        else:
            said = ""
        count.update(Text(said))
        count.display = bool(said)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#pick-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _option(choice: Choice) -> Option:
    text = Text(choice.label, style="bold")
    if choice.detail:
        text.append(f"  {choice.detail}", style="dim")
    return Option(text, id=choice.record_id)
