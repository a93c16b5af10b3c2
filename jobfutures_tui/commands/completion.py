"""``jobfutures completion SHELL``: a script that completes commands and options.

argcomplete rather than shtab: it covers fish as well as bash and zsh, and it
completes from the parser itself, so a new option completes without a new
script. It runs only while a shell asks for completions (cli.py imports it
when ``$_ARGCOMPLETE`` is set), so every other start pays nothing.
"""

from __future__ import annotations

import argparse

from jobfutures_tui.commands.common import EXIT_OK, emit


def run_completion(args: argparse.Namespace) -> int:
    import argcomplete

    emit(argcomplete.shellcode(["jobfutures"], shell=args.shell))
    return EXIT_OK
