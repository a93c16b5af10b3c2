"""What the user does to a job future, from whichever screen shows it (the board,
today, a story, people): ask in a dialog, build the ``Change`` with
``usecases.changes``, and save it with the app's undo (``apply``).

The screens call these directly, so each action is written once. The profile
lives here too: it is asked once on a new data folder, and edited from the palette.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen

from jobfutures_tui.modals.confirm import Confirm
from jobfutures_tui.modals.snooze import SnoozeForm
from jobfutures_tui.models import Channel, Profile, Prospect, Stage
from jobfutures_tui.models.dates import today as local_today
from jobfutures_tui.models.ids import PROFILE_ID
from jobfutures_tui.store import DataRefused, ReadOnly, Repository
from jobfutures_tui.ui_services import services
from jobfutures_tui.usecases import changes

if TYPE_CHECKING:
    import pendulum
    from textual.app import App

    from jobfutures_tui.modals.plan_list import PlanChoice
    from jobfutures_tui.usecases.changes import Change
    from jobfutures_tui.usecases.lifecycle import ArchiveInput
    from jobfutures_tui.usecases.touch_log import Logged


def company_name(repo: Repository, prospect: Prospect) -> str:
    company = repo.company(prospect.company_id)
    return company.name if company else "this job future"


def archive_or_reopen(app: App[Any], prospect_id: str) -> None:
    """Archive with a reason, or put an archived job future back on the board."""
    from jobfutures_tui.modals.lifecycle import archive_form, reopen_form

    ui = services(app)
    prospect = ui.repo.prospect(prospect_id)
    if prospect is None:
        return
    name = company_name(ui.repo, prospect)

    def archived(closing: ArchiveInput | None) -> None:
        if closing is not None:
            ui.apply(changes.close(ui.repo, prospect, closing), note=False)

    def reopened(stage: Stage | None) -> None:
        if stage is not None:
            ui.apply(changes.move(ui.repo, prospect, stage), note=False)

    if prospect.is_open:
        app.push_screen(archive_form(name), archived)
    else:
        app.push_screen(reopen_form(name), reopened)


def delete_prospect(app: App[Any], prospect_id: str) -> None:
    """For mistakes: asks first, removes what only this job future used, undoable."""
    ui = services(app)
    prospect = ui.repo.prospect(prospect_id)
    if prospect is None:
        return
    name = company_name(ui.repo, prospect)
    doomed = changes.delete(ui.repo, prospect)
    touches = doomed.details["touches"]
    detail = (
        f"It has {touches} logged touch{'es' if touches != 1 else ''}. "
        "Delete is for mistakes: to close a job future and keep its story, archive it (x). "
        "u undoes a delete."
    )

    def answer(yes: bool | None) -> None:
        if yes:
            ui.apply(doomed, note=False)

    app.push_screen(Confirm(f"Delete {name}?", detail), answer)


def snooze(app: App[Any], prospect_id: str) -> None:
    """Ask until when, then save it (undoable)."""
    ui = services(app)
    prospect = ui.repo.prospect(prospect_id)
    if prospect is None:
        return
    name = company_name(ui.repo, prospect)

    def chosen(until: pendulum.Date | None) -> None:
        if until is not None:
            ui.apply(changes.snooze(ui.repo, prospect, until))

    app.push_screen(SnoozeForm(name, local_today()), chosen)


def choose_plan(app: App[Any], prospect_id: str) -> None:
    """The plans, this job future's marked; save the one chosen (undoable)."""
    from jobfutures_tui.modals.plan_list import PlanList

    ui = services(app)

    def chosen(choice: PlanChoice | None) -> None:
        prospect = ui.repo.prospect(prospect_id)  # as it is now: the list may have changed it
        if choice is not None and prospect is not None:
            _apply_saying_next(app, changes.choose_plan(ui.repo, prospect, choice.plan_id))

    if ui.repo.peek("prospects", prospect_id, "id") is not None:
        app.push_screen(PlanList(ui.repo, prospect_id=prospect_id), chosen)


def skip_due(app: App[Any], prospect_id: str) -> None:
    """Skip the touch due: the plan goes on as if it were made (undoable)."""
    ui = services(app)
    prospect = ui.repo.prospect(prospect_id)
    if prospect is None:
        return
    skipped = changes.skip(ui.repo, prospect, local_today())
    if skipped is None:
        name = company_name(ui.repo, prospect)
        app.notify(f"Nothing is due for {name}: nothing to skip.", timeout=3, markup=False)
        return
    _apply_saying_next(app, skipped)


def _apply_saying_next(app: App[Any], change: Change) -> None:
    """Apply it, then say what it did and what comes next ('…; next: Thu 26 Nov · email')."""
    from jobfutures_tui.usecases.touch_log import next_words

    ui = services(app)
    if change.empty:
        app.notify(f"{change.label} already.", timeout=3, markup=False)
        return
    if ui.apply(change, note=False):
        today = local_today()
        what, _ = next_words(change.next_touch(ui.repo, today), today)
        app.notify(f"{change.label}; next: {what} (u undoes).", timeout=5, markup=False)


def log_touch(
    app: App[Any],
    prospect_id: str,
    *,
    person_id: str | None = None,
    script_id: str | None = None,
    channel: Channel | None = None,
) -> None:
    """The log form with the suggested touch chosen (or ``channel``); saved as one
    undoable change."""
    from jobfutures_tui.modals.log_form import LogForm
    from jobfutures_tui.usecases.decisions import open_one

    ui = services(app)
    repo = ui.repo
    prospect = repo.prospect(prospect_id)
    if prospect is None:
        return
    future = open_one(repo, prospect_id)
    suggestion = future.suggestion(local_today()) if future is not None else None

    def logged(result: Logged | None) -> None:
        if result is not None:
            ui.apply(changes.logged_change(ui.repo, result))

    form = LogForm(
        repo,
        prospect,
        company_name(repo, prospect),
        suggestion=suggestion,
        person_id=person_id,
        script_id=script_id,
        channel=channel,
    )
    app.push_screen(form, logged)


# ------------------------------------------------------------ people joining job futures


def add_to_future(app: App[Any], person_id: str, *, then_log: bool = False) -> None:
    """Pick an open job future for someone (their company's first) and add them to it
    (undoable); ``then_log``: open the log form with them there, as `c` asked."""
    from jobfutures_tui.modals.pick import Pick
    from jobfutures_tui.usecases.joining import futures_to_join, join

    ui = services(app)
    person = ui.repo.person(person_id)
    if person is None:
        return
    choices = futures_to_join(ui.repo, person_id)
    if not choices:
        app.notify(
            f"No open job future to add {person.name} to: a on the board adds one.",
            timeout=4,
            markup=False,
        )
        return
    why = f"{person.name} is part of no open job future: add them to one to log a touch."

    def chosen(prospect_id: str | None) -> None:
        if prospect_id is None:
            return
        change = join(ui.repo, prospect_id, person_id)
        if not change.empty and not ui.apply(change, note=not then_log):
            return
        if then_log:
            log_touch(app, prospect_id, person_id=person_id)

    title = f"Add {person.name} to a job future"
    app.push_screen(Pick(title, why if then_log else "", choices, verb="add"), chosen)


def add_known_person(app: App[Any], prospect_id: str) -> None:
    """Pick someone already stored (an import, another job future's) to add to this one."""
    from jobfutures_tui.modals.pick import Pick
    from jobfutures_tui.usecases.joining import join, people_to_add

    ui = services(app)
    prospect = ui.repo.prospect(prospect_id)
    if prospect is None:
        return
    choices = people_to_add(ui.repo, prospect_id)
    if not choices:
        app.notify("Everyone you know is here already: p adds someone new.", timeout=4)
        return

    def chosen(person_id: str | None) -> None:
        if person_id is not None:
            change = join(ui.repo, prospect_id, person_id)
            if not change.empty:
                ui.apply(change)

    name = company_name(ui.repo, prospect)
    why = f"People at {name} first. Someone new: p on the story."
    app.push_screen(Pick(f"Add someone you know to {name}", why, choices, verb="add"), chosen)


# ------------------------------------------------------------ the profile


def edit_profile(app: App[Any]) -> None:
    """Who you are (from the palette): saved as one undoable change."""
    from jobfutures_tui.modals.profile_form import ProfileForm

    ui = services(app)
    profile = _stored_profile(app)

    def saved(result: Profile | None) -> None:
        if result is not None:
            ui.apply(changes.save_profile(result))

    if profile is not None:
        app.push_screen(ProfileForm(profile), saved)


def ask_profile_once(app: App[Any]) -> None:
    """At the first start on a data folder: the profile form, with why it is asked.

    Whatever the answer (escape too) is remembered outside the undo history, so
    it is never asked again, even after undoing the profile that was saved.
    """
    ui = services(app)
    profile = _stored_profile(app)
    if profile is None or profile.asked or ui.quitting or ui.replacing:
        return
    if isinstance(app.screen, ModalScreen):
        return  # a form opened by a key typed early: ask at the next start instead
    from jobfutures_tui.modals.profile_form import ProfileForm  # once, on a new data folder

    def answered(result: Profile | None) -> None:
        try:
            ui.repo.apply(save=changes.mark_profile_asked(profile).save)
        except ReadOnly as error:
            app.notify(str(error), severity="warning", markup=False)
            return
        except DataRefused as error:
            ui.refuse(error)
            return
        if result is not None and ui.apply(changes.save_profile(result), note=False):
            said = "Saved your profile (u undoes; ctrl+p, Your profile, edits it)."
            app.notify(said, markup=False)

    app.push_screen(ProfileForm(profile, first_run=True), answered)


def _stored_profile(app: App[Any]) -> Profile | None:
    """The profile as saved (a new empty one if none is), or None when it is damaged."""
    ui = services(app)
    try:
        return ui.repo.stored(Profile, PROFILE_ID) or Profile()
    except DataRefused as error:
        ui.refuse(error)
        return None
