"""Which school each child attends at the latest census, and the UPN they were given when they started school."""

from __future__ import annotations

from random import Random

from frontdoor.core.identifiers import upn_check_letter
from frontdoor.synth.dates import school_year_group
from frontdoor.synth.people import CHILD, Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.reference import ALL_THROUGH, ALTERNATIVE, LA_CODE, PRIMARY, SECONDARY, SIXTEEN_PLUS, School
from frontdoor.synth.world import World

INDEPENDENT_SHARE = 0.06
ALTERNATIVE_PROVISION = (0.001, 0.005, 0.025, 0.05)  # secondary-age pupils in AP, by household risk
FURTHER_EDUCATION = 0.45  # sixteen- and seventeen-year-olds at a college rather than a school sixth form
FROM_ANOTHER_LA = 0.1  # pupils whose UPN was issued elsewhere before they moved to Esterbury
FORMER_UPN = 0.015  # pupils who first had a temporary UPN
_OTHER_LAS = ("936", "937", "939", "940", "941")
TEMPORARY_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


class Schooling:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng: Random = world.population_rng
        self._serials: dict[tuple[str, int, int], int] = {}

    def year_group(self, child: Person) -> int | None:
        if child.kind != CHILD or child.dob is None:
            return None
        group = school_year_group(child.dob, self.world.census_year)
        return group if 0 <= group <= 13 else None

    def cluster(self, cluster: Cluster) -> None:
        rng, reference = self.rng, self.world.reference
        for household in cluster.households:
            independent = rng.random() < INDEPENDENT_SHARE
            chosen: dict[str, School] = {}
            for child in household.children:
                group = self.year_group(child)
                if group is None or child.household is not household or child.school:
                    continue
                if group <= 6:
                    phase = ALL_THROUGH if independent else PRIMARY
                elif group <= 11:
                    phase = ALL_THROUGH if independent else SECONDARY
                    if not independent and rng.random() < ALTERNATIVE_PROVISION[household.risk]:
                        phase = ALTERNATIVE
                else:
                    phase = SIXTEEN_PLUS if rng.random() < FURTHER_EDUCATION else SECONDARY
                # Brothers and sisters mostly go to the same school.
                if phase not in chosen or rng.random() < 0.1:
                    chosen[phase] = reference.school_for(rng, phase, household.district)
                school = chosen[phase]
                child.school = school.urn
                self._upn(child, group)

    def _upn(self, child: Person, group: int) -> None:
        rng, reference = self.rng, self.world.reference
        entry_year = self.world.census_year - group  # the September they started in Reception
        if rng.random() < 0.15:
            entry_year += 1 + int(rng.random() * max(1, group))  # joined a school later
        la = LA_CODE if rng.random() >= FROM_ANOTHER_LA else _OTHER_LAS[int(rng.random() * len(_OTHER_LAS))]
        primaries = reference.by_phase[PRIMARY]
        estab = primaries[int(rng.random() * len(primaries))].estab if la == LA_CODE else 2000 + int(rng.random() * 400)
        key = (la, estab, entry_year % 100)
        serial = self._serials.get(key, 0) + 1
        while serial > 999:  # a full year at one school: allocate at a neighbouring establishment number
            estab += 1
            key = (la, estab, entry_year % 100)
            serial = self._serials.get(key, 0) + 1
        self._serials[key] = serial
        body = f"{la}{estab:04d}{entry_year % 100:02d}{serial:03d}"
        child.upn = upn_check_letter(body) + body
        if rng.random() < FORMER_UPN:
            letter = TEMPORARY_LETTERS[int(rng.random() * len(TEMPORARY_LETTERS))]
            temporary = f"{la}{estab:04d}{entry_year % 100:02d}{int(rng.random() * 100):02d}{letter}"
            child.former_upn = upn_check_letter(temporary) + temporary
