"""Textual's private API that the Pilot tests use, each in one place.

Written against Textual ``WRITTEN_AGAINST``; test_textual_internals.py checks
that each name still exists and behaves as assumed, and names that version
when an upgrade breaks one. Notifications are read through the app's own
``notify`` (pilot_helpers.messages), not Textual's private list.
"""

from __future__ import annotations

import pytest
import textual._wait
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

WRITTEN_AGAINST = "8.2.8"
IDLE_SLICE = 0.005
"""Seconds: Pilot's idle check waits for slices with no CPU use (Textual's is 20 ms)."""


def quick_idle_checks(monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    """Pilot waits after every key until the process has used no CPU for one
    slice, twice; 5 ms slices keep the same rule and cut the wait. With
    ``monkeypatch`` (a test) they are put back after it; without (the fuzz soak,
    benchmarks/fuzz.py, a process of its own) they stay."""
    if monkeypatch is None:
        monkeypatch = pytest.MonkeyPatch()  # never undone: the process ends with them
    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", IDLE_SLICE)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", IDLE_SLICE / 20)


def footer_keys(footer: Footer) -> list[FooterKey]:
    """The keys a footer shows, as widgets (Textual does not export their class)."""
    return list(footer.query(FooterKey))
