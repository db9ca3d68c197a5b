"""A second synthetic population, written apart from the county generator (frontdoor.synth) and sharing none of
its code, names or error model, so that the linkage is measured on more than one generator's habits.

    from second_population import generate
    population = generate(people=50_000, seed=1)
    population.records   # dicts of the columns the linkage engine takes, plus person_id, group and age_band
    population.twins     # pairs of person ids

Pure Python, no Django; nothing in frontdoor imports it (the benchmark and the tests do). See
docs/second-population.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from second_population.names import GROUPS
from second_population.recording import (
    CSC_HOUSEHOLD,
    HOUSEHOLD_MOVED,
    POLICE_HOUSEHOLD,
    Recorder,
    duplicates,
    who_knows,
)
from second_population.world import AGE_BANDS, Person, World, new_postcode

# The columns the linkage engine reads (frontdoor.linkage.preparation.RAW), in its order.
ENGINE_COLUMNS = ("unique_id", "source", "first_name", "middle_names", "last_name", "dob", "sex", "postcode",
                  "nhs_number", "upn", "age_years", "age_from", "age_to")  # fmt: skip
# What each record carries beyond them: what it is recorded with (its address, a police incident), for household
# context; and for scoring, the true person, the name-origin group, the age band.
LABELS = ("together", "person_id", "group", "age_band")


@dataclass
class Population:
    people: list[Person]
    records: list[dict[str, Any]]
    twins: set[frozenset[str]]

    def person_of(self) -> dict[str, str]:
        return {r["unique_id"]: r["person_id"] for r in self.records}


def generate(people: int = 50_000, seed: int = 1) -> Population:
    """About `people` people in households, and every record the four systems hold of them."""
    rng = random.Random(seed)
    world = World(rng)
    everyone = world.build(people)
    recorder = Recorder(rng, world.new_nhs)
    records: list[dict[str, Any]] = []
    households: dict[str, list[Person]] = {}
    for person in everyone:
        households.setdefault(person.household, []).append(person)
    for members in households.values():
        if rng.random() < HOUSEHOLD_MOVED:
            previous = new_postcode(rng)  # where they lived before: what a record not yet updated still says
            for person in members:
                person.previous_postcode = previous
        csc_known = rng.random() < CSC_HOUSEHOLD
        police_known = rng.random() < POLICE_HOUSEHOLD
        for person in members:
            for system in who_knows(person, csc_known, police_known, rng):
                made = [recorder.record(person, system)]
                made.extend(recorder.record(person, system, **extra) for extra in duplicates(person, system, rng))
                for record in made:
                    record["together"] = _together(record, person.household, police_known)
                records.extend(made)
    twins = {frozenset((p.person_id, p.twin_of)) for p in everyone if p.twin_of}
    return Population(people=everyone, records=records, twins=twins)


def _together(record: dict[str, Any], household: str, police_known: bool) -> list[str]:
    """What the record is recorded with, as the systems would show it: the address it holds (a postcode is one
    household's here), and for the police, the incident at which a known household's members were recorded."""
    keys = [f"address:{record['postcode']}"] if record["postcode"] else []
    if record["source"] == "police" and police_known:
        keys.append(f"event:police:{household}")
    return keys


__all__ = ["AGE_BANDS", "ENGINE_COLUMNS", "GROUPS", "LABELS", "Population", "generate"]
