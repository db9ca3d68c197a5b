"""Dates of birth as agencies mistype them. Pure: no Django.

The commonest slip is day and month the other way round (3 July written as 7 March, a US-style form or a hurried
keyboard). Finding a person (singleview.search), finding candidates for an arrival (linkage.candidates), scoring a
pair (linkage.conditions, as the Splink model's own level) and the twin guard (linkage.guards) all ask it through
this one function, so they agree on what a transposition is.
"""

from __future__ import annotations

from datetime import date


def transposed(dob: str) -> str:
    """An ISO date ('YYYY-MM-DD') with day and month swapped: '2015-03-07' -> '2015-07-03'. The text only: the
    result is not always a real date ('2015-03-17' -> '2015-17-03'), so it matches no real one."""
    return f"{dob[:4]}-{dob[8:10]}-{dob[5:7]}"


def transposed_date(dob: date) -> date | None:
    """The real date with day and month swapped, if there is one and it differs (3 March has none)."""
    swapped = transposed(dob.isoformat())
    if dob.day > 12 or swapped == dob.isoformat():
        return None
    return date.fromisoformat(swapped)
