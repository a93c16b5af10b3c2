"""What ``check`` found: problems, each with what --repair does about it, and notes;
said the same way by the shell and the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobfutures_tui.engine.plural import counted
from jobfutures_tui.exchange.restore import counts_summary


@dataclass(frozen=True)
class Problem:
    where: str
    """The file it is in, relative to the data folder."""
    message: str
    fix: str = ""
    """What --repair does about it; empty when it cannot be repaired safely."""

    def to_json(self) -> dict[str, Any]:
        return {"file": self.where, "problem": self.message, "repair": self.fix or None}


@dataclass
class Report:
    folder: Path
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        return bool(self.problems) and all(p.fix for p in self.problems)

    def add(self, where: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(where, message, fix))

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def findings(self) -> list[str]:
        """What was checked and found, each problem with what --repair does about it:
        the shell and the app say the same, then each its own way to act on it."""
        out = [f"Checked {self.folder}: {counts_summary(self.counts) or 'nothing readable'}."]
        out += [f"Note: {note}" for note in self.notes]
        if self.ok:
            out.append("No problems found.")
            return out
        count = len(self.problems)
        out.append(f"{counted(count, 'problem')}:")
        for problem in self.problems:
            out.append(f"  {problem.where}: {problem.message}")
            out.append(f"    repair: {problem.fix}" if problem.fix else "    repair: not safely")
        return out

    def lines(self) -> list[str]:
        """The shell's report: the findings, then which command acts on them."""
        out = self.findings()
        if self.ok:
            return out
        if self.repairable:
            out.append("Run jobfutures check --repair to fix them (a backup is taken first).")
        else:
            out.append(
                "Some problems cannot be repaired safely: restore a backup "
                "(jobfutures backups lists them; jobfutures restore FILE puts one back)."
            )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": str(self.folder),
            "ok": self.ok,
            "counts": self.counts,
            "problems": [p.to_json() for p in self.problems],
            "notes": self.notes,
        }
