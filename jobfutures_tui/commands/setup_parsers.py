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
    key = config.add_argument("key", nargs="?", metavar="KEY", help="the setting")
    key.completer = setting_names  # type: ignore[attr-defined]
    value = config.add_argument("value", nargs="?", metavar="VALUE", help="its new value (set)")
    value.completer = setting_values  # type: ignore[attr-defined]
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


# ------------------------------------------------------------ completion (argcomplete)


def setting_names(prefix: str, **_: Any) -> list[str]:
    """The settings ``config set`` takes; after 'keys.', the app's binding ids."""
    from jobfutures_tui import settings

    if prefix.startswith("keys."):
        from jobfutures_tui import keymap
        from jobfutures_tui.app import JobFuturesApp

        ids = sorted(keymap.known_ids(JobFuturesApp))
        return [f"keys.{binding}" for binding in ids if f"keys.{binding}".startswith(prefix)]
    names = [name for name in settings.DESCRIPTIONS if name != "keys"] + ["keys."]
    return [name for name in names if name.startswith(prefix)]


def setting_values(prefix: str, parsed_args: Any = None, **_: Any) -> list[str]:
    """Values for the setting named: the themes, the days, off for the alarm."""
    key = getattr(parsed_args, "key", None)
    found: list[str] = []
    if key == "theme":
        from jobfutures_tui.settings_check import themes

        found = sorted(themes())
    elif key == "workdays":
        from jobfutures_tui.settings import WEEKDAYS

        found = ["mon,tue,wed,thu,fri", *WEEKDAYS]
    elif key == "calendar_alarm":
        found = ["09:00", "off"]
    return [value for value in found if value.startswith(prefix)]


def add_completers(parser: Any) -> None:
    """Every option that takes one of the models' vocabularies (``--channel``,
    ``--outcome``, ``--stage``…) completes its values."""
    from jobfutures_tui.commands.change_parsers import ChoiceOf

    pending = [parser]
    while pending:
        current = pending.pop()
        for action in current._actions:
            if isinstance(action.type, ChoiceOf):
                action.completer = action.type.complete
            if isinstance(action.choices, dict):  # the subcommands' parsers
                pending.extend(action.choices.values())
