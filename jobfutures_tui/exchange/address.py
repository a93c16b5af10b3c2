"""A postal address from the parts address books and spreadsheets split it into.

Only what a letter can reach becomes an address: a street or a PO box. A
locality alone ("Berlin") is where someone is, not where to write, so it is
kept as their city only; otherwise the advice would suggest a letter that
cannot be sent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AddressParts:
    """The components of a vCard ADR, in its order (RFC 6350 6.3.1)."""

    po_box: str = ""
    extended: str = ""
    """An apartment or suite ("Suite 400")."""
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def text(self) -> str:
        """The address on readable lines, or "" without a street or PO box:

        street (one line or several), extended, PO box,
        "locality, region postal code", country.
        """
        po_box = _clean(self.po_box)
        if po_box[:1].isdigit():
            po_box = f"PO Box {po_box}"
        street = _clean(self.street)
        if not street and not po_box:
            return ""
        place = _clean(self.locality)
        for separator, part in ((", ", self.region), (" ", self.postal_code)):
            part = _clean(part)
            if part:
                place = f"{place}{separator}{part}" if place else part
        lines = (street, _clean(self.extended), po_box, place, _clean(self.country))
        return "\n".join(line for line in lines if line)

    @property
    def city(self) -> str:
        return " ".join(self.locality.split())


def _clean(part: str) -> str:
    """Each line stripped, empty lines dropped."""
    return "\n".join(line.strip() for line in part.splitlines() if line.strip())
