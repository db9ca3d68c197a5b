"""Phonetic keys for names of many origins, so that a search for Smyth finds Smith, Mohammed finds Muhammad and
Wojcik finds Wójcik. Pure.

The key is Lawrence Philips' Double Metaphone (the `doublemetaphone` package, a wrapper of his C++ original), which
was written for names from many languages: it knows Slavic, Germanic, Romance, Greek and Chinese spellings as well
as English ones, and gives a name a second, alternate key where it has two plausible sounds (Wojcik: AJSK and FJSK;
Smith: SM0 and XMT). It replaced a hand-written English Soundex, which kept the first letter as spelt and so put
Catherine and Katherine, or Zofia and Sofia, apart. Names are folded first (lower case, diacritics dropped, Ł as L),
as systems that cannot hold the marks type them, so a name keys the same with or without them.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from doublemetaphone import doublemetaphone

# Letters that carry no combining mark to strip, folded as systems without them type them (Łukasz as Lukasz,
# Đặng as Dang, the Turkish dotless i as i); the rest (é, ó, ş, ễ) lose their marks by Unicode decomposition.
FOLDED = {"ł": "l", "đ": "d", "ø": "o", "\u0131": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ħ": "h"}
_FOLD = str.maketrans(FOLDED)
# The stored key's length (SourceRecord.first_name_key and last_name_key): Double Metaphone's customary four.
KEY_LENGTH = 4


@lru_cache(maxsize=65_536)  # names recur: a real-time lookup folds each candidate's names
def fold(text: str) -> str:
    """Lower case, diacritics dropped as many systems drop them: 'Wójcik' -> 'wojcik', 'Nguyễn' -> 'nguyen'."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _letters(name: str) -> str:
    return "".join(ch for ch in fold(name) if "a" <= ch <= "z")


def phonetic_keys(name: str) -> list[str]:
    """Double Metaphone's primary and alternate keys of a name (one when they agree), sorted; [] for a name with no
    Latin letters. 'Wójcik' -> ['AJSK', 'FJSK']."""
    return list(_keys(_letters(name)))


@lru_cache(maxsize=65_536)  # the same few thousand names, again and again (each real-time lookup's candidates)
def _keys(letters: str) -> tuple[str, ...]:
    return tuple(sorted({key for key in doublemetaphone(letters) if key})) if letters else ()


def phonetic_key(name: str) -> str:
    """The primary key, at most four letters, as stored for search: 'Smyth' -> 'SM0', 'Mohammed' -> 'MHMT'; '' for
    a name with no Latin letters."""
    keys = doublemetaphone(letters)[0] if (letters := _letters(name)) else ""
    return keys[:KEY_LENGTH]


def sounds_alike(a: str, b: str) -> bool:
    """Whether two names share a phonetic key (primary or alternate)."""
    keys = phonetic_keys(a)
    return bool(keys) and not set(keys).isdisjoint(phonetic_keys(b))
