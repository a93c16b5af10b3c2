"""The user's keys checked before Textual applies them (keymap.py): by binding id,
against every screen, dialog and widget the action can be reached on."""

from __future__ import annotations

from jobfutures_tui import keymap
from jobfutures_tui.app import JobFuturesApp


def check(**keys: str) -> keymap.Checked:
    return keymap.check({name.replace("__", "."): k for name, k in keys.items()}, JobFuturesApp)


def test_every_action_of_every_screen_and_dialog_has_an_id_to_remap() -> None:
    known = keymap.known_ids(JobFuturesApp)
    for binding_id in ("app.undo", "board.log", "today.snooze", "form.save", "help.ids"):
        assert binding_id in known
    assert "panel.copy" in known, "the script panel's keys, on every screen with one"


def test_a_free_key_is_applied_as_textual_names_it() -> None:
    checked = check(board__log="b", app__help="?,F1", board__open="Ctrl+L")
    assert checked.problems == {}
    assert checked.keymap == {
        "board.log": "b",
        "app.help": "question_mark,f1",
        "board.open": "ctrl+l",
    }


def test_swapping_two_keys_of_a_screen_is_no_clash() -> None:
    checked = check(board__log="x", board__archive="c")
    assert checked.problems == {} and checked.keymap == {"board.log": "x", "board.archive": "c"}


def test_unknown_ids_and_keys_that_are_not_keys_are_said() -> None:
    checked = check(borad__log="g", board__add="ctrl+shft+x", board__edit=" , ")
    assert checked.keymap == {}
    assert checked.problems["borad.log"].startswith("no action has this id")
    assert checked.problems["board.add"].startswith("'ctrl+shft+x' is not a key")
    assert checked.problems["board.edit"].startswith("' , ': name a key")


def test_a_key_another_action_has_on_a_screen_is_a_clash_and_not_applied() -> None:
    checked = check(board__log="L")
    assert checked.keymap == {}
    assert checked.problems["board.log"] == (
        "L already does “move the selected job future to the next stage” "
        "(board.stage_forward) on the Board screen"
    )


def test_the_app_keys_count_on_every_main_screen_but_not_in_dialogs() -> None:
    on_today = check(today__log="1").problems["today.log"]
    assert on_today == "1 already does “show the board” (app.board) on the Today screen"
    assert check(form__save="q").problems == {}, "dialogs do not take the app's keys"


def test_a_dialogs_own_keys_count() -> None:
    """The log form picks a channel with e (email): a form's save key cannot be e."""
    problem = check(form__save="e").problems["form.save"]
    assert problem == "e already does “the touch was by email” (log.channel.email) in the log form"


def test_the_log_form_s_letters_can_be_remapped_but_not_onto_each_other() -> None:
    assert check(log__channel__call="z", log__outcome__sent="S").problems == {}
    problem = check(log__outcome__sent="c").problems["log.outcome.sent"]
    assert problem.startswith("c already does “the touch was by call” (log.channel.call)")


def test_two_entries_on_one_key_are_both_left_out() -> None:
    checked = check(board__log="b", board__add="b")
    assert checked.keymap == {} and set(checked.problems) == {"board.log", "board.add"}
