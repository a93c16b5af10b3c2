"""Messages to the screen or dialog that waits for news: new data, and what a
worker found or wrote; and to the app, the writer thread's news (a save failed,
all saved again, a save merged with another device's change).

Workers post them (``post_message`` is safe from a thread and never waits), so
no worker calls a method of a screen; a dialog closed in the meantime simply
gets nothing. None bubbles: a screen that does not wait for one ignores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from jobfutures_tui.exchange.check import Report
    from jobfutures_tui.exchange.plan import ImportPlan
    from jobfutures_tui.exchange.restore import Snapshot
    from jobfutures_tui.store import SaveFailed
    from jobfutures_tui.usecases.changes import Change


class DataChanged(Message, bubble=False):
    """The data changed (a change, an undo, a redo): the screen on top redraws,
    selecting ``select`` when it shows it. Other screens redraw when they come back."""

    def __init__(self, select: str | None = None) -> None:
        super().__init__()
        self.select = select


# ------------------------------------------------------------ to a review dialog


class ReadProgress(Message, bubble=False):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ReadFailed(Message, bubble=False):
    """The file or the data could not be read: nothing can be said yes to."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class ImportPlanned(Message, bubble=False):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__()
        self.plan = plan


class RestoreChecked(Message, bubble=False):
    def __init__(self, snapshot: Snapshot, current: str) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.current = current
        """What the data holds now, in words."""


class DataChecked(Message, bubble=False):
    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report


class ReplaceRefused(Message, bubble=False):
    """A restore or a repair stopped before changing anything."""

    def __init__(self, done: str, problem: str) -> None:
        super().__init__()
        self.done = done
        self.problem = problem


# ------------------------------------------------------------ to the main screen


class FilesWritten(Message, bubble=False):
    def __init__(self, verb: str, where: Path, files: Sequence[Path]) -> None:
        super().__init__()
        self.verb = verb
        self.where = where
        self.files = files


class MarkdownWritten(Message, bubble=False):
    """A story as Markdown: written to ``path``, ``text`` for the clipboard."""

    def __init__(self, path: Path, text: str) -> None:
        super().__init__()
        self.path = path
        self.text = text


class WorkFailed(Message, bubble=False):
    def __init__(self, title: str, problem: str) -> None:
        super().__init__()
        self.title = title
        self.problem = problem


class ImportReady(Message, bubble=False):
    """The data is backed up: save what the import adds, as one undoable change."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


# ------------------------------------------------------------ to the app, from the writer


class SaveStatus(Message, bubble=False):
    """From the writer thread: a save failed (``error``) or all is saved again (None)."""

    def __init__(self, error: SaveFailed | None) -> None:
        super().__init__()
        self.error = error


class Merged(Message, bubble=False):
    """From the writer thread: a save merged with another device's change."""

    def __init__(self, notes: list[str]) -> None:
        super().__init__()
        self.notes = notes
