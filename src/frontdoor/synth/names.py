"""Frequency-weighted names by naming tradition, with the variants other agencies record for them."""

from __future__ import annotations

from random import Random

from frontdoor.synth import names_data, names_world
from frontdoor.synth.communities import CENSUS_2021_ENGLAND
from frontdoor.synth.sampling import Weighted, weighted

# Naming traditions with the CIN ethnicity codes used for people raised in them, weighted by England's census shares
# (communities.py cites them).
ORIGINS: Weighted[tuple[str, str]] = Weighted(list(CENSUS_2021_ENGLAND.items()))

# A child of parents from different traditions: the CIN mixed-heritage code.
MIXED = {"BCRB": "MWBC", "BOTH": "MWBC", "BAFR": "MWBA", "APKN": "MWAS", "ABAN": "MWAS", "AIND": "MWAS", "CHNE": "MOTH"}
# Vietnamese middle names: Thị for girls, Văn for boys (most, not all, families).
VIETNAMESE_MIDDLE = {"F": "Thị", "M": "Văn"}
# Afghan adults known by one name only (mononyms); their children take the father's name as a surname.
MONONYM_SHARE = {"afghan": 0.25}


def _parse_variants(text: str) -> dict[str, tuple[str, ...]]:
    variants: dict[str, tuple[str, ...]] = {}
    for token in text.split():
        name, _, forms = token.partition("=")
        variants[name] = tuple(forms.split(","))
    return variants


def _parse_pairs(text: str) -> list[tuple[str, str]]:
    return [(a, b) for a, _, b in (token.partition(":") for token in text.split())]


class NameBook:
    """Everything needed to name a person; built once per run."""

    def __init__(self) -> None:
        child_first = names_data.CHILD_FIRST | names_world.CHILD_FIRST
        adult_first = names_data.ADULT_FIRST | names_world.ADULT_FIRST
        self.child_first = {key: weighted(spec) for key, spec in child_first.items()}
        self.adult_first = {key: weighted(spec) for key, spec in adult_first.items()}
        self.surnames = {key: weighted(spec) for key, spec in (names_data.SURNAMES | names_world.SURNAMES).items()}
        self.variants = _parse_variants(names_data.VARIANTS)
        self.twin_pairs = {key: _parse_pairs(spec) for key, spec in names_data.TWIN_PAIRS.items()}
        self.spellings = {name: forms for forms in names_world.TRANSLITERATIONS for name in forms}
        # Middle names come from the English child list whatever the tradition, as they mostly do in practice.
        self.english_middle = {
            "M": weighted(names_data.CHILD_FIRST[("english", "M")]),
            "F": weighted(names_data.CHILD_FIRST[("english", "F")]),
        }

    def first_name(self, rng: Random, origin: str, sex: str, child: bool) -> str:
        table = self.child_first if child else self.adult_first
        name = table[(origin, sex)].pick(rng)
        return names_world.DIACRITICS.get(name, name)

    def middle_name(self, rng: Random, origin: str, sex: str, child: bool, avoid: str) -> str:
        if origin == "vietnamese":
            return VIETNAMESE_MIDDLE[sex] if rng.random() < 0.85 else ""
        if rng.random() >= names_data.MIDDLE_SHARE.get(origin, 0.45):
            return ""
        pool = self.english_middle[sex] if origin == "english" or rng.random() < 0.3 else None
        name = pool.pick(rng) if pool else self.first_name(rng, origin, sex, child)
        if name == avoid:
            name = self.english_middle[sex].pick(rng)
        return "" if name == avoid else name

    def surname(self, rng: Random, origin: str) -> str:
        name = self.surnames[origin].pick(rng).replace("_", " ")
        return names_world.DIACRITICS.get(name, name)

    def mononym(self, rng: Random, origin: str) -> bool:
        """Whether an adult of this tradition is known by a single name."""
        share = MONONYM_SHARE.get(origin, 0.0)
        return share > 0 and rng.random() < share

    def one_name(self, a: str, b: str) -> bool:
        """The same name, or two spellings of it (Muhammad and Mohammed): no family gives them to twins."""
        return a == b or b in self.spellings.get(a, ())

    def twin_names(self, rng: Random, origin: str, sexes: tuple[str, str]) -> tuple[str, str] | None:
        """A similar pair (Jayden/Jaden, Mia/Maya) for about a quarter of twins; None to name them separately."""
        if origin not in ("english", "south_asian_muslim") or rng.random() >= 0.25:
            return None
        key = "/".join(sexes) if sexes != ("F", "M") else "M/F"
        pairs = self.twin_pairs[key]
        a, b = pairs[int(rng.random() * len(pairs))]
        return (b, a) if sexes == ("F", "M") else (a, b)

    def variant(self, rng: Random, first: str, middle: str) -> str | None:
        """A nickname, short form or anglicised form of ``first``; failing that, the middle name used as a first."""
        forms = self.variants.get(first)
        if forms:
            return forms[int(rng.random() * len(forms))]
        if middle:
            return middle.split()[0]
        return None
