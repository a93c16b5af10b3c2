"""Clean text at the edge: what is stored, and what names are matched by, has no
characters a person cannot see.

Control codes (C0, DEL, C1) would drive the terminal that shows them (a name
holding ``ESC ] 0 ;`` retitles the window); bidi overrides and isolates
reorder what is shown (U+202E makes ``exe.txt`` of ``txt.exe``); zero-width
characters make two names look one, so an import would make two companies of
"Acme". A terminal escape sequence goes whole, not only its ESC: the rest of
``ESC [ 1 m Acme ESC [ 0 m`` would be a second company, "[1mAcme[0m". The
models' validators clean every text field with these functions, so forms,
commands, imports and restores all store the same; stored data that predates
them is cleaned as it is read, never refused.

A joiner (U+200D, U+200C) is kept between two visible characters: emoji
(👩‍💻) and Persian or Indic words need it, and it changes what they look like.
Names are matched without any (:func:`squash`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import TypeVar

K = TypeVar("K")

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""C0 but tab and line feed (each cleaner deals with those first), DEL, C1."""
_HIDDEN = (
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, overrides, isolates
    "\u00ad\u180e\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # zero-width
)
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves ("ESC [ 1 m")
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, DCS…: to BEL or ST (ESC backslash)
    r"|\x1b[ -/]*[0-~]"  # the rest: ESC, intermediates, one final ("ESC ( B", "ESC c")
)
"""Whole ECMA-48 escape sequences (7-bit); an ESC that starts none is a lone control."""
_CONTROL = re.compile(f"[{_CONTROLS}]")
_INVISIBLE = re.compile(f"[{_HIDDEN}]")
TERMINAL_UNSAFE = re.compile(f"[{_CONTROLS}{_HIDDEN}\u2028\u2029]")
"""What must never reach a terminal raw: it would drive it, or hide in what it shows."""
_JOINERS = "\u200c\u200d"
_STRAY_JOINERS = re.compile(rf"(?:^|(?<=\s))[{_JOINERS}]+|[{_JOINERS}]+(?=\s|$)|[{_JOINERS}]{{2,}}")
"""Joiners that join nothing: at an end, beside a space, or one after another."""
_LINE_ENDS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]+")

NAME_MAX = 1_000
"""The longest one-line field (a name, a title)."""
TEXT_MAX = 20_000
"""The longest text (a note, a script)."""


def one_line(text: str) -> str:
    """A single-line field: line breaks and tabs become one space; controls and
    invisible characters go; no spaces at the ends."""
    flat = _BREAKS.sub(" ", _no_escapes(text))
    return _STRAY_JOINERS.sub("", _INVISIBLE.sub("", _CONTROL.sub("", flat))).strip()


def lines(text: str) -> str:
    """A multi-line field (notes, a script's words): its lines and tabs kept, every
    line ending made ``\\n``; controls and invisible characters go; no blank ends."""
    unified = _LINE_ENDS.sub("\n", _no_escapes(text))
    return _STRAY_JOINERS.sub("", _INVISIBLE.sub("", _CONTROL.sub("", unified))).strip()


def _no_escapes(text: str) -> str:
    """``text`` without its terminal escape sequences, each removed whole."""
    return _ESCAPES.sub("", text) if "\x1b" in text else text


def squash(text: str) -> str:
    """What a name is matched by: case, spacing, joiners and how an accent is
    encoded (é as one character or two) do not tell two names apart."""
    if text.isascii() and text.isprintable():  # no controls, joiners or accents: most names
        return " ".join(text.casefold().split())
    seen = unicodedata.normalize("NFC", one_line(text))
    for joiner in _JOINERS:
        seen = seen.replace(joiner, "")
    return " ".join(seen.casefold().split())


def squashing_to(texts: Mapping[K, object], squashed: str) -> list[K]:
    """The keys of ``texts`` whose text squashes to ``squashed`` (anything not a string:
    none), told cheaply for most: a command matches one name against thousands, and
    squashing each took 8 ms at 3,000 companies. Squashing keeps a plain ASCII name's
    letters in place, lowered, so one lacking the query's first word cannot match:
    one pass in a comprehension rules most out, the rest are squashed."""
    first = squashed.split(" ", 1)[0]
    maybe = [
        (key, text)
        for key, text in texts.items()
        if type(text) is str
        and (first in text.lower() or not (text.isascii() and text.isprintable()))
    ]
    return [key for key, text in maybe if squash(text) == squashed]


def for_terminal(text: str) -> str:
    """Text to print as it is: what would drive the terminal or hide in the text is
    shown instead (ESC as ``^[``, U+202E as ``\\u202e``); lines and tabs are kept."""
    return TERMINAL_UNSAFE.sub(_shown, text)


def _shown(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code < 0x20 or code == 0x7F:
        return "^" + chr(code ^ 0x40)  # caret notation: ^[ for ESC, ^? for DEL
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def pasted(text: str, *, multi_line: bool) -> str:
    """Pasted text, cleaned as its field will store it, its spaces at the ends kept (it
    goes in among what is typed). Into one line, the lines are joined by a space: none
    is dropped."""
    text = _no_escapes(text)
    if multi_line:
        kept = _LINE_ENDS.sub("\n", text)
    else:
        kept = _BREAKS.sub(" ", text.strip("\r\n\x85\u2028\u2029"))
    return _INVISIBLE.sub("", _CONTROL.sub("", kept))
