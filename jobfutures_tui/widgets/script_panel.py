"""The "Next touch" panel: the selected job future's next touch, and the words for it.

It follows the selection without slowing it: what it shows is worked out
once per job future and data revision and kept (moving back and forth is a
lookup), nothing is worked out while the panel is hidden, and before the
touch history is loaded the touches are read on a worker, not on the UI
thread. The log form reads :attr:`ScriptPanel.shown_script_id` and
:attr:`ScriptPanel.suggestion` to preselect what the user just read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.ui_services import services
from jobfutures_tui.usecases.board import DUE_PART, due_phrase
from jobfutures_tui.widgets.textual_internals import update_scrollbars

if TYPE_CHECKING:
    from jobfutures_tui.engine.scripts import Rendered
    from jobfutures_tui.models import Script
    from jobfutures_tui.usecases.script_context import NextScript

KEPT = 64
"""Job futures whose panel is kept, for moving back and forth."""

HINTS = {
    "news": "n on its story adds company news",
    "to_share": "nothing in your library they have not had",
    "link": "the item has no link",
    "shared": "nothing shared with them yet",
    "role": "no role discussed noted",
}
"""Why a placeholder may have no value, and what to do about it."""


class ScriptPanel(ScrollView, can_focus=False):
    """Shows :func:`~jobfutures_tui.usecases.script_context.next_script` for one job future.

    Drawn line by line, like the stage columns: a new text repaints the panel
    alone, where a widget whose height follows its text would lay out the
    whole screen again on every move of the selection.
    """

    COMPONENT_CLASSES = {
        "script-panel--title",
        "script-panel--muted",
        "script-panel--missing",
        "script-panel--overdue",
        "script-panel--due-soon",
        "script-panel--due-later",
    }

    def __init__(self, repo: Repository, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.repo = repo
        self.prospect_id: str | None = None
        self.index = 0
        self._views: OrderedDict[tuple[str, int, date], NextScript | None] = OrderedDict()
        self._view: NextScript | None = None
        self._drawn: tuple[tuple[str | None, int], NextScript | None] | None = None
        self._reading: tuple[str, int, date] | None = None
        """The view a worker is working out (before the history is loaded)."""
        self.when_read: Callable[[], None] | None = None
        """Called once the selection's touches are read (a copy asked for meanwhile)."""
        self.text = Text()
        """What the panel shows, as one text (tests read its ``plain``)."""
        self._lines: list[Text] = []
        self._strips: dict[int, Strip] = {}
        """Drawn lines, kept until the text or the width changes."""
        self._wrapped_at = -1

    def on_mount(self) -> None:
        self.border_title = "Next touch"

    # ------------------------------------------------------------ what the log form reads

    @property
    def shown_prospect_id(self) -> str | None:
        return self.prospect_id

    @property
    def suggestion(self) -> Suggestion | None:
        """The next touch suggested for the job future shown (None: nothing planned)."""
        self.bring_up_to_date()
        return self._view.suggestion if self._view is not None else None

    @property
    def shown_script(self) -> Script | None:
        self.bring_up_to_date()
        view = self._view
        if view is None or not view.scripts:
            return None
        return view.scripts[self.index % len(view.scripts)]

    @property
    def shown_script_id(self) -> str | None:
        """The id of the script shown, to record on the touch the user logs."""
        script = self.shown_script
        return script.id if script is not None else None

    @property
    def reading(self) -> bool:
        """Past touches are still being read (only until the history is loaded)."""
        self.bring_up_to_date()
        return self.prospect_id is not None and self._view is None

    def rendered(self) -> Rendered | None:
        """The shown script filled in for the person (None: no script shown)."""
        script = self.shown_script
        if script is None or self._view is None:
            return None
        from jobfutures_tui.engine.scripts import render

        return render(script.body, self._view.values)

    # ------------------------------------------------------------ following the selection

    def follow(self, prospect_id: str | None) -> None:
        """Show this job future (None: nothing selected); cheap when nothing changed."""
        if prospect_id != self.prospect_id:
            self.prospect_id = prospect_id
            self.index = 0
            self.when_read = None  # asked for the one selected before
        if self.display:
            self.bring_up_to_date()
            self._draw()

    def forget(self) -> None:
        """The workdays changed when touches are due: work each view out again."""
        self._views.clear()

    def cycle(self, step: int) -> None:
        """Show the next (or previous) script that fits."""
        self.bring_up_to_date()
        view = self._view
        if view is None or len(view.scripts) < 2:
            self.notify("No other script fits this touch.", timeout=2)
            return
        self.index = (self.index + step) % len(view.scripts)
        self._draw()

    def on_show(self) -> None:
        """Shown again (a wide window, or s): catch up with the selection."""
        self.follow(self.prospect_id)

    def bring_up_to_date(self) -> None:
        """Work out the view for the selection unless it is kept.

        The touches are read here when the history is loaded; before that, on
        a worker, and the view comes when it is done.
        """
        prospect_id = self.prospect_id
        if prospect_id is None:
            self._view = None
            return
        key = (prospect_id, self.repo.revision, local_today())
        if key in self._views:
            self._views.move_to_end(key)
            self._view = self._views[key]
            return
        if not self.repo.history_loaded:
            self._view = None
            if key != self._reading:
                self._reading = key
                self.read_history(key)
            return
        try:
            view = _next_script(self.repo, prospect_id, key[2])
        except DataRefused as error:
            self._refuse(error)
            view = None
        self._keep(key, view)

    def _refuse(self, error: DataRefused) -> None:
        """Damaged data: the app stops before writing anything."""
        services(self.app).refuse(error)

    def _keep(self, key: tuple[str, int, date], view: NextScript | None) -> None:
        self._views[key] = view
        while len(self._views) > KEPT:
            self._views.popitem(last=False)
        if key[0] != self.prospect_id:
            return
        if _script_ids(view) != _script_ids(self._view):
            self.index = 0  # a touch was logged, or scripts changed: the best one first again
        self._view = view

    @work(thread=True, exclusive=True, group="script-panel")
    def read_history(self, key: tuple[str, int, date]) -> None:
        try:  # loads the touch history once, off the UI thread
            view = _next_script(self.repo, key[0], key[2])
        except DataRefused as error:
            self.app.call_from_thread(self._refuse, error)
            return
        self.app.call_from_thread(self._history_read, key, view)

    def _history_read(self, key: tuple[str, int, date], view: NextScript | None) -> None:
        if key == self._reading:
            self._reading = None
        self._keep(key, view)
        if key[0] == self.prospect_id:
            self._draw()
            then, self.when_read = self.when_read, None
            if then is not None:
                then()

    # ------------------------------------------------------------ drawing

    def _draw(self) -> None:
        view = self._view
        state = (self.prospect_id, self.index)
        if self._drawn is not None and state == self._drawn[0] and view is self._drawn[1]:
            return
        self._drawn = (state, view)
        self.text = self._text(view)
        self._wrapped_at = -1
        self._wrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _wrap(self) -> None:
        """Break the text into the panel's lines, once per text and width."""
        width = self.scrollable_content_region.width
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        self._lines = list(self.text.wrap(self.app.console, max(width, 1), overflow="fold"))
        self._strips.clear()
        size = Size(width, len(self._lines))
        if size != self.virtual_size:
            # Set as Textual does on a resize: assigning virtual_size lays out the whole
            # screen (~70 ms on a big board); only a scrollbar showing or hiding needs it.
            self.set_reactive(ScrollView.virtual_size, size)
            update_scrollbars(self, size)

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style  # cached; rich_style walks every ancestor
        index = y + int(self.scroll_offset.y)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            segments = list(self._lines[index].render(self.app.console))
            strip = Strip(segments).apply_style(base).crop_extend(0, width, base)
            self._strips[index] = strip
        return strip

    def notify_style_update(self) -> None:
        self._strips.clear()  # a theme change: lines are drawn again in its colours
        super().notify_style_update()

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"script-panel--{part}", partial=True)

    def _text(self, view: NextScript | None) -> Text:
        muted = self._style("muted")
        if self.prospect_id is None:
            return Text("Select a job future to see its next touch and what to say.", muted)
        if view is None:
            return Text("Reading past touches…", muted)
        text = Text()
        text.append(
            view.company.name if view.company else "(missing company)", self._style("title")
        )
        if view.person is not None:
            text.append(f"\n{view.person.name}")
            if view.person.title:
                text.append(f", {view.person.title}", muted)
        s = view.suggestion
        if s is None:
            text.append(f"\n\nNothing planned: {view.stopped or 'no touch to prepare'}.", muted)
            return text
        phrase, level = due_phrase(s, local_today())
        text.append(f"\n{s.how} · ")
        text.append(phrase, self._style(DUE_PART[level]))
        text.append(f"\nwhy: {s.reason}", muted)
        if not view.scripts:
            text.append(
                f"\n\nNo script fits this {s.how}: write one on "
                "the scripts screen (4), where R brings back the built-in ones.",
                muted,
            )
            return text
        self._append_script(text, view)
        return text

    def _append_script(self, text: Text, view: NextScript) -> None:
        from jobfutures_tui.engine.scripts import render

        muted, missing = self._style("muted"), self._style("missing")
        script = view.scripts[self.index % len(view.scripts)]
        rendered = render(script.body, view.values)
        text.append("\n\n")
        text.append(script.name, self._style("title"))
        count = len(view.scripts)
        # Keys, not a checkbox: "[ ] other" read like one.
        others = " · ] next, [ back" if count > 1 else ""
        text.append(f"\n{self.index % count + 1} of {count}{others} · y copy", muted)
        if script.purpose:
            text.append(f"\n{script.purpose}", muted)
        text.append("\n\n")
        for part in rendered.parts:
            text.append(part.text, missing if part.kind == "missing" else None)
        for name in (*rendered.empty, *rendered.unknown):
            known = name in rendered.empty
            why = HINTS.get(name.lower(), "no value") if known else "not a placeholder"
            text.append(f"\n‹{name}›", missing)
            text.append(f": {why}", muted)


def _script_ids(view: NextScript | None) -> tuple[str, ...] | None:
    return None if view is None else tuple(script.id for script in view.scripts)


def _next_script(repo: Repository, prospect_id: str, today: date) -> NextScript | None:
    """What the panel shows (the scripts' engine imported when a panel first shows one:
    a window too narrow for the panel never needs it before its first frame)."""
    from jobfutures_tui.usecases.script_context import next_script

    return next_script(repo, prospect_id, today=today)
