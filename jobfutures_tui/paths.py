"""Where the user's data lives. Resolved when asked, never at import time."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

ENV_VAR = "JOBFUTURES_DATA"
BACKUPS_ENV_VAR = "JOBFUTURES_KEEP_BACKUPS"
DEFAULT_KEEP = 10
"""Automatic backups kept beside the data unless the user says otherwise."""
APP_NAME = "jobfutures"


def data_folder(
    override: str | os.PathLike[str] | None = None,
    *,
    configured: str | os.PathLike[str] | None = None,
) -> Path:
    """``--data`` first, then ``$JOBFUTURES_DATA``, then the settings' ``data_folder``
    (``configured``), then the platform's user data folder."""
    chosen = override or os.environ.get(ENV_VAR) or configured
    if chosen:
        return Path(chosen).expanduser().absolute()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_folder() -> Path:
    """The platform's user cache folder: what can be worked out again, kept to save
    the work (the app's parsed CSS)."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def cache_file(kind: str, folder: Path) -> Path:
    """Where something worked out from the data in ``folder`` is kept: in the cache
    folder, not beside the data (it is no data of the user's), one file per data
    folder in a folder per kind (``brief``: the shell's line; ``due``: the day's list)."""
    name = hashlib.sha256(str(folder.absolute()).encode()).hexdigest()[:24]
    return cache_folder() / kind / f"{name}.json"
