"""Who you are: the profile form, from the palette, and once when a data folder
is first opened (with a line saying why it is asked)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from jobfutures_tui.modals.record_form import Field, RecordForm
from jobfutures_tui.models import Profile
from jobfutures_tui.usecases.profile import WHY, edited

TITLE = "Who you are"
FIELDS = (
    Field("name", "Name", placeholder="as you sign, e.g. Sam Ortiz"),
    Field("email", "Email", placeholder="the address you write from"),
    Field("other_emails", "Other emails", placeholder="more addresses, separated by commas"),
    Field("phone", "Phone"),
    Field("linkedin", "LinkedIn", placeholder="https://www.linkedin.com/in/…"),
    Field("city", "City", placeholder="where you live"),
    Field("pitch", "Pitch", placeholder="what you do, in one line"),
    Field("signature", "Signature", "text", hint="what ends your messages; your name when empty"),
)
FIRST_RUN = f"{WHY} Escape skips: you will not be asked again (ctrl+p, Your profile, edits it)."


class ProfileForm(RecordForm[Profile]):
    """Its result is the profile to save, marked as asked for."""

    def __init__(self, profile: Profile, *, first_run: bool = False) -> None:
        initial = {**profile.model_dump(), "other_emails": ", ".join(profile.other_emails)}
        super().__init__(TITLE, FIELDS, initial, lambda values: edited(profile, values))
        self.first_run = first_run
        if first_run:
            self.help_keys = (
                ("form.save", "ctrl+s save"),
                ("form.next", "enter next field"),
                ("form.cancel", "esc skip"),
            )

    def compose_head(self) -> ComposeResult:
        if self.first_run:
            yield Static(Text(FIRST_RUN), id="profile-why")
