"""Check the data from the app: the report ``jobfutures check`` prints, then ``y`` repairs.

The check and the repair are the shell's (``exchange.check``), run on the app's
workers; this only shows what they found, in the same words, and asks. Nothing
changes until the user says yes, and yes is only offered when every problem can
be repaired safely and the data is open for writing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding

from jobfutures_tui.engine.plural import counted
from jobfutures_tui.messages import DataChecked
from jobfutures_tui.modals.review import FileReview

if TYPE_CHECKING:
    from jobfutures_tui.exchange.check import Report


class CheckReport(FileReview):
    """Waits for a worker to check every file, record and link, then says what."""

    BINDINGS = [
        Binding(
            "y",
            "answer(True)",
            "Repair",
            id="check.repair",
            tooltip="Repair what the check found (after a backup of the data)",
        ),
    ]
    REFUSED = "The data could not be checked"

    def __init__(self, folder: Path, *, no_repair: str = "") -> None:
        """``no_repair``: why repairing is not possible here (read-only), said instead of y."""
        super().__init__(f"Checking every record and link in {folder}…")
        self.no_repair = no_repair

    @on(DataChecked)
    def _checked(self, message: DataChecked) -> None:
        self.show_report(message.report)

    def show_report(self, report: Report) -> None:
        lines = report.findings()
        if report.ok:
            title = f"Everything checks out: {report.records} records"
            self.ask(title, lines, "esc close", ready=False)
            return
        count = len(report.problems)
        title = f"The check found {counted(count, 'problem')}"
        advice, keys, ready = self._advice(report)
        self.ask(title, [*lines, "", *advice], keys, ready=ready)

    def _advice(self, report: Report) -> tuple[list[str], str, bool]:
        """What can be done about it from here: lines, keys, whether y repairs."""
        if not report.repairable:
            restore = (
                "Some problems cannot be repaired safely, so nothing is repaired: restore a "
                "backup (Restore a backup… in the palette lists them)."
            )
            return [restore], "esc close", False
        if self.no_repair:
            return [self.no_repair], "esc close", False
        advice = [
            "y repairs them now, as jobfutures check --repair does: your data is backed up first.",
            "u cannot undo a repair, and the undo history starts afresh: to go back, restore "
            "that backup.",
        ]
        return advice, "y repair now (after a backup) · n or esc cancel (nothing changes)", True
