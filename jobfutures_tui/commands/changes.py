"""What ``add``, ``log``, ``move`` and ``profile`` share: the data opened for one change, a
plain refusal while the app has it open, validation errors named by the
option to fix, and what was saved as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pendulum
from pydantic import ValidationError

from jobfutures_tui.commands.common import (
    folder_of,
    opened_to_change,
    refuse_read_only,
    say_merges,
)
from jobfutures_tui.engine.cadence import Suggestion
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.models import Prospect, Record, dates, field_errors
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files
from jobfutures_tui.usecases.decisions import next_suggestion

NOTHING_SAVED = "nothing was saved"


LISTED = 12
"""Candidates listed at most; the rest are counted."""


def refusal(problem: str, ask: str = "", listing: Iterable[str] = ()) -> ExchangeError:
    """'PROBLEM; nothing was saved. ASK:' with the candidates indented under it."""
    lines = [f"{problem}; {NOTHING_SAVED}." + (f" {ask}:" if ask else "")]
    candidates = list(listing)
    lines += [f"  {line}" for line in candidates[:LISTED]]
    if len(candidates) > LISTED:
        lines.append(f"  … and {len(candidates) - LISTED} more")
    return ExchangeError("\n".join(lines))


OPTIONS = {
    "company": "COMPANY",
    "prospect_id": "COMPANY",
    "at": "--date",
    "person_id": "--person",
    "began_on": "--interview-date",
    "person_title": "--title",
    "preferred_channel": "--prefers",
    "other_emails": "--other-email",
    "record": "",
}
"""Input fields whose option is not ``--`` and the field's name with dashes."""


def option_for(field: str) -> str:
    name = field.split(".", 1)[0]
    return OPTIONS.get(name, "--" + name.replace("_", "-"))


def invalid_options(error: ValidationError) -> ExchangeError:
    """A refusal with one line per option to fix, in the words of the rules."""
    by_option: dict[str, str] = {}
    for field, message in field_errors(error).items():
        by_option.setdefault(option_for(field), message)
    lines = [f"{option}: {message}" if option else message for option, message in by_option.items()]
    if len(lines) == 1:
        return ExchangeError(f"{lines[0]} ({NOTHING_SAVED})")
    return refusal("some options need fixing", "", lines)


@contextlib.contextmanager
def changing(
    args: argparse.Namespace, what: str, there: str, *, create: bool = False
) -> Iterator[Repository]:
    """The data, opened to change (``what``: 'logging a touch'), or a refusal.

    ``there`` says how to do it in the app instead, when the app holds the data
    ("Add it there with a"). Only with ``create``
    is a folder without data started (``add``): the others need job futures.
    """
    refuse_read_only(args, what)
    with folder_of(args) as folder:
        if not create and not data_files(folder):
            raise refusal(
                f"there is no jobfutures data in {folder} yet",
                "Add a job future first with",
                ["jobfutures add COMPANY"],
            )
        # Unverified: the repository checks every record before the first write
        # anyway, so a refusal (an unknown company…) need not wait for it.
        with opened_to_change(args, folder, verify=False, there=there) as repo:
            yield repo
        say_merges(repo)


def saved_json(records: Sequence[Record]) -> dict[str, list[dict[str, Any]]]:
    """The records saved, by kind, as they are stored (the export's kind names)."""
    from jobfutures_tui.exchange.dataset import KINDS

    return {
        name: [record.model_dump(mode="json") for record in records if type(record) is kind]
        for name, kind in KINDS
        if any(type(record) is kind for record in records)
    }


def next_touch(repo: Repository, prospect_id: str) -> tuple[Suggestion | None, pendulum.Date]:
    """The next touch of a job future as saved now, and today: what the board will show."""
    today = dates.today()
    return next_suggestion(repo, prospect_id, today=today), today


def next_json(suggestion: Suggestion | None) -> dict[str, Any] | None:
    if suggestion is None:
        return None
    return {
        "due": suggestion.due.isoformat(),
        "channel": None if suggestion.channel is None else suggestion.channel.value,
        "kind": suggestion.kind.value,
        "person_id": suggestion.person_id,
        "reason": suggestion.reason,
    }


def company_name(repo: Repository, prospect: Prospect) -> str:
    company = repo.company(prospect.company_id)
    return company.name if company else "(no company)"


def local_time(moment: pendulum.DateTime) -> str:
    """'Sun 22 Nov 16:00' (with the year when it is not this year's)."""
    local = moment.in_timezone(dates.local_timezone())
    this_year = local.year == dates.today().year
    return local.format("ddd D MMM HH:mm" if this_year else "ddd D MMM YYYY HH:mm")
