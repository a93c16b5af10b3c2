"""Reading a file on the app's worker, then showing what it would do, then yes or no.

The import, the restore and the check share it: a worker reports progress (or a
problem) here with messages (``ReadProgress``, ``ReadFailed``), then what saying
yes would change. Only ``y`` goes ahead, and
only once there is something to go ahead with; ``n`` and ``escape`` never change
anything.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Static

from jobfutures_tui.messages import ReadFailed, ReadProgress


class FileReview(ModalScreen[bool]):
    """Subclasses bind ``y`` to ``answer(True)`` with their own words."""

    BINDINGS = [
        Binding("n,escape", "answer(False)", "Cancel", id="review.no", tooltip="Change nothing"),
    ]
    REFUSED = "Nothing was changed"
    """The title over a problem the worker reported."""

    def __init__(self, reading: str) -> None:
        super().__init__()
        self.reading = reading
        self.ready = False

    def compose(self) -> ComposeResult:
        with Vertical(id="review"):
            yield Static(Text(self.reading), id="review-title")
            yield ProgressBar(id="review-progress", show_eta=False)
            with VerticalScroll(id="review-summary"):
                yield Static(id="review-body")
            yield Static(Text("esc cancel"), id="review-keys")

    @property
    def closed(self) -> bool:
        """Cancelled while the worker was still reading: what it reports goes nowhere."""
        return self not in self.app.screen_stack

    @on(ReadProgress)
    def _progress(self, message: ReadProgress) -> None:
        if not self.closed:
            self.query_one(ProgressBar).update(total=message.total or None, progress=message.done)

    @on(ReadFailed)
    def _failed(self, message: ReadFailed) -> None:
        self.show_problem(message.problem)

    def ask(self, title: str, lines: list[str], keys: str, *, ready: bool) -> None:
        """Show what would happen; ``ready``: whether ``y`` may go ahead."""
        if self.closed:
            return
        self.ready = ready
        self.query_one(ProgressBar).display = False
        self.query_one("#review-title", Static).update(Text(title))
        self.query_one("#review-body", Static).update(indented(lines))
        self.query_one("#review-keys", Static).update(Text(keys))

    def show_problem(self, problem: str) -> None:
        self.ask(self.REFUSED, [problem], "esc close", ready=False)

    def action_answer(self, answer: bool) -> None:
        if answer and not self.ready:
            return
        self.dismiss(answer)


def indented(lines: list[str]) -> Group:
    """The lines as text; an indented line keeps its indent on every line it wraps to
    (a left-out value under its heading stays under it at 80 columns)."""
    shown: list[Text | Padding] = []
    for line in "\n".join(lines).split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        text = Text(line[indent:])
        shown.append(Padding(text, (0, 0, 0, indent)) if indent else text)
    return Group(*shown)
