"""The first frame in a real terminal: tmux, 120x40, as a user starts the app.

    python -m benchmarks.terminal [REPEATS] [--write]

Each run starts one program in a new tmux session and reads the screen
(``tmux capture-pane``) every few milliseconds until it shows what the
program's first frame paints: for a bare Textual app (one Static), its words;
for jobfutures on a working copy of each data set, the company of a card on
the board. The time runs from just before tmux is asked to start the program
to the read that finds it, so tmux's own start and the terminal's drawing are
in every figure alike. Runs of the three programs are interleaved round by
round; medians of REPEATS (7). The bare app is ``benchmarks/bare_app.py``.

Issue 22's targets: jobfutures at 10 job futures within 1.6x the bare app,
at 5,000 / 50,000 within 2x. ``--write`` puts the table into
docs/benchmarks.md, in a section of its own that the other benchmarks keep.
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
import time
from pathlib import Path

from benchmarks.commands import dataset
from benchmarks.generate import working_copy
from benchmarks.sections import MARKERS, write

ROOT = Path(__file__).resolve().parent.parent
SIZES = ((10, 50), (5_000, 50_000))
TARGETS = {SIZES[0]: 1.6, SIZES[1]: 2.0}
BARE_WORDS = "Hello, floor."
POLL = 0.005
TIMEOUT = 30.0
BEGIN, END = MARKERS[1]


def first_frame(
    command: list[str], looks_done: list[str], env: dict[str, str], quit_keys: list[str]
) -> float:
    """Seconds from asking tmux to start ``command`` until its screen shows any of
    ``looks_done``; then ``quit_keys`` end it, as a user would (the next run
    finds the data unlocked)."""
    session = f"jf-bench-{os.getpid()}"
    shell = " ".join(_quoted(part) for part in command)
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40", shell],
        check=True,
        env=env,
    )
    try:
        while time.perf_counter() - started < TIMEOUT:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if any(words in screen for words in looks_done):
                return time.perf_counter() - started
            time.sleep(POLL)
        raise SystemExit(f"{shell} showed none of {looks_done[:3]} in {TIMEOUT:.0f} s:\n{screen}")
    finally:
        _quit(session, quit_keys)


def _quit(session: str, keys: list[str]) -> None:
    for key in keys:
        subprocess.run(["tmux", "send-keys", "-t", session, key], capture_output=True)
        time.sleep(0.2)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode:
            return  # it ended
        time.sleep(0.05)
    subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def _quoted(part: str) -> str:
    return "'" + part.replace("'", "'\\''") + "'"


def card_companies(folder: Path) -> list[str]:
    """Names of the companies with an open job future: the board shows one of them
    (whole at 120 columns, or its first word on a narrow card)."""
    companies = json.loads((folder / "companies.json").read_bytes())["companies"]
    futures = json.loads((folder / "prospects.json").read_bytes())["prospects"]
    names = {
        companies[f["company_id"]]["name"].split()[0]
        for f in futures.values()
        if f["stage"] != "archive" and f["company_id"] in companies
    }
    return sorted(name for name in names if len(name) >= 5)


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg != "--write"]
    repeats = int(args[0]) if args else 7
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is not installed: it is the terminal this benchmark drives")
    compileall.compile_dir(ROOT / "jobfutures_tui", quiet=1)  # as on a second start
    scratch = Path(tempfile.mkdtemp(prefix="jobfutures-terminal-"))
    config = scratch / "config.toml"
    config.write_text("")  # the defaults, whatever this machine's user chose
    # The cache folder of its own: the warm-up run keeps the parsed CSS, as a first start does.
    env = {
        **os.environ,
        "JOBFUTURES_CONFIG": str(config),
        "TERM": "xterm-256color",
        "XDG_CACHE_HOME": str(scratch / "cache"),
    }
    python = sys.executable
    runs: dict[str, tuple[list[str], list[str], list[str]]] = {
        "bare": ([python, str(ROOT / "benchmarks" / "bare_app.py")], [BARE_WORDS], ["C-q"])
    }
    for prospects, touches in SIZES:
        folder = working_copy(dataset(prospects, touches), scratch / f"p{prospects}")
        command = [python, "-m", "jobfutures_tui", "--data", str(folder)]
        # Escape skips the first run's profile question (asked once), q quits.
        runs[f"{prospects:,} / {touches:,}"] = (command, card_companies(folder), ["Escape", "q"])
    found: dict[str, list[float]] = {name: [] for name in runs}
    try:
        for command, words, keys in runs.values():  # one warm-up each
            first_frame(command, words, env, keys)
        for _ in range(repeats):
            for name, (command, words, keys) in runs.items():
                found[name].append(first_frame(command, words, env, keys))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    lines = table({name: statistics.median(times) for name, times in found.items()})
    print("\n".join(lines))
    if "--write" in sys.argv:
        write(section(lines, repeats), BEGIN, END)


def table(medians: dict[str, float]) -> list[str]:
    bare = medians["bare"]
    lines = [
        "| program | first frame in tmux | × bare Textual | target | result |",
        "|---|--:|--:|--:|---|",
        f"| a bare Textual app (one Static) | {bare * 1000:.0f} ms | 1.0× | | |",
    ]
    for size in SIZES:
        name = f"{size[0]:,} / {size[1]:,}"
        ratio = medians[name] / bare
        verdict = "**PASS**" if ratio <= TARGETS[size] else "**FAIL**"
        lines.append(
            f"| jobfutures, {name} | {medians[name] * 1000:.0f} ms | {ratio:.2f}× "
            f"| ≤ {TARGETS[size]}× | {verdict} |"
        )
    return lines


def section(lines: list[str], repeats: int) -> str:
    intro = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M %Z')} by `python -m benchmarks.terminal`: "
        "each program started in a new tmux session at 120×40, its screen read every 5 ms "
        "until its first frame shows (the bare app's words; a card's company on the board), "
        f"median of {repeats}, the programs interleaved. Target (issue 22): within 1.6× the "
        "bare app at 10 job futures, 2× at 5,000 / 50,000. What the first frame waits for, "
        'and what it no longer waits for: docs/architecture.md, "Why the speed tricks exist".'
    )
    return "\n".join([BEGIN, "", "## First frame in a terminal", "", intro, "", *lines, "", END])


if __name__ == "__main__":
    main()
