"""Time the import of a large LinkedIn export, of an address book of 2,000 vCards,
and the exports of a lifetime of data.

    python -m benchmarks.exchange             # 5,000 connections; 2,000 cards
    python -m benchmarks.exchange --rows 20000 --cards 10000
    python -m benchmarks.exchange --lifetime  # and 5,000 job futures, 50,000 touches

Each step runs in this process, in a temporary folder, three times; the
median is printed. Not part of pytest.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from jobfutures_tui.exchange import linkedin, vcard
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


_PHOTO = "PHOTO;ENCODING=b;TYPE=JPEG:" + "/9j/4AAQSkZJRgABAQAAAQABAAD" * 40


def address_book(path: Path, cards: int) -> Path:
    """A .vcf as phones and mail apps write them, in turn: Apple's 3.0 with item
    groups, a folded note and a photo on every tenth card; Android's 2.1 with
    quoted-printable names; Google's 4.0 with PREF numbers."""
    out: list[str] = []
    for i in range(cards):
        company = f"Company {i % 400}"
        if i % 3 == 0:
            out += [
                "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
                f"N:Lindqvist{i};Åsa;;;", f"FN:Åsa Lindqvist{i}", f"ORG:{company};Platform",
                "TITLE:Engineering Manager",
                f"item1.EMAIL;type=INTERNET;type=pref:asa{i}@example.com",
                f"item2.EMAIL;type=INTERNET;type=HOME:asa{i}@home.example",
                f"TEL;type=CELL;type=VOICE;type=pref:+46 70 555 {i:04d}",
                f"item3.ADR;type=WORK;type=pref:;;Kungsgatan {i % 90};Stockholm;;111 43;Swe",
                " den",
                f"item4.URL:https://www.linkedin.com/in/asa-{i}", "item4.X-ABLabel:LinkedIn",
                r"NOTE:Met at a meetup\, spring 2024.\nLikes long articles on streaming",
                "  systems.",
                *([_PHOTO[j : j + 74] if j == 0 else " " + _PHOTO[j : j + 74]
                   for j in range(0, len(_PHOTO), 74)] if i % 10 == 0 else []),
                "END:VCARD",
            ]  # fmt: skip
        elif i % 3 == 1:
            out += [
                "BEGIN:VCARD", "VERSION:2.1",
                f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller{i};J=C3=BCrgen;;;",
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller{i}",
                f"TEL;CELL;PREF:+49 170 555{i:04d}", f"TEL;HOME:+49 30 555{i:04d}",
                f"EMAIL;WORK:juergen{i}@example.com", f"ORG:{company}",
                "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Their team grows in spring and=",
                " is hiring.", "END:VCARD",
            ]  # fmt: skip
        else:
            out += [
                "BEGIN:VCARD", "VERSION:4.0", f"FN:Mei Chen{i}", f"N:Chen{i};Mei;;;",
                f"EMAIL;TYPE=home;PREF=2:mei{i}@home.example",
                f"EMAIL;TYPE=work;PREF=1:mei{i}@example.com",
                f"TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+1-206-555-{i:04d}", f"ORG:{company}",
                "BDAY:1990-01-01", "END:VCARD",
            ]  # fmt: skip
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")
    return path


def peak_mb(step: Callable[[], object]) -> float:
    """The most memory Python held at once while the step ran, beyond what it held before."""
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


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
    parser.add_argument("--cards", type=int, default=2_000)
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
        vcards(root, args.cards)
    if args.lifetime:
        lifetime(5_000, 50_000)


def vcards(root: Path, cards: int) -> None:
    """An address book's .vcf: the dry run, the import, the same file again."""
    path = address_book(root / "contacts.vcf", cards)
    counter = iter(range(1_000))

    def apply() -> None:
        with Repository.open(root / f"cards{next(counter)}") as repo:
            vcard.plan_import(path, Existing.of(repo)).apply(repo)

    folder = root / "cards-again"
    with Repository.open(folder) as repo:
        first = vcard.plan_import(path, Existing.of(repo))
        assert len(first.new_counts()) == 2 and not first.errors, first.summary()
        first.apply(repo)

    def again() -> None:
        with Repository.open(folder) as repo:
            assert not vcard.plan_import(path, Existing.of(repo)).new

    def dry_run() -> None:
        vcard.plan_import(path, Existing())

    size = path.stat().st_size / 1024 / 1024
    print(f"vCard file of {cards:,} cards ({size:.1f} MB; Apple 3.0, Android 2.1, Google 4.0):")
    print(f"  dry run (read, match, validate)   {median(dry_run) * 1000:8.0f} ms")
    print(f"  peak memory of the dry run        {peak_mb(dry_run):8.1f} MB")
    print(f"  import into an empty folder       {median(apply) * 1000:8.0f} ms")
    print(f"  the same file again (all match)   {median(again) * 1000:8.0f} ms")


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
