"""Reading text files people hand us: any line ending, an optional BOM, NULs dropped."""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui.exchange.limits import CONTACTS_LIMIT, read_file


def read_text(path: Path) -> str:
    """The file's text (refused past :data:`~.limits.CONTACTS_LIMIT`, before reading)."""
    return decoded(read_file(path, CONTACTS_LIMIT))


def decoded(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with its BOM, else Windows-1252, as
    spreadsheets save."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.removeprefix("\ufeff").replace("\x00", "")
