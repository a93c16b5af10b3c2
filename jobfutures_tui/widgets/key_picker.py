"""A row of one-key choices ("c call  e email  …") that wraps between choices,
never inside one, with the chosen one shown reversed: the log form's channel
and outcome."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from jobfutures_tui.models.enums import Choice


class KeyPicker(Widget):
    def __init__(self, lead: str, keys: Mapping[str, Choice], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lead = lead
        self.keys = keys
        self.chosen: Any = None

    def show(self, chosen: Any) -> None:
        if chosen != self.chosen:
            self.chosen = chosen
            self.refresh(layout=True)

    def text(self, width: int) -> Text:
        """The choices in lines of at most ``width`` cells, later lines under the first."""
        indent = f"{self.lead:>4} "
        text = Text(indent, style="dim")
        used = len(indent)
        for key, member in self.keys.items():
            item = f" {key} {member.label} "
            if used > len(indent) and width > 0 and used + cell_len(item) > width:
                text.append("\n" + " " * len(indent))
                used = len(indent)
            style = "reverse bold" if member is self.chosen else ""
            text.append(f" {key} ", style="bold " + style if style else "bold")
            text.append(f"{member.label} ", style=style)
            used += cell_len(item)
        return text

    def render(self) -> Text:
        return self.text(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.text(width).plain.split("\n"))
