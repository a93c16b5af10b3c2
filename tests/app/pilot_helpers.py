"""Helpers for Pilot tests: seed a real store, read back the disk, read the screen."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pendulum
import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from jobfutures_tui.app import JobFuturesApp
from jobfutures_tui.models import Company, Person, PersonRole, Prospect, Stage, Touch
from jobfutures_tui.store import Repository


def reopen(data_dir: Path) -> Repository:
    """Read back what reached the disk (read-only: the app's repo still holds the lock)."""
    return Repository.open(data_dir, read_only=True)


def add_prospect(
    repo: Repository,
    company: str,
    *,
    stage: Stage = Stage.INTERVIEWED,
    person: str = "Priya Raman",
    role: PersonRole = PersonRole.HIRING_MANAGER,
    discussed: str = "Staff Data Engineer",
    touched: pendulum.DateTime | None = None,
    email: str = "them@example.com",
) -> Prospect:
    firm = Company(name=company)
    who = Person(name=person, role=role, company_id=firm.id, email=email)
    prospect = Prospect(company_id=firm.id, person_ids=(who.id,), role=discussed, stage=stage)
    records: list = [firm, who, prospect]
    if touched is not None:
        records.append(
            Touch(prospect_id=prospect.id, person_id=who.id, at=touched, channel="email")
        )
    repo.save(*records)
    repo.flush()
    return prospect


def column_text(app: JobFuturesApp, stage: Stage) -> str:
    """What a column of the board shows, line by line (the board's, whichever screen
    is on top: a notice may cover it while the data is opened again)."""
    column = app.get_screen("board").query_one(f"#column-{stage.value}")
    return "\n".join(column.render_line(y).text for y in range(column.size.height))


def rendered_text(renderable: object, width: int = 120) -> str:
    """Plain text of a Rich renderable, as a terminal of this width would show it."""
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


async def until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, *, seconds: float = 5.0
) -> None:
    """Wait for the app until ``condition()`` holds: each round lets it handle what is
    queued and go idle, no fixed sleep. Fails, naming ``what``, after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:g} s for {what}")
        await pilot.pause()


def busy(app: JobFuturesApp) -> bool:
    """Whether a worker is still at work (one it started included)."""
    return any(not worker.is_finished for worker in app.workers)


async def after_first_frame(pilot: Pilot[None]) -> None:
    """Wait until what the app does once the board has painted (the first-run
    question, the warm-up) has run: a callback queued after theirs has run too."""
    done = asyncio.Event()
    pilot.app.call_after_refresh(done.set)  # as the app queues them (app.py, on_mount)
    await asyncio.wait_for(done.wait(), timeout=10)
    await pilot.pause()


async def search_palette(pilot: Pilot[None], text: str) -> None:
    """Open the command palette and type; return once its search (a worker) is done."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    deadline = time.monotonic() + 5.0  # the search starts after a short debounce
    while time.monotonic() < deadline:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        found = pilot.app.screen.query(CommandList)
        if found and found.first().highlighted is not None:
            break


async def palette(pilot: Pilot[None], text: str) -> None:
    """Type into the command palette, wait for its search to settle, take the best hit."""
    await search_palette(pilot, text)
    searched = pilot.app.screen
    await pilot.press("enter")
    await until(pilot, lambda: pilot.app.screen is not searched, "the palette gone")
    await pilot.pause()


_NOTIFIED: WeakKeyDictionary[JobFuturesApp, list[str]] = WeakKeyDictionary()


def record_notifications(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every notification, through the app's own ``notify`` (every one goes
    through it: screens' and dialogs' too)."""
    shown = JobFuturesApp.notify

    def notify(app: JobFuturesApp, message: str, **options: Any) -> None:
        _NOTIFIED.setdefault(app, []).append(str(message))
        shown(app, message, **options)

    monkeypatch.setattr(JobFuturesApp, "notify", notify)


def messages(app: JobFuturesApp) -> list[str]:
    """Every notification shown so far, as plain text."""
    return list(_NOTIFIED.get(app, []))


async def settle(app: JobFuturesApp, pilot: Pilot[None]) -> None:
    """Wait for every worker (a check, a restore, an export), then for the screen."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def review_text(app: JobFuturesApp) -> str:
    """The title, body and keys of the review dialog on top (import, restore, check)."""
    from jobfutures_tui.modals.review import FileReview

    review = app.screen
    assert isinstance(review, FileReview)
    parts = ("#review-title", "#review-body", "#review-keys")
    return "\n".join(static_text(review.query_one(part, Static)) for part in parts)


def static_text(widget: Static) -> str:
    """What a Static holds, as plain text, whether it was given text or a Rich
    renderable (the review's body keeps indents with padding)."""
    content = widget.content
    if isinstance(content, (str, Text, Content)):
        return str(content)
    console = Console(width=1000, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


async def move_card(pilot: Pilot[None], *keys: str) -> None:
    """Press each stage key (``greater_than_sign``, ``L``…); a move to rejected-but-warm
    asks what you would do differently: answer with nothing, so the card moves."""
    from jobfutures_tui.modals.record_form import RecordForm

    for key in keys:
        await pilot.press(key)
        await pilot.pause()
        if (
            isinstance(pilot.app.screen, RecordForm)
            and "a no for now" in pilot.app.screen.form_title
        ):
            await pilot.press("ctrl+s")
            await pilot.pause()


def prospect_at(repo: Repository, company: str) -> Prospect:
    """The job future at the company of this name (the demo has one per company)."""
    for prospect in repo.prospects(include_archived=True):
        found = repo.company(prospect.company_id)
        if found is not None and found.name == company:
            return prospect
    raise AssertionError(f"no job future at {company}")
