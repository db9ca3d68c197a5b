"""Esterbury's districts, streets and postcodes.

Postcodes use the invented area ``ES`` (districts ES1-ES30), valid in form for the UK postcode pattern. Addresses
are slots (street, house number) taken from a scattered permutation, so no two households are ever given the same
address and no set of used addresses has to be kept.
"""

from __future__ import annotations

from random import Random

from frontdoor.synth import names_data
from frontdoor.synth.sampling import ScatteredIds, weighted

DISTRICTS = 30
HOUSES_PER_STREET = 120
HOUSES_PER_POSTCODE = 40
# The inward code's unit letters never include C, I, K, M, O or V.
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


class Address:
    __slots__ = ("district", "line", "postcode", "town")

    def __init__(self, line: str, postcode: str, town: str, district: int) -> None:
        self.line = line
        self.postcode = postcode
        self.town = town
        self.district = district


class District:
    __slots__ = ("deprivation", "diversity", "number", "outward", "town")

    def __init__(self, number: int, town: str, deprivation: float, diversity: float) -> None:
        self.number = number
        self.outward = f"ES{number}"
        self.town = town
        self.deprivation = deprivation
        self.diversity = diversity


class AddressBook:
    """Streets enough for ``capacity`` addresses, each given out at most once."""

    def __init__(self, rng: Random, capacity: int) -> None:
        self.districts = [
            District(n, names_data.TOWNS[(n - 1) * len(names_data.TOWNS) // DISTRICTS], rng.random(), rng.random())
            for n in range(1, DISTRICTS + 1)
        ]
        stems = names_data.STREET_STEMS.split()
        kinds = weighted(names_data.STREET_KINDS)
        streets_needed = max(DISTRICTS * 10, capacity * 3 // HOUSES_PER_STREET + 1)
        self._streets: list[tuple[str, int]] = []
        per_district: list[set[str]] = [set() for _ in range(DISTRICTS)]
        while len(self._streets) < streets_needed:
            index = len(self._streets)
            district = index % DISTRICTS
            name = f"{stems[int(rng.random() * len(stems))]} {kinds.pick(rng)}"
            if name in per_district[district]:
                # Common street names repeat across towns; within one district give the repeat a qualifier.
                name = f"{name} {('North', 'South', 'East', 'West', 'Upper', 'Lower')[index % 6]}"
                if name in per_district[district]:
                    name = f"{name} {index}"
            per_district[district].add(name)
            self._streets.append((name, district))
        self._slots = ScatteredIds(len(self._streets) * HOUSES_PER_STREET, rng.getrandbits(32))
        self._postcode_salt = rng.getrandbits(16)

    def new(self) -> Address:
        slot = self._slots.take()
        street_index, house = divmod(slot, HOUSES_PER_STREET)
        name, district = self._streets[street_index]
        info = self.districts[district]
        flat = f"Flat {house % 6 + 1}, " if street_index % 9 == 0 else ""
        postcode = self._postcode(street_index, house // HOUSES_PER_POSTCODE)
        return Address(f"{flat}{house + 1} {name}", postcode, info.town, district)

    def _postcode(self, street_index: int, block: int) -> str:
        unit = (street_index * 7 + block * 131 + self._postcode_salt) % (10 * len(_UNIT_LETTERS) ** 2)
        sector, rest = divmod(unit, len(_UNIT_LETTERS) ** 2)
        letters = _UNIT_LETTERS[rest // len(_UNIT_LETTERS)] + _UNIT_LETTERS[rest % len(_UNIT_LETTERS)]
        return f"{self.districts[self._streets[street_index][1]].outward} {sector}{letters}"

    def random_postcode(self, rng: Random) -> str:
        """Somewhere in the county (where an incident happened), without using up an address."""
        street_index = int(rng.random() * len(self._streets))
        return self._postcode(street_index, int(rng.random() * HOUSES_PER_STREET / HOUSES_PER_POSTCODE))

    def district(self, index: int) -> District:
        return self.districts[index]
