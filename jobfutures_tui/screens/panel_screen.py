"""Main screens with the script panel (board, today, a story): its keys, and
showing it only when the window has room for it."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding

from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.widgets.script_panel import ScriptPanel

if TYPE_CHECKING:
    from jobfutures_tui.usecases.open_touch import ReadyTouch

PANEL_MIN_WIDTH = 140
"""Narrower windows hide the panel until S shows it: the columns need the room."""


PANEL_BINDINGS = [
    Binding(
        "right_square_bracket",
        "script(1)",
        "Next script",
        key_display="]",
        show=False,
        id="panel.next",
        tooltip="Show the next script that fits this touch",
    ),
    Binding(
        "left_square_bracket",
        "script(-1)",
        "Previous script",
        key_display="[",
        show=False,
        id="panel.previous",
        tooltip="Show the previous script that fits this touch",
    ),
    Binding(
        "y",
        "copy_script",
        "Copy script",
        show=False,
        id="panel.copy",
        tooltip="Copy the script shown, filled in, to the clipboard",
    ),
    Binding(
        "O",
        "log_opened",
        "Log it",
        show=False,
        id="panel.log_opened",
        tooltip="Log the touch o opened as sent, with its script (a call: say how it went)",
    ),
    Binding(
        "Y",
        "copy_detail",
        "Copy detail",
        show=False,
        id="panel.copy_detail",
        tooltip="Copy the next touch's contact detail: the address, the number, the profile",
    ),
    Binding(
        "S",
        "toggle_panel",
        "Script panel",
        show=False,
        id="panel.toggle",
        tooltip="Show or hide the next-touch panel with its script",
    ),
]
"""The panel's keys: each screen lists them after its own, so help shows them last."""


def open_binding(screen: str) -> Binding:
    """``o``, which each screen lists beside its ``c`` (log), so the footer shows it early."""
    return Binding(
        "o",
        "open_touch",
        "Open touch",
        id=f"{screen}.open_touch",
        tooltip="Open the next touch: a mail draft with the script, a call, a text, a LinkedIn "
        "profile (then O logs it)",
    )


class PanelScreen(AppScreen):
    """A screen that mounts a :class:`ScriptPanel`, tells it the selection
    (``self.panel.follow(prospect_id)``) and binds :data:`PANEL_BINDINGS`."""

    _copied: tuple[str, str] | None = None
    """(job future, script) last copied with y, for when the panel is hidden."""

    @property
    def panel(self) -> ScriptPanel:
        return self.query_one(ScriptPanel)

    def script_for_log(self, prospect_id: str) -> str | None:
        """The script the user read for this job future (shown, or copied while the
        panel was hidden): the log form preselects it, and rotation learns from it."""
        panel = self.panel
        if panel.shown_prospect_id != prospect_id:
            return None
        if panel.display:
            return panel.shown_script_id
        copied = self._copied
        return copied[1] if copied is not None and copied[0] == prospect_id else None

    def settings_changed(self) -> None:
        super().settings_changed()
        for panel in self.query(ScriptPanel):  # none yet if the screen was never shown
            panel.forget()

    def touch_target(self) -> tuple[str, str | None] | None:
        """The job future o and Y act on, and with whom (None: the one its next touch
        is suggested with); None when nothing is selected."""
        prospect_id = self.panel.prospect_id
        return (prospect_id, None) if prospect_id is not None else None

    def _ready_touch(self) -> ReadyTouch | None:
        from jobfutures_tui.touch_opening import ready

        target = self.touch_target()
        if target is None:
            self.notify("Nothing selected: select a job future first.", timeout=3)
            return None
        prospect_id, person_id = target
        suggestion = self.panel.suggestion if person_id is not None else None
        same = person_id is None or (suggestion is not None and suggestion.person_id == person_id)
        script = self.script_for_log(prospect_id) if same else None
        return ready(self.app, prospect_id, person_id=person_id, script_id=script)

    def action_open_touch(self) -> None:
        from jobfutures_tui.touch_opening import open_touch

        touch = self._ready_touch()
        if touch is not None:
            open_touch(self.app, touch)

    def action_log_opened(self) -> None:
        from jobfutures_tui.screens.actions import log_touch
        from jobfutures_tui.touch_opening import log_opened

        call = log_opened(self.app)
        if call is not None:  # how it went: the log form asks
            person = call.person.id if call.person is not None else None
            log_touch(
                self.app,
                call.prospect_id,
                person_id=person,
                script_id=call.script_id,
                channel=call.channel,
            )

    def action_copy_detail(self) -> None:
        from jobfutures_tui.touch_opening import clipboard_note, copy_detail

        touch = self._ready_touch()
        if touch is not None:
            copy_detail(self.app, touch, clipboard_note(os.environ))

    def on_resize(self, event: events.Resize) -> None:
        self.place_panel()

    def on_screen_resume(self) -> None:
        # Textual also runs AppScreen's handler (it calls each class's in turn).
        self.place_panel()  # the choice may have changed on another screen

    def place_panel(self) -> None:
        """Shown when the window is wide enough, unless the user chose (S)."""
        choice = self.jf.script_panel_shown
        shown = self.app.size.width >= PANEL_MIN_WIDTH if choice is None else choice
        self.panel.display = shown

    def action_toggle_panel(self) -> None:
        self.jf.script_panel_shown = not self.panel.display
        self.place_panel()

    def action_script(self, step: int) -> None:
        if not self.panel.display:
            self.notify("The script panel is hidden: S shows it.", timeout=3)
            return
        self.panel.cycle(step)

    def action_copy_script(self) -> None:
        """Works with the panel hidden too: a narrow window still gets the words."""
        panel = self.panel
        rendered = panel.rendered()
        script = panel.shown_script
        if rendered is None or script is None:
            if panel.prospect_id is None:
                why = "Nothing to copy: select a job future first."
            elif panel.reading:
                panel.when_read = self.action_copy_script
                why = "Reading past touches: the script is copied in a moment."
            elif panel.suggestion is None:
                why = "Nothing to copy: no touch is planned here."
            else:
                why = "Nothing to copy: no script fits this touch (4 shows the scripts)."
            self.notify(why, timeout=3)
            return
        from jobfutures_tui.touch_opening import clipboard_note

        self.app.copy_to_clipboard(rendered.text)
        if panel.prospect_id is not None:
            self._copied = (panel.prospect_id, script.id)
        gaps = [*rendered.empty, *rendered.unknown]
        message = f"Copied “{script.name}” ({len(rendered.text)} characters)."
        if gaps:
            message += " Fill in: " + ", ".join(f"‹{name}›" for name in gaps) + "."
        self.notify(f"{message} {clipboard_note(os.environ)}", timeout=6, markup=False)
