"""Safe storage of the user's data on TinyDB (docs/storage.md). No textual import here."""

from jobfutures_tui.store.errors import DataLocked, DataRefused, ReadOnly, SaveFailed, StoreError
from jobfutures_tui.store.repository import Repository
from jobfutures_tui.store.touch_index import TouchSummary
from jobfutures_tui.store.writer import BackgroundWriter, Writer

__all__ = [
    "BackgroundWriter",
    "DataLocked",
    "DataRefused",
    "ReadOnly",
    "Repository",
    "SaveFailed",
    "StoreError",
    "TouchSummary",
    "Writer",
]
