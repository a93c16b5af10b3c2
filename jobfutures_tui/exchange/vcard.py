"""vCard files (.vcf) from phone and mail address books: versions 2.1, 3.0 and 4.0.

A small reader of our own instead of a library: we need a dozen properties,
and address books in the wild (Apple's ``item1.`` groups and folded lines,
Google's version 4, old phones' quoted-printable) are better served by a
forgiving reader that reports one bad card and goes on than by a strict one
that rejects the file. See RFC 6350 (4.0), RFC 2426 (3.0) and the vCard 2.1
specification (versit, 1996); what each address book writes is in
docs/importing.md.

Each card is decoded on its own (one Latin-1 card in a UTF-8 file garbles only
itself), a value in the charset its CHARSET names; 2.1 values keep their
backslashes (only ``\\;`` is an escape there); every EMAIL and TEL is kept, the
preferred first (vCard 4's PREF=1 before PREF=2).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pydantic import ValidationError

from jobfutures_tui.exchange.address import AddressParts
from jobfutures_tui.exchange.contact import Reach, is_linkedin, left_out, notes_with
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.limits import CONTACTS_LIMIT, read_file
from jobfutures_tui.exchange.plan import Existing, ImportPlan, PlanBuilder, Progress, RowNote
from jobfutures_tui.exchange.vcard_lines import (
    Card,
    Property,
    by_preference,
    cards,
    decode_cards,
    parse_line,
    unescape,
)
from jobfutures_tui.models import PersonRole, describe

__all__ = ["Card", "Property", "cards", "decode_cards", "parse_line", "plan_import", "unescape"]

SOURCE = "vCard contacts"
KEEPS = (
    "name (FN, else N), title (TITLE, else ROLE), company (ORG), every email and phone "
    "(EMAIL, TEL: the preferred first, the others kept with them), LinkedIn profile "
    "(X-SOCIALPROFILE or a linkedin.com URL), postal address (the preferred ADR) and "
    "city, notes; the department (ORG's second part) and NICKNAME in the notes; a "
    "company card's name and web address (URL)"
)
LEFT_OUT = {
    "PHOTO": "photo",
    "LOGO": "logo",
    "BDAY": "birthday",
    "ANNIVERSARY": "anniversary",
    "X-ABDATE": "dates",
    "IMPP": "instant messaging",
    "X-AIM": "instant messaging",
    "X-JABBER": "instant messaging",
    "X-SKYPE": "instant messaging",
    "X-ICQ": "instant messaging",
    "X-MSN": "instant messaging",
    "X-GOOGLE-TALK": "instant messaging",
    "CATEGORIES": "groups (CATEGORIES)",
    "X-ABRELATEDNAMES": "related people",
    "RELATED": "related people",
    "GENDER": "gender",
    "GEO": "location (GEO)",
    "TZ": "time zone",
    "KEY": "public key",
    "SOUND": "sound",
    "X-PHONETIC-FIRST-NAME": "phonetic name",
    "X-PHONETIC-MIDDLE-NAME": "phonetic name",
    "X-PHONETIC-LAST-NAME": "phonetic name",
    "X-ANDROID-CUSTOM": "Android custom field",
}
"""What a card may hold that is not kept, in words for the dry run."""
_KEPT_OR_HOUSEKEEPING = {
    "BEGIN", "END", "VERSION", "FN", "N", "ORG", "TITLE", "ROLE", "EMAIL", "TEL", "ADR",
    "NOTE", "URL", "X-SOCIALPROFILE", "NICKNAME", "KIND", "X-ABSHOWAS", "X-ABLABEL",
    "X-ABADR", "X-ABUID", "UID", "REV", "PRODID", "LABEL", "SORT-STRING", "X-ABORG",
    "SOURCE", "CLIENTPIDMAP", "X-ACCOUNT",
}  # fmt: skip
"""Properties that are kept, or say nothing about the person (ids, the writer)."""
_NOT_PHONES = {"fax", "pager"}


def _name(card: Card) -> str:
    """FN, else N's parts in reading order: prefixes, given, additional names, family,
    then the suffixes after a comma ("Dr. John Philip Paul Stevenson Jr., M.D.")."""
    fn = card.first("FN")
    if fn is not None and fn.text.strip():
        return " ".join(fn.text.split())
    n = card.first("N")
    if n is None:
        return ""
    # 2.1 has no lists, but its writers separate them with commas all the same.
    lists = n.values()
    if n.legacy:
        lists = [[x for v in values for x in v.split(",")] for values in lists]
    parts = [[" ".join(v.split()) for v in values if v.strip()] for values in lists]
    family, given, additional, prefix, suffix = (parts + [[]] * 5)[:5]
    name = " ".join([*prefix, *given, *additional, *family])
    return ", ".join(part for part in (name, ", ".join(suffix)) if part)


def _linkedin(card: Card) -> str:
    for prop in card.all("X-SOCIALPROFILE"):
        if "linkedin" in prop.types() or is_linkedin(prop.text):
            return prop.text.strip()
    for prop in card.all("URL"):
        label = card.label(prop.group).casefold()
        if is_linkedin(prop.text) or "linkedin" in label:
            return prop.text.strip()
    return ""


def _addresses(card: Card) -> list[Property]:
    found = [prop for prop in card.all("ADR") if prop.raw.replace(";", "").strip()]
    return by_preference(found, "work")


def _address(card: Card) -> AddressParts:
    """The preferred address, else the first work one, else the first (empty ones aside).

    A component may list several values separated by unescaped commas (vCard 3
    and 4); they read as one, comma-separated.
    """
    found = _addresses(card)
    if not found:
        return AddressParts()
    parts = [", ".join(v.strip() for v in values if v.strip()) for values in found[0].values()]
    return AddressParts(*(parts + [""] * 7)[:7])


def _reach(card: Card) -> Reach:
    """Every email and phone, the preferred first; faxes and pagers are not phones."""
    reach = Reach()
    for prop in by_preference(card.all("EMAIL"), "work", "internet"):
        reach.add_email(prop.text)
    for prop in by_preference(card.all("TEL"), "cell", "mobile", "work"):
        if not prop.types() & _NOT_PHONES:
            reach.add_phone(prop.text)
    return reach


def _person(card: Card) -> tuple[dict[str, object], str, Reach]:
    org = card.first("ORG")
    org_parts = [part.strip() for part in org.parts()] if org is not None else []
    company = org_parts[0] if org_parts else ""
    department = ", ".join(part for part in org_parts[1:] if part)
    title = card.first("TITLE") or card.first("ROLE")
    address = _address(card)
    notes = "\n".join(text for p in card.all("NOTE") if (text := p.text.strip()))
    nickname = ", ".join(_nicknames(card))
    reach = _reach(card)
    fields: dict[str, object] = {
        "name": _name(card),
        "title": title.text if title is not None else "",
        **reach.fields(),
        "linkedin": _linkedin(card),
        "address": address.text(),
        "city": address.city,
        "notes": notes_with(notes, department=department, nickname=nickname),
        "role": PersonRole.OTHER,
    }
    return fields, company, reach


def _is_company_card(card: Card) -> bool:
    """Apple marks a card that is a company, not a person, with X-ABShowAs:COMPANY;
    vCard 4 with KIND:org."""
    show_as = card.first("X-ABSHOWAS")
    kind = card.first("KIND")
    return (show_as is not None and show_as.text.strip().upper() == "COMPANY") or (
        kind is not None and kind.text.strip().casefold() in ("org", "organization")
    )


_ANDROID_NICKNAME = "vnd.android.cursor.item/nickname"
"""Android's 2.1 export writes a nickname as ``X-ANDROID-CUSTOM:vnd.android.cursor.item/
nickname;Ken;…``, having no NICKNAME in 2.1."""


def _nicknames(card: Card) -> list[str]:
    found = [v.strip() for p in card.all("NICKNAME") for v in p.values()[0]]
    found += [
        parts[1].strip()
        for p in card.all("X-ANDROID-CUSTOM")
        if len(parts := p.parts()) > 1 and parts[0].strip() == _ANDROID_NICKNAME
    ]
    return [name for name in dict.fromkeys(found) if name]


def _left_out(card: Card, *, company_card: bool) -> set[str]:
    """What this card holds that is not kept, in words."""
    found = {
        LEFT_OUT.get(prop.name, prop.name)
        for prop in card.properties
        if prop.name not in _KEPT_OR_HOUSEKEEPING
        and prop.raw.strip()
        and not prop.raw.startswith(_ANDROID_NICKNAME)
    }
    if len(_addresses(card)) > 1:
        found.add("more postal addresses")
    if any(p.types() & _NOT_PHONES for p in card.all("TEL")):
        found.add("fax or pager number")
    linkedin = _linkedin(card)
    if not company_card and any(p.text.strip() != linkedin for p in card.all("URL")):
        found.add("web page (URL)")
    if any(p.text.strip() != linkedin for p in card.all("X-SOCIALPROFILE")):
        found.add("social profile")
    return found


def plan_import(path: Path, existing: Existing, progress: Progress | None = None) -> ImportPlan:
    """The dry run of importing every card of this .vcf file."""
    text = decode_cards(read_file(path, CONTACTS_LIMIT))
    if "BEGIN:VCARD" not in text.upper():
        raise ExchangeError(f"{path} holds no vCard (no BEGIN:VCARD line)")
    builder = PlanBuilder(ImportPlan(SOURCE, str(path), keeps=KEEPS), existing)
    found = list(cards(text))
    left: Counter[str] = builder.plan.left_out
    for item in builder.read(((_line(c), c) for c in found), len(found), progress):
        line, card = item
        if isinstance(card, tuple):
            builder.error(line, card[1])
            continue
        kind = card.first("KIND")
        if kind is not None and kind.text.strip().casefold() == "group":
            builder.skip(line, "a group of contacts (KIND:group), not a person")
            continue
        fields, company, reach = _person(card)
        company_card = _is_company_card(card)
        left.update(_left_out(card, company_card=company_card))
        if company_card:
            name = company or str(fields["name"])
            url = next((p.text.strip() for p in card.all("URL") if p.text.strip()), "")
            if not name:
                builder.skip(line, "a company card without a name")
            elif (known := builder.companies.find(name)) is not None:
                if not builder.company_website(known, url):
                    builder.plan.matched.append(RowNote(line, f"{name}: company already here"))
            else:
                try:
                    builder.company(name, line, website=url)
                except ValidationError as exc:
                    builder.error(line, describe(exc))
            continue
        if not fields["name"]:
            builder.skip(line, "a card without a name")
            continue
        if builder.person(line, fields, company=company) is not None:
            builder.plan.dropped.extend(left_out(line, str(fields["name"]), reach.refused))
    return builder.plan


def _line(item: Card | tuple[int, str]) -> int:
    return item[0] if isinstance(item, tuple) else item.line
