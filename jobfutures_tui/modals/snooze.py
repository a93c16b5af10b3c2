"""Snooze a due touch: one key for the usual delays, or type a date."""

from __future__ import annotations

import pendulum
from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from jobfutures_tui.models.dates import to_date
from jobfutures_tui.widgets.fields import LineInput

DELAYS = {"three_days": 3, "week": 7, "two_weeks": 14}


class SnoozeForm(ModalScreen[pendulum.Date | None]):
    AUTO_FOCUS = ""  # nothing focused: the one-key delays work at once; tab to type a date
    BINDINGS = [
        Binding(
            "3",
            "delay('three_days')",
            "+3 days",
            id="snooze.three_days",
            tooltip="Snooze for three days",
        ),
        Binding("w", "delay('week')", "+1 week", id="snooze.week", tooltip="Snooze for a week"),
        Binding(
            "2",
            "delay('two_weeks')",
            "+2 weeks",
            id="snooze.two_weeks",
            tooltip="Snooze for two weeks",
        ),
        Binding("escape", "cancel", "Cancel", id="snooze.cancel", tooltip="Close, saving nothing"),
    ]

    def __init__(self, subject: str, today: pendulum.Date) -> None:
        super().__init__()
        self.subject = subject
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="snooze"):
            yield Static(Text(f"Snooze: {self.subject}"), id="snooze-title")
            yield Static(Text("3  three days   w  a week   2  two weeks"), id="snooze-keys")
            yield Label("or until a date (YYYY-MM-DD), then enter:")
            yield LineInput(placeholder=self.today.add(days=10).isoformat(), id="snooze-date")
            yield Label("", id="error-snooze-date", classes="field-error")
            yield Static(Text("esc cancel"), id="snooze-help")

    def action_delay(self, name: str) -> None:
        self.dismiss(self.today.add(days=DELAYS[name]))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#error-snooze-date", Label)
        try:
            until = to_date(event.value)
        except (ValueError, ValidationError) as problem:
            message = str(problem)
        else:
            if until > self.today:
                self.dismiss(until)
                return
            message = "pick a date after today"
        error.update(Text(message))
        error.add_class("-shown")
