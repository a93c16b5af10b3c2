"""Reading a .vcf file: each card decoded on its own, lines unfolded, properties
with their groups, parameters and values (escapes as each version writes them).

What the cards mean for a person is :mod:`vcard`'s. See RFC 6350 (4.0), RFC
2426 (3.0) and the vCard 2.1 specification (versit, 1996); what each address
book writes is in docs/importing.md.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jobfutures_tui.exchange.text import decoded

_NEWLINE = re.compile(r"\r\n|\r|\n")
_BYTE_NEWLINE = re.compile(rb"\r\n|\r|\n")
_CHARSET = re.compile(rb"CHARSET=\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}


@dataclass
class Property:
    name: str
    """Upper case, without its group: ``EMAIL`` for ``item1.EMAIL``."""
    group: str
    params: dict[str, list[str]]
    raw: str
    """The value as written (escapes and structure kept)."""
    legacy: bool = False
    """From a vCard 2.1 card: backslashes are text there, but for ``\\;``."""

    def types(self) -> set[str]:
        found = {t.casefold() for value in self.params.get("TYPE", []) for t in value.split(",")}
        found |= {name.casefold() for name, values in self.params.items() if not values}
        if "PREF" in self.params:
            found.add("pref")
        return found

    def preference(self) -> int:
        """1 for the most preferred (vCard 4's PREF=1, 3.0's TYPE=pref, 2.1's bare
        PREF), higher for less; 100 when it says nothing."""
        ranks = [int(v) for v in self.params.get("PREF", []) if v.strip().isdigit()]
        if ranks:
            return max(1, min(ranks))
        return 1 if "pref" in self.types() else 100

    @property
    def text(self) -> str:
        if self.legacy:
            return self.raw.replace("\\;", ";")
        return unescape(self.raw)

    def parts(self) -> list[str]:
        """The components of a structured value (N, ADR, ORG), unescaped."""
        return (
            [" ".join(values) for values in self.values()]
            if self.legacy
            else [unescape(part) for part in split_unescaped(self.raw, ";")]
        )

    def values(self) -> list[list[str]]:
        """Each component of a structured value, as the list of values it holds
        (vCard 3 and 4 separate them with unescaped commas: ``Philip,Paul``)."""
        if self.legacy:
            return [[part.replace("\\;", ";")] for part in re.split(r"(?<!\\);", self.raw)]
        return [
            [unescape(value) for value in split_unescaped(part, ",")]
            for part in split_unescaped(self.raw, ";")
        ]


@dataclass
class Card:
    line: int
    """Where its BEGIN:VCARD is in the file."""
    properties: list[Property] = field(default_factory=list)

    def finish(self) -> Card:
        """Once read whole: a 2.1 card's values are read the 2.1 way."""
        version = self.first("VERSION")
        if version is not None and version.raw.strip().startswith("2"):
            for prop in self.properties:
                prop.legacy = True
        return self

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]

    def first(self, name: str) -> Property | None:
        return next(iter(self.all(name)), None)

    def label(self, group: str) -> str:
        """Apple's ``item1.X-ABLabel`` that names a grouped property."""
        if not group:
            return ""
        for prop in self.properties:
            if prop.group == group and prop.name == "X-ABLABEL":
                return prop.text
        return ""


def unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), value)


def split_unescaped(value: str, separator: str) -> list[str]:
    """Split at each separator that no backslash escapes; the escapes stay for unescape()."""
    return _split(value, separator, escapes=True)


def _split(text: str, separator: str, *, escapes: bool = False) -> list[str]:
    """Split at separators outside double quotes (parameters) or not escaped (values)."""
    parts: list[str] = []
    current: list[str] = []
    escaped = in_quotes = False
    for ch in text:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif escapes and ch == "\\":
            escaped = True
        elif not escapes and ch == '"':
            in_quotes = not in_quotes
            current.append(ch)
        elif ch == separator and not in_quotes:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def unfold(text: str) -> Iterator[tuple[int, str]]:
    """Logical lines with the physical line each starts on.

    A line that begins with a space or tab continues the previous one; a
    quoted-printable value ending in ``=`` continues on the next line.
    """
    current: str | None = None
    start = 0
    for number, line in enumerate(_NEWLINE.split(text), start=1):
        # A soft break first: the next line is the value's own, even when it starts
        # with a space (Python's quopri writes such lines), so that space is kept.
        if current is not None and current.endswith("=") and _is_quoted_printable(current):
            current += "\n" + line
            continue
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _is_quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def parse_line(line: str) -> Property:
    """``item1.EMAIL;type=INTERNET;type=pref:jo@example.com`` into its parts."""
    in_quotes = False
    for index, ch in enumerate(line):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ":" and not in_quotes:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        raise ValueError(f"'{line[:40]}' has no ':'")
    name, *params = _split(head, ";")
    group, _, name = name.rpartition(".")
    parsed: dict[str, list[str]] = {}
    for param in params:
        key, has_value, val = param.partition("=")
        key = key.strip().upper()
        if has_value:
            parsed.setdefault(key, []).append(val.strip().strip('"'))
        elif key:
            parsed.setdefault(key, [])  # vCard 2.1: a bare WORK or PREF
    prop = Property(name.strip().upper(), group.strip(), parsed, value)
    encoding = [v.upper() for v in parsed.get("ENCODING", [])]
    if "QUOTED-PRINTABLE" in encoding:
        charset = (parsed.get("CHARSET") or ["utf-8"])[0]
        decoded = quopri.decodestring(value.replace("=\n", "").encode("latin-1", "replace"))
        try:
            prop.raw = decoded.decode(charset, errors="replace")
        except LookupError:
            prop.raw = decoded.decode("utf-8", errors="replace")
    return prop


def cards(text: str) -> Iterator[Card | tuple[int, str]]:
    """Each card in the file, or (line, problem) for a card that cannot be read.

    A card with a line that cannot be read is reported whole and not imported:
    half a contact is worse than none.
    """
    card: Card | None = None
    problem: tuple[int, str] | None = None
    depth = 0
    for line_no, line in unfold(text):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is None:
                card, problem = Card(line_no), None
            else:
                depth += 1  # a card nested in this one (vCard 2.1 AGENT): skipped
            continue
        if upper == "END:VCARD":
            if card is None:
                yield line_no, "END:VCARD without BEGIN:VCARD"
            elif depth:
                depth -= 1
            else:
                yield problem if problem is not None else card.finish()
                card = None
            continue
        if card is None or depth or problem is not None:
            continue
        try:
            card.properties.append(parse_line(line))
        except ValueError as exc:
            problem = (
                line_no,
                f"cannot read this line, so the card from line {card.line} was not imported: {exc}",
            )
    if card is not None:
        yield card.line, "a card that never ends (no END:VCARD)"


def by_preference(props: list[Property], *liked: str) -> list[Property]:
    """Most preferred first (PREF=1, TYPE=pref), then the liked types in order, then as
    written."""

    def rank(item: tuple[int, Property]) -> tuple[int, int, int]:
        index, prop = item
        types = prop.types()
        liking = next((n for n, kind in enumerate(liked) if kind in types), len(liked))
        return prop.preference(), liking, index

    return [prop for _, prop in sorted(enumerate(props), key=rank)]


def decode_cards(data: bytes) -> str:
    """The text of a .vcf file, each card decoded on its own.

    A card is UTF-8 when it reads as UTF-8, else Windows-1252 (what old address
    books wrote), so one Latin-1 card garbles nothing else; a line that names its
    CHARSET (not quoted-printable: parse_line decodes those) is read in it. A file
    with a UTF-16 byte-order mark is read whole as UTF-16.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return decoded(data)
    lines = _BYTE_NEWLINE.split(data.removeprefix(b"\xef\xbb\xbf"))
    text: list[str] = []
    chunk: list[bytes] = []
    for line in lines:
        chunk.append(line)
        if line.strip().upper() == b"END:VCARD":
            text.extend(_decode_card(chunk))
            chunk = []
    text.extend(_decode_card(chunk))
    return "\n".join(text).replace("\x00", "")


def _decode_card(lines: list[bytes]) -> list[str]:
    declared: dict[int, str] = {}
    charset = ""
    for index, line in enumerate(lines):
        if line[:1] in (b" ", b"\t") and charset:
            declared[index] = charset  # the folded rest of a line that named it
            continue
        head = line.split(b":", 1)[0].upper()
        found = _CHARSET.search(head) if b"QUOTED-PRINTABLE" not in head else None
        charset = found.group(1).decode("ascii") if found else ""
        if charset:
            declared[index] = charset
    rest = b"\n".join(line for index, line in enumerate(lines) if index not in declared)
    try:
        rest.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        encoding = "cp1252"
    result: list[str] = []
    for index, line in enumerate(lines):
        try:
            result.append(line.decode(declared.get(index, encoding)))
        except (LookupError, UnicodeDecodeError):
            result.append(line.decode(encoding, errors="replace"))
    return result
