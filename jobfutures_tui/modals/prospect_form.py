"""Add or edit a job future. Returns validated input, or None when cancelled.

Validation is the same :class:`ProspectInput` the command line uses; its
messages are shown under the fields they belong to and nothing is returned
until every field is valid, so nothing half-done is ever saved.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea

from jobfutures_tui.models import PersonRole, Stage, field_errors
from jobfutures_tui.rules.intake import ProspectInput

FIELDS = ("company", "person", "person_role", "role", "stage", "began_on", "notes")


class ProspectForm(ModalScreen[ProspectInput | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check and save the form"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close, saving nothing"),
        # A priority binding moves the focus before the next key is dispatched,
        # so fast typing or a paste after enter lands in the next field.
        Binding(
            "enter",
            "next_field",
            "Next field",
            id="form.next",
            show=False,
            priority=True,
            tooltip="Go to the next field (save on the last one)",
        ),
    ]

    def __init__(self, title: str, initial: ProspectInput | None = None) -> None:
        super().__init__()
        self.form_title = title
        self.initial = initial

    def compose(self) -> ComposeResult:
        start = self.initial
        with Vertical(id="form"):
            yield Static(Text(self.form_title), id="form-title")
            with Grid(id="form-grid"):
                yield from self._row(
                    "Company",
                    Input(
                        start.company if start else "",
                        placeholder="e.g. Northwind Logistics",
                        id="company",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Person",
                    Input(
                        start.person if start else "",
                        placeholder="who interviewed you",
                        id="person",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Their role",
                    Select(
                        [(role.label, role) for role in PersonRole],
                        value=start.person_role if start else PersonRole.HIRING_MANAGER,
                        allow_blank=False,
                        id="person_role",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Role discussed",
                    Input(
                        start.role if start else "",
                        placeholder="e.g. Staff Data Engineer",
                        id="role",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Stage",
                    Select(
                        [(stage.label, stage) for stage in Stage.board()],
                        value=start.stage if start else Stage.INTERVIEWED,
                        allow_blank=False,
                        id="stage",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Interview date",
                    Input(
                        start.began_on.isoformat() if start and start.began_on else "",
                        placeholder="YYYY-MM-DD",
                        id="began_on",
                        compact=True,
                    ),
                )
                yield from self._row(
                    "Notes",
                    TextArea(
                        start.notes if start else "",
                        id="notes",
                        compact=True,
                    ),
                )
            yield Static(Text("ctrl+s save · enter next field · esc cancel"), id="form-help")

    def _row(self, label: str, field: Any) -> ComposeResult:
        yield Label(label, classes="field-label")
        with Vertical(classes="field"):
            yield field
            yield Label("", id=f"error-{field.id}", classes="field-error")

    def values(self) -> dict[str, Any]:
        return {
            "company": self.query_one("#company", Input).value,
            "person": self.query_one("#person", Input).value,
            "person_role": self.query_one("#person_role", Select).value,
            "role": self.query_one("#role", Input).value,
            "stage": self.query_one("#stage", Select).value,
            "began_on": self.query_one("#began_on", Input).value,
            "notes": self.query_one("#notes", TextArea).text,
        }

    def action_next_field(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()  # enter opens a Select and breaks a line in the notes
        inputs = list(self.query(Input))
        if self.focused is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        try:
            result = ProspectInput.model_validate(self.values())
        except ValidationError as error:
            self.show_errors(field_errors(error))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_errors(self, errors: dict[str, str]) -> None:
        first: str | None = None
        for name in FIELDS:
            label = self.query_one(f"#error-{name}", Label)
            message = errors.get(name, "")
            label.update(Text(message))
            label.set_class(bool(message), "-shown")
            if message and first is None:
                first = name
        if first is not None:
            self.query_one(f"#{first}").focus()
