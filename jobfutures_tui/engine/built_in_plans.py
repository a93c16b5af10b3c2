"""The built-in cadence plans: what a job future follows until the user picks one
(:func:`~jobfutures_tui.engine.plans.default_plan`) or writes their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobfutures_tui.models.enums import TouchKind
from jobfutures_tui.models.plan import Anchor, CadencePlan, Repeat, Step

# Built without validation so importing the engine stays cheap (building the
# schemas costs ~25 ms, noticeable in `jobfutures due`); a test validates each.


def _step(**fields: Any) -> Step:
    return Step.model_construct(**fields)


def _repeat(**fields: Any) -> Repeat:
    return Repeat.model_construct(**fields)


def _built_in(**fields: Any) -> CadencePlan:
    return CadencePlan.model_construct(**fields)


PROMPT_THANKS = _built_in(
    id="prompt-thanks",
    name="Prompt thank-you",
    description=(
        "Thank them within a day or two and say you would still like to work "
        "with them; after that, a short hello about once a quarter."
    ),
    steps=(_step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),),
    repeat=_repeat(kind=TouchKind.CHECK_IN, days=90),
)

EARLY_ON = _built_in(
    id="early-on",
    name="Early on",
    description=(
        "For a fresh contact: a thank-you right away, then something every two "
        "to four weeks for the first few months, and every two to three months "
        "after that. Each touch should bring them something, never a request."
    ),
    steps=(
        _step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),
        _step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28),
        _step(kind=TouchKind.VALUE_SHARE, days=14, up_to_days=28),
        _step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28),
        _step(kind=TouchKind.VALUE_SHARE, days=14, up_to_days=28),
    ),
    repeat=_repeat(kind=TouchKind.VALUE_SHARE, days=60, up_to_days=90),
)

AFTER_A_HIRE = _built_in(
    id="after-a-hire",
    name="Someone else got the job",
    description=(
        "They chose another candidate, which may not last. Thank them now; "
        "three or four months on, hope out loud that the new hire is doing "
        "well; a few months later, send an example of your work; then a new "
        "piece every four to six months."
    ),
    steps=(
        _step(kind=TouchKind.THANK_YOU, days=1, up_to_days=2, anchor=Anchor.START),
        _step(
            kind=TouchKind.AFTER_HIRE,
            days=90,
            up_to_days=120,
            anchor=Anchor.START,
            after="they hired someone else",
        ),
        _step(kind=TouchKind.WORK_SAMPLE, days=60, up_to_days=120),
    ),
    repeat=_repeat(kind=TouchKind.WORK_SAMPLE, days=120, up_to_days=180),
)

LONG_GAME = _built_in(
    id="long-game",
    name="Long game",
    description=(
        "For people you met long ago or far away: pick the thread back up, "
        "then a brief hello with something they would care about every three "
        "to six months."
    ),
    steps=(_step(kind=TouchKind.RECONNECT, days=1, anchor=Anchor.START),),
    repeat=_repeat(kind=TouchKind.VALUE_SHARE, days=90, up_to_days=180),
)

INTRODUCED = _built_in(
    id="introduced",
    name="Introduced by someone",
    description=(
        "For someone you were referred to: a first note within a few days that "
        "says who sent you, then something every two to four weeks while it is "
        "fresh, and every two to three months after that."
    ),
    steps=(
        _step(kind=TouchKind.INTRODUCTION, days=1, up_to_days=3, anchor=Anchor.START),
        _step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28),
        _step(kind=TouchKind.VALUE_SHARE, days=14, up_to_days=28),
        _step(kind=TouchKind.CHECK_IN, days=14, up_to_days=28),
    ),
    repeat=_repeat(kind=TouchKind.VALUE_SHARE, days=60, up_to_days=90),
)

BUILT_IN_PLANS: Mapping[str, CadencePlan] = {
    plan.id: plan for plan in (PROMPT_THANKS, EARLY_ON, AFTER_A_HIRE, LONG_GAME, INTRODUCED)
}
