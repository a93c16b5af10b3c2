"""Regenerate the README screenshots from the demo data.

    .venv/bin/python screenshots/make.py [NAME ...]   # all of them, or only these

Each screenshot is the real app, driven by the keys a user would press.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from jobfutures_tui import settings
from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.demo import populate
from jobfutures_tui.store import BackgroundWriter, Repository

HERE = Path(__file__).parent
SIZE = (120, 36)
WIDE = (150, 40)
"""Wide enough for the script panel beside the board, today and a story."""
WIDE_SHOTS = {"board", "log-form", "today", "detail", "opened"}
TOASTS = {"opened"}
"""Shots of what the app says (run_test leaves notifications out otherwise)."""

SHOTS: dict[str, tuple[str, ...]] = {
    "board": (),
    "add-form": ("a", *"Wide World Importers", "enter", *"Marta Kowalski"),
    "help": ("question_mark",),
    "today": ("2",),
    "detail": ("l", "enter"),
    "people": ("3",),
    "filter": ("slash", *"data eng"),
    "log-form": ("c", "c", "v"),
    "referrals": ("l", "enter", "R"),
    "plans": ("l", "P"),
    "scripts": ("4", "j", "j", "j", "j", "j"),
    "profile": ("ctrl+p", *"Your profile", "enter"),
    "after-a-no": ("greater_than_sign", *"Lead with the routing numbers; ask about on-call"),
    "settings": ("ctrl+p", *"Settings", "enter"),
    "opened": ("o",),
    "insights": ("5",),
}
SETTINGS = """# jobfutures settings
theme = "textual-dark"
workdays = ["mon", "tue", "wed", "thu", "fri"]
daily_budget = 5

[keys]
"board.log" = "b"
"""
"""The settings file of the settings screenshot; the others have none (the defaults)."""


async def shoot(name: str, keys: tuple[str, ...], folder: Path) -> None:
    with Repository.open(folder, writer=BackgroundWriter(), verify=False) as repo:
        app = JobFuturesApp(repo, demo=True)
        size = WIDE if name in WIDE_SHOTS else SIZE
        async with app.run_test(size=size, notifications=name in TOASTS) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)
            app.save_screenshot(f"{name}.svg", path=str(HERE))
    print(f"screenshots/{name}.svg")


async def main(names: list[str]) -> None:
    os.environ["BROWSER"] = "true"  # o "opens" the draft without a mail program
    for name, keys in SHOTS.items():
        if names and name not in names:
            continue
        with tempfile.TemporaryDirectory() as temp:
            # A home of its own: never the user's settings (picking a theme writes them).
            os.environ["HOME"] = temp
            os.environ.pop("XDG_CONFIG_HOME", None)
            os.environ.pop(settings.CONFIG_ENV_VAR, None)
            settings.forget()
            if name == "settings":
                config = settings.config_path()
                config.parent.mkdir(parents=True)
                config.write_text(SETTINGS, encoding="utf-8")
            folder = Path(temp) / "data"
            with Repository.open(folder) as repo:
                populate(repo)
            await shoot(name, keys, folder)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
