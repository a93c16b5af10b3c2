"""Kill -9 a process while it saves: every file still parses and no confirmed save is lost.

Each trial is a fresh process that opens the data folder (``Repository.open``
with its defaults: synchronous writer, every touch verified), logs touches in
a loop and prints each touch's id once ``save()`` has returned. The test kills
it at a random moment and checks that every file parses and every printed id
is on disk; the next trial's open then has to take the lock the dead process
held, clean up its temporary files and verify every record.

Starting a Python interpreter with the store imported costs ~0.4 s, too much
for 60 trials, so one helper process imports everything once and forks a
child per trial: each child is its own process, with its own lock and files.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson

from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("JOBFUTURES_KILL_TRIALS", "40"))
WAIT = 10.0

FORKER = r"""
import os
import random
import sys
import traceback
from pathlib import Path

import pendulum

from jobfutures_tui.models import Touch
from jobfutures_tui.store import Repository

folder = Path(sys.argv[1])
warm_up = Path(sys.argv[2])
PROSPECTS = ["p0", "p1", "p2", "p3", "p4"]
CHANNELS = ["call", "email", "voicemail", "linkedin"]


def say(text):
    os.write(1, (text + "\n").encode())  # one write() per line: lines never interleave


def log_touches_forever():
    try:
        repo = Repository.open(folder)
        now = pendulum.now("UTC")
        while True:
            # Spread over five years so each save rewrites one small month file.
            at = now.subtract(minutes=random.randrange(60 * 24 * 365 * 5))
            touch = Touch(
                prospect_id=random.choice(PROSPECTS), at=at, channel=random.choice(CHANNELS)
            )
            repo.save(touch)
            say("id " + touch.id)
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)


# Run every code path once here, so each forked child starts warm.
with Repository.open(warm_up) as repo:
    repo.save(Touch(prospect_id="p0", at=pendulum.now("UTC"), channel="call"))
with Repository.open(warm_up) as repo:
    repo.save(Touch(prospect_id="p0", at=pendulum.now("UTC"), channel="call"))
say("ready")

for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        log_touches_forever()
    say(f"pid {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"dead {pid} {status}")
"""


class Forker:
    """The helper process, and the lines it and its children print."""

    def __init__(self, folder: Path, warm_up: Path, errors: Path, child: str = FORKER) -> None:
        self.errors = errors
        # A child killed in a restore leaves its scratch folder: in the test's, not /tmp.
        scratch = errors.parent / "scratch"
        scratch.mkdir(exist_ok=True)
        with errors.open("wb") as sink:
            self.process = subprocess.Popen(
                [sys.executable, "-c", child, str(folder), str(warm_up)],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=sink,
            )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.child: int | None = None
        line = self.next_line()
        if line != "ready":
            self.close()
            raise AssertionError(f"{line!r}; stderr: {self.stderr()}")

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.put(raw.decode().rstrip("\n"))
        self.lines.put("eof")

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError(f"no answer in {WAIT}s; stderr: {self.stderr()}") from None

    def stderr(self) -> str:
        return self.errors.read_text(errors="replace")[-3000:]

    def start_child(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")
        self.process.stdin.flush()
        line = self.next_line()
        assert line.startswith("pid "), f"{line!r}; stderr: {self.stderr()}"
        self.child = int(line.split()[1])
        return self.child

    def close(self) -> None:
        if self.child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child, signal.SIGKILL)
        self.process.kill()
        self.process.wait(timeout=WAIT)
        self.reader.join(timeout=WAIT)  # ends at end of file, once the processes are gone
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


def stored_touch_ids(folder: Path) -> set[str]:
    """Every touch id on disk, reading the files as plain JSON (each one must parse)."""
    ids: set[str] = set()
    for name in data_files(folder):
        data = orjson.loads((folder / name).read_bytes())
        if name.startswith("touches/"):
            ids.update(data["touches"])
    return ids


def test_kill_during_saves_loses_nothing_confirmed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    forker = Forker(folder, tmp_path / "warm-up", tmp_path / "forker-stderr.txt")
    confirmed: set[str] = set()
    leftovers_seen = 0
    started = time.monotonic()
    try:
        for trial in range(TRIALS):
            where = f"trial {trial}, seed {seed}"
            # The child's Repository.open(folder) is the check that the previous kill
            # left a folder that opens: lock free, every file parsed, verify() passed.
            pid = forker.start_child()
            line = forker.next_line()
            assert line.startswith("id "), f"{where}: {line!r}; stderr: {forker.stderr()}"
            confirmed.add(line[3:])
            # Kill it a random moment after its first confirmed save.
            time.sleep(rng.uniform(0.005, 0.060))
            os.kill(pid, signal.SIGKILL)
            while not (line := forker.next_line()).startswith("dead "):
                assert line.startswith("id "), f"{where}: {line!r}"
                confirmed.add(line[3:])
            status = int(line.split()[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                f"{where}: the child died on its own; stderr: {forker.stderr()}"
            )
            forker.child = None

            leftovers_seen += bool(list(folder.rglob("*.jf-tmp")))
            missing = confirmed - stored_touch_ids(folder)
            assert not missing, f"{where}: {len(missing)} confirmed touches lost"
    finally:
        forker.close()

    # After the last kill, open it here too.
    with Repository.open(folder) as repo:
        assert all(repo.touch(touch_id) is not None for touch_id in confirmed)
        assert repo.touch_count() >= len(confirmed) >= TRIALS
    assert list(folder.rglob("*.jf-tmp")) == []
    elapsed = time.monotonic() - started
    print(
        f"{TRIALS} kills, {len(confirmed)} touches, "
        f"{leftovers_seen} left temporary files, {elapsed:.1f}s"
    )
