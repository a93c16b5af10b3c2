"""Measure jobfutures at three sizes of data and check the targets.

    python -m benchmarks.run            # full run; writes docs/benchmarks.md
    python -m benchmarks.run --quick    # the two smaller sizes, 3 repeats, no file written

Every timing of opening or starting comes from a fresh process
(``benchmarks/probe.py``), so no import or cache of an earlier run helps;
each figure is the median of the repeats. Other programs may share the
machine, so read small differences with care. Progress goes to stderr, the
Markdown report to stdout (and to ``docs/benchmarks.md`` on a full run).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks.generate import generated, months_of_history, working_copy

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "benchmarks" / "probe.py"
REPORT = ROOT / "docs" / "benchmarks.md"

SIZES = ((10, 50), (500, 5_000), (5_000, 50_000))
QUICK_SIZES = SIZES[:2]
REPEATS = 7
QUICK_REPEATS = 3
SAVES = 50
SAVE_ROUNDS = 5

DUE_LIST_MS = 100.0
FRAME_VS_SMALL = 1.5
FRAME_VS_FLOOR = 2.0
SAVE_GROWTH = 1.5
SAVE_P95_MS = 50.0


# ------------------------------------------------------------------ helpers


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def probe(*args: str, timeout: float = 300) -> tuple[dict[str, Any], float]:
    """Run one probe in a fresh process: its result and the process wall time in ms."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PROBE), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )
    wall = (time.perf_counter() - start) * 1000
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"probe {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}"
        )
    return json.loads(lines[-1].removeprefix("BENCH ")), wall


def run_cli(folder: str, timeout: float = 120) -> float:
    """Wall time of one ``jobfutures due`` process on ``folder``, in ms."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "jobfutures_tui", "--data", folder, "due"],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"jobfutures due failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def data_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of data files, excluding backups and the lock."""
    total = count = 0
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if not path.is_file() or relative.parts[0] == "backups" or path.suffix != ".json":
            continue
        total += path.stat().st_size
        count += 1
    return total, count


# ------------------------------------------------------------------ measuring


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
    cli_ms: float = 0
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


@dataclass
class Prepared:
    result: SizeResult
    source: Path
    folder: Path


def prepare(prospects: int, touches: int, scratch: Path) -> Prepared:
    """The data set (generated once), a working copy, and a checked warm-up frame."""
    result = SizeResult(prospects, touches, months_of_history(touches))
    started = time.perf_counter()
    source = generated(prospects, touches)
    ready = time.perf_counter() - started
    folder = working_copy(source, Path(tempfile.mkdtemp(dir=scratch)))
    result.data_bytes, result.data_files = data_size(folder)
    # A first run checks the cards are really painted, and warms the disk cache.
    warm, _ = probe("frame", str(folder), "--check")
    result.check = str(warm.get("check", ""))
    if warm.get("screens") != ["Screen", "BoardScreen"]:
        result.check += f" (unexpected screen stack: {warm.get('screens')})"
    log(
        f"== {result.label}: data ready in {ready:.1f} s "
        f"({result.data_bytes / 1e6:.1f} MB); {result.check}"
    )
    return Prepared(result, source, folder)


def measure(
    sizes: tuple[tuple[int, int], ...], repeats: int, scratch: Path
) -> tuple[dict[tuple[int, int], SizeResult], Floor]:
    """Every size and the floor, one round at a time.

    The repeats are interleaved (a round runs each probe once per size), so a
    burst of load from other programs hits every size alike and the ratios
    the targets compare stay fair.
    """
    prepared = {size: prepare(*size, scratch) for size in sizes}
    probe("bare")  # warm-up
    samples: dict[str, list[tuple[dict[str, Any], float]]] = {}
    cli: dict[tuple[int, int], list[float]] = {}

    def take(key: str, *args: str) -> None:
        samples.setdefault(key, []).append(probe(*args))

    for round_ in range(repeats):
        log(f"== round {round_ + 1} of {repeats}")
        take("bare", "bare")
        for size, item in prepared.items():
            folder = str(item.folder)
            take(f"open {size}", "open", folder)
            take(f"frame {size}", "frame", folder)
            take(f"quiet {size}", "frame", folder, "--no-verify")
            take(f"due {size}", "due", folder)
            cli.setdefault(size, []).append(run_cli(folder))
        for module in ("jobfutures_tui.app", "textual.app", "jobfutures_tui.store"):
            take(f"import {module}", "import", module)

    # Saves write: each size gets a copy of its own, and the saves too come in
    # interleaved rounds (fsync times swing with other programs' disk traffic).
    writable = {
        size: working_copy(item.source, Path(tempfile.mkdtemp(dir=scratch)))
        for size, item in prepared.items()
    }
    save_samples: dict[tuple[int, int], dict[str, list[float]]] = {}
    for round_ in range(SAVE_ROUNDS):
        log(f"== saves, round {round_ + 1} of {SAVE_ROUNDS}")
        for size, folder in writable.items():
            saves, _ = probe("save", str(folder), str(SAVES // SAVE_ROUNDS), str(round_))
            gathered = save_samples.setdefault(size, {})
            for name, value in saves.items():
                if isinstance(value, list):
                    gathered.setdefault(name, []).extend(value)
                else:
                    gathered.setdefault(name, []).append(value)

    def values(key: str, name: str) -> list[float]:
        return [result[name] for result, _ in samples[key]]

    def walls(key: str) -> list[float]:
        return [round(wall, 1) for _, wall in samples[key]]

    floor = Floor(
        frame_ms=median(values("bare", "frame_ms")),
        wall_ms=median(walls("bare")),
        maxrss_mb=median(values("bare", "maxrss_mb")),
        import_app_ms=median(values("import jobfutures_tui.app", "import_ms")),
        import_textual_ms=median(values("import textual.app", "import_ms")),
        import_store_ms=median(values("import jobfutures_tui.store", "import_ms")),
    )
    log(
        f"== floor: bare first frame {floor.frame_ms:.0f} ms; import jobfutures_tui.app "
        f"{floor.import_app_ms:.0f} ms, textual.app {floor.import_textual_ms:.0f} ms"
    )
    results = {}
    for size, item in prepared.items():
        result = item.result
        result.open_ms = median(values(f"open {size}", "open_ms"))
        result.verify_ms = median(values(f"open {size}", "verify_ms"))
        result.frame_ms = median(values(f"frame {size}", "frame_ms"))
        result.frame_gc_ms = median(values(f"frame {size}", "gc_ms"))
        result.frame_gc_full = median(values(f"frame {size}", "gc_full"))
        result.wall_ms = median(walls(f"frame {size}"))
        result.maxrss_mb = median(values(f"frame {size}", "maxrss_mb"))
        result.frame_no_verify_ms = median(values(f"quiet {size}", "frame_ms"))
        result.due_open_ms = median(values(f"due {size}", "open_ms"))
        result.due_ms = median(values(f"due {size}", "due_ms"))
        result.due_again_ms = median(values(f"due {size}", "due_again_ms"))
        result.due_items = int(values(f"due {size}", "items")[0])
        result.cli_ms = median(cli[size])

        saves = save_samples[size]
        result.first_save_ms = median(saves["first_save_ms"])
        result.touch_p50, result.touch_p95 = median(saves["touch_ms"]), p95(saves["touch_ms"])
        result.touch_cpu_p95 = p95(saves["touch_cpu_ms"])
        result.move_p50, result.move_p95 = median(saves["move_ms"]), p95(saves["move_ms"])
        result.partition_touches = int(saves["partition_touches"][0])
        result.raw = {
            "open_ms": values(f"open {size}", "open_ms"),
            "verify_ms": values(f"open {size}", "verify_ms"),
            "frame_ms": values(f"frame {size}", "frame_ms"),
            "frame_gc_ms": values(f"frame {size}", "gc_ms"),
            "frame_no_verify_ms": values(f"quiet {size}", "frame_ms"),
            "due_ms": values(f"due {size}", "due_ms"),
            "cli_ms": [round(wall, 1) for wall in cli[size]],
            "wall_ms": walls(f"frame {size}"),
            "touch_ms": saves["touch_ms"],
            "touch_cpu_ms": saves["touch_cpu_ms"],
            "move_ms": saves["move_ms"],
            "first_save_ms": saves["first_save_ms"],
        }
        log(
            f"== {result.label}: open {result.open_ms:.0f} ms, verify {result.verify_ms:.0f} ms, "
            f"first frame {result.frame_ms:.0f} ms (w/o verify {result.frame_no_verify_ms:.0f}), "
            f"touch save p95 {result.touch_p95:.1f} ms, move p95 {result.move_p95:.1f} ms, "
            f"due list {result.due_ms:.0f} ms, jobfutures due {result.cli_ms:.0f} ms"
        )
        results[size] = result
    return results, floor


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
        "- **open**: `Repository.open(folder, verify=False)`, as the app opens the data "
        "(BackgroundWriter), imports excluded; fresh process each time.",
        "- **verify**: `repo.verify()` right after, validating every touch. The app starts "
        "it on a thread when it mounts, so it runs alongside the building of the first frame.",
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
        "| `jobfutures due` process |",
        "|---|--:|--:|--:|--:|--:|",
        *(
            f"| {r.label} | {ms(r.due_open_ms)} | **{ms(r.due_ms)}** | {ms(r.due_again_ms)} "
            f"| {r.due_items:,} | **{ms(r.cli_ms)}** |"
            for r in results.values()
        ),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="two smaller sizes, 3 repeats")
    parser.add_argument("--repeats", type=int, help="fresh processes per figure")
    parser.add_argument(
        "--output",
        type=Path,
        help=f"where to write the report (default: {REPORT.relative_to(ROOT)}, none with --quick)",
    )
    parser.add_argument("--json", type=Path, help="also write every raw figure here")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    repeats = args.repeats or (QUICK_REPEATS if args.quick else REPEATS)
    output = args.output or (None if args.quick else REPORT)

    started = time.perf_counter()
    # As on a user's second start: bytecode cached (this machine may set
    # PYTHONDONTWRITEBYTECODE, which would recompile our modules every run).
    compileall.compile_dir(ROOT / "jobfutures_tui", quiet=1)
    scratch = Path(tempfile.mkdtemp(prefix="jobfutures-bench-"))
    try:
        results, floor = measure(sizes, repeats, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = report(results, floor, repeats, args.quick)
    print(text)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text)
        log(f"written to {output}")
    if args.json is not None:
        raw = {r.label: r.raw for r in results.values()}
        args.json.write_text(json.dumps({"floor": floor.__dict__, "sizes": raw}, indent=2))
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
