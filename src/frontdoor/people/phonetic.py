"""A phonetic key for names, so that a search for Smyth finds Smith and Catherine finds Katherine. Pure.

Soundex (the US census's, as used in name searches for a century) keeps the first letter as it is spelt, so
Catherine (C365) and Katherine (K365) differ; this key first rewrites the spellings English names start with
interchangeably (C before a, o, u, l, r as K; PH as F; KN, WR, GN, PS as their sounding letter; Y and IE at the start
as I) and then takes Soundex of the result. Non-letters are dropped; accents are folded to their base letter.
"""

from __future__ import annotations

import unicodedata

_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}
_STARTS = (("ph", "f"), ("kn", "n"), ("wr", "r"), ("gn", "n"), ("ps", "s"), ("wh", "w"))


def _letters(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if "a" <= ch <= "z")


def phonetic_key(name: str) -> str:
    """'Smyth' -> 'S530', 'Catherine' -> 'K365'; '' for a name with no letters."""
    letters = _letters(name)
    if not letters:
        return ""
    for spelt, sound in _STARTS:
        if letters.startswith(spelt):
            letters = sound + letters[len(spelt) :]
            break
    if letters[0] == "c" and letters[1:2] in ("a", "o", "u", "l", "r"):
        letters = "k" + letters[1:]
    key, last = letters[0].upper(), _CODES.get(letters[0], "")
    for ch in letters[1:]:
        code = _CODES.get(ch, "")
        if code and code != last:
            key += code
            if len(key) == 4:
                break
        if ch not in "hw":  # h and w do not separate two letters with the same code; vowels do
            last = code
    return key.ljust(4, "0")
