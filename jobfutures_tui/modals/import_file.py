"""Import from the app: which file, then the dry run with a progress bar, then yes or no.

The reading and the plan are the shell's (``exchange.actions.plan_import``);
this screen only shows them. Nothing is saved until the user says yes. A JSON
export that replaces all the data is a restore: the app asks as for a backup
(``modals.restore``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pendulum
from textual import on
from textual.binding import Binding

from jobfutures_tui.messages import ImportPlanned
from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.modals.review import FileReview
from jobfutures_tui.models.errors import invalid

if TYPE_CHECKING:
    from jobfutures_tui.exchange.plan import ImportPlan

MAIL = "mail"
"""Mail on disk: a file or a folder, read as touches (docs/mail.md)."""
REPLACE = "json-replace"
"""Not an import but a restore from an export: the app asks as it does for a backup."""
KINDS = [
    ("LinkedIn Connections.csv", "linkedin"),
    ("address book (.vcf)", "vcard"),
    ("spreadsheet of people or job futures (.csv)", "csv"),
    ("your mail: an mbox file, a Maildir or a folder (each message a touch)", MAIL),
    ("jobfutures JSON export: add what is new", "json"),
    ("jobfutures JSON export: replace all your data", REPLACE),
]
FIELDS = (
    Field("kind", "What", "list", choices=KINDS),
    Field("path", "File", placeholder="~/Downloads/Connections.csv"),
    Field(
        "since",
        "Since",
        placeholder="mail only: 2026-01-01 or 3 months ago; empty: all",
    ),
)


@dataclass(frozen=True)
class ImportChoice:
    """What the form chose: the kind of file, where, and (mail only) from which day."""

    kind: str
    path: Path
    since: pendulum.Date | None = None


def file_at(values: dict[str, Any]) -> Path:
    """The form's ``path`` field, which must name a file."""
    text = str(values.get("path") or "").strip()
    if not text:
        raise invalid("path", "give the file's path", text)
    path = Path(text).expanduser()
    if not path.is_file():
        raise invalid("path", f"there is no file at {path}", text)
    return path


def _chosen(values: dict[str, Any]) -> ImportChoice:
    kind = str(values["kind"])
    if kind != MAIL:
        since_text = str(values.get("since") or "").strip()
        if since_text:  # said rather than ignored: the user meant something by it
            raise invalid("since", "only mail is read from a day on: leave it empty", since_text)
        return ImportChoice(kind, file_at(values))
    text = str(values.get("path") or "").strip()
    if not text:
        raise invalid("path", "give the path of the mbox file, the Maildir or the folder", text)
    path = Path(text).expanduser()
    if not path.exists():
        raise invalid("path", f"there is nothing at {path}", text)
    since_text = str(values.get("since") or "").strip()
    since = None
    if since_text:
        from jobfutures_tui.usecases.touch_log import parse_day

        try:
            since = parse_day(since_text)
        except ValueError as error:
            raise invalid("since", str(error), since_text) from None
    return ImportChoice(kind, path, since)


def import_form() -> RecordForm[ImportChoice]:
    initial = {"kind": "linkedin", "path": "", "since": ""}
    form = RecordForm("Import a file", FIELDS, initial, _chosen)
    form.help_keys = (
        ("", "↑↓ what"),
        ("form.save", "ctrl+s read it (a dry run, saves nothing)"),
        ("form.cancel", "esc cancel"),
    )
    return form


class ImportReview(FileReview):
    """Reads the file (progress bar), shows what would change, and asks."""

    BINDINGS = [
        Binding("y", "answer(True)", "Import", id="import.yes", tooltip="Import what is new"),
    ]
    REFUSED = "Nothing was imported"

    def __init__(self, path: Path) -> None:
        super().__init__(f"Reading {path}…")
        self.path = path
        self.plan: ImportPlan | None = None
        """Set once the worker has read the file (:class:`ImportPlanned`)."""

    @on(ImportPlanned)
    def _planned(self, message: ImportPlanned) -> None:
        self.show_plan(message.plan)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        has_new = bool(plan.to_save())
        keys = "y import what is new (after a backup) · n cancel" if has_new else "esc close"
        self.ask("Dry run: nothing is saved yet", plan.summary(), keys, ready=has_new)
