"""Postal addresses in contact spreadsheets: Google Contacts', Outlook's, or plain columns.

These columns are matched by their whole name only (ignoring case and
punctuation), never by how they start: "Address 1 - City" is not an
address, "Business Street" not a business field, and no other field takes
them. Outlook's business address is used, else its home address.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jobfutures_tui.exchange.address import AddressParts

_PARTS = ("po_box", "extended", "street", "city", "region", "postal_code", "country")
"""In :class:`AddressParts` order; ``city`` is its locality."""

ADDRESS_COLUMNS: dict[str, tuple[str, ...]] = {
    "address": ("address", "postaladdress", "mailingaddress", "fulladdress", "address1formatted"),
    "address_po_box": ("pobox", "address1pobox", "businessaddresspobox"),
    "address_extended": ("addressline2", "address1extendedaddress", "businessstreet2"),
    "address_street": (
        "street",
        "streetaddress",
        "addressline1",
        "address1street",
        "businessstreet",
    ),
    "address_city": ("address1city", "businesscity"),
    "address_region": ("state", "province", "region", "address1region", "businessstate"),
    "address_postal_code": (
        "postalcode",
        "postcode",
        "zip",
        "zipcode",
        "address1postalcode",
        "businesspostalcode",
    ),
    "address_country": ("country", "address1country", "businesscountryregion"),
    "home_po_box": ("homeaddresspobox",),
    "home_extended": ("homestreet2",),
    "home_street": ("homestreet",),
    "home_city": ("homecity",),
    "home_region": ("homestate",),
    "home_postal_code": ("homepostalcode",),
    "home_country": ("homecountryregion",),
}
"""Each address field a column can fill, and the whole column names (squashed) that do."""


def address_and_city(row: dict[str, Any]) -> tuple[str, str]:
    """The postal address and the city a row's columns give, taking the address
    columns out of the row. A whole address wins over its parts; a City column
    over the address's."""
    work, home = (
        AddressParts(*(str(row.pop(f"{kind}_{part}", "")) for part in _PARTS))
        for kind in ("address", "home")
    )
    whole = str(row.pop("address", "")).strip()
    city = str(row.get("city") or "").strip()
    if not work.locality and city:
        work = replace(work, locality=city)  # a plain sheet: Street, City, State, Zip
    chosen = work if work.text() or not home.text() else home
    return whole or chosen.text(), city or chosen.city or work.city or home.city
