"""Every key of the screen underneath, taken from its live bindings (the user's
keys from the settings included), and on ``i`` each action's id for ``[keys]``."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

FOOTER = "escape closes this help · i shows each action's id"
IDS_FOOTER = (
    "escape closes this help · i hides the ids · "
    'give an action other keys in the settings (ctrl+p Settings): board.log = "b"'
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
        Binding(
            "i",
            "toggle_ids",
            "Ids",
            id="help.ids",
            tooltip="Show or hide each action's id (to give it other keys in the settings)",
        ),
    ]

    def __init__(self, title: str, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.help_title = title
        self.active = bindings
        self.show_ids = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(f"Keys: {self.help_title}"), id="help-title")
            yield Static(self.key_table(), id="help-keys")
            yield Static(Text(FOOTER), id="help-footer")

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
        if self.show_ids:
            table.add_column("id", style="dim", no_wrap=True)
        for keys, binding in ordered:
            description = binding.tooltip or binding.description or binding.action
            ids = [Text(binding.id or "")] if self.show_ids else []
            table.add_row(Text(" ".join(keys)), Text(description), *ids)
        return table

    def action_toggle_ids(self) -> None:
        self.show_ids = not self.show_ids
        self.query_one("#help-keys", Static).update(self.key_table())
        footer = IDS_FOOTER if self.show_ids else FOOTER
        self.query_one("#help-footer", Static).update(Text(footer))

    def action_close(self) -> None:
        self.dismiss(None)
