"""The board's first frame reads stored rows and validates nothing, so it imports no
pydantic (~60 ms of start-up: docs/architecture.md, "Why the speed tricks exist"),
nor the insights' counting; what validates (opening a story) imports it when first
used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from jobfutures_tui.demo import populate
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import decisions  # noqa: F401  (keeps its decisions at close)

PROGRAM = """
import asyncio, sys
from pathlib import Path
from jobfutures_tui.launch import PLUGIN_LOADER, prepare
prepare()  # puts a stand-in for pydantic's plugin loader in sys.modules
from jobfutures_tui import background_work
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.cli import open_for_app
from jobfutures_tui.screens.board import BoardScreen

# The insights' counting: imported when they are first worked out (~28 ms).
INSIGHTS = ("jobfutures_tui.engine.insights", "jobfutures_tui.usecases.kept_shares")

# Nothing after the frame: what runs then (the check, the calendar) may import anything.
background_work.after_first_frame = lambda app: None
background_work.warm_up = lambda app: None
JobFuturesApp.follow_data = lambda app, delay=0: None

async def main() -> None:
    app = JobFuturesApp(open_for_app(Path(sys.argv[1])))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen), board
        first = next(pid for ids in board.columns.values() for pid in ids)
        painted = board.card(first).company.split()[0] in app.export_screenshot()
        before = [n for n in sys.modules if n.startswith("pydantic") and n != PLUGIN_LOADER]
        counting = [n for n in sys.modules if n.startswith(INSIGHTS)]
        await pilot.press("enter")  # the story: its records validated
        await pilot.pause()
        print(painted, before, counting, type(app.screen).__name__, "pydantic" in sys.modules)
        await pilot.press("q")

asyncio.run(main())
"""


def test_the_boards_first_frame_imports_no_pydantic(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as seed:
        populate(seed)
    Repository.open(folder, verify=False, streamed=True).close()  # as a second start finds it
    config = tmp_path / "config.toml"
    config.write_text('theme = "nord"\nworkdays = "mon tue wed thu fri"\n', encoding="utf-8")
    env = {**os.environ, "JOBFUTURES_CONFIG": str(config), "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "True [] [] DetailScreen True", done.stdout
