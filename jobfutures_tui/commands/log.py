"""``jobfutures log COMPANY --channel C --outcome O``: the app's log form from the
shell, through the same rule (:mod:`jobfutures_tui.usecases.touch_log`), saved as
one change with its referral, new shared items and stage move."""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from pydantic import ValidationError

from jobfutures_tui.commands.changes import (
    changing,
    company_name,
    invalid_options,
    local_time,
    next_json,
    next_touch,
    saved_json,
)
from jobfutures_tui.commands.common import EXIT_OK, emit_json, emit_lines, say
from jobfutures_tui.commands.pick import job_future, person_of, script_of
from jobfutures_tui.models import Direction, Prospect, Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.touch_log import (
    Logged,
    default_person,
    next_phrase,
    suggested_move,
)


def run_log(args: argparse.Namespace) -> int:
    with changing(args, "logging a touch", "Log it there with c") as repo:
        prospect = job_future(repo, args.company, role=args.role)
        try:
            change = changes.log_touch(repo, _values(repo, prospect, args))
        except ValidationError as error:
            raise invalid_options(error) from None
        logged: Logged = change.details["logged"]
        repo.apply(save=change.save)
        report = _report(repo, prospect, logged)
        hint = None if args.move_to else _move_hint(repo, prospect, logged)
        suggestion, today = next_touch(repo, prospect.id)
    if args.json:
        emit_json(
            {
                "saved": saved_json(logged.save),
                "prospect_id": prospect.id,
                "touch_id": logged.touch.id,
                "referral_id": logged.referral.id if logged.referral else None,
                "moved_to": logged.moved_to.value if logged.moved_to else None,
                "warnings": logged.warnings,
                "next": next_json(suggestion),
            }
        )
        return EXIT_OK
    emit_lines([*report, next_phrase(suggestion, today)])
    for warning in logged.warnings:
        say(f"warning: {warning}")
    if hint:
        say(hint)
    return EXIT_OK


def _values(repo: Repository, prospect: Prospect, args: argparse.Namespace) -> dict[str, Any]:
    """The log form's values from the options; the person named, or else the one
    the next touch is suggested with (as the form would start with)."""
    if args.person is not None:
        person_id = default_person(prospect, None, person_of(repo, prospect, args.person).id)
    else:
        person_id = default_person(prospect, next_touch(repo, prospect.id)[0])
    return {
        "prospect_id": prospect.id,
        "person_id": person_id,
        "at": args.date,
        "channel": args.channel,
        "direction": args.direction or Direction.OUT,
        "outcome": args.outcome,
        "kind": args.kind,
        "note": args.note,
        "script_id": script_of(repo, args.script).id if args.script else None,
        "shared": tuple(args.shared),
        "referred_company": args.referred_company,
        "referred_person": args.referred_person,
        "referred_role": args.referred_role,
        "move_to": args.move_to,
    }


def _report(repo: Repository, prospect: Prospect, logged: Logged) -> list[str]:
    """'Logged call (left voicemail) — Northwind Logistics · Priya Raman · Sun 22 Nov 16:00'."""
    touch = logged.touch
    person = repo.person(touch.person_id) if touch.person_id else None
    parts = [company_name(repo, prospect), person.name if person else "", local_time(touch.at)]
    if touch.direction is Direction.IN:
        parts.append("they reached you")
    lines = [f"{logged.label} — {' · '.join(part for part in parts if part)}"]
    if logged.referral is not None:
        referral = logged.referral
        what = [company_name(repo, referral), referral.role, referral.stage.label]
        lines.append("referral: " + " · ".join(part for part in what if part))
    return lines


def _move_hint(repo: Repository, prospect: Prospect, logged: Logged) -> str | None:
    """The move the outcome calls for, as the command that makes it."""
    stage = suggested_move(prospect, logged.touch.outcome)
    if stage is None:
        return None
    command = f"jobfutures move {shlex.quote(company_name(repo, prospect))} {stage.value}"
    if stage is Stage.ARCHIVE:
        command += " --reason asked-to-stop"
    return f"hint: this usually moves it to {stage.label}: {command}"
