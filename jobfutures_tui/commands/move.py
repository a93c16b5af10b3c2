"""``jobfutures move COMPANY STAGE``: what < and > (and x) do on the board, from
the shell, through the same rules: a move, an archive with its reason, or a
reopening."""

from __future__ import annotations

import argparse
import shlex

from pydantic import ValidationError

from jobfutures_tui.commands.changes import (
    changing,
    company_name,
    invalid_options,
    next_json,
    next_touch,
    refusal,
    saved_json,
)
from jobfutures_tui.commands.common import EXIT_OK, emit_json, emit_lines, say
from jobfutures_tui.commands.pick import job_future
from jobfutures_tui.models import ClosedReason, Prospect, Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.changes import Change
from jobfutures_tui.usecases.lifecycle import ArchiveInput
from jobfutures_tui.usecases.touch_log import next_phrase


def run_move(args: argparse.Namespace) -> int:
    stage: Stage = args.stage
    if stage is not Stage.ARCHIVE and (args.reason or args.note):
        raise refusal("--reason and --note go with archive only")
    if args.assessment is not None and stage is not Stage.REJECTED_WARM:
        raise refusal("--self-assessment goes with rejected-but-warm only")
    with changing(args, "moving a job future", "Move it there with < > or x") as repo:
        prospect = job_future(repo, args.company, role=args.role)
        name = company_name(repo, prospect)
        if stage is prospect.stage:
            saved: list[Prospect] = []
            said = f"{name} is already in {stage.label}; nothing was changed."
        else:
            change, said = _moved(repo, prospect, stage, args, name)
            saved = [record for record in change.save if isinstance(record, Prospect)]
            repo.apply(save=change.save)
        suggestion, today = next_touch(repo, prospect.id)
    if args.json:
        emit_json(
            {
                "saved": saved_json(saved),
                "prospect_id": prospect.id,
                "from": prospect.stage.value,
                "to": stage.value,
                "next": next_json(suggestion),
            }
        )
    else:
        emit_lines([said, next_phrase(suggestion, today)])
        if saved and stage is Stage.REJECTED_WARM and not saved[0].self_assessment:
            say(
                "hint: while it is fresh, note what you would do differently: "
                f"jobfutures move {shlex.quote(name)} rejected-but-warm --self-assessment '…'"
            )
    return EXIT_OK


def _moved(
    repo: Repository, prospect: Prospect, stage: Stage, args: argparse.Namespace, name: str
) -> tuple[Change, str]:
    """The change that puts the job future in ``stage``, and the words for it."""
    if stage is Stage.ARCHIVE:
        if args.reason is None:
            reasons = ", ".join(reason.value for reason in ClosedReason)
            raise refusal(f"--reason: say why it is archived ({reasons})")
        try:
            closing = ArchiveInput.model_validate({"reason": args.reason, "note": args.note})
        except ValidationError as error:
            raise invalid_options(error) from None
        change = changes.close(repo, prospect, closing)
        return change, f"{change.label}."
    try:
        change = changes.move(repo, prospect, stage, self_assessment=args.assessment)
    except ValidationError as error:
        raise invalid_options(error) from None
    if not prospect.is_open:
        return change, f"{change.label}."
    return change, f"Moved {name} from {prospect.stage.label} to {stage.label}."
