"""Random walks of keys through the whole app, to find the key that breaks it.

    python -m benchmarks.fuzz                 # the soak: 200 apps, 10 walks of 60 keys each
    python -m benchmarks.fuzz --sessions 20 --steps 200 --seed 7
    python -m benchmarks.fuzz --seed 12 --sessions 1 --walks 3 --verbose   # again, key by key

Each session opens the app on the demo data (``demo.populate``, a fresh copy in
a temporary folder) and walks it several times, each walk at one of the sizes a
user has (160x45, 120x40, 80x24), pressing keys
chosen by a seeded random generator: the keys the screen or dialog on top binds
(the keymap in force, so every screen and dialog is reached from the board),
keys that move between fields and lists, and characters to type. After every key
the app must still run; at the end, with the dialogs closed, the data must pass
``jobfutures check``, and undoing every change must give back the records the
walk started with. The tests run a few short walks (tests/app/test_fuzz.py);
each crash found becomes a regression test of its own.

A walk never quits, restores a backup or takes a screenshot (they leave the
app, replace the data outside undo, or write where the walk does not own), and
its home folder is a temporary one, so exports and settings stay there.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from jobfutures_tui.store import layout

SIZES = ((160, 45), (120, 40), (80, 24))
MOVES = (
    "tab",
    "shift+tab",
    "enter",
    "escape",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pageup",
    "backspace",
    "space",
    "ctrl+s",
)
"""Keys every screen and field understands in some way."""
TYPED = "aeinorst 15-/@"
"""Characters to type into a field (most are also keys of the screens)."""
NEVER_ACTIONS = {"quit", "app.quit", "help_quit", "app.help_quit"}
NEVER_KEYS = {"ctrl+q", "ctrl+c", "super+c"}
LEFT_OUT_COMMANDS = {"Quit", "Screenshot", "Restore a backup…"}
"""Palette commands a walk leaves out: they leave the app, write where the walk
does not own, or replace the data outside undo (its own tests cover a restore)."""
STEP_SECONDS = 15.0
"""A key that takes longer than this is a hang."""
DERIVED = {"touch-index.json", "meta.json"}


@dataclass
class Walk:
    session: int
    """The seed of the session (one app) the walk ran in: replaying it needs those before."""
    index: int
    size: tuple[int, int]
    keys: list[str] = field(default_factory=list)
    problem: str = ""
    changes: int = 0
    reached: set[str] = field(default_factory=set)
    """The screens and dialogs it was on (their class names)."""

    def describe(self, steps: int) -> str:
        width, height = self.size
        said = (
            f"session {self.session}, walk {self.index + 1} at {width}x{height}: "
            f"{len(self.keys)} keys, {self.changes} changes undone"
        )
        if self.problem:
            replay = (
                f"python -m benchmarks.fuzz --seed {self.session} --sessions 1 "
                f"--walks {self.index + 1} --steps {steps} --verbose"
            )
            said += f"\n  keys: {' '.join(self.keys)}\n  again: {replay}\n  {self.problem}"
        return said


def records_in(folder: Path) -> dict[str, Any]:
    """Every stored record, by file, table and id (the derived index aside)."""
    found: dict[str, Any] = {}
    for name in layout.data_files(folder):
        path = folder / name
        if path.name in DERIVED:
            continue
        for table, rows in orjson.loads(path.read_bytes()).items():
            for rid, row in rows.items():
                found[f"{path.relative_to(folder)}:{table}:{rid}"] = row
    return found


def demo_folder(into: Path) -> Path:
    """The sample data, saved once: each walk works on a copy of it."""
    from jobfutures_tui.demo import populate
    from jobfutures_tui.store import Repository

    folder = into / "demo"
    with Repository.open(folder) as repo:
        populate(repo)
    return folder


def walked_app(repo: Any) -> Any:
    """The app as a walk drives it: nothing quits it, and the palette leaves out
    :data:`LEFT_OUT_COMMANDS`; an undo history long enough to undo every change."""
    from jobfutures_tui.app import JobFuturesApp
    from jobfutures_tui.store.undo import UndoHistory

    class Walked(JobFuturesApp):
        quit_asked = 0

        def get_system_commands(self, screen: Any) -> Iterator[Any]:
            for command in super().get_system_commands(screen):
                if command.title not in LEFT_OUT_COMMANDS:
                    yield command

        async def action_quit(self) -> None:
            self.quit_asked += 1

    app = Walked(repo, demo=True)
    app.history = UndoHistory(repo, limit=100_000)
    return app


def key_choices(app: Any) -> list[str]:
    """The keys the screen or dialog on top binds now (the keymap in force)."""
    keys = []
    for key, active in app.screen.active_bindings.items():
        if active.binding.action in NEVER_ACTIONS or key in NEVER_KEYS:
            continue
        keys.append(key)
    return keys


def next_key(app: Any, rng: random.Random) -> str:
    roll = rng.random()
    bound = key_choices(app)
    if roll < 0.55 and bound:
        return rng.choice(bound)
    if roll < 0.8:
        return rng.choice(MOVES)
    return rng.choice(TYPED).replace(" ", "space")


PALETTE_CHANCE = 0.04
"""How often a soak's walk opens a palette command on a screen (the suite's walks: never,
so they stay as they were recorded)."""


def palette_keys(app: Any, rng: random.Random) -> list[str]:
    """ctrl+p, the start of one of the palette's commands (as the walk's app lists
    them), enter: the dialogs only the palette opens are reached too."""
    titles = [command.title for command in app.get_system_commands(app.screen)]
    if not titles:
        return []
    typed = rng.choice(titles)[:10]
    return ["ctrl+p", *("space" if c == " " else c for c in typed), "enter"]


async def session(
    seed: int, walks: int, steps: int, *, verbose: bool = False, palette: float = 0.0
) -> list[Walk]:
    """``walks`` walks of ``steps`` keys in one app over a fresh copy of the demo data,
    each at a size drawn for it; after each, the checks (see the module docstring).
    One app for several walks: starting it costs as much as twenty keys, and each
    walk starts where the last one left the screens (undoing restores the data)."""
    from jobfutures_tui.store import BackgroundWriter, Repository

    rng = random.Random(seed)
    done: list[Walk] = []
    with tempfile.TemporaryDirectory(prefix="jobfutures-fuzz-") as temp:
        folder = Path(temp) / "data"
        shutil.copytree(_demo(), folder)
        start = records_in(folder)
        repo = Repository.open(folder, writer=BackgroundWriter(), verify=False, streamed=True)
        app = walked_app(repo)
        try:
            async with app.run_test(size=SIZES[0]) as pilot:
                await pilot.pause()
                for index in range(walks):
                    walk = Walk(seed, index, rng.choice(SIZES))
                    done.append(walk)
                    if verbose:
                        print(f"walk {index + 1} at {walk.size}", flush=True)
                    await pilot.resize_terminal(*walk.size)
                    await _walk(app, pilot, walk, steps, rng, verbose=verbose, palette=palette)
                    if not walk.problem:
                        await _checked(app, pilot, walk, folder, start)
                    if walk.problem:
                        break
        except Exception:  # a crash inside the app surfaces here, with its traceback
            if done and not done[-1].problem:
                done[-1].problem = traceback.format_exc(limit=12)
        finally:
            repo.close()
    return done


async def _walk(
    app: Any,
    pilot: Any,
    walk: Walk,
    steps: int,
    rng: random.Random,
    *,
    verbose: bool,
    palette: float = 0.0,
) -> None:
    from textual.screen import ModalScreen

    pending: list[str] = []
    for _ in range(steps):
        walk.reached.add(type(app.screen).__name__)
        modal = isinstance(app.screen, ModalScreen)
        if not pending and palette and not modal and rng.random() < palette:
            pending = palette_keys(app, rng)
        key = pending.pop(0) if pending else next_key(app, rng)
        walk.keys.append(key)
        if verbose:
            print(f"  {key:12} on {type(app.screen).__name__}", flush=True)
        await asyncio.wait_for(pilot.press(key), STEP_SECONDS)
        if app.return_code is not None:
            walk.problem = f"the app stopped after {key!r}"
            return
    walk.reached.add(type(app.screen).__name__)


async def _checked(app: Any, pilot: Any, walk: Walk, folder: Path, start: dict[str, Any]) -> None:
    """Dialogs closed, the data passes check, and undoing everything gives back ``start``."""
    from textual.screen import ModalScreen

    from jobfutures_tui.exchange.check import check_folder

    for _ in range(12):  # escape cancels each dialog
        if not isinstance(app.screen, ModalScreen):
            break
        await asyncio.wait_for(pilot.press("escape"), STEP_SECONDS)
    else:
        walk.problem = f"{type(app.screen).__name__} stays open on escape"
        return
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.repo.flush()
    report = check_folder(folder)
    if not report.ok:
        walk.problem = "check: " + "; ".join(str(problem) for problem in report.problems)
        return
    while app.history.can_undo:
        app.action_undo()  # as u does: the screen on top shows each undo
        walk.changes += 1
    await pilot.pause()
    app.repo.flush()
    now = records_in(folder)
    if now != start:
        changed = sorted(k for k in start.keys() | now.keys() if start.get(k) != now.get(k))
        walk.problem = f"undoing every change left {len(changed)} records changed: "
        walk.problem += ", ".join(changed[:5])


_DEMO: Path | None = None


def _demo() -> Path:
    """The demo data, saved once per process in a folder removed at exit."""
    global _DEMO
    if _DEMO is None:
        temp = Path(tempfile.mkdtemp(prefix="jobfutures-fuzz-demo-"))
        atexit.register(shutil.rmtree, temp, ignore_errors=True)
        _DEMO = demo_folder(temp)
    return _DEMO


async def run_sessions(
    seeds: Iterable[int],
    walks: int,
    steps: int,
    *,
    verbose: bool = False,
    stop: bool = False,
    palette: float = PALETTE_CHANCE,
) -> list[Walk]:
    done: list[Walk] = []
    for seed in seeds:
        found = await session(seed, walks, steps, verbose=verbose, palette=palette)
        done += found
        problems = sum(1 for walk in found if walk.problem)
        reached = sorted(set().union(*(walk.reached for walk in found)))
        print(
            f"session {seed}: {len(found)} walks, {problems} with a problem; "
            f"reached {len(reached)}: {', '.join(reached)}",
            flush=True,
        )
        if stop and problems:
            break
    return done


def _isolate(home: Path) -> None:
    """A home of its own: exports, the clipboard's Markdown and settings go there."""
    os.environ["HOME"] = str(home)
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["JOBFUTURES_CONFIG"] = str(home / "config.toml")
    os.environ.pop("JOBFUTURES_DATA", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.fuzz",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sessions", type=int, default=200, help="apps started, one per seed")
    parser.add_argument("--walks", type=int, default=10, help="walks in each session")
    parser.add_argument("--steps", type=int, default=60, help="keys per walk")
    parser.add_argument("--seed", type=int, default=1, help="the first session's seed")
    parser.add_argument("--verbose", action="store_true", help="print every key")
    parser.add_argument("--stop", action="store_true", help="stop at the first problem")
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jobfutures-fuzz-home-") as home:
        _isolate(Path(home))
        # Pilot's idle checks in 5 ms slices, as the tests' (the same rule, several
        # times quicker walks); Textual's private names are kept in that one place.
        from tests.app.textual_internals import quick_idle_checks

        quick_idle_checks()
        seeds = range(args.seed, args.seed + args.sessions)
        walks = asyncio.run(
            run_sessions(seeds, args.walks, args.steps, verbose=args.verbose, stop=args.stop)
        )
    failed = [walk for walk in walks if walk.problem]
    for walk in failed:
        print(f"PROBLEM {walk.describe(args.steps)}\n", file=sys.stderr)
    keys = sum(len(walk.keys) for walk in walks)
    seconds = time.monotonic() - started
    print(f"{len(walks)} walks, {keys} keys in {seconds:.0f} s: {len(failed)} with a problem")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
