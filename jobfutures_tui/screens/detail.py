"""One job future's whole story: the company and its news, the people, how it
began, the notes after a "no", the referral links, and every touch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Static

from jobfutures_tui.engine.cadence import stopped
from jobfutures_tui.engine.person_choice import recruiter_only_warning
from jobfutures_tui.engine.relative import short_date
from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import (
    Channel,
    Company,
    Direction,
    Origin,
    Outcome,
    Person,
    Prospect,
    Record,
    Script,
    Stage,
    TouchKind,
)
from jobfutures_tui.models.dates import local_timezone, today
from jobfutures_tui.screens.panel_screen import PANEL_BINDINGS, PanelScreen
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases import story
from jobfutures_tui.usecases.board import DUE_PART, due_phrase
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.people import address_line
from jobfutures_tui.usecases.user_plans import plan_of
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.record_list import RecordList
from jobfutures_tui.widgets.script_panel import ScriptPanel

STORY_FIELDS = (
    Field("role", "Role discussed"),
    Field("stage", "Stage", "choice", choices=choices_of(Stage, only=Stage.board())),
    Field("origin", "How it began", "choice", choices=choices_of(Origin)),
    Field("began_on", "On", placeholder="YYYY-MM-DD"),
    Field("referred_by", "Referred by", placeholder="a person's name"),
    Field("self_assessment", "After the no", "text"),
    Field("notes", "Notes", "text"),
    Field("tags", "Tags", placeholder="comma, separated"),
)
COMPANY_FIELDS = (
    Field("name", "Name"),
    Field("website", "Website"),
    Field("notes", "Notes", "text"),
    Field("news", "News", "text"),
)
NEWS_FIELDS = (
    Field("on", "Date", placeholder="YYYY-MM-DD"),
    Field("text", "What you saw", placeholder="e.g. they opened a Denver office"),
)
TOUCH_FIELDS = (
    Field("at", "When", placeholder="YYYY-MM-DD HH:MM"),
    Field("channel", "Channel", "choice", choices=choices_of(Channel)),
    Field("direction", "Direction", "choice", choices=choices_of(Direction)),
    Field("outcome", "Outcome", "choice", choices=choices_of(Outcome)),
    Field("kind", "Kind", "choice", choices=choices_of(TouchKind, unset="not said")),
    Field("note", "Note", "text"),
    Field("shared", "Shared", placeholder="titles, separated by commas"),
    Field("replied", "Replied", "flag", placeholder="they replied"),
)
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
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMPONENT_CLASSES = {
        "detail--warning",
        "detail--good",
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
                yield Static(Text("People  (p add · e edit · d remove)"), classes="section-title")
                yield RecordList(
                    row_height=PERSON_ROWS, empty="No one yet: p adds a person.", id="people"
                )
            with Vertical(id="timeline-pane"):
                yield Static(id="timeline-title", classes="section-title")
                yield RecordList(row_height=2, empty="No touches logged yet.", id="timeline")
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
        self.query_one("#about", Static).update(self._about(prospect))
        self.query_one("#company", Static).update(self._company_text())
        people = self.query_one("#people", RecordList)
        # A fourth line per person only when one of them has a postal address.
        addressed = any(self.repo.peek(Person, pid, "address") for pid in prospect.person_ids)
        people.row_height = PERSON_ROWS + (1 if addressed else 0)
        people.show(list(prospect.person_ids), self._draw_person, select=select)
        touches = {touch.id: touch for touch in self.repo.touches_for(prospect.id)}
        self.touches = touches
        count = len(touches)
        self.query_one("#timeline-title", Static).update(
            Text(f"Timeline  {count} touch{'es' if count != 1 else ''}, newest first")
        )
        self.query_one("#timeline", RecordList).show(list(touches), self._draw_touch, select=select)
        self.panel.follow(prospect.id)

    # ------------------------------------------------------------ drawing

    def _about(self, prospect: Prospect) -> Text:
        text = Text()
        text.append(self.company.name if self.company else "(missing company)", style="bold")
        if prospect.role:
            text.append(f" · {prospect.role}")
        text.append(f"\n{prospect.stage.label}", style="bold")
        if not prospect.is_open and prospect.closed_reason is not None:
            text.append(f": {prospect.closed_reason.label}")
            if prospect.closed_note:
                text.append(f" ({prospect.closed_note})")
        began = prospect.origin.label
        if prospect.began_on:
            began += f" on {prospect.began_on.format('D MMM YYYY')}"
        _field(text, "began", began)
        if prospect.snoozed_until and prospect.snoozed_until >= today():
            _field(text, "snoozed until", short_date(prospect.snoozed_until))
        if prospect.referred_by_id:
            _field(text, "referred by", self._who(prospect.referred_by_id))
        referred = self._referred_from_here(prospect)
        if referred:
            _field(text, "led to", ", ".join(referred))
        if prospect.tags:
            _field(text, "tags", ", ".join(prospect.tags))
        self._next_touch(text, prospect)
        if prospect.self_assessment:
            _block(text, "After the no", prospect.self_assessment)
        if prospect.notes:
            _block(text, "Notes", prospect.notes)
        return text

    def _next_touch(self, text: Text, prospect: Prospect) -> None:
        """When the next touch is due (coloured as on the cards), how, and why."""
        day = today()
        suggestion = next_suggestion(self.repo, prospect.id, today=day)
        plan = plan_of(self.repo, prospect)
        text.append("\n\nNext touch  ", style="bold")
        text.append("(s skip · z snooze · P plan)", style="dim")
        phrase, level = due_phrase(suggestion, day)
        text.append("\n")
        text.append(phrase, style=self._colour(DUE_PART[level]))
        people = [p for p in map(self.repo.person, prospect.person_ids) if p is not None]
        if suggestion is None:
            summary = self.repo.cadence_summary(prospect.id)
            why = stopped(prospect, people, summary, today=day, tz=local_timezone())
            text.append(f": {why or 'the plan has no more touches'}", style="dim")
        else:
            text.append(f" · {short_date(suggestion.due, day)} · {suggestion.how}")
            person = self.repo.person(suggestion.person_id) if suggestion.person_id else None
            if person is not None:
                text.append(f" · {person.name}")
            _field(text, "why", suggestion.reason)
        warning = recruiter_only_warning(people) if prospect.is_open else None
        if warning is not None and (
            suggestion is None or suggestion.kind is not TouchKind.FIND_MANAGER
        ):
            text.append(f"\n! {warning}", style=self._colour("warning"))
        chosen = prospect.cadence_plan == plan.id
        _field(text, "plan", plan.name if chosen else f"{plan.name} (the default here)")

    def _who(self, person_id: str) -> str:
        person = self.repo.person(person_id)
        if person is None:
            return "(someone since removed)"
        company = self.repo.company(person.company_id) if person.company_id else None
        return f"{person.name} ({company.name})" if company else person.name

    def _referred_from_here(self, prospect: Prospect) -> list[str]:
        """Job futures that came through this one's people."""
        mine = set(prospect.person_ids)
        rows = list(self.repo.stored_rows(Prospect).items())
        names = []
        for pid, row in rows:
            if row.get("referred_by_id") in mine and pid != prospect.id:
                other = self.repo.prospect(pid)
                company = self.repo.company(other.company_id) if other else None
                if company is not None:
                    names.append(company.name)
        return names

    def _company_text(self) -> Text:
        text = Text()
        company = self.company
        if company is None:
            return text
        text.append("\nCompany  (w edit · n add news)", style="bold")
        if company.website:
            _field(text, "website", company.website)
        if company.notes:
            text.append(f"\n{company.notes}")
        for item in company.news:
            text.append(f"\n{item.on.format('D MMM YYYY')}  ", style="dim")
            text.append(item.text)
        if not company.news:
            text.append("\nno news noted yet", style="dim")
        return text

    def _draw_person(self, person_id: str, width: int) -> Text:
        person = self.repo.person(person_id)
        if person is None:
            return Text("(removed)")
        text = Text()
        text.append(person.name, style="bold")
        if person.do_not_contact:
            text.append(" · do not contact", style=self._colour("warning"))
        details = [person.title, person.role.label]
        if person.preferred_channel:
            details.append(f"prefers {person.preferred_channel.label}")
        text.append("\n  " + " · ".join(d for d in details if d), style="dim")
        reach = [person.phone, person.email, person.city, person.linkedin]
        text.append(
            "\n  " + (" · ".join(r for r in reach if r) or "no contact details"), style="dim"
        )
        if person.address:
            text.append("\n  address: ", style="dim")
            text.append(address_line(person.address), style="dim")
        return text

    def _colour(self, part: str) -> Style:
        """Colours come from detail.tcss, so themes can change them."""
        return self.get_component_rich_style(f"detail--{part}", partial=True)

    def _draw_touch(self, touch_id: str, width: int) -> Text:
        touch = self.touches[touch_id]
        local = touch.at.in_timezone(local_timezone())
        text = Text()
        text.append(local.format("ddd D MMM YYYY HH:mm"), style="bold")
        arrow = "→" if touch.direction is Direction.OUT else "←"
        text.append(f"  {arrow} {touch.channel.label} · {touch.outcome.label}")
        if touch.kind is not None:
            text.append(f" · {touch.kind.label}")
        if touch.person_id:
            person = self.repo.person(touch.person_id)
            if person is not None:
                text.append(f" · {person.name}", style="dim")
        if touch.replied and touch.outcome not in (Outcome.REPLIED, Outcome.CONVERSATION):
            text.append(" · they replied", style=self._colour("good"))
        second = [touch.note] if touch.note else []
        if touch.shared:
            second.append("shared: " + ", ".join(touch.shared))
        if touch.script_id:
            script = self.repo.stored(Script, touch.script_id)
            second.append(f"script: {script.name if script else 'deleted'}")
        text.append("\n  " + (" · ".join(second) or "no note"), style="dim")
        return text

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
            touch = self.touches.get(focused.selected)
            if touch is not None:
                self._open_form(
                    "Edit touch",
                    TOUCH_FIELDS,
                    story.touch_values(touch),
                    lambda values: [story.revise_touch(touch, values)],
                    "Edited a touch",
                )
            return
        self._open_form(
            "Edit job future",
            STORY_FIELDS,
            story.story_values(self.repo, prospect),
            lambda values: [story.revise_story(self.repo, prospect, values)],
            f"Edited {self.title}",
        )

    def _edit_person(self, person: Person) -> None:
        from jobfutures_tui.modals.person_form import person_form

        def saved(records: list[Record] | None) -> None:
            if records:
                self.jf.change(f"Edited {person.name}", save=records, select=person.id)

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
            added = story.link_person(prospect, records)
            name = getattr(records[-1], "name", "someone")
            self.jf.change(f"Added {name}", save=added, select=records[-1].id)

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
            elif current is not None and (save := story.link_known(current, known)):
                self.jf.change(f"Linked {known.name}", save=save, select=known.id)
            else:
                self.notify(f"{known.name} is already one of its people.", timeout=3)
                self.data_changed(known.id)

        self.app.push_screen(Confirm(question, detail, escape_cancels=True), answered)

    def action_edit_company(self) -> None:
        company = self.company
        if company is not None:
            self._open_form(
                f"Edit {company.name}",
                COMPANY_FIELDS,
                story.company_values(company),
                lambda values: [story.revise_company(company, values)],
                f"Edited {company.name}",
            )

    def action_add_news(self) -> None:
        company = self.company
        if company is not None:
            self._open_form(
                f"News at {company.name}",
                NEWS_FIELDS,
                {"on": today().isoformat(), "text": ""},
                lambda values: [story.add_news(company, values)],
                f"Added news at {company.name}",
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
                save, delete = story.unlink_person(self.repo, prospect, person)
                self.jf.change(f"Removed {person.name}", save=save, delete=delete)
        else:
            touch = self.touches.get(focused.selected)
            if touch is not None:
                when = short_date(touch.at.in_timezone(local_timezone()).date())
                self.jf.change(f"Removed the {touch.channel.label} of {when}", delete=[touch])

    def action_archive(self) -> None:
        self.jf.archive_or_reopen(self.prospect_id)

    def action_snooze(self) -> None:
        self.jf.snooze(self.prospect_id)

    def action_skip(self) -> None:
        self.jf.skip_due(self.prospect_id)

    def action_plan(self) -> None:
        self.jf.choose_plan(self.prospect_id)

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
                self.jf.open_prospect(prospect_id)

        self.app.push_screen(ReferralChain(self.repo, tree, self.prospect_id), chosen)

    def action_log(self) -> None:
        focused = self.focused
        person = None
        if isinstance(focused, RecordList) and focused.id == "people":
            person = focused.selected
        script = self.script_for_log(self.prospect_id)
        self.jf.log_touch(self.prospect_id, person_id=person, script_id=script)

    def action_delete(self) -> None:
        self.jf.delete_prospect(self.prospect_id)

    def action_markdown(self) -> None:
        self.jf.export_markdown(self.prospect_id)

    def _open_form(
        self,
        title: str,
        fields: Sequence[Field],
        initial: dict[str, Any],
        build: Callable[[dict[str, Any]], list[Record]],
        label: str,
    ) -> None:
        def saved(records: list[Record] | None) -> None:
            if records:
                self.jf.change(label, save=records, select=records[-1].id)

        self.app.push_screen(RecordForm(title, fields, initial, build), saved)

    @on(RecordList.Chosen)
    def _chosen(self) -> None:
        self.action_edit()


def _field(text: Text, label: str, value: str) -> None:
    text.append(f"\n{label}: ", style="dim")
    text.append(value)


def _block(text: Text, title: str, body: str) -> None:
    text.append(f"\n\n{title}\n", style="bold")
    text.append(body)
