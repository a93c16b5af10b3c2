"""Getting a touch made from the app: ``o`` opens it (a mail draft, a call, a text, a
LinkedIn profile) in the program made for it, ``O`` then logs it as sent in one
key, ``Y`` copies the contact detail it uses. The board, Today, a story and the
log form share these, as ``jobfutures open`` does in the shell.

A program that runs in the terminal (a ``$BROWSER`` command, a text browser)
gets the terminal while the app steps aside; one with a window of its own is
started on a worker, so the app never waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from pydantic import ValidationError
from textual.app import SuspendNotSupported

from jobfutures_tui.engine.scripts import CLOSE, OPEN
from jobfutures_tui.exchange.opener import NO_OPENER, open_link, opener, takes_the_terminal
from jobfutures_tui.models import Channel, Direction, Outcome, field_errors
from jobfutures_tui.models.dates import now
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.ui_services import services
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.open_touch import ReadyTouch, ready_touch

if TYPE_CHECKING:
    from textual.app import App

SENT = frozenset({Channel.EMAIL, Channel.LINKEDIN, Channel.TEXT})
"""Touches done once the words are sent; a call is logged by how it went."""
DETAIL_WORDS = {
    Channel.EMAIL: "email address",
    Channel.CALL: "phone number",
    Channel.VOICEMAIL: "phone number",
    Channel.TEXT: "phone number",
    Channel.LINKEDIN: "LinkedIn profile",
    Channel.LETTER: "postal address",
    Channel.IN_PERSON: "city",
}

_opened: WeakKeyDictionary[App[Any], ReadyTouch] = WeakKeyDictionary()
"""The touch each app opened last, for O to log."""


def ready(
    app: App[Any],
    prospect_id: str,
    *,
    person_id: str | None = None,
    channel: Channel | None = None,
    script_id: str | None = None,
) -> ReadyTouch | None:
    """The touch as it would open (None, said, when the job future is gone)."""
    found = ready_touch(
        services(app).repo,
        prospect_id,
        today=local_today(),
        person_id=person_id,
        channel=channel,
        script_id=script_id,
    )
    if found is None:
        app.notify("That job future is gone.", timeout=3)
    return found


def open_touch(
    app: App[Any],
    touch: ReadyTouch,
    then: Callable[[ReadyTouch], None] | None = None,
    *,
    in_form: bool = False,
) -> None:
    """Open it, then say what opened and how to log it (``then`` runs once it opened;
    ``in_form``: from the log form, which logs it itself)."""
    url = touch.opening.url
    if url is None:
        app.notify(_sentence(touch.opening.said), severity="warning", timeout=6)
        return

    def opened(ok: bool) -> None:
        if not ok:
            app.copy_to_clipboard(url)
            app.notify(f"{_sentence(NO_OPENER)} The link is on the clipboard.", timeout=8)
            return
        if not in_form:
            _opened[app] = touch
        said = _opened_words(app, touch, in_form)
        if touch.blanks:  # opened all the same: the draft is theirs to finish
            app.notify(said, severity="warning", timeout=12)
        else:
            app.notify(said, timeout=10)
        if then is not None:
            then(touch)

    launch(app, url, opened)


def launch(app: App[Any], url: str, done: Callable[[bool], None]) -> None:
    """Hand ``url`` to the program that opens links; ``done(ok)`` on the UI thread."""
    browser = opener()
    if browser is None:
        done(False)
    elif takes_the_terminal(browser):
        try:
            with app.suspend():
                ok = open_link(url, browser)
        except SuspendNotSupported:  # no terminal to give (tests, the web)
            ok = open_link(url, browser)
        done(ok)
    else:
        app.run_worker(
            lambda: app.call_from_thread(done, open_link(url, browser)),
            thread=True,
            group="open-link",
        )


def blanks_words(touch: ReadyTouch) -> str:
    """'Still blank: ‹news›, ‹shared›: fill them in before sending.'"""
    names = ", ".join(f"{OPEN}{name}{CLOSE}" for name in touch.blanks)
    them = "them" if len(touch.blanks) > 1 else "it"
    return f"Still blank: {names}: fill {them} in before sending."


def _opened_words(app: App[Any], touch: ReadyTouch, in_form: bool) -> str:
    words = f" with “{touch.script_name}”" if touch.script_name else ""
    said = f"Opened {touch.opening.said}{words}."
    if touch.blanks:
        said += " " + blanks_words(touch)
    if touch.channel is Channel.LINKEDIN and touch.words:
        app.copy_to_clipboard(touch.words)  # a profile link cannot carry them
        said += " Its words are on the clipboard, to paste into a message."
    if in_form:
        return said + (" Sent it? enter logs it." if touch.channel in SENT else "")
    if touch.channel in SENT:
        return said + " Sent it? O logs it as sent (u undoes)."
    return said + " Then O logs how it went."


def log_opened(app: App[Any]) -> ReadyTouch | None:
    """Log the touch ``o`` opened last: sent, with its script, as one undoable change.
    A call is logged by how it went: returned, for the log form to ask."""
    touch = _opened.get(app)
    if touch is None:
        app.notify("Nothing opened yet: o opens the next touch, then O logs it.", timeout=4)
        return None
    if touch.channel not in SENT:
        _opened.pop(app, None)
        return touch
    ui = services(app)
    values = {
        "prospect_id": touch.prospect_id,
        "person_id": touch.person.id if touch.person is not None else None,
        "at": now(),
        "channel": touch.channel,
        "direction": Direction.OUT,
        "outcome": Outcome.SENT,
        "kind": touch.kind,
        "script_id": touch.script_id,
    }
    try:
        change = changes.log_touch(ui.repo, values)
    except ValidationError as error:
        problem = next(iter(field_errors(error).values()), "it could not be logged")
        app.notify(_sentence(f"Not logged: {problem}"), severity="warning", timeout=6)
        return None
    if ui.apply(change):
        _opened.pop(app, None)
    return None


def copy_detail(app: App[Any], touch: ReadyTouch, clipboard_note: str) -> None:
    """Copy the address, number or profile the touch uses, or say why there is none
    (``clipboard_note``: what can be known of the copy reaching the clipboard)."""
    if not touch.detail:
        app.notify(_sentence(touch.opening.said), severity="warning", timeout=6)
        return
    app.copy_to_clipboard(touch.detail)
    what = DETAIL_WORDS.get(touch.channel, "detail") if touch.channel else "detail"
    name = touch.person.name if touch.person else "the"
    said = f"Copied {name}'s {what}: {touch.detail}."
    app.notify(f"{said} {clipboard_note}", timeout=6)


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + ("" if words.endswith(".") else ".")


def clipboard_note(environ: Mapping[str, str]) -> str:
    """What can be known about the copy reaching the clipboard.

    Textual sends the text to the terminal (an OSC 52 sequence) and hears
    nothing back, so only terminals known not to take it can be named.
    """
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal ignores copies from programs: use iTerm2 or another terminal."
    if environ.get("TMUX"):
        return "In tmux it reaches the clipboard only with set-clipboard on."
    return "If pasting gives nothing, your terminal does not accept copies from programs."
