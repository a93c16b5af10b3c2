"""Which referrals reached the offer stage: their referrers are owed a thank-you.

Kept per repository and brought up to date from the change log, so a move
reads one row, not every job future (a full scan cost ~5 ms a move at 5,000
job futures). Kept in the derived index too, beside the decisions, so the
next command starts from them instead of reading two fields of every job
future (10 ms at 5,000).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any, NamedTuple

from jobfutures_tui.models import Stage
from jobfutures_tui.store import Repository

_OFFER = Stage.OFFER.value


class _Offers(NamedTuple):
    revision: int
    entries: dict[str, list[Any]]
    """Job future id → ``[when, referrer, job future]``, for referred ones at offer."""
    by_referrer: dict[str, list[Any]]


_OFFERS: weakref.WeakKeyDictionary[Repository, _Offers] = weakref.WeakKeyDictionary()


def referral_offers(repo: Repository) -> dict[str, list[Any]]:
    """Referrer → ``[when, referrer, job future]`` of the latest job future they
    referred that is at the offer stage. Kept per repository and brought up to
    date from the change log, so a move reads one row, not every job future."""
    kept = _OFFERS.get(repo)
    if kept is not None and kept.revision == repo.revision:
        return kept.by_referrer
    revision = repo.revision
    rows = repo.stored_rows("prospects")
    if kept is None:
        stored = _stored(repo)
        if stored is not None:  # as the job futures were at opening (revision 0)
            kept = _Offers(0, stored, {})
    changed = repo.changed_since(kept.revision) if kept is not None else None
    if kept is None or changed is None:
        # Only referred ones at the offer stage are read: a few of thousands.
        referred = repo.stored_column("prospects", "referred_by_id")
        stages = repo.stored_column("prospects", "stage")
        entries = {
            pid: entry
            for pid, referrer in referred.items()
            if referrer and stages.get(pid) == _OFFER and (entry := _offer(pid, rows[pid]))
        }
    else:
        entries = dict(kept.entries)
        for pid in changed:
            row = rows.get(pid)
            entry = _offer(pid, row) if row is not None else None
            if entry is not None:
                entries[pid] = entry
            else:
                entries.pop(pid, None)
    by_referrer: dict[str, list[Any]] = {}
    for entry in entries.values():
        if entry[1] not in by_referrer or by_referrer[entry[1]] < entry:
            by_referrer[entry[1]] = entry
    _OFFERS[repo] = _Offers(revision, entries, by_referrer)
    return by_referrer


def offers_to_keep(repo: Repository) -> dict[str, list[Any]]:
    """The offers as the derived index keeps them (job future id → ``[when, referrer,
    job future]``), up to date."""
    referral_offers(repo)
    return _OFFERS[repo].entries


def _stored(repo: Repository) -> dict[str, list[Any]] | None:
    """The offers the derived index kept, if it was made from the job futures as they
    are (Repository.stored_decisions) and they are as written here."""
    derived = repo.stored_decisions()
    offers = derived.get("offers") if isinstance(derived, dict) else None
    if not isinstance(offers, dict):
        return None
    for prospect_id, entry in offers.items():
        if not (
            isinstance(entry, list)
            and len(entry) == 3
            and all(isinstance(part, str) for part in entry)
            and entry[2] == prospect_id
        ):
            return None
    return offers


def _offer(prospect_id: str, row: Mapping[str, Any]) -> list[Any] | None:
    referrer = row.get("referred_by_id")
    if row.get("stage") != _OFFER or not isinstance(referrer, str):
        return None
    when = row.get("stage_changed_at") or row.get("updated_at")
    return [when, referrer, prospect_id] if isinstance(when, str) else None
