"""Log a touch in a few keys: one key per channel and outcome, the rest guessed.

The form opens with nothing focused, so letters pick the channel and the
outcome at once (`c` call, `v` left voicemail, then `enter` saves); `tab`
reaches the fields. It says what the next due date becomes before saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Select, Static

from jobfutures_tui import keymap
from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import (
    Channel,
    Direction,
    Outcome,
    Prospect,
    Script,
    Stage,
    Touch,
    TouchKind,
    dates,
)
from jobfutures_tui.models.enums import Choice
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.log_choice import logged_kind, logged_script, words_channel
from jobfutures_tui.usecases.open_touch import ReadyTouch
from jobfutures_tui.usecases.touch_log import (
    Logged,
    default_person,
    log_from,
    next_words,
    suggested_move,
)
from jobfutures_tui.usecases.what_if import suggestion_after
from jobfutures_tui.widgets.key_picker import KeyPicker

CHANNEL_KEYS: dict[str, Channel] = {
    "c": Channel.CALL,
    "e": Channel.EMAIL,
    "p": Channel.IN_PERSON,
    "l": Channel.LINKEDIN,
    "t": Channel.TEXT,
    "m": Channel.LETTER,
    "V": Channel.VOICEMAIL,
}
OUTCOME_KEYS: dict[str, Outcome] = {
    "n": Outcome.NO_ANSWER,
    "v": Outcome.LEFT_VOICEMAIL,
    "s": Outcome.SENT,
    "r": Outcome.REPLIED,
    "k": Outcome.CONVERSATION,
    "f": Outcome.REFERRAL_GIVEN,
    "o": Outcome.OPENING_MENTIONED,
    "x": Outcome.ASKED_TO_STOP,
}
_SPOKEN = {Channel.CALL, Channel.IN_PERSON}
_PHONE_ONLY = {Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL}
_WAITING = {Outcome.SENT, Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL}
_PICKS = {"channel", "outcome", "inbound"}
_REFERRAL_FIELDS = ("referred_company", "referred_person", "referred_role")


def usual_outcome(channel: Channel, direction: Direction) -> Outcome:
    """What a touch by this channel usually comes to, until the user says otherwise."""
    if direction is Direction.IN:
        return Outcome.CONVERSATION if channel in _SPOKEN else Outcome.REPLIED
    if channel is Channel.VOICEMAIL:
        return Outcome.LEFT_VOICEMAIL
    return Outcome.CONVERSATION if channel in _SPOKEN else Outcome.SENT


class LogForm(RecordForm[Logged]):
    AUTO_FOCUS = ""  # letters pick the channel and outcome at once; tab reaches the fields
    BINDINGS = [
        # Priority, so keys typed fast while the form is still being built are
        # not lost; check_action hands them back to a field being typed in.
        *(
            Binding(
                key,
                f"channel('{channel.value}')",
                channel.label,
                id=f"log.channel.{channel.name.lower()}",
                show=False,
                priority=True,
                tooltip=f"The touch was by {channel.label}",
            )
            for key, channel in CHANNEL_KEYS.items()
        ),
        *(
            Binding(
                key,
                f"outcome('{outcome.value}')",
                outcome.label,
                id=f"log.outcome.{outcome.name.lower()}",
                show=False,
                priority=True,
                tooltip=f"It came to: {outcome.label}",
            )
            for key, outcome in OUTCOME_KEYS.items()
        ),
        Binding(
            "i",
            "inbound",
            "They reached out",
            id="log.inbound",
            show=False,
            priority=True,
            tooltip="Switch between a touch you made and one they made",
        ),
        Binding(
            "ctrl+o",
            "open_touch",
            "Open",
            id="log.open",
            show=False,
            priority=True,
            tooltip="Open this touch: a mail draft with the script, a call, a text, a profile",
        ),
        Binding(
            "Y",
            "copy_detail",
            "Copy detail",
            id="log.copy_detail",
            show=False,
            priority=True,
            tooltip="Copy the contact detail this touch uses: the address, the number, the profile",
        ),
    ]
    help_keys = (
        ("", "letters pick"),
        ("log.inbound", "i inbound"),
        ("form.tab", "tab fields"),
        ("log.open", "ctrl+o open"),
        ("log.copy_detail", "Y copy detail"),
        ("form.save", "enter/ctrl+s save"),
        ("form.cancel", "esc cancel"),
    )

    def __init__(
        self,
        repo: Repository,
        prospect: Prospect,
        company: str,
        *,
        suggestion: Suggestion | None = None,
        person_id: str | None = None,
        script_id: str | None = None,
        channel: Channel | None = None,
    ) -> None:
        self.repo = repo
        self.prospect = prospect
        self.today = dates.today()
        self.channel = channel or (suggestion.channel if suggestion else None) or Channel.EMAIL
        self.direction = Direction.OUT
        self.outcome = usual_outcome(self.channel, self.direction)
        self.outcome_chosen = False
        self.planned_kind = suggestion.kind if suggestion else None
        self._touches: list[Touch] | None = None
        self._picked = False
        """A channel, outcome or direction was picked (before the form was built, maybe)."""
        self._mounted = False
        self._save_when_mounted = False
        """enter came before the form was built: save once it is."""
        people = [p for pid in prospect.person_ids if (p := repo.person(pid)) is not None]
        scripts = sorted(repo.records(Script), key=lambda s: s.name.casefold())
        shareables = sorted(
            (str(row.get("title", "")) for row in repo.stored_rows("shareables").values()),
            key=str.casefold,
        )
        fields = (
            Field(
                "person_id",
                "With",
                "choice",
                choices=[("nobody in particular", None), *((p.name, p.id) for p in people)],
            ),
            Field("kind", "Kind", "choice", choices=choices_of(TouchKind, unset="not said")),
            Field(
                "at",
                "When",
                placeholder="now · yesterday 4pm · 3 days ago · 2026-11-20",
                replace=True,  # "now" is there to be overwritten
            ),
            Field("note", "Note", placeholder="what was said, what to remember"),
            Field(
                "shared",
                "Shared",
                placeholder="titles, separated by commas",
                suggestions=shareables,
            ),
            Field(
                "script_id",
                "Script",
                "choice",
                choices=[("none", None), *((s.name, s.id) for s in scripts)],
            ),
            Field("referred_company", "Referred to", placeholder="company they referred you to"),
            Field("referred_person", "Their contact", placeholder="name (optional)"),
            Field("referred_role", "Role there", placeholder="optional"),
            Field(
                "move_to",
                "Then move to",
                "choice",
                choices=choices_of(Stage, unset="stay in " + prospect.stage.label),
            ),
        )
        initial: dict[str, Any] = {
            "person_id": default_person(prospect, suggestion, person_id),
            "kind": suggestion.kind if suggestion else None,
            "at": dates.now().in_timezone(dates.local_timezone()).format("YYYY-MM-DD HH:mm"),
            "script_id": script_id if any(s.id == script_id for s in scripts) else None,
        }
        self.scripts = scripts
        self.read_a_script = initial["script_id"] is not None
        """The form opened with the script the user read; the words for the touch follow."""
        self._auto: dict[str, Any] = {"kind": initial["kind"], "script_id": initial["script_id"]}
        """What the form last chose itself: a field still showing it follows the picks."""
        super().__init__(f"Log a touch · {company}", fields, initial, self._logged)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A letter typed into a field is a letter, not a pick.
        return not ((action in _PICKS or action == "copy_detail") and self.focused is not None)

    def compose_head(self) -> ComposeResult:
        yield Static(id="log-direction")
        yield KeyPicker("by", self._keys("channel", CHANNEL_KEYS), id="log-channel")
        yield KeyPicker("and", self._keys("outcome", OUTCOME_KEYS), id="log-outcome")

    def _keys(self, what: str, shipped: Mapping[str, Choice]) -> dict[str, Choice]:
        """The letters to show for each pick: the user's, where they gave one."""
        return {
            keymap.key_of(self.app, f"log.{what}.{member.name.lower()}", key): member
            for key, member in shipped.items()
        }

    def compose_foot(self) -> ComposeResult:
        yield Static(id="log-warnings")
        yield Static(id="log-next")

    def on_mount(self) -> None:
        self.query_one("#form").add_class("-wide")  # the key rows fit on one line each
        self._mounted = True
        if self.outcome_chosen:
            self._outcome_fields()
        self._show_referral_fields()
        if self._picked:
            self._follow()
        self._redraw()
        if self._save_when_mounted:
            self.action_save()

    # ------------------------------------------------------------ picking

    def action_channel(self, value: str) -> None:
        self.channel = Channel(value)
        if not self.outcome_chosen:
            self.outcome = usual_outcome(self.channel, self.direction)
        self._follow()
        self._redraw()

    def action_outcome(self, value: str) -> None:
        self.outcome = Outcome(value)
        self.outcome_chosen = True
        if self.outcome in _PHONE_ONLY and self.channel not in (Channel.CALL, Channel.VOICEMAIL):
            self.channel = Channel.CALL
        if self._mounted:
            self._outcome_fields()
        self._follow()
        self._redraw()

    def _outcome_fields(self) -> None:
        """What an outcome calls for: a stage to move to, the referral's fields."""
        move = suggested_move(self.prospect, self.outcome)
        self.query_one("#move_to", Select).value = move if move is not None else Select.NULL
        self._show_referral_fields()

    def action_inbound(self) -> None:
        inbound = self.direction is Direction.OUT
        self.direction = Direction.IN if inbound else Direction.OUT
        if not self.outcome_chosen or (inbound and self.outcome in _WAITING):
            self.outcome = usual_outcome(self.channel, self.direction)
        self._follow()
        self._redraw()

    def action_open_touch(self) -> None:
        """The touch as the form has it (with whom, how, which script) opened in the program
        made for it; once a message is sent, enter logs it as sent with that script."""
        from jobfutures_tui.touch_opening import SENT, open_touch, ready

        values = self.values()
        touch = ready(
            self.app,
            self.prospect.id,
            person_id=values.get("person_id"),
            channel=self.channel,
            script_id=values.get("script_id"),
        )

        def opened(touch: ReadyTouch) -> None:
            script = self.query_one("#script_id", Select)
            if values.get("script_id") is None and touch.script_id is not None:
                script.value = touch.script_id
            if touch.channel in SENT and not self.outcome_chosen:
                self.action_outcome(Outcome.SENT.value)

        if touch is not None:
            open_touch(self.app, touch, opened, in_form=True)

    def action_copy_detail(self) -> None:
        """The address, number or profile of the touch as the form has it (Y, as on the
        board): to paste where the touch is made."""
        import os

        from jobfutures_tui.touch_opening import clipboard_note, copy_detail, ready

        values = self.values()
        touch = ready(
            self.app, self.prospect.id, person_id=values.get("person_id"), channel=self.channel
        )
        if touch is not None:
            copy_detail(self.app, touch, clipboard_note(os.environ))

    def _follow(self) -> None:
        """The kind and the script follow the picks, as the engine decides them
        (usecases.log_choice), unless the user chose one by hand."""
        self._picked = True
        if not self._mounted:
            return  # on_mount follows what the early keys picked
        self._set_auto("kind", logged_kind(self.planned_kind, self.channel, self.direction))
        if not self.read_a_script:
            return  # no script was read (the panel was hidden): none is put on the touch
        if self._touches is None:
            self._touches = self.repo.touches_for(self.prospect.id)
        values = super().values()
        script = logged_script(
            self.scripts,
            self.prospect,
            self._touches,
            kind=values["kind"],
            channel=words_channel(self.channel, self.outcome),
            person_id=values["person_id"],
            keep=self._auto["script_id"],
        )
        self._set_auto("script_id", script)

    def _set_auto(self, name: str, value: Any) -> None:
        field = self.query_one(f"#{name}", Select)
        shown = None if field.is_blank() else field.value
        if shown != self._auto[name]:
            return  # chosen by hand: kept
        field.value = Select.NULL if value is None else value
        self._auto[name] = value

    def action_next_field(self) -> None:
        if not self._mounted:
            self._save_when_mounted = True
            return
        if self.focused is None:
            self.action_save()  # nothing focused: enter saves what the keys picked
            return
        super().action_next_field()

    # ------------------------------------------------------------ showing

    def on_input_changed(self) -> None:
        self._preview()

    def on_select_changed(self) -> None:
        self._preview()

    def _show_referral_fields(self) -> None:
        shown = self.outcome is Outcome.REFERRAL_GIVEN
        for name in _REFERRAL_FIELDS:
            self.query_one(f"#label-{name}").display = shown
            self.query_one(f"#field-{name}").display = shown

    def _redraw(self) -> None:
        if not self._mounted:
            return  # on_mount draws what the early keys picked
        inbound = self.direction is Direction.IN
        who = "They reached you" if inbound else "You reached them"
        switch = keymap.key_of(self.app, "log.inbound", "i")
        self.query_one("#log-direction", Static).update(Text(f"{who} ({switch} switches)"))
        self.query_one("#log-channel", KeyPicker).show(self.channel)
        self.query_one("#log-outcome", KeyPicker).show(self.outcome)
        self._preview()

    def _preview(self) -> None:
        """The next due date once this touch is saved, and any warning, live."""
        try:
            logged = self._logged(self.values())
        except (ValidationError, ValueError):
            return
        moved = next((r for r in logged.save if isinstance(r, Prospect)), None)
        stage = moved.stage if moved is not None and moved.id == self.prospect.id else None
        nxt = suggestion_after(
            self.repo, self.prospect, touch=logged.touch, stage=stage, today=self.today
        )
        self.query_one("#log-next", Static).update(_next_words(nxt))
        warnings = self.query_one("#log-warnings", Static)
        warnings.update(Text("\n".join(f"! {w}" for w in logged.warnings), style="bold"))
        warnings.display = bool(logged.warnings)

    def values(self) -> dict[str, Any]:
        found = super().values()
        if found.get("referred_company") is not None and self.outcome is not (
            Outcome.REFERRAL_GIVEN
        ):
            for name in _REFERRAL_FIELDS:
                found[name] = ""
        return {
            **found,
            "prospect_id": self.prospect.id,
            "channel": self.channel,
            "outcome": self.outcome,
            "direction": self.direction,
        }

    def _logged(self, values: dict[str, Any]) -> Logged:
        return log_from(self.repo, values)


def _next_words(suggestion: Suggestion | None) -> Text:
    what, why = next_words(suggestion, dates.today())
    text = Text(f"next: {what}", style="bold")
    if why:
        text.append(f" — {why}")
    return text
