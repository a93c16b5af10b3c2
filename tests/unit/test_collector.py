"""The collector waits for start-up only in the ``jobfutures`` process (collector.py):
library use and tests never find it stopped, nor anything frozen."""

from __future__ import annotations

import subprocess
import sys

from jobfutures_tui import collector

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


def test_a_shell_command_collects_rarely_and_the_app_as_usual() -> None:
    threshold = "print(gc.get_threshold()[0])"
    command = "collector.hold_collector()\ncollector.release_collector(command=True)\n"
    assert after(command + threshold).splitlines()[0] == str(collector.COMMAND_THRESHOLD)
    app = "collector.hold_collector()\ncollector.release_collector()\n"
    assert after(app + threshold).splitlines()[0] == "700"
    assert after("collector.release_collector(command=True)\n" + threshold) == "700\nTrue False"


IN_A_WORKER = """
import threading
seen = []
def work():
    {call}
    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
worker = threading.Thread(target=work)
worker.start()
worker.join()
print(seen[0][0], seen[0][1])
"""


def test_a_worker_thread_never_stops_nor_freezes_the_collector() -> None:
    """The switch is the whole process's: a worker pausing it would race the main thread."""
    for call in (
        "with collector.collector_paused(freeze=True): seen.append((gc.isenabled(), False))",
        "collector.freeze_loaded()",
        "collector.hold_collector()",
    ):
        program = IN_A_WORKER.format(call=call)
        assert after(program).splitlines()[-2:] == ["True False", "True False"], call


def test_on_the_main_thread_the_pause_stops_it_for_the_block_only() -> None:
    program = "with collector.collector_paused():\n    print(gc.isenabled())"
    assert after(program) == "False\nTrue False"
    program = "with collector.collector_paused(freeze=True):\n    print(gc.isenabled())"
    assert after(program) == "False\nTrue True"


def test_a_pause_inside_the_start_up_hold_leaves_it_held() -> None:
    program = "collector.hold_collector()\nwith collector.collector_paused():\n    pass"
    assert after(program) == "False False"


def test_what_the_apps_background_work_loaded_is_frozen_in_the_command_only() -> None:
    """Once the app's background work is done, what it loaded stays out of later
    collections: only in the process the command started (which held the collector)."""
    assert after("collector.freeze_settled()") == "True False"
    held = "collector.hold_collector()\ncollector.release_collector()\ngc.unfreeze()\n"
    assert after(held + "collector.freeze_settled()") == "True True"
