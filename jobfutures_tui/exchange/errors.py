"""Why an import, export, restore or check could not go ahead, in words for the user."""

from __future__ import annotations


class ExchangeError(Exception):
    """The message is shown to the user as is; nothing was changed."""
