"""``jobfutures config`` and ``jobfutures completion``: the real CLI, a real file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobfutures_tui import cli, settings


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv(settings.CONFIG_ENV_VAR, str(path))
    settings.forget()
    return path


def jf(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    settings.forget()
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_config_shows_every_setting_and_where_the_file_is(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    code, out, err = jf(capsys, "config")
    assert code == 0 and err == ""
    assert out.startswith(f"Settings file: {config} (not written yet")
    assert "  workdays = mon, tue, wed, thu, fri, sat, sun\n" in out
    assert "  daily_budget = (not set)\n" in out
    assert not config.exists(), "showing writes nothing"


def test_set_and_unset_are_checked_and_keep_comments(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('# my settings\ntheme = "nord" # dark\n', encoding="utf-8")
    assert jf(capsys, "config", "set", "workdays", "mon,tue, wed thu fri")[0] == 0
    assert jf(capsys, "config", "set", "keys.board.log", "L")[0] == 0
    code, out, _ = jf(capsys, "config", "set", "daily_budget", "3")
    assert code == 0 and out.startswith("daily_budget = 3\n")
    code, _, err = jf(capsys, "config", "set", "daily_budget", "0")
    assert code == 1 and err == (
        "jobfutures: daily_budget: must be at least 1 (nothing was changed)\n"
    )
    code, _, err = jf(capsys, "config", "set", "colour", "red")
    assert code == 1 and "'colour' is not a setting" in err
    assert jf(capsys, "config", "unset", "theme")[0] == 0
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# my settings\n") and "nord" not in text
    code, out, _ = jf(capsys, "config", "--json")
    data = json.loads(out)["settings"]
    assert data["workdays"] == ["mon", "tue", "wed", "thu", "fri"]
    assert data["keys"] == {"board.log": "L"} and data["daily_budget"] == 3


def test_a_bad_file_is_reported_on_stderr_and_the_command_still_runs(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text("keep_backups = -2\n", encoding="utf-8")
    code, out, err = jf(capsys, "--data", str(tmp_path / "data"), "due")
    assert code == 0 and out.startswith("No jobfutures data")
    assert err == f"jobfutures: {config}:1: keep_backups: must be at least 1; using 10\n"


def test_the_data_folder_setting_is_used_when_nothing_else_says(
    capsys: pytest.CaptureFixture[str], config: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "my-data"
    assert jf(capsys, "config", "set", "data_folder", str(mine))[0] == 0
    assert jf(capsys, "add", "Acme", "--person", "Dana", "--email", "d@acme.example")[0] == 0
    assert (mine / "prospects.json").is_file()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_a_script(capsys: pytest.CaptureFixture[str], shell: str) -> None:
    code, out, _ = jf(capsys, "completion", shell)
    assert code == 0 and "jobfutures" in out and "_ARGCOMPLETE" in out
