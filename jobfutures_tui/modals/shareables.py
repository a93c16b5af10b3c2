"""The things worth sharing (articles, events, work samples) and whom each went to.

Items join the library when a touch first shares them; here they get a link,
a kind and notes, and show who has already had them, so nobody gets the same
thing twice.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from jobfutures_tui.messages import DataChanged
from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import Shareable, ShareKind, dates, revise
from jobfutures_tui.store import Repository
from jobfutures_tui.ui_services import JobFutures, services
from jobfutures_tui.usecases import record_changes
from jobfutures_tui.widgets.record_list import RecordList

FIELDS = (
    Field("title", "Title", placeholder="e.g. Article: testing dbt models in CI"),
    Field("kind", "Kind", "choice", choices=choices_of(ShareKind)),
    Field("link", "Link or file", placeholder="https://… or ~/work/samples/report.pdf"),
    Field("notes", "Notes", "text"),
)


def shareable_form(item: Shareable | None) -> RecordForm[Shareable]:
    if item is None:
        return RecordForm(
            "Add something to share", FIELDS, {"kind": ShareKind.ARTICLE}, _new_shareable
        )
    return RecordForm(
        f"Edit {item.title}",
        FIELDS,
        item.model_dump(),
        lambda values: revise(item, **values),
    )


def _new_shareable(values: dict[str, Any]) -> Shareable:
    return Shareable.model_validate(values)


class ShareablesScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("a", "add", "Add", id="shareables.add", tooltip="Add something to share"),
        Binding("e", "edit", "Edit", id="shareables.edit", tooltip="Edit the selected item"),
        Binding(
            "D,delete",
            "delete",
            "Delete",
            id="shareables.delete",
            tooltip="Delete the selected item (touches keep its title; u undoes)",
        ),
        Binding(
            "u,ctrl+z", "app.undo", "Undo", id="shareables.undo", tooltip="Undo the last change"
        ),
        Binding("U,ctrl+y", "app.redo", "Redo", id="shareables.redo", tooltip="Redo"),
        Binding("escape", "close", "Close", id="shareables.close", tooltip="Back"),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__()
        self.repo = repo
        self.sent: dict[str, list[str]] = {}
        """Title (casefolded) → who had it, newest first, once worked out."""

    @property
    def jf(self) -> JobFutures:
        return services(self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="shareables"):
            yield Static(Text("Things to share"), id="form-title")
            yield RecordList(
                row_height=2,
                empty="Nothing yet: press a, or share something when logging a touch.",
                id="shareables-list",
            )
            yield Static(Text("a add · e edit · D delete · u undo · esc close"), id="form-help")

    def on_mount(self) -> None:
        self._show()
        self._work_out_who_had_what()

    def _show(self, select: str | None = None) -> None:
        items = sorted(self.repo.records(Shareable), key=lambda s: s.title.casefold())
        self.query_one(RecordList).show([s.id for s in items], self._draw, select=select)

    def _draw(self, item_id: str, width: int) -> Text:
        item = self.repo.stored(Shareable, item_id)
        if item is None:
            return Text("(deleted)")
        text = Text(item.title, style="bold")
        text.append(f" · {item.kind.label}", style="dim")
        if item.link:
            text.append(f" · {item.link}", style="dim")
        who = self.sent.get(item.title.casefold())
        text.append("\n  ")
        text.append(f"sent to {', '.join(who)}" if who else "not sent to anyone yet", style="dim")
        return text

    @work(thread=True, exclusive=True)
    def _work_out_who_had_what(self) -> None:
        """Reads every touch once: off the UI thread, as a history can be long."""
        sent: dict[str, list[tuple[Any, str]]] = defaultdict(list)
        zone = dates.local_timezone()
        for prospect_id in list(self.repo.stored_rows("prospects")):
            for touch in self.repo.touches_for(prospect_id):
                if not touch.shared:
                    continue
                person = self.repo.person(touch.person_id) if touch.person_id else None
                name = person.name if person else "someone"
                day = touch.at.in_timezone(zone).format("D MMM YYYY")
                for title in touch.shared:
                    sent[title.casefold()].append((touch.at, f"{name} ({day})"))
        found = {
            title: [who for _, who in sorted(rows, key=lambda r: r[0], reverse=True)]
            for title, rows in sent.items()
        }
        self.app.call_from_thread(self._sent_known, found)

    def _sent_known(self, found: dict[str, list[str]]) -> None:
        self.sent = found
        self._show()

    # ------------------------------------------------------------ actions

    def action_add(self) -> None:
        self.app.push_screen(shareable_form(None), self._saved(added=True))

    def action_edit(self) -> None:
        item = self._selected()
        if item is not None:
            self.app.push_screen(shareable_form(item), self._saved(added=False))

    def action_delete(self) -> None:
        item = self._selected()
        if item is not None:
            self.jf.apply(record_changes.delete_shareable(item), note=False)

    def on_screen_resume(self) -> None:
        self._show()  # back from a form, which may have saved

    @on(DataChanged)
    def _data_changed(self, message: DataChanged) -> None:
        """A change (or an undo) made while the list is open."""
        self._show(message.select)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(RecordList.Chosen)
    def _chosen(self) -> None:
        self.action_edit()

    def _selected(self) -> Shareable | None:
        item_id = self.query_one(RecordList).selected
        item = self.repo.stored(Shareable, item_id) if item_id else None
        if item is None:
            self.notify("Nothing selected: add something with a.", timeout=3)
        return item

    def _saved(self, *, added: bool) -> Any:
        def save(item: Shareable | None) -> None:
            if item is not None:
                self.jf.apply(record_changes.save_shareable(item, added=added), note=False)

        return save
