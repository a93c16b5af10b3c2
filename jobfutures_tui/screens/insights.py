"""Insights (5): how it is going, from what is stored: touches per week against the
weekly goal, the job futures going cold (enter opens one), replies by channel, kind
and script, the pipeline, referrals and follow-through.

The figures are ``jobfutures stats``'s own (usecases/insights.py), worked out on a
worker; definitions in docs/insights.md. Every picture has its numbers beside it.
"""

from __future__ import annotations

import pendulum
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from jobfutures_tui.engine.plural import counted
from jobfutures_tui.engine.replies import REPLY_WINDOW_DAYS, Rate
from jobfutures_tui.models import Stage
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.screens import actions
from jobfutures_tui.screens.base import AppScreen
from jobfutures_tui.store import DataRefused, Repository
from jobfutures_tui.usecases.insights import (
    TOP_REFERRERS,
    Cold,
    Insights,
    insights,
    weekly_goal,
)
from jobfutures_tui.usecases.insights_words import (
    FEW,
    cold_words,
    days,
    fit_labels,
    percent,
    reply_wait,
    share,
)
from jobfutures_tui.widgets.charts import bar, stacked, week_columns
from jobfutures_tui.widgets.key_footer import KeyFooter

RATES_SHOWN = 6
"""Rows per table of reply rates (the most touches first)."""
ONE_LINE = 100
"""From this width on a row going cold takes one line; narrower, two."""
MARK = "▌"
"""The selected row's mark, as on the board and the lists."""
LABEL = 20
"""The stages' column, and the names' column where the names are shorter."""
LABEL_LEAST = 12
RATE_ROW = 60
"""A rate's row but its name: margins, the bar, "100% (999 of 999)", the median, "few"."""
BAR = 12
MUTED = Style(dim=True)


class InsightsScreen(AppScreen):
    TITLE = "Insights"
    AUTO_FOCUS = "#insights-cold"
    COMPONENT_CLASSES = {
        "insights--title",
        "insights--met",
        "insights--short",
        "insights--goal",
        "insights--muted",
        "insights--late",
        "insights--bar",
    }
    BINDINGS = [
        Binding(
            "j", "cursor(1)", "Down", show=False, id="insights.down", tooltip="Select the next"
        ),
        Binding(
            "k", "cursor(-1)", "Up", show=False, id="insights.up", tooltip="Select the previous"
        ),
        Binding(
            "c",
            "log",
            "Log",
            id="insights.log",
            tooltip="Log a touch with the selected job future going cold",
        ),
        Binding(
            "r",
            "refresh",
            "Refresh",
            id="insights.refresh",
            tooltip="Work the figures out again",
        ),
        Binding(
            "J,space",
            "page(1)",
            "Page down",
            show=False,
            id="insights.page_down",
            tooltip="Scroll the figures down",
        ),
        Binding(
            "K",
            "page(-1)",
            "Page up",
            show=False,
            id="insights.page_up",
            tooltip="Scroll the figures up",
        ),
    ]

    class Shown(Message):
        """The figures are on screen (tests and the key benchmark wait for it)."""

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo)
        self.found: Insights | None = None
        self.worked_out_for: pendulum.Date | None = None
        self.complete = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="insights-page"):
            yield Static(Text("Working out how it is going…"), id="insights-status")
            yield Static(id="insights-weeks")
            yield Static(id="insights-cold-title", classes="insights-title")
            yield OptionList(id="insights-cold")
            yield Static(id="insights-replies")
            yield Static(id="insights-pipeline")
            yield Static(id="insights-referrals")
            yield Static(id="insights-follow")
        yield KeyFooter()

    def on_mount(self) -> None:
        # The figures' colours are the theme's, set when they are drawn: drawn again.
        self.app.theme_changed_signal.subscribe(self, self._redraw)

    def _redraw(self, _theme: object = None) -> None:
        if self.found is not None:
            self.show(self.found)

    def on_screen_resume(self) -> None:
        if self.worked_out_for != local_today():
            self.data_changed()  # a new day: worked out again
        else:
            super().on_screen_resume()

    def show_changes(self, select: str | None) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        self.complete = False
        self.worked_out_for = local_today()
        self.work_out(self.worked_out_for, weekly_goal())

    @work(thread=True, exclusive=True, group="insights")
    def work_out(self, today: pendulum.Date, goal: int | None) -> None:
        """A lifetime of touches: counted on a thread, never on the UI's."""
        try:
            found = insights(self.repo, today=today, goal=goal)
        except DataRefused as error:
            self.app.call_from_thread(self.refuse, error)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, found)

    # ------------------------------------------------------------ drawing

    def _style(self, part: str) -> Style:
        if part == "muted":
            return MUTED  # a theme's muted colour may be see-through; dim reads in every theme
        return self.get_component_rich_style(f"insights--{part}", partial=True)

    def _title(self, words: str) -> Text:
        """A section's title (a Text whose base style stays plain: more is appended)."""
        return Text().append(words, style=self._style("title"))

    def show(self, found: Insights) -> None:
        self.found = found
        f = found.figures
        self.title = f"Insights ({found.cold_total} going cold)" if found.cold_total else "Insights"
        status = Text(
            f"{counted(f.futures, 'job future')} · {counted(f.touches, 'touch')} · "
            "enter opens one going cold · "
            "r counts again",
            style=self._style("muted"),
        )
        self.query_one("#insights-status", Static).update(status)
        self.query_one("#insights-weeks", Static).update(_trimmed(self._weeks(found)))
        cold_title = Text.assemble(
            self._title("Going cold\n"),
            (_cold_line(found.cold_total, len(found.cold)), self._style("muted")),
        )
        self.query_one("#insights-cold-title", Static).update(cold_title)
        self._show_cold(found)
        self.query_one("#insights-replies", Static).update(_trimmed(self._replies(found)))
        self.query_one("#insights-pipeline", Static).update(_trimmed(self._pipeline(found)))
        self.query_one("#insights-referrals", Static).update(_trimmed(self._referrals(found)))
        self.query_one("#insights-follow", Static).update(_trimmed(self._follow(found)))
        self.complete = True
        self.post_message(self.Shown())

    def _weeks(self, found: Insights) -> Text:
        f = found.figures
        goal = f.weekly_goal
        counts = [week.touches for week in f.weeks]
        met = sum(1 for count in counts if goal is not None and count >= goal)
        head = Text.assemble(
            self._title(f"Touches per week, last {len(counts)} weeks\n"),
            (
                f"this week {counts[-1]} · most {max(counts)} · "
                + (f"goal {goal} ({'┈' * 2}): met {met} of {len(counts)}" if goal else "no goal")
                + "\n",
                self._style("muted"),
            ),
        )
        chart = week_columns(
            counts,
            [week.start for week in f.weeks],
            goal,
            met=self._style("met"),
            short=self._style("short"),
            goal_style=self._style("goal"),
            muted=self._style("muted"),
        )
        return head.append_text(chart)

    def _cold_row(self, cold: Cold, selected: bool) -> Text:
        """One job future going cold: on one line when the screen is wide, else on two
        (the name, then how late and what is next), each cut with … to fit; the
        selected one marked ▌, as the other lists are (not by colour alone)."""
        width = max(20, self.size.width - 4)
        mark = Text(MARK if selected else " ", style=self._style("bar"), end="")
        who = Text(cold.company, style="bold")
        if cold.person:
            who.append(f" · {cold.person}")
        late = Text(cold_words(cold))
        late.append(f" — {cold.how}", style=self._style("muted"))
        if width >= ONE_LINE:
            line = Text(cold_words(cold).ljust(30) + " ")
            line.append_text(who)
            line.append(f" — {cold.how}", style=self._style("muted"))
            lines = [line]
        else:
            lines = [who, late]
        row = Text(end="")
        for index, line in enumerate(lines):
            line.truncate(width - 2, overflow="ellipsis")
            row.append_text(mark.copy())
            row.append(" ")
            row.append_text(line)
            if index < len(lines) - 1:
                row.append("\n")
        return row

    def _show_cold(self, found: Insights) -> None:
        listing = self.query_one("#insights-cold", OptionList)
        highlighted = listing.highlighted_option.id if listing.highlighted_option else None
        ids = [cold.prospect_id for cold in found.cold]
        chosen = ids.index(highlighted) if highlighted in ids else 0
        options = [
            Option(self._cold_row(cold, index == chosen), id=cold.prospect_id)
            for index, cold in enumerate(found.cold)
        ]
        listing.set_options(options)
        listing.display = bool(options)
        if ids:
            listing.highlighted = chosen

    @on(OptionList.OptionHighlighted, "#insights-cold")
    def _mark(self, event: OptionList.OptionHighlighted) -> None:
        if self.found is None:
            return
        listing = event.option_list
        for index, cold in enumerate(self.found.cold[: listing.option_count]):
            row = self._cold_row(cold, index == event.option_index)
            listing.replace_option_prompt_at_index(index, row)

    def _label_room(self, rates: list[Rate]) -> int:
        """The names' column: as wide as the longest name, as the screen allows."""
        room = self.size.width - RATE_ROW
        longest = max((len(rate.label) for rate in rates), default=LABEL)
        return max(LABEL_LEAST, min(max(longest, LABEL), room))

    def _rates(self, title: str, rates: list[Rate], room: int) -> Text:
        text = Text(f"  {title}\n", style=self._style("muted"))
        largest = 1.0
        shown = rates[:RATES_SHOWN]
        labels = fit_labels([rate.label for rate in shown], room)
        for rate in shown:
            value = rate.rate or 0.0
            few = rate.touches < FEW
            style = self._style("muted") if few else Style()
            text.append(f"  {labels[rate.label]:<{room}} ", style=style)
            text.append(bar(value, largest, BAR), style=self._style("bar"))
            text.append(f" {percent(rate):<16}", style=style)
            text.append(f" median {days(rate.median_days)}", style=self._style("muted"))
            if few:
                text.append(" · few", style=self._style("muted"))
            text.append("\n")
        hidden = len(rates) - RATES_SHOWN
        if hidden > 0:
            text.append(
                f"  … {hidden} more (jobfutures stats lists them all)\n", self._style("muted")
            )
        return text

    def _replies(self, found: Insights) -> Text:
        r = found.figures.replies
        text = Text.assemble(
            self._title(f"Replies within {REPLY_WINDOW_DAYS} days\n"),
            (
                f"{percent(r.overall)} · {reply_wait(r.overall)} · "
                f"{counted(r.waiting, 'touch')} too recent to judge\n",
                self._style("muted"),
            ),
        )
        room = self._label_room(
            r.by_channel[:RATES_SHOWN] + r.by_kind[:RATES_SHOWN] + r.by_script[:RATES_SHOWN]
        )
        text.append_text(self._rates("by channel", r.by_channel, room))
        text.append_text(self._rates("by kind of touch", r.by_kind, room))
        text.append_text(self._rates("by script (which words get answers)", r.by_script, room))
        return text

    def _pipeline(self, found: Insights) -> Text:
        p = found.figures.pipeline
        text = self._title("The pipeline\n")
        text.append("job futures per stage now\n", style=self._style("muted"))
        largest = max(p.now.values(), default=0)
        for stage, count in p.now.items():
            text.append(f"  {stage.label:<{LABEL}} ")
            text.append(bar(count, largest, BAR), style=self._style("bar"))
            text.append(f" {count}\n")
        text.append("  month by month (at each month's end)\n", style=self._style("muted"))
        header = "".join(f"{end:%b}".rjust(4) for end, _ in p.months)
        text.append(f"  {'':<{LABEL}}{header}\n", style=self._style("muted"))
        for stage in Stage:
            numbers = "".join(f"{counts[stage]:>4}" for _, counts in p.months)
            text.append(f"  {stage.label:<{LABEL}}{numbers}\n")
        moves = ", ".join(
            f"{m.from_stage.label} → {m.to_stage.label} {m.count}" for m in p.moves[:4]
        )
        text.append(f"  moves: {moves or 'none yet'}\n")
        text.append(
            f"  {p.warm} were rejected-but-warm; {p.warm_reached} ({share(p.warm_reached, p.warm)})"
            f" later reached referral or offer, a median {days(p.warm_median_days)} after\n"
        )
        return text

    def _referrals(self, found: Insights) -> Text:
        ref = found.figures.referrals
        text = self._title("Referrals\n")
        text.append(
            f"{ref.referred} job futures came from one · {ref.given} referrals given\n",
            style=self._style("muted"),
        )
        if len(ref.chain) > 1:
            text.append(f"  longest chain ({len(ref.chain)}): ")
            text.append(" → ".join(found.names.get(pid, "?") for pid in ref.chain))
            text.append("\n")
        else:
            text.append("  longest chain: none yet\n")
        if ref.top:
            text.append("who referred you most:\n", style=self._style("muted"))
        for pid, count in ref.top[:TOP_REFERRERS]:
            text.append(f"  {count:>3}× ")
            text.append(found.names.get(pid, "?"))
            text.append("\n")
        return text

    def _follow(self, found: Insights) -> Text:
        ft = found.figures.follow
        planned = ft.on_time + ft.late
        text = Text.assemble(
            self._title("Follow-through"),
            (f" since {ft.since:%d %b %Y}\n", self._style("muted")),
        )
        text.append("  ")
        text.append_text(
            stacked(
                [
                    (ft.on_time, "█", self._style("met")),
                    (ft.late, "▒", self._style("late")),
                    (ft.unplanned, "░", self._style("muted")),
                ],
                40,
            )
        )
        text.append("\n")
        text.append(
            f"  █ on time {ft.on_time} ({share(ft.on_time, planned)}) · ▒ late {ft.late}"
            f" (median {days(ft.late_days_median)} late) · ░ nothing due {ft.unplanned}\n"
            f"  skipped {ft.skipped} · snoozed now {ft.snoozed}"
        )
        return text

    def on_resize(self) -> None:
        if self.found is not None:
            self._show_cold(self.found)
            replies = _trimmed(self._replies(self.found))
            self.query_one("#insights-replies", Static).update(replies)

    # ------------------------------------------------------------ keys

    def action_cursor(self, step: int) -> None:
        listing = self.query_one("#insights-cold", OptionList)
        listing.action_cursor_down() if step > 0 else listing.action_cursor_up()

    def action_page(self, step: int) -> None:
        page = self.query_one("#insights-page", VerticalScroll)
        page.scroll_page_down() if step > 0 else page.scroll_page_up()

    def action_log(self) -> None:
        option = self.query_one("#insights-cold", OptionList).highlighted_option
        if option is None or option.id is None:
            self.notify("Nothing going cold is selected.", timeout=2)
            return
        actions.log_touch(self.app, option.id)

    @on(OptionList.OptionSelected, "#insights-cold")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            from jobfutures_tui.screens.detail import open_prospect

            open_prospect(self.app, event.option.id)


def _trimmed(text: Text) -> Text:
    text.rstrip()
    return text


def _cold_line(total: int, shown: int) -> str:
    """'1 open job future past its plan's next touch:', '12 … their …, the 10 most overdue:'."""
    their = "its plan's" if total == 1 else "their plan's"
    line = f"{counted(total, 'open job future')} past {their} next touch"
    if not shown:
        return line
    return line + (":" if shown >= total else f", the {shown} most overdue:")
