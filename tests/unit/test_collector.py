"""The collector waits for start-up only in the ``jobfutures`` process (collector.py):
library use and tests never find it stopped, nor anything frozen."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import gc
from jobfutures_tui import collector
{steps}
print(gc.isenabled(), gc.get_freeze_count() > 0)
"""


def after(steps: str) -> str:
    found = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(steps=steps)], capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    return found.stdout.strip()


def test_released_without_being_held_nothing_changes() -> None:
    assert after("collector.release_collector()") == "True False"


def test_held_until_released_then_start_up_is_frozen() -> None:
    assert after("collector.hold_collector()\nprint(gc.isenabled())") == "False\nFalse False"
    assert after("collector.hold_collector()\ncollector.release_collector()") == "True True"
