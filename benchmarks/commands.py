"""The shell commands that change data, and `due`, at 10 and at 5,000 job futures.

    python -m benchmarks.commands [REPEATS] [--write]

``--write`` puts the table into docs/benchmarks.md, in a section of its own
that ``python -m benchmarks.run`` keeps when it writes the rest.

Issue 22's targets: `jobfutures log`, `add`, `move` and `due` at 5,000 job
futures / 50,000 touches within 1.5x their CPU time and 2x their peak memory
at 10, and the app's peak memory within 2x (docs/benchmarks.md). Each figure
is a whole process as a shell runs it (`python -m jobfutures_tui --data COPY
...`): its CPU time (user + system, which the shared machine's load blurs less
than wall time) and its peak resident memory, both from ``os.wait4``; the
median of REPEATS runs (5). Each ratio is the median of the REPEATS ratios of
a run at 5,000 to the run at 10 made just before it (:func:`paired_ratio`).
The app's row: benchmarks/probe.py settled.

Each size works on a private copy of the generated data, after one `log`
that leaves the folder as a command leaves it (its index written, a backup
taken), so the commands after it are within the hour of a backup and take none,
as most do; ``add, taking the hour's backup`` is an `add` that takes one first,
as the first command of each hour does. The sizes' runs are interleaved, so a
burst of load from another program hits both alike. ``due (not opened)``: `due`
on a fresh copy whose
derived index is gone, as on a folder another device's sync changed; the copy
is made anew for each run. The data sets are generated in a child process:
Linux carries a parent's peak memory over to its children's figures, so this
one stays small.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.sections import MARKERS, write

ROOT = Path(__file__).resolve().parent.parent
SIZES = ((10, 50), (5_000, 50_000))
TARGET_CPU = 1.5
TARGET_MEMORY = 2.0
APP = "the app, its background work done"
"""The app's row: its target is the peak memory alone (the CPU is for information)."""
BACKED_UP = "add, taking the hour's backup"
"""An `add` that backs up first, as the first command of each hour does: the pace
record (jobfutures_tui/store/backup_pace.py) is removed before each run."""


def dataset(prospects: int, touches: int) -> Path:
    """The cached generated data set (generated in a child process on first use)."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.generate", str(prospects), str(touches)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip().splitlines()[-1])


def copy_of(source: Path) -> Path:
    """A private copy, as benchmarks.generate.working_copy makes one."""
    target = Path(tempfile.mkdtemp(prefix="jobfutures-cmd-")) / "data"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("backups", "jobfutures.lock"))
    return target


def run(folder: Path, *args: str) -> tuple[float, float]:
    """CPU seconds and peak MB of one `jobfutures --data FOLDER ARGS` process."""
    return _measured([sys.executable, "-m", "jobfutures_tui", "--data", str(folder), *args], args)


def app_settled(folder: Path, cache: Path) -> tuple[float, float]:
    """CPU seconds and peak MB of the app on FOLDER, from its start until the work it
    does in the background after the first frame is done (benchmarks/probe.py settled;
    ``cache``: its cache folder, where the parsed CSS is kept)."""
    probe = [sys.executable, str(ROOT / "benchmarks" / "probe.py"), "settled", str(folder)]
    return _measured(probe, ("the app",), {**os.environ, "XDG_CACHE_HOME": str(cache)})


def _measured(
    command: list[str], args: tuple[str, ...], env: dict[str, str] | None = None
) -> tuple[float, float]:
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}): {error[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def one_job_future(folder: Path) -> str:
    """A company with a single job future, interviewed, whose name no other shares."""
    companies = json.loads((folder / "companies.json").read_bytes())["companies"]
    futures = json.loads((folder / "prospects.json").read_bytes())["prospects"]
    names: dict[str, int] = {}
    for company in companies.values():
        names[company["name"].casefold()] = names.get(company["name"].casefold(), 0) + 1
    at: dict[str, list[dict]] = {}
    for future in futures.values():
        at.setdefault(future["company_id"], []).append(future)
    for company_id, found in at.items():
        name = companies[company_id]["name"]
        if len(found) == 1 and found[0]["stage"] == "interviewed" and names[name.casefold()] == 1:
            return name
    raise SystemExit(f"no company with one job future in {folder}")


def commands_for(folder: Path) -> dict[str, Callable[[int], list[str]]]:
    company = one_job_future(folder)
    return {
        "log": lambda i: ["log", company, "--channel", "email", "--outcome", "sent"],
        "add": lambda i: ["add", f"Zzyzx Benchmark {i}"],
        "move": lambda i: ["move", company, "referral" if i % 2 else "interviewed"],
        "due": lambda i: ["due"],
    }


Runs = dict[tuple[int, int], dict[str, list[tuple[float, float]]]]
"""Each size → each command → its runs (CPU seconds, peak MB), in the order run."""


def measure(sources: dict[tuple[int, int], Path], repeats: int) -> Runs:
    """Each command's runs at every size, the sizes interleaved run by run (so a
    burst of load from another program hits both alike)."""
    folders = {size: copy_of(source) for size, source in sources.items()}
    commands = {size: commands_for(folder) for size, folder in folders.items()}
    kept = Path(tempfile.mkdtemp(prefix="jobfutures-kept-"))
    os.environ["XDG_CACHE_HOME"] = str(kept)  # the commands' cache: the pace, the due list
    for size, folder in folders.items():
        run(folder, *commands[size]["log"](0))  # the folder as a command leaves it
    runs: dict[tuple[int, int], dict[str, list[tuple[float, float]]]] = {
        size: {name: [] for name in commands[size]} for size in folders
    }
    for name in ("log", "add", "move", "due"):
        for i in range(repeats):
            for size, folder in folders.items():
                runs[size][name].append(run(folder, *commands[size][name](i + 1)))
    for i in range(repeats):
        for size, folder in folders.items():
            shutil.rmtree(kept / "jobfutures" / "backup-pace", ignore_errors=True)
            add = commands[size]["add"](repeats + i + 1)
            runs[size].setdefault(BACKED_UP, []).append(run(folder, *add))
    cache = Path(tempfile.mkdtemp(prefix="jobfutures-cache-"))
    for folder in folders.values():
        app_settled(folder, cache)  # the parsed CSS kept, as from a second start on
    for _ in range(repeats):
        for size, folder in folders.items():
            runs[size].setdefault(APP, []).append(app_settled(folder, cache))
    shutil.rmtree(cache)
    for folder in folders.values():
        shutil.rmtree(folder.parent)
    for _ in range(repeats):
        for size, source in sources.items():
            copy = copy_of(source)
            (copy / "touch-index.json").unlink(missing_ok=True)
            runs[size].setdefault("due (not opened)", []).append(run(copy, "due"))
            shutil.rmtree(copy.parent)
    shutil.rmtree(kept)
    return runs


def median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def paired_ratio(
    small: list[tuple[float, float]], large: list[tuple[float, float]]
) -> tuple[float, float]:
    """The median of the ratios of runs made one after the other (the sizes are
    interleaved run by run), CPU and memory: a slow minute on the shared machine
    slows both runs of a pair, where the ratio of two medians can take one size's
    runs from a slow minute and the other's from a quick one."""
    pairs = list(zip(small, large, strict=True))
    return (
        statistics.median(big[0] / few[0] for few, big in pairs),
        statistics.median(big[1] / few[1] for few, big in pairs),
    )


BEGIN, END = MARKERS[0]


def table(runs: Runs) -> list[str]:
    small, large = (runs[size] for size in SIZES)
    lines = [
        "| command | CPU at 10 | at 5,000 | ratio | peak RSS at 10 | at 5,000 | ratio | target |",
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for name in small:
        (cpu, mem), (big_cpu, big_mem) = median(small[name]), median(large[name])
        cpu_ratio, mem_ratio = paired_ratio(small[name], large[name])
        ok = mem_ratio <= TARGET_MEMORY and (name == APP or cpu_ratio <= TARGET_CPU)
        verdict = "" if name.startswith("due (") else ("**PASS**" if ok else "**FAIL**")
        shown = name if name in (APP, BACKED_UP) else f"`{name}`"
        lines.append(
            f"| {shown} | {cpu:.2f} s | {big_cpu:.2f} s | {cpu_ratio:.2f}× "
            f"| {mem:.0f} MB | {big_mem:.0f} MB | {mem_ratio:.1f}× | {verdict} |"
        )
    return lines


def section(lines: list[str], repeats: int) -> str:
    import time

    intro = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} by `python -m benchmarks.commands`: "
        f"whole processes as a shell runs them, CPU time (user + system) and peak resident "
        f"memory, median of {repeats}; each ratio is the median of the ratios of the "
        f"{repeats} pairs of runs made one after the other (a run at each size). "
        f"Target (issue 22): at 5,000 job futures / 50,000 touches at most {TARGET_CPU}× "
        f"the CPU time and {TARGET_MEMORY:.0f}× the peak memory at 10. `due (not opened)`: "
        f"the first `due` on a folder whose derived index "
        f"is missing or stale (another device's sync), which now keeps the index it works out "
        f"for the next (docs/storage.md). `log`, `add`, `move`: within the hour of a backup, "
        f'as most commands are (docs/storage.md, "A backup an hour from the shell"); '
        f"{BACKED_UP}: an `add` that first takes the backup, as the first command of each "
        f"hour does. {APP[0].upper() + APP[1:]}: the app, headless at "
        f"120×40, from its start until the insights' counts, the check of every record and "
        f"the warm-up imports after the first frame are done (`benchmarks/probe.py settled`); "
        f"its target is {TARGET_MEMORY:.0f}× the peak memory at 10, its CPU is for information."
    )
    return "\n".join([BEGIN, "", "## Shell commands", "", intro, "", *lines, "", END])


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg != "--write"]
    repeats = int(args[0]) if args else 5
    # As on a user's second run: bytecode cached (see benchmarks.run).
    compileall.compile_dir(ROOT / "jobfutures_tui", quiet=1)
    results = measure({size: dataset(*size) for size in SIZES}, repeats)
    lines = table(results)
    print("\n".join(lines))
    if "--write" in sys.argv:
        write(section(lines, repeats), BEGIN, END)


if __name__ == "__main__":
    main()
