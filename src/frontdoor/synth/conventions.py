"""How each system records names from each community (docs/synthetic-county.md, "Names from every community").

A person's true names (truth/people.csv) are as their family gives them, diacritics and all. Each source record
writes them down as its system and its clerk would: family name first in the first-name box, a transliteration
other than the family's, a double surname cut to one part or hyphenated, a Somali child under the family's name
rather than the father's given name, the name a boy called Muhammad Imran goes by, the marks dropped by a system that
cannot hold them, a single name (mononym) put in both boxes. Every rate is a named constant, per source record, and
scales with ``--error-scale`` as the other mistakes do (errors.py), so that a scale of 0 gives clean copies.
"""

from __future__ import annotations

import unicodedata
from random import Random

from frontdoor.synth.errors import Identity, Mistakes
from frontdoor.synth.names_world import TRANSLITERATIONS
from frontdoor.synth.people import Person

FAMILY_NAME_FIRST = ("chinese", "vietnamese")
TRANSLITERATED = ("south_asian_muslim", "arabic", "somali", "afghan", "turkish")
# Family name first in the first-name box (and the given name in the surname box), by system: the forms of
# agencies that see the family in person (police, social care, early help) more often than registrations.
SWAPPED = {"police": 0.15, "csc": 0.1, "earlyhelp": 0.1, "education": 0.05, "health": 0.04}
# Vietnamese middle names (Thị, Văn) joined to the given name ("Thi Lan") or left out.
MIDDLE_JOINED = 0.15
# Another spelling of an Arabic, Persian or Somali name than the one the family uses.
TRANSLITERATION = 0.12
# A boy named Muhammad (or Mohammed) then his own name recorded by the name he goes by, the second.
GOES_BY = 0.3
# A double surname cut to one of its parts, or hyphenated.
DOUBLE_SURNAME_CUT = 0.3
DOUBLE_SURNAME_HYPHENATED = 0.1
# Diacritics dropped, by system: police systems hold none (extracts/police.py writes upper-case ASCII whatever this
# says, even at an error scale of 0).
PLAIN_LETTERS = {"police": 1.0, "csc": 0.5, "earlyhelp": 0.5, "education": 0.3, "health": 0.1}
_MUHAMMAD = {"Muhammad", "Mohammed", "Mohammad", "Mohamed"}
_SPELLINGS = {name: forms for forms in TRANSLITERATIONS for name in forms}


def plain(text: str) -> str:
    """Without diacritics, as a system that cannot hold them has it: 'Wójcik' -> 'Wojcik', 'Łukasz' -> 'Lukasz'."""
    text = text.translate(_NO_MARK)
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


_NO_MARK = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss"})


class RecordedNames(Mistakes):
    """The ordinary mistakes (errors.py), then the community's conventions as this system records them."""

    def identity(self, person: Person, system: str) -> Identity:
        identity = super().identity(person, system)
        origin, rng = person.origin, self.rng
        if origin == "english" or origin == "irish":
            return identity
        first, middle, last = identity.first, identity.middle, identity.last
        if not last:  # a single name: the system's form needs a surname, so the clerk writes the name twice
            last = first
        if origin in TRANSLITERATED and first in _SPELLINGS and self._conventional(TRANSLITERATION):
            first = _other(rng, first)
        if origin in TRANSLITERATED and last in _SPELLINGS and self._conventional(TRANSLITERATION):
            last = _other(rng, last)
        if first in _MUHAMMAD and middle and person.sex == "M" and self._conventional(GOES_BY):
            first, middle = middle.split()[0], ""
        if " " in last and origin == "iberian":
            if self._conventional(DOUBLE_SURNAME_CUT):
                parts = last.split()
                last = parts[-1] if parts[0].lower() in ("da", "dos", "de", "do") else parts[0]
            elif self._conventional(DOUBLE_SURNAME_HYPHENATED):
                last = last.replace(" ", "-")
        if origin == "vietnamese" and middle and self._conventional(MIDDLE_JOINED):
            first, middle = (f"{middle} {first}", "") if rng.random() < 0.5 else (first, "")
        if origin in FAMILY_NAME_FIRST and self._conventional(SWAPPED[system]):
            first, last = last, first
        if self._conventional(PLAIN_LETTERS[system]):
            first, middle, last = plain(first), plain(middle), plain(last)
        identity.first, identity.middle, identity.last = first, middle, last
        return identity

    def _conventional(self, rate: float) -> bool:
        scaled = min(1.0, rate * self.scale)
        return scaled > 0 and self.rng.random() < scaled


def _other(rng: Random, name: str) -> str:
    forms = [form for form in _SPELLINGS[name] if form != name]
    return forms[int(rng.random() * len(forms))]
