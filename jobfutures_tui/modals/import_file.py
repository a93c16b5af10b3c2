"""Import from the app: which file, then the dry run with a progress bar, then yes or no.

The reading and the plan are the shell's (``exchange.actions.plan_import``);
this screen only shows them. Nothing is saved until the user says yes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.models.errors import invalid

if TYPE_CHECKING:
    from jobfutures_tui.exchange.plan import ImportPlan

KINDS = [
    ("LinkedIn Connections.csv", "linkedin"),
    ("address book (.vcf)", "vcard"),
    ("spreadsheet of people or job futures (.csv)", "csv"),
    ("jobfutures JSON export (merged in)", "json"),
]
FIELDS = (
    Field("kind", "What", "choice", choices=KINDS),
    Field("path", "File", placeholder="~/Downloads/Connections.csv"),
)


def _chosen(values: dict[str, Any]) -> tuple[str, Path]:
    text = str(values.get("path") or "").strip()
    if not text:
        raise invalid("path", "give the file's path", text)
    path = Path(text).expanduser()
    if not path.is_file():
        raise invalid("path", f"there is no file at {path}", text)
    return str(values["kind"]), path


def import_form() -> RecordForm[tuple[str, Path]]:
    return RecordForm("Import a file", FIELDS, {"kind": "linkedin", "path": ""}, _chosen)


class ImportReview(ModalScreen[bool]):
    """Reads the file (progress bar), shows what would change, and asks."""

    BINDINGS = [
        Binding("y", "answer(True)", "Import", id="import.yes", tooltip="Import what is new"),
        Binding("n,escape", "answer(False)", "Cancel", id="import.no", tooltip="Import nothing"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.ready = False
        self.plan: ImportPlan | None = None
        """Set by the app's worker once the file is read."""

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Static(Text(f"Reading {self.path}…"), id="import-title")
            yield ProgressBar(id="import-progress", show_eta=False)
            with VerticalScroll(id="import-summary"):
                yield Static(id="import-plan")
            yield Static(Text("esc cancel"), id="import-keys")

    def progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        lines, has_new = plan.summary(), bool(plan.new)
        self.ready = has_new
        self.query_one(ProgressBar).display = False
        self.query_one("#import-title", Static).update(Text("Dry run: nothing is saved yet"))
        self.query_one("#import-plan", Static).update(Text("\n".join(lines)))
        keys = "y import what is new (after a backup) · n cancel" if has_new else "esc close"
        self.query_one("#import-keys", Static).update(Text(keys))

    def show_problem(self, problem: str) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#import-title", Static).update(Text("Nothing was imported"))
        self.query_one("#import-plan", Static).update(Text(problem))

    def action_answer(self, answer: bool) -> None:
        if answer and not self.ready:
            return
        self.dismiss(answer)
