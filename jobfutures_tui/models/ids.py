"""Record ids: our own uuids, never TinyDB's document ids (those are reused after a
restart). Apart from the models, so that reading stored rows imports no pydantic."""

from __future__ import annotations

import uuid

PROFILE_ID = "me"
"""The one profile a data folder holds."""


def new_id() -> str:
    return uuid.uuid4().hex
