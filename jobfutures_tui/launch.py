"""The ``jobfutures`` command's first step, before anything heavy is imported: the
collector waits for start-up to be done (collector.py), and pydantic is told that
no plugin is wanted."""

from __future__ import annotations

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
