"""The app's text fields: Textual's, with pasted text cleaned as the field will
store it (models/clean.py), so what is seen in the field is what is saved.

Textual's Input keeps only the first line of a paste; a terminal hands over a
paste as it is, escape codes and all.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from jobfutures_tui.models.clean import pasted


class LineInput(Input):
    """One line: a multi-line paste comes in as one line, its lines joined by a space."""

    def on_paste(self, event: events.Paste) -> None:
        # Input's own handler runs next (Textual calls each class's in turn) and inserts it.
        event.text = pasted(event.text, multi_line=False)


class LinesArea(TextArea):
    """Several lines: a paste keeps its lines and tabs, every line ending made ``\\n``."""

    def on_paste(self, event: events.Paste) -> None:
        event.text = pasted(event.text, multi_line=True)
