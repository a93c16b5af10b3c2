"""One form for every small record: a person, a company, a news item, a closing reason.

Each form is a list of fields and a function that turns the values into a
validated result (usually ``revise(record, **values)``). Pydantic's
messages land under the field they belong to, and nothing is returned until
every field is right, so nothing half-done is ever saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import ValidationError
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from jobfutures_tui.models import field_errors
from jobfutures_tui.models.enums import Choice
from jobfutures_tui.widgets.fields import LineInput, LinesArea

ResultT = TypeVar("ResultT")
Kind = Literal["line", "text", "choice", "flag"]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: Kind = "line"
    placeholder: str = ""
    choices: Sequence[tuple[str, Any]] = ()
    """For a choice: (label, value) pairs; a value of None is "not set"."""
    hint: str = ""
    """How to write it, shown under the field (a text field has no placeholder)."""
    suggestions: Sequence[str] = ()
    """For a line: completions offered as you type (the part after the last comma)."""


def choices_of(
    kind: type[Choice], *, unset: str | None = None, only: Sequence[Choice] | None = None
) -> list[tuple[str, Any]]:
    """A choice field's options from an enum (or ``only`` some members), optionally
    led by a "not set" option."""
    options: list[tuple[str, Any]] = [(unset, None)] if unset is not None else []
    return options + [(member.label, member) for member in (only or kind)]


class RecordForm(ModalScreen[ResultT | None], Generic[ResultT]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check and save the form"),
        Binding("escape", "cancel", "Cancel", id="form.cancel", tooltip="Close, saving nothing"),
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

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        initial: dict[str, Any],
        build: Callable[[dict[str, Any]], ResultT],
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = fields
        self.initial = initial
        self.build = build

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes="record-form"):
            yield Static(Text(self.form_title), id="form-title")
            yield from self.compose_head()
            with VerticalScroll(id="form-body", can_focus=False), Grid(id="form-grid"):
                for field in self.fields:
                    yield Label(field.label, classes="field-label", id=f"label-{field.name}")
                    with Vertical(classes="field", id=f"field-{field.name}"):
                        yield self._widget(field, self.initial.get(field.name))
                        yield Label("", id=f"error-{field.name}", classes="field-error")
                        if field.hint:
                            yield Static(Text(field.hint), classes="field-hint")
            yield from self.compose_foot()
            yield Static(Text(self.help_text), id="form-help")

    help_text = "ctrl+s save · enter next field · esc cancel"

    def compose_head(self) -> ComposeResult:
        """Widgets between the title and the fields (none here)."""
        yield from ()

    def compose_foot(self) -> ComposeResult:
        """Widgets between the fields and the help line (none here)."""
        yield from ()

    def _widget(self, field: Field, value: Any) -> Widget:
        if field.kind == "text":
            return LinesArea(str(value or ""), id=field.name, compact=True)
        if field.kind == "flag":
            return Checkbox(field.placeholder, bool(value), id=field.name, compact=True)
        if field.kind == "choice":
            # Select cannot hold None as a value: "not set" is its blank.
            options = [(label, choice) for label, choice in field.choices if choice is not None]
            blank = any(choice is None for _, choice in field.choices)
            return Select(
                options,
                value=value if value is not None else Select.NULL,
                allow_blank=blank,
                prompt=next((label for label, choice in field.choices if choice is None), "—"),
                id=field.name,
                compact=True,
            )
        text = "" if value is None else str(value)
        suggester = LastItemSuggester(field.suggestions) if field.suggestions else None
        return LineInput(
            text, placeholder=field.placeholder, id=field.name, compact=True, suggester=suggester
        )

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.name}")
            if isinstance(widget, TextArea):
                found[field.name] = widget.text
            elif isinstance(widget, Select):
                found[field.name] = None if widget.is_blank() else widget.value
            elif isinstance(widget, Checkbox | Input):
                found[field.name] = widget.value
        return found

    def action_next_field(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()  # enter opens a Select and breaks a line in a text
        inputs = list(self.query(Input))
        if self.focused is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        try:
            result = self.build(self.values())
        except ValidationError as error:
            self.show_errors(field_errors(error))
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def show_errors(self, errors: dict[str, str]) -> None:
        names = [field.name for field in self.fields]
        for name in names:
            label = self.query_one(f"#error-{name}", Label)
            message = errors.get(name, "")
            label.update(Text(message))
            label.set_class(bool(message), "-shown")
        unplaced = [f"{name}: {text}" for name, text in errors.items() if name not in names]
        if unplaced:
            self.notify("\n".join(unplaced), severity="error", markup=False)
        first = next((name for name in names if name in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()


class LastItemSuggester(Suggester):
    """Completes the item being typed in a comma-separated list, from known ones."""

    def __init__(self, items: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.items = list(items)

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        wanted = typed.casefold()
        for item in self.items:
            if item.casefold().startswith(wanted) and item != typed:
                return head + comma + last[: len(last) - len(typed)] + item
        return None
