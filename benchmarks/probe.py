import time

T0 = time.perf_counter()

# One measurement in a fresh process, run by benchmarks/run.py as
#   python benchmarks/probe.py MODE [ARGS]
# and printed as one line "BENCH {json}" on stdout. T0 is taken before
# anything else is imported, so a figure "since start" includes every import
# of ours and Textual's (not the interpreter's own start-up, which the parent
# measures as the process wall time).
#
# Modes:
#   open FOLDER               Repository.open(verify=False) as the app does, then verify()
#   frame FOLDER [--check] [--no-verify]
#                             the board's first painted frame, headless, 120x40
#   settled FOLDER            the same, then on until the app's background work after
#                             the frame (the insights' counts, the check of every
#                             record, the warm-up imports) is done: its peak memory
#   bare                      the floor: a bare Textual app with one Static
#   import MODULE             the import time of one module
#   save FOLDER N [SEED]      N touch saves and N stage moves, synchronous writer
#   due FOLDER                the due list as `jobfutures due` makes it: open read-only
#                             and unverified, then due_items (the first call after open)
#   vcard FOLDER FILE         the dry run of importing a .vcf into that data, as
#                             `jobfutures import vcard FILE` makes it (read-only open)
#
# Only the standard library is imported at module level. Time spent in the
# garbage collector is recorded too (a callback, negligible cost).

import gc  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402

SIZE = (120, 40)
SETTLE_AFTER = 1.0
"""Seconds after the first frame before looking for the background work's end: it
starts 0.2 s after the frame (background_work.BACKGROUND_DELAY)."""

# Time spent in the garbage collector by this process (all threads), in seconds.
_gc = {"total": 0.0, "started": 0.0, "full": 0}


def _gc_callback(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _gc["started"] = time.perf_counter()
    else:
        _gc["total"] += time.perf_counter() - _gc["started"]
        _gc["full"] += info["generation"] == 2


gc.callbacks.append(_gc_callback)


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _maxrss_mb() -> float:
    """Peak resident memory of this process.

    Not ru_maxrss: Linux carries it over fork and exec, so a probe would
    report its parent's peak. VmHWM belongs to this address space only.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)  # kB
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _report(result: dict[str, object]) -> None:
    print("BENCH " + json.dumps(result), flush=True)


def probe_open(folder: str) -> dict[str, object]:
    from pathlib import Path

    from jobfutures_tui.store import BackgroundWriter, Repository

    imported = time.perf_counter()
    writer = BackgroundWriter()
    start = time.perf_counter()
    repo = Repository.open(Path(folder), writer=writer, verify=False, streamed=True)
    opened = time.perf_counter()
    repo.verify()
    verified = time.perf_counter()
    result = {
        "import_ms": _ms(imported - T0),
        "open_ms": _ms(opened - start),
        "verify_ms": _ms(verified - opened),
        "touches": repo.touch_count(),
        "prospects": len(repo.prospects()),
    }
    repo.close()
    return result


def probe_frame(
    folder: str,
    check: bool,
    verify: bool,
    on_frame: Callable[[], object] | None = None,
    settle: bool = False,
) -> dict[str, object]:
    from pathlib import Path

    # As `jobfutures` starts (jobfutures_tui/launch.py): the collector waits for the frame,
    # and pydantic looks for no plugins.
    from jobfutures_tui.heap import large_blocks_from_the_system
    from jobfutures_tui.launch import prepare

    prepare()

    # Exactly as cli.run_app opens the data and the app.
    from jobfutures_tui.app import JobFuturesApp
    from jobfutures_tui.parsed_css import kept_between_runs
    from jobfutures_tui.screens.board import BoardScreen
    from jobfutures_tui.store import BackgroundWriter, Repository
    from jobfutures_tui.widgets.stage_column import StageColumn

    imported = time.perf_counter()
    large_blocks_from_the_system()
    writer = BackgroundWriter()
    repo = Repository.open(Path(folder), writer=writer, verify=False, streamed=True)
    opened = time.perf_counter()
    result: dict[str, object] = {
        "import_ms": _ms(imported - T0),
        "open_ms": _ms(opened - imported),
    }

    if not verify:  # diagnosis only: no background validation competing for the GIL
        from jobfutures_tui import background_work

        background_work.verify = lambda app: None  # this process only: it runs one app

    class Probe(JobFuturesApp):
        """Records the moment the board has painted its cards, then exits."""

        _has_open: bool | None = None

        def on_mount(self) -> None:
            # No super().on_mount(): Textual calls the handler of every class in the
            # MRO itself (this one first), so calling it here would push a second board.
            self._poll_timer = self.set_interval(0.001, self._poll)

        def _poll(self) -> None:
            screen = self.screen
            if not isinstance(screen, BoardScreen) or not screen.is_mounted:
                return
            # The archive column is hidden until asked for: it has no size.
            columns = [column for column in screen.query(StageColumn) if column.display]
            if not columns or not all(column.size.area for column in columns):
                return  # not laid out yet
            if not any(column.ids for column in columns):
                if self._has_open is None:
                    self._has_open = bool(repo.open_prospect_ids())
                if self._has_open:
                    return  # the cards are not in yet
            self._poll_timer.stop()
            # Runs once the screen has no pending layout or repaint: the cards are painted.
            screen.call_after_refresh(self._record)

        def _record(self) -> None:
            result["frame_ms"] = _ms(time.perf_counter() - T0)
            result["gc_ms"] = _ms(_gc["total"])
            result["gc_full"] = _gc["full"]
            if on_frame is not None:
                on_frame()
            if check:
                result["check"] = self._check()
                result["screens"] = [type(screen).__name__ for screen in self.screen_stack]
            if settle:
                self._idle = 0
                self.set_timer(SETTLE_AFTER, lambda: self.set_interval(0.05, self._settled))
                return
            self.exit(0)

        def _settled(self) -> None:
            """Three looks in a row with no worker running: the background work is done."""
            busy = any(not worker.is_finished for worker in self.workers)
            self._idle = 0 if busy else self._idle + 1
            if self._idle >= 3:
                result["settled_ms"] = _ms(time.perf_counter() - T0)
                self.exit(0)

        def _check(self) -> str:
            """Is the first card's company on the screen? (outside the timing)"""
            screen = self.screen
            assert isinstance(screen, BoardScreen)
            ids = [pid for ids in screen.columns.values() for pid in ids]
            svg = self.export_screenshot()
            if not ids:
                return "ok: no open job futures" if "nothing" in svg else "FAILED: empty board"
            word = screen.card(ids[0]).company.split()[0]
            return f"ok: '{word}' painted" if word in svg else f"FAILED: '{word}' not painted"

    app = Probe(repo)
    try:
        with kept_between_runs():
            app.run(headless=True, size=SIZE)
    finally:
        repo.close()
    result["maxrss_mb"] = _maxrss_mb()
    result["return_code"] = app.return_code
    return result


def probe_due(folder: str) -> dict[str, object]:
    from pathlib import Path

    from jobfutures_tui.models.dates import today
    from jobfutures_tui.store import Repository
    from jobfutures_tui.usecases.due import due_items

    imported = time.perf_counter()
    repo = Repository.open(Path(folder), read_only=True, verify=False)
    opened = time.perf_counter()
    items = due_items(repo, today=today(), within_days=7)
    listed = time.perf_counter()
    again = due_items(repo, today=today(), within_days=7)
    relisted = time.perf_counter()
    result = {
        "import_ms": _ms(imported - T0),
        "open_ms": _ms(opened - imported),
        "due_ms": _ms(listed - opened),
        "due_again_ms": _ms(relisted - listed),
        "items": len(items),
        "same": items == again,
        "gc_ms": _ms(_gc["total"]),
    }
    repo.close()
    return result


def probe_vcard(folder: str, cards: str) -> dict[str, object]:
    from pathlib import Path

    from jobfutures_tui.exchange import vcard
    from jobfutures_tui.exchange.plan import Existing
    from jobfutures_tui.store import Repository

    imported = time.perf_counter()
    repo = Repository.open(Path(folder), read_only=True, verify=False)
    opened = time.perf_counter()
    existing = Existing.of(repo)
    read = time.perf_counter()
    plan = vcard.plan_import(Path(cards), existing)
    planned = time.perf_counter()
    result = {
        "import_ms": _ms(imported - T0),
        "open_ms": _ms(opened - imported),
        "existing_ms": _ms(read - opened),
        "plan_ms": _ms(planned - read),
        "cards": plan.rows,
        "people_new": plan.new_counts().get("people", 0),
        "errors": len(plan.errors),
        "maxrss_mb": _maxrss_mb(),
    }
    repo.close()
    return result


def probe_bare() -> dict[str, object]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    result: dict[str, object] = {"import_ms": _ms(time.perf_counter() - T0)}

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello, floor.")

        def on_mount(self) -> None:
            self.call_after_refresh(self._record)

        def _record(self) -> None:
            result["frame_ms"] = _ms(time.perf_counter() - T0)
            self.exit()

    Bare().run(headless=True, size=SIZE)
    result["maxrss_mb"] = _maxrss_mb()
    return result


def probe_import(module: str) -> dict[str, object]:
    import importlib

    start = time.perf_counter()
    importlib.import_module(module)
    return {"import_ms": _ms(time.perf_counter() - start)}


def probe_save(folder: str, count: int, seed: int = 7) -> dict[str, object]:
    import random
    from pathlib import Path

    from jobfutures_tui.models import Channel, Outcome, Touch
    from jobfutures_tui.models.dates import now
    from jobfutures_tui.store import Repository, Writer
    from jobfutures_tui.store.layout import touches_file
    from jobfutures_tui.usecases.board import move_to_stage, neighbour_stage

    rng = random.Random(seed)
    repo = Repository.open(Path(folder), writer=Writer(), verify=False)
    futures = repo.prospects(include_archived=False)

    def new_touch() -> Touch:
        prospect = rng.choice(futures)
        return Touch.new(
            prospect_id=prospect.id,
            person_id=prospect.main_person_id,
            at=now(),
            channel=rng.choice(list(Channel)),
            outcome=rng.choice((Outcome.SENT, Outcome.NO_ANSWER, Outcome.LEFT_VOICEMAIL)),
            note=f"Benchmark touch {rng.randrange(10**6)}: sent the article on their launch.",
        )

    cpu: dict[str, list[float]] = {"touch": [], "move": []}

    def timed(record: object, kind: str = "") -> float:
        start, start_cpu = time.perf_counter(), time.process_time()
        repo.save(record)  # type: ignore[arg-type]
        if kind:
            cpu[kind].append(_ms(time.process_time() - start_cpu))
        return _ms(time.perf_counter() - start)

    # The session's first write snapshots the whole folder into a backup first.
    first = timed(new_touch())
    partition = Path(folder) / touches_file(now())
    partition_touches = len(json.loads(partition.read_bytes())["touches"])
    touches = [timed(new_touch(), "touch") for _ in range(count)]
    moves = []
    for _ in range(count):
        prospect = repo.prospect(rng.choice(futures).id)
        assert prospect is not None
        target = neighbour_stage(prospect.stage, 1) or neighbour_stage(prospect.stage, -1)
        assert target is not None
        moves.append(timed(move_to_stage(prospect, target), "move"))
    repo.close()
    return {
        "first_save_ms": first,
        "touch_ms": touches,
        "move_ms": moves,
        "touch_cpu_ms": cpu["touch"],
        "move_cpu_ms": cpu["move"],
        "partition_touches": partition_touches,
        "open_prospects": len(futures),
    }


def main(argv: list[str]) -> int:
    # The script's own folder (benchmarks/) must not shadow anything.
    if sys.path and sys.path[0].rstrip("/").endswith("benchmarks"):
        del sys.path[0]
    mode, args = argv[0], argv[1:]
    if mode == "open":
        result = probe_open(args[0])
    elif mode == "frame":
        result = probe_frame(args[0], "--check" in args, "--no-verify" not in args)
    elif mode == "settled":
        result = probe_frame(args[0], False, True, settle=True)
    elif mode == "bare":
        result = probe_bare()
    elif mode == "import":
        result = probe_import(args[0])
    elif mode == "due":
        result = probe_due(args[0])
    elif mode == "vcard":
        result = probe_vcard(args[0], args[1])
    elif mode == "save":
        result = probe_save(args[0], int(args[1]), int(args[2]) if len(args) > 2 else 7)
    else:
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    _report(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
