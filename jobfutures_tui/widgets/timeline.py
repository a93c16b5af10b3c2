"""A job future's timeline: every touch, newest first, two lines each, under a
title that counts them; drawn line by line, so a long history costs what shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from jobfutures_tui.models import Direction, Outcome, Script, Touch
from jobfutures_tui.models.dates import local_timezone
from jobfutures_tui.store import Repository
from jobfutures_tui.widgets.record_list import RecordList


class Timeline(Vertical):
    COMPONENT_CLASSES = {"timeline--good"}

    def __init__(self, repo: Repository, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.repo = repo
        self.touches: dict[str, Touch] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-title", classes="section-title")
        yield RecordList(row_height=2, empty="No touches logged yet.", id="timeline")

    @property
    def listing(self) -> RecordList:
        return self.query_one("#timeline", RecordList)

    def show(self, prospect_id: str, select: str | None) -> None:
        """Read the job future's touches again; ``select`` one when it is among them."""
        self.touches = {touch.id: touch for touch in self.repo.touches_for(prospect_id)}
        count = len(self.touches)
        self.query_one("#timeline-title", Static).update(
            Text(
                f"Timeline  {count} touch{'es' if count != 1 else ''}, newest first"
                + ("  (enter reads one)" if count else "")
            )
        )
        self.listing.show(list(self.touches), self._draw, select=select)

    def _draw(self, touch_id: str, width: int) -> Text:
        touch = self.touches[touch_id]
        local = touch.at.in_timezone(local_timezone())
        text = Text()
        text.append(local.format("ddd D MMM YYYY HH:mm"), style="bold")
        arrow = "→" if touch.direction is Direction.OUT else "←"
        text.append(f"  {arrow} {touch.channel.label} · {touch.outcome.label}")
        if touch.kind is not None:
            text.append(f" · {touch.kind.label}")
        if touch.person_id:
            person = self.repo.person(touch.person_id)
            if person is not None:
                text.append(f" · {person.name}", style="dim")
        if touch.replied and touch.outcome not in (Outcome.REPLIED, Outcome.CONVERSATION):
            good = self.get_component_rich_style("timeline--good", partial=True)
            text.append(" · they replied", style=good)
        second = [touch.note] if touch.note else []
        if touch.shared:
            second.append("shared: " + ", ".join(touch.shared))
        if touch.script_id:
            script = self.repo.stored(Script, touch.script_id)
            second.append(f"script: {script.name if script else 'deleted'}")
        if touch.from_mail:
            second.append("from your mail")
        text.append("\n  " + (" · ".join(second) or "no note"), style="dim")
        return text
