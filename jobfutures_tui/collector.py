"""The garbage collector during start-up.

Starting up creates a few hundred thousand objects (classes, functions, the
parsed data) that live as long as the process; the garbage collector would
scan them again and again for nothing: one full collection and 40–90 ms before
the app's first frame, even at 10 job futures (docs/benchmarks.md). So the
``jobfutures`` process (launch.py) holds the collector until the start-up is
done: the first frame painted, or a command's arguments read. Then everything
made so far is frozen out of later collections, and the collector runs as usual.
"""

from __future__ import annotations

import gc

_held = False


def hold_collector() -> None:
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector() -> None:
    """Start-up is done: what it made stays out of every collection, and the collector
    runs again. Only if :func:`hold_collector` stopped it (tests and library use
    never see it stopped, nor anything frozen)."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
