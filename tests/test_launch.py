"""The ``jobfutures`` command's first step (jobfutures_tui/launch.py): with pydantic's
plugins turned off, its plugin loader (and importlib.metadata) is not imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pydantic

from jobfutures_tui import launch

PROGRAM = """
import os, sys
{setting}
from jobfutures_tui import launch
launch.no_plugin_loader()
from pydantic import BaseModel

class Job(BaseModel):
    company: str

assert Job(company="Acme").company == "Acme"
print("importlib.metadata" in sys.modules, type(Job.__pydantic_validator__).__name__)
"""


def run(setting: str) -> str:
    program = PROGRAM.format(setting=setting)
    env = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def test_with_plugins_off_models_validate_without_the_package_metadata() -> None:
    assert run('os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"') == "False SchemaValidator"


def test_a_users_own_plugin_setting_keeps_pydantics_loader() -> None:
    assert run('os.environ["PYDANTIC_DISABLE_PLUGINS"] = "logfire"') == "True SchemaValidator"


def test_pydantic_asks_for_its_loader_in_one_place_for_one_function() -> None:
    """What the stand-in assumes of pydantic: only ``create_schema_validator`` imports
    the loader, for ``get_plugins`` alone, and that returns nothing when told so."""
    package = Path(pydantic.__file__).parent
    users = {
        str(path.relative_to(package)): [
            line.strip() for line in path.read_text().splitlines() if "_loader" in line
        ]
        for path in package.rglob("*.py")
        if path.name != "_loader.py" and "_loader" in path.read_text()
    }
    assert users == {"plugin/_schema_validator.py": ["from ._loader import get_plugins"]}, (
        f"pydantic {pydantic.VERSION} asks for its plugin loader otherwise: see launch.py"
    )
    assert launch.PLUGIN_LOADER == "pydantic.plugin._loader"
