"""The app's field of several lines: Textual's TextArea, with pasted text cleaned as
the field will store it (models/clean.py; the one-line field is in ``fields.py``)."""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea

from jobfutures_tui.models.clean import pasted


class LinesArea(TextArea):
    """Several lines: a paste keeps its lines and tabs, every line ending made ``\\n``."""

    def on_paste(self, event: events.Paste) -> None:
        event.text = pasted(event.text, multi_line=True)
