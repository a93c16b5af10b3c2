"""One kanban column, drawn line by line so thousands of cards cost nothing.

A widget per card would make every key press slow with a few thousand cards;
this column renders only the lines on screen, straight from a list of
:class:`~jobfutures_tui.usecases.board.Card`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual import events
from textual.color import Color
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from jobfutures_tui.engine.relative import ago
from jobfutures_tui.models import PersonRole, Stage
from jobfutures_tui.models.dates import now as utc_now
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.usecases.board import DUE_PART, Card, due_phrase
from jobfutures_tui.widgets.textual_internals import (
    LaidOutOnce,
    scrollbar_cells,
    set_border_title_quietly,
)

CARD_HEIGHT = 4
PITCH = CARD_HEIGHT + 1
BAR = "▌"
ROLE_ON_CARD = {
    PersonRole.HIRING_MANAGER: "manager",
    PersonRole.RECRUITER: "recruiter",
    PersonRole.INTERVIEWER: "interviewer",
    PersonRole.REFERRER: "referrer",
    PersonRole.OTHER: "",
}


Shown = tuple[Card, int, bool, bool] | str
"""What a line of the view shows: (card, its row, selected, with the active bar),
or "hint" or "blank"."""


class StageColumn(LaidOutOnce, can_focus=False):
    """Cards of one stage; the board decides which one is selected."""

    COMPONENT_CLASSES = {
        "card",
        "card--selected",
        "card--bar",
        "card--company",
        "card--muted",
        "card--warning",
        "card--overdue",
        "card--due-soon",
        "card--due-later",
        "column--empty",
        "column--active",
    }

    class CardClicked(Message):
        def __init__(self, stage: Stage, index: int, double: bool) -> None:
            super().__init__()
            self.stage = stage
            self.index = index
            self.double = double

    def __init__(self, stage: Stage, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stage = stage
        self.ids: list[str] = []
        self.card_for: Callable[[str], Card] | None = None
        self.cursor: int | None = None
        self.active = False
        self.now = utc_now()
        self.today = local_today()
        self._spans: dict[str, Style] = {}
        self._lines: dict[tuple[str, int, bool, bool, int, Style], tuple[Card, Strip]] = {}
        """Drawn lines, kept while their card is the same object: redraws after
        a key press then cost a lookup per line."""
        self._title = ""
        self._active_look: tuple[Color, Style] | None = None
        self._drawn: dict[int, Shown] = {}
        """What each line of the view was last drawn with, to repaint only what changed."""
        self._update_title()

    def show(
        self, ids: list[str], cursor: int | None, active: bool, card_for: Callable[[str], Card]
    ) -> None:
        """Show these job futures; ``card_for`` builds a card when its lines are drawn."""
        self.ids = ids
        self.card_for = card_for
        self.cursor = cursor if ids else None
        self.active = active
        self._show_active(active)
        now, today = utc_now(), local_today()
        new_day = now.date() != self.now.date() or today != self.today
        if new_day or len(self._lines) > 4096:
            self._lines.clear()  # "3d ago" or "due Thu" moved on, or too many stale cards kept
        self.now, self.today = now, today
        self._set_height(len(ids) * PITCH)
        self._update_title()
        self.scroll_to_cursor()
        if new_day:
            self.refresh()
        else:
            self._refresh_changed_lines()

    def _refresh_changed_lines(self) -> None:
        """Ask for only the lines that now show something else: moving the selection
        repaints two cards, not the column (scrolling repaints it all anyway)."""
        changed = [y for y in range(self.size.height) if self._shown(y) != self._drawn.get(y)]
        if changed:  # refresh() with no region repaints everything
            self.refresh(*_line_regions(changed, self.scrollable_content_region.width))

    def scroll_to_cursor(self) -> None:
        if self.cursor is not None:
            region = Region(0, self.cursor * PITCH, 1, CARD_HEIGHT)
            self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def _update_title(self) -> None:
        title = column_title(self.stage.label.capitalize(), len(self.ids), self.outer_size.width)
        if title == self._title:
            return
        self._title = title
        # Widget.border_title's setter repaints every line of the column, and a
        # move changes two counts: set what it sets, then repaint the top line.
        set_border_title_quietly(self, Content(title))
        self._refresh_top_line()

    def _refresh_top_line(self) -> None:
        """Repaint the top border (title and active look) and nothing else."""
        if self.is_mounted:  # regions are relative to the content, inside the border
            top = Region(0, 0, self.outer_size.width, 1)
            self.refresh(top.translate(-self.content_offset))

    def _set_height(self, lines: int) -> None:
        """Resize the scrollable area; lay the screen out again only if the scrollbar
        comes or goes. A move changes two columns' heights, and a layout would
        reflow the whole screen and repaint their scrollbars a frame later."""
        size = Size(self.scrollable_content_region.width, lines)
        if size == self.virtual_size:
            return
        scrolls = lines > self.container_size.height  # Textual's rule for overflow: auto
        if not self.is_mounted or scrolls != self.show_vertical_scrollbar:
            self.virtual_size = size
            return
        self.set_reactive(StageColumn.virtual_size, size)
        if scrolls:
            self._update_scrollbar(lines=lines)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # As ScrollView's, but the scrollbar repaints only the cells that change.
        if self.show_vertical_scrollbar:
            self._update_scrollbar(position=new_value)
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _update_scrollbar(self, *, lines: int | None = None, position: float | None = None) -> None:
        """Give the scrollbar a new content height or position, repainting only the
        cells of it that look different. A move or a scroll moves the thumb of a long
        column by a cell or less, and repainting a whole scrollbar cost about as much
        as a column of cards."""
        bar = self.vertical_scrollbar
        before = scrollbar_cells(bar)
        if lines is not None:
            bar.set_reactive(ScrollBar.window_virtual_size, lines)
        if position is not None:
            bar.set_reactive(ScrollBar.position, bar.validate_position(position))
        after = scrollbar_cells(bar)
        if len(before) != len(after):
            bar.refresh()
            return
        changed = [y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        if changed:  # refresh() with no region repaints everything
            bar.refresh(*_line_regions(changed, bar.size.width))

    def on_resize(self, event: events.Resize) -> None:
        # The drawn lines stay: their key has the width, and a filter line showing
        # or hiding changes only the height.
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.ids) * PITCH)
        self.scroll_to_cursor()
        self._update_title()  # a narrower column shortens its name, never its count

    def on_click(self, event: events.Click) -> None:
        index, row = divmod(event.y + int(self.scroll_offset.y), PITCH)
        if row < CARD_HEIGHT and index < len(self.ids):
            self.post_message(self.CardClicked(self.stage, index, event.chain >= 2))

    def _shown(self, y: int) -> Shown:
        """What line ``y`` of the view shows now."""
        if not self.ids or self.card_for is None:
            return "hint" if y == 0 else "blank"
        index, row = divmod(y + int(self.scroll_offset.y), PITCH)
        if index >= len(self.ids) or row >= CARD_HEIGHT:
            return "blank"
        selected = index == self.cursor
        # Only the selected card shows whether the column is active (its bar).
        return (self.card_for(self.ids[index]), row, selected, selected and self.active)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style  # cached; rich_style walks every ancestor
        shown = self._drawn[y] = self._shown(y)
        if shown == "hint":
            hint = Text("nothing here", style=self.get_component_rich_style("column--empty"))
            return self._strip(hint, width, base)
        if isinstance(shown, str):
            return Strip.blank(width, base)
        card, row, selected, bar = shown
        key = (card.prospect_id, row, selected, bar, width, base)
        cached = self._lines.get(key)
        if cached is not None and cached[0] is card:
            return cached[1]
        strip = self._draw_line(card, row, selected, width, base)
        self._lines[key] = (card, strip)
        return strip

    def _draw_line(self, card: Card, row: int, selected: bool, width: int, base: Style) -> Strip:
        style = self.get_component_rich_style("card--selected" if selected else "card")
        bar_style = (
            self.get_component_rich_style("card--bar") if selected and self.active else style
        )
        text = Text(BAR if selected else " ", style=bar_style, end="")
        text.append_text(self._card_line(card, row, width - 1))
        text.stylize_before(style)  # background under the whole line; spans keep their colours
        return self._strip(text, width, base + style)

    def _span(self, component: str) -> Style:
        """A component's text style without its background, so it shows on any card."""
        style = self._spans.get(component)
        if style is None:
            full = self.get_component_rich_style(component)
            style = Style(
                color=full.color,
                bold=full.bold,
                dim=full.dim,
                italic=full.italic,
                underline=full.underline,
            )
            self._spans[component] = style
        return style

    def notify_style_update(self) -> None:
        self._spans.clear()
        super().notify_style_update()
        # A new theme: copy the new look, once Textual has restyled the components.
        self.call_next(self._show_active, self._active_look is not None)

    def _show_active(self, active: bool) -> None:
        """Top border and title in the column--active look (see board.tcss).

        Only the top line changes, so moving the selection to another column
        repaints one line of each. The rules are set directly: their style
        setters repaint the whole column and its scrollbars."""
        look = None
        if active:
            styles = self.get_component_styles("column--active")
            look = (styles.color, styles.text_style)
        if look == self._active_look:
            return
        self._active_look = look
        color, style = look or (None, None)
        rules = self.styles
        rules.set_rule("border_top", ("round", color) if color is not None else None)
        rules.set_rule("border_title_color", color)
        rules.set_rule("auto_border_title_color", False if color is not None else None)
        rules.set_rule("border_title_style", style)
        self._refresh_top_line()

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(segments).crop_extend(0, width, style)

    def _card_line(self, card: Card, row: int, width: int) -> Text:
        """Row 0 company, 1 person and role, 2 role discussed, 3 last and next touch."""
        muted = self._span("card--muted")
        if row == 0:
            text = Text(card.company, style=self._span("card--company"))
        elif row == 1:
            text = Text()
            if card.recruiter_only:
                text.append("! ", style=self._span("card--warning"))
            if card.person:
                text.append(card.person)
                role = ROLE_ON_CARD.get(card.person_role) if card.person_role else ""
                if role:
                    text.append(f" · {role}", style=muted)
            else:
                text.append("no one named yet", style=muted)
        elif row == 2:
            text = Text(card.role) if card.role else Text("role not set", style=muted)
        else:
            if card.stage is not Stage.ARCHIVE:
                return self._touch_line(card, width)
            text = Text("archived · ", style=muted)
            if card.last_touch is None:
                text.append("no touch yet")
            else:
                text.append(f"{card.last_touch.channel.label} {ago(card.last_touch.at, self.now)}")
        text.truncate(max(width, 0), overflow="ellipsis")
        return text

    def _touch_line(self, card: Card, width: int) -> Text:
        """'call 3w ago · 2d overdue': the last touch, muted, then when the next
        is due, coloured by how soon. Narrow columns drop words from the left
        ('3w ago · 2d overdue', '2d overdue'), never mid-word, and never the 'ago'
        ('4w · 2w overdue' read like a date)."""
        muted = self._span("card--muted")
        due, level = due_phrase(card.next, self.today)
        last = card.last_touch
        left_style = muted
        if card.next is not None and card.next.channel is None:
            # Nobody can be reached: that, not the last touch, is what to act on.
            lefts = ["! add a contact detail", "! add a detail", "! add info", "!"]
            left_style = self._span("card--warning")
        elif last is None:
            lefts = ["no touch yet", "never"]
        else:
            when = ago(last.at, self.now)
            lefts = [f"{last.channel.label} {when}", when]
        fits = next((left for left in lefts if len(left) + 3 + len(due) <= width), None)
        text = Text(style=muted, end="")
        if fits is not None:
            text.append(fits, style=left_style)
            text.append(" · ")
        text.append(due, style=self._span(_DUE_CLASS[level]))
        text.truncate(max(width, 0), overflow="ellipsis")
        return text


def column_title(name: str, count: int, width: int) -> str:
    """'Rejected-but-warm 8', or as much of the name as the top border has room for
    beside the count ('Rejected-but… 8', 'Rejected… 8'): the count is never cut."""
    title = f"{name} {count}"
    room = width - 6  # "╭─ " and " ─╮" around it
    if width <= 0 or len(title) <= room:
        return title
    parts = name.split("-")
    for words in range(len(parts) - 1, 0, -1):  # whole words first: 'Rejected-but… 8'
        short = f"{'-'.join(parts[:words])}… {count}"
        if len(short) <= room:
            return short
    keep = max(1, room - len(str(count)) - 2)
    return f"{name[:keep]}… {count}"


def _line_regions(lines: list[int], width: int) -> list[Region]:
    """Regions covering these line numbers (ascending), one per run of neighbours."""
    regions: list[Region] = []
    for y in lines:
        if regions and regions[-1].bottom == y:
            regions[-1] = regions[-1].grow((0, 0, 1, 0))
        else:
            regions.append(Region(0, y, width, 1))
    return regions


_DUE_CLASS = {level: f"card--{part}" for level, part in DUE_PART.items()}
