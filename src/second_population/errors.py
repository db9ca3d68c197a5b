"""How a true value turns into what a system holds: the mistakes of typing, scanning, hearing and remembering.

Each function takes the random stream and a value and returns the value as recorded; the rates at which they
happen are in recording.py, next to the systems they describe.
"""

from __future__ import annotations

import random
from datetime import date

from second_population.names import NICKNAMES, VARIANTS

# Letters next to each other on a UK QWERTY keyboard (the slips of a hurried typist).
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
ADJACENT: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _key in enumerate(_row):
        _near = [_row[i] for i in (_c - 1, _c + 1) if 0 <= i < len(_row)]
        _near += [_ROWS[r][i] for r in (_r - 1, _r + 1) if 0 <= r < 3 for i in (_c - 1, _c) if 0 <= i < len(_ROWS[r])]
        ADJACENT[_key] = "".join(_near)

# Shapes a scanner (or a tired reader of handwriting) confuses, both ways.
OCR_CONFUSIONS = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("li", "h"), ("e", "c"), ("h", "b"), ("u", "v"),
                  ("n", "ri"), ("a", "o"), ("i", "l"))  # fmt: skip


def keyboard_typo(rng: random.Random, name: str) -> str:
    """One slip: a neighbouring key, a letter doubled or dropped, or two letters swapped."""
    letters = [i for i, c in enumerate(name) if c.isalpha()]
    if len(letters) < 3:
        return name
    at = rng.choice(letters[1:])
    kind = rng.random()
    if kind < 0.5 and name[at].lower() in ADJACENT:
        near = rng.choice(ADJACENT[name[at].lower()])
        return name[:at] + near + name[at + 1 :]
    if kind < 0.65:
        return name[:at] + name[at] + name[at:]
    if kind < 0.8:
        return name[:at] + name[at + 1 :]
    return name[: at - 1] + name[at] + name[at - 1] + name[at + 1 :]


def ocr_error(rng: random.Random, name: str) -> str:
    """One misread shape, where the name has one to misread (else the name as it was)."""
    found = [(a, b) for a, b in OCR_CONFUSIONS if a in name[1:]]
    if not found:
        return name
    a, b = rng.choice(found)
    at = name.index(a, 1)
    return name[:at] + b + name[at + len(a) :]


def nickname(rng: random.Random, name: str) -> str:
    return rng.choice(NICKNAMES[name]) if name in NICKNAMES else name


def transliterate(rng: random.Random, name: str) -> str:
    """Another spelling of the same name in the Latin alphabet (Mohammed for Muhammad)."""
    return rng.choice(VARIANTS[name]) if name in VARIANTS else name


def swap_day_month(day: date) -> date:
    """The American order, or a form filled in wrongly: only possible when the day could be a month."""
    return day.replace(month=day.day, day=day.month) if day.day <= 12 and day.day != day.month else day


def mistyped_day(rng: random.Random, day: date) -> date:
    """A digit of the day keyed wrongly (a day in the same month, one or ten away)."""
    for shift in rng.sample((-10, -1, 1, 10), 4):
        try:
            return day.replace(day=day.day + shift)
        except ValueError:
            continue
    return day


def hyphen_variant(rng: random.Random, surname: str) -> str:
    """A multi-part surname as a system with one short box keeps it: hyphen as space, joined, or one part only."""
    parts = surname.replace("-", " ").split()
    if len(parts) < 2:
        return surname
    roll = rng.random()
    if roll < 0.3:
        return parts[0] if parts[0].lower() not in ("da", "dos", "de", "al", "el") else " ".join(parts[:2])
    if roll < 0.55:
        return parts[-1]
    if roll < 0.8:
        return " ".join(parts) if "-" in surname else "-".join(parts)
    return "".join(parts)
