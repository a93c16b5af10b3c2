"""Models, store, rules, import/export and the shell commands load without textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib
import pkgutil
import sys

for name in (
    "jobfutures_tui.models",
    "jobfutures_tui.store",
    "jobfutures_tui.rules",
    "jobfutures_tui.exchange",
    "jobfutures_tui.commands",
):
    package = importlib.import_module(name)
    for module in pkgutil.walk_packages(package.__path__, prefix=name + "."):
        importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print(",".join(loaded) or "none")
"""


def test_models_store_rules_exchange_and_commands_do_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
