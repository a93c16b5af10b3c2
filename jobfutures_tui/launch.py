"""The ``jobfutures`` command's first step, before anything heavy is imported: the
collector waits for start-up to be done (collector.py)."""

from __future__ import annotations

from jobfutures_tui.collector import hold_collector


def main() -> int:
    """The ``jobfutures`` command (and ``python -m jobfutures_tui``)."""
    hold_collector()
    from jobfutures_tui.cli import main as run

    return run()
