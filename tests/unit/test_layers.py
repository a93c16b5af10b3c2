"""The layers hold (docs/architecture.md): each package imports only those below it.

    models ← engine ← store ← usecases ← exchange ← commands, and the UI on top

Read from the source (every import, inside functions too), and checked by
loading everything below the UI in a fresh interpreter: no Textual.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jobfutures_tui"

BELOW_UI = ("models", "engine", "store", "usecases", "exchange", "commands")
MAY_IMPORT = {
    "models": {"models"},
    "engine": {"models", "engine"},
    "store": {"models", "engine", "store"},
    "usecases": {"models", "engine", "store", "settings", "usecases"},
    "exchange": {"models", "engine", "store", "settings", "usecases", "exchange"},
}
"""Each layer below the UI, and what it may import of the project (paths.py, the
package's __init__ and settings.py, which reads the user's settings file with
the store's atomic writes, sit beside the store)."""


def imports_of(path: Path) -> set[str]:
    """The project modules a file imports, anywhere in it (functions included,
    TYPE_CHECKING blocks too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("jobfutures_tui.")}


def layer_of(module: str) -> str:
    return module.split(".")[1]


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = []
    for module in imports_of(PACKAGE / "settings.py"):
        if layer_of(module) not in {"models", "store", "paths"}:
            wrong.append(f"settings.py imports {module}")
    for layer, allowed in MAY_IMPORT.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for module in imports_of(path):
                if layer_of(module) not in allowed and layer_of(module) != "paths":
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []


BANNED_CALLS = {"open", "Path", "now", "today", "local_timezone", "read_text", "read_bytes"}
"""Calls that reach outside: files, the clock, the user's zone."""


def test_the_engine_reads_no_files_and_no_clock() -> None:
    """Pure: everything it decides from is passed in (today, the zone, the records)."""
    wrong = []
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                called = node.func
                name = (
                    called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
                )
                if name in BANNED_CALLS:
                    wrong.append(f"{path.name}:{node.lineno} calls {name}()")
            elif isinstance(node, ast.Name) and node.id == "Repository":
                wrong.append(f"{path.name}:{node.lineno} names the Repository")
    assert wrong == [], "the engine must stay pure"


PROBE = """
import importlib
import pkgutil
import sys

for name in {names!r}:
    package = importlib.import_module("jobfutures_tui." + name)
    for module in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
        importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print(",".join(loaded) or "none")
"""


def test_everything_below_the_ui_loads_without_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=BELOW_UI)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
