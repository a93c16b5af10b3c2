"""How long the property tests search: briefly in the suite, at length on demand.

The suite has to stay under two minutes on two cores, so each Hypothesis test
tries a third of the examples it names (at least 10), and the ones that name none
try 40 instead of Hypothesis' 100. ``JOBFUTURES_THOROUGH=1 pytest`` (README,
"Developing") runs every one at the full count it names, as a soak before a
release or after a change to the rules.
"""

from __future__ import annotations

import os

from hypothesis import settings

THOROUGH = os.environ.get("JOBFUTURES_THOROUGH", "") not in ("", "0")


def examples(full: int) -> int:
    """The examples a test tries: ``full`` when thorough, a third of it otherwise."""
    return full if THOROUGH else max(10, full // 3)


settings.register_profile("suite", max_examples=examples(40))
settings.register_profile("thorough", max_examples=examples(100))
settings.load_profile("thorough" if THOROUGH else "suite")
