"""SIGTERM and SIGHUP save what is pending, then quit (signals.py)."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest
from pilot_helpers import add_prospect, move_card, reopen, until
from textual.worker import WorkerCancelled

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Stage
from jobfutures_tui.store import BackgroundWriter, Repository


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
async def test_a_signal_right_after_a_change_saves_it_then_quits(
    data_dir: Path, sig: signal.Signals
) -> None:
    repo = Repository.open(
        data_dir, writer=BackgroundWriter(settle=5.0), verify=False, streamed=True
    )
    prospect = add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        assert app._caught is not None and sig in app._caught.signals, "handled"
        await move_card(pilot, "L", "L")  # to referral: shown at once, saved 5 s later
        assert repo.pending_files, "still waiting for the writer"
        os.kill(os.getpid(), sig)
        # Quitting cancels the check of the records (still making way for the keys).
        with contextlib.suppress(WorkerCancelled):
            await app.workers.wait_for_complete()
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 128 + sig
    with reopen(data_dir) as saved:
        assert saved.prospect(prospect.id).stage is Stage.REFERRAL  # type: ignore[union-attr]
    repo.close()


DEMO = r"""
import sys
from pathlib import Path

from jobfutures_tui import cli
from jobfutures_tui.app import JobFuturesApp

ready = Path(sys.argv[1])
run, mount = JobFuturesApp.run, JobFuturesApp.on_mount


def on_mount(self):
    mount(self)
    self.call_after_refresh(ready.touch)  # the signals are caught from here on


JobFuturesApp.on_mount = on_mount
JobFuturesApp.run = lambda self, **options: run(self, headless=True, **options)
sys.exit(cli.main(["--demo"]))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_the_demo_removes_its_temporary_folder_on_a_signal(
    tmp_path: Path, sig: signal.Signals
) -> None:
    """``jobfutures --demo`` works on a copy in the temporary folder: a closed terminal
    or a kill removes it, as quitting does (signals.py, commands/common.demo_folder)."""
    import subprocess
    import sys
    import time

    temp, ready = tmp_path / "tmp", tmp_path / "ready"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    demo = subprocess.Popen(
        [sys.executable, "-c", DEMO, str(ready)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and demo.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists(), demo.stderr.read() if demo.poll() is not None else "not ready"
        assert [p.name[:15] for p in temp.iterdir()] == ["jobfutures-demo"]
        demo.send_signal(sig)
        assert demo.wait(timeout=30) == 128 + sig
    finally:
        if demo.poll() is None:
            demo.kill()
    assert list(temp.iterdir()) == [], "the demo's copy is gone"
