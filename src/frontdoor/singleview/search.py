"""Find a person: by name (sounds-like and typo-tolerant), date of birth, NHS number, UPN or postcode.

Every agency's record is searched, so a child known to the police under a nickname and to the school under their
legal name is found by either. Candidates come from indexed columns only (identifiers, the date of birth and its
transposition, the postcode, the phonetic keys of the names); each person is then scored on every criterion
given, and shown only if all of them agree at least loosely: a search for "Jon Smyth born 3 March 2015" finds
John Smith born 3 March 2015 and not every John Smith.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from frontdoor.core.identifiers import normalise_postcode
from frontdoor.linkage.candidates import candidate_query
from frontdoor.linkage.names import normalise_name
from frontdoor.linkage.similarity import jaro_winkler_similarity
from frontdoor.people.birthdates import transposed
from frontdoor.people.models import Person, SourceRecord, SourceSystem
from frontdoor.people.phonetic import phonetic_key

MAX_CANDIDATE_RECORDS = 2000
MAX_RESULTS = 25


@dataclass(frozen=True)
class Criteria:
    name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""
    postcode: str = ""

    def given(self) -> list[str]:
        return [k for k in ("name", "date_of_birth", "nhs_number", "upn", "postcode") if getattr(self, k)]


@dataclass
class Result:
    person: Person
    score: float
    systems: list[str]
    names: list[str]  # the names each system holds, where they differ from the person's
    why: list[str] = field(default_factory=list)


def _words(name: str) -> list[str]:
    return [w for w in (normalise_name(part) for part in name.replace(",", " ").split()) if w]


def _candidates(criteria: Criteria) -> list[SourceRecord]:
    """Linked records that might be the person searched for, found as linkage finds candidates for an arrival."""
    words = _words(criteria.name)
    details = {
        "first_name": words[0] if len(words) > 1 else "",
        "last_name": words[-1] if words else "",
        "dob": criteria.date_of_birth,
        "postcode": criteria.postcode,
        "nhs_number": criteria.nhs_number,
        "upn": criteria.upn,
    }
    query = candidate_query(details)
    return list(SourceRecord.objects.filter(query, person__isnull=False)[:MAX_CANDIDATE_RECORDS])


def _name_score(words: list[str], record: SourceRecord) -> float:
    """How well the searched name fits a record's names: 1 exact, ~0.9 a typo or same sound, 0 unrelated."""
    first, last = normalise_name(record.first_name), normalise_name(record.last_name)
    if not words:
        return 1.0

    def fits(word: str, held: str) -> float:
        if not held:
            return 0.0
        if word == held:
            return 1.0
        if phonetic_key(word) == phonetic_key(held):
            return 0.92
        return jaro_winkler_similarity(word, held)

    if len(words) == 1:
        return max(fits(words[0], last), fits(words[0], first) * 0.9)
    straight = (fits(words[0], first) + fits(words[-1], last)) / 2
    reversed_ = (fits(words[-1], first) + fits(words[0], last)) / 2 * 0.95
    return max(straight, reversed_)


def _dob_score(wanted: date, held: date | None) -> float:
    if held is None:
        return 0.0
    if held == wanted:
        return 1.0
    if held.isoformat() == transposed(wanted.isoformat()):
        return 0.85
    return 0.0


def search_people(criteria: Criteria) -> list[Result]:
    """People matching every given criterion, best first (at most MAX_RESULTS). Pure read: the caller audits."""
    words = _words(criteria.name)
    by_person: dict[int, list[SourceRecord]] = defaultdict(list)
    for record in _candidates(criteria):
        assert record.person_id is not None
        by_person[record.person_id].append(record)
    wanted_postcode = normalise_postcode(criteria.postcode) if criteria.postcode else ""
    scored: list[tuple[float, int, list[str]]] = []
    for person_id, records in by_person.items():
        parts: list[float] = []
        why: list[str] = []
        if criteria.nhs_number:
            ok = any(r.nhs_number == criteria.nhs_number for r in records)
            parts.append(1.0 if ok else 0.0)
            why.append("NHS number")
        if criteria.upn:
            parts.append(1.0 if any(r.upn == criteria.upn.upper() for r in records) else 0.0)
            why.append("UPN")
        if criteria.date_of_birth:
            parts.append(max(_dob_score(criteria.date_of_birth, r.date_of_birth) for r in records))
            why.append("date of birth")
        if wanted_postcode:
            parts.append(1.0 if any(r.postcode == wanted_postcode for r in records) else 0.0)
            why.append("postcode")
        if words:
            parts.append(max(_name_score(words, r) for r in records))
            why.append("name")
        if parts and min(parts) >= 0.8:
            scored.append((sum(parts) / len(parts), person_id, why))
    scored.sort(key=lambda s: (-s[0], s[1]))
    scored = scored[:MAX_RESULTS]
    people = Person.objects.in_bulk([pid for _s, pid, _w in scored])
    results = []
    for score, person_id, why in scored:
        person = people[person_id]
        records = by_person[person_id]
        own = f"{person.first_name} {person.last_name}".strip().lower()
        names = sorted({f"{r.first_name} {r.last_name}".strip().title() for r in records} - {own.title(), ""})
        results.append(
            Result(person, round(score, 3), sorted({SourceSystem(r.system).label for r in records}), names, why)
        )
    return results
