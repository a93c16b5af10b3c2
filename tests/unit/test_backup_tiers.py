"""Backups are kept in tiers (store/backups.py): quick use never loses yesterday."""

from __future__ import annotations

from pathlib import Path

import pendulum
from clock import frozen_at

from jobfutures_tui.store.backups import list_backups, prune, tiers

NOW = pendulum.datetime(2026, 12, 6, 15, tz="UTC")


frozen = frozen_at(NOW)


def backup_at(folder: Path, moment: pendulum.DateTime) -> Path:
    path = folder / f"jobfutures-{moment.format('YYYYMMDD[T]HHmmss')}Z.zip"
    path.write_bytes(b"PK")
    return path


def test_ten_quick_changes_keep_yesterday_last_week_and_last_month(tmp_path: Path) -> None:
    older = [
        backup_at(tmp_path, NOW.subtract(days=1)),  # yesterday
        backup_at(tmp_path, NOW.subtract(days=1, hours=2)),  # yesterday, earlier: goes
        backup_at(tmp_path, NOW.subtract(days=6)),  # last week
        backup_at(tmp_path, NOW.subtract(days=40)),  # a month ago
        backup_at(tmp_path, NOW.subtract(days=41)),  # the same month, earlier: goes
        backup_at(tmp_path, NOW.subtract(days=400)),  # beyond a year: goes
    ]
    quick = [backup_at(tmp_path, NOW.subtract(minutes=n)) for n in range(12)]
    prune(tmp_path, keep=10)
    left = {b.path for b in list_backups(tmp_path)}
    assert set(quick[:10]) <= left and not set(quick[10:]) & left
    assert older[0] in left and older[2] in left and older[3] in left
    assert older[1] not in left and older[4] not in left and older[5] not in left


def test_each_kept_backup_says_its_tier(tmp_path: Path) -> None:
    for days in (0, 0, 3, 20, 200):
        backup_at(tmp_path, NOW.subtract(days=days, minutes=days + len(list(tmp_path.iterdir()))))
    found = list_backups(tmp_path)
    kept = tiers(found, 1, NOW.date())
    assert [kept.get(b.path) for b in found] == ["recent", None, "daily", "monthly", "monthly"]


def test_one_backup_a_day_keeps_the_last_fourteen_days(tmp_path: Path) -> None:
    days = [backup_at(tmp_path, NOW.subtract(days=d)) for d in range(20)]
    prune(tmp_path, keep=2)
    left = {b.path for b in list_backups(tmp_path)}
    assert left == set(days[:14]), "the last 14 days; November's newest is among them"
