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
    assert jf(capsys, "config", "set", "keys.board.log", "b")[0] == 0
    code, out, _ = jf(capsys, "config", "set", "daily_budget", "3")
    assert code == 0 and out.startswith("daily_budget = 3\n")
    code, _, err = jf(capsys, "config", "set", "daily_budget", "0")
    assert code == 2 and err == (
        "jobfutures: daily_budget: must be at least 1 (nothing was changed)\n"
    )
    code, _, err = jf(capsys, "config", "set", "colour", "red")
    assert code == 2 and "'colour' is not a setting" in err
    assert jf(capsys, "config", "unset", "theme")[0] == 0
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# my settings\n") and "nord" not in text
    code, out, _ = jf(capsys, "config", "--json")
    data = json.loads(out)["settings"]
    assert data["workdays"] == ["mon", "tue", "wed", "thu", "fri"]
    assert data["keys"] == {"board.log": "b"} and data["daily_budget"] == 3


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


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("theme", "nosuch", "'nosuch' is not a theme"),
        ("keys.nosuch.id", "X", "no action has this id"),
        ("keys.board.log", "notakey", "'notakey' is not a key"),
        ("keys.board.log", "ctrl+q", "ctrl+q already does"),
        ("exports_folder", "relative/dir", "give the whole path of the folder"),
        ("data_folder", "data", "give the whole path of the folder"),
    ],
)
def test_a_value_the_app_could_not_use_is_refused_and_nothing_written(
    capsys: pytest.CaptureFixture[str], config: Path, key: str, value: str, said: str
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text('# mine\ntheme = "nord"\n', encoding="utf-8")
    code, out, err = jf(capsys, "config", "set", key, value)
    assert code == 2 and out == ""
    assert err.startswith(f"jobfutures: {key}: ") and said in err
    assert err.endswith("(nothing was changed)\n")
    assert config.read_text(encoding="utf-8") == '# mine\ntheme = "nord"\n'


def test_config_shows_the_problems_of_the_file_as_it_is(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(
        'theme = "nosuch"\nexports_folder = "relative"\n[keys]\n"board.log" = "ctrl+q"\n'
        '"nosuch.id" = "X"\n"board.add" = 7\n',
        encoding="utf-8",
    )
    code, out, err = jf(capsys, "config")
    assert code == 0 and "  theme = nosuch\n" in out
    lines = err.splitlines()
    assert any(line.startswith(f"jobfutures: {config}:1: theme: 'nosuch'") for line in lines)
    assert any(f"{config}:2: exports_folder: give the whole path" in line for line in lines)
    assert any(f'{config}:4: keys."board.log": ctrl+q already does' in line for line in lines)
    assert any(f'{config}:5: keys."nosuch.id": no action' in line for line in lines)
    assert any(f'{config}:6: keys."board.add": give its keys as text' in line for line in lines)
    code, out, _ = jf(capsys, "config", "--json")
    assert len(json.loads(out)["warnings"]) == 5


def complete(line: str, tmp_path: Path) -> list[str]:
    """What the shell gets for ``line`` (argcomplete, as the completion script asks)."""
    import os
    import subprocess
    import sys

    out = tmp_path / "completions"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_IFS": " ",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    subprocess.run(
        [sys.executable, "-m", "jobfutures_tui"],
        env=env,
        capture_output=True,
        check=False,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return out.read_text(encoding="utf-8").split()


def test_completion_offers_settings_and_vocabularies(tmp_path: Path) -> None:
    assert complete("jobfutures config set da", tmp_path) == ["data_folder", "daily_budget"]
    assert complete("jobfutures config set theme no", tmp_path) == ["nord"]
    assert "call" in complete("jobfutures log acme --channel ", tmp_path)
    said = complete("jobfutures log acme --channel call --outcome left", tmp_path)
    assert said == ["left-voicemail"]
