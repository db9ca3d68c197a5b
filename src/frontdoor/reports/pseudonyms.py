"""Pseudonyms and coarsened dates for the analyst exports (pure: no database, no Django).

A pseudonym is a keyed hash (HMAC-SHA256) of what it stands for, with the project's key: the same child gets the
same pseudonym in every export and every run; a project with another key gets other pseudonyms; and without the key
nobody can work back from a pseudonym, nor find one by trying every NHS number (a plain hash could be reversed that
way in minutes, there being only a billion of them). The kind of thing hashed is part of the message, so a person's
pseudonym and an NHS number's never coincide.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

LENGTH = 16  # hex characters: 64 bits, no collision to be expected among a county's people


def pseudonym(key: str, kind: str, value: object) -> str:
    """The pseudonym of `value` (a person's id, an NHS number, a reference) of the given kind."""
    message = f"{kind}:{value}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:LENGTH]


def month_of(day: date | None) -> str:
    """A date kept to its month ("2014-05"): a date of birth with its day taken away."""
    return day.strftime("%Y-%m") if day is not None else ""


AGE_BANDS = [(0, 0, "Under 1"), (1, 4, "1 to 4"), (5, 9, "5 to 9"), (10, 15, "10 to 15"), (16, 17, "16 to 17")]


def age_on(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_band(born: date | None, on: date) -> str:
    """The age band on a day, in the CIN census's bands ("18 and over" past them, "" when the birth is unknown)."""
    age = age_on(born, on)
    if age is None:
        return ""
    if age < 0:
        return "Unborn"
    for least, most, words in AGE_BANDS:
        if least <= age <= most:
            return words
    return "18 and over"
