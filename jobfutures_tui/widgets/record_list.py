"""A list drawn line by line: thousands of people or touches cost what the screen shows.

Rows are ids; the owner supplies a function that draws one row as Rich text
when it comes into view. Used by the people screen and a job future's timeline.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

BAR = "▌"

RowDrawer = Callable[[str, int], Text]
"""(row id, width) → the row's text; ``row_height`` lines, separated by newlines."""


class RecordList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"record-list--cursor", "record-list--bar", "record-list--empty"}
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, id="list.up"),
        Binding("down,j", "move(1)", "Down", show=False, id="list.down"),
        Binding("home,g", "edge(-1)", "First", show=False, id="list.first"),
        Binding("end,G", "edge(1)", "Last", show=False, id="list.last"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        # A binding, not a key handler: a handled binding stops the key, so a dialog
        # that enter opens does not take the same enter as its own.
        Binding(
            "enter",
            "choose",
            "Open",
            show=False,
            id="list.choose",
            tooltip="Open the selected row",
        ),
    ]

    class _RowMessage(Message):
        def __init__(self, source: RecordList, row_id: str) -> None:
            super().__init__()
            self.source = source
            self.row_id = row_id

        @property
        def control(self) -> RecordList:
            return self.source

    class Chosen(_RowMessage):
        """enter or a double click on a row."""

    class Moved(_RowMessage):
        """The cursor moved to another row (by a key or a click)."""

    def __init__(
        self, *, row_height: int = 1, empty: str = "nothing here", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.row_height = row_height
        self.empty = empty
        self.ids: list[str] = []
        self.cursor = 0
        self.draw: RowDrawer = lambda row_id, width: Text(row_id)
        self._cache: dict[str, list[Text]] = {}

    def show(self, ids: list[str], draw: RowDrawer, *, select: str | None = None) -> None:
        keep = select or self.selected
        self.ids = ids
        self.draw = draw
        self._cache.clear()
        self.cursor = ids.index(keep) if keep in ids else min(self.cursor, max(len(ids) - 1, 0))
        self._resize()
        self.refresh()
        self.scroll_to_cursor()

    @property
    def selected(self) -> str | None:
        return self.ids[self.cursor] if self.ids else None

    def _resize(self) -> None:
        height = len(self.ids) * self.row_height
        self.virtual_size = Size(self.scrollable_content_region.width, height)

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self._resize()
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        if self.ids:
            region = Region(0, self.cursor * self.row_height, 1, self.row_height)
            self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def _go(self, index: int) -> None:
        if not self.ids:
            return
        before, self.cursor = self.cursor, max(0, min(len(self.ids) - 1, index))
        self.refresh()
        self.scroll_to_cursor()
        if self.cursor != before:
            self.post_message(self.Moved(self, self.ids[self.cursor]))

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_edge(self, direction: int) -> None:
        self._go(0 if direction < 0 else len(self.ids) - 1)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height - 1)
        self._go(self.cursor + direction * rows)

    def action_choose(self) -> None:
        if self.selected is not None:
            self.post_message(self.Chosen(self, self.selected))

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // self.row_height
        if index < len(self.ids):
            self._go(index)
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self.ids[index]))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style  # cached; rich_style walks every ancestor
        if not self.ids:
            if y == 0:
                hint = Text(self.empty, style=self.get_component_rich_style("record-list--empty"))
                return self._strip(hint, width, base)
            return Strip.blank(width, base)
        index, row = divmod(y + int(self.scroll_offset.y), self.row_height)
        if index >= len(self.ids):
            return Strip.blank(width, base)
        lines = self._lines(self.ids[index], width - 1)
        line = lines[row] if row < len(lines) else Text()
        style = base
        # A bar beside the selected row, as on the board's cards: seen in any theme,
        # even where its background is close to the list's.
        text = Text(" ", end="")
        if index == self.cursor:
            style = base + self.get_component_rich_style("record-list--cursor")
            text = Text(BAR, style=self.get_component_rich_style("record-list--bar"), end="")
            line = line.copy()
            line.stylize(style)
        text.append_text(line)
        return self._strip(text, width, style)

    def _lines(self, row_id: str, width: int) -> list[Text]:
        lines = self._cache.get(row_id)
        if lines is None:
            lines = list(self.draw(row_id, width).split("\n", allow_blank=True))
            for line in lines:
                line.truncate(width, overflow="ellipsis")
            self._cache[row_id] = lines
        return lines

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = list(text.render(self.app.console))
        # The list's colours go under the row's own (dim, bold…) across the whole width.
        return Strip(segments).apply_style(style).crop_extend(0, width, style)
