"""Clean text at the edge (models/clean.py): what the models store and what names are
matched by has no control codes, no bidi overrides, no invisible characters."""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.commands.common import json_text
from jobfutures_tui.models import Company, Person, Touch
from jobfutures_tui.models.clean import (
    for_terminal,
    lines,
    one_line,
    pasted,
    squash,
    squashing_to,
)

JUNK = [
    *map(chr, range(0x20)),
    "\x7f",
    "\x85",
    "\x9b",
    "\u00ad",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u202a",
    "\u202e",
    "\u2028",
    "\u2029",
    "\u2066",
    "\u2069",
    "\ufeff",
]
"""Control codes, line ends, bidi controls, zero-width characters, joiners."""
text_with_junk = st.text(st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(JUNK)))
printable = st.text(st.characters(exclude_categories=["Cs"])).filter(str.isprintable)
HIDDEN = set(JUNK) - {"\n", "\t", "\u200c", "\u200d"}
SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[ -/]*[0-~]"
)
"""A terminal escape sequence (ECMA-48): CSI, a string (OSC, DCS…) ended by BEL or ST,
or ESC with intermediates and one final character."""
sequences = st.one_of(
    st.from_regex(r"\A\x1b\[[0-?]{0,6}[ -/]?[@-~]\Z"),
    st.from_regex(r"\A\x1b[\]P_]0;[ -~]{0,12}(\x07|\x1b\\)\Z"),
    st.sampled_from(["\x1bc", "\x1b(B", "\x1b7", "\x1bM", "\x1b=", "\x1b[0m", "\x1b[2J"]),
)
BREAKS = set("\t\n\r\x85\u2028\u2029")


def strays(text: str) -> list[int]:
    """Where a joiner joins nothing (at an end, beside a space or another joiner)."""
    joiners = "\u200c\u200d"
    found = []
    for at, ch in enumerate(text):
        if ch in joiners:
            before = text[at - 1] if at else " "
            after = text[at + 1] if at + 1 < len(text) else " "
            if before.isspace() or after.isspace() or before in joiners or after in joiners:
                found.append(at)
    return found


@given(text_with_junk)
def test_cleaning_is_idempotent_and_leaves_no_control_or_hidden_character(text: str) -> None:
    line, several = one_line(text), lines(text)
    assert one_line(line) == line and lines(several) == several
    assert not set(line) & (HIDDEN | {"\n", "\t"})
    assert not set(several) & HIDDEN
    assert strays(line) == [] and strays(several) == []
    assert line == line.strip() and several == several.strip()


@given(printable)
def test_printable_text_is_left_as_it_is(text: str) -> None:
    assert one_line(text) == lines(text) == text.strip()
    assert for_terminal(text) == text


@given(
    st.lists(printable.map(str.strip).filter(bool), min_size=1, max_size=5),
    st.sampled_from(["\n", "\r\n", "\r", "\u2028"]),
)
def test_only_multi_line_fields_keep_their_lines(parts: list[str], ending: str) -> None:
    text = ending.join(parts) + ending
    assert lines(text) == "\n".join(parts)
    assert one_line(text) == " ".join(parts)
    assert pasted(text, multi_line=True) == "\n".join(parts) + "\n"
    assert pasted(text, multi_line=False) == " ".join(parts)


@given(text_with_junk)
def test_names_match_whatever_hides_in_them(text: str) -> None:
    bare = SEQUENCE.sub("", text)  # an escape sequence hides whole, not only its ESC
    seen = "".join(" " if ch in BREAKS else "" if ch in HIDDEN else ch for ch in bare)
    assert squash(text) == squash(seen) == squash(one_line(text))
    assert squash(squash(text)) == squash(text)


@given(st.lists(st.one_of(printable, sequences), max_size=8))
def test_escape_sequences_go_whole_on_every_path(parts: list[str]) -> None:
    """``ESC [ 1 m Acme`` is "Acme", not "[1mAcme": no trace of a sequence is kept,
    in one line, in lines, pasted, or in the name matched."""
    text = "".join(parts)
    plain = "".join(part for part in parts if not part.startswith("\x1b"))
    assert one_line(text) == one_line(plain) and lines(text) == lines(plain)
    for multi_line in (True, False):
        assert pasted(text, multi_line=multi_line) == pasted(plain, multi_line=multi_line)
    assert squash(text) == squash(plain)


def test_a_styled_name_is_the_same_company() -> None:
    styled = "\x1b[1mAcme\x1b[0m"
    assert one_line(styled) == lines(styled) == "Acme"
    assert squash(styled) == squash("ACME")
    assert one_line("\x1b]8;;https://acme.example\x1b\\Acme\x1b]8;;\x1b\\ Corp") == "Acme Corp"
    assert one_line("Evil\x1b]0;pwned\x07 Co") == "Evil Co", "a window title, ended by BEL"
    assert one_line("\x1b(BAcme\x1bc") == "Acme", "two-character sequences"
    assert pasted("\x1b[31mred\x1b[0m\nnext", multi_line=True) == "red\nnext"
    assert one_line("a\x1b é") == "a é", "an ESC starting no sequence goes alone"


def test_what_looks_the_same_is_the_same_name() -> None:
    assert squash("Acme\x07") == squash("ACME") == squash("A\u200bcme") == squash("\u202eAcme")
    assert squash("Café") == squash(unicodedata.normalize("NFD", "Café"))
    assert squash("Acme Corp") == squash(" acme \t corp\n")


def test_a_joiner_is_kept_where_it_joins() -> None:
    """An emoji sequence and a Persian word need theirs; one at an edge joins nothing."""
    assert one_line("👩\u200d💻 coder") == "👩\u200d💻 coder"
    assert one_line("می\u200cخواهم") == "می\u200cخواهم"
    assert one_line("\u200dAcme\u200d \u200c") == "Acme"


def test_the_models_clean_every_text_field_and_old_data_still_loads() -> None:
    person = Person(name="\u202eAna\x1b[31m Ruiz\u200b", notes="one\r\ntwo\rthree\tfour\x00")
    assert person.name == "Ana Ruiz"
    assert person.notes == "one\ntwo\nthree\tfour"
    stored = {"id": "c1", "name": "Acme\x07\u2066", "notes": "a\x9b\r\nb"}
    assert Company.model_validate(stored).name == "Acme"  # data stored before: cleaned, read
    touch = Touch(prospect_id="p", at="2026-01-01T00:00:00+00:00", channel="call", note="x\ry")
    assert touch.note == "x\ny"


def test_terminal_output_shows_codes_instead_of_sending_them() -> None:
    assert for_terminal("Evil\x1b]0;pwned\x07 Co\n\tok") == "Evil^[]0;pwned^G Co\n\tok"
    assert for_terminal("a\x7fb\x9bc\u202ed") == "a^?b\\x9bc\\u202ed"
    document = {"company": "Ac\u202eme\x9b\x1b", "n": 1}
    text = json_text(document)
    assert json.loads(text) == document, "the same value for a script"
    assert for_terminal(text) == text, "nothing raw for a terminal"


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_a_plain_ascii_name_squashes_as_the_long_way_does(text: str) -> None:
    """The quick path for printable ASCII (most names) changes nothing."""
    seen = unicodedata.normalize("NFC", one_line(text))
    assert squash(text) == " ".join(seen.casefold().split())


NAMES = st.sampled_from(
    ["Acme", "acme corp", "ACME  Corp", "Ac\x07me", "Ac\tme", "Café", "Cafe\u0301", "AT&T", "", " "]
)


@given(st.one_of(NAMES, st.text(max_size=12)), st.one_of(NAMES, st.text(max_size=12)))
def test_a_name_is_told_apart_quickly_as_squashing_tells_it(text: str, query: str) -> None:
    """Finding a company by name rejects most names without squashing them: the same
    answer as squashing both."""
    found = squashing_to({"it": text, "not text": None}, squash(query))
    assert found == (["it"] if squash(text) == squash(query) else [])
