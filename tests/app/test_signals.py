"""SIGTERM and SIGHUP save what is pending, then quit (signals.py)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from pilot_helpers import add_prospect, move_card, reopen, until

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Stage
from jobfutures_tui.store import BackgroundWriter, Repository


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
async def test_a_signal_right_after_a_change_saves_it_then_quits(
    data_dir: Path, sig: signal.Signals
) -> None:
    repo = Repository.open(data_dir, writer=BackgroundWriter(settle=5.0), verify=False)
    prospect = add_prospect(repo, "Contoso")
    app = JobFuturesApp(repo)
    async with app.run_test(size=(120, 30)) as pilot:
        assert sig in app._caught, "handled on the app's loop"
        await move_card(pilot, "L", "L")  # to referral: shown at once, saved 5 s later
        assert repo.pending_files, "still waiting for the writer"
        os.kill(os.getpid(), sig)
        await app.workers.wait_for_complete()
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 128 + sig
    with reopen(data_dir) as saved:
        assert saved.prospect(prospect.id).stage is Stage.REFERRAL  # type: ignore[union-attr]
    repo.close()
