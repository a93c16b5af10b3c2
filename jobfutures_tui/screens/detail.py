"""One job future's whole story: the company and its news, the people, how it
began, the notes after a "no", the referral links, and every touch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Header, Static

from jobfutures_tui.keymap import hints
from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.modals.story_forms import (
    COMPANY_FIELDS,
    NEWS_FIELDS,
    STORY_FIELDS,
    TOUCH_FIELDS,
)
from jobfutures_tui.models import Company, Person, Prospect, Record, Touch
from jobfutures_tui.models.dates import today
from jobfutures_tui.screens import actions, story_text
from jobfutures_tui.screens.panel_screen import PANEL_BINDINGS, PanelScreen, open_binding
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.ui_services import services
from jobfutures_tui.usecases import record_changes, story
from jobfutures_tui.usecases.changes import Change
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.record_list import RecordList
from jobfutures_tui.widgets.script_panel import ScriptPanel
from jobfutures_tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from textual.app import App

PERSON_ROWS = 3
"""Lines per person: name, role, contact details (and their address, when any has one)."""


class DetailScreen(PanelScreen):
    TITLE = "Job future"
    BINDINGS = [
        Binding(
            "escape,backspace", "back", "Back", id="detail.back", tooltip="Back to where you were"
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="detail.edit",
            tooltip="Edit what is selected: a person, a touch, or else the job future",
        ),
        Binding(
            "w",
            "edit_company",
            "Company",
            id="detail.company",
            tooltip="Edit the company and its news",
        ),
        Binding("n", "add_news", "News", id="detail.news", tooltip="Add a company news item"),
        Binding(
            "p",
            "add_person",
            "Person",
            id="detail.person",
            tooltip="Add a person to this job future",
        ),
        Binding(
            "f",
            "add_known",
            "Someone you know",
            id="detail.add_known",
            show=False,
            tooltip="Add someone already in your people (an import, say) to this job future",
        ),
        Binding(
            "d",
            "remove",
            "Remove",
            id="detail.remove",
            tooltip="Remove the selected person or touch (u undoes)",
        ),
        Binding(
            "x",
            "archive",
            "Archive",
            id="detail.archive",
            tooltip="Archive (or reopen) this job future",
        ),
        Binding(
            "c",
            "log",
            "Log",
            id="detail.log",
            tooltip="Log a contact (with the selected person, if one is)",
        ),
        open_binding("detail"),
        Binding(
            "z", "snooze", "Snooze", id="detail.snooze", show=False, tooltip="Snooze the next touch"
        ),
        Binding(
            "s",
            "skip",
            "Skip",
            id="detail.skip",
            show=False,
            tooltip="Skip the next touch: the plan goes on without it (u undoes)",
        ),
        Binding(
            "P",
            "plan",
            "Plan",
            id="detail.plan",
            show=False,
            tooltip="Choose the cadence plan this job future follows",
        ),
        Binding(
            "R",
            "referrals",
            "Referrals",
            id="detail.referrals",
            tooltip="The referral chain: who led to whom",
        ),
        Binding(
            "M",
            "markdown",
            "Markdown",
            id="detail.markdown",
            show=False,
            tooltip="Write this story as Markdown, to prepare a call (and copy it)",
        ),
        Binding(
            "D",
            "delete",
            "Delete",
            id="detail.delete",
            show=False,
            tooltip="Delete this job future (for mistakes; u undoes)",
        ),
        *PANEL_BINDINGS,
    ]
    FOOTER_KEPT = ("detail.back", "detail.edit", "detail.log")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMPONENT_CLASSES = {
        "detail--warning",
        "detail--overdue",
        "detail--due-soon",
        "detail--due-later",
        "detail--muted",
    }

    def __init__(self, repo: Repository, prospect_id: str, *, person: str | None = None) -> None:
        super().__init__(repo)
        self.prospect_id = prospect_id
        self.first_person = person
        self.prospect: Prospect | None = None
        self._ready = False
        self.company: Company | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="detail"):
            with VerticalScroll(id="story"):
                yield Static(id="about")
                yield Static(id="company")
                keys = hints(
                    self.app,
                    ("detail.person", "p add"),
                    ("detail.add_known", "f add known"),
                    ("detail.edit", "e edit"),
                    ("detail.remove", "d remove"),
                )
                yield Static(Text(f"People  ({keys})"), classes="section-title")
                yield RecordList(
                    row_height=PERSON_ROWS, empty="No one yet: p adds a person.", id="people"
                )
            yield Timeline(self.repo, id="timeline-pane")
            yield ScriptPanel(self.repo, id="script-panel")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._ready = True
        self.place_panel()
        self.show_prospect(self.prospect_id, person=self.first_person)

    def show_prospect(self, prospect_id: str, *, person: str | None = None) -> None:
        """Show another job future: the app keeps one detail screen and reuses it."""
        self.prospect_id = prospect_id
        self.first_person = person
        if not self._ready:
            return  # on_mount shows it
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)
        self.data_changed(person)
        self.query_one("#timeline", RecordList).action_edge(-1)
        self.query_one("#timeline", RecordList).focus()

    def show_changes(self, select: str | None) -> None:
        try:
            prospect = self.repo.prospect(self.prospect_id)
            if prospect is None:  # deleted (or its add undone): nothing left to show
                # Once: the change also reaches it as it resumes, and a second pop
                # took the board away (a blank screen; 1-4 then crashed).
                if self.is_current:
                    self.app.pop_screen()
                return
            self.prospect = prospect
            self.company = self.repo.company(prospect.company_id)
            self._show(prospect, select)
        except DataRefused as error:
            self.refuse(error)

    def _show(self, prospect: Prospect, select: str | None) -> None:
        name = self.company.name if self.company else "(missing company)"
        self.title = f"{name}"
        app = self.app
        next_keys = hints(
            app, ("detail.skip", "s skip"), ("detail.snooze", "z snooze"), ("detail.plan", "P plan")
        )
        about = story_text.about(self.repo, prospect, self.company, self._colour, keys=next_keys)
        self.query_one("#about", Static).update(about)
        company_keys = hints(app, ("detail.company", "w edit"), ("detail.news", "n add news"))
        company = story_text.company_text(self.company, keys=company_keys)
        self.query_one("#company", Static).update(company)
        people = self.query_one("#people", RecordList)
        # A fourth line per person only when one of them has a postal address.
        addressed = any(self.repo.peek("people", pid, "address") for pid in prospect.person_ids)
        people.row_height = PERSON_ROWS + (1 if addressed else 0)
        people.show(list(prospect.person_ids), self._draw_person, select=select)
        self.query_one(Timeline).show(prospect.id, select)
        self.panel.follow(prospect.id)

    def _draw_person(self, person_id: str, width: int) -> Text:
        return story_text.person_text(self.repo, person_id, self._colour)

    def _colour(self, part: str) -> Style:
        """Colours come from detail.tcss, so themes can change them."""
        return self.get_component_rich_style(f"detail--{part}", partial=True)

    # ------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        prospect = self.prospect
        if prospect is None:
            return
        focused = self.focused
        if isinstance(focused, RecordList) and focused.id == "people" and focused.selected:
            person = self.repo.person(focused.selected)
            if person is not None:
                self._edit_person(person)
            return
        if isinstance(focused, RecordList) and focused.id == "timeline" and focused.selected:
            touch = self.query_one(Timeline).touches.get(focused.selected)
            if touch is not None:
                self._edit_touch(touch)
            return
        # An archived one's stage changes by reopening it (x), not here.
        fields = [f for f in STORY_FIELDS if prospect.is_open or f.name != "stage"]
        self._open_form(
            "Edit job future",
            fields,
            story.story_values(self.repo, prospect),
            lambda values: record_changes.edit_story(self.repo, prospect, values),
        )

    def _edit_touch(self, touch: Touch) -> None:
        self._open_form(
            "Edit touch",
            TOUCH_FIELDS,
            story.touch_values(touch),
            lambda values: record_changes.edit_touch(touch, values),
        )

    def _read_touch(self, touch_id: str) -> None:
        """The whole touch, its note unabridged; `e` there edits it."""
        from jobfutures_tui.modals.touch_view import EDIT, TouchView

        touch = self.query_one(Timeline).touches.get(touch_id)
        if touch is None:
            return

        def closed(choice: str | None) -> None:
            current = self.query_one(Timeline).touches.get(touch_id)
            if choice == EDIT and current is not None:
                self._edit_touch(current)

        self.app.push_screen(TouchView(self.repo, touch), closed)

    def _edit_person(self, person: Person) -> None:
        from jobfutures_tui.modals.person_form import person_form

        def saved(records: list[Record] | None) -> None:
            if records:
                self.jf.apply(record_changes.save_person(records, added=False), note=False)

        self.app.push_screen(person_form(self.repo, person), saved)

    def action_add_person(self) -> None:
        prospect = self.prospect
        if prospect is None:
            return
        from jobfutures_tui.modals.person_form import person_form

        def saved(records: list[Record] | None) -> None:
            person = records[-1] if records else None
            if records and isinstance(person, Person):
                known = story.namesake(self.repo, prospect, person)
                if known is None:
                    self._add_person(records)
                else:
                    self._ask_link(known, records)

        company = self.company.name if self.company else ""
        self.app.push_screen(person_form(self.repo, None, company=company), saved)

    def _add_person(self, records: list[Record]) -> None:
        prospect = self.repo.prospect(self.prospect_id)
        if prospect is not None:
            self.jf.apply(record_changes.add_person_to(prospect, records), note=False)

    def _ask_link(self, known: Person, records: list[Record]) -> None:
        """The name typed is someone's already at this company: the same person, or a twin?"""
        from jobfutures_tui.modals.confirm import Confirm

        prospect = self.prospect
        linked = prospect is not None and known.id in prospect.person_ids
        company = self.company.name if self.company else "this company"
        typed = getattr(records[-1], "name", known.name)
        question, detail = story.namesake_question(known, typed, company, linked=linked)

        def answered(same: bool | None) -> None:
            current = self.repo.prospect(self.prospect_id)
            if same is None:
                return  # cancelled: nobody is added
            if not same:
                self._add_person(records)
            elif (
                current is not None
                and not (change := record_changes.link_known_person(current, known)).empty
            ):
                self.jf.apply(change, note=False)
            else:
                self.notify(f"{known.name} is already one of its people.", timeout=3, markup=False)
                self.data_changed(known.id)

        self.app.push_screen(Confirm(question, detail, escape_cancels=True), answered)

    def action_edit_company(self) -> None:
        company = self.company
        if company is not None:
            self._open_form(
                f"Edit {company.name}",
                COMPANY_FIELDS,
                story.company_values(company),
                lambda values: record_changes.edit_company(company, values),
            )

    def action_add_news(self) -> None:
        company = self.company
        if company is not None:
            self._open_form(
                f"News at {company.name}",
                NEWS_FIELDS,
                {"on": today().isoformat(), "text": ""},
                lambda values: record_changes.add_news(company, values),
                first="text",  # what was seen; the date is today unless changed
            )

    def action_remove(self) -> None:
        prospect = self.prospect
        focused = self.focused
        if prospect is None or not isinstance(focused, RecordList) or focused.selected is None:
            self.notify("Select a person or a touch first (tab moves between them).", timeout=3)
            return
        if focused.id == "people":
            person = self.repo.person(focused.selected)
            if person is not None:
                self.jf.apply(record_changes.remove_person(self.repo, prospect, person), note=False)
        else:
            touch = self.query_one(Timeline).touches.get(focused.selected)
            if touch is not None:
                self.jf.apply(record_changes.remove_touch(touch), note=False)

    def action_add_known(self) -> None:
        actions.add_known_person(self.app, self.prospect_id)

    def action_archive(self) -> None:
        actions.archive_or_reopen(self.app, self.prospect_id)

    def action_snooze(self) -> None:
        actions.snooze(self.app, self.prospect_id)

    def action_skip(self) -> None:
        actions.skip_due(self.app, self.prospect_id)

    def action_plan(self) -> None:
        actions.choose_plan(self.app, self.prospect_id)

    def action_referrals(self) -> None:
        from jobfutures_tui.modals.referral_chain import ReferralChain
        from jobfutures_tui.usecases.referrals import referral_tree

        tree = referral_tree(self.repo, self.prospect_id)
        if tree is None:
            self.notify(
                "No referral links yet: log a touch with the outcome 'referral given' (c, f).",
                timeout=4,
            )
            return

        def chosen(prospect_id: str | None) -> None:
            if prospect_id is not None and prospect_id != self.prospect_id:
                open_prospect(self.app, prospect_id)

        self.app.push_screen(ReferralChain(self.repo, tree, self.prospect_id), chosen)

    def action_log(self) -> None:
        person = self._person_selected()
        script = self.script_for_log(self.prospect_id)
        actions.log_touch(self.app, self.prospect_id, person_id=person, script_id=script)

    def touch_target(self) -> tuple[str, str | None]:
        """o and Y: with the person selected, as c logs with them."""
        return self.prospect_id, self._person_selected()

    def _person_selected(self) -> str | None:
        focused = self.focused
        if isinstance(focused, RecordList) and focused.id == "people":
            return focused.selected
        return None

    def action_delete(self) -> None:
        actions.delete_prospect(self.app, self.prospect_id)

    def action_markdown(self) -> None:
        from jobfutures_tui.file_work import export_markdown

        export_markdown(self.app, self.prospect_id)

    def _open_form(
        self,
        title: str,
        fields: Sequence[Field],
        initial: dict[str, Any],
        build: Callable[[dict[str, Any]], Change],
        *,
        first: str | None = None,
    ) -> None:
        def saved(change: Change | None) -> None:
            if change is not None:
                self.jf.apply(change, note=False)

        form = RecordForm(title, fields, initial, build)
        form.first_field = first
        self.app.push_screen(form, saved)

    @on(RecordList.Chosen, "#people")
    def _person_chosen(self) -> None:
        self.action_edit()

    @on(RecordList.Chosen, "#timeline")
    def _touch_chosen(self, event: RecordList.Chosen) -> None:
        self._read_touch(event.row_id)


def open_prospect(app: App[Any], prospect_id: str, *, person: str | None = None) -> None:
    """The story of a job future, with one of its people selected: the app keeps one
    story screen and shows each job future on it."""
    if isinstance(app.screen, ModalScreen):
        return
    if not app.is_screen_installed("detail"):
        app.install_screen(DetailScreen(services(app).repo, prospect_id, person=person), "detail")
    detail = app.get_screen("detail")
    assert isinstance(detail, DetailScreen)
    detail.show_prospect(prospect_id, person=person)
    if app.screen is not detail:
        app.push_screen(detail)
