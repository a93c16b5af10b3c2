"""``jobfutures profile``: who you are, shown or changed from the shell.

Without options it only reads (so it works while the app is open); with
them it saves one change through the same rule as the app's form
(:func:`jobfutures_tui.usecases.profile.edited`), after a backup like any
command's first write.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from pydantic import ValidationError

from jobfutures_tui.commands.changes import changing, invalid_options, refusal
from jobfutures_tui.commands.common import EXIT_OK, emit_json, emit_lines, folder_of
from jobfutures_tui.models import Profile
from jobfutures_tui.models.ids import PROFILE_ID
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.profile import FIELDS, WHY, edited, is_empty

OPTIONS = ("name", "email", "phone", "linkedin", "city", "pitch", "signature")
"""The fields an option of the same name sets."""

NOT_SET = "(not set)"
UNCHANGED = "nothing was changed"
HINT = [
    *textwrap.wrap(WHY, 80),
    'Set it with: jobfutures profile --name "Your Name" --email ADDRESS --city CITY',
    "(or in the app: ctrl+p, Your profile).",
]


def run_profile(args: argparse.Namespace) -> int:
    values = {name: getattr(args, name) for name in OPTIONS if getattr(args, name) is not None}
    if not values and not args.other_email and not args.no_other_email:
        return _show(args, _stored(args))
    _check_alone(args, values)
    there = "Edit it there (ctrl+p, Your profile)"
    with changing(args, "setting your profile", there, create=True) as repo:
        stored = repo.stored(Profile, PROFILE_ID)
        current = stored or Profile()
        values["other_emails"] = _other_emails(args, current)
        try:
            profile = edited(current, values)
        except ValidationError as error:
            raise invalid_options(error) from None
        change = changes.save_profile(profile, stored=stored)
        if change.empty:
            profile = current
        else:
            repo.apply(save=change.save)
    said = f"{change.label}." if not change.empty else f"{change.label}; {UNCHANGED}."
    return _show(args, profile, said)


def _stored(args: argparse.Namespace) -> Profile:
    """The profile as saved, read-only; an empty one when there is no data yet."""
    with folder_of(args) as folder:
        if not data_files(folder):
            return Profile()
        with Repository.open(folder, read_only=True, verify=False, lazy=True) as repo:
            return repo.profile()


def _check_alone(args: argparse.Namespace, values: dict[str, Any]) -> None:
    """Refuse, before opening the data, what no stored profile can make right."""
    try:
        edited(Profile(), {**values, "other_emails": args.other_email})
    except ValidationError as error:
        raise invalid_options(error) from None
    both = _folded(args.other_email) & _folded(args.no_other_email)
    if both:
        raise refusal(f"--other-email and --no-other-email both name {', '.join(sorted(both))}")


def _other_emails(args: argparse.Namespace, current: Profile) -> tuple[str, ...]:
    """The other addresses after --no-other-email and --other-email."""
    unknown = _folded(args.no_other_email) - _folded(current.other_emails)
    if unknown:
        have = ", ".join(current.other_emails)
        raise refusal(
            f"--no-other-email: {', '.join(sorted(unknown))} is not one of your other "
            + (f"addresses ({have})" if have else "addresses (you have none)")
        )
    gone = _folded(args.no_other_email)
    kept = [address for address in current.other_emails if address.casefold() not in gone]
    return (*kept, *args.other_email)


def _folded(addresses: Any) -> set[str]:
    return {str(address).strip().casefold() for address in addresses or ()}


def _show(args: argparse.Namespace, profile: Profile, said: str = "") -> int:
    if args.json:
        emit_json(profile.model_dump(mode="json"))
        return EXIT_OK
    lines = [said] if said else []
    lines += profile_lines(profile)
    if is_empty(profile):
        lines += ["", *HINT]
    emit_lines(lines)
    return EXIT_OK


def profile_lines(profile: Profile) -> list[str]:
    """One field a line, the label first; a signature's later lines under its first."""
    width = max(len(label) for _, label in FIELDS) + 2
    lines: list[str] = []
    for name, label in FIELDS:
        value = getattr(profile, name)
        text = ", ".join(value) if isinstance(value, tuple) else str(value)
        first, *rest = (text or NOT_SET).splitlines()
        lines.append(f"{label + ':':<{width}}{first}")
        lines += [" " * width + line for line in rest]
    return lines
