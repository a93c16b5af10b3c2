"""``jobfutures stats``: the insights' figures in the shell, from a real store, with
time frozen; the same figures as the screen (usecases/insights.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from shell import files_of, jf, without_textual

from jobfutures_tui.demo import populate
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.insights import insights
from jobfutures_tui.usecases.insights_words import as_json

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)
    with pendulum.travel_to(NOW, freeze=True):
        yield


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        populate(repo, today=NOW.date())
    return folder


def test_stats_json_is_the_screens_figures(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    before = files_of(demo)
    code, out, err = jf(capsys, demo, "stats", "--json")
    assert code == 0 and err == ""
    document = json.loads(out)
    with Repository.open(demo, read_only=True) as repo:
        expected = as_json(insights(repo, today=NOW.date(), goal=5))
    assert document == json.loads(json.dumps(expected))
    assert document["weekly_goal"] == 5 and len(document["weeks"]) == 26
    assert document["going_cold"]["overdue"] >= len(document["going_cold"]["most_overdue"]) > 0
    assert files_of(demo) == before, "stats only reads"


def test_stats_text(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    code, out, _ = jf(capsys, demo, "stats")
    assert code == 0
    for heading in (
        "Touches per week, last 26 weeks (goal 5: met",
        "Replies within 30 days:",
        "  by channel:",
        "  by script:",
        "Pipeline now: interviewed",
        "Referrals:",
        "Follow-through since 2026-06-01:",
        "Going cold:",
    ):
        assert heading in out, heading


def test_since_and_a_bad_date(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    code, out, _ = jf(capsys, demo, "stats", "--since", "2026-11-01", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["since"] == "2026-11-01"
    assert document["follow_through"]["since"] == "2026-11-01"
    with pytest.raises(SystemExit) as stopped:
        jf(capsys, demo, "stats", "--since", "someday")
    assert stopped.value.code == 2
    assert "'someday' is not a date" in capsys.readouterr().err


def test_the_weekly_goal_comes_from_the_settings(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobfutures_tui import settings

    config = tmp_path / "config.toml"
    monkeypatch.setenv(settings.CONFIG_ENV_VAR, str(config))
    settings.forget()
    code, out, _ = jf(capsys, demo, "config", "set", "weekly_goal", "3")
    assert code == 0 and out.startswith("weekly_goal = 3")
    code, out, _ = jf(capsys, demo, "stats", "--json")
    assert json.loads(out)["weekly_goal"] == 3
    code, _, err = jf(capsys, demo, "config", "set", "weekly_goal", "0")
    assert code == 2 and "weekly_goal: must be at least 1" in err
    settings.forget()


def test_no_data_yet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = jf(capsys, tmp_path / "nothing", "stats")
    assert code == 0 and "nothing to count" in out


def test_stats_never_imports_textual(demo: Path) -> None:
    result = without_textual(demo, [["stats"], ["stats", "--json", "--since", "3 weeks ago"]])
    assert result.returncode == 0, result.stderr
