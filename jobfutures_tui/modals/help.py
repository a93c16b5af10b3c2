"""Every key of the screen underneath, taken from its live bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, title: str, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.help_title = title
        self.active = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(f"Keys: {self.help_title}"), id="help-title")
            yield Static(self.key_table(), id="help-keys")
            yield Static(Text("escape closes this help"), id="help-footer")

    def key_table(self) -> Table:
        """One row per action with all its keys; our own bindings first, Textual's after."""
        rows: dict[tuple[int, str], tuple[list[str], Binding]] = {}
        for key, active in self.active.items():
            binding = active.binding
            if binding.system and binding.action != "command_palette":
                continue
            keys, described = rows.setdefault((id(active.node), binding.action), ([], binding))
            if binding.id and not described.id:
                rows[(id(active.node), binding.action)] = (keys, binding)
            keys.append(self.app.get_key_display(Binding(key, "")))
        ordered = sorted(rows.values(), key=lambda row: row[1].id is None)
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("action")
        for keys, binding in ordered:
            description = binding.tooltip or binding.description or binding.action
            table.add_row(Text(" ".join(keys)), Text(description))
        return table

    def action_close(self) -> None:
        self.dismiss(None)
