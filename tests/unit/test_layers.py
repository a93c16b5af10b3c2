"""The layers hold (docs/architecture.md): each package imports only those below it.

    models ← engine ← store ← usecases ← exchange ← commands, and the UI on top

Read from the source (every import, inside functions too), and checked by
loading everything below the UI in a fresh interpreter: no Textual. No two
modules below the UI (nor the command line) import each other, even through
others: a cycle would make every module in it one thing to read. Nor do two
packages (test_no_package_is_in_an_import_cycle). Imports by a name in a string
are seen by no check: the two there are, intended, are listed in
docs/architecture.md ("Loaded by name") and pinned by
test_only_the_documented_modules_import_by_name.
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
the store's atomic writes, sit beside the store; collector.py, the garbage
collector's one switch, plain Python, sits below everything but the engine)."""

BESIDE = {"paths", "collector"}
"""Leaf modules the store and the layers above it may import; the models and the
engine, pure, import neither."""


def imports_of(path: Path) -> set[str]:
    """The project modules a file imports, anywhere in it (functions included,
    TYPE_CHECKING blocks too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "jobfutures_tui":
            # from jobfutures_tui import settings: a module; __version__: the package's own
            found.update(
                f"jobfutures_tui.{alias.name}"
                for alias in node.names
                if (PACKAGE / alias.name).is_dir() or (PACKAGE / f"{alias.name}.py").is_file()
            )
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
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
                beside = set() if layer in {"models", "engine"} else BESIDE
                if layer_of(module) not in allowed | beside:
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


FOLDER_MAKER = "jobfutures_tui/store/files.py"
"""The one place a folder is made (ensure_folder): private, parents too."""


def test_folders_are_made_only_by_the_one_helper() -> None:
    """A stray ``mkdir`` makes a folder anyone on the machine can read (0755)."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name == FOLDER_MAKER:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            if isinstance(called, ast.Attribute) and called.attr in {"mkdir", "makedirs"}:
                wrong.append(f"{name}:{node.lineno} calls {called.attr}(): use ensure_folder")
    assert wrong == []


MAX_LINES = 500
LONGER = {"jobfutures_tui/demo.py"}  # the sample data: tables of people and touches


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


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of the package → the project modules it imports, anywhere in it
    (functions and TYPE_CHECKING blocks too): ``from a.b import c`` is a.b.c when
    that is a module, else a.b."""
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {module for module in found if module in paths and module != name}
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, round about."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return groups


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of more than one module that import each other, round about."""
    return [group for group in strongly_connected(graph) if len(group) > 1]


def test_cycles_finds_a_cycle_and_only_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_module_is_in_an_import_cycle() -> None:
    """Anywhere in the package, UI included: the app imports the screens, the screens
    the dialogs and widgets, never the reverse (they reach the app through
    ui_services); the commands never import the command line. A cycle would make
    every module in it one thing to read."""
    graph = import_graph()
    assert "jobfutures_tui.app" in graph and "jobfutures_tui.engine.cadence" in graph
    found = [" → ".join(group) for group in cycles(graph)]
    assert found == [], "modules that import each other (round about): " + "; ".join(found)


def package_of(module: str) -> str:
    """jobfutures_tui.screens.board → jobfutures_tui.screens; a top-level module
    (app.py, file_work.py) is a package of its own."""
    return ".".join(module.split(".")[:2])


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, imported in graph.items():
        package = package_of(module)
        packages.setdefault(package, set()).update(
            package_of(other) for other in imported if package_of(other) != package
        )
    return packages


def test_no_package_is_in_an_import_cycle() -> None:
    """Modules may avoid a cycle while their packages do not (the dialogs importing a
    screens module that imports the dialogs): then neither package can be read, or
    loaded, without the other. Checked package by package, UI included."""
    packages = package_graph(import_graph())
    assert {"jobfutures_tui.screens", "jobfutures_tui.modals"} <= packages.keys()
    found = [" → ".join(group) for group in cycles(packages)]
    assert found == [], "packages that import each other (round about): " + "; ".join(found)


LOADED_BY_NAME = {
    "jobfutures_tui/keymap.py": 2,  # every screen, dialog and widget, for their keys
    "jobfutures_tui/commands/common.py": 1,  # the command's handler named in parsers.py
}
"""The imports by a name in a string, which no check above sees (docs/architecture.md,
"Loaded by name"): where they are, how many."""


def test_only_the_documented_modules_import_by_name() -> None:
    found: dict[str, int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            called = node.func if isinstance(node, ast.Call) else None
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", "")
            if name in {"import_module", "__import__"}:
                where = path.relative_to(ROOT).as_posix()
                found[where] = found.get(where, 0) + 1
    assert found == LOADED_BY_NAME, "a new import by name: document it, or import it plainly"
