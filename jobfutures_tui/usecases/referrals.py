"""Who led to whom: the referral links between job futures, as a tree.

A job future is referred by a person (``Prospect.referred_by_id``); that
person belongs to the job futures they are part of, which are its parents.
Links come from stored fields, so a chain of thousands is walked without
validating anything but what is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from jobfutures_tui.store import Repository


@dataclass
class ReferralNode:
    prospect_id: str
    children: list[ReferralNode] = field(default_factory=list)

    def size(self) -> int:
        return 1 + sum(child.size() for child in self.children)


Link = tuple[Any, tuple[Any, ...], Any]
"""What a job future's referral links are made of: who referred it, its people, and
when it was made (its links are ordered by that)."""


def link_of(row: Mapping[str, Any]) -> Link:
    """A job future's links, from its stored row."""
    return (row.get("referred_by_id"), tuple(row.get("person_ids") or ()), row.get("created_at"))


class _Links:
    """The links of every job future, kept apart from their rows (thousands of rows,
    read one at a time, are not held for this)."""

    def __init__(self, links: Iterable[tuple[str, Link]]) -> None:
        self.links: dict[str, Link] = dict(links)
        self.members: dict[str, list[str]] = {}
        """Person id → the job futures they are part of, oldest first."""
        self.referred: dict[str, list[str]] = {}
        """Person id → the job futures they referred."""
        ordered = sorted(self.links.items(), key=lambda item: str(item[1][2] or ""))
        for pid, (referrer, people, _) in ordered:
            for person_id in people:
                self.members.setdefault(person_id, []).append(pid)
            if referrer:
                self.referred.setdefault(referrer, []).append(pid)

    @classmethod
    def stored(cls, repo: Repository) -> _Links:
        """From three stored fields of every job future, read as columns (kept with
        the file's rows: opening a job future again reads none)."""
        referrers = repo.stored_column("prospects", "referred_by_id")
        people = repo.stored_column("prospects", "person_ids")
        made = repo.stored_column("prospects", "created_at")
        return cls(
            (pid, (referrers.get(pid), tuple(people.get(pid) or ()), made.get(pid)))
            for pid in repo.prospect_ids()
        )

    def parent(self, prospect_id: str) -> str | None:
        referrer = self.links[prospect_id][0]
        members = self.members.get(referrer, []) if isinstance(referrer, str) else []
        found = [pid for pid in members if pid != prospect_id]
        return found[0] if found else None

    def children(self, prospect_id: str) -> list[str]:
        people = self.links[prospect_id][1]
        return [pid for p in people for pid in self.referred.get(p, []) if pid != prospect_id]


def referral_tree(repo: Repository, prospect_id: str) -> ReferralNode | None:
    """The whole chain this job future is part of, from its first link down;
    None when it neither was referred nor led anywhere."""
    if prospect_id not in repo.stored_rows("prospects"):
        return None
    links = _Links.stored(repo)
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
    """The job futures that came through this one's people (its referral children),
    each person's oldest first: from two stored fields as columns, so opening a job
    future walks no rows."""
    people = repo.peek("prospects", prospect_id, "person_ids")
    if not isinstance(people, list):
        return []
    referrers = repo.stored_column("prospects", "referred_by_id")
    made = repo.stored_column("prospects", "created_at")
    theirs = {person for person in people if isinstance(person, str)}
    found = [pid for pid, by in referrers.items() if isinstance(by, str) and by in theirs]
    found.sort(key=lambda pid: str(made.get(pid) or ""))
    return [
        pid for person in people for pid in found if referrers[pid] == person and pid != prospect_id
    ]


def newest_referred_by(repo: Repository, person_id: str) -> str | None:
    """The newest job future this person referred the seeker to (None: none), from
    stored fields: what thanking them for a referral names."""
    theirs = [
        (pid, row) for pid, row in repo.walk("prospects") if row.get("referred_by_id") == person_id
    ]
    newest = max(theirs, key=lambda item: str(item[1].get("created_at", "")), default=None)
    return newest[0] if newest else None


def longest_chain(links: Mapping[str, Link]) -> list[str]:
    """The longest line of job futures each referred by someone at the one before,
    first to last (one job future when none was referred; [] when there are none).
    From stored fields only: a loop in the links ends the line."""
    every = _Links(links.items())
    depth: dict[str, int] = {}
    parents: dict[str, str | None] = {}
    for start in every.links:
        path: list[str] = []
        seen: set[str] = set()
        node: str | None = start
        while node is not None and node not in depth and node not in seen:
            seen.add(node)
            path.append(node)
            parent = every.parent(node)
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
