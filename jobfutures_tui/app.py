"""The jobfutures application: the main screens and moving between them, help,
saving a change with undo, the writer's status, quitting, and refusing damaged data.

What the user does lives with the screens (``screens.actions``), the palette's
commands in ``palette``, the data work in ``file_work`` and ``restore_work``, and
what runs in the background (the check after the first frame, the outputs that
follow the data) in ``background_work``; they reach the app through
``ui_services``, never by importing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen

from jobfutures_tui import app_settings, background_work, devices_work, signals
from jobfutures_tui.background_work import FOLLOW_AT_START, FOLLOW_DELAY
from jobfutures_tui.messages import DataChanged, Merged, SaveStatus
from jobfutures_tui.models.ids import PROFILE_ID
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.main_screens import MAIN_SCREENS, main_screens
from jobfutures_tui.store import (
    BackgroundWriter,
    DataRefused,
    ReadOnly,
    Repository,
    SaveFailed,
)
from jobfutures_tui.store.errors import lost_words, shown

if TYPE_CHECKING:
    from jobfutures_tui.store.undo import UndoHistory
    from jobfutures_tui.ui_services import DataHost
    from jobfutures_tui.usecases.changes import Change

STYLES = Path(__file__).parent / "styles"


def _jump_commands() -> type[Provider]:
    """The palette's jumps to people and job futures, imported when it first opens."""
    from jobfutures_tui.palette import JumpCommands

    return JumpCommands


class JobFuturesApp(App[None]):
    TITLE = "jobfutures"
    CSS_PATH = [
        STYLES / "app.tcss",
        STYLES / "board.tcss",
        STYLES / "forms.tcss",
        STYLES / "today.tcss",
        STYLES / "lists.tcss",
        STYLES / "detail.tcss",
        STYLES / "plans.tcss",
        STYLES / "script_panel.tcss",
        STYLES / "insights.tcss",
    ]
    COMMANDS = App.COMMANDS | {_jump_commands}
    BINDINGS = [
        Binding("1", "show('board')", "Board", id="app.board", tooltip="Show the board"),
        Binding(
            "2",
            "show('today')",
            "Today",
            id="app.today",
            tooltip="Show what is due today and this week",
        ),
        Binding("3", "show('people')", "People", id="app.people", tooltip="Show every person"),
        Binding(
            "4",
            "show('scripts')",
            "Scripts",
            id="app.scripts",
            tooltip="Show the scripts: what to say for each kind of touch",
        ),
        Binding(
            "5",
            "show('insights')",
            "Insights",
            id="app.insights",
            tooltip="Show how it is going: touches per week, replies, the pipeline, going cold",
        ),
        Binding("u,ctrl+z", "undo", "Undo", id="app.undo", tooltip="Undo the last change"),
        Binding(
            "U,ctrl+y",
            "redo",
            "Redo",
            id="app.redo",
            show=False,
            tooltip="Redo the last change undone",
        ),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Save everything and quit"),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            id="app.help",
            tooltip="Show every key of this screen",
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="app.palette",
            show=False,
            tooltip="Jump to a job future or run a command",
        ),
    ]

    def __init__(self, repo: Repository, *, demo: bool = False, ask_profile: bool = False) -> None:
        super().__init__()
        self.repo = repo
        self._history: UndoHistory | None = None
        self.demo = demo
        self.ask_profile = ask_profile and not demo and not repo.read_only
        """Ask once for the profile when the data has never asked (the user's own data;
        off for the demo, read-only data and tests that build the app directly)."""
        self.quitting = False
        self._caught: signals.Caught | None = None
        """The signals this app handles (SIGTERM, SIGHUP: signals.py)."""
        self.replacing = False
        """While a restore or a repair replaces the data, no key may start anything
        (check_action)."""
        self.script_panel_shown: bool | None = None
        """The user's choice (S) to show or hide the script panel; None: by window width."""
        self.outputs = background_work.Outputs(self, demo=demo)
        """The calendar file and the shell's line, following the data."""
        self.quit_unsaved = False
        """The user chose to quit over saves that failed (the app said what was lost)."""
        self._where = "demo data (a temporary copy)" if demo else str(repo.folder)
        if repo.read_only:
            self._where = f"READ-ONLY · {self._where}"
        for name in repo.lost_files:  # opened read-only for it (cli.open_for_app)
            self._where = f"RECORDS LOST FROM {shown(name)} · {self._where}"
        self.sub_title = self._where

    def on_mount(self) -> None:
        self._caught = signals.catch(self)
        app_settings.start(self)  # the theme and keys saved, and what is wrong in the file
        self._listen_to_writer()
        for name, problem in self.repo.lost_files.items():
            lost = lost_words(self.repo.folder / name, problem, self.repo.backups_folder)
            self.notify(f"{lost} Open read-only until then.", severity="error", timeout=30)
        screens = self._main_screens()
        for name, screen in screens.items():
            self.install_screen(screen, name)
        # Pushed once the app's own start-up is done: Textual shows no paint before then,
        # and a board laid out sooner is drawn twice, the first time for nothing.
        self.call_later(self._show_board)
        # Queued on the app, so behind the board's push: each runs once its first frame
        # is painted (docs/architecture.md, "Why the speed tricks exist").
        self.verify_after_first_frame()
        self.call_after_refresh(background_work.warm_up, self)
        # A new day moves the kept calendar's overdue events to it.
        self.call_after_refresh(self.follow_data, FOLLOW_AT_START)
        if not (self.demo or self.repo.read_only):
            devices_work.watch(self)  # a sync folder: another computer's changes

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            background_work.input_seen()  # the check of the records makes way for it
        await super().on_event(event)

    def _show_board(self) -> None:
        self.push_screen("board")
        if self.ask_profile:
            # In the board's first frame, not after it, so a key typed at the board never
            # lands in a question that appears a moment later.
            self._ask_profile_once()

    def _ask_profile_once(self) -> None:
        if self.repo.peek("profile", PROFILE_ID, "asked") is True:
            return  # asked at an earlier start: the question's imports are not needed
        from jobfutures_tui.screens.actions import ask_profile_once

        ask_profile_once(self)

    def _listen_to_writer(self) -> None:
        writer = self.repo.writer
        if isinstance(writer, BackgroundWriter):
            # post_message is thread-safe and never waits: the writer must not
            # block on the app, which may already be gone when the last flush fails.
            writer.on_error = self._report_save_failed
            writer.on_recovered = self._report_saved_again
            writer.on_merged = self._report_merged

    def _main_screens(self) -> dict[str, Screen[None]]:
        """The screens of MAIN_SCREENS, over the repository open now."""
        return main_screens(self.repo)

    def verify_after_first_frame(self) -> None:
        """Once the board has painted its cards, check the rest of the data in the
        background (background_work.py)."""
        background_work.after_first_frame(self)

    MAIN_SCREENS = MAIN_SCREENS

    @property
    def history(self) -> UndoHistory:
        """The changes undone and redone, over the repository open now; built at the first
        change (its module is not needed before the first frame)."""
        if self._history is None:
            from jobfutures_tui.store.undo import UndoHistory

            self._history = UndoHistory(self.repo)
        return self._history

    @history.setter
    def history(self, history: UndoHistory) -> None:
        self._history = history

    def action_show(self, name: str) -> None:
        """Switch between the main screens (1 board, 2 today, 3 people, 4 scripts, 5 insights);
        dialogs stay on top."""
        if isinstance(self.screen, ModalScreen):
            return
        mains = [self.get_screen(main) for main in self.MAIN_SCREENS]
        while self.screen not in mains and len(self.screen_stack) > 2:
            self.pop_screen()  # a detail screen opened from a main screen
        if self.screen is not self.get_screen(name):
            self.switch_screen(name)

    def show_board(self, select: str | None = None) -> None:
        board = self.get_screen("board")
        assert isinstance(board, BoardScreen)
        self.action_show("board")
        if select is not None and not board.select_prospect(select):
            board.reload(select=select)

    # ------------------------------------------------------------ changing the data

    def apply(self, change: Change, *, note: bool = True) -> bool:
        """Apply a use case's change (undoable) from any screen and show it there;
        ``note`` says what was done and its warnings. False when nothing was saved:
        nothing to change, read-only data (said), damaged data (the app stops)."""
        if change.empty:
            if note:
                self.notify(f"{change.label} already.", timeout=3)
            return False
        try:
            self.history.apply(change.label, save=change.save, delete=change.delete)
        except ReadOnly as error:
            self.notify(str(error), severity="warning")
            return False
        except DataRefused as error:
            self.refuse(error)
            return False
        self._show_changes(change.select or change.prospect_id)
        if note:
            for warning in change.warnings:
                self.notify(f"Note: {warning}.", severity="warning", timeout=6)
            self.notify(f"{change.label} (u undoes).", timeout=4)
        return True

    def action_undo(self) -> None:
        self._step_history(undo=True)

    def action_redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, *, undo: bool) -> None:
        try:
            change = self.history.undo() if undo else self.history.redo()
        except ReadOnly as error:
            self.notify(str(error), severity="warning")
            return
        except DataRefused as error:
            self.refuse(error)
            return
        if change is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}.", timeout=2)
            return
        verb = "Undone" if undo else "Redone"
        other = "U redoes" if undo else "u undoes"
        self.notify(f"{verb}: {change.label} ({other})", timeout=4)
        self._show_changes(None)

    def _show_changes(self, select: str | None) -> None:
        """The screen on top redraws (main screens, and dialogs with a list: plans,
        things to share); the others when they come back (AppScreen)."""
        self.screen.post_message(DataChanged(select))
        self.follow_data()

    def follow_data(self, delay: float = FOLLOW_DELAY) -> None:
        """What lives outside the data follows each change: the calendar file the settings
        name, the line a new shell prints (background_work.Outputs)."""
        self.outputs.follow(delay)

    def carry_on_with(self, repo: Repository) -> Mapping[str, Screen[None]]:
        """After a restore or a repair: the repository opened again, an empty undo
        history (its backup is the way back), and new main screens over it."""
        self.repo = repo
        self._history = None  # a new one, empty, over it
        self._listen_to_writer()
        self.follow_data()
        return self._main_screens()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is plain text: they carry names, paths and error
        messages, and a "[" in any of them must show as itself."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def _report_save_failed(self, error: SaveFailed) -> None:
        self.post_message(SaveStatus(error))

    def _report_saved_again(self) -> None:
        self.post_message(SaveStatus(None))

    def _report_merged(self, notes: list[str]) -> None:
        self.post_message(Merged(notes))

    def on_merged(self, message: Merged) -> None:
        devices_work.merged(self, message.notes)

    def on_unmount(self) -> None:
        if self._caught is not None:
            self._caught.release()
        writer = self.repo.writer
        if isinstance(writer, BackgroundWriter):
            writer.on_error = writer.on_recovered = None
            writer.on_merged = None

    def refuse(self, error: DataRefused, source: Repository | None = None) -> None:
        """The data turned out to be damaged: stop before anything is written over it.

        Not while a restore or a repair replaces it, nor when the refusal is about data that was
        replaced (``source``, the repository it was found in, is no longer the app's).
        """
        if self.replacing or (source is not None and source is not self.repo):
            return
        self.exit(return_code=1, message=Text(f"jobfutures: {error}"))

    def on_save_status(self, message: SaveStatus) -> None:
        """Say it, and keep saying it in the title while a change waits to be saved."""
        if message.error is not None:
            self.sub_title = f"NOT SAVED · {self._where}"
            self.notify(message.error.in_memory, title="Not saved", severity="error", timeout=10)
        else:
            self.sub_title = self._where
            self.notify("Everything is saved again.", title="Saved", timeout=4)

    def action_help(self) -> None:
        from jobfutures_tui.modals.help import HelpScreen  # the dialogs: when first opened

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.title or "jobfutures", self.active_bindings))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While quitting, no key may start anything new (a form mounting while
        # the app tears down crashes in Textual), nor while a restore or repair replaces
        # the data; dialogs keep their own keys.
        return not (self.quitting or self.replacing)

    async def action_quit(self) -> None:
        from jobfutures_tui.modals.saving import Saving

        self.quitting = True
        self.workers.cancel_group(self, "verify")  # quitting never waits for the check
        await self.push_screen(Saving())
        self.finish_and_quit()

    @work(thread=True, exclusive=True, group="quit")
    def finish_and_quit(self) -> None:
        """Wait for every pending save; never quit silently over a failed one."""
        try:
            self.repo.flush(timeout=10)
        except (SaveFailed, TimeoutError) as error:
            self.call_from_thread(self._ask_quit_anyway, error)
            return
        self.outputs.catch_up()  # a change just before q
        self.call_from_thread(self.exit)

    def _ask_quit_anyway(self, error: SaveFailed | TimeoutError) -> None:
        from jobfutures_tui.modals.confirm import Confirm

        problem = error.problem if isinstance(error, SaveFailed) else str(error)

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.quit_unsaved = True
                lost = f"jobfutures: quit without saving your latest changes: {problem}."
                if isinstance(error, SaveFailed) and error.journal is not None:
                    kept = shown(error.journal)
                    lost += f" Part of them waits in {kept}: the next open finishes it."
                self.exit(return_code=1, message=Text(lost))
            else:
                self.quitting = False

        self.pop_screen()  # the Saving notice
        self.push_screen(
            Confirm("Your latest changes are not saved. Quit anyway and lose them?", problem),
            answer,
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """'jobfutures · Board — where the data is'; every part shown literally."""
        parts: list[Content | tuple[str, str]] = [("jobfutures", "bold")]
        if title and title != self.title:
            parts += [(" · ", "dim"), Content(title)]
        if sub_title:
            parts += [(" — ", "dim"), Content(sub_title).stylize("dim")]
        return Content.assemble(*parts)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette offers the exports, backups and checks the shell has too, and
        every action of the screen below it, with its key."""
        from jobfutures_tui import palette

        yield from super().get_system_commands(screen)
        yield from palette.commands(self, screen)


if TYPE_CHECKING:

    def _serves(app: JobFuturesApp) -> DataHost:
        """mypy checks that the app gives the screens what they need of it."""
        return app
