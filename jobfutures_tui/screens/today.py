"""Today: every touch that is overdue or due this week, most urgent first, with why."""

from __future__ import annotations

import pendulum
from rich.console import Group
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from jobfutures_tui.engine.relative import short_date
from jobfutures_tui.keymap import hints
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.screens import actions
from jobfutures_tui.screens.panel_screen import PANEL_BINDINGS, PanelScreen, open_binding
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases.due import (
    DueItem,
    DueList,
    When,
    daily_budget,
    days_late,
    due_list,
    moved_words,
    next_due,
)
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.script_panel import ScriptPanel

GROUP_TITLES = {
    When.OVERDUE: "Overdue",
    When.TODAY: "Due today",
    When.THIS_WEEK: "Due this week",
    When.LATER: "Later",  # only touches the daily budget moved past this week
}


class TodayScreen(PanelScreen):
    TITLE = "Today"
    COMPONENT_CLASSES = {
        "today--group",
        "today--late",
        "today--due",
        "today--company",
        "today--how",
        "today--why",
    }
    BINDINGS = [
        Binding(
            "j", "cursor(1)", "Down", show=False, id="today.down", tooltip="Select the next touch"
        ),
        Binding(
            "k", "cursor(-1)", "Up", show=False, id="today.up", tooltip="Select the previous touch"
        ),
        Binding(
            "c",
            "log",
            "Log",
            id="today.log",
            tooltip="Log the selected touch: the form has it chosen already",
        ),
        open_binding("today"),
        Binding(
            "z",
            "snooze",
            "Snooze",
            id="today.snooze",
            tooltip="Snooze the selected touch (+3 days, +1 week, +2 weeks, a date)",
        ),
        Binding(
            "s",
            "skip",
            "Skip",
            id="today.skip",
            tooltip="Skip the selected touch: the plan goes on without it (u undoes)",
        ),
        Binding(
            "P",
            "plan",
            "Plan",
            id="today.plan",
            tooltip="Choose the cadence plan the selected job future follows",
        ),
        Binding(
            "r", "refresh", "Refresh", id="today.refresh", tooltip="Work out what is due again"
        ),
        *PANEL_BINDINGS,
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.items: list[DueItem] = []
        self.listing = DueList([])
        """Where the daily budget (settings) puts each touch."""
        self.worked_out_for: pendulum.Date | None = None
        self._plain_at: int | None = None
        """The row drawn plain for the cursor."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Working out what is due…"), id="today-status")
        yield Static(id="today-budget")
        with Horizontal(id="today-body"):
            yield OptionList(id="today-list")
            yield ScriptPanel(self.repo, id="script-panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.place_panel()

    def on_screen_resume(self) -> None:
        if self.worked_out_for != local_today():
            self.data_changed()  # a new day: the list is worked out again
        else:
            super().on_screen_resume()

    def show_changes(self, select: str | None) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self.worked_out_for = local_today()
        self.work_out(self.worked_out_for)

    @work(thread=True, exclusive=True, group="due")
    def work_out(self, today: pendulum.Date) -> None:
        """Reading every open job future's touches may take a moment: not on the UI thread."""
        try:
            due = due_list(self.repo, today=today, budget=daily_budget())
            upcoming = None if due.items else next_due(self.repo, today=today)
        except DataRefused as error:
            self.app.call_from_thread(self.refuse, error)
            return
        if not get_current_worker().is_cancelled:  # a newer refresh replaced this one
            self.app.call_from_thread(self.show, due, upcoming, today)

    def show(self, due: DueList, upcoming: DueItem | None, today: pendulum.Date) -> None:
        self.listing = due
        self.items = items = due.items
        budget = self.query_one("#today-budget", Static)
        budget.update(Text(due.note or ""))
        budget.display = due.note is not None
        self.title = f"Today ({len(items)} due)" if items else "Today"
        listing = self.query_one("#today-list", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        listing.set_options(self._options(items, today))
        self._plain_at = None
        status = self.query_one("#today-status", Static)
        if items:
            status.update(
                Text(
                    "enter opens it · "
                    + hints(
                        self.app,
                        ("today.log", "c log"),
                        ("today.open_touch", "o open"),
                        ("today.snooze", "z snooze"),
                        ("today.skip", "s skip"),
                        ("today.plan", "P plan"),
                        ("today.refresh", "r refresh"),
                    )
                )
            )
        else:
            status.update(Text(_nothing_due(upcoming)))
        listing.visible = bool(items)  # keeps its room: the panel stays on the right
        if highlighted is not None and any(item.prospect_id == highlighted for item in items):
            listing.highlighted = listing.get_option_index(highlighted)
        elif items:
            listing.highlighted = _first_item(listing)
        listing.focus()
        self._follow()

    @on(OptionList.OptionHighlighted, "#today-list")
    def _follow(self) -> None:
        listing = self.query_one("#today-list", OptionList)
        option = listing.highlighted_option
        self._plain_when_highlighted(listing)
        self.panel.follow(option.id if option is not None else None)

    def _plain_when_highlighted(self, listing: OptionList) -> None:
        """The highlighted row in the list's cursor colours alone: its own colours
        (the channel in blue, the days late in red) were unreadable on the cursor."""
        items = {item.prospect_id: item for item in self.items}
        today = self.worked_out_for or local_today()
        for index in {self._plain_at, listing.highlighted} - {None}:
            assert index is not None
            if index >= listing.option_count:
                continue
            option = listing.get_option_at_index(index)
            item = items.get(option.id or "")
            if item is not None:
                plain = index == listing.highlighted
                listing.replace_option_prompt_at_index(index, self._row(item, today, plain=plain))
        self._plain_at = listing.highlighted

    def _options(self, items: list[DueItem], today: pendulum.Date) -> list[Option]:
        options: list[Option] = []
        for group, title in GROUP_TITLES.items():
            members = [item for item in items if self.listing.when(item, today) is group]
            if not members:
                continue
            heading = Text(f"{title} ({len(members)})", style=self._style("group"))
            options.append(Option(heading, disabled=True))
            options.extend(Option(self._row(item, today), id=item.prospect_id) for item in members)
        return options

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"today--{part}", partial=True)

    def _row(self, item: DueItem, today: pendulum.Date, *, plain: bool = False) -> Group:
        """Two lines: when, then who; how, then why, indented however it wraps.
        Colours come from today.tcss; ``plain``: bold parts only (highlighted)."""
        s = item.suggestion

        def style(part: str) -> Style:
            return Style(bold=self._style(part).bold) if plain else self._style(part)

        row = Text()
        moved = self.listing.moved_to.get(item.prospect_id)
        if moved is not None:  # by the daily budget: the day it is shown on
            where, late = moved_words(moved, s.overdue_days, today)
            row.append(where, style=style("due"))
            row.append(late, style=style("late"))
        elif s.overdue_days:
            row.append(days_late(s.overdue_days), style=style("late"))
        else:
            row.append(f"due {short_date(s.due)}", style=style("due"))
        row.append("  ")
        row.append(item.company, style=style("company"))
        if item.person:
            row.append(f" · {item.person}")
        why = Text(s.how, style=style("how"))
        why.append(f" — {s.reason}", style=style("why"))
        return Group(row, Padding(why, (0, 0, 0, 2)))

    def action_cursor(self, step: int) -> None:
        listing = self.query_one("#today-list", OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    def action_snooze(self) -> None:
        if (prospect_id := self._selected("snooze")) is not None:
            actions.snooze(self.app, prospect_id)

    def action_log(self) -> None:
        if (prospect_id := self._selected("log")) is not None:
            item = next((i for i in self.items if i.prospect_id == prospect_id), None)
            person = item.suggestion.person_id if item is not None else None
            script = self.script_for_log(prospect_id)
            actions.log_touch(self.app, prospect_id, person_id=person, script_id=script)

    def action_skip(self) -> None:
        if (prospect_id := self._selected("skip")) is not None:
            actions.skip_due(self.app, prospect_id)

    def action_plan(self) -> None:
        if (prospect_id := self._selected("choose a plan for")) is not None:
            actions.choose_plan(self.app, prospect_id)

    def _selected(self, verb: str) -> str | None:
        option = self.query_one("#today-list", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify(f"Nothing selected to {verb}.", timeout=2)
            return None
        return option.id

    @on(OptionList.OptionSelected, "#today-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            from jobfutures_tui.screens.detail import open_prospect

            open_prospect(self.app, event.option.id)


def _nothing_due(upcoming: DueItem | None) -> str:
    message = "Nothing due today or this week."
    if upcoming is not None:
        s = upcoming.suggestion
        message += f" Next: {short_date(s.due)}, {upcoming.company} ({s.how})."
    return message


def _first_item(listing: OptionList) -> int | None:
    for index in range(listing.option_count):
        if not listing.get_option_at_index(index).disabled:
            return index
    return None
