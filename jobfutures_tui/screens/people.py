"""People: everyone across companies and job futures, filterable."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from jobfutures_tui.engine.plural import counted
from jobfutures_tui.engine.relative import ago
from jobfutures_tui.keymap import hints
from jobfutures_tui.models import Record
from jobfutures_tui.models.dates import now as utc_now
from jobfutures_tui.screens import actions
from jobfutures_tui.screens.filtered import FilteredListScreen
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases import record_changes
from jobfutures_tui.usecases.people import PersonRow, filter_rows, last_touch_with, people_rows
from jobfutures_tui.widgets.fields import LineInput
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.record_list import RecordList

NAME_WIDTH = 24


class PeopleScreen(FilteredListScreen):
    TITLE = "People"
    AUTO_FOCUS = "#people-list"
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="people.filter", tooltip="Filter as you type"),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="people.clear_filter",
            show=False,
            tooltip="Show everyone again",
        ),
        Binding("a", "add", "Add", id="people.add", tooltip="Add a person"),
        Binding("e", "edit", "Edit", id="people.edit", tooltip="Edit the selected person"),
        Binding(
            "c",
            "log",
            "Log",
            id="people.log",
            tooltip="Log a contact with the selected person (their latest open job future)",
        ),
        Binding(
            "f",
            "add_to_future",
            "Add to job future",
            id="people.add_to_future",
            tooltip="Add the selected person to an open job future (their company's first)",
        ),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.rows: dict[str, PersonRow] = {}
        self.all_rows: list[PersonRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield LineInput(
            placeholder="filter: name, title, company, email, city",
            id="people-filter",
            classes="list-filter",
        )
        yield Static(id="people-status")
        yield RecordList(empty="No people yet: press a to add one.", id="people-list")
        yield KeyFooter()

    def show_changes(self, select: str | None) -> None:
        try:
            self.all_rows = people_rows(self.repo)
        except DataRefused as error:
            self.refuse(error)
            return
        self.rows = {row.person_id: row for row in self.all_rows}
        self._show(select)

    def filter_changed(self) -> None:
        self._show()

    def _show(self, select: str | None = None) -> None:
        shown = filter_rows(self.all_rows, self.query_text)
        self.now = utc_now()
        listing = self.query_one(RecordList)
        listing.show([row.person_id for row in shown], self._draw, select=select)
        status = self.query_one("#people-status", Static)
        total = len(self.all_rows)
        if self.query_text.strip():
            status.update(Text(f"{len(shown)} of {total} people match · esc clears"))
        else:
            keys = hints(
                self.app,
                ("people.filter", "/ filter"),
                ("list.choose", "enter open"),
                ("people.edit", "e edit"),
                ("people.add", "a add"),
                ("people.add_to_future", "f add to a job future"),
            )
            status.update(Text(f"{total} people · {keys}"))

    def _draw(self, person_id: str, width: int) -> Text:
        person = self.repo.person(person_id)
        row = self.rows[person_id]
        if person is None:
            return Text("(gone)")
        company = self.repo.company(person.company_id) if person.company_id else None
        text = Text(no_wrap=True)
        name = person.name
        if person.do_not_contact:
            name += " ⊘"
        text.append(name[:NAME_WIDTH].ljust(NAME_WIDTH), style="bold")
        text.append(" ")
        text.append(f"{person.role.label:<15} ", style="dim")
        last = last_touch_with(self.repo, row)
        when = ago(last, self.now) if last else None
        count = len(row.prospect_ids)
        futures = f" · {counted(count, 'job future')}" if count else ""
        where = company.name if company else "no company"
        tail = f" · last touch {when}" if when else " · no touch yet"
        room = width - text.cell_len
        if cell_len(where + tail + futures) > room:
            # Narrow: the count and the time stay whole; the company gives way.
            tail = f" · {when}" if when else " · no touch"
        place = Text(where)
        place.truncate(max(room - cell_len(tail + futures), 4), overflow="ellipsis")
        text.append_text(place)
        text.append(tail, "dim")
        text.append(futures, style="dim")
        return text

    # ------------------------------------------------------------ actions

    @on(RecordList.Chosen, "#people-list")
    def _open(self, event: RecordList.Chosen) -> None:
        row = self.rows.get(event.row_id)
        if row is None:
            return
        if row.prospect_ids:
            from jobfutures_tui.screens.detail import open_prospect

            open_prospect(self.app, row.prospect_ids[-1], person=row.person_id)
        else:
            self.action_edit()

    def action_log(self) -> None:
        row = self.rows.get(self.query_one(RecordList).selected or "")
        if row is None:
            self.notify("Nothing selected: add a person with a.", timeout=3)
            return
        archived = set(self.repo.prospect_ids(archived=True))
        open_ones = [pid for pid in row.prospect_ids if pid not in archived]
        if not open_ones:  # first add them to one (an import's people are in none)
            actions.add_to_future(self.app, row.person_id, then_log=True)
            return
        actions.log_touch(self.app, open_ones[-1], person_id=row.person_id)

    def action_add_to_future(self) -> None:
        person_id = self.query_one(RecordList).selected
        if person_id is None:
            self.notify("Nothing selected: add a person with a.", timeout=3)
            return
        actions.add_to_future(self.app, person_id)

    def action_add(self) -> None:
        from jobfutures_tui.modals.person_form import person_form

        self.app.push_screen(person_form(self.repo, None), self._saved(added=True))

    def action_edit(self) -> None:
        person_id = self.query_one(RecordList).selected
        person = self.repo.person(person_id) if person_id else None
        if person is None:
            self.notify("Nothing selected: add a person with a.", timeout=3)
            return
        from jobfutures_tui.modals.person_form import person_form

        self.app.push_screen(person_form(self.repo, person), self._saved(added=False))

    def _saved(self, *, added: bool) -> Callable[[list[Record] | None], None]:
        def save(records: list[Record] | None) -> None:
            if records:  # the person after the company it may create
                self.jf.apply(record_changes.save_person(records, added=added), note=False)

        return save
