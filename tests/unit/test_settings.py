"""The settings file (settings.py): read with defaults, bad values reported with
file, line and key, written back with the user's comments kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
