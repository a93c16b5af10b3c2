"""The jobfutures command: flags, refusals and exit codes, without opening the UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jobfutures_tui import __version__, cli
from jobfutures_tui.paths import data_folder
from jobfutures_tui.store import Repository


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jobfutures_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def test_version_and_help_do_not_start_the_ui() -> None:
    probe = (
        "import sys\n"
        "from jobfutures_tui import cli\n"
        "for args in (['--version'], ['--help']):\n"
        "    try:\n"
        "        cli.main(args)\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0\n"
        "assert 'textual' not in sys.modules, 'textual was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"jobfutures {__version__}" in result.stdout
    assert "--demo" in result.stdout and "--data" in result.stdout


def test_data_folder_order_of_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_folder() == tmp_path / "xdg" / "jobfutures"
    monkeypatch.setenv("JOBFUTURES_DATA", str(tmp_path / "env"))
    assert data_folder() == tmp_path / "env"
    assert data_folder(str(tmp_path / "flag")) == tmp_path / "flag"


def test_a_second_writer_is_refused_with_the_folder_named(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder):
        result = run("--data", str(folder))
    assert result.returncode == 1
    assert str(folder) in result.stderr
    assert "--read-only" in result.stderr


def test_damaged_data_is_refused_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder):
        pass
    damaged = folder / "prospects.json"
    damaged.write_bytes(b'{"prospects": {"x": ')
    result = run("--data", str(folder))
    assert result.returncode == 1
    assert "prospects.json" in result.stderr and "not valid JSON" in result.stderr
    assert "backups" in result.stderr
    assert damaged.read_bytes() == b'{"prospects": {"x": '


def test_demo_never_touches_the_users_data(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []

    def fake_run_app(folder: Path, *, read_only: bool = False, demo: bool = False) -> int:
        assert demo
        with Repository.open(folder, read_only=True) as repo:
            assert len(repo.prospects()) >= 15
        opened.append(folder)
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    assert cli.main(["--demo"]) == 0
    (folder,) = opened
    assert not folder.exists(), "the temporary demo copy is removed afterwards"
    assert not data_folder().exists(), "the user's data folder was not created"


def test_how_many_backups_to_keep(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    kept: list[int] = []

    def fake_run_app(folder: Path, *, read_only: bool = False, keep_backups: int = 10) -> int:
        kept.append(keep_backups)
        return 0

    monkeypatch.setattr(cli, "run_app", fake_run_app)
    cli.main(["--data", str(tmp_path), "--keep-backups", "3"])
    monkeypatch.setenv("JOBFUTURES_KEEP_BACKUPS", "25")
    cli.main(["--data", str(tmp_path)])
    assert kept == [3, 25]
    for bad in (["--keep-backups", "0"], ["--keep-backups", "many"]):
        with pytest.raises(SystemExit) as usage:
            cli.main(["--data", str(tmp_path), *bad])
        assert usage.value.code == 2


def test_opening_the_app_reads_its_options_without_the_commands_parsers() -> None:
    """The commands' parsers cost the app's start ~9 ms: only built when an argument
    may name a command, or help is asked for."""
    from jobfutures_tui.cli import _parsed

    def commands_known(given: list[str]) -> bool:
        return "list the touches due" in _parsed(given)[0].format_help()

    assert not commands_known(["--data", "/tmp/x", "--read-only"])
    assert not commands_known(["--demo"])
    assert commands_known(["due", "--days", "3"])
    assert commands_known(["--data", "/tmp/x", "check"])
    assert commands_known(["--read", "--data", "/tmp/x"])  # an abbreviation: the whole parser
    assert _parsed(["export", "ics", "--keep", "/tmp/x.ics"])[1].command == "export"
