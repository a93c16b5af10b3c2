"""One touch of a story, whole: the timeline shows a line of its note, this shows
all of it (enter on the touch), with `e` to edit it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from jobfutures_tui.engine.history import REPLY_OUTCOMES
from jobfutures_tui.models import Direction, Script, Touch
from jobfutures_tui.models.dates import local_timezone
from jobfutures_tui.store import Repository

EDIT = "edit"


class TouchView(ModalScreen[str | None]):
    """Dismissed with :data:`EDIT` when the user asks to edit the touch, else None."""

    BINDINGS = [
        Binding(
            "escape,enter,q",
            "close",
            "Close",
            id="touch.close",
            tooltip="Back to the story",
        ),
        Binding("e", "edit", "Edit", id="touch.edit", tooltip="Edit this touch"),
    ]

    def __init__(self, repo: Repository, touch: Touch) -> None:
        super().__init__()
        self.repo = repo
        self.touch = touch

    def compose(self) -> ComposeResult:
        with Vertical(id="touch-view"):
            yield Static(Text(self._heading()), id="touch-view-title")
            with VerticalScroll(id="touch-view-body"):
                yield Static(self._body(), id="touch-view-text")
            yield Static(Text("e edit · esc or enter close"), id="touch-view-keys")

    def _heading(self) -> str:
        touch = self.touch
        when = touch.at.in_timezone(local_timezone()).format("dddd D MMMM YYYY, HH:mm")
        way = "They reached you" if touch.direction is Direction.IN else "You reached them"
        return f"{when} · {way}"

    def _body(self) -> Text:
        touch = self.touch
        text = Text()
        facts = [("by", touch.channel.label), ("outcome", touch.outcome.label)]
        if touch.kind is not None:
            facts.append(("kind", touch.kind.label))
        person = self.repo.person(touch.person_id) if touch.person_id else None
        facts.append(("with", person.name if person else "nobody in particular"))
        if touch.replied and touch.outcome not in REPLY_OUTCOMES:  # else the outcome says so
            facts.append(("answer", "they replied"))
        if touch.shared:
            facts.append(("shared", ", ".join(touch.shared)))
        if touch.script_id:
            script = self.repo.stored(Script, touch.script_id)
            facts.append(("script", script.name if script else "(deleted)"))
        for label, value in facts:
            text.append(f"{label}: ", style="dim")
            text.append(f"{value}\n")
        text.append("\n")
        text.append(touch.note or "No note.", style=None if touch.note else "dim italic")
        return text

    def action_close(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self.dismiss(EDIT)
