"""Names made comparable, so one place, person, vehicle or phone written in several records is one node. Pure.

Free text from missing children's records (where the child was, with whom; a trigger plan's places, associates,
vehicles and phones) is split into one name a line, a semicolon or a ", and": other commas are left alone, as
addresses carry them.
A phone is its digits (a leading +44 read as 0), a vehicle its registration without spaces (the rest of the
description ignored when a registration is in it), anything else its letters and digits in lower case without the
words that only pad it ("a", "the", "and"); words in brackets ("Dex (about 20)") never change the key, and a person
is known by what comes before the first comma or "and" (the name, before the description).
"""

from __future__ import annotations

import re

PADDING = frozenset({"a", "an", "the", "and", "at", "in", "on"})
LONGEST = 200
# A current-style registration (two letters, two numbers, three letters), so "AB12 CDE, silver Ford" is AB12CDE.
REGISTRATION = re.compile(r"\b[A-Z]{2}[0-9]{2} ?[A-Z]{3}\b")


def split_names(text: str) -> list[str]:
    """Each name a piece of free text holds: one a line or a semicolon, trimmed of full stops and blanks."""
    names = []
    for piece in re.split(r"[;\n]|, and ", text or ""):
        name = piece.strip().strip(".").strip()
        if name and name not in names:
            names.append(name[:LONGEST])
    return names


def key_for(kind: str, label: str) -> str:
    """The comparable form of a name of this kind (see the module's docstring)."""
    if kind == "phone":
        digits = re.sub(r"\D", "", label)
        return ("0" + digits[2:] if digits.startswith("44") else digits)[:LONGEST]
    label = re.sub(r"\([^)]*\)", " ", label)  # "Dex (about 20)" is Dex
    if kind == "vehicle":
        registration = REGISTRATION.search(label.upper())
        return re.sub(r"[^A-Z0-9]", "", registration.group(0) if registration else label.upper())[:LONGEST]
    if kind == "adult":  # the name comes first: "'Dex', about 20, slim" and "Dex and two other men" are Dex
        label = re.split(r",| and | aged | about ", label, maxsplit=1)[0]
    words = re.findall(r"[a-z0-9]+", label.lower())
    return " ".join(w for w in words if w not in PADDING)[:LONGEST]
