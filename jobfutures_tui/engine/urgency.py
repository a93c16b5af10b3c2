"""How urgent a next touch is: points with names, so a user can see why one is on top."""

from __future__ import annotations

from dataclasses import dataclass

from jobfutures_tui.models.enums import Stage

WARM_DAYS = 30
COOL_DAYS = 90

STAGE_POINTS = {
    Stage.OFFER: 6.0,
    Stage.REFERRAL: 4.0,
    Stage.INTERVIEWED: 2.0,
    Stage.REJECTED_WARM: 1.0,
}
WARM_POINTS = 3.0
"""They answered within WARM_DAYS."""
COOL_POINTS = 1.5
"""They answered within COOL_DAYS."""
OPENING_POINTS = 20.0
"""A live opening outranks any amount of lateness."""


@dataclass(frozen=True, slots=True)
class Urgency:
    """A score made of named parts."""

    parts: tuple[tuple[str, float], ...]

    @property
    def total(self) -> float:
        return sum([points for _, points in self.parts])

    @property
    def breakdown(self) -> dict[str, float]:
        return dict(self.parts)


def urgency(
    *, lateness: int, stage: Stage, replied_days_ago: int | None = None, opening: bool = False
) -> Urgency:
    """Points for how late the touch is (negative before it is due), the stage,
    a recent answer and a mentioned opening."""
    parts: list[tuple[str, float]] = []
    if lateness > 0:
        parts.append(("overdue", lateness_curve(lateness)))
    elif lateness < 0:
        parts.append(("not yet due", -lateness_curve(-lateness) / 2))
    points = STAGE_POINTS.get(stage)
    if points:
        parts.append(("stage", points))
    if replied_days_ago is not None and replied_days_ago <= COOL_DAYS:
        parts.append(("warmth", WARM_POINTS if replied_days_ago <= WARM_DAYS else COOL_POINTS))
    if opening:
        parts.append(("opening", OPENING_POINTS))
    return Urgency(tuple(parts))


def lateness_curve(days: int) -> float:
    """A point a day for the first week, gentle to two months, nearly flat
    after (about 15 points at two months, 17 at a year), so a contact
    forgotten for years never buries this week's offer."""
    return min(days, 7) * 1.0 + max(0, min(days, 60) - 7) * 0.15 + max(0, days - 60) * 0.005
