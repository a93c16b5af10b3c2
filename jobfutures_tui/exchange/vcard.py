"""vCard files (.vcf) from phone and mail address books: versions 2.1, 3.0 and 4.0.

A small reader of our own instead of a library: we need a dozen properties,
and address books in the wild (Apple's ``item1.`` groups and folded lines,
Google's version 4, old phones' quoted-printable) are better served by a
forgiving reader that reports one bad card and goes on than by a strict one
that rejects the file. See RFC 6350 (4.0) and RFC 2426 (3.0).
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from jobfutures_tui.exchange.address import AddressParts
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.plan import Existing, ImportPlan, PlanBuilder, Progress, RowNote
from jobfutures_tui.exchange.text import read_text
from jobfutures_tui.models import PersonRole, describe

SOURCE = "vCard contacts"

_NEWLINE = re.compile(r"\r\n|\r|\n")
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

    def types(self) -> set[str]:
        found = {t.casefold() for value in self.params.get("TYPE", []) for t in value.split(",")}
        found |= {name.casefold() for name, values in self.params.items() if not values}
        if "PREF" in self.params:
            found.add("pref")
        return found

    @property
    def text(self) -> str:
        return unescape(self.raw)

    def parts(self) -> list[str]:
        """The components of a structured value (N, ADR, ORG), unescaped."""
        return [unescape(part) for part in split_unescaped(self.raw, ";")]


@dataclass
class Card:
    line: int
    """Where its BEGIN:VCARD is in the file."""
    properties: list[Property] = field(default_factory=list)

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
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None and current.endswith("=") and _is_quoted_printable(current):
            current += "\n" + line
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
                yield problem if problem is not None else card
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


def _preferred(props: list[Property], *liked: str) -> Property | None:
    """The property marked preferred, else one of the liked types, else the first."""
    for wanted in ("pref", *liked):
        for prop in props:
            if wanted in prop.types() or (wanted == "pref" and _pref_number(prop)):
                return prop
    return props[0] if props else None


def _pref_number(prop: Property) -> bool:
    """vCard 4: PREF=1 is the most preferred."""
    return any(value.strip() == "1" for value in prop.params.get("PREF", []))


def _name(card: Card) -> str:
    fn = card.first("FN")
    if fn is not None and fn.text.strip():
        return " ".join(fn.text.split())
    n = card.first("N")
    if n is None:
        return ""
    parts = [*n.parts(), "", "", "", "", ""]
    family, given, additional, prefix, suffix = parts[:5]
    return " ".join(" ".join((prefix, given, additional, family, suffix)).split())


def _linkedin(card: Card) -> str:
    for prop in card.all("X-SOCIALPROFILE"):
        if "linkedin" in prop.types() or "linkedin.com" in prop.text.casefold():
            return prop.text.strip()
    for prop in card.all("URL"):
        label = card.label(prop.group).casefold()
        if "linkedin.com" in prop.text.casefold() or "linkedin" in label:
            return prop.text.strip()
    return ""


def _address(card: Card) -> AddressParts:
    """The preferred address, else the first work one, else the first (empty ones aside).

    A component may list several values separated by unescaped commas (vCard 3
    and 4); they read as one, comma-separated.
    """
    found = [prop for prop in card.all("ADR") if prop.raw.replace(";", "").strip()]
    adr = _preferred(found, "work")
    if adr is None:
        return AddressParts()
    parts = [
        ", ".join(v for v in (unescape(value).strip() for value in split_unescaped(raw, ",")) if v)
        for raw in split_unescaped(adr.raw, ";")
    ]
    return AddressParts(*(parts + [""] * 7)[:7])


def person_fields(card: Card) -> tuple[dict[str, object], str]:
    """The fields of the person a card describes, and their company's name."""
    org = card.first("ORG")
    company = org.parts()[0].strip() if org is not None else ""
    title = card.first("TITLE") or card.first("ROLE")
    email = _preferred(card.all("EMAIL"), "work", "internet")
    tel = _preferred(card.all("TEL"), "cell", "mobile", "work")
    address = _address(card)
    note = card.first("NOTE")
    phone = tel.text.strip().removeprefix("tel:") if tel is not None else ""
    fields: dict[str, object] = {
        "name": _name(card),
        "title": title.text if title is not None else "",
        "email": email.text.strip().removeprefix("mailto:") if email is not None else "",
        "phone": phone,
        "linkedin": _linkedin(card),
        "address": address.text(),
        "city": address.city,
        "notes": note.text if note is not None else "",
        "role": PersonRole.OTHER,
    }
    return fields, company


def _is_company_card(card: Card) -> bool:
    """Apple marks a card that is a company, not a person, with X-ABShowAs:COMPANY."""
    show_as = card.first("X-ABSHOWAS")
    return show_as is not None and show_as.text.strip().upper() == "COMPANY"


def plan_import(path: Path, existing: Existing, progress: Progress | None = None) -> ImportPlan:
    """The dry run of importing every card of this .vcf file."""
    text = read_text(path)
    if "BEGIN:VCARD" not in text.upper():
        raise ExchangeError(f"{path} holds no vCard (no BEGIN:VCARD line)")
    builder = PlanBuilder(ImportPlan(SOURCE, str(path)), existing)
    found = list(cards(text))
    for item in builder.read(((_line(c), c) for c in found), len(found), progress):
        line, card = item
        if isinstance(card, tuple):
            builder.error(line, card[1])
            continue
        fields, company = person_fields(card)
        if _is_company_card(card):
            name = company or str(fields["name"])
            if not name:
                builder.skip(line, "a company card without a name")
            elif builder.companies.find(name) is not None:
                builder.plan.matched.append(RowNote(line, f"{name}: company already here"))
            else:
                try:
                    builder.company(name, line)
                except ValidationError as exc:
                    builder.error(line, describe(exc))
            continue
        if not fields["name"]:
            builder.skip(line, "a card without a name")
            continue
        builder.person(line, fields, company=company)
    return builder.plan


def _line(item: Card | tuple[int, str]) -> int:
    return item[0] if isinstance(item, tuple) else item.line
