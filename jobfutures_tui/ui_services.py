"""What the screens, dialogs and workflows need of the running app.

They depend on this, never on ``JobFuturesApp``: the app imports the screens,
not the reverse, so the UI has no import cycle (tests/unit/test_layers.py).
The app satisfies these protocols structurally; mypy checks it in app.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from jobfutures_tui.store import DataRefused, Repository
    from jobfutures_tui.usecases.changes import Change


class JobFutures(Protocol):
    """Saving with undo, refusing damaged data, and the main screens."""

    repo: Repository
    script_panel_shown: bool | None
    """The user's choice (S) to show or hide the script panel; None: by window width."""
    quitting: bool
    replacing: bool
    """A restore or a repair is replacing the data: no key may start anything."""

    def apply(self, change: Change, *, note: bool = True) -> bool: ...

    def refuse(self, error: DataRefused, source: Repository | None = None) -> None: ...

    def action_show(self, name: str) -> None: ...

    def show_board(self, select: str | None = None) -> None: ...

    def follow_data(self, delay: float = ...) -> None:
        """Rewrite what lives outside the data (the calendar file, the shell's line)."""
        ...


class DataHost(JobFutures, Protocol):
    """What a restore or a repair needs to carry on with the data opened again."""

    def carry_on_with(self, repo: Repository) -> Mapping[str, Screen[None]]:
        """Use ``repo`` from now on; the new main screens over it, not yet installed."""
        ...

    def verify_after_first_frame(self) -> None: ...


@runtime_checkable
class MainScreen(Protocol):
    """A main screen over the data (``screens.base.AppScreen``): it redraws when the
    data or the settings change, and shows what a worker reports when no dialog
    waits for it. Known by what it does, so the workflows the screens import
    (file_work) need not import the screens back."""

    def data_changed(self, select: str | None = None) -> None: ...

    def settings_changed(self) -> None: ...


def services(app: App[Any]) -> JobFutures:
    """The running app, as what the UI needs of it."""
    return cast("JobFutures", app)


def data_host(app: App[Any]) -> DataHost:
    return cast("DataHost", app)
