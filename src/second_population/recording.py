"""Which systems know each person, and what each system's record of them says.

Four systems, named as the county's extracts are (the linkage engine reads the system from `source`): health (NHS
numbers, no UPNs), education (UPNs, no NHS numbers), police (neither; adults often without a date of birth), and
children's social care (csc: both, when known). Every rate is a named constant with its reason.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from second_population import errors
from second_population.identifiers import upn
from second_population.names import fold
from second_population.world import REFERENCE_DATE, Person

# --- Who is known where -------------------------------------------------------------------------------------------
# Children registered with a GP (NHS Digital: registrations slightly exceed the ONS population; a few never register).
HEALTH_CHILD_COVERAGE = 0.97
# Parents registered with a GP and so in the health extract (maternity and GP records of the adults in the home).
HEALTH_ADULT_COVERAGE = 0.85
# Children aged 4 and over on a state school's roll in the census (about 7% are at independent schools, which the
# local authority's census extract does not hold, and some are educated at home).
EDUCATION_COVERAGE = 0.91
# Households known to children's social care (about 1 in 12 families with children had a referral in 5 years).
CSC_HOUSEHOLD = 0.08
# Of a known household, the children and the adults who have a social care record of their own.
CSC_CHILD_IN_KNOWN, CSC_ADULT_IN_KNOWN = 0.9, 0.8
# Households known to the police (a victim, a suspect or a witness among them), and who in them is a nominal.
POLICE_HOUSEHOLD = 0.12
POLICE_ADULT_IN_KNOWN, POLICE_TEEN_IN_KNOWN, POLICE_CHILD_IN_KNOWN = 0.8, 0.35, 0.12
# Anyone known to the police on their own account (a teenager stopped, an adult with an offence elsewhere).
POLICE_ALONE_TEEN, POLICE_ALONE_ADULT = 0.03, 0.04

# --- Duplicates inside one system -------------------------------------------------------------------------------
# A child given a temporary NHS number (at birth before the number is traced, or on arrival from abroad), and both
# records kept: about 1 in 70 children's health records has a superseded twin record.
HEALTH_TEMPORARY_NUMBER = 0.015
# A pupil on two schools' rolls in one census (dual registration, or a move recorded twice); a third of the second
# records carry the school's temporary UPN instead of the real one.
EDUCATION_SECOND_ROLL, EDUCATION_TEMPORARY_UPN = 0.012, 0.35
# A second police nominal created for someone already held (forces report duplicate nominal rates near 10%).
POLICE_SECOND_NOMINAL = 0.10
# A child recorded twice in social care, the second time after a change of surname or by another team.
CSC_SECOND_RECORD = 0.03

# --- What moves and what goes missing --------------------------------------------------------------------------------
# Households that moved since some systems last heard (about one in ten families with children moves each year).
HOUSEHOLD_MOVED = 0.12
# Police adults held with an age at an incident instead of a date of birth (of those without a date of birth).
POLICE_AGE_INSTEAD = 0.6
# A Sikh's Singh or Kaur in the surname box in place of the family name (many use it so; systems copy it).
SIKH_NAME_AS_SURNAME = 0.35
# ... and those kept after the given name, as if a middle name (Harpreet Kaur, family name Sandhu).
SIKH_NAME_AS_MIDDLE = 0.25
# A mononym in both boxes, in the surname box alone, or in the first-name box alone (the rest): systems differ.
MONONYM_IN_BOTH, MONONYM_AS_SURNAME = 0.4, 0.3
# A name written family name first (Nguyen Thi Lan, Wang Xiaoming) that lands family name in the first-name box.
FAMILY_FIRST_SWAPPED = 0.25
# A multi-part surname kept in some other form (one part, hyphen for space, joined up) by a short or strict box.
SURNAME_PARTS_ALTERED = 0.35
# The brother's or sister's shared first name (Muhammad; Thị, Văn) left off, the name the child goes by kept.
SHARED_FIRST_NAME_DROPPED = 0.3
# Social care records carrying the NHS number (children's records more often: health partners give it at referral).
CSC_NHS_CHILD, CSC_NHS_ADULT = 0.75, 0.3
# Social care records of school-age children carrying the UPN (taken from the school at referral, when asked).
CSC_UPN = 0.4


@dataclass(frozen=True)
class System:
    """One system's habits, each the share of its records where the thing happens."""

    name: str
    folds_diacritics: float  # stored in ASCII only (older systems, and clerks who do not type the marks)
    typo: float  # each name field: a keyboard slip
    ocr: float  # each name field: a misread shape (forms scanned or copied from handwriting)
    nickname: float  # the name the person goes by, not their given name
    transposed: float  # first and last names in each other's boxes
    transliteration: float  # each name with variants: another spelling of it
    old_surname: float  # a surname changed since: the record still has the old one
    stale_postcode: float  # the household moved: the record still has the old postcode
    missing_postcode: float
    missing_sex: float
    missing_dob_child: float
    missing_dob_adult: float
    day_month_swapped: float
    day_mistyped: float
    full_name_in_first: float  # all given names in the first-name box (Muhammad Ali, Thi Lan)


SYSTEMS: dict[str, System] = {
    # GP and hospital records come from the national register (PDS), so they are the cleanest.
    "health": System(
        "health",
        folds_diacritics=0.3,
        typo=0.01,
        ocr=0.0,
        nickname=0.01,
        transposed=0.005,
        transliteration=0.05,
        old_surname=0.15,
        stale_postcode=0.2,
        missing_postcode=0.01,
        missing_sex=0.0,
        missing_dob_child=0.0,
        missing_dob_adult=0.0,
        day_month_swapped=0.003,
        day_mistyped=0.002,
        full_name_in_first=0.2,
    ),
    # Schools take names from admission forms filled in by parents; the census keeps what the school keeps.
    "education": System(
        "education",
        folds_diacritics=0.6,
        typo=0.02,
        ocr=0.0,
        nickname=0.06,
        transposed=0.005,
        transliteration=0.1,
        old_surname=0.3,
        stale_postcode=0.35,
        missing_postcode=0.005,
        missing_sex=0.0,
        missing_dob_child=0.0,
        missing_dob_adult=0.0,
        day_month_swapped=0.005,
        day_mistyped=0.003,
        full_name_in_first=0.3,
    ),
    # Police nominals are typed from what someone says at the roadside or in custody, often with no documents.
    "police": System(
        "police",
        folds_diacritics=1.0,
        typo=0.05,
        ocr=0.01,
        nickname=0.15,
        transposed=0.03,
        transliteration=0.3,
        old_surname=0.4,
        stale_postcode=0.5,
        missing_postcode=0.08,
        missing_sex=0.02,
        missing_dob_child=0.04,
        missing_dob_adult=0.35,
        day_month_swapped=0.02,
        day_mistyped=0.01,
        full_name_in_first=0.5,
    ),
    # Social care records come from referrals (phoned, e-mailed, forms) and are then corrected by the team.
    "csc": System(
        "csc",
        folds_diacritics=0.6,
        typo=0.03,
        ocr=0.01,
        nickname=0.05,
        transposed=0.01,
        transliteration=0.2,
        old_surname=0.25,
        stale_postcode=0.3,
        missing_postcode=0.04,
        missing_sex=0.01,
        missing_dob_child=0.01,
        missing_dob_adult=0.2,
        day_month_swapped=0.01,
        day_mistyped=0.005,
        full_name_in_first=0.3,
    ),
}


def who_knows(person: Person, csc_known: bool, police_known: bool, rng: random.Random) -> list[str]:
    """The systems that hold a record of this person."""
    known = []
    if rng.random() < (HEALTH_ADULT_COVERAGE if person.adult else HEALTH_CHILD_COVERAGE):
        known.append("health")
    if not person.adult and person.age >= 4 and rng.random() < EDUCATION_COVERAGE:
        known.append("education")
    if csc_known and rng.random() < (CSC_ADULT_IN_KNOWN if person.adult else CSC_CHILD_IN_KNOWN):
        known.append("csc")
    chance = POLICE_ADULT_IN_KNOWN if person.adult else POLICE_TEEN_IN_KNOWN if person.age >= 11 else (
        POLICE_CHILD_IN_KNOWN)  # fmt: skip
    alone = POLICE_ALONE_ADULT if person.adult else POLICE_ALONE_TEEN if person.age >= 11 else 0.0
    if (police_known and rng.random() < chance) or rng.random() < alone:
        known.append("police")
    return known


def duplicates(person: Person, system: str, rng: random.Random) -> list[dict[str, Any]]:
    """The extra records a system holds of this person, as overrides of what a record would carry."""
    if system == "health" and not person.adult and rng.random() < HEALTH_TEMPORARY_NUMBER:
        return [{"temporary_nhs": True}]
    if system == "education" and rng.random() < EDUCATION_SECOND_ROLL:
        return [{"temporary_upn": rng.random() < EDUCATION_TEMPORARY_UPN}]
    if system == "police" and rng.random() < POLICE_SECOND_NOMINAL:
        return [{}]
    if system == "csc" and not person.adult and rng.random() < CSC_SECOND_RECORD:
        return [{"new_surname": True}]
    return []


class Recorder:
    """Writes records of people as the systems would hold them, numbering each system's records."""

    def __init__(self, rng: random.Random, new_nhs: Callable[[], str]) -> None:
        self.rng = rng
        self.new_nhs = new_nhs
        self.counts = dict.fromkeys(SYSTEMS, 0)
        self.upns: dict[str, str] = {}

    def record(self, person: Person, system_name: str, **override: Any) -> dict[str, Any]:
        rng, system = self.rng, SYSTEMS[system_name]
        self.counts[system_name] += 1
        source_id = f"{system_name[0].upper()}{self.counts[system_name]:07d}"
        first, middle, last = self._name(person, system, new_surname=bool(override.get("new_surname")))
        dob: date | None = person.dob
        age_years = age_from = age_to = None
        if rng.random() < (system.missing_dob_adult if person.adult else system.missing_dob_child):
            dob = None
            if system_name == "police" and rng.random() < POLICE_AGE_INSTEAD:
                incident = REFERENCE_DATE - timedelta(days=rng.randint(0, 5 * 365))
                years = incident.year - person.dob.year
                age_years = years - ((incident.month, incident.day) < (person.dob.month, person.dob.day))
                age_from = age_to = incident
        elif rng.random() < system.day_month_swapped:
            dob = errors.swap_day_month(person.dob)
        elif rng.random() < system.day_mistyped:
            dob = errors.mistyped_day(rng, person.dob)
        postcode: str | None = person.postcode
        if person.previous_postcode and rng.random() < system.stale_postcode:
            postcode = person.previous_postcode
        if rng.random() < system.missing_postcode:
            postcode = None
        sex: str | None = person.sex if rng.random() >= system.missing_sex else "U"
        nhs = upn_value = None
        if system_name == "health":
            nhs = self.new_nhs() if override.get("temporary_nhs") else person.nhs
        elif system_name == "csc":
            nhs = person.nhs if rng.random() < (CSC_NHS_ADULT if person.adult else CSC_NHS_CHILD) else None
            upn_value = self._upn(person) if not person.adult and person.age >= 4 and rng.random() < CSC_UPN else None
        elif system_name == "education":
            temporary = bool(override.get("temporary_upn"))
            upn_value = upn(rng, 921, REFERENCE_DATE.year, temporary=True) if temporary else self._upn(person)
        return {
            "unique_id": f"{system_name}:{source_id}", "source": system_name, "first_name": first,
            "middle_names": middle, "last_name": last, "dob": dob, "sex": sex, "postcode": postcode,
            "nhs_number": nhs, "upn": upn_value, "age_years": age_years, "age_from": age_from, "age_to": age_to,
            "person_id": person.person_id, "group": person.group, "age_band": person.age_band,
        }  # fmt: skip

    def _upn(self, person: Person) -> str:
        if person.person_id not in self.upns:
            entered = REFERENCE_DATE.year - max(0, person.age - 4)
            self.upns[person.person_id] = upn(self.rng, 921, entered)
        return self.upns[person.person_id]

    def _name(self, person: Person, system: System, *, new_surname: bool) -> tuple[str | None, str | None, str | None]:
        rng = self.rng
        given = list(person.given)
        family = person.family
        if person.birth_family and not new_surname and rng.random() < system.old_surname:
            family = person.birth_family
        if person.sikh_name:
            roll = rng.random()
            if roll < SIKH_NAME_AS_SURNAME:
                family = person.sikh_name
            elif roll < SIKH_NAME_AS_SURNAME + SIKH_NAME_AS_MIDDLE:
                given.append(person.sikh_name)
        given = [errors.transliterate(rng, g) if rng.random() < system.transliteration else g for g in given]
        if family and rng.random() < system.transliteration:
            family = errors.transliterate(rng, family)
        if len(given) > 1 and given[0] in ("Muhammad", "Thị", "Văn") and rng.random() < SHARED_FIRST_NAME_DROPPED:
            given = given[1:]  # the name the child is called by, without the one every brother or sister shares
        if rng.random() < system.nickname:
            given[0] = errors.nickname(rng, given[0])
        first: str | None
        middle: str | None
        if len(given) > 1 and rng.random() < system.full_name_in_first:
            first, middle = " ".join(given), None
        else:
            first, middle = given[0], " ".join(given[1:]) or None
        last: str | None = family
        if family and rng.random() < SURNAME_PARTS_ALTERED:
            last = errors.hyphen_variant(rng, family)
        if not family:  # a mononym: each system copes differently with a box it cannot leave empty
            roll = rng.random()
            both, surname_only = MONONYM_IN_BOTH, MONONYM_IN_BOTH + MONONYM_AS_SURNAME
            first, last = (first, first) if roll < both else (None, first) if roll < surname_only else (first, None)
        if (person.family_first and rng.random() < FAMILY_FIRST_SWAPPED) or rng.random() < system.transposed:
            first, last = last, first  # written in the order the person gives it, or entered in the wrong boxes
        first, middle, last = (self._mistakes(system, n) for n in (first, middle, last))
        return first, middle, last

    def _mistakes(self, system: System, name: str | None) -> str | None:
        if not name:
            return None
        rng = self.rng
        if rng.random() < system.folds_diacritics:
            name = fold(name)
        if rng.random() < system.typo:
            name = errors.keyboard_typo(rng, name)
        if rng.random() < system.ocr:
            name = errors.ocr_error(rng, name)
        return name
