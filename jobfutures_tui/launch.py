"""The ``jobfutures`` command's first step, before anything heavy is imported: the
collector waits for start-up to be done (collector.py), and pydantic is told that
no plugin is wanted."""

from __future__ import annotations

import contextlib
import os
import sys
import types

from jobfutures_tui.collector import hold_collector


def main() -> int:
    """The ``jobfutures`` command (and ``python -m jobfutures_tui``)."""
    prepare()
    from jobfutures_tui.cli import main as run

    return run()


def prepare() -> None:
    """What the command does before its first heavy import (benchmarks/probe.py too)."""
    hold_collector()
    # Pydantic looks for plugins (entry points of every installed package, read from
    # their metadata) when it builds its first validator, at every start: ~3 ms.
    # jobfutures uses none. Set here, in the command only, so a program importing the
    # package keeps its own plugins; a user's own setting wins (docs/architecture.md).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    no_plugin_loader()


LARGE_BLOCK = 128 * 1024
"""Bytes from which a block comes from the system and goes back to it when freed."""
_M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter (malloc.h)."""


def large_blocks_from_the_system() -> None:
    """Keep glibc's threshold for large blocks where it starts (128 KB), not rising.

    glibc raises it each time such a block is freed, up to 32 MB: after the app let go
    of the derived index's bytes (6 MB at 5,000 job futures), every file's bytes and
    big table came from the heap, and freed they stayed there, scattered among what
    is kept: 15 MB of it free once the background work was done. Fixed, the app's
    peak there fell by 3 MB; at 10 job futures nothing changes (docs/architecture.md).
    The app only (cli.run_app): a command, over in a second, gained nothing and its
    page faults cost it CPU. Only where the C library is glibc; ctypes is imported at
    start anyway."""
    try:
        os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        return  # not glibc: its allocator does as it does
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)


PLUGIN_LOADER = "pydantic.plugin._loader"


def no_plugin_loader() -> None:
    """With every plugin turned off, a loader that finds none stands in for pydantic's.

    Pydantic's imports importlib.metadata (and with it email, csv and zipfile: ~8 ms
    at every start) only to look for the plugins that setting turns off; its one
    function then returns none. Only while the setting is the command's own, and
    before pydantic is imported. tests/test_launch.py checks that pydantic still
    asks for its loader that way alone (docs/architecture.md)."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or PLUGIN_LOADER in sys.modules:
        return
    loader = types.ModuleType(PLUGIN_LOADER, "No pydantic plugins (jobfutures_tui/launch.py).")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> ()
    sys.modules[PLUGIN_LOADER] = loader
