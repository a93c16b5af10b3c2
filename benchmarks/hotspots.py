"""Where the time goes: cProfile of opening the data and of the first frame.

    python -m benchmarks.hotspots [PROSPECTS TOUCHES] [--top N] [--save DIR]

Each phase is profiled once, in a fresh process, on a copy of the cached data
set (default: the largest, 5,000 / 50,000):

- open: ``Repository.open(folder, verify=False, streamed=True)`` only (imports done before);
- frame: from the process's first statement to the board's first painted
  frame (imports, opening, the app), as ``benchmarks/probe.py frame`` measures
  it. Only the main thread is profiled: the background verify's own work is
  not in it, but the time the main thread waits for the GIL is, charged to
  whatever function it was in, so the own times are blurred;
- frame-quiet: the same with the background verify switched off, which
  shows the main thread's own costs cleanly.

The report lists the functions with the largest cumulative and own times.
cProfile slows Python code down (often 1.5–2×), so read the shares, not the
absolute milliseconds.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import probe

ROOT = Path(__file__).resolve().parent.parent
SITE_MARKERS = ("site-packages/", "lib/python3")

# Wrappers whose cumulative time is everything below them; hidden from the list.
_NOISE = (
    "{built-in method builtins.exec}",
    "<module>",
    "_run_once",
    "run_forever",
    "run_until_complete",
)


def _where(file: str, line: int, name: str) -> str:
    for marker in SITE_MARKERS:
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    if file.startswith(str(ROOT)):
        file = file[len(str(ROOT)) + 1 :]
    if file == "~":
        return name
    return f"{file}:{line}({name})"


def summarise(stats: pstats.Stats, title: str, top: int) -> str:
    entries = stats.stats  # type: ignore[attr-defined]
    total = max((ct for (_cc, _nc, _tt, ct, _callers) in entries.values()), default=0)
    rows = []
    for (file, line, name), (_cc, calls, own, cumulative, _callers) in entries.items():
        label = _where(file, line, name)
        rows.append((label, calls, own * 1000, cumulative * 1000))
    lines = [f"## {title} (profiled total {total * 1000:,.0f} ms)", ""]
    lines += ["By cumulative time:", "", "| function | calls | cumulative ms | own ms |"]
    lines += ["|---|--:|--:|--:|"]
    by_cumulative = sorted(rows, key=lambda r: -r[3])
    shown = [r for r in by_cumulative if not any(noise in r[0] for noise in _NOISE)][:top]
    lines += [
        f"| `{label}` | {calls:,} | {cum:,.1f} | {own:,.1f} |" for label, calls, own, cum in shown
    ]
    lines += ["", "By own time:", "", "| function | calls | own ms | cumulative ms |"]
    lines += ["|---|--:|--:|--:|"]
    by_own = sorted(rows, key=lambda r: -r[2])[:top]
    lines += [
        f"| `{label}` | {calls:,} | {own:,.1f} | {cum:,.1f} |" for label, calls, own, cum in by_own
    ]
    ours = [r for r in by_cumulative if r[0].startswith("jobfutures_tui/")][:top]
    lines += ["", "jobfutures_tui only, by cumulative time:", ""]
    lines += ["| function | calls | cumulative ms | own ms |", "|---|--:|--:|--:|"]
    lines += [
        f"| `{label}` | {calls:,} | {cum:,.1f} | {own:,.1f} |" for label, calls, own, cum in ours
    ]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------ in the child


def profile_open(folder: str, output: str) -> None:
    from jobfutures_tui.store import BackgroundWriter, Repository

    writer = BackgroundWriter()
    profiler = cProfile.Profile()
    profiler.enable()
    repo = Repository.open(Path(folder), writer=writer, verify=False, streamed=True)
    profiler.disable()
    repo.close()
    profiler.dump_stats(output)


def profile_frame(folder: str, output: str, verify: bool = True) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    result = probe.probe_frame(folder, check=False, verify=verify, on_frame=profiler.disable)
    profiler.dump_stats(output)
    print(f"first frame {result['frame_ms']:.0f} ms under the profiler", file=sys.stderr)


# ------------------------------------------------------------ the parent


def run_phase(phase: str, folder: Path, output: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    subprocess.run(
        [sys.executable, "-m", "benchmarks.hotspots", "--phase", phase, str(folder), str(output)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.hotspots",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("size", nargs="*", type=int, default=[5_000, 50_000])
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--save", type=Path, help="keep the .prof files in this folder")
    parser.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        phase, folder, output = args.phase
        if phase == "open":
            profile_open(folder, output)
        else:
            profile_frame(folder, output, verify=phase == "frame")
        return 0

    from benchmarks.generate import generated, working_copy

    prospects, touches = args.size
    scratch = Path(tempfile.mkdtemp(prefix="jobfutures-hotspots-"))
    try:
        folder = working_copy(generated(prospects, touches), scratch)
        keep = args.save or scratch
        keep.mkdir(parents=True, exist_ok=True)
        print(f"# Hot spots at {prospects:,} prospects / {touches:,} touches\n")
        for phase, title in (
            ("open", "Repository.open(verify=False)"),
            ("frame", "First frame (main thread, from process start)"),
            ("frame-quiet", "First frame without the background verify (main thread)"),
        ):
            output = keep / f"{phase}-p{prospects}-t{touches}.prof"
            run_phase(phase, folder, output)
            print(summarise(pstats.Stats(str(output)), title, args.top))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
