"""What the data commands share: the folder, plain output, JSON, a y/N question, a progress bar.

Everything the shell prints goes through :func:`emit`, :func:`say` or :func:`complain`,
which show control codes instead of sending them (``for_terminal``): names, file paths
and messages come from the user's data and files, and a company named with an escape
sequence must not drive the terminal that lists it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from jobfutures_tui import settings
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models.clean import TERMINAL_UNSAFE, for_terminal
from jobfutures_tui.paths import data_folder

if TYPE_CHECKING:
    from jobfutures_tui.store import DataLocked, Repository

EXIT_OK = 0
EXIT_USER_ERROR = 1
PROGRESS_MIN_ROWS = 300
"""Smaller files are read before a bar would be seen."""
BAR_CELLS = 30


@contextlib.contextmanager
def folder_of(args: argparse.Namespace) -> Iterator[Path]:
    """The data folder the command works on: ``--data``, the default, or a demo copy."""
    if getattr(args, "demo", False):
        with demo_folder() as folder:
            yield folder
    else:
        yield data_folder(args.data, configured=settings.current().settings.data_folder)


@contextlib.contextmanager
def demo_folder() -> Iterator[Path]:
    """A temporary copy of the sample data, removed afterwards; never the user's data."""
    from jobfutures_tui.demo import populate
    from jobfutures_tui.store import Repository

    folder = Path(tempfile.mkdtemp(prefix="jobfutures-demo-"))
    try:
        with Repository.open(folder / "data") as repo:
            populate(repo)
        yield folder / "data"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


LOCK_WAIT = 3.0
"""Seconds a command waits for another one to finish writing."""


def holder_of(args: argparse.Namespace) -> str:
    """Who this command is, as the lock names it to the next one."""
    return f"the command jobfutures {args.command}"


def lock_of(args: argparse.Namespace) -> dict[str, Any]:
    """How a restore or a repair, which open the folder themselves, take it: who we
    are, how long to wait for it, and the backups to keep."""
    return {"keep_backups": args.keep_backups, "holder": holder_of(args), "lock_wait": LOCK_WAIT}


@contextlib.contextmanager
def opened_to_change(
    args: argparse.Namespace, folder: Path, *, verify: bool = True, there: str = ""
) -> Iterator[Repository]:
    """The data in ``folder``, opened to change it after waiting for the lock a little;
    held by someone else, it is a refusal that says so (:func:`locked_words`).
    Unverified, each file is read when first used: a change reads what it touches."""
    from jobfutures_tui.store import DataLocked, Repository

    try:
        repo = Repository.open(
            folder,
            keep_backups=args.keep_backups,
            verify=verify,
            lazy=not verify,
            holder=holder_of(args),
            lock_wait=LOCK_WAIT,
            paced_backups=True,
        )
    except DataLocked as locked:
        raise ExchangeError(locked_words(locked, there)) from None
    with repo:
        from jobfutures_tui.exchange.conflict_copies import merge_any

        merged = merge_any(repo)
        if merged is not None:
            complain(merged)
        yield repo


def locked_words(locked: DataLocked, there: str = "") -> str:
    """Who holds the data and what to do, in the shell's words; ``there``: how to make
    the change in the app instead ('Log it there with c')."""
    from jobfutures_tui.store.errors import shown

    folder = shown(locked.folder)
    if locked.is_app:
        do = f"{there}, or quit it (q)" if there else "Quit it (q)"
        return (
            f"{locked.holder} has the data in {folder} open, so nothing was saved.\n"
            f"{do} and run this again."
        )
    who = locked.holder or "another jobfutures"
    return (
        f"{who} was still writing the data in {folder} after {LOCK_WAIT:.0f} seconds, so "
        "nothing was saved. Run this again once it is done."
    )


def refuse_read_only(args: argparse.Namespace, what: str) -> None:
    if getattr(args, "read_only", False):
        raise ExchangeError(f"--read-only: {what} would change the data, so it was not done")


def emit(text: str) -> None:
    """Write to stdout at once, control codes shown; a closed pipe (``| head``) is not
    an error."""
    try:
        sys.stdout.write(for_terminal(text))
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def emit_lines(lines: list[str]) -> None:
    emit("".join(line + "\n" for line in lines))


def emit_json(document: Any) -> None:
    emit(json_text(document))


def json_text(document: Any) -> str:
    """Indented JSON, UTF-8 as it is, except what must not reach a terminal raw: written
    as ``\\u`` escapes, so a script reads the same value."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return TERMINAL_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def say(text: str) -> None:
    """A remark for the person at the terminal, kept out of stdout (which may be a file)."""
    print(for_terminal(text), file=sys.stderr)


def complain(problem: str) -> None:
    """``jobfutures: PROBLEM`` on stderr, control codes shown."""
    say(f"jobfutures: {problem}")


def interactive() -> bool:
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def confirm(question: str) -> bool:
    """Ask on the terminal; anything but y/yes is no."""
    try:
        sys.stderr.write(f"{for_terminal(question)} [y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().casefold() in ("y", "yes")


def should_apply(args: argparse.Namespace, question: str) -> bool:
    """``--apply`` says yes; at a terminal we ask; in a script the answer is no."""
    if args.apply:
        return True
    if args.json or not interactive():
        return False
    return confirm(question)


def progress_bar(
    label: str, stream: TextIO | None = None, *, force: bool = False
) -> Callable[[int, int], None] | None:
    """A bar on stderr for long imports, only when a person is watching."""
    out = stream or sys.stderr
    label = for_terminal(label)
    if not force and not out.isatty():
        return None
    shown = False

    def update(done: int, total: int) -> None:
        nonlocal shown
        if total < PROGRESS_MIN_ROWS:
            return
        filled = BAR_CELLS * done // max(total, 1)
        bar = "█" * filled + "░" * (BAR_CELLS - filled)
        out.write(f"\r{label} {bar} {done}/{total}")
        shown = True
        if done >= total:
            out.write("\n")
        out.flush()

    return update


def write_output(path: str | None, data: bytes, *, force: bool) -> Path | None:
    """To ``path`` (refusing to replace a file without --force), or to stdout for None / -."""
    if path in (None, "-"):
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        return None
    from jobfutures_tui.store.files import ensure_folder, write_atomic

    target = Path(path).expanduser()
    if target.is_dir():
        raise ExchangeError(f"{target} is a folder; give a file name")
    if target.exists() and not force:
        raise ExchangeError(f"{target} already exists; add --force to replace it")
    try:
        ensure_folder(target.parent)
        write_atomic(target, data)
    except OSError as exc:
        raise ExchangeError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def warn_missing(repo: Repository) -> None:
    """A command that only reads says which data files lost records (gone, or holding
    fewer than the manifest lists): what it prints leaves them out (docs/storage.md)."""
    from jobfutures_tui.store.errors import lost_words

    for name, problem in repo.lost_files.items():
        complain(
            f"warning: {lost_words(repo.folder / name, problem, repo.backups_folder)} "
            "What follows leaves those records out."
        )


@contextlib.contextmanager
def opened_to_list(folder: Path, command: str) -> Iterator[Repository]:
    """The data opened to list what is due (due, due --brief, remind), saying first
    which files lost records. It keeps the derived index it had to work out (on a
    folder another device's sync changed): the next command and shell need not."""
    from jobfutures_tui.store import Repository

    with Repository.open(
        folder,
        read_only=True,
        verify=False,
        lazy=True,
        keep_index=True,
        holder=f"the command jobfutures {command}",
    ) as repo:
        warn_missing(repo)
        yield repo


def say_merges(repo: Repository) -> None:
    """What the command's commits merged from another device (a sync folder), on stderr."""
    writer = repo.writer
    for note in writer.merge_notes if writer is not None else []:
        complain(note)


def run_handler(args: argparse.Namespace) -> int:
    """Call the command's handler; a refusal of ours becomes a message and exit 1."""
    import importlib

    from jobfutures_tui.store import DataLocked

    module_name, _, function = args.handler.partition(":")
    handler = getattr(importlib.import_module(module_name), function)
    watched = _watched(args)
    try:
        code: int = handler(args)
    except ExchangeError as error:
        complain(str(error))
        return EXIT_USER_ERROR
    except DataLocked as locked:  # restore and repair take the lock themselves
        complain(locked_words(locked))
        return EXIT_USER_ERROR
    finally:
        if watched is not None and _files_now(watched[0]) != watched[1]:
            _follow(watched[0])
    return code


def _watched(args: argparse.Namespace) -> tuple[Path, str | None] | None:
    """The data folder and how its files are before a command (None for the demo's copy),
    so that what follows the data (a kept calendar…) follows any command that changed it."""
    if getattr(args, "demo", False):
        return None
    folder = data_folder(args.data, configured=settings.current().settings.data_folder)
    return folder, _files_now(folder)


def _files_now(folder: Path) -> str | None:
    """How the data files are, if anything follows them (None: nothing does, so there is
    nothing to compare: stating a lifetime of months twice a command for nothing)."""
    from jobfutures_tui.exchange.brief import anything_kept, worked_out_from
    from jobfutures_tui.models.dates import today

    return worked_out_from(folder, today()) if anything_kept(folder) else None


def _follow(folder: Path) -> None:
    from jobfutures_tui.exchange.outputs import follow_folder

    for problem in follow_folder(folder):
        complain(problem)
