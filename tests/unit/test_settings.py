"""The settings file (settings.py): read with defaults, bad values reported with
file, line and key, written back with the user's comments kept."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pendulum
import pytest

from jobfutures_tui import settings
from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.decisions import next_suggestion


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv(settings.CONFIG_ENV_VAR, str(path))
    settings.forget()
    return path


def test_no_file_means_the_defaults(config: Path) -> None:
    loaded = settings.current()
    assert loaded.path == config and loaded.warnings == []
    assert loaded.settings == settings.Settings()
    assert loaded.settings.workday_numbers() == frozenset(range(7))


def test_a_bad_value_is_reported_with_file_line_and_key_and_its_default_used(
    config: Path,
) -> None:
    config.write_text(
        '# mine\ntheme = "nord"\n\nkeep_backups = 0\nworkdays = ["mon", "funday"]\n'
        "daily_budget = 5\ncolour = 3\n",
        encoding="utf-8",
    )
    loaded = settings.load(config)
    assert loaded.settings.theme == "nord" and loaded.settings.daily_budget == 5
    assert loaded.settings.keep_backups == 10
    assert loaded.settings.workdays == settings.WEEKDAYS
    assert loaded.warnings[0].startswith(f"{config}:4: keep_backups: ")
    assert loaded.warnings[0].endswith("; using 10")
    assert loaded.warnings[1].startswith(f"{config}:5: workdays: 'funday' is not a day")
    assert loaded.warnings[2].startswith(f"{config}:7: colour: not a setting")


def test_a_broken_file_gives_the_defaults_and_says_why(config: Path) -> None:
    config.write_text("theme = \n[keys\n", encoding="utf-8")
    loaded = settings.load(config)
    assert loaded.settings == settings.Settings()
    assert "not valid TOML" in loaded.warnings[0]


def test_saving_keeps_comments_and_checks_values(config: Path) -> None:
    config.write_text('# my colours\ntheme = "nord"  # dark\n', encoding="utf-8")
    loaded = settings.save({"theme": "gruvbox", "workdays": "mon tue wed thu fri"})
    assert loaded.settings.theme == "gruvbox"
    assert loaded.settings.workdays == ("mon", "tue", "wed", "thu", "fri")
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# my colours\n") and "# dark" in text
    with pytest.raises(ValueError, match="at least 1"):
        settings.save({"daily_budget": 0})
    with pytest.raises(ValueError, match="not a setting"):
        settings.save({"colour": "red"})
    assert "daily_budget" not in config.read_text(encoding="utf-8"), "nothing half-saved"


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)
    with pendulum.travel_to(pendulum.datetime(2026, 12, 3, 12, tz="UTC"), freeze=True):  # Thu
        yield


def test_workdays_move_a_weekend_due_date_to_monday(
    config: Path, tmp_path: Path, frozen: None
) -> None:
    firm = Company(name="Acme")
    dana = Person(name="Dana", email="dana@example.com", company_id=firm.id)
    # Interviewed on Thursday: the thank-you is due Friday, the check-in…
    future = Prospect(
        company_id=firm.id, person_ids=(dana.id,), began_on=pendulum.date(2026, 12, 4)
    )
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, dana, future)
        today = pendulum.date(2026, 12, 3)
        assert next_suggestion(repo, future.id, today=today).due == pendulum.date(2026, 12, 5)  # type: ignore[union-attr]
        settings.save({"workdays": ["mon", "tue", "wed", "thu", "fri"]})
    with Repository.open(tmp_path / "data") as repo:
        moved = next_suggestion(repo, future.id, today=today)
        assert moved is not None and moved.due == pendulum.date(2026, 12, 7)
        assert moved.reason.endswith("(on your next workday)")


def test_one_bad_key_entry_is_left_out_at_its_own_line_and_the_others_apply(
    config: Path,
) -> None:
    config.write_text(
        '[keys]\n"board.log" = "b"\n"board.add" = 3\n# mine\n"today.snooze" = "z"\n',
        encoding="utf-8",
    )
    loaded = settings.load(config)
    assert loaded.settings.keys == {"board.log": "b", "today.snooze": "z"}
    (warning,) = loaded.warnings
    assert warning.startswith(f'{config}:3: keys."board.add": give its keys as text')


def test_a_folder_must_be_named_in_full(config: Path, tmp_path: Path) -> None:
    config.write_text('exports_folder = "relative/dir"\ndata_folder = "~/jf"\n', encoding="utf-8")
    loaded = settings.load(config)
    assert loaded.settings.exports_folder is None
    assert loaded.settings.data_folder == Path.home() / "jf", "~ is the home folder"
    (warning,) = loaded.warnings
    assert warning.startswith(f"{config}:1: exports_folder: give the whole path")
    with pytest.raises(ValueError, match="whole path"):
        settings.save({"data_folder": "data"})


# ------------------------------------------------------------ checked by hand, no pydantic


def test_loading_the_settings_imports_no_pydantic(tmp_path: Path) -> None:
    """The settings are read before the app's first frame: they are checked without
    pydantic (nor the records' classes, which import it), whose import costs ~60 ms."""
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "nord"\nkeep_backups = 0\nworkdays = "mon tue"\ndaily_budget = 5.0\n'
        'calendar_alarm = 07:30:00\ncalendar_file = "~/due.ics"\n[keys]\n"board.log" = "b"\n',
        encoding="utf-8",
    )
    code = (
        "import sys\n"
        "from jobfutures_tui import settings\n"
        "loaded = settings.current()\n"
        "assert loaded.settings.daily_budget == 5 and loaded.warnings, loaded\n"
        "settings.checked_value('workdays', 'mon')\n"
        "wrong = [m for m in sys.modules if m.startswith(('pydantic', 'annotated_types'))\n"
        "         or m == 'jobfutures_tui.models.entities']\n"
        "assert not wrong, wrong\n"
    )
    env = {**os.environ, settings.CONFIG_ENV_VAR: str(path)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("key", "given", "stored"),
    [
        ("keep_backups", 5.0, 5),  # TOML 5.0: a whole number all the same
        ("keep_backups", " 7 ", 7),
        ("daily_budget", None, None),
        ("weekly_goal", 500, 500),
        ("calendar_days", 0, 0),
        ("workdays", ("fri", "Monday", "fri"), ["mon", "fri"]),
        ("exports_folder", "", None),
        ("calendar_alarm", dt.time(7, 5, 30), "07:05"),
        ("calendar_alarm", 9, "09:00"),
        ("keys", {"board.log": "b"}, {"board.log": "b"}),
    ],
)
def test_each_setting_is_kept_as_its_check_returns_it(key: str, given: Any, stored: Any) -> None:
    assert settings.checked_value(key, given) == stored


@pytest.mark.parametrize(
    ("key", "given", "message"),
    [
        ("keep_backups", True, "must be a whole number"),  # True is an int in Python
        ("calendar_days", False, "must be a whole number"),
        ("daily_budget", 2.5, "must be a whole number"),
        ("weekly_goal", math.inf, "must be a whole number"),
        ("keep_backups", math.nan, "must be a whole number"),
        ("keep_backups", "ten", "must be a whole number"),
        ("keep_backups", None, "must be a whole number"),
        ("keep_backups", [3], "must be a whole number"),
        ("keep_backups", 0, "must be at least 1"),
        ("keep_backups", 1001, "must be at most 1000"),
        ("daily_budget", 501, "must be at most 500"),
        ("calendar_days", -1, "must be at least 0"),
        ("calendar_days", 36_501, "must be at most 36500"),
        ("theme", 3, "must be text"),
        ("keys", "board.log = b", "must be a table"),
        ("keys", {"board.log": 3}, 'give the keys of "board.log" as text'),
        ("exports_folder", 3, "must be text: the whole path of the folder"),
        ("calendar_file", True, "must be text: the whole path of the file"),
        ("workdays", 5, "must be days of the week"),
        ("workdays", ["mon", 3], "'3' is not a day of the week"),
        ("workdays", [], "name at least one day"),
        ("calendar_alarm", True, "must be a time of day"),
        ("calendar_alarm", 9.5, "must be a time of day"),
        ("calendar_alarm", dt.datetime(2026, 1, 1, 9), "must be a time of day"),
    ],
)
def test_a_wrong_value_is_refused_saying_why(key: str, given: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        settings.checked_value(key, given)


def test_a_bool_in_the_file_is_no_number(config: Path) -> None:
    config.write_text("keep_backups = true\ncalendar_days = 30.0\n", encoding="utf-8")
    loaded = settings.load(config)
    assert loaded.warnings == [f"{config}:1: keep_backups: must be a whole number; using 10"]
    assert loaded.settings.keep_backups == 10 and loaded.settings.calendar_days == 30


def test_the_settings_check_what_they_are_given() -> None:
    assert settings.Settings(keep_backups="3", workdays="sun mon").workdays == ("mon", "sun")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="keep_backups: must be at least 1"):
        settings.Settings(keep_backups=0)


def test_what_the_file_chose_is_kept_apart_from_the_defaults(config: Path) -> None:
    config.write_text('theme = "nord"\nkeep_backups = 0\nweekly_goal = 5\n', encoding="utf-8")
    assert settings.load(config).chosen == {"theme", "weekly_goal"}, "not the bad one"
    assert settings.Loaded(settings.Settings(), config).chosen == frozenset()


def test_the_settings_as_json_take_every_setting_in_order() -> None:
    assert tuple(settings.DESCRIPTIONS) == settings.FIELDS
    found = settings.Settings(data_folder=Path("/data"), workdays=("mon",))
    data = settings.as_json(found)
    assert list(data) == list(settings.FIELDS)
    assert data["data_folder"] == "/data" and data["workdays"] == ["mon"]
    assert data["theme"] is None and data["keys"] == {}
    assert json.loads(json.dumps(data)) == data
