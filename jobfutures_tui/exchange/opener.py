"""Handing a link to the program that opens it: Python's webbrowser, which runs
``$BROWSER`` when it is set and the system's handler otherwise (xdg-open on a
Linux desktop, ``open`` on macOS), so a mailto: link becomes a draft in the
user's own mail program."""

from __future__ import annotations

import webbrowser


def opener() -> webbrowser.BaseBrowser | None:
    """The program webbrowser would open a link with (None: there is none here)."""
    try:
        return webbrowser.get()
    except webbrowser.Error:
        return None


def takes_the_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """Whether it runs in this terminal until it is done (a ``$BROWSER`` command, a text
    browser) rather than in a window of its own: the app steps aside while it runs."""
    return type(browser) is webbrowser.GenericBrowser


def open_link(url: str, browser: webbrowser.BaseBrowser | None = None) -> bool:
    """Open ``url``; False when nothing here could (no program, or it failed)."""
    browser = browser or opener()
    if browser is None:
        return False
    try:
        return bool(browser.open(url))
    except (OSError, webbrowser.Error):
        return False


NO_OPENER = (
    "nothing here opens links: set $BROWSER to a program that does (xdg-open on Linux, open "
    "on macOS)"
)
