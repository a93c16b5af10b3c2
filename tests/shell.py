"""Running ``jobfutures COMMAND`` in-process the way a shell would, and what it left on disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jobfutures_tui import cli


def jf(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``jobfutures --data FOLDER ARGS``."""
    code = cli.main(["--data", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file of a data folder, byte for byte (the lock file aside)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "jobfutures.lock"
    }


def without_textual(folder: Path, runs: list[list[str]]) -> subprocess.CompletedProcess[str]:
    """Run each ``jobfutures --data FOLDER ARGS`` in a fresh interpreter, which
    fails (non-zero) if one does not exit 0 or if textual was imported."""
    probe = (
        "import sys\n"
        "from jobfutures_tui import cli\n"
        f"for args in {runs!r}:\n"
        f"    assert cli.main(['--data', {str(folder)!r}, *args]) == 0, args\n"
        "loaded = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not loaded, loaded\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
