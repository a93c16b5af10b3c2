"""The layers hold (docs/architecture.md): each package imports only those below it.

    models ← engine ← store ← usecases ← exchange ← commands, and the UI on top

Read from the source (every import, inside functions too), and checked by
loading everything below the UI in a fresh interpreter: no Textual. No two
modules below the UI (nor the command line) import each other, even through
others: a cycle would make every module in it one thing to read.
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


CYCLE_FREE = (*BELOW_UI, "cli")
"""Packages (and the one module) where modules must not import each other in a
cycle; the UI is left out while it is rewritten."""


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of :data:`CYCLE_FREE` and the modules of it that it imports.

    ``from package import name`` counts as importing the submodule ``name`` when
    there is one, else the package's ``__init__``. Imports inside functions
    count; those under ``if TYPE_CHECKING:`` do not, as they never run.
    """
    paths: dict[str, Path] = {}
    for name in CYCLE_FREE:
        found = [PACKAGE / f"{name}.py"] if (PACKAGE / f"{name}.py").is_file() else []
        for path in found or sorted((PACKAGE / name).rglob("*.py")):
            paths[module_of(path)] = path
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        wanted: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
            for inner in ast.walk(ast.Module(body=node.body, type_ignores=[]))
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    wanted.add(sub if sub in paths else node.module)
            elif isinstance(node, ast.Import):
                wanted.update(alias.name for alias in node.names)
        graph[module] = {name for name in wanted if name in paths and name != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_cycles_finds_a_cycle_and_only_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_module_below_the_ui_is_in_an_import_cycle() -> None:
    graph = import_graph()
    assert "jobfutures_tui.cli" in graph and "jobfutures_tui.engine.cadence" in graph
    assert cycles(graph) == [], "modules that import each other, directly or not"


MAX_LINES = 500
LONGER = {
    "jobfutures_tui/demo.py",  # the sample data: tables of people and touches
    # Being rewritten with the UI layer; drop each from here when it lands.
    "jobfutures_tui/app.py",
    "jobfutures_tui/screens/board.py",
    "jobfutures_tui/screens/detail.py",
}


def test_no_module_is_over_500_lines() -> None:
    """Past that, a module holds more than one thing: split it along a seam."""
    long = []
    for path in sorted([*PACKAGE.rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")]):
        name = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and name not in LONGER:
            long.append(f"{name}: {lines} lines")
    assert long == []


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
