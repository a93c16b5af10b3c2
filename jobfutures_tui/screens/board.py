"""The board: every open job future in its stage column, driven from the keyboard.

It paints the first frame, so it imports only what paints it: what a key does (the
actions, the changes, the dialogs) its handler imports (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Header, Input, Static

from jobfutures_tui.models import Stage
from jobfutures_tui.screens.board_cards import BoardCards
from jobfutures_tui.screens.board_keys import BOARD_BINDINGS
from jobfutures_tui.screens.panel_screen import PanelScreen
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases.board import BoardOrder, Card, archive_order, neighbour_stage
from jobfutures_tui.usecases.search import SearchIndex
from jobfutures_tui.widgets.fields import LineInput
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.script_panel import ScriptPanel
from jobfutures_tui.widgets.stage_column import StageColumn
from jobfutures_tui.widgets.textual_internals import styled_as_mounted

if TYPE_CHECKING:
    from jobfutures_tui.models import Prospect
    from jobfutures_tui.usecases.intake import ProspectInput

EMPTY_HINT = "No job futures yet. Press a to add the first one: who interviewed you, and where."


class BoardScreen(PanelScreen):
    TITLE = "Board"
    AUTO_FOCUS = ""  # the board takes the keys; the filter field only when / asks for it
    FOOTER_KEPT = ("board.open", "board.add", "board.log")
    BINDINGS = BOARD_BINDINGS

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.columns: dict[Stage, list[str]] = {stage: [] for stage in Stage}
        """Prospect ids per column, in display order (filtered when a filter is set)."""
        self.cards = BoardCards(repo, self.refuse)
        self.cursors: dict[Stage, int] = {stage: 0 for stage in Stage}
        self.focus_stage = Stage.INTERVIEWED
        self._before_archive = Stage.INTERVIEWED
        """The column selected when the archive was shown: hiding it goes back there."""
        self.show_archive = False
        self.query_text = ""
        self.search = SearchIndex(repo)
        self.order = BoardOrder(repo)
        self._shown = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="board"):
            for stage in Stage:
                yield StageColumn(stage, id=f"column-{stage.value}")
            yield ScriptPanel(self.repo, id="script-panel")
        yield Static(Text(EMPTY_HINT), id="empty-hint")
        yield LineInput(placeholder="filter: company, person, role, notes, tags", id="board-filter")
        yield Static(id="filter-status")
        yield KeyFooter()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls this before Screen's own handler (and PanelScreen's public one).
        if not self._shown:
            self._shown = True
            styled_as_mounted(event)

    def on_mount(self) -> None:
        self.column(Stage.ARCHIVE).display = False
        self.place_panel()
        field = self.query_one("#board-filter", Input)
        self.watch(field, "value", self._filter_changed, init=False)
        self.reload()
        # Start on a card: the first column may be empty.
        first = next((s for s in Stage.board() if self.columns[s]), None)
        if first is not None and not self.columns[self.focus_stage]:
            self.focus_stage = first
            self.redraw()

    @property
    def visible_stages(self) -> list[Stage]:
        return [*Stage.board(), Stage.ARCHIVE] if self.show_archive else list(Stage.board())

    # ------------------------------------------------------------ state

    @property
    def selected(self) -> Card | None:
        prospect_id = self.selected_id
        return self.card(prospect_id) if prospect_id else None

    def card(self, prospect_id: str) -> Card:
        """The card of a job future, built (and its records validated) on first use."""
        return self.cards.card(prospect_id)

    def show_changes(self, select: str | None) -> None:
        self.reload(select=select)

    def settings_changed(self) -> None:
        """New workdays move due dates: every card and the order are worked out again."""
        super().settings_changed()
        self.cards.forget_all()
        self.order = BoardOrder(self.repo)

    def reload(self, select: str | None = None) -> None:
        """Reorder the board from the store, keeping (or moving to) a selection."""
        self._seen_revision = self.repo.revision
        keep = select or self.selected_id
        redrawn_cards = self.cards.forget_changed()
        try:
            columns = self.order.columns()
            columns[Stage.ARCHIVE] = archive_order(self.repo) if self.show_archive else []
            hits = self.search.matches(self.query_text)
        except DataRefused as error:
            self.refuse(error)
            return
        if hits is not None:
            columns = {stage: [i for i in ids if i in hits] for stage, ids in columns.items()}
        before = (self.columns, dict(self.cursors), self.focus_stage)
        self.columns = columns
        if keep is not None:
            self.select_prospect(keep, redraw=False)
        # Only the columns that changed are drawn again: a move touches two of four,
        # a filter key often none, and every drawn line costs a paint.
        refocused = {self.focus_stage, before[2]} if self.focus_stage is not before[2] else set()
        changed = [
            stage
            for stage in self.visible_stages
            if columns[stage] != before[0].get(stage)
            or self.cursors[stage] != before[1][stage]
            or stage in refocused
            or redrawn_cards is None
            or not redrawn_cards.isdisjoint(columns[stage])
        ]
        if changed:
            self.redraw(*changed)
        else:
            self.panel.follow(self.selected_id)  # its job future may have changed
        self._show_empty_hint()
        self._show_filter_status()

    @property
    def selected_id(self) -> str | None:
        ids = self.columns[self.focus_stage]
        return ids[self.cursors[self.focus_stage]] if ids else None

    def select_prospect(self, prospect_id: str, *, redraw: bool = True) -> bool:
        for stage, ids in self.columns.items():
            if prospect_id in ids:
                before = (self.focus_stage, self.cursors[stage])
                self.focus_stage = stage
                self.cursors[stage] = ids.index(prospect_id)
                if redraw and before != (stage, self.cursors[stage]):
                    self.redraw(*{before[0], stage})  # selected already: nothing to draw
                return True
        return False

    def redraw(self, *stages: Stage) -> None:
        if self.focus_stage not in self.visible_stages:
            self.focus_stage = Stage.OFFER
        for stage in stages or self.visible_stages:
            ids = self.columns[stage]
            self.cursors[stage] = max(0, min(self.cursors[stage], len(ids) - 1))
            column = self.column(stage)
            column.show(ids, self.cursors[stage], stage is self.focus_stage, self.cards.card)
        self.panel.follow(self.selected_id)

    def _show_empty_hint(self) -> None:
        empty = not self.query_text and not any(self.columns.values())
        self.query_one("#empty-hint").display = empty

    def column(self, stage: Stage) -> StageColumn:
        return self.query_one(f"#column-{stage.value}", StageColumn)

    # ------------------------------------------------------------ moving around

    def action_column(self, step: int) -> None:
        order = self.visible_stages
        here = order.index(self.focus_stage) if self.focus_stage in order else len(order) - 1
        index = max(0, min(len(order) - 1, here + step))
        previous, self.focus_stage = self.focus_stage, order[index]
        self.redraw(*{previous, self.focus_stage} & set(order))

    def action_card(self, step: int) -> None:
        self.cursors[self.focus_stage] += step
        self.redraw(self.focus_stage)

    def action_card_edge(self, direction: int) -> None:
        self.cursors[self.focus_stage] = 0 if direction < 0 else len(self.columns[self.focus_stage])
        self.redraw(self.focus_stage)

    def action_toggle_archive(self) -> None:
        self.show_archive_column(not self.show_archive)
        if self.show_archive and self.columns[Stage.ARCHIVE]:
            self._before_archive = self.focus_stage
            self.focus_stage = Stage.ARCHIVE
            self.redraw()
        if not self.show_archive:
            said = "Archive hidden"
        elif self.columns[Stage.ARCHIVE]:
            said = "Archive shown"
        else:
            said = "Archive shown: nothing archived yet"
        self.notify(f"{said} (A toggles).", timeout=2)

    def show_archive_column(self, show: bool) -> None:
        self.show_archive = show
        self.column(Stage.ARCHIVE).display = show
        refocus = not show and self.focus_stage is Stage.ARCHIVE
        if refocus:
            # Back to the column the archive was opened from, on a card if it has one.
            back = self._before_archive
            self.focus_stage = back if self.columns[back] else self._first_stage_with_cards()
        self.reload()
        if refocus:
            self.redraw(self.focus_stage)

    def _first_stage_with_cards(self) -> Stage:
        return next((s for s in Stage.board() if self.columns[s]), Stage.INTERVIEWED)

    # ------------------------------------------------------------ filter

    def action_filter(self) -> None:
        field = self.query_one("#board-filter", Input)
        field.add_class("-shown")
        field.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#board-filter", Input)
        if not field.has_class("-shown"):
            return
        field.value = ""  # the change clears the filter
        field.remove_class("-shown")
        self.set_focus(None)

    def _filter_changed(self, value: str) -> None:
        """Filter in the same frame as the key shows in the field: Input.Changed
        arrives a message later, after the field alone was painted once more."""
        self.query_text = value
        self.reload()

    @on(Input.Submitted, "#board-filter")
    def _filter_kept(self) -> None:
        """enter keeps the filter and gives the keys back to the board."""
        if not self.query_text.strip():
            self.action_clear_filter()
        else:
            self.set_focus(None)

    def _show_filter_status(self) -> None:
        status = self.query_one("#filter-status", Static)
        status.display = bool(self.query_text.strip())
        if status.display:
            count = sum(len(ids) for ids in self.columns.values())
            noun = "match" if count == 1 else "matches"
            status.update(Text(f"{count} {noun} for “{self.query_text.strip()}” · esc clears"))

    # ------------------------------------------------------------ changing

    def action_stage(self, step: int) -> None:
        prospect = self._selected_prospect()
        if prospect is None:
            return
        if not prospect.is_open:
            self.action_archive()  # reopening asks which stage
            return
        target = neighbour_stage(prospect.stage, step)
        if target is None:
            where = "first" if step < 0 else "last"
            self.notify(f"Already in the {where} stage.", timeout=2)
            return
        from jobfutures_tui.usecases import changes

        if target is not Stage.REJECTED_WARM or self.repo.read_only:
            self.jf.apply(changes.move(self.repo, prospect, target), note=False)
            return
        from jobfutures_tui.modals.lifecycle import after_a_no_form

        def answered(assessment: str | None) -> None:
            if assessment is not None:
                moved = changes.move(self.repo, prospect, target, self_assessment=assessment)
                self.jf.apply(moved, note=False)

        name = self.card(prospect.id).company
        self.app.push_screen(after_a_no_form(name, prospect.self_assessment), answered)

    def action_add(self) -> None:
        from jobfutures_tui.modals.prospect_form import prospect_form  # not needed for 1st frame

        self.app.push_screen(prospect_form("Add a job future"), self._saved_form(None))

    def action_edit(self) -> None:
        prospect = self._selected_prospect()
        if prospect is None:
            return
        if not prospect.is_open:  # the add form's stages are the board's
            self.notify("It is archived: x reopens it; its story (enter) edits it.", timeout=4)
            return
        from jobfutures_tui.modals.prospect_form import prospect_form
        from jobfutures_tui.usecases.intake import ProspectInput

        initial = ProspectInput.from_prospect(self.repo, prospect)
        self.app.push_screen(prospect_form("Edit job future", initial), self._saved_form(prospect))

    def _saved_form(self, prospect: Prospect | None) -> Callable[[ProspectInput | None], None]:
        from jobfutures_tui.usecases import changes

        def apply(data: ProspectInput | None) -> None:
            if data is not None:
                self.jf.apply(changes.add_or_edit(self.repo, data, prospect), note=False)

        return apply

    def action_open(self) -> None:
        prospect = self._selected_prospect()
        if prospect is not None:
            from jobfutures_tui.screens.detail import open_prospect  # not needed for 1st frame

            open_prospect(self.app, prospect.id)

    def action_archive(self) -> None:
        from jobfutures_tui.screens.actions import archive_or_reopen

        self._act_on_selected(archive_or_reopen)

    def action_delete(self) -> None:
        from jobfutures_tui.screens.actions import delete_prospect

        self._act_on_selected(delete_prospect)

    def action_log(self) -> None:
        from jobfutures_tui.screens.actions import log_touch

        self._act_on_selected(
            lambda app, pid: log_touch(app, pid, script_id=self.script_for_log(pid))
        )

    def action_snooze(self) -> None:
        from jobfutures_tui.screens.actions import snooze

        self._act_on_selected(snooze)

    def action_skip(self) -> None:
        from jobfutures_tui.screens.actions import skip_due

        self._act_on_selected(skip_due)

    def action_plan(self) -> None:
        from jobfutures_tui.screens.actions import choose_plan

        self._act_on_selected(choose_plan)

    def _act_on_selected(self, act: Callable[[App[Any], str], None]) -> None:
        prospect = self._selected_prospect()
        if prospect is not None:
            act(self.app, prospect.id)

    def _selected_prospect(self) -> Prospect | None:
        prospect_id = self.selected_id
        if prospect_id is None:
            self.notify("Nothing selected: add a job future with a.", timeout=3)
            return None
        return self.repo.prospect(prospect_id)

    @on(StageColumn.CardClicked)
    def _clicked(self, event: StageColumn.CardClicked) -> None:
        previous, self.focus_stage = self.focus_stage, event.stage
        self.cursors[event.stage] = event.index
        self.redraw(previous, event.stage)
        if event.double:
            self.action_open()
