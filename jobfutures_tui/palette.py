"""The command palette: jump to any job future (by company, person or role, with
when its next touch is due) or person by a fuzzy name, and the commands it
offers (the data work, and every key of the screen below it).

Labels come from stored fields (as the board's order does), so the palette
opens at once with thousands of records; what is opened is validated then.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from datetime import date
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.screen import Screen

from jobfutures_tui import app_settings, file_work, keymap, restore_work
from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.messages import DataChanged
from jobfutures_tui.models import Stage
from jobfutures_tui.models.dates import today
from jobfutures_tui.screens import actions
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.ui_services import services
from jobfutures_tui.usecases.board import DUE_PART, due_phrase
from jobfutures_tui.usecases.decisions import open_suggestions

Target = tuple[str, str, str, str]
"""(kind, id, label, help)."""

RECORD_WEIGHT = 0.8
"""A record matched as well as a command ranks below it: "import" finds "Import a
file" before "Wide World Importers", whose longer label matched just as well."""


class JumpCommands(Provider):
    """Jump to a job future on the board (found by its company, person or role,
    and showing when its next touch is due), or to a person's story."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._next: dict[str, Suggestion] = {}
        self._today = today()

    async def startup(self) -> None:
        """Every job future's next touch, worked out off the UI thread as the palette opens."""
        repo = services(self.app).repo
        try:
            self._next = await asyncio.to_thread(next_touches, repo, self._today)
        except DataRefused:
            self._next = {}  # the damage is reported when the job future is opened

    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        for kind, target_id, label, help_text in self._targets(services(app).repo):
            score = matcher.match(label) * RECORD_WEIGHT
            if score > 0:
                display = _highlight(matcher, label)
                suggestion = self._next.get(target_id) if kind == "prospect" else None
                if suggestion is not None:
                    display, help_text = self._with_next(display, help_text, suggestion)
                yield Hit(
                    score,
                    display,
                    partial(jump, app, kind, target_id),
                    text=label,
                    help=help_text,
                )

    def _with_next(
        self, display: Content, help_text: str, suggestion: Suggestion
    ) -> tuple[Content, str]:
        """The due phrase after the name, coloured as on the cards; how and why below.
        Help text is markup: what comes from the data is escaped."""
        phrase, level = due_phrase(suggestion, self._today)
        display = Content.assemble(display, "  ", (phrase, _DUE_STYLE[DUE_PART[level]]))
        how = f"next: {suggestion.how} — {suggestion.reason}"
        return display, f"{help_text} · {escape(how)}"

    def _targets(self, repo: Repository) -> Iterator[Target]:
        peek = repo.peek
        for prospect_id in repo.prospect_ids():
            company_id = peek("prospects", prospect_id, "company_id")
            people = peek("prospects", prospect_id, "person_ids") or ()
            person = peek("people", people[0], "name") if people else ""
            parts = (
                peek("companies", company_id, "name"),
                person,
                peek("prospects", prospect_id, "role"),
            )
            stage = _stage_label(peek("prospects", prospect_id, "stage"))
            label = " · ".join(str(part) for part in parts if part)
            yield "prospect", prospect_id, label, f"Job future ({stage}): show it on the board"
        for person_id in repo.person_ids():
            company = peek("companies", peek("people", person_id, "company_id"), "name")
            name = str(peek("people", person_id, "name") or "")
            label = f"{name} ({company})" if company else name
            yield "person", person_id, label, "Person: open their story"


def _stage_label(stored: object) -> str:
    """Stored, unvalidated: a damaged stage is refused when the job future opens."""
    try:
        return Stage(str(stored)).label
    except ValueError:
        return "unreadable stage"


def _highlight(matcher: Matcher, label: str) -> Content:
    """``matcher.highlight``, but the label is text, never markup: it holds names."""
    content = Content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets if score else ():
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


_DUE_STYLE = {
    "overdue": "$text-error bold",
    "due-soon": "$text-warning",
    "due-later": "$text-muted",
    "muted": "$text-muted",
}
"""As the board's cards colour them (board.tcss): the palette has no style parts of ours."""


def next_touches(repo: Repository, day: date) -> dict[str, Suggestion]:
    """Each open job future's next touch for ``day``, from the kept decisions."""
    found: dict[str, Suggestion] = {}
    for future in open_suggestions(repo):
        suggestion = future.suggestion(day)
        if suggestion is not None:
            found[future.prospect_id] = suggestion
    return found


def jump(app: App[Any], kind: str, target_id: str) -> None:
    """A job future on the board; a person's story (or the people list)."""
    from jobfutures_tui.screens.detail import open_prospect
    from jobfutures_tui.usecases.people import person_prospects

    ui = services(app)
    if kind == "prospect":
        board = app.get_screen("board")
        assert isinstance(board, BoardScreen)
        if ui.repo.peek("prospects", target_id, "stage") == Stage.ARCHIVE.value:
            board.show_archive_column(True)
        ui.show_board(select=target_id)
    elif kind == "person":
        prospects = person_prospects(ui.repo).get(target_id)
        if prospects:
            open_prospect(app, prospects[-1], person=target_id)
        else:
            ui.action_show("people")
            app.get_screen("people").post_message(DataChanged(target_id))


def commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The data work, then every key of ``screen`` and of the app, with its key."""
    folder = file_work.exports_folder()
    yield SystemCommand(
        "Your profile",
        "Who you are: the name that signs your scripts, your email, your city, your pitch",
        partial(actions.edit_profile, app),
    )
    yield SystemCommand(
        "Export everything",
        f"JSON, CSV and a calendar of what is due, into {folder}",
        partial(file_work.export_everything, app),
    )
    yield SystemCommand(
        "Import a file",
        "LinkedIn connections, an address book, a spreadsheet, a jobfutures export "
        "(added to your data, or replacing it), or your mail as touches: a dry run first",
        partial(file_work.import_file, app),
    )
    yield SystemCommand(
        "Cadence plans",
        "The plans job futures follow: write your own, copy a built-in one, edit, delete",
        partial(manage_plans, app),
    )
    yield SystemCommand(
        "Things to share",
        "Articles, events and work samples, and whom each went to",
        partial(show_shareables, app),
    )
    yield SystemCommand(
        "Back up now",
        f"A one-file backup of everything, into {folder}",
        partial(file_work.back_up_now, app),
    )
    yield SystemCommand(
        "Restore a backup…",
        "Replace all your data with an automatic backup, a backup file or a JSON export "
        "(after a backup of it)",
        partial(restore_work.restore, app),
    )
    yield SystemCommand(
        "Settings",
        "Theme, workdays, a daily budget, your own keys, where exports go: "
        "the settings file, checked as you type",
        partial(app_settings.open_settings, app),
    )
    yield SystemCommand(
        "Check the data",
        "Every record and link, as jobfutures check does; then repair what is safe "
        "(after a backup)",
        partial(restore_work.check_data, app),
    )
    yield from key_commands(app, screen)


def key_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Every action of the screen below the palette, then the app's, with its key."""
    seen: set[str] = set()
    owners: list[tuple[Screen[Any] | App[Any], list[Binding | object]]] = [
        (screen, list(screen.BINDINGS)),
        (app, list(app.BINDINGS)),
    ]
    for owner, bindings in owners:
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.tooltip:
                continue
            if binding.action in seen or binding.action == "command_palette":
                continue
            seen.add(binding.action)
            key = keymap.shown_key(app, binding) or binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                f"{binding.description} ({key})",
                binding.tooltip,
                partial(app.run_action, binding.action, owner),
            )


def manage_plans(app: App[Any]) -> None:
    """The plans, to write, copy, edit and delete."""
    from jobfutures_tui.modals.plan_list import PlanList

    app.push_screen(PlanList(services(app).repo))


def show_shareables(app: App[Any]) -> None:
    from jobfutures_tui.modals.shareables import ShareablesScreen

    app.push_screen(ShareablesScreen(services(app).repo))
