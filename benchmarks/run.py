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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.generate import generated, months_of_history, working_copy
from benchmarks.results import (
    ROOT,
    SAVE_ROUNDS,
    SAVES,
    SIZES,
    VCARDS,
    Floor,
    SizeResult,
    report,
)
from jobfutures_tui.store.touch_index import INDEX_NAME

PROBE = ROOT / "benchmarks" / "probe.py"
REPORT = ROOT / "docs" / "benchmarks.md"
PROBE_CACHE = ROOT / "benchmarks" / ".data" / "cache"
"""The probes' cache folder (``XDG_CACHE_HOME``), as a user's: the app's parsed CSS."""

QUICK_SIZES = SIZES[:2]
REPEATS = 7
QUICK_REPEATS = 3


# ------------------------------------------------------------------ helpers


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def probe(*args: str, timeout: float = 300) -> tuple[dict[str, Any], float]:
    """Run one probe in a fresh process: its result and the process wall time in ms."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["XDG_CACHE_HOME"] = str(PROBE_CACHE)  # the app's parsed CSS, kept by the warm-up
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


def run_cli(*args: str, cache: Path | None = None, timeout: float = 120) -> float:
    """Wall time of one ``jobfutures ARGS`` process, in ms (``cache``: its cache folder,
    where ``due --brief`` keeps its line)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "jobfutures_tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        said = f"jobfutures {' '.join(args)} failed ({done.returncode})"
        raise RuntimeError(f"{said}:\n{done.stderr[-3000:]}")
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


def briefs(folder: Path, cache: Path) -> tuple[float, float, float]:
    """Three ``due --brief`` processes, in ms: with no line kept and the derived index
    stale (the first shell after another device's sync, which works the index out and
    keeps it), with no line kept and the index fresh (the first shell of a day, or after
    a change), and with the line kept (every other shell)."""
    line = ("--data", str(folder), "due", "--brief")
    (folder / INDEX_NAME).unlink(missing_ok=True)
    shutil.rmtree(cache, ignore_errors=True)
    stale = run_cli(*line, cache=cache)
    shutil.rmtree(cache, ignore_errors=True)
    cold = run_cli(*line, cache=cache)
    return stale, cold, run_cli(*line, cache=cache)


def measure_briefs(
    sizes: tuple[tuple[int, int], ...], repeats: int, scratch: Path
) -> tuple[dict[tuple[int, int], dict[str, float]], float]:
    """Only the ``due --brief`` rows and ``--version`` (``--brief``): medians in ms."""
    folders = {
        size: working_copy(generated(*size), Path(tempfile.mkdtemp(dir=scratch))) for size in sizes
    }
    cache = scratch / "cache"
    run_cli("--version")  # warm-up
    samples: dict[tuple[int, int], list[tuple[float, float, float]]] = {}
    version: list[float] = []
    for round_ in range(repeats):
        log(f"== briefs, round {round_ + 1} of {repeats}")
        for size, folder in folders.items():
            samples.setdefault(size, []).append(briefs(folder, cache))
        version.append(run_cli("--version"))
    found = {
        size: {
            name: median([sample[index] for sample in taken])
            for index, name in enumerate(("after a sync", "first after a change", "kept line"))
        }
        for size, taken in samples.items()
    }
    return found, median(version)


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
    brief: dict[tuple[int, int], list[float]] = {}
    brief_cold: dict[tuple[int, int], list[float]] = {}
    brief_stale: dict[tuple[int, int], list[float]] = {}
    version: list[float] = []
    cache = scratch / "cache"
    from benchmarks.exchange import address_book

    cards = str(address_book(scratch / "contacts.vcf", VCARDS))

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
            take(f"vcard {size}", "vcard", folder, cards)
            cli.setdefault(size, []).append(run_cli("--data", folder, "due"))
            stale, cold, kept = briefs(item.folder, cache)
            brief_stale.setdefault(size, []).append(stale)
            brief_cold.setdefault(size, []).append(cold)
            brief.setdefault(size, []).append(kept)
        version.append(run_cli("--version"))
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
        version_ms=median(version),
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
        result.vcard_ms = median(values(f"vcard {size}", "plan_ms"))
        result.vcard_existing_ms = median(values(f"vcard {size}", "existing_ms"))
        result.vcard_rss_mb = median(values(f"vcard {size}", "maxrss_mb"))
        result.vcard_new = int(values(f"vcard {size}", "people_new")[0])
        result.vcard_errors = int(values(f"vcard {size}", "errors")[0])
        result.cli_ms = median(cli[size])
        result.brief_ms = median(brief[size])
        result.brief_cold_ms = median(brief_cold[size])
        result.brief_stale_ms = median(brief_stale[size])

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
            "vcard_ms": values(f"vcard {size}", "plan_ms"),
            "cli_ms": [round(wall, 1) for wall in cli[size]],
            "brief_ms": [round(wall, 1) for wall in brief[size]],
            "brief_cold_ms": [round(wall, 1) for wall in brief_cold[size]],
            "brief_stale_ms": [round(wall, 1) for wall in brief_stale[size]],
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
            f"due list {result.due_ms:.0f} ms, jobfutures due {result.cli_ms:.0f} ms, "
            f"due --brief {result.brief_ms:.0f} ms (first after a change "
            f"{result.brief_cold_ms:.0f} ms, after a sync {result.brief_stale_ms:.0f} ms; "
            f"--version {floor.version_ms:.0f} ms)"
        )
        results[size] = result
    return results, floor


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
    parser.add_argument(
        "--brief",
        action="store_true",
        help="only the due --brief processes and --version; printed, no file written",
    )
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    repeats = args.repeats or (QUICK_REPEATS if args.quick else REPEATS)
    output = args.output or (None if args.quick else REPORT)

    started = time.perf_counter()
    # As on a user's second start: bytecode cached (this machine may set
    # PYTHONDONTWRITEBYTECODE, which would recompile our modules every run).
    compileall.compile_dir(ROOT / "jobfutures_tui", quiet=1)
    if args.brief:
        return _briefs_only(sizes, repeats)
    scratch = Path(tempfile.mkdtemp(prefix="jobfutures-bench-"))
    try:
        results, floor = measure(sizes, repeats, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = report(results, floor, repeats, args.quick)
    print(text)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        # The sections other benchmarks write (benchmarks/sections.py) are kept.
        from benchmarks.sections import kept

        output.write_text(text.rstrip("\n") + kept(output))
        log(f"written to {output}")
    if args.json is not None:
        raw = {r.label: r.raw for r in results.values()}
        args.json.write_text(json.dumps({"floor": floor.__dict__, "sizes": raw}, indent=2))
    log(f"done in {time.perf_counter() - started:.0f} s")
    return 0


def _briefs_only(sizes: tuple[tuple[int, int], ...], repeats: int) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="jobfutures-bench-"))
    try:
        found, version = measure_briefs(sizes, repeats, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("| prospects / touches | after a sync | first after a change | kept line |")
    print("|---|--:|--:|--:|")
    for (prospects, touches), figures in found.items():
        row = " | ".join(f"{value:.0f}" for value in figures.values())
        print(f"| {prospects:,} / {touches:,} | {row} |")
    print(f"\n`jobfutures --version`: {version:.0f} ms ({repeats} repeats, medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
