"""The cadence plans: choose one for a job future, or write, copy and delete your own.

Opened for a job future (``P``), ``enter`` chooses the selected plan, or the
default that follows its stage; opened from the palette, ``enter`` edits.
Every change goes through the app's one undoable way to save, so ``u``
undoes it here too, and the list redraws (:class:`DataChanged`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jobfutures_tui.engine.plan_text import plan_summary
from jobfutures_tui.messages import DataChanged
from jobfutures_tui.modals.confirm import Confirm
from jobfutures_tui.models import Prospect
from jobfutures_tui.models.plan import CadencePlan
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.ui_services import JobFutures, services
from jobfutures_tui.usecases import record_changes
from jobfutures_tui.usecases.user_plans import (
    all_plans,
    default_of,
    followers,
    is_built_in,
)

DEFAULT_ROW = "-default-"
"""The option that clears a job future's choice (no plan id starts with '-')."""


@dataclass(frozen=True, slots=True)
class PlanChoice:
    plan_id: str | None
    """None: the default, which follows the job future's stage and how it began."""


class PlanList(ModalScreen[PlanChoice | None]):
    COMPONENT_CLASSES = {"plans--name", "plans--mark", "plans--now", "plans--muted"}
    BINDINGS = [
        Binding("a", "add", "Add", id="plans.add", tooltip="Write a new plan"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="plans.edit",
            tooltip="Edit the selected plan (a built-in one: start a copy)",
        ),
        Binding(
            "c", "copy", "Copy", id="plans.copy", tooltip="Start a new plan from the selected one"
        ),
        Binding(
            "D,delete",
            "delete",
            "Delete",
            id="plans.delete",
            tooltip="Delete the selected plan of yours (u undoes)",
        ),
        Binding("u,ctrl+z", "app.undo", "Undo", id="plans.undo", tooltip="Undo the last change"),
        Binding(
            "U,ctrl+y",
            "app.redo",
            "Redo",
            show=False,
            id="plans.redo",
            tooltip="Redo the last change undone",
        ),
        Binding("j", "cursor(1)", "Down", show=False, id="plans.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="plans.up"),
        Binding("escape", "close", "Close", id="plans.close", tooltip="Close, choosing nothing"),
    ]

    def __init__(self, repo: Repository, *, prospect_id: str | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.prospect_id = prospect_id
        self.plans: dict[str, CadencePlan] = {}

    @property
    def jf(self) -> JobFutures:
        return services(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="plans"):
            yield Static(id="plans-title")
            yield Static(id="plans-intro")
            yield OptionList(id="plans-list")
            yield Static(id="plans-keys")

    def on_mount(self) -> None:
        self.data_changed()

    # ------------------------------------------------------------ drawing

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        self.data_changed(message.select)

    def data_changed(self, select: str | None = None) -> None:
        """Redraw from the store (after a change here, an undo or a redo)."""
        try:
            prospect = self.repo.prospect(self.prospect_id) if self.prospect_id else None
            self.plans = {plan.id: plan for plan in all_plans(self.repo)}
        except DataRefused as error:
            self.jf.refuse(error)
            return
        listing = self.query_one("#plans-list", OptionList)
        keep = select or (listing.highlighted_option.id if listing.highlighted_option else None)
        options = [self._default_option(prospect)] if prospect is not None else []
        options += [self._option(plan, prospect) for plan in self.plans.values()]
        listing.set_options(options)
        if keep is None and prospect is not None:
            keep = self._current(prospect)
        ids = [option.id for option in options]
        listing.highlighted = ids.index(keep) if keep in ids else 0
        self._show_words(prospect)
        listing.focus()

    def _current(self, prospect: Prospect) -> str:
        chosen = prospect.cadence_plan
        return chosen if chosen in self.plans else DEFAULT_ROW

    def _show_words(self, prospect: Prospect | None) -> None:
        title = self.query_one("#plans-title", Static)
        intro = self.query_one("#plans-intro", Static)
        keys = "a add · e edit · c copy · D delete · u undo · esc close"
        if prospect is None:
            title.update(Text("Cadence plans"))
            intro.update(Text("Built-in plans stay as they are: c copies one to make it yours."))
            keys = "enter edit · " + keys
        else:
            name = self._company(prospect)
            title.update(Text(f"Plan for {name}"))
            intro.update(Text("enter chooses; the default changes with its stage."))
            keys = "enter choose · " + keys
        self.query_one("#plans-keys", Static).update(Text(keys))

    def _company(self, prospect: Prospect) -> str:
        company = self.repo.company(prospect.company_id)
        return company.name if company else "this job future"

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"plans--{part}", partial=True)

    def _default_option(self, prospect: Prospect) -> Option:
        fallback = default_of(prospect)
        text = Text()
        text.append(f"Default: {fallback.name}", style=self._style("name"))
        if self._current(prospect) == DEFAULT_ROW:
            text.append("  ● following", style=self._style("now"))
        text.append(
            "\n  chosen by its stage and how it began, so it changes when the job future moves",
            style=self._style("muted"),
        )
        return Option(text, id=DEFAULT_ROW)

    def _option(self, plan: CadencePlan, prospect: Prospect | None) -> Option:
        text = Text()
        text.append(plan.name, style=self._style("name"))
        marks = ["built-in" if is_built_in(plan) else "yours"]
        if prospect is not None and default_of(prospect).id == plan.id:
            marks.append("its default")
        if not is_built_in(plan) or prospect is None:
            count = len(followers(self.repo, plan.id))
            if count:
                marks.append(f"chosen by {count}")
        text.append("  " + " · ".join(marks), style=self._style("mark"))
        if prospect is not None and self._current(prospect) == plan.id:
            text.append("  ● following", style=self._style("now"))
        if plan.description:
            text.append(f"\n  {plan.description}")
        text.append(f"\n  {plan_summary(plan.steps, plan.repeat)}", style=self._style("muted"))
        return Option(text, id=plan.id)

    # ------------------------------------------------------------ actions

    def _selected(self, *, mine: bool = False) -> CadencePlan | None:
        option = self.query_one("#plans-list", OptionList).highlighted_option
        plan = self.plans.get(option.id or "") if option is not None else None
        if plan is None:
            self.notify("Select a plan first.", timeout=2)
        elif mine and is_built_in(plan):
            self.notify("Built-in plans stay as they are: c copies one to change it.", timeout=3)
            return None
        return plan

    def action_cursor(self, step: int) -> None:
        listing = self.query_one("#plans-list", OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    def action_add(self) -> None:
        self._open_form(None, copy=False)

    def action_edit(self) -> None:
        plan = self._selected()
        if plan is not None:
            self._open_form(plan, copy=is_built_in(plan))

    def action_copy(self) -> None:
        plan = self._selected()
        if plan is not None:
            self._open_form(plan, copy=True)

    def _open_form(self, plan: CadencePlan | None, *, copy: bool) -> None:
        from jobfutures_tui.modals.plan_form import plan_form

        def saved(result: CadencePlan | None) -> None:
            if result is not None:
                added = plan is None or copy
                self.jf.apply(record_changes.save_plan(result, added=added), note=False)

        self.app.push_screen(plan_form(self.repo, plan, copy=copy), saved)

    def action_delete(self) -> None:
        plan = self._selected(mine=True)
        if plan is None:
            return
        count = len(followers(self.repo, plan.id))
        detail = "u undoes a delete."
        if count:
            who = "job future follows" if count == 1 else "job futures follow"
            detail = f"{count} {who} it: they go back to their default plan. " + detail

        def answer(yes: bool | None) -> None:
            if yes:
                self.jf.apply(record_changes.delete_plan(self.repo, plan), note=False)

        self.app.push_screen(Confirm(f"Delete the plan {plan.name}?", detail), answer)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#plans-list")
    def _enter(self, event: OptionList.OptionSelected) -> None:
        chosen = event.option.id
        if self.prospect_id is None:
            self.action_edit()
        elif chosen == DEFAULT_ROW:
            self.dismiss(PlanChoice(None))
        elif chosen in self.plans:
            self.dismiss(PlanChoice(chosen))
