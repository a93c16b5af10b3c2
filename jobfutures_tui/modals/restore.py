"""Restore from the app: which backup (or file), then what it holds, then yes or no.

The list is the one ``jobfutures backups`` prints; the check and the restore are
the shell's too (``exchange.actions``). Nothing changes until the user says yes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jobfutures_tui.exchange.backup import backup_line, taken_label
from jobfutures_tui.messages import RestoreChecked
from jobfutures_tui.modals.import_file import file_at
from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.modals.review import FileReview
from jobfutures_tui.store.backups import Backup

if TYPE_CHECKING:
    from jobfutures_tui.exchange.restore import Snapshot

OTHER = "other"


class RestoreSource(NamedTuple):
    path: Path
    label: str
    """What it is, for "Replace all your data with …": "the backup from Mon 23 Nov…"."""
    json_export: bool = False
    """Only a JSON export will do (the import's replace), as the shell's ``import json``."""


def restore_file_form() -> RecordForm[RestoreSource]:
    def chosen(values: dict[str, Any]) -> RestoreSource:
        path = file_at(values)
        return RestoreSource(path, f"the data in {path}")

    fields = (Field("path", "File", placeholder="~/jobfutures_2026-11-23_150000.zip"),)
    return RecordForm("Restore from a backup or a JSON export", fields, {"path": ""}, chosen)


class RestorePicker(ModalScreen[RestoreSource | None]):
    """The automatic backups, newest first, and a way to name another file."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="restore.cancel", tooltip="Restore nothing"),
    ]

    def __init__(self, backups: list[Backup], folder: Path) -> None:
        super().__init__()
        self.backups = backups
        self.folder = folder

    def compose(self) -> ComposeResult:
        where = (
            f"Automatic backups in {self.folder}, newest first:"
            if self.backups
            else f"No automatic backups in {self.folder} yet."
        )
        options = [Option(Text(backup_line(b)), id=str(i)) for i, b in enumerate(self.backups)]
        options.append(Option(Text("Another file: a backup (.zip) or a JSON export…"), id=OTHER))
        with Vertical(id="restore"):
            yield Static(Text("Restore a backup"), id="restore-title")
            yield Static(Text(where), id="restore-where")
            yield OptionList(*options, id="restore-list")
            yield Static(Text("enter choose · esc cancel"), id="restore-keys")

    @on(OptionList.OptionSelected, "#restore-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == OTHER:
            self.app.push_screen(restore_file_form(), self._typed)
            return
        backup = self.backups[int(event.option_id or 0)]
        self.dismiss(RestoreSource(backup.path, f"the backup from {taken_label(backup)}"))

    def _typed(self, source: RestoreSource | None) -> None:
        if source is not None:
            self.dismiss(source)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RestoreReview(FileReview):
    """Waits for a worker to check the whole file, says what it holds, and asks."""

    BINDINGS = [
        Binding(
            "y",
            "answer(True)",
            "Replace",
            id="restore.yes",
            tooltip="Replace all your data (after a backup of it)",
        ),
    ]
    REFUSED = "Nothing was restored: your data is as it was"

    def __init__(self, source: RestoreSource) -> None:
        super().__init__(f"Checking {source.path}…")
        self.source = source
        self.snapshot: Snapshot | None = None
        """Set once the worker has checked the whole file (:class:`RestoreChecked`)."""

    @on(RestoreChecked)
    def _checked(self, message: RestoreChecked) -> None:
        self.show_snapshot(message.snapshot, message.current)

    def show_snapshot(self, snapshot: Snapshot, current: str) -> None:
        self.snapshot = snapshot
        label = self.source.label
        lines = [
            f"It holds {snapshot.summary()}.",
            f"Your data now: {current}.",
            "",
            f"This replaces all your data with {label}. Your current data is backed up first.",
            "u cannot undo a restore: to go back, restore that backup.",
        ]
        keys = "y replace all your data · n or esc cancel (nothing changes)"
        self.ask(f"Replace all your data with {label}?", lines, keys, ready=True)
