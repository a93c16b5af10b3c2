"""``jobfutures due`` keeps the day's list in the cache folder (usecases/due_order.py):
the next run that day says the same without working it out again, and any change to
the data, the day or the workdays is worked out afresh."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui import cli
from jobfutures_tui.paths import cache_folder
from jobfutures_tui.usecases import due as due_module
from jobfutures_tui.usecases import due_order

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
frozen = frozen_at(NOW)


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the list was worked out from the decisions."""
    runs: list[int] = []
    real = due_module.open_suggestions

    def counted(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(due_module, "open_suggestions", counted)
    return runs


def jf(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> str:
    assert cli.main(["--data", str(folder), *args]) == 0
    return capsys.readouterr().out


def kept_files() -> list[Path]:
    return sorted((cache_folder() / due_order.FOLDER).glob("*.json"))


def test_the_next_run_that_day_says_the_same_without_working_it_out(
    capsys: pytest.CaptureFixture[str], demo: Path, worked_out: list[int]
) -> None:
    first = jf(capsys, demo, "due")
    assert worked_out == [1] and len(kept_files()) == 1
    assert jf(capsys, demo, "due") == first
    assert "Later" in jf(capsys, demo, "due", "--days", "60") and "Later" not in first
    assert jf(capsys, demo, "due", "--json")
    assert worked_out == [1], "taken from the list kept, whatever is shown of it"


def test_a_change_is_worked_out_afresh(
    capsys: pytest.CaptureFixture[str], demo: Path, worked_out: list[int]
) -> None:
    before = jf(capsys, demo, "due")
    assert "Northwind Logistics" in before
    jf(capsys, demo, "move", "Northwind Logistics", "archive", "--reason", "hired-elsewhere")
    after = jf(capsys, demo, "due")
    assert "Northwind Logistics" not in after
    assert worked_out == [1, 1]


def test_the_next_day_is_worked_out_afresh(
    capsys: pytest.CaptureFixture[str], demo: Path, worked_out: list[int]
) -> None:
    today = jf(capsys, demo, "due")
    with pendulum.travel_to(NOW.add(days=1), freeze=True):
        tomorrow = jf(capsys, demo, "due")
    assert worked_out == [1, 1]
    assert tomorrow != today  # a day later: every overdue touch a day more so


def test_other_workdays_are_worked_out_afresh(
    capsys: pytest.CaptureFixture[str], demo: Path, worked_out: list[int]
) -> None:
    jf(capsys, demo, "due")
    jf(capsys, demo, "config", "set", "workdays", "tue")
    jf(capsys, demo, "due")
    assert worked_out == [1, 1]


def test_a_damaged_list_is_worked_out_again_and_replaced(
    capsys: pytest.CaptureFixture[str], demo: Path, worked_out: list[int]
) -> None:
    first = jf(capsys, demo, "due")
    (kept,) = kept_files()
    kept.write_bytes(kept.read_bytes()[:200])
    assert jf(capsys, demo, "due") == first
    assert jf(capsys, demo, "due") == first
    assert worked_out == [1, 1]


def test_a_cache_folder_that_cannot_be_written_only_costs_the_work(
    capsys: pytest.CaptureFixture[str], demo: Path, worked_out: list[int]
) -> None:
    cache_folder().mkdir(parents=True, exist_ok=True)
    (cache_folder() / due_order.FOLDER).write_text("a file where the folder would be")
    first = jf(capsys, demo, "due")
    assert jf(capsys, demo, "due") == first
    assert worked_out == [1, 1]
