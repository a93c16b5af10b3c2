"""Time the import of a large LinkedIn export and the exports of a lifetime of data.

    python -m benchmarks.exchange             # 5,000 connections; 500 job futures
    python -m benchmarks.exchange --rows 20000
    python -m benchmarks.exchange --lifetime  # and 5,000 job futures, 50,000 touches

Each step runs in this process, in a temporary folder, three times; the
median is printed. Not part of pytest.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jobfutures_tui.exchange import linkedin
from jobfutures_tui.exchange.check import check_folder
from jobfutures_tui.exchange.csv_export import tables
from jobfutures_tui.exchange.dataset import Dataset, export_json
from jobfutures_tui.exchange.plan import Existing
from jobfutures_tui.store import Repository

REPEATS = 3
PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)


def connections(path: Path, rows: int) -> Path:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for i in range(rows):
        email = f"person{i}@example.com" if i % 4 == 0 else ""
        lines.append(
            f"First{i},Last{i},https://www.linkedin.com/in/person-{i},{email},"
            f'"Company {i % 700}, Inc.",Engineer {i % 13},{1 + i % 28:02d} Mar 2024'
        )
    path.write_text(PREAMBLE + "\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def median(step: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument(
        "--lifetime", action="store_true", help="also 5,000 job futures and 50,000 touches"
    )
    args = parser.parse_args()
    rows = args.rows
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        csv_path = connections(root / "Connections.csv", rows)

        def dry_run() -> None:
            linkedin.plan_import(csv_path, Existing())

        counter = iter(range(1_000))

        def apply() -> None:
            folder = root / f"data{next(counter)}"
            with Repository.open(folder) as repo:
                linkedin.plan_import(csv_path, Existing.of(repo)).apply(repo)

        folder = root / "again"
        with Repository.open(folder) as repo:
            linkedin.plan_import(csv_path, Existing.of(repo)).apply(repo)

        def again() -> None:
            with Repository.open(folder) as repo:
                plan = linkedin.plan_import(csv_path, Existing.of(repo))
                assert not plan.new

        print(f"LinkedIn export of {rows:,} connections:")
        print(f"  dry run (read, match, validate)   {median(dry_run) * 1000:8.0f} ms")
        print(f"  import into an empty folder       {median(apply) * 1000:8.0f} ms")
        print(f"  the same file again (all match)   {median(again) * 1000:8.0f} ms")

        with Repository.open(folder, read_only=True) as repo:
            print(f"Exports of {len(repo.people()):,} people:")
            json_ms = median(lambda: export_json(repo)) * 1000
            print(f"  JSON                              {json_ms:8.0f} ms")
            csv_ms = median(lambda: tables(Dataset.of(repo))) * 1000
            print(f"  CSV (three files)                 {csv_ms:8.0f} ms")
        check_ms = median(lambda: check_folder(folder)) * 1000
        print(f"  check                             {check_ms:8.0f} ms")
    if args.lifetime:
        lifetime(5_000, 50_000)


def lifetime(prospects: int, touches: int) -> None:
    """Exports, check, backup and restore of a generated lifetime of data."""
    from benchmarks.generate import generated, working_copy
    from jobfutures_tui.exchange.actions import calendar_bytes
    from jobfutures_tui.exchange.backup import backup_to
    from jobfutures_tui.exchange.restore import read_backup

    with tempfile.TemporaryDirectory() as tmp:
        folder = working_copy(generated(prospects, touches), Path(tmp) / "data")
        print(f"A lifetime: {prospects:,} job futures, {touches:,} touches:")
        with Repository.open(folder, read_only=True) as repo:
            steps: dict[str, Callable[[], object]] = {
                "export JSON": lambda: export_json(repo),
                "export CSV (three files)": lambda: tables(Dataset.of(repo)),
                "export .ics (60 days)": lambda: calendar_bytes(repo),
            }
            for label, step in steps.items():
                print(f"  {label:<34}{median(step) * 1000:8.0f} ms")
        backup = backup_to(folder, Path(tmp) / "b.zip")
        for label, step in {
            "check": lambda: check_folder(folder),
            "backup": lambda: backup_to(folder, Path(tmp) / "b.zip", overwrite=True),
            "restore: read and verify the backup": lambda: read_backup(backup),
        }.items():
            print(f"  {label:<34}{median(step) * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
