"""Are two first names, two sets of name parts or two dates of birth one person's? What the twin guard (guards.py)
asks of each pair of records it weighs: a typo, a neighbouring key, a short form, another order or a transposed date
explains a difference between one person's records, and so does one name spelt two ways (Maryam and Meryem);
parents do not name twins so. Pure: no Django."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from functools import cache
from types import MappingProxyType

from frontdoor.linkage.names import name_keys
from frontdoor.linkage.similarity import within_one_edit
from frontdoor.linkage.spellings import same_spelling
from frontdoor.people.birthdates import transposed

SPELLING = 0.8  # names at least this alike (difflib's ratio) are another spelling of one name, or a typo of it


@cache  # the same few thousand names meet again and again
def similar(a: str, b: str) -> bool:
    """Could these first names be the same person's? Equal, one name spelt two ways, nickname, prefix, or a typo
    apart."""
    if a == b or a.startswith(b) or b.startswith(a) or same_spelling(a, b):
        return True
    if set(name_keys(a)) & set(name_keys(b)):
        return True
    if letters_swapped(a, b):
        return True
    if slip(a, b):
        return True
    return SequenceMatcher(None, a, b).ratio() >= SPELLING


# The rows of a QWERTY keyboard, each offset half a key from the one above.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _neighbours() -> dict[str, frozenset[str]]:
    """Each letter's neighbours on the keyboard: beside it, and the keys touching it above and below."""
    near: dict[str, set[str]] = {}
    for row, line in enumerate(_ROWS):
        for at, key in enumerate(line):
            keys = near.setdefault(key, set())
            keys.update(line[max(0, at - 1) : at + 2])
            for other in (row - 1, row + 1):
                if 0 <= other < len(_ROWS):
                    keys.update(_ROWS[other][max(0, at - 1) : at + 2])
            keys.discard(key)
    return {key: frozenset(keys) for key, keys in near.items()}


_NEAR = _neighbours()


@cache
def slip(a: str, b: str) -> bool:
    """Is one of these first names the other with one neighbouring key struck past its first letter (Avq for Ava,
    Afis for Afia)? For longer names the spelling ratio already says so; a short name is too short for a ratio."""
    if len(a) != len(b) or len(a) < 3:
        return False
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    return len(differ) == 1 and differ[0] > 0 and b[differ[0]] in _NEAR.get(a[differ[0]], ())


def letters_swapped(a: str, b: str) -> bool:
    """Two neighbouring letters typed the wrong way round (Olra for Orla, Afosno for Afonso): no one is named so."""
    return len(a) == len(b) > 2 and _swapped(a, b)


def _swapped(a: str, b: str) -> bool:
    """Equal but for two neighbouring characters swapped."""
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) != 2 or differ[1] != differ[0] + 1:
        return False
    return a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]


@cache  # asked of each record's date of birth whenever the guard makes or weighs a group: the same dates recur
def unordered(dob: str) -> str:
    """A date of birth with day and month in a fixed order, so that a transposed date keys with the true one."""
    return min(dob, transposed(dob))


@cache
def short_form(a: str, b: str) -> bool:
    """Is one of these first names the other's short form (Danny for Daniel, Liv for Olivia), not another spelling
    of it (Jaden for Jayden)? Parents give twins alike names, never a name and its own short form."""
    return bool(set(name_keys(a)) & set(name_keys(b))) and SequenceMatcher(None, a, b).ratio() < SPELLING


@cache
def same_birth(a: str, b: str) -> bool:
    """Could these dates of birth be one person's? Equal, day and month transposed, one keystroke apart, or one part
    of the date a digit out (the 9th for the 10th, 2019 for 2018: two characters, one slip)."""
    if a == b or a == transposed(b):
        return True
    if len(a) != len(b):
        return False
    parts = [(x, y) for x, y in zip(a.split("-"), b.split("-"), strict=False) if x != y]
    if len(parts) == 1 and parts[0][0].isdigit() and parts[0][1].isdigit():
        return abs(int(parts[0][0]) - int(parts[0][1])) in (1, 10) or _one_slip(a, b)
    return _one_slip(a, b)


def _one_slip(a: str, b: str) -> bool:
    """One character changed, or two neighbours swapped."""
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) == 1:
        return True
    i, j = differ[0], differ[-1]
    return len(differ) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]


def parts_alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Are these the same names, part by part, in any order (names.name_parts of two records)? They are when one's
    parts are all among the other's (another order, or a part left out: Nguyen Thi Lan and Lan Nguyen), or would be
    but for one part that is a typo of one of the other's (`similar`, the tolerance first names have in the same
    order: Zhou Jiango and Jianguo Zhou), with at least one part equal. Twins share a family name and nothing else of
    their names, so twins are alike here only where their first names are alike in the same order too (Jayden and
    Jaden); the rule for one system's records (Rule.SYSTEM_NAMES) still keeps those apart. A name of one part (a first
    name that is the family name too, Mohamed Mohamed; a mononym) is alike only to itself: its part is the family name
    a twin shares (Hassan Mohamed), not a part left out."""
    if len(a) == 1 or len(b) == 1:
        return a == b
    if a <= b or b <= a:
        return True
    if a.isdisjoint(b):
        return False
    left, right = _words(a - b, a), _words(b - a, b)
    few, many = (left, right) if len(left) <= len(right) else (right, left)
    if not few:
        return True  # every word of one is the other's, once its words run together are set aside: a part left out
    # One part of the shorter name left to pair; the longer name's other unpaired parts are parts left out.
    return len(few) == 1 and any(similar(next(iter(few)), other) for other in many)


def _words(unpaired: frozenset[str], parts: frozenset[str]) -> set[str]:
    """The unpaired parts less any that is two or more of the record's other parts run together (name_parts holds a
    name of several words whole as well as word by word: 'thithao' beside 'thi' and 'thao')."""
    return {part for part in unpaired if not run_together(part, parts - {part})}


@cache
def run_together(part: str, others: frozenset[str], pieces: int = 0) -> bool:
    if not part:
        return pieces >= 2
    return any(part.startswith(o) and run_together(part[len(o) :], others, pieces + 1) for o in others if o)


def split_first(first: str | None, parts: Iterable[str] | None) -> tuple[str, str] | None:
    """A first name of two words (names.name_parts holds it whole beside its words) as (first word, second word)."""
    if not first or not parts:
        return None
    held = set(parts)
    if first not in held:
        return None
    for head in sorted(held):
        if len(head) < len(first) and first.startswith(head) and first[len(head) :] in held:
            return head, first[len(head) :]
    return None


# Below this many people a real name is often held by one family alone (a small county, a short file): rarity says
# nothing there, and the rule that takes a rare name for a typo of a common one is off.
TYPOS_NEED_PEOPLE = 20_000
# A name is taken for a typo of a name one edit from it held by at least this many times as many people: a typo of a
# common name recurs (Shhaw for Shaw, by chance, in three families of fifty thousand people); twins' names one edit
# apart (Millie and Mollie, Jayden and Jaden) are each given to many children.
TYPO_RARITY = 10
NO_COUNTS: Mapping[str, int] = MappingProxyType({})


class NameCounts(Counter[str]):
    """How many people hold each name (count_names), and the names each name is mistyped from (corrections), worked
    out once per name: the guard asks of the same names again and again."""

    def __init__(self) -> None:
        super().__init__()
        self.corrected: dict[str, frozenset[str]] = {}


def count_names(names: Iterable[tuple[str | None, str | None, str | None]]) -> Mapping[str, int]:
    """How many people hold each name (first names and surnames alike), counted from each distinct (first name,
    surname, date of birth) of a file large enough for rarity to mean a typo; none in a smaller file. A system that
    copies a record copies its typo with it (two police records of Freddiie Watson, born on one day): one holder."""
    counts = NameCounts()
    held = 0
    for first, last, _dob in names:
        held += 1
        counts.update(name for name in {first, last} if name)
    return counts if held >= TYPOS_NEED_PEOPLE else NO_COUNTS


def mistyped(x: str, y: str, name_counts: Mapping[str, int]) -> bool:
    """One edit or one misread shape apart, one name held by TYPO_RARITY times as many people as the other: the
    rarer is the other mistyped or misread (Freddiie for Freddie, McCathy for McCarthy, Fadurno for Fadumo)."""
    if not name_counts:
        return False
    (low, rare), (high, common) = sorted(((name_counts.get(x, 0), x), (name_counts.get(y, 0), y)))
    return (
        high >= TYPO_RARITY * max(low, 1)
        and (within_one_edit(x, y) or _shapes(x) == _shapes(y))
        and not known_apart(rare, common)
    )


def known_apart(rare: str, common: str) -> bool:
    """Is the rarer name a name of its own, not the common one mistyped: a short form the name table knows of another
    name (Bella, Isabella's, one letter from Ella; twins are Bella and Ella)?"""
    keys = name_keys(rare)
    return bool(keys) and not set(keys) & set(name_keys(common))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


# A name no name table knows, held by at most this many people, one edit from a name the table knows, is that name
# mistyped (Bobbby for Bobby): short forms are few in a file, too few to be TYPO_RARITY times as common as a typo.
UNKNOWN_AND_RARE = 2


def corrections(name: str, name_counts: Mapping[str, int]) -> frozenset[str]:
    """The names this one is mistyped from: one edit (a letter left out, added, changed, or two swapped) from it and
    held by TYPO_RARITY times as many people (as `mistyped`), or, for a name the name table (names.name_keys) does not
    know and few hold, known to it. Izzg is Izzy mistyped, so a short form of Isabella; Mtailda and Matlida are both
    Matilda; Bobbby is Bobby. None in a file too small for rarity to mean a typo."""
    if not name_counts:
        return frozenset()
    memo = name_counts.corrected if isinstance(name_counts, NameCounts) else {}
    found = memo.get(name)
    if found is None:
        held = name_counts.get(name, 0)
        unknown = held <= UNKNOWN_AND_RARE and not name_keys(name)
        found = memo[name] = frozenset(
            edit
            for edit in _edits(name)
            if (name_counts.get(edit, 0) >= TYPO_RARITY * max(held, 1) and not known_apart(name, edit))
            or (unknown and name_keys(edit))
        )
    return found


def _edits(name: str) -> frozenset[str]:
    ends = [(name[:i], name[i:]) for i in range(len(name) + 1)]
    edits = {a + b[1:] for a, b in ends if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in ends if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in ends if b for c in _LETTERS}
    edits |= {a + c + b for a, b in ends for c in _LETTERS}
    return frozenset(edits - {name})


# Shapes a scanner, or a reader of handwriting, takes for others: two letters read as one, one read as two (Fadurno
# for Fadumo, Corinor for Connor). A single letter misread (Evic for Evie) is one edit already.
_MISREAD = (("rn", "m"), ("ri", "n"), ("cl", "d"), ("li", "h"), ("vv", "w"))


@cache
def _shapes(name: str) -> str:
    """The name with each pair of letters that reads as one letter written as that letter."""
    for pair, letter in _MISREAD:
        name = name.replace(pair, letter)
    return name


# A Sikh's Singh or Kaur stands in many records where the family name would (Harpreet Kaur, family name Sandhu).
SIKH_NAMES = frozenset({"singh", "kaur"})


def one_surname(x: str, y: str) -> bool:
    """Could these surnames be one child's in two registrations that agree on first name, date of birth, sex and
    postcode? One is part of the other (Taylor-Smith and Taylor, Fernandes da Silva and Silva: prepared names run
    their words together; Ivanov and Ivanova, Novak and Novakova), or one is a Sikh's Singh or Kaur in place of the
    family name, or the two are one family name's forms for a man and a woman (Kowalski and Kowalska; Jankauskas,
    Jankauskiene and Jankauskaite: a boy registered under his mother's form)."""
    if x in SIKH_NAMES or y in SIKH_NAMES:
        return True
    short, long = sorted((x, y), key=len)
    if len(short) >= 3 and (long.startswith(short) or long.endswith(short)):
        return True
    stem = _surname_stem(x)
    return len(stem) >= 4 and stem == _surname_stem(y)


# The endings of one family name's forms for a man, a married woman and an unmarried one: Polish (Kowalski, Kowalska;
# Zielinski, Zielinska: -cki, -dzki alike) and Lithuanian (Jankauskas, Jankauskiene, Jankauskaite; Petraitis,
# Petraitiene, Petraityte), as prepared names hold them (diacritics dropped). Longest first.
# Each ending with what the forms share of it.
_GENDERED_ENDINGS = (
    ("iute", ""), ("iene", ""), ("aite", ""), ("ute", ""), ("yte", ""), ("ski", "sk"), ("ska", "sk"), ("cki", "ck"),
    ("cka", "ck"), ("as", ""), ("is", ""), ("us", ""), ("ys", ""),
)  # fmt: skip


def _surname_stem(name: str) -> str:
    """A family name less the ending its forms for a man and a woman differ by (Kowalsk, Jankausk), or as it is."""
    for ending, shared in _GENDERED_ENDINGS:
        if name.endswith(ending):
            return name[: -len(ending)] + shared
    return name


def one_name_in_parts(records: set[frozenset[str]], name_counts: Mapping[str, int]) -> bool:
    """Could records of one system on one date of birth, by their name parts, be one child's? They could if of every
    two, one's parts are all among the other's: the same names in another order (Liu Jianguo and Jianguo Liu), or
    with a part left out (Khoa Huynh and Van Khoa Huynh; Tran Trang and Thi Trang Tran: a shared Thi or Van, or the
    Muhammad brothers share, dropped), once a part few people hold is read as the part many hold one edit from it
    (Homg for Hong: mistyped). No typo is allowed otherwise: twins Jayden and Jaden Smith differ in one part
    and both names are common. Parts that are two others run together (thithao beside thi and thao) are left out."""
    ordered = [_words_only(parts) for parts in sorted(records, key=sorted)]
    for i, x in enumerate(ordered):
        for y in ordered[i + 1 :]:
            x_read, y_read = _read_as(x, y, name_counts), _read_as(y, x, name_counts)
            if not (x_read <= y_read or y_read <= x_read):
                return False
    return True


def _words_only(parts: frozenset[str]) -> frozenset[str]:
    return frozenset(part for part in parts if not run_together(part, parts - {part}))


def _read_as(parts: frozenset[str], other: frozenset[str], name_counts: Mapping[str, int]) -> frozenset[str]:
    """Each part few people hold read as the part of `other`, held by many, it is mistyped from."""
    if not name_counts:
        return parts
    return frozenset(
        next(
            (
                o
                for o in sorted(other)
                if name_counts.get(part, 0) < name_counts.get(o, 0) and mistyped(part, o, name_counts)
            ),
            part,
        )
        for part in parts
    )
