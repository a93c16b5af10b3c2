"""Why the store refused to open or to save, in words for the user."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: the message is meant to be shown to the user as is."""


class DataLocked(StoreError):
    def __init__(self, folder: Path, holder: str = "") -> None:
        who = holder or "another jobfutures"
        super().__init__(
            f"{who[0].upper()}{who[1:]} is already using the data in {folder}.\n"
            "Close it first, or open this one read-only with --read-only."
        )
        self.folder = folder
        self.holder = holder
        """Who holds it: 'the jobfutures app (pid 4242)', or '' when unknown."""

    @property
    def is_app(self) -> bool:
        return "app" in self.holder


class LockUnusable(StoreError):
    """The lock file cannot be made or opened: a folder in its place, no rights…"""

    def __init__(self, path: Path, cause: OSError) -> None:
        reason = cause.strerror or str(cause)
        super().__init__(
            f"Cannot use the lock file {path} ({reason}): jobfutures needs it to make sure "
            "one program at a time writes the data. Nothing was changed."
        )
        self.path = path


class DataRefused(StoreError):
    """The data cannot be used as is; it was left byte-for-byte untouched."""

    def __init__(self, path: Path, problem: str, backups: Path) -> None:
        super().__init__(
            f"Cannot open {path}: {problem}.\nNothing was changed. Backups are in {backups}."
        )
        self.path = path
        self.problem = problem
        self.backups = backups


class ReadOnly(StoreError):
    def __init__(self) -> None:
        super().__init__("This data is open read-only: nothing can be changed.")


class SaveFailed(StoreError):
    """A write did not reach the disk; the change is still held in memory."""

    def __init__(self, path: Path, cause: BaseException) -> None:
        reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        super().__init__(f"Could not save {path.name}: {reason}. Kept in memory; will retry.")
        self.path = path
        self.cause = cause
