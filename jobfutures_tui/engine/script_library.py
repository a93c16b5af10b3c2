"""The built-in scripts, written for jobfutures (docs/scripts-library.md).

Each one is short, says why you are in touch, shows you still care about
the company and follow its news, asks a question that is easy to answer,
ends warmly, and never asks for a job. Written ones end with the seeker's
signature (``{my_signature}``, from their profile); spoken ones say their
name. Every kind of touch has words for every channel the engine may choose
for it (engine/channels), at every open stage and for every origin.

A new data folder (and data upgraded to format 3) gets every built-in as a
stored script, so all of them can be edited or deleted like the user's own;
``builtin`` keeps the key of the one a script started as, so it can be put
back as shipped (:func:`restored`). Ids and timestamps are fixed, so every
data folder holds the same built-ins and an export merged elsewhere finds
them already there. Data from format 4 gets this version's words where the
user never changed the old ones (:data:`FORMAT_FOUR`, store/schema).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from typing import Any

import orjson

from jobfutures_tui.engine.script_builtin import BuiltIn
from jobfutures_tui.engine.script_words_keeping import KEEPING_IN_TOUCH
from jobfutures_tui.engine.script_words_moments import MOMENTS
from jobfutures_tui.engine.script_words_thanks import THANKS_AND_REFERRALS
from jobfutures_tui.models import Script, revise

SHIPPED_AT = "2026-11-23T00:00:00+00:00"
"""The built-ins' stored timestamps: fixed, so every data folder holds the same rows."""

LIBRARY: tuple[BuiltIn, ...] = (*THANKS_AND_REFERRALS, *KEEPING_IN_TOUCH, *MOMENTS)

_BY_KEY = {item.key: item for item in LIBRARY}


def builtin(key: str | None) -> BuiltIn | None:
    return _BY_KEY.get(key) if key else None


def builtin_script(item: BuiltIn) -> Script:
    """A built-in as the store keeps it."""
    return Script.model_validate(
        {
            "id": item.id,
            "created_at": SHIPPED_AT,
            "updated_at": SHIPPED_AT,
            "builtin": item.key,
            **item.fields(),
        }
    )


def builtin_rows() -> list[dict[str, Any]]:
    """Every built-in as a stored row (what a new or upgraded data folder gets): new
    dicts each time, made from rows validated once per process (~6 ms)."""
    return [dict(row) for row in _shipped_rows()]


@functools.cache
def _shipped_rows() -> tuple[dict[str, Any], ...]:
    return tuple(builtin_script(item).model_dump(mode="json") for item in LIBRARY)


def is_edited(script: Script) -> bool:
    """Whether a script that started as a built-in differs from it now."""
    item = builtin(script.builtin)
    if item is None:
        return False
    shipped = item.fields()
    return any(getattr(script, name) != value for name, value in shipped.items())


def restored(script: Script) -> Script:
    """The script put back as shipped (same id, so touches still name it)."""
    item = builtin(script.builtin)
    if item is None:
        raise ValueError(f"'{script.name}' is not a built-in script")
    return revise(script, **item.fields())


def missing_builtins(scripts: list[Script]) -> list[Script]:
    """Built-ins no stored script started as (the user deleted them): to bring back."""
    present = {script.builtin for script in scripts if script.builtin}
    return [builtin_script(item) for item in LIBRARY if item.key not in present]


# ------------------------------------------------------------ what format 4 shipped

_EDITABLE_IN_FOUR = ("name", "kind", "channels", "stages", "purpose", "body")

FORMAT_FOUR: dict[str, str] = {
    "call-opener": "3638b097efce24b2a906f582be81c52df18594f5096fa1f068739314594c3097",
    "call-opener-their-work": "a23e7e76979139e2e0e858df73728f3ee5aee7eac38a2ce132594d840894999a",
    "call-close": "4eb54260cdb68aa10c7bc958d46af4d5a77240321f1d04b0e51bd86aa7d251ed",
    "voicemail": "25366c9c8d84afffa58a05abb3f8f7dbc7d9033d7133f52011547035324a546f",
    "check-in-email": "6a99db0f421683f07e468b73013de726f632c7bc42aa997e6e2e0131d527c787",
    "quick-note": "208c858a35320d50c2c228da532b6bfb044180a402cfb1a66638220dbb97efc8",
    "thank-you-interview": "d0d2aa7d28575460f465f310f2b1367a584f700d29d94bab5ff612f75701f1dd",
    "thank-you-after-no": "b405f3d75ff9e7c929c26fc97e06d372431769bf5df14b1eedbfe70c4c83bb20",
    "thank-you-referral": "1f04aee85cd845373c2322c1096836b3277184435d6fa2a98127175368e5fe38",
    "after-the-hire": "a9fc3bd0e132ba8a38138c8b050f41624485e9ccbed97ec44bd9ca3ada98d28b",
    "share-article": "429a5a314f4d39401791688222547f58151ab78fedb797a00f71d7a6ed1f3072",
    "work-sample": "a22d02e27bf144eb8b7dc5a7ba3114913d4fc58d5a13a31b78b762307a97c0ec",
    "referral-ask": "5a933d9813280d8fd7815e859ecfb8cb00ff0be75ce1f18219b3bdc1c6655d03",
    "offer-to-refer": "445bad7683b8a1b7fa87a4647c26e8a075c8c5d5c05882bacbb8d86aae574893",
    "reconnect": "795d97c506a2044287935e6484e0f29239308010d3aab5980883b0d2cb5aaed7",
    "manager-after-recruiter": "da42fa5f44571c44752106b42da7b409fd4734693b86ec15ff9bace0cea076d0",
    "follow-up-no-reply": "d4c7f1b3461212d0ca56a67a5cac1b0b2215f49cf8ac8e720361686ce247efec",
    "follow-up-call": "25254c17c45c3f82de44049e5bea8037cae0376a8c5e8a5ff135cb98e636b02a",
    "opening-reply": "73172e3a862d994892bc96358bdd12831af2c1b4089048c50583c8e6fa66c742",
}
"""Key → :func:`format_four_print` of each built-in as data format 4 stored it,
frozen here because the words it compares against are gone from the code."""


def format_four_print(row: Mapping[str, Any]) -> str:
    """A stored script's fields that format 4 let the user edit, hashed (sha256
    of their canonical JSON). A script naming origins was not written by format 4."""
    if row.get("origins"):
        return ""
    fields = {name: row.get(name) for name in _EDITABLE_IN_FOUR}
    return hashlib.sha256(orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)).hexdigest()


def as_format_four_shipped(row: Mapping[str, Any]) -> bool:
    """Whether a stored built-in still holds exactly the words format 4 shipped."""
    key = row.get("builtin")
    return isinstance(key, str) and FORMAT_FOUR.get(key) == format_four_print(row)
