"""The ``jobfutures`` command's first step, before anything heavy is imported: the
collector waits for start-up to be done (collector.py), and pydantic is told that
no plugin is wanted."""

from __future__ import annotations

import os

from jobfutures_tui.collector import hold_collector


def main() -> int:
    """The ``jobfutures`` command (and ``python -m jobfutures_tui``)."""
    hold_collector()
    # Pydantic looks for plugins (entry points of every installed package, read from
    # their metadata) when it builds its first validator, at every start: ~3 ms.
    # jobfutures uses none. Set here, in the command only, so a program importing the
    # package keeps its own plugins; a user's own setting wins (docs/architecture.md).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from jobfutures_tui.cli import main as run

    return run()
