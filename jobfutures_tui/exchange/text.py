"""Reading text files people hand us: any line ending, an optional BOM, NULs dropped."""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui.exchange.errors import ExchangeError

MAX_IMPORT_BYTES = 200 * 1024 * 1024
"""Far beyond any address book; stops a wrong file from eating the memory."""


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252, as spreadsheets save."""
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise ExchangeError(f"{path} is too large to import ({size // 1_048_576} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExchangeError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ExchangeError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise ExchangeError(f"cannot read {path}: {exc.strerror}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.removeprefix("\ufeff").replace("\x00", "")
