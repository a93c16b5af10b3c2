"""What a benchmark run finds, the targets it is judged by, and the Markdown report.

Kept apart from the measuring (:mod:`benchmarks.run`), which starts the probes:
this is what the figures mean and how ``docs/benchmarks.md`` says them.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SIZES = ((10, 50), (500, 5_000), (5_000, 50_000))
SAVES = 50
VCARDS = 2_000
"""Cards in the address book the import is timed with (benchmarks/exchange.py writes it)."""
SAVE_ROUNDS = 5
"""Saves per size, in this many fresh processes."""

DUE_LIST_MS = 100.0
FRAME_VS_SMALL = 1.5
FRAME_VS_FLOOR = 2.0
SAVE_GROWTH = 1.5
SAVE_P95_MS = 50.0
BRIEF_VS_VERSION = 1.5


@dataclass
class SizeResult:
    prospects: int
    touches: int
    months: int
    data_bytes: int = 0
    data_files: int = 0
    open_ms: float = 0
    verify_ms: float = 0
    frame_ms: float = 0
    frame_gc_ms: float = 0
    frame_gc_full: float = 0
    frame_no_verify_ms: float = 0
    frame_open_ms: float = 0
    wall_ms: float = 0
    maxrss_mb: float = 0
    first_save_ms: float = 0
    touch_p50: float = 0
    touch_p95: float = 0
    touch_cpu_p95: float = 0
    move_p50: float = 0
    move_p95: float = 0
    partition_touches: int = 0
    due_open_ms: float = 0
    due_ms: float = 0
    due_again_ms: float = 0
    due_items: int = 0
    vcard_ms: float = 0
    vcard_existing_ms: float = 0
    vcard_rss_mb: float = 0
    vcard_new: int = 0
    vcard_errors: int = 0
    cli_ms: float = 0
    brief_ms: float = 0
    brief_cold_ms: float = 0
    brief_stale_ms: float = 0
    check: str = ""
    raw: dict[str, list[float]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.prospects:,} / {self.touches:,}"


@dataclass
class Floor:
    frame_ms: float = 0
    frame_gc_ms: float = 0
    frame_gc_full: float = 0
    wall_ms: float = 0
    maxrss_mb: float = 0
    import_app_ms: float = 0
    import_textual_ms: float = 0
    import_store_ms: float = 0
    version_ms: float = 0
    """A ``jobfutures --version`` process: what ``due --brief`` is compared with."""


# ------------------------------------------------------------------ targets


@dataclass
class Target:
    name: str
    measured: float | None
    limit: float | None
    detail: str

    @property
    def verdict(self) -> str:
        if self.measured is None or self.limit is None:
            return "not measured (--quick)"
        return "PASS" if self.measured <= self.limit else "FAIL"


def targets(results: dict[tuple[int, int], SizeResult], floor: Floor) -> list[Target]:
    small, middle, large = (results.get(size) for size in SIZES)
    frame = large.frame_ms if large else None
    touch = large.touch_p95 if large else None
    due = large.due_ms if large else None
    return [
        Target("due list at 5,000 / 50,000 < 100 ms", due, DUE_LIST_MS, "100 ms"),
        Target(
            "first frame at 5,000 / 50,000 ≤ 1.5 × at 10 / 50",
            frame,
            FRAME_VS_SMALL * small.frame_ms if small else None,
            f"1.5 × {small.frame_ms:.0f} ms" if small else "",
        ),
        Target(
            "first frame at 5,000 / 50,000 ≤ 2 × the bare Textual floor",
            frame,
            FRAME_VS_FLOOR * floor.frame_ms,
            f"2 × {floor.frame_ms:.0f} ms",
        ),
        Target(
            "touch save p95 at 50,000 ≤ 1.5 × p95 at 5,000",
            touch,
            SAVE_GROWTH * middle.touch_p95 if middle else None,
            f"1.5 × {middle.touch_p95:.1f} ms" if middle else "",
        ),
        Target("touch save p95 at 50,000 ≤ 50 ms", touch, SAVE_P95_MS, "50 ms"),
        Target(
            "`due --brief` at 5,000 / 50,000 ≤ 1.5 × `jobfutures --version`",
            large.brief_ms if large else None,
            BRIEF_VS_VERSION * floor.version_ms,
            f"1.5 × {floor.version_ms:.0f} ms",
        ),
    ]


# ------------------------------------------------------------------ the report


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {version(name)}"
        for name in ("textual", "tinydb", "pydantic", "pendulum", "orjson")
    )
    return (
        f"{os.cpu_count()} cores{f' ({cpu})' if cpu else ''}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}; {versions}"
    )


def code_version() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "unknown"
    changed = [
        line for line in git("status", "--porcelain").splitlines() if "benchmarks/" not in line
    ]
    return f"{commit}" + (" with uncommitted changes" if changed else "")


def ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def report(
    results: dict[tuple[int, int], SizeResult], floor: Floor, repeats: int, quick: bool
) -> str:
    now = time.strftime("%Y-%m-%d %H:%M %Z")
    lines = [
        "# Benchmarks" + (" (quick run: the two smaller sizes)" if quick else ""),
        "",
        f"Measured {now} on {machine()}. Code: {code_version()}.",
        "",
        "Run from the repository root: `python -m benchmarks.run` (1–2 minutes; the first run "
        "also generates the data sets into `benchmarks/.data/`, about 15 s more). "
        "`--quick` measures the two smaller sizes with 3 repeats and writes no file. "
        "`python -m benchmarks.hotspots` profiles opening and the first frame at the largest size.",
        "",
        f"Data: synthetic, seed 1 (`benchmarks/generate.py`): 60 % of job futures open over the "
        f"four stages, 40 % archived; 1–3 people each; about 300 touches a month over "
        f"max(18, touches / 300) months up to today. Timings of opening and starting are medians "
        f"of {repeats} fresh processes, after one warm-up run, with the repeats of all sizes "
        f"interleaved round by round (so a burst of load hits every size alike); saves are "
        f"percentiles over {SAVES} saves. Other programs may share this {os.cpu_count()}-core "
        f"machine: between whole runs the same figure has moved by up to a third (the bare "
        f"floor from 272 to 380 ms), so compare the rows of one run with each other, and read a "
        f"target that passes or fails by a few percent as undecided.",
        "",
        "## Results (ms unless stated)",
        "",
        "| prospects / touches | months | on disk | open | verify | first frame "
        "| of which GC | w/o verify | process | peak RSS | touch save p50 / p95 "
        "| touch save CPU p95 | move p50 / p95 | first save |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results.values():
        lines.append(
            f"| {result.label} | {result.months} "
            f"| {result.data_bytes / 1e6:.1f} MB in {result.data_files} files "
            f"| {ms(result.open_ms)} | {ms(result.verify_ms)} | **{ms(result.frame_ms)}** "
            f"| {ms(result.frame_gc_ms)} ({result.frame_gc_full:.0f} full) "
            f"| {ms(result.frame_no_verify_ms)} | {ms(result.wall_ms)} "
            f"| {result.maxrss_mb:.0f} MB "
            f"| {result.touch_p50:.1f} / **{result.touch_p95:.1f}** "
            f"| {result.touch_cpu_p95:.1f} "
            f"| {result.move_p50:.1f} / {result.move_p95:.1f} | {ms(result.first_save_ms)} |"
        )
    lines += [
        "",
        f"Floor: a bare Textual app (one Static, same size) paints its first frame "
        f"**{ms(floor.frame_ms)}** ms after its process starts (process "
        f"{ms(floor.wall_ms)} ms, {floor.maxrss_mb:.0f} MB). Import alone: "
        f"`jobfutures_tui.app` {ms(floor.import_app_ms)} ms, `textual.app` "
        f"{ms(floor.import_textual_ms)} ms, `jobfutures_tui.store` {ms(floor.import_store_ms)} ms.",
        "",
        "### What the columns mean",
        "",
        "- **months**: how far back the touches go; touches are one file per month.",
        "- **on disk**: the data files (JSON), backups and the lock excluded.",
        "- **open**: `Repository.open(folder, verify=False, streamed=True)`, as the app "
        "opens the data (BackgroundWriter), imports excluded; fresh process each time.",
        "- **verify**: `repo.verify()` right after, validating every touch. The app starts "
        "it on a thread 0.2 s after the first frame is painted (the insights' counts first), "
        "so it no longer runs alongside the building of the frame.",
        "- **first frame**: from the first statement of a fresh process (before importing "
        "Textual or jobfutures) until the board has mounted and painted its cards, headless at "
        "120×40: imports, opening the data as `cli.run_app` does, building and running "
        "`JobFuturesApp`. The background verify runs as in the app.",
        "- **of which GC**: time the garbage collector ran in that process before the "
        "frame (all threads), and how many full (generation 2) collections.",
        "- **w/o verify**: the same with the background verify switched off (diagnosis: "
        "what the verify thread costs the first frame).",
        "- **process**: wall time of that whole process as the parent sees it (interpreter "
        "start-up, first frame, exit), for information. The app exits right after the frame, "
        "but `app.run()` returns only when the background verify thread has finished, and "
        "the interpreter then frees the whole heap.",
        "- **peak RSS**: the first-frame process's peak resident memory (`VmHWM`).",
        f"- **touch save**: wall time of `repo.save(Touch.new(...))` of a new touch dated now "
        f"(building the touch not included), with the synchronous `Writer`: on disk and "
        f"fsynced when it returns. {SAVES} saves in {SAVE_ROUNDS} fresh processes of "
        f"{SAVES // SAVE_ROUNDS}, interleaved with the other sizes, each process's first save "
        f"left out. **CPU p95**: the same saves in CPU time, which the disk's (shared, noisy) "
        f"fsync latency does not blur. **move**: saving a job future moved to the next stage "
        f"(rewrites the prospects file), for information. **first save**: a session's first "
        f"save, which first zips the whole folder into a backup (median of the "
        f"{SAVE_ROUNDS} processes).",
        "",
        "## The due list",
        "",
        "What `jobfutures due` and the Today screen compute: the touches due within a week "
        "(overdue ones always), most urgent first.",
        "",
        "| prospects / touches | open (read-only) | due list | again | touches due "
        "| `jobfutures due` process | `due --brief` process | first after a change "
        "| after a sync |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        *(
            f"| {r.label} | {ms(r.due_open_ms)} | **{ms(r.due_ms)}** | {ms(r.due_again_ms)} "
            f"| {r.due_items:,} | **{ms(r.cli_ms)}** | **{ms(r.brief_ms)}** "
            f"| {ms(r.brief_cold_ms)} | {ms(r.brief_stale_ms)} |"
            for r in results.values()
        ),
        "",
        f"A `jobfutures --version` process, for comparison: **{ms(floor.version_ms)}** ms.",
        "",
        "- **open (read-only)**: `Repository.open(folder, read_only=True, verify=False)`, as "
        "`jobfutures due` opens the data, in a fresh process, imports excluded.",
        "- **due list**: `due_items(repo, today=…, within_days=7)` right after, the first call "
        "of the process: the engine's decisions kept in the derived index are finished for "
        "today; names are read field by field, no record is validated whole and no month of "
        "touches is parsed. **again**: a second call in the same process.",
        "- **`jobfutures due` process**: wall time of `python -m jobfutures_tui --data FOLDER "
        "due` as the parent sees it: interpreter start-up, imports (Textual is never "
        "imported), opening, the list, printing it.",
        "- **`due --brief` process**: `jobfutures --data FOLDER due --brief`, the one line a "
        "shell's start file prints, as every new shell after the first runs it: the line kept "
        "in the cache folder is printed once the data files (their sizes and times), the "
        "settings and the day are found unchanged. **first after a change**: the same with no "
        "line kept, as the first shell after a change made outside the app and the shell's "
        "commands (which keep it up to date themselves) or on a new day: it opens the data and "
        "works the list out. **after a sync**: the same with the derived index stale too (here "
        "deleted), as the first shell after another device's changes arrived: it works the "
        "index out from every month of touches and keeps it for the next command.",
        "",
        "## Importing an address book",
        "",
        f"The dry run of `jobfutures import vcard` of a {VCARDS:,}-card file (Apple 3.0, "
        "Android 2.1 and Google 4.0 cards in turn, a photo on every thirtieth; "
        "`benchmarks/exchange.py`) into each data set, in a fresh process: every card "
        "read, matched against the stored people and companies, and validated.",
        "",
        "| prospects / touches | stored records read | dry run | people new | peak RSS |",
        "|---|--:|--:|--:|--:|",
        *(
            f"| {r.label} | {ms(r.vcard_existing_ms)} | **{ms(r.vcard_ms)}** "
            f"| {r.vcard_new:,}{f' ({r.vcard_errors} errors)' if r.vcard_errors else ''} "
            f"| **{r.vcard_rss_mb:.0f} MB** |"
            for r in results.values()
        ),
        "",
        "- **stored records read**: `Existing.of(repo)`, the companies, people and job "
        "futures the cards are matched against. **dry run**: `vcard.plan_import` after it. "
        "**peak RSS**: the process's peak resident memory (`VmHWM`), imports and the open "
        "data included. `python -m benchmarks.exchange` also times applying it and the same "
        "file again.",
        "",
        "## Targets",
        "",
        "| target | measured | limit | result |",
        "|---|--:|--:|---|",
    ]
    for target in targets(results, floor):
        measured = "–" if target.measured is None else f"{target.measured:.1f} ms"
        limit = "–" if target.limit is None else f"{target.limit:.1f} ms ({target.detail})"
        lines.append(f"| {target.name} | {measured} | {limit} | **{target.verdict}** |")
    checks = "; ".join(f"{r.label}: {r.check}" for r in results.values())
    partitions = "; ".join(f"{r.label}: {r.partition_touches}" for r in results.values())
    lines += [
        "",
        f"Sanity: first card painted ({checks}). Touches in the current month's file when the "
        f"saves ran ({partitions}).",
        "",
    ]
    return "\n".join(lines)
