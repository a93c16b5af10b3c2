"""Every surface says the same next touch (docs/advice.md, "One definition").

On the demo data, for every open job future: the board's card, Today, the
script panel, the story, the log form's "next" line, skip, ``jobfutures due``
(text and JSON), the Markdown of a story and the calendar export agree on
when, what, with whom, how and why.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.commands.due import _due_json, format_due
from jobfutures_tui.demo import populate
from jobfutures_tui.exchange.actions import calendar_bytes
from jobfutures_tui.exchange.markdown import prospect_markdown
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.board import BoardOrder, card_for
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.due import due_items
from jobfutures_tui.usecases.facts import Facts
from jobfutures_tui.usecases.script_context import next_script
from jobfutures_tui.usecases.what_if import skip_now, suggestion_after

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
TODAY = NOW.date()


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Repository]:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)
    with pendulum.travel_to(NOW, freeze=True):
        folder = tmp_path / "demo"
        with Repository.open(folder) as repo:
            populate(repo, today=TODAY)
        # Reopened, as a user would: decisions now come from the index.
        with Repository.open(folder) as repo:
            yield repo


def test_every_surface_says_the_same_next_touch(demo: Repository) -> None:
    repo = demo
    board = BoardOrder(repo).columns(TODAY)
    on_board = {pid for ids in board.values() for pid in ids}
    today = {item.prospect_id: item for item in due_items(repo, today=TODAY, within_days=None)}
    listed = json.loads(_due_json(TODAY, 3650, list(today.values()), repo))["due"]
    as_json = {entry["prospect_id"]: entry for entry in listed}
    text = format_due(list(today.values()), today=TODAY, days=3650, width=1000)
    ics = calendar_bytes(repo, days=3650).decode("utf-8").replace("\r\n ", "")
    checked = 0
    for prospect in repo.prospects(include_archived=False):
        suggestion = next_suggestion(repo, prospect.id, today=TODAY)
        assert prospect.id in on_board
        made = card_for(repo, prospect.id, Facts(repo), today=TODAY)
        assert made is not None
        card = made[0]
        assert card.next == suggestion, "the card"
        company, people = repo.company(prospect.company_id), prospect.person_ids
        main = repo.person(people[0]) if people else None
        assert (card.company, card.person, card.role) == (
            company.name if company else "(missing company)",
            main.name if main else "",
            prospect.role,
        ), "the card, read as stored, says what the records say"
        panel = next_script(repo, prospect.id, today=TODAY)
        assert panel is not None and panel.suggestion == suggestion, "the panel"
        assert suggestion_after(repo, prospect, today=TODAY) == suggestion, "the log form"
        markdown = prospect_markdown(repo, prospect, today=TODAY)
        if suggestion is None:
            assert prospect.id not in today
            assert skip_now(repo, prospect) is None
            continue
        checked += 1
        assert today[prospect.id].suggestion == suggestion, "Today"
        entry = as_json[prospect.id]
        assert (entry["due"], entry["kind"], entry["reason"]) == (
            suggestion.due.isoformat(),
            suggestion.kind.value,
            suggestion.reason,
        ), "due --json"
        assert entry["channel"] == (suggestion.channel.value if suggestion.channel else None)
        assert entry["person_id"] == suggestion.person_id
        assert suggestion.how in text, "jobfutures due"
        assert f"Next touch: {suggestion.how}, due {suggestion.due.isoformat()}" in markdown
        assert f"Touch: {suggestion.kind.label}" in ics, "the calendar"
        skip = skip_now(repo, prospect)
        assert skip is not None and skip.kind is suggestion.kind, "skip"
    assert checked >= 15
