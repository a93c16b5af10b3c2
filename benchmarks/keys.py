"""How fast the screen answers a key, at 10 and at 5,000 job futures.

    python -m benchmarks.keys           # writes docs/benchmarks-keys.md
    python -m benchmarks.keys --quick   # fewer repeats, no file written

Each size runs in a fresh process (``--probe FOLDER``) that drives the real
app headless with Pilot at 120x40 on a working copy of the generated data,
plus one job future with 200 touches to open (selected, and the screen
settled, before its keys are timed). A key's time runs from the press until
the app is idle again with the screen updated; Pilot's own cost (a key bound
to nothing, measured the same way) is subtracted. Medians.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "benchmarks-keys.md"
SIZES = ((10, 50), (5_000, 50_000))
REPEATS = 21
QUICK_REPEATS = 7
GROWTH = 1.2
SLACK_MS = 20.0
OPENED_TOUCHES = 200

KEYS = {
    "noop": "a key bound to nothing (Pilot's own cost, subtracted)",
    "select": "move the selection (j / k)",
    "stage": "move a card to the next / previous stage (> / <), saved",
    "filter": "filter: type one character after /",
    "detail": "open a job future with 200 touches (enter)",
    "back": "back from it to the board (escape)",
    "insights": "the insights (5) after a change elsewhere, every figure on screen",
    "insights_first": "the insights (5), the first time after opening (and its check)",
    "insights_at_once": "the insights (5) pressed as the board appears (the day's figures kept)",
    "insights_soon": "the insights (5) pressed a second after the board appears",
    "insights_new_day": "the insights (5) pressed as the board appears, a day later "
    "(read off the kept totals)",
}
ABSOLUTE_MS = {name: 300.0 for name in ("insights", "insights_first", "insights_at_once")}
ABSOLUTE_MS["insights_soon"] = ABSOLUTE_MS["insights_new_day"] = 300.0
"""Keys held to a fixed limit instead (issue 20: the screen complete within 300 ms)."""
RAW = {"insights_at_once", "insights_soon", "insights_new_day"}
"""Timed once in a process of its own: no Pilot cost subtracted, no warm-up round."""


def seed_big_timeline(folder: Path) -> str:
    """A job future with 200 touches, to open; returns its id. It sits at the
    referral stage, so > and < move it between referral and offer (a move to
    rejected-but-warm first asks what you would do differently)."""
    import pendulum

    from jobfutures_tui.models import Company, Person, Prospect, Stage, Touch
    from jobfutures_tui.store import Repository

    with Repository.open(folder) as repo:
        firm = Company(name="Aaa Benchmark Co")
        who = Person(name="Bea Bench", company_id=firm.id)
        job = Prospect(
            company_id=firm.id, person_ids=(who.id,), role="Data lead", stage=Stage.REFERRAL
        )
        start = pendulum.now("UTC").subtract(days=OPENED_TOUCHES * 3)
        touches = [
            Touch(
                prospect_id=job.id,
                person_id=who.id,
                at=start.add(days=3 * n),
                channel="email",
                note=f"touch {n}",
            )
            for n in range(OPENED_TOUCHES)
        ]
        repo.save(firm, who, job, *touches)
        return job.id


async def insights_at_once(folder: Path, after: float = 0.0) -> float:
    """5 pressed as soon as the board has painted (``after`` 0: before the background
    count, background_work.py, so what the last session kept is all there is), or
    ``after`` seconds later, as a person who has looked at the board first."""
    from jobfutures_tui.app import JobFuturesApp
    from jobfutures_tui.screens.insights import InsightsScreen
    from jobfutures_tui.store import BackgroundWriter, Repository

    repo = Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        if after:
            await asyncio.sleep(after)
        started = time.perf_counter()
        # Not awaited: Pilot's press returns only once the app is idle, after the
        # background check too; the screen is complete well before that.
        pressed = asyncio.create_task(pilot.press("5"))
        while not (isinstance(app.screen, InsightsScreen) and app.screen.complete):
            await asyncio.sleep(0.002)
        took = (time.perf_counter() - started) * 1000
        await pressed
        await pilot.press("q")
    repo.close()
    return took


async def drive(folder: Path, repeats: int) -> dict[str, list[float]]:
    from jobfutures_tui.app import JobFuturesApp
    from jobfutures_tui.screens.board import BoardScreen
    from jobfutures_tui.store import BackgroundWriter, Repository

    big = seed_big_timeline(folder)
    repo = Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)
    app = JobFuturesApp(repo)
    timings: dict[str, list[float]] = {name: [] for name in KEYS if name not in RAW}
    async with app.run_test(size=(120, 40)) as pilot:
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.pause(2.0)  # the background verify finishes first

        async def timed(name: str, *keys: str) -> None:
            started = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            timings[name].append((time.perf_counter() - started) * 1000)

        async def untimed(*keys: str) -> None:
            await pilot.press(*keys)
            await pilot.pause()

        async def select_big() -> None:
            # Jumping there scrolls a column; that is not the key's work.
            board.select_prospect(big)
            await pilot.pause()

        async def noop(n: int) -> None:
            await timed("noop", "f12")

        async def select(n: int) -> None:
            await timed("select", "j" if n % 2 == 0 else "k")

        async def stage(n: int) -> None:
            await select_big()
            await timed("stage", "greater_than_sign" if n % 2 == 0 else "less_than_sign")

        async def filter_one(n: int) -> None:
            await untimed("slash")
            await timed("filter", "e")
            await untimed("escape")

        async def detail(n: int) -> None:
            await select_big()
            await timed("detail", "enter")
            await timed("back", "escape")

        async def insights_shown() -> None:
            from jobfutures_tui.screens.insights import InsightsScreen

            while not (isinstance(app.screen, InsightsScreen) and app.screen.complete):
                await asyncio.sleep(0.002)

        async def insights(n: int) -> None:
            # The stage round has just changed the data: the figures are worked out again.
            started = time.perf_counter()
            await pilot.press("5")
            await insights_shown()
            await pilot.pause()
            timings["insights"].append((time.perf_counter() - started) * 1000)
            await untimed("1")

        await app.workers.wait_for_complete()  # the check of the data, then the figures
        started = time.perf_counter()
        await pilot.press("5")
        await insights_shown()
        await pilot.pause()
        first = (time.perf_counter() - started) * 1000
        await untimed("1")

        rounds: list[Callable[[int], Awaitable[None]]] = [
            noop,
            select,
            stage,
            filter_one,
            detail,
            insights,
        ]
        for n in range(repeats + 1):  # the first round warms caches and imports up
            for step in rounds:
                await step(n)
            if n == 0:
                for values in timings.values():
                    values.clear()
        timings["insights_first"] = [first]
        await pilot.press("q")
    repo.close()
    return timings


def probe(folder: str, repeats: int) -> dict[str, Any]:
    from jobfutures_tui.collector import hold_collector

    # As `jobfutures` starts (jobfutures_tui/launch.py): the collector waits for the
    # first frame, and what start-up made is then kept out of later collections.
    hold_collector()
    if os.environ.get("JOBFUTURES_KEYS_AT_ONCE"):
        return {"insights_at_once": asyncio.run(insights_at_once(Path(folder)))}
    if os.environ.get("JOBFUTURES_KEYS_SOON"):
        return {"insights_soon": asyncio.run(insights_at_once(Path(folder), after=1.0))}
    if os.environ.get("JOBFUTURES_KEYS_NEW_DAY"):
        import time_machine  # pendulum's test extra: the clock a day on, still ticking

        with time_machine.travel(time.time() + 86_400, tick=True):
            return {"insights_new_day": asyncio.run(insights_at_once(Path(folder)))}
    timings = asyncio.run(drive(Path(folder), repeats))
    return {name: statistics.median(values) for name, values in timings.items()}


def run_probe(folder: Path, repeats: int) -> dict[str, float]:
    """The keys, then (each in a fresh process, as a user's first 5 would be) the
    insights pressed as the board appears, a second later, and a day later."""
    timings = _probe_process(folder, repeats, {})
    timings.update(_probe_process(folder, repeats, {"JOBFUTURES_KEYS_AT_ONCE": "1"}))
    timings.update(_probe_process(folder, repeats, {"JOBFUTURES_KEYS_SOON": "1"}))
    timings.update(_probe_process(folder, repeats, {"JOBFUTURES_KEYS_NEW_DAY": "1"}))
    return timings


def _probe_process(folder: Path, repeats: int, extra: dict[str, str]) -> dict[str, float]:
    env = dict(os.environ) | extra
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.keys",
            "--probe",
            str(folder),
            "--repeats",
            str(repeats),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(results: dict[tuple[int, int], dict[str, float]], repeats: int) -> str:
    small, large = (results[size] for size in SIZES)
    lines = [
        "# Key latency",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
        "`python -m benchmarks.keys` (see its docstring for the method). Net milliseconds "
        "from a key press to the updated screen, Pilot's own cost subtracted; medians "
        f"of {repeats} presses after a warm-up round. Target: no key slower at 5,000 / "
        f"50,000 than {GROWTH}× its 10 / 50 figure + {SLACK_MS:.0f} ms; the insights "
        "screen complete within 300 ms of the key (the first time: one run).",
        "",
        "| key | 10 / 50 | 5,000 / 50,000 | limit | result |",
        "|---|--:|--:|--:|---|",
    ]
    noop_small, noop_large = small["noop"], large["noop"]
    lines.append(f"| {KEYS['noop']} | {noop_small:.1f} (raw) | {noop_large:.1f} (raw) | | |")
    for name, label in KEYS.items():
        if name == "noop":
            continue
        a = small[name] if name in RAW else max(small[name] - noop_small, 0.0)
        b = large[name] if name in RAW else max(large[name] - noop_large, 0.0)
        limit = ABSOLUTE_MS.get(name, GROWTH * a + SLACK_MS)
        verdict = "**PASS**" if b <= limit else "**FAIL**"
        lines.append(f"| {label} | {a:.1f} | {b:.1f} | {limit:.1f} | {verdict} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.keys")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--probe", metavar="FOLDER")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args(argv)
    if args.probe:
        print(json.dumps(probe(args.probe, args.repeats)))
        return 0
    from benchmarks.generate import generated, working_copy

    repeats = QUICK_REPEATS if args.quick else REPEATS
    results = {}
    with tempfile.TemporaryDirectory(prefix="jobfutures-keys-") as scratch:
        for prospects, touches in SIZES:
            folder = working_copy(
                generated(prospects, touches), Path(tempfile.mkdtemp(dir=scratch))
            )
            print(f"== {prospects} / {touches} …", file=sys.stderr, flush=True)
            results[(prospects, touches)] = run_probe(folder, repeats)
    text = report(results, repeats)
    print(text)
    if not args.quick:
        REPORT.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
