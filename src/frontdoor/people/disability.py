"""A child's disability as the children in need census codes it (item N00099), in words: the one table of its codes
that the census, the child's page and the figures by disability read. Pure: no Django.

The census records a disability by the category of everyday activity it affects, several at once, or NONE for a
child with none. It has no code for "not known": a child whose disability is not recorded is left out of the return.
On `Person.disabilities` the codes are held space-separated (NONE for none, blank for not recorded).
"""

from __future__ import annotations

from collections.abc import Iterable

NONE = "NONE"
# Each category's code, its name and what it covers, in the order the DfE's guide lists them.
CATEGORIES: dict[str, tuple[str, str]] = {
    "MOB": ("Mobility", "Getting about the house and beyond"),
    "HAND": ("Hand function", "Using hands for everyday tasks"),
    "PC": ("Personal care", "Such as eating, washing, going to the toilet or dressing"),
    "INC": ("Incontinence", "Controlling the passage of urine or faeces"),
    "COMM": ("Communication", "Speaking or understanding others"),
    "LD": ("Learning", "Understanding or learning new things"),
    "HEAR": ("Hearing", ""),
    "VIS": ("Vision", ""),
    "BEH": ("Behaviour", "A condition whose behaviour seriously disrupts the child's everyday life"),
    "CON": ("Consciousness", "Such as seizures"),
    "AUT": ("Autism", "A diagnosis of autism or Asperger syndrome"),
    "DDA": ("Another disability", "Any other disability the Equality Act 2010 recognises"),
}
CODES = frozenset({NONE, *CATEGORIES})
NO_DISABILITY = "No disability"
NOT_RECORDED = "Not recorded yet"


def parse(held: str | Iterable[str]) -> tuple[str, ...]:
    """The census's codes in what is held (space- or comma-separated), once each, in the order held; unknown codes
    dropped, and NONE dropped beside a category (the category is the one that holds)."""
    words = held.replace(",", " ").split() if isinstance(held, str) else list(held)
    codes = tuple(dict.fromkeys(w.strip().upper() for w in words if w.strip().upper() in CODES))
    return tuple(c for c in codes if c != NONE) if len(codes) > 1 else codes


def held(codes: Iterable[str]) -> str:
    """What `Person.disabilities` holds for these codes."""
    return " ".join(parse(codes))


def describe(codes: Iterable[str]) -> str:
    """The codes in words: "No disability", "Mobility, hearing and autism", or "Not recorded yet"."""
    found = parse(list(codes))
    if not found:
        return NOT_RECORDED
    if found == (NONE,):
        return NO_DISABILITY
    names = [CATEGORIES[c][0] for c in found]
    names = [names[0], *(n[0].lower() + n[1:] for n in names[1:])]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
