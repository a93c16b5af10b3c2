"""What the log form preselects follows the engine's rules (usecases.log_choice)."""

from __future__ import annotations

from jobfutures_tui.models import Channel, Direction, Outcome, TouchKind
from jobfutures_tui.usecases.log_choice import logged_kind, words_channel


def test_the_planned_kind_holds_by_a_channel_that_fits_it() -> None:
    assert logged_kind(TouchKind.WORK_SAMPLE, Channel.EMAIL, Direction.OUT) is TouchKind.WORK_SAMPLE
    assert logged_kind(TouchKind.CHECK_IN, Channel.VOICEMAIL, Direction.OUT) is TouchKind.CHECK_IN


def test_something_to_read_by_a_call_is_a_check_in() -> None:
    assert logged_kind(TouchKind.WORK_SAMPLE, Channel.CALL, Direction.OUT) is TouchKind.CHECK_IN


def test_their_touch_is_no_step_of_the_plan() -> None:
    assert logged_kind(TouchKind.WORK_SAMPLE, Channel.EMAIL, Direction.IN) is None


def test_a_voicemail_left_needs_the_voicemail_words() -> None:
    assert words_channel(Channel.CALL, Outcome.LEFT_VOICEMAIL) is Channel.VOICEMAIL
    assert words_channel(Channel.CALL, Outcome.CONVERSATION) is Channel.CALL
