"""A calendar that stays true: one event per job future that moves, cancelled once no
longer due, SEQUENCE growing with every change, an alarm, never an empty calendar;
kept in a file rewritten atomically. Read back with icalendar, and imported as a
calendar app would (a higher SEQUENCE replaces, CANCELLED removes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui import settings
from jobfutures_tui.demo import populate
from jobfutures_tui.exchange.calendar_file import keep, keep_as_set, previous_events
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.ics import CANCELLED_KEPT_DAYS, calendar, read_events, uid
from jobfutures_tui.models import ClosedReason, Prospect
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.due import due_items
from jobfutures_tui.usecases.lifecycle import ArchiveInput

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
TODAY = NOW.date()
DAYS = 30


frozen = frozen_at(NOW)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repository:
        populate(repository, today=TODAY)
        yield repository


def events(path: Path) -> dict[str, icalendar.Event]:
    parsed = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in parsed.walk("VEVENT")}


def prospect(repo: Repository, company: str) -> Prospect:
    found = next(i for i in due_items(repo, today=TODAY, within_days=DAYS) if i.company == company)
    future = repo.prospect(found.prospect_id)
    assert future is not None
    return future


def apply(repo: Repository, change: changes.Change) -> None:
    repo.apply(save=change.save, delete=change.delete)


class CalendarApp:
    """What a calendar does on import (RFC 5546): an event replaces the one with its UID
    only with a higher SEQUENCE; a cancelled one is removed."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[int, str, dt.date]] = {}

    def load(self, path: Path) -> None:
        for key, event in events(path).items():
            sequence = int(event["SEQUENCE"])
            if key in self.known and self.known[key][0] >= sequence:
                continue
            self.known[key] = (sequence, str(event["STATUS"]), event.decoded("DTSTART"))

    def shown(self) -> dict[str, dt.date]:
        return {key: day for key, (_, status, day) in self.known.items() if status == "CONFIRMED"}


def due_now(repo: Repository) -> dict[str, dt.date]:
    return {
        uid(i.prospect_id): max(i.suggestion.due, TODAY)
        for i in due_items(repo, today=TODAY, within_days=DAYS)
    }


def test_an_event_moves_with_its_job_future_instead_of_multiplying(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "due.ics"
    keep(repo, path, days=DAYS, alarm=None)
    before = events(path)
    northwind = prospect(repo, "Northwind Logistics")
    key = uid(northwind.id)
    assert before[key].decoded("DTSTART") == TODAY  # overdue: shown today
    apply(repo, changes.snooze(repo, northwind, TODAY.add(days=5)))
    assert keep(repo, path, days=DAYS, alarm=None)
    after = events(path)
    assert after.keys() == before.keys(), "the same events, no copies"
    assert after[key].decoded("DTSTART") == TODAY.add(days=5)
    assert int(after[key]["SEQUENCE"]) == int(before[key]["SEQUENCE"]) + 1
    untouched = [k for k in before if k != key]
    assert all(after[k]["SEQUENCE"] == before[k]["SEQUENCE"] for k in untouched)
    assert all(after[k]["LAST-MODIFIED"].dt == before[k]["LAST-MODIFIED"].dt for k in untouched)


def test_sequence_grows_with_every_change_even_within_a_minute(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "due.ics"
    northwind = prospect(repo, "Northwind Logistics")
    sequences = []
    for days in (0, 3, 4, 5):  # time is frozen: all in the same minute
        if days:
            northwind = repo.prospect(northwind.id) or northwind
            apply(repo, changes.snooze(repo, northwind, TODAY.add(days=days)))
        keep(repo, path, days=DAYS, alarm=None)
        sequences.append(int(events(path)[uid(northwind.id)]["SEQUENCE"]))
    assert sequences == sorted(set(sequences)) and sequences[-1] == sequences[0] + 3


def test_touches_no_longer_due_are_cancelled_once_then_forgotten(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "due.ics"
    keep(repo, path, days=DAYS, alarm=dt.time(9))
    northwind, contoso = prospect(repo, "Northwind Logistics"), prospect(repo, "Litware")
    first = events(path)
    apply(repo, changes.close(repo, northwind, ArchiveInput(reason=ClosedReason.HIRED_ELSEWHERE)))
    apply(repo, changes.snooze(repo, contoso, TODAY.add(days=DAYS + 20)))  # out of range
    keep(repo, path, days=DAYS, alarm=dt.time(9))
    second = events(path)
    for future in (northwind, contoso):
        event = second[uid(future.id)]
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == int(first[uid(future.id)]["SEQUENCE"]) + 1
        assert not list(event.walk("VALARM")), "a cancelled event rings no more"
    keep(repo, path, days=DAYS, alarm=dt.time(9))
    assert events(path)[uid(northwind.id)]["SEQUENCE"] == second[uid(northwind.id)]["SEQUENCE"]
    with pendulum.travel_to(NOW.add(days=CANCELLED_KEPT_DAYS + 1), freeze=True):
        keep(repo, path, days=DAYS, alarm=dt.time(9))
    assert uid(northwind.id) not in events(path)


def test_a_calendar_app_importing_each_version_shows_exactly_what_is_due(
    repo: Repository, tmp_path: Path
) -> None:
    path, app = tmp_path / "due.ics", CalendarApp()
    keep(repo, path, days=DAYS, alarm=None)
    app.load(path)
    assert app.shown() == due_now(repo)
    first = path.read_bytes()
    northwind, litware = prospect(repo, "Northwind Logistics"), prospect(repo, "Litware")
    apply(repo, changes.close(repo, northwind, ArchiveInput(reason=ClosedReason.HIRED_ELSEWHERE)))
    apply(repo, changes.snooze(repo, litware, TODAY.add(days=9)))
    keep(repo, path, days=DAYS, alarm=None)
    app.load(path)
    assert app.shown() == due_now(repo)
    assert uid(northwind.id) not in app.shown() and app.shown()[uid(litware.id)] == TODAY.add(
        days=9
    )
    app.load(path)  # the same file again: nothing doubles
    old = tmp_path / "old.ics"
    old.write_bytes(first)
    app.load(old)  # an older file: its lower sequences change nothing
    assert app.shown() == due_now(repo)


def test_a_job_future_due_again_comes_back_with_a_higher_sequence(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "due.ics"
    litware = prospect(repo, "Litware")
    keep(repo, path, days=DAYS, alarm=None)
    apply(repo, changes.snooze(repo, litware, TODAY.add(days=DAYS + 5)))
    keep(repo, path, days=DAYS, alarm=None)
    cancelled = events(path)[uid(litware.id)]
    apply(repo, changes.snooze(repo, repo.prospect(litware.id) or litware, TODAY.add(days=2)))
    keep(repo, path, days=DAYS, alarm=None)
    back = events(path)[uid(litware.id)]
    assert str(back["STATUS"]) == "CONFIRMED" and back.decoded("DTSTART") == TODAY.add(days=2)
    assert int(back["SEQUENCE"]) > int(cancelled["SEQUENCE"])


def test_the_alarm_rings_at_the_set_time_of_the_due_day(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "due.ics"
    keep(repo, path, days=DAYS, alarm=dt.time(8, 30))
    for event in events(path).values():
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"])
        assert alarm.decoded("TRIGGER") == dt.timedelta(hours=8, minutes=30)
    keep(repo, path, days=DAYS, alarm=None)
    assert not any(event.walk("VALARM") for event in events(path).values())


def test_a_calendar_with_nothing_due_is_still_valid(tmp_path: Path) -> None:
    data = calendar([], today=TODAY, stamp=NOW)
    parsed = icalendar.Calendar.from_ical(data)
    assert parsed.subcomponents, "RFC 5545: at least one component"
    assert not list(parsed.walk("VEVENT"))
    with Repository.open(tmp_path / "empty") as repo:
        keep(repo, tmp_path / "empty.ics", days=DAYS, alarm=None)
    assert icalendar.Calendar.from_ical((tmp_path / "empty.ics").read_bytes()).subcomponents


def test_the_file_is_replaced_atomically_and_left_alone_when_nothing_changed(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "due.ics"
    assert keep(repo, path, days=DAYS, alarm=None)
    inode, stamp = path.stat().st_ino, path.stat().st_mtime_ns
    with pendulum.travel_to(NOW.add(minutes=5), freeze=True):
        assert not keep(repo, path, days=DAYS, alarm=None), "same events: not rewritten"
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (inode, stamp)
    apply(repo, changes.snooze(repo, prospect(repo, "Litware"), TODAY.add(days=3)))
    assert keep(repo, path, days=DAYS, alarm=None)
    assert path.stat().st_ino != inode, "a new file renamed over the old one"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_someone_elses_file_is_never_overwritten(repo: Repository, tmp_path: Path) -> None:
    path = tmp_path / "family.ics"
    theirs = b"BEGIN:VCALENDAR\r\nPRODID:-//Someone//Else//EN\r\nEND:VCALENDAR\r\n"
    path.write_bytes(theirs)
    with pytest.raises(ExchangeError, match="did not write"):
        keep(repo, path, days=DAYS, alarm=None)
    assert path.read_bytes() == theirs
    assert read_events(theirs) == {}


def test_the_settings_name_the_kept_file(
    repo: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert keep_as_set(repo) is None
    path = tmp_path / "kept.ics"
    settings.save({"calendar_file": str(path), "calendar_days": 3, "calendar_alarm": "7"})
    assert keep_as_set(repo) == path
    kept = events(path)
    assert all(e.decoded("DTSTART") <= TODAY.add(days=3) for e in kept.values())
    alarms = [a.decoded("TRIGGER") for e in kept.values() for a in e.walk("VALARM")]
    assert alarms and set(alarms) == {dt.timedelta(hours=7)}
    assert previous_events(path).keys() == kept.keys()
    gone = tmp_path / "unmounted" / "kept.ics"  # a synced folder that is not there today
    settings.save({"calendar_file": str(gone)})
    with pytest.raises(ExchangeError, match=r"cannot write .*unmounted"):
        keep_as_set(repo)
    assert not gone.parent.exists(), "no folder made up in its place"


@pytest.mark.parametrize(
    ("given", "stored"),
    [("9", "09:00"), ("9:30", "09:30"), (dt.time(18, 5), "18:05"), ("OFF", "off"), (7, "07:00")],
)
def test_the_alarm_setting_reads_times_as_people_write_them(given: Any, stored: str) -> None:
    assert settings.Settings(calendar_alarm=given).calendar_alarm == stored


def test_bad_calendar_settings_are_refused_with_why() -> None:
    with pytest.raises(ValueError, match="time of day"):
        settings.checked_value("calendar_alarm", "25:00")
    with pytest.raises(ValueError, match="whole path"):
        settings.checked_value("calendar_file", "due.ics")
    assert settings.checked_value("calendar_file", "~/due.ics") == str(Path.home() / "due.ics")
