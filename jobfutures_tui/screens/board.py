"""The board: every open job future in its stage column, driven from the keyboard."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from jobfutures_tui.models import Prospect, Record, Stage
from jobfutures_tui.rules.board import (
    Card,
    board_order,
    card_for,
    move_to_stage,
    neighbour_stage,
)
from jobfutures_tui.rules.intake import ProspectInput, apply_input
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.widgets.stage_column import StageColumn

EMPTY_HINT = "No job futures yet. Press a to add the first one: who interviewed you, and where."


class BoardScreen(Screen[None]):
    TITLE = "Board"
    BINDINGS = [
        Binding(
            "left,h",
            "column(-1)",
            "Left",
            id="board.left",
            show=False,
            tooltip="Select the column on the left",
        ),
        Binding(
            "right,l",
            "column(1)",
            "Right",
            id="board.right",
            show=False,
            tooltip="Select the column on the right",
        ),
        Binding(
            "up,k", "card(-1)", "Up", id="board.up", show=False, tooltip="Select the card above"
        ),
        Binding(
            "down,j",
            "card(1)",
            "Down",
            id="board.down",
            show=False,
            tooltip="Select the card below",
        ),
        Binding(
            "home,g",
            "card_edge(-1)",
            "First",
            id="board.first",
            show=False,
            tooltip="Select the first card of the column",
        ),
        Binding(
            "end,G",
            "card_edge(1)",
            "Last",
            id="board.last",
            show=False,
            tooltip="Select the last card of the column",
        ),
        Binding(
            "pageup",
            "card(-5)",
            "Page up",
            id="board.page_up",
            show=False,
            tooltip="Move the selection up five cards",
        ),
        Binding(
            "pagedown",
            "card(5)",
            "Page down",
            id="board.page_down",
            show=False,
            tooltip="Move the selection down five cards",
        ),
        Binding("a", "add", "Add", id="board.add", tooltip="Add a job future"),
        Binding("e", "edit", "Edit", id="board.edit", tooltip="Edit the selected job future"),
        Binding(
            "z",
            "snooze",
            "Snooze",
            id="board.snooze",
            show=False,
            tooltip="Snooze the selected job future's next touch",
        ),
        Binding(
            "less_than_sign,H",
            "stage(-1)",
            "Stage",
            key_display="<",
            id="board.stage_back",
            tooltip="Move the selected job future to the previous stage",
        ),
        Binding(
            "greater_than_sign,L",
            "stage(1)",
            "Stage",
            key_display=">",
            id="board.stage_forward",
            tooltip="Move the selected job future to the next stage",
        ),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self.columns: dict[Stage, list[str]] = {stage: [] for stage in Stage.board()}
        """Prospect ids per column, in display order."""
        self._cards: dict[str, Card] = {}
        """Cards built so far: only those drawn or asked for."""
        self.cursors: dict[Stage, int] = {stage: 0 for stage in Stage.board()}
        self.focus_stage = Stage.INTERVIEWED

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="board"):
            for stage in Stage.board():
                yield StageColumn(stage, id=f"column-{stage.value}")
        yield Static(Text(EMPTY_HINT), id="empty-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    # ------------------------------------------------------------ state

    @property
    def selected(self) -> Card | None:
        ids = self.columns[self.focus_stage]
        return self.card(ids[self.cursors[self.focus_stage]]) if ids else None

    def card(self, prospect_id: str) -> Card:
        """The card of a job future, built (and its records validated) on first use."""
        card = self._cards.get(prospect_id)
        if card is None:
            try:
                prospect = self.repo.prospect(prospect_id)
                card = card_for(self.repo, prospect) if prospect else _gone(prospect_id)
            except DataRefused as error:
                self._refuse(error)
                card = _gone(prospect_id)
            self._cards[prospect_id] = card
        return card

    def reload(self, select: str | None = None) -> None:
        """Reorder the board from the store, keeping (or moving to) a selection."""
        keep = select or self.selected_id
        self._cards.clear()
        try:
            self.columns = board_order(self.repo)
        except DataRefused as error:
            self._refuse(error)
            return
        if keep is not None:
            self.select_prospect(keep, redraw=False)
        self.redraw()

    @property
    def selected_id(self) -> str | None:
        ids = self.columns[self.focus_stage]
        return ids[self.cursors[self.focus_stage]] if ids else None

    def select_prospect(self, prospect_id: str, *, redraw: bool = True) -> bool:
        for stage, ids in self.columns.items():
            if prospect_id in ids:
                self.focus_stage = stage
                self.cursors[stage] = ids.index(prospect_id)
                if redraw:
                    self.redraw()
                return True
        return False

    def redraw(self, *stages: Stage) -> None:
        for stage in stages or Stage.board():
            ids = self.columns[stage]
            self.cursors[stage] = max(0, min(self.cursors[stage], len(ids) - 1))
            column = self.column(stage)
            column.show(ids, self.cursors[stage], stage is self.focus_stage, self.card)
        empty = not any(self.columns.values())
        self.query_one("#empty-hint").display = empty

    def column(self, stage: Stage) -> StageColumn:
        return self.query_one(f"#column-{stage.value}", StageColumn)

    # ------------------------------------------------------------ actions

    def action_column(self, step: int) -> None:
        order = Stage.board()
        index = max(0, min(len(order) - 1, order.index(self.focus_stage) + step))
        previous, self.focus_stage = self.focus_stage, order[index]
        self.redraw(previous, self.focus_stage)

    def action_card(self, step: int) -> None:
        self.cursors[self.focus_stage] += step
        self.redraw(self.focus_stage)

    def action_card_edge(self, direction: int) -> None:
        self.cursors[self.focus_stage] = 0 if direction < 0 else len(self.columns[self.focus_stage])
        self.redraw(self.focus_stage)

    def action_stage(self, step: int) -> None:
        prospect = self._selected_prospect()
        if prospect is None:
            return
        target = neighbour_stage(prospect.stage, step)
        if target is None:
            where = "first" if step < 0 else "last"
            self.notify(f"Already in the {where} stage.", timeout=2)
            return
        if self._save(move_to_stage(prospect, target)):
            self.reload(select=prospect.id)

    def action_add(self) -> None:
        from jobfutures_tui.modals.prospect_form import ProspectForm  # not needed for 1st frame

        self.app.push_screen(ProspectForm("Add a job future"), self._saved_form(None))

    def action_edit(self) -> None:
        prospect = self._selected_prospect()
        if prospect is None:
            return
        from jobfutures_tui.modals.prospect_form import ProspectForm

        initial = ProspectInput.from_prospect(self.repo, prospect)
        self.app.push_screen(ProspectForm("Edit job future", initial), self._saved_form(prospect))

    def _saved_form(self, prospect: Prospect | None) -> Callable[[ProspectInput | None], None]:
        def apply(data: ProspectInput | None) -> None:
            if data is None:
                return
            result, records = apply_input(self.repo, data, prospect)
            if self._save(*records):
                self.reload(select=result.id)

        return apply

    def _selected_prospect(self) -> Prospect | None:
        prospect_id = self.selected_id
        if prospect_id is None:
            self.notify("Nothing selected: add a job future with a.", timeout=3)
            return None
        return self.repo.prospect(prospect_id)

    def _save(self, *records: Record) -> bool:
        return self.app.save(*records)  # type: ignore[attr-defined]

    def action_snooze(self) -> None:
        prospect = self._selected_prospect()
        if prospect is not None:
            self.app.snooze(prospect.id, then=self.reload)  # type: ignore[attr-defined]

    def _refuse(self, error: DataRefused) -> None:
        """Damaged data found while drawing or saving: the app stops before writing."""
        self.app.refuse(error)  # type: ignore[attr-defined]  # JobFuturesApp.refuse

    @on(StageColumn.CardClicked)
    def _clicked(self, event: StageColumn.CardClicked) -> None:
        previous, self.focus_stage = self.focus_stage, event.stage
        self.cursors[event.stage] = event.index
        self.redraw(previous, event.stage)
        if event.double:
            self.action_edit()


def _gone(prospect_id: str) -> Card:
    """A stand-in while the app stops over damaged data."""
    return Card(prospect_id, Stage.INTERVIEWED, "(unreadable)", "", None, False, "", None, "")
