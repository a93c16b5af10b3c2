"""The app's text fields: Textual's, with pasted text cleaned as the field will
store it (models/clean.py), so what is seen in the field is what is saved.

Textual's Input keeps only the first line of a paste; a terminal hands over a
paste as it is, escape codes and all. The field of several lines is in
``lines_area.py``: Textual's TextArea takes ~6 ms to import, and the board's
filter, at start, needs only this one (docs/architecture.md, "Why the speed tricks
exist").
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from jobfutures_tui.models.clean import pasted


class LineInput(Input):
    """One line: a multi-line paste comes in as one line, its lines joined by a space."""

    def on_paste(self, event: events.Paste) -> None:
        # Input's own handler runs next (Textual calls each class's in turn) and inserts it.
        event.text = pasted(event.text, multi_line=False)
