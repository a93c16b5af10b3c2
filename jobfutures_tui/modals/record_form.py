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
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static, TextArea

from jobfutures_tui import keymap
from jobfutures_tui.models import field_errors
from jobfutures_tui.models.enums import Choice
from jobfutures_tui.widgets.fields import LineInput
from jobfutures_tui.widgets.lines_area import LinesArea

ResultT = TypeVar("ResultT")
Kind = Literal["line", "text", "choice", "list", "flag"]
"""A line of text, several lines, a choice in a drop-down list, a choice among a few
shown at once (a list: no drop-down to spill over the form), a yes/no."""


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
    replace: bool = False
    """For a line: focusing it selects its text, so typing replaces it (a "now" to
    overwrite); otherwise the cursor goes to the end, to add to what is there."""


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
        # Priority, so focus moves before the next key is handed on: keys typed right
        # after tab land in the field they were typed for.
        Binding(
            "tab",
            "app.focus_next",
            "Next field",
            id="form.tab",
            show=False,
            priority=True,
            tooltip="Go to the next field",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            id="form.shift_tab",
            show=False,
            priority=True,
            tooltip="Go back to the previous field",
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

    first_field: str | None = None
    """The field focused first (None: the first one)."""
    form_class: str = ""
    """A class on the form, for a look of its own in forms.tcss ("-script")."""

    def compose(self) -> ComposeResult:
        with Vertical(id="form", classes=f"record-form {self.form_class}".strip()):
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
            yield Static(Text(keymap.hints(self.app, *self.help_keys)), id="form-help")

    help_keys: tuple[tuple[str, str], ...] = (
        ("form.save", "ctrl+s save"),
        ("form.next", "enter next field"),
        ("form.cancel", "esc cancel"),
    )
    """The key line: (binding id, its hint as shipped), each with the key in force."""

    def compose_head(self) -> ComposeResult:
        """Widgets between the title and the fields (none here)."""
        yield from ()

    def compose_foot(self) -> ComposeResult:
        """Widgets between the fields and the help line (none here)."""
        yield from ()

    def on_mount(self) -> None:
        if self.first_field is not None:
            self.query_one(f"#{self.first_field}").focus()

    def _widget(self, field: Field, value: Any) -> Widget:
        if field.kind == "list":
            labels = [label for label, _ in field.choices]
            chosen = [index for index, (_, choice) in enumerate(field.choices) if choice == value]
            listing = OptionList(*labels, id=field.name, classes="field-list", compact=True)
            listing.highlighted = chosen[0] if chosen else 0
            return listing
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
            text,
            placeholder=field.placeholder,
            id=field.name,
            compact=True,
            suggester=suggester,
            select_on_focus=field.replace,
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
            elif isinstance(widget, OptionList):
                index = widget.highlighted
                found[field.name] = field.choices[index][1] if index is not None else None
        return found

    def action_next_field(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and isinstance(focused.parent, Select):
            self._choose(focused.parent, focused.highlighted)
            return
        if not isinstance(focused, Input | OptionList):
            raise SkipAction()  # enter opens a Select and breaks a line in a text
        inputs = list(self.query(Input))
        if focused is inputs[-1]:
            self.action_save()
        else:
            self.focus_next()

    def _choose(self, select: Select[Any], index: int | None) -> None:
        """enter in a drop-down's open list: that option, and on to the next field at
        once, so keys typed right after land there, not in the list (which drops them).

        The list holds the field's choices in order, after a blank when it has one."""
        field = next((field for field in self.fields if field.name == select.id), None)
        if field is None:
            raise SkipAction()  # not one of the form's fields: the list chooses itself
        values: list[Any] = [Select.NULL] if any(c is None for _, c in field.choices) else []
        values += [choice for _, choice in field.choices if choice is not None]
        if index is not None and index < len(values):
            select.value = values[index]
        select.expanded = False
        fields = [self.query_one(f"#{field.name}") for field in self.fields]
        shown = [widget for widget in fields if widget.focusable or widget is select]
        after = shown[shown.index(select) + 1 :] if select in shown else []
        self.set_focus(after[0] if after else select)

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
