"""Add or edit a job future. Returns validated input, or None when cancelled.

Validation is the same :class:`ProspectInput` the command line uses.
"""

from __future__ import annotations

from jobfutures_tui.modals.record_form import Field, RecordForm, choices_of
from jobfutures_tui.models import PersonRole, Stage
from jobfutures_tui.usecases.intake import ProspectInput

FIELDS = (
    Field("company", "Company", placeholder="e.g. Northwind Logistics"),
    Field("person", "Person", placeholder="who interviewed you"),
    Field("person_role", "Their role", "choice", choices=choices_of(PersonRole)),
    Field("email", "Their email", placeholder="name@example.com"),
    Field("phone", "Their phone"),
    Field("linkedin", "Their LinkedIn", placeholder="https://www.linkedin.com/in/…"),
    Field("role", "Role discussed", placeholder="e.g. Staff Data Engineer"),
    Field("stage", "Stage", "choice", choices=choices_of(Stage, only=Stage.board())),
    Field("began_on", "Interview date", placeholder="YYYY-MM-DD"),
    Field("notes", "Notes", "text"),
)


def prospect_form(title: str, initial: ProspectInput | None = None) -> RecordForm[ProspectInput]:
    start = initial or ProspectInput(company="-")
    values = start.model_dump()
    if initial is None:
        values["company"] = ""
    # A LinkedIn link stored as it came from an import is kept as it is.
    context = {"linkedin": start.linkedin}
    return RecordForm(
        title, FIELDS, values, lambda typed: ProspectInput.model_validate(typed, context=context)
    )
