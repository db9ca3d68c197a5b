"""The ground truth (who everyone really is) and the reference data (schools, terms, GP practices)."""

from __future__ import annotations

from frontdoor.synth.communities import name_origin_group
from frontdoor.synth.dates import iso
from frontdoor.synth.population import Cluster
from frontdoor.synth.reference import term_periods
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files


def write_people(files: Files, cluster: Cluster) -> None:
    sink = files["truth/people.csv"]
    for person in cluster.people:
        sink.row(
            (
                person.pid,
                person.kind,
                person.first,
                person.middle,
                person.last,
                person.birth_surname,
                person.sex,
                iso(person.dob) if person.dob is not None else "",
                iso(person.edd) if person.edd is not None else "",
                person.nhs,
                person.upn,
                person.household.hid,
                person.mother.pid if person.mother else "",
                person.father.pid if person.father else "",
                person.twin.pid if person.twin else "",
                person.household.current_address.postcode,
                name_origin_group(person.origin, person.ethnicity),
            )
        )


def write_reference(files: Files, world: World) -> None:
    reference = world.reference
    for school in reference.schools:
        files["reference/schools.csv"].row(
            (school.urn, school.name, school.phase, "Y" if school.independent else "N", school.postcode, *school.dsl)
        )
    for practice in reference.practices:
        files["reference/gp_practices.csv"].row((practice.ods, practice.name, practice.postcode))
    start, end = world.options.window_start, world.options.extract_date
    first_year = start.year if start.month >= 9 else start.year - 1
    last_year = end.year if end.month >= 9 else end.year - 1
    for school in reference.schools:
        for year in range(first_year, last_year + 1):
            for first_day, last_day in term_periods(school, year):
                files["reference/school_terms.csv"].row((school.urn, first_day.isoformat(), last_day.isoformat()))
