"""Who led to whom: the referral links between job futures, as a tree.

A job future is referred by a person (``Prospect.referred_by_id``); that
person belongs to the job futures they are part of, which are its parents.
Links come from stored fields, so a chain of thousands is walked without
validating anything but what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jobfutures_tui.models import Prospect
from jobfutures_tui.store import Repository


@dataclass
class ReferralNode:
    prospect_id: str
    children: list[ReferralNode] = field(default_factory=list)

    def size(self) -> int:
        return 1 + sum(child.size() for child in self.children)


class _Links:
    def __init__(self, rows: Mapping[str, Mapping[str, Any]]) -> None:
        self.rows = rows
        self.members: dict[str, list[str]] = {}
        """Person id → the job futures they are part of, oldest first."""
        self.referred: dict[str, list[str]] = {}
        """Person id → the job futures they referred."""
        ordered = sorted(rows.items(), key=lambda item: str(item[1].get("created_at", "")))
        for pid, row in ordered:
            for person_id in row.get("person_ids") or ():
                self.members.setdefault(person_id, []).append(pid)
            if referrer := row.get("referred_by_id"):
                self.referred.setdefault(referrer, []).append(pid)

    def parent(self, prospect_id: str) -> str | None:
        referrer = self.rows[prospect_id].get("referred_by_id")
        members = self.members.get(referrer, []) if isinstance(referrer, str) else []
        found = [pid for pid in members if pid != prospect_id]
        return found[0] if found else None

    def children(self, prospect_id: str) -> list[str]:
        people = self.rows[prospect_id].get("person_ids") or ()
        return [pid for p in people for pid in self.referred.get(p, []) if pid != prospect_id]


def referral_tree(repo: Repository, prospect_id: str) -> ReferralNode | None:
    """The whole chain this job future is part of, from its first link down;
    None when it neither was referred nor led anywhere."""
    rows = repo.stored_rows(Prospect)
    if prospect_id not in rows:
        return None
    links = _Links(rows)
    root, seen = prospect_id, {prospect_id}
    while (parent := links.parent(root)) is not None and parent not in seen:
        seen.add(parent)
        root = parent
    tree = _grow(links, root, set())
    return tree if tree.children else None


def _grow(links: _Links, prospect_id: str, seen: set[str]) -> ReferralNode:
    seen.add(prospect_id)
    node = ReferralNode(prospect_id)
    for child in links.children(prospect_id):
        if child not in seen:  # a loop in the links is drawn once
            node.children.append(_grow(links, child, seen))
    return node


def referred_from(repo: Repository, prospect_id: str) -> list[str]:
    """The job futures that came through this one's people (its referral children)."""
    rows = repo.stored_rows(Prospect)
    if prospect_id not in rows:
        return []
    return _Links(rows).children(prospect_id)


def newest_referred_by(repo: Repository, person_id: str) -> str | None:
    """The newest job future this person referred the seeker to (None: none), from
    stored fields: what thanking them for a referral names."""
    theirs = [
        (pid, row) for pid, row in repo.walk(Prospect) if row.get("referred_by_id") == person_id
    ]
    newest = max(theirs, key=lambda item: str(item[1].get("created_at", "")), default=None)
    return newest[0] if newest else None


def longest_chain(rows: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The longest line of job futures each referred by someone at the one before,
    first to last (one job future when none was referred; [] when there are none).
    From stored fields only: a loop in the links ends the line."""
    links = _Links(rows)
    depth: dict[str, int] = {}
    parents: dict[str, str | None] = {}
    for start in rows:
        path: list[str] = []
        seen: set[str] = set()
        node: str | None = start
        while node is not None and node not in depth and node not in seen:
            seen.add(node)
            path.append(node)
            parent = links.parent(node)
            parents[node] = parent if parent not in seen else None
            node = parents[node]
        base = depth[node] if node is not None and node in depth else 0
        for member in reversed(path):
            base += 1
            depth[member] = base
    if not depth:
        return []
    last = max(depth, key=lambda pid: (depth[pid], pid))
    chain = [last]
    while (parent := parents.get(chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return list(reversed(chain))
