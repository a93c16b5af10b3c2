"""The argument parsers of the commands about jobfutures itself: ``config`` and
``completion`` (kept apart from the data commands' parsers)."""

from __future__ import annotations

from typing import Any

from jobfutures_tui.commands.parsers import _command

SHELLS = ("bash", "zsh", "fish", "tcsh", "powershell")


def add_setup_commands(commands: Any) -> None:
    config = _command(
        commands,
        "config",
        "config:run_config",
        help="show your settings, or change one",
        description=(
            "Without an action, print the settings file's path and every setting in force "
            "(a value the file gets wrong is reported, and its default shown). 'set KEY "
            "VALUE' changes one, checked first, keeping the file's comments; 'unset KEY' "
            "goes back to the default. Keys: keys.ID sets the keys of one action "
            "(keys.board.log L)."
        ),
        epilog=(
            "examples: jobfutures config; jobfutures config set workdays mon,tue,wed,thu,fri; "
            "jobfutures config set daily_budget 5; jobfutures config unset theme"
        ),
    )
    config.add_argument("action", nargs="?", choices=("set", "unset"), help="set or unset")
    config.add_argument("key", nargs="?", metavar="KEY", help="the setting")
    config.add_argument("value", nargs="?", metavar="VALUE", help="its new value (set)")
    config.add_argument("--json", action="store_true", help="print the settings as JSON")

    completion = _command(
        commands,
        "completion",
        "completion:run_completion",
        help="print a shell completion script",
        description=(
            "Print a script that completes jobfutures' commands and options in your shell. "
            "See the README for where to put it."
        ),
        epilog=(
            "example: jobfutures completion bash > "
            "~/.local/share/bash-completion/completions/jobfutures"
        ),
    )
    completion.add_argument("shell", choices=SHELLS, help="%(choices)s")
