"""``jobfutures stats``: the insights' figures in the shell, from a real store, with
time frozen; the same figures as the screen (usecases/insights.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from clock import frozen_at
from shell import files_of, jf, without_textual

from jobfutures_tui.demo import populate
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.insights import insights
from jobfutures_tui.usecases.insights_words import as_json

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


frozen = frozen_at(NOW)


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
        "Follow-through from 01 Jun 2026:",
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


def test_no_data_yet_as_json_is_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = jf(capsys, tmp_path / "nothing", "stats", "--json")
    assert code == 0 and "nothing to count" in err
    document = json.loads(out)
    assert document["job_futures"] == 0 and document["touches"] == 0
    assert document["replies"]["overall"]["touches"] == 0 and len(document["weeks"]) == 26
    assert document["going_cold"] == {"overdue": 0, "most_overdue": []}


def test_a_day_after_today_is_refused(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        jf(capsys, demo, "stats", "--since", "2026-12-25")
    assert stopped.value.code == 2
    assert "'2026-12-25' is 25 Dec 2026, after today" in capsys.readouterr().err


def test_since_says_what_each_figure_counts(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    code, out, _ = jf(capsys, demo, "stats", "--since", "2026-11-20")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith(
        "Reply rates, referrals and follow-through count from 20 Nov 2026 on;"
    )
    assert "the pipeline, the longest chain and what is going cold are as of today" in lines[2]
    assert "Replies within 30 days (your touches from 20 Nov 2026):" in out
    referrals = next(line for line in lines if line.startswith("Referrals from 20 Nov 2026: "))
    chain = lines[lines.index(referrals) + 1]
    assert chain.startswith("  longest chain (ever): "), "not beside '0 came from one' unsaid"
    code, out, _ = jf(capsys, demo, "stats", "--since", "2026-11-20", "--json")
    windows = json.loads(out)["counted_from"]
    assert windows["replies"] == windows["referrals"] == "2026-11-20"
    assert windows["longest_chain"] is None and windows["pipeline"] == "today"


def test_the_text_marks_few_groups_separates_thousands_and_keeps_columns() -> None:
    import dataclasses

    from jobfutures_tui.engine.replies import Rate
    from jobfutures_tui.usecases.insights import nothing_yet
    from jobfutures_tui.usecases.insights_words import text_lines

    found = nothing_yet(today=NOW.date())
    names = [
        "Reply to an opening: thank them for the news and ask what comes next",
        "Reply to an opening: ask who leads the team and whether they hire",
        "Short",
    ]
    scripts = [
        Rate(names[0], 12_345, 4_321, 6.5),
        Rate(names[1], 1_500, 300, 2),
        Rate(names[2], 3, 1, 1),
    ]
    overall = Rate("every outgoing touch", 13_848, 4_622)
    replies = dataclasses.replace(found.figures.replies, overall=overall, by_script=scripts)
    figures = dataclasses.replace(found.figures, replies=replies, touches=52_000, futures=5_000)
    lines = text_lines(dataclasses.replace(found, figures=figures))
    assert lines[0] == "5,000 job futures, 52,000 touches"
    rows = lines[lines.index("  by script:") + 1 :][:3]
    assert "35% (4,321 of 12,345)" in rows[0] and "20% (300 of 1,500)" in rows[1]
    assert rows[2].endswith("median 1 day · few") and not rows[0].endswith("few")
    assert len({row.index(" median ") for row in rows}) == 1, "the columns line up"
    assert len({row[4:44] for row in rows}) == 3 and "…" in rows[0], "cut with …, still distinct"
    assert "  few: fewer than 10 touches, not yet a trend" in lines
