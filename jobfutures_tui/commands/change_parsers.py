"""The arguments of the commands that change your data: add, log, move and profile.

Only argparse here, so ``jobfutures --help`` stays fast: the vocabularies
(channels, outcomes, stages…) are read from the models only when an option is
parsed or its help is shown (:class:`ChoiceOf`).
"""

from __future__ import annotations

import argparse
from typing import Any

from jobfutures_tui.commands.parsers import _JSON, _command

_COMPANY = "the company: its name, the start of it or a near spelling (or the job future's id)"
_ROLE = "the role discussed, when the company has several job futures"


class ChoiceOf:
    """An option's value from one of the models' vocabularies, by value or label
    in any case ("LinkedIn", "left voicemail"); a wrong one is a usage error
    that lists the right ones. ``%(type)s`` in a help text lists them too."""

    def __init__(self, vocabulary: str, *, board_only: bool = False) -> None:
        self.vocabulary = vocabulary
        self.board_only = board_only

    def members(self) -> list[Any]:
        from jobfutures_tui.models import enums

        kind = getattr(enums, self.vocabulary)
        return list(kind.board() if self.board_only else kind)

    def __call__(self, text: str) -> Any:
        members = self.members()
        try:
            found = type(members[0]).parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        if found not in members:
            names = ", ".join(member.value for member in members)
            raise argparse.ArgumentTypeError(f"'{text}' is not one of {names}")
        return found

    def __str__(self) -> str:
        return ", ".join(member.value for member in self.members())

    def complete(self, prefix: str, **_: Any) -> list[str]:
        """What the shell completes (argcomplete): the values starting with ``prefix``."""
        return [m.value for m in self.members() if m.value.startswith(prefix.lower())]


def add_change_commands(commands: Any) -> None:
    """Add ``add``, ``log``, ``move`` and ``profile`` to the ``jobfutures`` subparsers."""
    _add_add(commands)
    _add_log(commands)
    _add_move(commands)
    _add_profile(commands)


def _add_add(commands: Any) -> None:
    parser = _command(
        commands,
        "add",
        "add:run_add",
        help="add a job future, as the app's add form does",
        description=(
            "Add a job future: the company (an existing one is reused, whatever the case), "
            "the person you met and the role you discussed. Prints what was added and when "
            "the first touch is due."
        ),
        epilog='example: jobfutures add "Northwind Logistics" --person "Priya Raman" '
        '--title "Director of Engineering" --email priya@northwind.example '
        '--role "Staff Data Engineer" --interview-date 2026-11-20',
    )
    parser.add_argument("company", metavar="COMPANY", help="the company's name")
    who = parser.add_argument_group("the person you met")
    who.add_argument("--person", metavar="NAME", help="their name")
    who.add_argument(
        "--person-role",
        "--their-role",
        metavar="ROLE",
        type=ChoiceOf("PersonRole"),
        help="their part in the hiring: %(type)s (default: hiring-manager)",
    )
    who.add_argument("--title", metavar="TITLE", help="their job title")
    who.add_argument(
        "--prefers",
        "--preferred-channel",
        metavar="CHANNEL",
        type=ChoiceOf("Channel"),
        help="how they like to be reached: %(type)s",
    )
    who.add_argument("--phone", metavar="PHONE", help="their phone number")
    who.add_argument("--email", metavar="EMAIL", help="their email address")
    who.add_argument(
        "--linkedin",
        metavar="URL",
        help="their LinkedIn profile address: https://www.linkedin.com/in/…",
    )
    who.add_argument(
        "--address",
        metavar="TEXT",
        help=r'their postal address, for a letter: lines separated by \n (as typed: "1 Main St\n'
        r'Denver, CO 80202") or by real line breaks',
    )
    who.add_argument("--city", metavar="CITY", help="the city they are in (to meet them in person)")
    what = parser.add_argument_group("the job future")
    what.add_argument("--role", metavar="ROLE", help="the role you discussed")
    what.add_argument(
        "--stage",
        metavar="STAGE",
        type=ChoiceOf("Stage", board_only=True),
        help="where it stands: %(type)s (default: interviewed)",
    )
    what.add_argument(
        "--origin",
        metavar="HOW",
        type=ChoiceOf("Origin"),
        help="how it began: %(type)s (default: interviewed)",
    )
    what.add_argument(
        "--interview-date",
        "--began-on",
        metavar="DATE",
        help="when it began: 2026-11-20, yesterday, 3 days ago",
    )
    what.add_argument("--notes", metavar="TEXT", help="notes")
    parser.add_argument("--json", action="store_true", help=_JSON)


def _add_log(commands: Any) -> None:
    parser = _command(
        commands,
        "log",
        "log:run_log",
        help="log a touch (a call, an email…), as the app's log form does",
        description=(
            "Log a contact with a job future: when, how, with whom and how it went. Prints "
            "what was logged and when the next touch is due. An outcome of referral-given "
            "also adds (or links) the job future it led to."
        ),
        epilog="examples: jobfutures log northwind --channel call --outcome left-voicemail "
        '--date "yesterday 4pm"; jobfutures log contoso --person aisha --channel email '
        '--outcome replied --note "likes the Denver idea"',
    )
    parser.add_argument("company", metavar="COMPANY", help=_COMPANY)
    parser.add_argument("--role", metavar="ROLE", help=_ROLE)
    parser.add_argument(
        "--person",
        metavar="NAME",
        help="who, among its people (default: the one the next touch is suggested with)",
    )
    parser.add_argument(
        "--channel", metavar="CHANNEL", type=ChoiceOf("Channel"), required=True, help="%(type)s"
    )
    parser.add_argument(
        "--outcome", metavar="OUTCOME", type=ChoiceOf("Outcome"), required=True, help="%(type)s"
    )
    parser.add_argument(
        "--date",
        metavar="WHEN",
        default="",
        help='when (default: now): "2026-11-20 14:00", 2026-11-20, yesterday, "yesterday 4pm", '
        '"3 days ago", "2 hours ago", "this morning", 9:30, 20/11 (the day first)',
    )
    parser.add_argument("--note", metavar="TEXT", default="", help="what was said")
    parser.add_argument(
        "--script",
        metavar="SCRIPT",
        help="the script you used, by id or name (jobfutures open prints the command with it)",
    )
    parser.add_argument(
        "--kind", metavar="KIND", type=ChoiceOf("TouchKind"), help="what it was for: %(type)s"
    )
    direction = parser.add_mutually_exclusive_group()
    direction.add_argument(
        "--direction",
        metavar="DIR",
        type=ChoiceOf("Direction"),
        help="out (you reached them, the default) or in (they reached you)",
    )
    direction.add_argument(
        "--inbound",
        dest="direction",
        action="store_const",
        const="in",
        help="they reached you (same as --direction in)",
    )
    parser.add_argument(
        "--shared",
        metavar="TITLE",
        action="append",
        default=[],
        help="an article, event or work sample you sent them; repeat for more",
    )
    parser.add_argument(
        "--move-to",
        metavar="STAGE",
        type=ChoiceOf("Stage"),
        help="also move the job future to this stage: %(type)s",
    )
    referral = parser.add_argument_group("a referral (with --outcome referral-given)")
    referral.add_argument(
        "--referred-company", metavar="COMPANY", default="", help="where they referred you"
    )
    referral.add_argument(
        "--referred-person", metavar="NAME", default="", help="to whom (optional)"
    )
    referral.add_argument(
        "--referred-role", metavar="ROLE", default="", help="for which role (optional)"
    )
    parser.add_argument("--json", action="store_true", help=_JSON)


def _add_move(commands: Any) -> None:
    parser = _command(
        commands,
        "move",
        "move:run_move",
        help="move a job future to another stage, archive it or reopen it",
        description=(
            "Move a job future to another stage, as < and > do on the board. Archiving needs "
            "a reason (and a note when the reason is 'other'); moving an archived one to a "
            "board stage reopens it."
        ),
        epilog="examples: jobfutures move northwind offer; jobfutures move contoso archive "
        "--reason hired-elsewhere; jobfutures move acme rejected-but-warm --self-assessment "
        "'lead with the cost numbers'",
    )
    parser.add_argument("company", metavar="COMPANY", help=_COMPANY)
    parser.add_argument("stage", metavar="STAGE", type=ChoiceOf("Stage"), help="%(type)s")
    parser.add_argument("--role", metavar="ROLE", help=_ROLE)
    parser.add_argument(
        "--reason",
        metavar="REASON",
        type=ChoiceOf("ClosedReason"),
        help="why it is archived: %(type)s",
    )
    parser.add_argument("--note", metavar="TEXT", default="", help="a word on why it is archived")
    parser.add_argument(
        "--self-assessment",
        metavar="TEXT",
        dest="assessment",
        help="with rejected-but-warm: what you would do differently (kept on its story)",
    )
    parser.add_argument("--json", action="store_true", help=_JSON)


def _add_profile(commands: Any) -> None:
    parser = _command(
        commands,
        "profile",
        "profile:run_profile",
        help="show or set who you are: your name, signature, email, city…",
        description=(
            "Show your profile, or set some of its fields (the others stay as they are). "
            "Scripts are signed with your name, and your city lets jobfutures suggest meeting "
            "the people who live there. Without options it only reads, so it works while the "
            "app is open. An empty value clears a field (--city '')."
        ),
        epilog='example: jobfutures profile --name "Sam Ortiz" --email sam@ortiz.example '
        "--city Denver --signature $'Sam Ortiz\\nData engineer'",
    )
    you = parser.add_argument_group("set a field")
    you.add_argument("--name", metavar="NAME", help="your name, as you sign")
    you.add_argument("--email", metavar="ADDRESS", help="the address you write from")
    you.add_argument("--phone", metavar="PHONE", help="your phone number")
    you.add_argument("--linkedin", metavar="URL", help="your LinkedIn profile")
    you.add_argument("--city", metavar="CITY", help="where you live")
    you.add_argument("--pitch", metavar="TEXT", help="what you do, in one line")
    you.add_argument(
        "--signature", metavar="TEXT", help="what ends your messages (may hold line breaks)"
    )
    you.add_argument(
        "--other-email",
        metavar="ADDRESS",
        action="append",
        default=[],
        help="add another address you write from; repeat for more",
    )
    you.add_argument(
        "--no-other-email",
        metavar="ADDRESS",
        action="append",
        default=[],
        help="remove one of your other addresses; repeat for more",
    )
    parser.add_argument("--json", action="store_true", help="print the profile as JSON")
