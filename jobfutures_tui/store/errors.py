"""Why the store refused to open or to save, in words for the user."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: the message is meant to be shown to the user as is."""


class DataLocked(StoreError):
    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"Another jobfutures is already using the data in {folder}.\n"
            "Close it first, or open this one read-only with --read-only."
        )
        self.folder = folder


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
