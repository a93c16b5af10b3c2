"""Scripts (4): the library of words for each kind of touch, built-in and the
user's own, with a preview filled in with sample values."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static

from jobfutures_tui.engine.script_library import is_edited
from jobfutures_tui.engine.scripts import PLACEHOLDERS, SAMPLE_VALUES, render
from jobfutures_tui.models import Script, TouchKind
from jobfutures_tui.screens.filtered import FilteredListScreen
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases import record_changes
from jobfutures_tui.widgets.fields import LineInput
from jobfutures_tui.widgets.key_footer import KeyFooter
from jobfutures_tui.widgets.record_list import RecordList

NAME_WIDTH = 30
_KIND_ORDER = {kind: index for index, kind in enumerate(TouchKind)}


class ScriptsScreen(FilteredListScreen):
    TITLE = "Scripts"
    AUTO_FOCUS = "#scripts-list"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    COMPONENT_CLASSES = {"scripts--missing", "scripts--muted", "scripts--value"}
    BINDINGS = [
        Binding("slash", "filter", "Filter", id="scripts.filter", tooltip="Filter as you type"),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            id="scripts.clear_filter",
            show=False,
            tooltip="Show every script again",
        ),
        Binding("a", "add", "Add", id="scripts.add", tooltip="Write a new script"),
        Binding("e", "edit", "Edit", id="scripts.edit", tooltip="Edit the selected script"),
        Binding(
            "c",
            "duplicate",
            "Copy",
            id="scripts.copy",
            tooltip="Start a new script from the selected one (as c copies a plan)",
        ),
        Binding(
            "D,delete",
            "delete",
            "Delete",
            id="scripts.delete",
            tooltip="Delete the selected script, after a question (u undoes)",
        ),
        Binding(
            "r",
            "restore",
            "Restore",
            id="scripts.restore",
            tooltip="Put the selected built-in script back as shipped (u undoes)",
        ),
        Binding(
            "R",
            "restore_missing",
            "Bring back built-ins",
            id="scripts.restore_missing",
            show=False,
            tooltip="Bring back the built-in scripts you deleted (u undoes)",
        ),
    ]

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.scripts: dict[str, Script] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield LineInput(
            placeholder="filter: name, kind, purpose, words",
            id="scripts-filter",
            classes="list-filter",
        )
        yield Static(id="scripts-status")
        with Horizontal(id="scripts"):
            yield RecordList(
                empty="No scripts: a writes one, R brings back the built-ins.", id="scripts-list"
            )
            with VerticalScroll(id="script-preview"):
                yield Static(id="script-preview-text")
        yield KeyFooter()

    def show_changes(self, select: str | None) -> None:
        try:
            scripts = self.repo.records(Script)
        except DataRefused as error:
            self.refuse(error)
            return
        self.scripts = {script.id: script for script in sorted(scripts, key=_order)}
        self._show(select)

    def filter_changed(self) -> None:
        self._show()

    def _show(self, select: str | None = None) -> None:
        wanted = self.query_text.strip().casefold()
        shown = [sid for sid, script in self.scripts.items() if wanted in _words(script)]
        listing = self.query_one(RecordList)
        listing.show(shown, self._draw, select=select)
        total = len(self.scripts)
        status = self.query_one("#scripts-status", Static)
        if wanted:
            status.update(Text(f"{len(shown)} of {total} scripts match · esc clears"))
        else:
            status.update(Text(f"{total} scripts · ✎ edited built-in · ◆ built-in · / filter"))
        self._preview()

    def _draw(self, script_id: str, width: int) -> Text:
        script = self.scripts[script_id]
        mark = " "
        if script.builtin:
            mark = "✎" if is_edited(script) else "◆"
        text = Text(no_wrap=True)
        text.append(f"{mark} ")
        name = (
            script.name if len(script.name) <= NAME_WIDTH else script.name[: NAME_WIDTH - 1] + "…"
        )
        text.append(name.ljust(NAME_WIDTH), style="bold")
        text.append(f" {_kind(script)}", style="dim")
        if script.channels:
            text.append(" · " + ", ".join(c.label for c in script.channels), style="dim")
        return text

    @property
    def selected(self) -> Script | None:
        script_id = self.query_one(RecordList).selected
        return self.scripts.get(script_id) if script_id else None

    @on(RecordList.Moved, "#scripts-list")
    def _preview(self) -> None:
        self.query_one("#script-preview-text", Static).update(self._preview_text(self.selected))

    def _preview_text(self, script: Script | None) -> Text:
        muted = self._style("muted")
        if script is None:
            return Text("Select a script to see it filled in.", muted)
        text = Text()
        text.append(script.name, style="bold")
        if script.builtin:
            edited = is_edited(script)
            tag = "built-in, edited: r puts it back as shipped" if edited else "built-in"
            text.append(f"\n{tag}", muted)
        channels = ", ".join(c.label for c in script.channels) or "any channel"
        stages = ", ".join(s.label for s in script.stages) or "any stage"
        origins = ", ".join(o.label for o in script.origins)
        began = f"began: {origins}" if origins else "any origin"
        text.append(f"\nfor: {_kind(script)} · {channels} · {stages} · {began}", muted)
        if script.purpose:
            text.append(f"\n{script.purpose}", muted)
        rendered = render(script.body, SAMPLE_VALUES)
        missing = self._style("missing")
        for name in rendered.unknown:
            text.append(f"\n⚠ {{{name}}} is not a placeholder: it shows as ‹{name}›", missing)
        for name in rendered.empty:
            text.append(f"\n⚠ {{{name}}} has no sample value", missing)
        text.append("\n\nWith sample values (Priya Raman at Northwind Logistics):\n\n", muted)
        value = self._style("value")
        for part in rendered.parts:
            style = {"missing": missing, "value": value}.get(part.kind)
            text.append(part.text, style)
        text.append("\n\nPlaceholders", style="bold")
        for name, meaning in PLACEHOLDERS.items():
            text.append(f"\n{{{name}}}", value)
            text.append(f" {meaning}", muted)
        return text

    def _style(self, part: str) -> Style:
        return self.get_component_rich_style(f"scripts--{part}", partial=True)

    # ------------------------------------------------------------ changing

    def action_add(self) -> None:
        from jobfutures_tui.modals.script_form import script_form

        self.app.push_screen(script_form("Write a script", None), self._saved(added=True))

    @on(RecordList.Chosen, "#scripts-list")
    def _chosen_row(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        script = self._chosen()
        if script is not None:
            from jobfutures_tui.modals.script_form import script_form

            self.app.push_screen(
                script_form(f"Edit {script.name}", script), self._saved(added=False)
            )

    def action_duplicate(self) -> None:
        script = self._chosen()
        if script is not None:
            from jobfutures_tui.modals.script_form import script_form

            form = script_form(f"New script from {script.name}", script, copy=True)
            self.app.push_screen(form, self._saved(added=True))

    def _saved(self, *, added: bool) -> Callable[[Script | None], None]:
        def save(script: Script | None) -> None:
            if script is None:
                return
            change = record_changes.save_script(script, added=added)
            if self.jf.apply(change, note=False):
                for warning in change.warnings:
                    self.notify(
                        f"Saved, but {warning}.", severity="warning", timeout=6, markup=False
                    )

        return save

    def action_delete(self) -> None:
        script = self._chosen()
        if script is None:
            return
        from jobfutures_tui.modals.confirm import Confirm

        detail = "u undoes it."
        if script.builtin:
            detail = "It is a built-in: R brings deleted built-ins back, and u undoes it."

        def answer(yes: bool | None) -> None:
            if yes:
                self.jf.apply(record_changes.delete_script(script), note=False)

        self.app.push_screen(Confirm(f"Delete the script “{script.name}”?", detail), answer)

    def action_restore(self) -> None:
        script = self._chosen()
        if script is None:
            return
        if not script.builtin:
            self.notify("This script is your own: only built-ins can be restored.", timeout=3)
        elif not is_edited(script):
            self.notify(f"{script.name} is already as shipped.", timeout=3, markup=False)
        else:
            from jobfutures_tui.modals.confirm import Confirm

            def answer(yes: bool | None) -> None:
                if yes:
                    self.jf.apply(record_changes.restore_script(script), note=False)

            question = f"Put “{script.name}” back as shipped?"
            detail = "Your edits to its words and fields are replaced (u undoes)."
            self.app.push_screen(Confirm(question, detail), answer)

    def action_restore_missing(self) -> None:
        change = record_changes.restore_missing_scripts(self.scripts.values())
        if change.empty:
            self.notify("Every built-in script is here.", timeout=3)
            return
        self.jf.apply(change)

    def _chosen(self) -> Script | None:
        script = self.selected
        if script is None:
            self.notify("Nothing selected: a writes a script.", timeout=3)
        return script


def _order(script: Script) -> tuple[int, str, str]:
    """Grouped by kind (the order of a relationship), any-kind scripts last."""
    rank = _KIND_ORDER.get(script.kind, len(_KIND_ORDER)) if script.kind else len(_KIND_ORDER)
    return (rank, script.name.casefold(), script.id)


def _kind(script: Script) -> str:
    return script.kind.label if script.kind else "any kind"


def _words(script: Script) -> str:
    return " ".join((script.name, _kind(script), script.purpose, script.body)).casefold()
