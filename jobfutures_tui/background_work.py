"""What the app does in the background, besides saving: after the first frame and
after each change.

- Once the board has painted: the collector runs again (collector.py), the
  forms and other main screens are imported on a worker (a key typed while a form
  is first imported would be lost), and a moment later the insights' counts are
  warmed, then every record the first frame did not need is checked.
- After every change, undo and redo: what lives outside the data follows it
  (exchange/outputs.py: the kept calendar file, the line a new shell prints), on
  a worker, once for a burst of changes, and once more when quitting if a change
  came just before. docs/architecture.md, "The layers" and "Why the speed
  tricks exist", says why.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from textual.app import App
from textual.worker import Worker, get_current_worker

from jobfutures_tui.collector import freeze_settled, release_collector
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.ui_services import services

BACKGROUND_DELAY = 0.2
"""Seconds after the board is painted before the background work starts: the
insights' memory (each job future's share, read from the index: about 0.2 s at
5,000 job futures; counted from the touches when not kept, about a second), then
the check of every record. Early, so a 5 pressed a second after opening finds it
ready; not at once, so the board's last paint and a first key come first."""
QUIET_AFTER_INPUT = 0.4
"""Seconds the check of every record waits after a key or a click: what the key
starts (a screen built, the insights' figures) has the machine to itself instead of
half of it. A 5 pressed a second after opening, with the check running beside it,
took twice as long as one pressed before the check began (docs/benchmarks.md)."""
_last_input = 0.0
"""When the last key or click came (time.monotonic); one app runs in a process."""
FOLLOW_DELAY = 0.5
"""Seconds after a change before the calendar file and the shell's line follow it."""
FOLLOW_AT_START = 3.0
"""After the first frame and the check of the records have had the machine."""


def after_first_frame(app: App[Any]) -> None:
    """Once the board has painted its cards, let the collector run again (launch.py)
    and check the rest of the data in the background.

    Queued on the app, which hands it to the screen on top (the board) once the
    app's start-up is done: a callback queued on the board itself would run at its
    first refresh, while Textual still holds the paint, and compete with it
    (docs/architecture.md, "Why the speed tricks exist")."""
    app.call_after_refresh(release_collector)
    app.call_after_refresh(app.set_timer, BACKGROUND_DELAY, partial(verify, app))


def warm_up(app: App[Any]) -> None:
    """Import the forms and the other main screens now, once the first frame is out,
    not on the first key press: keys typed while a form is still being built are
    lost, and a first import takes a few hundred ms."""
    app.run_worker(_import_forms, name="warm_up", group="warm-up", thread=True)


def _import_forms() -> None:
    import jobfutures_tui.modals.help
    import jobfutures_tui.modals.log_form
    import jobfutures_tui.modals.prospect_form
    import jobfutures_tui.screens.insights
    import jobfutures_tui.screens.people
    import jobfutures_tui.screens.scripts
    import jobfutures_tui.screens.today
    import jobfutures_tui.touch_opening  # noqa: F401  (o, O, Y: the board imports none at start)


def verify(app: App[Any]) -> None:
    """Validate every stored record that the first frame did not need, on a worker
    (group "verify": a restore, a repair and quitting cancel it)."""
    app.run_worker(
        partial(_verify, app), name="verify_data", group="verify", exclusive=True, thread=True
    )


def _verify(app: App[Any]) -> None:
    worker = get_current_worker()
    host = services(app)
    repo = host.repo
    if host.replacing:
        return  # the data is being replaced; what replaces it is checked afterwards
    try:
        # The insights' memory first: a 5 pressed meanwhile waits for it instead of
        # counting beside the check, and counts only what changed once it is ready.
        from jobfutures_tui.usecases.insights import warm as warm_insights

        warm_insights(repo)
        if not (worker.is_cancelled or host.replacing):
            repo.verify(should_stop=partial(_stop_or_make_way, worker))
    except DataRefused as error:
        app.call_from_thread(host.refuse, error, repo)
        return
    if not worker.is_cancelled:
        app.call_from_thread(freeze_settled)  # the collector's switch is the main thread's


def input_seen() -> None:
    """A key or a click came (app.py): the check of the records makes way for it."""
    global _last_input
    _last_input = time.monotonic()


def _stop_or_make_way(worker: Worker[Any]) -> bool:
    """Polled by the check between records: True once cancelled; until then, while a
    key or a click came less than :data:`QUIET_AFTER_INPUT` ago, it waits."""
    while not worker.is_cancelled:
        left = _last_input + QUIET_AFTER_INPUT - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(left, 0.05))
    return True


class Outputs:
    """The calendar file the settings name and the line a new shell prints, kept
    following the data (not for the demo, nor read-only data)."""

    def __init__(self, app: App[Any], *, demo: bool) -> None:
        self.app = app
        self.demo = demo
        self.followed = services(app).repo.revision
        """The data's revision the calendar file and the shell's line last followed."""

    def follow(self, delay: float = FOLLOW_DELAY) -> None:
        from jobfutures_tui.exchange.brief import anything_kept

        repo = services(self.app).repo
        if not (self.demo or repo.read_only) and anything_kept(repo.folder):
            self.app.run_worker(
                partial(self._follow_after, repo, delay),
                name="_follow_data",
                group="outputs",
                exclusive=True,
                thread=True,
            )

    def _follow_after(self, repo: Repository, delay: float) -> None:
        worker = get_current_worker()
        waited = 0.0
        while waited < delay:  # a burst of changes is followed once; quitting does not wait
            if worker.is_cancelled:
                return
            time.sleep(0.05)
            waited += 0.05
        if not worker.is_cancelled and not services(self.app).replacing:
            self.follow_now(repo)

    def follow_now(self, repo: Repository) -> None:
        """On a worker: bring them up to date now, saying what could not be written."""
        from jobfutures_tui.exchange.brief import anything_kept
        from jobfutures_tui.exchange.outputs import follow_open

        revision = repo.revision
        if anything_kept(repo.folder):
            for problem in follow_open(repo):
                self.app.call_from_thread(self.app.notify, problem, severity="warning", timeout=8)
        self.followed = revision

    def catch_up(self) -> None:
        """When quitting (on its worker): a change just before q is followed too."""
        repo = services(self.app).repo
        if self.followed != repo.revision and not self.demo:
            self.follow_now(repo)
