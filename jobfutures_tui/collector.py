"""The garbage collector: held during start-up, paused while many records load.

Starting up creates a few hundred thousand objects (classes, functions, the
parsed data) that live as long as the process; the garbage collector would
scan them again and again for nothing: one full collection and 40–90 ms before
the app's first frame, even at 10 job futures (docs/benchmarks.md). So the
``jobfutures`` process (launch.py) holds the collector until the start-up is
done: the first frame painted, or a command's arguments read. Then everything
made so far is frozen out of later collections, and the collector runs as usual.

Loading or deciding over thousands of records makes many small objects the
collector would only rescan, so that work pauses it (:func:`collector_paused`,
docs/architecture.md, "Why the speed tricks exist"). The collector's switch is
the whole process's: only the main thread touches it. A worker thread pausing it
would race the main thread (one re-enabling it while the other still needs it
off, or the start-up hold), so off the main thread every helper here does nothing.

Plain Python, no Textual: the store and the use cases use it (docs/architecture.md).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_held = False
_launched = False
"""The ``jobfutures`` command held the collector at its start (never in tests)."""


def _on_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def hold_collector() -> None:
    global _held, _launched
    if _on_main_thread() and gc.isenabled():
        gc.disable()
        _held = _launched = True


COMMAND_THRESHOLD = 50_000
"""Objects a shell command makes between two collections (Python's default: 700)."""


def release_collector(*, command: bool = False) -> None:
    """Start-up is done: what it made stays out of every collection, and the collector
    runs again. Only if :func:`hold_collector` stopped it (tests and library use
    never see it stopped, nor anything frozen).

    ``command``: a shell command, which lives for a fraction of a second and frees what
    it makes as it goes, collects rarely: at 5,000 job futures ``add`` ran 60
    collections that found nothing, 12 ms and more of its time (docs/architecture.md).
    Cyclic garbage is still collected, every :data:`COMMAND_THRESHOLD` objects."""
    global _held
    if _held and _on_main_thread():
        _held = False
        gc.freeze()
        if command:
            gc.set_threshold(COMMAND_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()


@contextlib.contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """The collector off for the block, on the main thread (elsewhere: nothing).

    ``freeze``: what the block loaded lives as long as the process, so it is frozen
    out of later collections, which would otherwise rescan it all every time (a
    command at 5,000 job futures spent 20-30 ms in collections that found nothing).
    """
    if not _on_main_thread():
        yield
        return
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def freeze_loaded() -> None:
    """Everything loaded is for good: keep it out of later collections (main thread only)."""
    if _on_main_thread():
        gc.freeze()


def freeze_settled() -> None:
    """The app's background work after its first frame is done, and what it loaded
    (the insights' counts, the check's caches) stays for the session: out of later
    collections, or the next full one rescans it all, in whatever key comes next
    (93 ms at 5,000 job futures). Only in the ``jobfutures`` command, which held the
    collector at its start: tests and programs embedding the app keep theirs."""
    if _launched and _on_main_thread():
        gc.freeze()
