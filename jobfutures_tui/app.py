"""The jobfutures application: screens, global keys, saving and quitting."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum
from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from jobfutures_tui.modals.confirm import Confirm
from jobfutures_tui.modals.help import HelpScreen
from jobfutures_tui.modals.saving import Saving
from jobfutures_tui.modals.snooze import SnoozeForm
from jobfutures_tui.models import Profile, Prospect, Record, Stage, revise
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.models.entities import PROFILE_ID
from jobfutures_tui.palette import JumpCommands
from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.screens.board import BoardScreen
from jobfutures_tui.screens.people import PeopleScreen
from jobfutures_tui.screens.scripts import ScriptsScreen
from jobfutures_tui.screens.today import TodayScreen
from jobfutures_tui.store import (
    BackgroundWriter,
    DataRefused,
    ReadOnly,
    Repository,
    SaveFailed,
    StoreError,
)
from jobfutures_tui.store.undo import UndoHistory
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.changes import Change

if TYPE_CHECKING:
    from jobfutures_tui.exchange.plan import ImportPlan
    from jobfutures_tui.exchange.restore import Snapshot
    from jobfutures_tui.modals.check import CheckReport
    from jobfutures_tui.modals.import_file import ImportReview
    from jobfutures_tui.modals.restore import RestoreReview, RestoreSource

STYLES = Path(__file__).parent / "styles"


def exports_folder() -> Path:
    """Where the palette's exports and backups go: easy to find, outside the data folder."""
    return Path.home() / "jobfutures-exports"


VERIFY_DELAY = 1.0
"""Seconds after the board is painted before the background check of all records starts."""


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
    ]
    COMMANDS = App.COMMANDS | {JumpCommands}
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
        self.history = UndoHistory(repo)
        self.demo = demo
        self.ask_profile = ask_profile and not demo and not repo.read_only
        """Ask once for the profile when the data has never asked (the user's own data;
        off for the demo, read-only data and tests that build the app directly)."""
        self._quitting = False
        self._replacing = False
        """While a restore or a repair replaces the data, no key may start anything
        (check_action)."""
        self.script_panel_shown: bool | None = None
        """The user's choice (S) to show or hide the script panel; None: by window width."""
        if demo:
            self.sub_title = "demo data (a temporary copy)"
        else:
            self.sub_title = str(repo.folder)
        if repo.read_only:
            self.sub_title = f"READ-ONLY · {self.sub_title}"

    class SaveStatus(Message):
        """From the writer thread: a save failed (``error``) or all is saved again (None)."""

        def __init__(self, error: SaveFailed | None) -> None:
            super().__init__()
            self.error = error

    def on_mount(self) -> None:
        self._listen_to_writer()
        screens = self._main_screens()
        for name, screen in screens.items():
            self.install_screen(screen, name)
        self.push_screen("board")
        self._verify_after_first_frame(screens["board"])
        screens["board"].call_after_refresh(self.warm_up)
        if self.ask_profile:
            screens["board"].call_after_refresh(self._ask_profile_once)

    def _listen_to_writer(self) -> None:
        writer = self.repo.writer
        if isinstance(writer, BackgroundWriter):
            # post_message is thread-safe and never waits: the writer must not
            # block on the app, which may already be gone when the last flush fails.
            writer.on_error = self._report_save_failed
            writer.on_recovered = self._report_saved_again

    def _main_screens(self) -> dict[str, AppScreen]:
        """The screens of MAIN_SCREENS, over the repository open now."""
        return {
            "board": BoardScreen(self.repo),
            "today": TodayScreen(self.repo),
            "people": PeopleScreen(self.repo),
            "scripts": ScriptsScreen(self.repo),
        }

    def _verify_after_first_frame(self, board: AppScreen) -> None:
        """Once the board has painted its cards, check the rest of the data in the background."""
        board.call_after_refresh(self.set_timer, VERIFY_DELAY, self.verify_data)

    @work(thread=True, group="warm-up")
    def warm_up(self) -> None:
        """Import the forms now, not on the first key press: keys typed while a form
        is still being built are lost, and a first import takes a few hundred ms."""
        import jobfutures_tui.modals.log_form
        import jobfutures_tui.modals.prospect_form  # noqa: F401

    MAIN_SCREENS = ("board", "today", "people", "scripts")

    def action_show(self, name: str) -> None:
        """Switch between the main screens (1 board, 2 today, 3 people, 4 scripts);
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

    def change(
        self,
        label: str,
        *,
        save: Sequence[Record] = (),
        delete: Sequence[Record] = (),
        select: str | None = None,
    ) -> bool:
        """Save an undoable change from any screen, then show it there.

        Read-only says so; damaged data stops the app.
        """
        try:
            self.history.apply(label, save=save, delete=delete)
        except ReadOnly as error:
            self.notify(str(error), severity="warning")
            return False
        except DataRefused as error:
            self.refuse(error)
            return False
        self._show_changes(select)
        return True

    def apply(self, change: Change, *, note: bool = True) -> bool:
        """Apply a use case's change (undoable) and show it; ``note`` says what was done
        and its warnings. False when nothing was saved (refused, or nothing to change)."""
        if change.empty:
            if note:
                self.notify(f"{change.label} already.", timeout=3)
            return False
        if not self.change(
            change.label, save=change.save, delete=change.delete, select=change.prospect_id
        ):
            return False
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
        """The screen on top redraws now; the others when they come back (AppScreen).
        A list in a modal (things to share) redraws the same way."""
        shown = getattr(self.screen, "data_changed", None)
        if callable(shown):
            shown(select)

    def open_prospect(self, prospect_id: str, *, person: str | None = None) -> None:
        """The detail screen of a job future, with one of its people selected."""
        from jobfutures_tui.screens.detail import DetailScreen

        if isinstance(self.screen, ModalScreen):
            return
        if not self.is_screen_installed("detail"):
            self.install_screen(DetailScreen(self.repo, prospect_id, person=person), "detail")
        detail = self.get_screen("detail")
        assert isinstance(detail, DetailScreen)
        detail.show_prospect(prospect_id, person=person)
        if self.screen is not detail:
            self.push_screen(detail)

    def archive_or_reopen(self, prospect_id: str) -> None:
        """Archive with a reason, or put an archived job future back on the board."""
        from jobfutures_tui.modals.lifecycle import archive_form, reopen_form
        from jobfutures_tui.usecases.lifecycle import ArchiveInput

        prospect = self.repo.prospect(prospect_id)
        if prospect is None:
            return
        name = self._company_name(prospect)

        def archived(closing: ArchiveInput | None) -> None:
            if closing is not None:
                self.apply(changes.close(self.repo, prospect, closing), note=False)

        def reopened(stage: Stage | None) -> None:
            if stage is not None:
                self.apply(changes.move(self.repo, prospect, stage), note=False)

        if prospect.is_open:
            self.push_screen(archive_form(name), archived)
        else:
            self.push_screen(reopen_form(name), reopened)

    def delete_prospect(self, prospect_id: str) -> None:
        """For mistakes: asks first, removes what only this job future used, undoable."""
        prospect = self.repo.prospect(prospect_id)
        if prospect is None:
            return
        name = self._company_name(prospect)
        doomed = changes.delete(self.repo, prospect)
        touches = doomed.details["touches"]
        detail = (
            f"It has {touches} logged touch{'es' if touches != 1 else ''}. "
            "Delete is for mistakes: to close a job future and keep its story, archive it (x). "
            "u undoes a delete."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self.apply(doomed, note=False)

        self.push_screen(Confirm(f"Delete {name}?", detail), answer)

    def _company_name(self, prospect: Prospect) -> str:
        company = self.repo.company(prospect.company_id)
        return company.name if company else "this job future"

    def snooze(self, prospect_id: str) -> None:
        """Ask until when, then save it (undoable)."""
        prospect = self.repo.prospect(prospect_id)
        if prospect is None:
            return
        name = self._company_name(prospect)

        def chosen(until: pendulum.Date | None) -> None:
            if until is not None:
                self.apply(changes.snooze(self.repo, prospect, until))

        self.push_screen(SnoozeForm(name, local_today()), chosen)

    def choose_plan(self, prospect_id: str) -> None:
        """The plans, this job future's marked; save the one chosen (undoable)."""
        from jobfutures_tui.modals.plan_list import PlanChoice, PlanList

        def chosen(choice: PlanChoice | None) -> None:
            prospect = self.repo.prospect(prospect_id)  # as it is now: the list may have changed it
            if choice is not None and prospect is not None:
                self._apply_saying_next(changes.choose_plan(self.repo, prospect, choice.plan_id))

        if self.repo.peek(Prospect, prospect_id, "id") is not None:
            self.push_screen(PlanList(self.repo, prospect_id=prospect_id), chosen)

    def manage_plans(self) -> None:
        """The plans, to write, copy, edit and delete (from the palette)."""
        from jobfutures_tui.modals.plan_list import PlanList

        self.push_screen(PlanList(self.repo))

    def skip_due(self, prospect_id: str) -> None:
        """Skip the touch due: the plan goes on as if it were made (undoable)."""
        prospect = self.repo.prospect(prospect_id)
        if prospect is None:
            return
        skipped = changes.skip(self.repo, prospect, local_today())
        if skipped is None:
            name = self._company_name(prospect)
            self.notify(f"Nothing is due for {name}: nothing to skip.", timeout=3)
            return
        self._apply_saying_next(skipped)

    def _apply_saying_next(self, change: Change) -> None:
        """Apply it, then say what it did and what comes next ('…; next: Thu 26 Nov · email')."""
        from jobfutures_tui.usecases.touch_log import next_words

        if change.empty:
            self.notify(f"{change.label} already.", timeout=3)
            return
        if self.apply(change, note=False):
            today = local_today()
            what, _ = next_words(change.next_touch(self.repo, today), today)
            self.notify(f"{change.label}; next: {what} (u undoes).", timeout=5)

    def edit_profile(self) -> None:
        """Who you are (from the palette): saved as one undoable change."""
        from jobfutures_tui.modals.profile_form import ProfileForm

        profile = self._stored_profile()

        def saved(result: Profile | None) -> None:
            if result is not None:
                self.apply(changes.save_profile(result))

        if profile is not None:
            self.push_screen(ProfileForm(profile), saved)

    def _ask_profile_once(self) -> None:
        """At the first start on a data folder: the profile form, with why it is asked.

        Whatever the answer (escape too) is remembered outside the undo history, so
        it is never asked again, even after undoing the profile that was saved.
        """
        from jobfutures_tui.modals.profile_form import ProfileForm

        profile = self._stored_profile()
        if profile is None or profile.asked or self._quitting or self._replacing:
            return
        if isinstance(self.screen, ModalScreen):
            return  # a form opened by a key typed early: ask at the next start instead

        def answered(result: Profile | None) -> None:
            try:
                self.repo.apply(save=[revise(profile, asked=True)])
            except ReadOnly as error:
                self.notify(str(error), severity="warning")
                return
            except DataRefused as error:
                self.refuse(error)
                return
            if result is not None and self.change("Saved your profile", save=[result]):
                self.notify("Saved your profile (u undoes; ctrl+p, Your profile, edits it).")

        self.push_screen(ProfileForm(profile, first_run=True), answered)

    def _stored_profile(self) -> Profile | None:
        """The profile as saved (a new empty one if none is), or None when it is damaged."""
        try:
            return self.repo.stored(Profile, PROFILE_ID) or Profile()
        except DataRefused as error:
            self.refuse(error)
            return None

    def log_touch(
        self, prospect_id: str, *, person_id: str | None = None, script_id: str | None = None
    ) -> None:
        """The log form with the suggested touch chosen; saved as one undoable change."""
        from jobfutures_tui.modals.log_form import LogForm
        from jobfutures_tui.usecases.decisions import open_one
        from jobfutures_tui.usecases.touch_log import Logged

        prospect = self.repo.prospect(prospect_id)
        if prospect is None:
            return
        name = self._company_name(prospect)
        future = open_one(self.repo, prospect_id)
        suggestion = future.suggestion(local_today()) if future is not None else None

        def logged(result: Logged | None) -> None:
            if result is not None:
                self.apply(changes.logged_change(self.repo, result))

        form = LogForm(
            self.repo,
            prospect,
            name,
            suggestion=suggestion,
            person_id=person_id,
            script_id=script_id,
        )
        self.push_screen(form, logged)

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
        self.post_message(self.SaveStatus(error))

    def _report_saved_again(self) -> None:
        self.post_message(self.SaveStatus(None))

    def on_unmount(self) -> None:
        writer = self.repo.writer
        if isinstance(writer, BackgroundWriter):
            writer.on_error = writer.on_recovered = None

    @work(thread=True, exclusive=True, group="verify")
    def verify_data(self) -> None:
        """Validate every stored record that the first frame did not need."""
        worker = get_current_worker()
        repo = self.repo
        if self._replacing:
            return  # the data is being replaced; what replaces it is checked afterwards
        try:
            repo.verify(should_stop=lambda: worker.is_cancelled)
        except DataRefused as error:
            self.call_from_thread(self.refuse, error, repo)

    def refuse(self, error: DataRefused, source: Repository | None = None) -> None:
        """The data turned out to be damaged: stop before anything is written over it.

        Not while a restore or a repair replaces it, nor when the refusal is about data that was
        replaced (``source``, the repository it was found in, is no longer the app's).
        """
        if self._replacing or (source is not None and source is not self.repo):
            return
        self.exit(return_code=1, message=Text(f"jobfutures: {error}"))

    def on_job_futures_app_save_status(self, message: SaveStatus) -> None:
        if message.error is not None:
            self.notify(str(message.error), title="Not saved", severity="error", timeout=10)
        else:
            self.notify("Everything is saved again.", title="Saved", timeout=4)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.title or "jobfutures", self.active_bindings))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While quitting, no key may start anything new (a form mounting while
        # the app tears down crashes in Textual), nor while a restore or repair replaces
        # the data; dialogs keep their own keys.
        return not (self._quitting or self._replacing)

    async def action_quit(self) -> None:
        self._quitting = True
        self.workers.cancel_group(self, "verify")  # quitting never waits for the check
        await self.push_screen(Saving())
        self.finish_and_quit()

    @work(thread=True, exclusive=True, group="quit")
    def finish_and_quit(self) -> None:
        """Wait for every pending save; never quit silently over a failed one."""
        try:
            self.repo.flush(timeout=10)
        except (SaveFailed, TimeoutError) as error:
            self.call_from_thread(self._ask_quit_anyway, str(error))
            return
        self.call_from_thread(self.exit)

    def _ask_quit_anyway(self, problem: str) -> None:
        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                message = Text(f"jobfutures: quit without saving: {problem}")
                self.exit(return_code=1, message=message)
            else:
                self._quitting = False

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
        """The palette offers every action of the screen below it, with its key,
        and the exports and backups the shell has too."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Your profile",
            "Who you are: the name that signs your scripts, your email, your city, your pitch",
            self.edit_profile,
        )
        yield SystemCommand(
            "Export everything",
            f"JSON, CSV and a calendar of what is due, into {exports_folder()}",
            self.export_everything,
        )
        yield SystemCommand(
            "Import a file",
            "LinkedIn connections, an address book, a spreadsheet, or a jobfutures export "
            "(added to your data, or replacing it): a dry run first",
            self.action_import,
        )
        yield SystemCommand(
            "Cadence plans",
            "The plans job futures follow: write your own, copy a built-in one, edit, delete",
            self.manage_plans,
        )
        yield SystemCommand(
            "Things to share",
            "Articles, events and work samples, and whom each went to",
            self.show_shareables,
        )
        yield SystemCommand(
            "Back up now",
            f"A one-file backup of everything, into {exports_folder()}",
            self.back_up_now,
        )
        yield SystemCommand(
            "Restore a backup…",
            "Replace all your data with an automatic backup, a backup file or a JSON export "
            "(after a backup of it)",
            self.action_restore,
        )
        yield SystemCommand(
            "Check the data",
            "Every record and link, as jobfutures check does; then repair what is safe "
            "(after a backup)",
            self.check_data,
        )
        seen: set[str] = set()
        owners: list[tuple[Screen[object] | App[None], list[Binding | object]]] = [
            (screen, list(screen.BINDINGS)),
            (self, list(self.BINDINGS)),
        ]
        for owner, bindings in owners:
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.tooltip:
                    continue
                if binding.action in seen or binding.action == "command_palette":
                    continue
                seen.add(binding.action)
                key = binding.key_display or binding.key.split(",")[0]
                yield SystemCommand(
                    f"{binding.description} ({key})",
                    binding.tooltip,
                    partial(self.run_action, binding.action, owner),
                )

    def show_shareables(self) -> None:
        from jobfutures_tui.modals.shareables import ShareablesScreen

        self.push_screen(ShareablesScreen(self.repo))

    @work(thread=True, exclusive=True, group="export")
    def export_everything(self) -> None:
        """The same export as ``jobfutures export``, off the UI thread."""
        from jobfutures_tui.exchange.actions import export_all

        folder = exports_folder() / pendulum.now().format("YYYY-MM-DD_HHmmss")
        self._report_files("Exported", lambda: export_all(self.repo, folder), folder)

    @work(thread=True, exclusive=True, group="export")
    def back_up_now(self) -> None:
        from jobfutures_tui.exchange.actions import backup_now

        folder = exports_folder()
        self._report_files("Backed up", lambda: [backup_now(self.repo, folder)], folder)

    @work(thread=True, exclusive=True, group="export")
    def export_markdown(self, prospect_id: str) -> None:
        """One job future as Markdown, as ``jobfutures export markdown``, for preparing a
        call: a file named after the company and the day, and the clipboard."""
        from jobfutures_tui.exchange.actions import export_prospect_markdown

        folder = exports_folder()

        def write() -> list[Path]:
            path = export_prospect_markdown(self.repo, prospect_id, folder)
            self.call_from_thread(self.copy_to_clipboard, path.read_text(encoding="utf-8"))
            return [path]

        written = self._write_files(write, folder)
        if written:
            said = f"Wrote {written[0]}\nAlso copied to the clipboard (if the terminal allows)."
            self.call_from_thread(self.notify, said, title="Markdown", timeout=8)

    def _report_files(self, verb: str, write: Callable[[], list[Path]], where: Path) -> None:
        files = self._write_files(write, where)
        if files is not None:
            names = ", ".join(path.name for path in files)
            self.call_from_thread(self.notify, f"{verb} to {where}: {names}", title=verb, timeout=8)

    def _write_files(self, write: Callable[[], list[Path]], where: Path) -> list[Path] | None:
        """Run ``write`` on the worker, into ``where``; a failure is shown and gives None."""
        from jobfutures_tui.exchange.errors import ExchangeError

        try:
            where.mkdir(parents=True, exist_ok=True)
            return write()
        except (OSError, ValueError, ExchangeError, StoreError) as error:
            self.call_from_thread(self.notify, str(error), title="Not written", severity="error")
            return None

    def action_import(self) -> None:
        """Ask for a file, read it on a worker with a progress bar, then ask before saving."""
        from jobfutures_tui.modals.import_file import REPLACE, ImportReview, import_form
        from jobfutures_tui.modals.restore import RestoreSource

        def chosen(choice: tuple[str, Path] | None) -> None:
            if choice is None:
                return
            kind, path = choice
            if kind == REPLACE:
                self.review_restore(RestoreSource(path, f"the export in {path}", json_export=True))
                return
            review = ImportReview(path)

            def answered(yes: bool | None) -> None:
                if yes and review.plan is not None:
                    self.apply_import(review.plan, path.name)

            self.push_screen(review, answered)
            self.plan_import_file(kind, path, review)

        self.push_screen(import_form(), chosen)

    @work(thread=True, exclusive=True, group="import")
    def plan_import_file(self, kind: str, path: Path, review: ImportReview) -> None:
        from jobfutures_tui.exchange.actions import plan_import
        from jobfutures_tui.exchange.errors import ExchangeError

        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            if done - shown >= 100 or done == total:  # a redraw per hundred rows
                shown = done
                self.call_from_thread(review.progress, done, total)

        try:
            plan = plan_import(self.repo, kind, path, progress)
        except (OSError, ValueError, ExchangeError, StoreError) as error:
            self.call_from_thread(review.show_problem, str(error))
            return
        self.call_from_thread(review.show_plan, plan)

    @work(thread=True, exclusive=True, group="import")
    def apply_import(self, plan: ImportPlan, name: str) -> None:
        """A backup first (as the shell does), then one undoable change."""
        from jobfutures_tui.exchange.safety import backup_first

        try:
            backup_first(self.repo)
        except (OSError, StoreError) as error:
            self.call_from_thread(self.notify, str(error), title="Not imported", severity="error")
            return
        label = f"Imported {plan.what()} from {name}"
        self.call_from_thread(self._imported, label, plan)

    def _imported(self, label: str, plan: ImportPlan) -> None:
        if self.change(label, save=plan.to_save()):
            self.notify(f"{label} (u undoes).", title="Imported", timeout=6)

    def jump(self, kind: str, target_id: str) -> None:
        """From the palette: a job future on the board; a person's story."""
        from jobfutures_tui.usecases.people import person_prospects

        repo = self.repo
        if kind == "prospect":
            board = self.get_screen("board")
            assert isinstance(board, BoardScreen)
            if repo.peek(Prospect, target_id, "stage") == Stage.ARCHIVE.value:
                board.show_archive_column(True)
            self.show_board(select=target_id)
        elif kind == "person":
            prospects = person_prospects(repo).get(target_id)
            if prospects:
                self.open_prospect(prospects[-1], person=target_id)
            else:
                self.action_show("people")
                people = self.get_screen("people")
                assert isinstance(people, PeopleScreen)
                people.data_changed(target_id)

    # ------------------------------------------------------------ restoring, checking, repairing

    def action_restore(self) -> None:
        """Choose a backup (or a file), check it whole, ask, then replace all the data."""
        from jobfutures_tui.exchange.backup import automatic_backups
        from jobfutures_tui.modals.restore import RestorePicker

        if not self._may_replace():
            return
        backups = automatic_backups(self.repo.folder)  # a folder listing: names and sizes

        def chosen(source: RestoreSource | None) -> None:
            if source is not None:
                self.review_restore(source)

        self.push_screen(RestorePicker(backups, self.repo.backups_folder), chosen)

    def _may_replace(self, doing: str = "replacing") -> bool:
        if self.repo.read_only:
            self.notify(self._read_only_refusal(doing), severity="warning")
        return not self.repo.read_only

    def _read_only_refusal(self, doing: str) -> str:
        return (
            f"This data is open read-only: {doing} it needs jobfutures opened without --read-only."
        )

    def review_restore(self, source: RestoreSource) -> None:
        """Check the file on a worker while the review waits, then ask (no by default)."""
        from jobfutures_tui.modals.restore import RestoreReview

        if not self._may_replace():
            return
        review = RestoreReview(source)

        def answered(yes: bool | None) -> None:
            if yes and review.snapshot is not None:
                self.restore(review.snapshot, source.label)

        self.push_screen(review, answered)
        self.check_restore_file(source, review)

    @work(thread=True, exclusive=True, group="restore")
    def check_restore_file(self, source: RestoreSource, review: RestoreReview) -> None:
        from jobfutures_tui.exchange.actions import check_restore
        from jobfutures_tui.exchange.errors import ExchangeError
        from jobfutures_tui.exchange.restore import counts_of, counts_summary

        try:
            snapshot = check_restore(source.path, json_export=source.json_export)
            current = counts_summary(counts_of(self.repo))
        except (OSError, ValueError, ExchangeError, StoreError) as error:
            self.call_from_thread(review.show_problem, str(error))
            return
        self.call_from_thread(review.show_snapshot, snapshot, current)

    def check_data(self) -> None:
        """``jobfutures check`` on a worker, its report in a dialog; ``y`` repairs."""
        from jobfutures_tui.modals.check import CheckReport

        refusal = self._read_only_refusal("repairing") if self.repo.read_only else ""
        report = CheckReport(self.repo.folder, no_repair=refusal)

        def answered(yes: bool | None) -> None:
            if yes:
                self.repair()

        self.push_screen(report, answered)
        self.run_check(report)

    @work(thread=True, exclusive=True, group="check")
    def run_check(self, report: CheckReport) -> None:
        from jobfutures_tui.exchange.actions import check_now
        from jobfutures_tui.exchange.errors import ExchangeError

        try:
            found = check_now(self.repo)
        except (OSError, ExchangeError, StoreError, TimeoutError) as error:
            self.call_from_thread(report.show_problem, str(error))
            return
        self.call_from_thread(report.show_report, found)

    def restore(self, snapshot: Snapshot, label: str) -> None:
        """The shell's restore (a backup of the data first), then the app starts over on it."""
        from jobfutures_tui.exchange.actions import restore_open

        def act() -> tuple[Repository, str]:
            repo, backup = restore_open(self.repo, snapshot, new_writer=BackgroundWriter)
            return repo, f"Restored {label}: {snapshot.summary()}.\n" + (
                f"Your data as it was before is in {backup}; restore it the same way to go back."
                if backup is not None
                else "There was no data before, so nothing needed a backup."
            )

        self._replace_data("Restoring", "restored", act)

    def repair(self) -> None:
        """The shell's repair (a backup of the data first), then the app starts over on it."""
        from jobfutures_tui.exchange.actions import repair_open
        from jobfutures_tui.exchange.check import check_folder

        if not self._may_replace("repairing"):
            return

        def act() -> tuple[Repository, str]:
            repo, repaired = repair_open(self.repo, new_writer=BackgroundWriter)
            after = check_folder(repo.folder)
            again = "no problems left." if after.ok else "Check the data lists what is left."
            back = "To go back, restore that backup (Restore a backup… in the palette)."
            return repo, "\n".join([*repaired.lines(), back, f"Checked again: {again}"])

        self._replace_data("Repairing", "repaired", act)

    def _replace_data(
        self, doing: str, done: str, act: Callable[[], tuple[Repository, str]]
    ) -> None:
        """Hold back every key, stop the background check, and run ``act`` on a worker: it
        closes the repository, restores or repairs (``done``), and opens the folder again."""
        self._replacing = True
        self.workers.cancel_group(self, "verify")
        self.push_screen(Saving(f"{doing}… (your data is backed up first)"))
        self.replace_data(done, act)

    @work(thread=True, group="replace")  # not exclusive: checking another file must not stop it
    def replace_data(self, done: str, act: Callable[[], tuple[Repository, str]]) -> None:
        """``act`` returns the repository opened again and what to say; the app carries on
        with it, whether ``act`` did its work or failed after the folder was closed."""
        from jobfutures_tui.exchange.actions import NotDone

        title = done.capitalize()
        severity: SeverityLevel = "information"
        try:
            repo, message = act()
        except (SaveFailed, TimeoutError, ReadOnly) as error:  # the data is as it was
            self.call_from_thread(self._not_done, done, str(error))
            return
        except NotDone as error:
            repo, message, title, severity = error.repo, str(error), f"Not {done}", "error"
        except StoreError as error:  # the folder cannot be opened again
            gone = Text(f"jobfutures: {done}, but the data cannot be opened again: {error}")
            self.call_from_thread(self.exit, return_code=1, message=gone)
            return
        start_over: Callable[[], Awaitable[None] | None] = partial(
            self._start_over, repo, message, title, severity
        )
        self.call_from_thread(start_over)  # returns once the screens are drawn anew

    def _not_done(self, done: str, problem: str) -> None:
        self._replacing = False
        self.pop_screen()  # the Restoring or Repairing notice
        self.notify(
            f"{problem}\nNothing was {done}: your data is as it was.",
            title=f"Not {done}",
            severity="error",
            timeout=10,
        )

    async def _start_over(
        self, repo: Repository, message: str, title: str, severity: SeverityLevel
    ) -> None:
        """Carry on with the repository opened again: new main screens over it, the board
        on top, and an empty undo history (a restore or a repair is not undoable: its
        backup is)."""
        self.repo = repo
        self.history = UndoHistory(repo)
        self._listen_to_writer()
        while len(self.screen_stack) > 2:  # the Restoring/Repairing notice, a story, any dialog
            await self.pop_screen()
        screens = self._main_screens()
        await self.switch_screen(screens["board"])  # the screen below leaves the stack
        old = [
            self.get_screen(name) for name in (*screens, "detail") if self.is_screen_installed(name)
        ]
        for screen in old:
            self.uninstall_screen(screen)
        for name, screen in screens.items():
            self.install_screen(screen, name)
        for screen in old:
            if screen.is_mounted:
                await screen.remove()
        self._replacing = False
        self.notify(message, title=title, severity=severity, timeout=12)
        self._verify_after_first_frame(screens["board"])
