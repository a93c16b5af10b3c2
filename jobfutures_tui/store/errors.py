"""Why the store refused to open or to save, in words for the user."""

from __future__ import annotations

import errno
from pathlib import Path

READ_ONLY_HINT = (
    "Commands that only read (due, export, check) still work, and jobfutures --read-only "
    "opens it to look."
)


def shown(path: Path | str) -> str:
    """A path as text safe to print: a control character in a name shows as an escape,
    never reaches the terminal as itself."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def where_written(cause: BaseException, fallback: Path) -> Path:
    """The folder a failed write was writing in: the one that is full, read-only or
    closed to us (the failing call names a file, often a temporary one, inside it)."""
    name = getattr(cause, "filename", None)
    return Path(name).parent if isinstance(name, str) and name else fallback


def why_not_written(cause: BaseException, where: Path) -> str:
    """What stopped a write, in words: 'the disk is full (/home/sam/jobfutures)'."""
    code = getattr(cause, "errno", None)
    place = shown(where)
    if code == errno.ENOSPC:
        return f"the disk is full ({place})"
    if code == errno.EDQUOT:
        return f"your disk quota is used up ({place})"
    if code == errno.EROFS:
        return f"{place} is on a read-only file system"
    if code in (errno.EACCES, errno.EPERM):
        return f"jobfutures may not write in {place} (permission denied)"
    reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
    return f"{reason} ({place})"


def what_to_do(cause: BaseException, where: Path) -> str:
    """The way out of a failed write, or '' when there is nothing to suggest."""
    code = getattr(cause, "errno", None)
    if code in (errno.ENOSPC, errno.EDQUOT):
        return "Free some space, then try again."
    if code == errno.EROFS:
        return READ_ONLY_HINT
    if code in (errno.EACCES, errno.EPERM):
        return f"Give yourself write permission there (chmod u+w {shown(where)}). {READ_ONLY_HINT}"
    return ""


def lost_words(path: Path, problem: str, backups: Path) -> str:
    """What a reader is told of a data file that lost records since the last commit:
    gone, or holding fewer than the manifest lists (docs/storage.md, "Commits")."""
    return (
        f"{shown(path)}: {problem}, so records it held are not here. If a sync tool is "
        "at work on this folder, try again in a "
        f"moment; otherwise restore a backup (jobfutures backups lists those in "
        f"{shown(backups)})."
    )


class StoreError(Exception):
    """Base class: the message is meant to be shown to the user as is."""


class DataLocked(StoreError):
    def __init__(self, folder: Path, holder: str = "") -> None:
        who = holder or "another jobfutures"
        super().__init__(
            f"{who[0].upper()}{who[1:]} is already using the data in {shown(folder)}.\n"
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
            f"Cannot use the lock file {shown(path)} ({reason}): jobfutures needs it to make "
            "sure one program at a time writes the data. Nothing was changed."
        )
        self.path = path


class NotWritable(StoreError):
    """The data folder cannot be opened for writing: a read-only file system, no
    permission, a full disk. Nothing was written."""

    def __init__(self, folder: Path, cause: OSError, *, doing: str = "") -> None:
        where = where_written(cause, folder)
        problem = why_not_written(cause, where)
        lines = [f"Cannot open the data in {shown(folder)} to change it: {problem}."]
        lines.append(f"{doing} Nothing was changed." if doing else "Nothing was changed.")
        advice = what_to_do(cause, where)
        super().__init__("\n".join([*lines, advice] if advice else lines))
        self.folder = folder
        self.cause = cause


class ReadOnlyFile(StoreError):
    """A data file made read-only by its permissions. A save replaces the file by a
    rename, which its own permissions do not stop: they are asked first instead."""

    def __init__(self, folder: Path, path: Path) -> None:
        super().__init__(
            f"Cannot open the data in {shown(folder)} to change it: {shown(path)} is "
            "read-only (its permissions say so).\nNothing was changed.\nGive yourself write "
            f"permission (chmod u+w {shown(path)}) to change the data. {READ_ONLY_HINT}"
        )
        self.path = path


class DataRefused(StoreError):
    """The data cannot be used as is; it was left byte-for-byte untouched."""

    def __init__(self, path: Path, problem: str, backups: Path) -> None:
        super().__init__(
            f"Cannot open {shown(path)}: {problem}.\nNothing was changed. "
            f"Backups are in {shown(backups)}."
        )
        self.path = path
        self.problem = problem
        self.backups = backups


class ReadOnly(StoreError):
    def __init__(self) -> None:
        super().__init__("This data is open read-only: nothing can be changed.")


class SaveFailed(StoreError):
    """A change did not reach the disk. Its message says what became of it on disk,
    which is all a command can say as it exits: nothing was written, or it is whole in
    the commit ``journal`` and the next open finishes it. The app, which keeps the
    change in memory and retries, says so instead (:attr:`in_memory`)."""

    def __init__(self, path: Path, cause: BaseException, *, journal: Path | None = None) -> None:
        self.path = where_written(cause, path.parent)
        """The folder the write failed in."""
        self.cause = cause
        self.journal = journal
        """Where the change is kept whole, to be finished at the next open (None: nowhere,
        nothing of it was written)."""
        self.problem = why_not_written(cause, self.path)
        self.advice = what_to_do(cause, self.path)
        if journal is not None:
            said = (
                f"The change was not finished: {self.problem}. It is kept whole in "
                f"{shown(journal)}, and jobfutures finishes it the next time it opens the "
                "data to change it."
            )
        else:
            said = f"Nothing was saved: {self.problem}. Your data is as it was."
        super().__init__(f"{said} {self.advice}".rstrip())

    @property
    def in_memory(self) -> str:
        """The app's words: the change is still held, and tried again."""
        return (
            f"Not saved: {self.problem}. Your change is kept in memory and saved as soon as "
            "it can be; quitting asks before losing it."
        )
