"""An address as records are compared by it: the first line and the postcode, as written, ignoring case, commas and
spacing. Pure: no Django (linkage's batch reader of a county's extracts uses it outside the application)."""

from __future__ import annotations


def address_key(address: str, postcode: str) -> tuple[str, str] | None:
    """An address as it is compared: None without a postcode."""
    if not postcode:
        return None
    line = " ".join(address.lower().replace(",", " ").split())
    return line, " ".join(postcode.upper().split())
