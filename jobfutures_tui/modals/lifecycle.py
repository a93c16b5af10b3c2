"""The questions asked when a job future is closed or reopened."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import Stage
from jobfutures_tui.models.entities import StageField, Text
from jobfutures_tui.models.enums import ClosedReason
from jobfutures_tui.usecases.lifecycle import ArchiveInput

ARCHIVE_FIELDS = (
    Field("reason", "Why", "choice", choices=choices_of(ClosedReason)),
    Field("note", "Note", "text"),
)


def archive_form(name: str) -> RecordForm[ArchiveInput]:
    initial = {"reason": ClosedReason.HIRED_ELSEWHERE, "note": ""}
    return RecordForm(f"Archive {name}", ARCHIVE_FIELDS, initial, ArchiveInput.model_validate)


class _Reopening(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    stage: StageField


def _stage(values: dict[str, Any]) -> Stage:
    return _Reopening.model_validate(values).stage


def reopen_form(name: str) -> RecordForm[Stage]:
    fields = (Field("stage", "Back to", "choice", choices=choices_of(Stage, only=Stage.board())),)
    return RecordForm(f"Reopen {name}", fields, {"stage": Stage.REJECTED_WARM}, _stage)


class _Assessment(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    self_assessment: Text = ""


def _assessment(values: dict[str, Any]) -> str:
    return _Assessment.model_validate(values).self_assessment


NO_FIELDS = (
    Field(
        "self_assessment",
        "What would you do differently?",
        "text",
        hint=(
            "An honest look while it is fresh: the answers, the stories, the questions "
            "you did not ask. Kept on its story; empty is fine."
        ),
    ),
)


def after_a_no_form(name: str, assessment: str) -> RecordForm[str]:
    """Asked as a job future moves to rejected-but-warm: the self-assessment, saved in
    the same change as the move (docs/advice.md, "Moments"). Escape leaves it where it was."""
    form = RecordForm(
        f"{name}: a no for now", NO_FIELDS, {"self_assessment": assessment}, _assessment
    )
    form.help_keys = (
        ("form.save", "ctrl+s move it (a thank-you is planned)"),
        ("form.cancel", "esc don't move"),
    )
    return form
