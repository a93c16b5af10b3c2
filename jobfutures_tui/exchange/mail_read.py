"""Reading mail on disk, headers only, streamed: an mbox file, a Maildir, ``.eml`` files.

What an import of mail needs is in the headers (who, to whom, when, the subject,
the Message-ID, whether it came from a list), so each message is read only up
to its blank line, and at most :data:`~jobfutures_tui.exchange.limits.MAIL_HEADER_LIMIT`
of it: memory stays flat whatever the size of the mailbox (docs/mail.md).

- An **mbox** file is scanned line by line here rather than with
  ``mailbox.mbox``, which first reads the whole file to build a table of every
  message's place (a second pass over a 2 GB file) and opens it for writing when
  it can. A message starts at a ``From `` line at the top of the file or after
  a blank line that names a sender and a time of day, as mbox writers
  (Thunderbird, Gmail's Takeout, mutt, Python's ``mailbox``) write it; a ``From ``
  line within a message's text is escaped (``>From``) by them, and one that was not
  rarely has a time of day in it.
- A **Maildir** is its ``cur`` and ``new`` folders, one file per message (the
  ``tmp`` folder holds mail still arriving); a Maildir++ folder's subfolders
  (``.Sent``) are Maildirs of their own and are found by the walk.
- A **folder** is walked whole (a Thunderbird profile: its mbox files have no
  extension, so a file is taken as an mbox when it starts with ``From ``, as a
  message when it ends in ``.eml``; the rest, indexes and all, is passed over).

The headers are parsed with the standard library's ``email`` package
(``BytesHeaderParser``, compat32 so that bytes which are not ASCII come through
as they are and are decoded here, header by header).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.limits import MAIL_HEADER_LIMIT

BLANK = (b"\n", b"\r\n")
_FROM_LINE = re.compile(rb"From \S+ .*\d:\d\d")
"""The line that starts a message in an mbox: 'From sender Mon Nov 16 10:00:00 2026'
(the sender and the time of day are there in every writer's); a sentence of a text
that starts with 'From ' and was not escaped has no time of day, as a rule."""
SKIPPED_NAMES = (".msf", ".dat", ".sqlite", ".json", ".html", ".js", ".lock")
"""Files in a mail folder that are not mail (Thunderbird's indexes, its settings)."""

MailProgress = Callable[[int, int, int], None]
"""Called with (bytes read, bytes in all, messages read) as the mail is read."""


@dataclass(frozen=True, slots=True)
class Source:
    """One file of mail: an mbox (many messages) or a single message."""

    path: Path
    mbox: bool
    size: int


@dataclass(frozen=True, slots=True)
class RawMessage:
    """A message's header block and where it is, in words ('Sent, line 1234')."""

    where: str
    headers: bytes


def sources(path: Path) -> list[Source]:
    """Every file of mail under ``path`` (a file, a Maildir or any folder), in a fixed order."""
    try:
        if path.is_file():
            return [Source(path, _starts_like_mbox(path), path.stat().st_size)]
        if not path.is_dir():
            raise ExchangeError(f"{path} does not exist")
        found: list[Source] = []
        for top, folders, files in os.walk(path):
            here = Path(top)
            folders.sort()
            if here.name in ("cur", "new") and _is_maildir(here.parent):
                found.extend(_message(here / name) for name in sorted(files))
                folders[:] = []
                continue
            if here.name == "tmp" and _is_maildir(here.parent):
                folders[:] = []
                continue
            for name in sorted(files):
                file = here / name
                if name.startswith(".") or name.endswith(SKIPPED_NAMES):
                    continue
                if name.lower().endswith(".eml"):
                    found.append(_message(file))
                elif _starts_like_mbox(file):
                    found.append(Source(file, True, _size(file)))
        return found
    except PermissionError as exc:
        raise ExchangeError(f"cannot read {exc.filename or path}: permission denied") from None


def _is_maildir(folder: Path) -> bool:
    return (folder / "cur").is_dir() and (folder / "new").is_dir()


def _message(path: Path) -> Source:
    return Source(path, False, _size(path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _starts_like_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def messages(
    path: Path, problems: list[str], progress: MailProgress | None = None
) -> Iterator[RawMessage]:
    """The header block of every message under ``path``; a file that cannot be read is
    said in ``problems`` and passed over."""
    found = sources(path)
    total = sum(source.size for source in found)
    base = path if path.is_dir() else path.parent
    done = 0
    count = 0
    step = max(total // 200, 1)
    reported = 0
    for source in found:
        name = _shown(source.path, base)
        try:
            if source.mbox:
                for offset, message in _mbox(source.path, name):
                    count += 1
                    if progress is not None and done + offset - reported >= step:
                        reported = done + offset
                        progress(reported, total, count)
                    yield message
            else:
                headers = _file_headers(source.path)
                count += 1
                yield RawMessage(name, headers)
        except OSError as exc:
            problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
        done += source.size
        if progress is not None and done - reported >= step:
            reported = done
            progress(done, total, count)
    if progress is not None:
        progress(total, total, count)


def _shown(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base)) or path.name
    except ValueError:
        return str(path)


def _file_headers(path: Path) -> bytes:
    """One message's headers: the lines up to the first blank one (a leading ``From ``
    line, as some programs save a single message, is dropped)."""
    kept: list[bytes] = []
    size = 0
    with path.open("rb") as handle:
        for number, line in enumerate(handle):
            if line in BLANK:
                break
            if number == 0 and line.startswith(b"From "):
                continue
            if size < MAIL_HEADER_LIMIT:
                kept.append(line)
                size += len(line)
            elif not line[:1].isspace() and b":" not in line:
                break  # far past any header: not a message
    return b"".join(kept)


def _mbox(path: Path, name: str) -> Iterator[tuple[int, RawMessage]]:
    """Each message of an mbox file with the byte offset it starts at."""
    kept: list[bytes] | None = None
    """The header lines of the message being read; None once its blank line went by."""
    size = 0
    line_no = 0
    start = 0
    start_line = 0
    offset = 0
    previous_blank = True
    with path.open("rb") as handle:
        for line in handle:
            line_no += 1
            if previous_blank and line.startswith(b"From ") and _FROM_LINE.match(line):
                if kept is not None:
                    yield start, RawMessage(f"{name}, line {start_line}", b"".join(kept))
                kept = []
                size = 0
                start = offset
                start_line = line_no
                previous_blank = False
                offset += len(line)
                continue
            offset += len(line)
            previous_blank = line in BLANK
            if kept is None:
                continue
            if previous_blank:
                yield start, RawMessage(f"{name}, line {start_line}", b"".join(kept))
                kept = None
            elif size < MAIL_HEADER_LIMIT:
                kept.append(line)
                size += len(line)
        if kept is not None:
            yield start, RawMessage(f"{name}, line {start_line}", b"".join(kept))


_PARSER = BytesHeaderParser(policy=compat32)

WANTED = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "date",
        "message-id",
        "subject",
        "list-id",
        "list-unsubscribe",
        "precedence",
        "auto-submitted",
        "x-autoreply",
        "x-autorespond",
        "delivered-to",
        "x-original-to",
        "received",
    }
)


def header_fields(headers: bytes) -> dict[str, list[str]]:
    """The headers an import reads, by lower-case name, each value as written (bytes that
    are not ASCII kept as surrogates, for :func:`~jobfutures_tui.exchange.mail_text.text_of`)."""
    message = _PARSER.parsebytes(headers)
    found: dict[str, list[str]] = {}
    for key, value in message.raw_items():
        name = key.lower()
        if name in WANTED:
            found.setdefault(name, []).append(str(value))
    return found
