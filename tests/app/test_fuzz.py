"""Random walks of keys through every screen and dialog (benchmarks/fuzz.py): after
each key the app still runs; then the data passes check, and undoing every change
gives back the demo data as it was. Three sessions of three short walks here; the
soak (python -m benchmarks.fuzz, README "Developing") runs thousands."""

from __future__ import annotations

import pytest

from benchmarks.fuzz import session

WALKS, STEPS = 3, 12


@pytest.mark.parametrize("seed", range(3))
async def test_random_keys_break_nothing_and_undo_gives_back_the_data(seed: int) -> None:
    walks = await session(seed, WALKS, STEPS)
    problems = [walk.describe(STEPS) for walk in walks if walk.problem]
    assert not problems, "\n\n".join(problems)
    assert len(walks) == WALKS
