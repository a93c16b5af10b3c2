"""The questions asked when a job future is closed or reopened."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import Stage
from jobfutures_tui.models.entities import StageField
from jobfutures_tui.models.enums import ClosedReason
from jobfutures_tui.rules.lifecycle import ArchiveInput

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
