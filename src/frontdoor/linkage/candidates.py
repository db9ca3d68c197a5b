"""Real-time candidates: the source records that might be the person on an arriving referral, VIST or incident,
fetched from the application database and scored with the latest linkage run's model (realtime.Scorer).

Candidates come from the indexed columns of SourceRecord (candidate_query, which finding a person uses too): NHS
number, UPN and (surname, date of birth) by equality; then first name + date of birth and surname + postcode, which
narrow by the date or postcode first; the date with day and month swapped; and the phonetic keys of first name and
surname (a typo, or nothing else to go on). Surnames are looked up as given and in common casings, since the stored
value is the source system's own; records whose stored surname differs in punctuation (O'Brien / OBrien) are still
reached through the other keys.

Term frequencies (for the first-name and surname adjustments) are those the linkage run stored
(LinkageRun.term_frequencies: every source record's, as the engine linked them), so no lookup scans the records.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q

from frontdoor.core.identifiers import normalise_postcode, normalise_upn
from frontdoor.linkage.models import LinkageRun
from frontdoor.linkage.preparation import from_source_record, prepare
from frontdoor.linkage.realtime import Score, Scorer, prepare_record, term_frequencies
from frontdoor.people.birthdates import transposed_date
from frontdoor.people.models import SourceRecord
from frontdoor.people.phonetic import phonetic_key

FIELDS = ("id", "system", "first_name", "middle_names", "last_name", "date_of_birth", "sex", "postcode",
          "nhs_number", "upn", "person_id", "age_years", "age_given_on", "extracted_at")  # fmt: skip
MAX_CANDIDATES = 200

_scorers: dict[tuple[int, datetime], Scorer] = {}  # by run (id and finish): one at a time


@dataclass(frozen=True)
class Candidate:
    source_record_id: int
    person_id: int | None
    score: Score
    under_surname: str = ""  # found under a previous surname given for the person (a maiden name), not their own
    household: tuple[str, ...] = ()  # how the record is tied to a child on the same arrival, in words (households.py)


def scorer_for(run: LinkageRun) -> Scorer:
    """The run's model with the term frequencies it linked with (cached per run)."""
    key = (run.pk, run.finished_at)
    if key not in _scorers:
        tf_tables = run.term_frequencies or _term_frequencies_now()
        _scorers.clear()
        _scorers[key] = Scorer.from_model_json(run.model, tf_tables)
    return _scorers[key]


def _term_frequencies_now() -> dict[str, dict[str, float]]:
    """For a run stored before runs kept their term frequencies: computed afresh over every source record."""
    rows = SourceRecord.objects.values_list("id", "first_name", "last_name").iterator(chunk_size=5000)
    table = prepare({"unique_id": pk, "first_name": first, "last_name": last} for pk, first, last in rows)
    return {c: term_frequencies(table.column(c).to_pylist()) for c in ("first_name", "last_name")}


def _casings(value: str) -> list[str]:
    value = value.strip()
    return sorted({value, value.lower(), value.upper(), value.title()} - {""})


def candidate_query(details: Mapping[str, Any]) -> Q:
    """The source records that might be this person (first_name, last_name, dob, postcode, nhs_number, upn: any of
    them), by the indexed columns only: the one way both matching an arrival and finding a person look people up.

    Each detail is narrowed by the others where an index allows (a surname with a date of birth, not every record
    born that day); a detail nothing else narrows stands alone (a search by date of birth alone finds everyone born
    that day, or the day with day and month swapped)."""
    first, last = (details.get("first_name") or "").strip(), (details.get("last_name") or "").strip()
    dob: date | None = details.get("dob")
    postcode, nhs, upn = (
        (details.get("postcode") or "").strip(),
        details.get("nhs_number") or "",
        details.get("upn") or "",
    )
    query = Q(pk__in=[])
    if nhs:
        query |= Q(nhs_number=nhs)
    if upn:
        query |= Q(upn__in={upn, normalise_upn(upn)})
    if dob:
        dates = [dob, *filter(None, [transposed_date(dob)])]  # day and month the other way round
        if last:
            query |= Q(last_name__in=_casings(last), date_of_birth__in=dates)
        if first:
            query |= Q(first_name__in=_casings(first), date_of_birth__in=dates)
        if not (first or last):
            query |= Q(date_of_birth__in=dates)
    if postcode:
        postcodes = sorted({*_casings(" ".join(postcode.split())), normalise_postcode(postcode)})
        if last:
            query |= Q(postcode__in=postcodes, last_name__in=_casings(last))
        if first:  # a surname mistyped or changed: the household's records (the postcode index's prefix)
            query |= Q(postcode__in=postcodes, first_name__in=_casings(first))
        if not first:  # a surname alone (perhaps mistyped) or no name at all: the few records at the address
            query |= Q(postcode__in=postcodes)
    if last:
        # Names that sound alike (a typo in either, no date of birth or postcode to go on): the phonetic keys'
        # index, narrowed to birth dates within a year where one is given.
        key = phonetic_key(last)
        near = (date(dob.year - 1, 1, 1), date(dob.year + 1, 12, 31)) if dob else None
        born = Q(date_of_birth__isnull=True) | Q(date_of_birth__range=near) if near else Q()
        sounds = Q(last_name_key=key) & born
        if first:
            sounds = Q(last_name_key=key, first_name_key=phonetic_key(first)) & born
            # Or the first name's first letters: a last letter lost or mistyped can change a name's Double Metaphone
            # key (Grace, KRS; Grac, KRK), as it could not a Soundex's. Narrowed by an index before any first name
            # is read: near the date of birth (each case a term of its own), else at the address; as one term it
            # read every record of a common surname's sound (Smith, at 130,000 children).
            prefix = Q(last_name_key=key, first_name__istartswith=first[:3])
            if near:
                sounds |= prefix & Q(date_of_birth__range=near)
                sounds |= prefix & Q(date_of_birth__isnull=True)
            elif postcode:
                sounds |= prefix & Q(postcode__in=postcodes)
            else:
                sounds |= prefix
        if first and not (dob or postcode or nhs or upn):  # names are all there is: perhaps written surname first
            sounds |= Q(last_name_key=phonetic_key(first), first_name_key=phonetic_key(last))
        if first or not (postcode or nhs or upn):
            query |= sounds
    return query


def find_candidates(details: Mapping[str, Any], *, run: LinkageRun | None = None) -> list[Candidate]:
    """Source records that might be this person (first_name, middle_names, last_name, dob, sex, postcode,
    nhs_number, upn), best first, each with its score, grade and per-field evidence."""
    return _scored(details, candidate_query(details), run=run)


def score_records(
    details: Mapping[str, Any], record_ids: Collection[int], *, run: LinkageRun | None = None
) -> list[Candidate]:
    """These source records, found some other way than by the indexed columns (the household of a child on the
    same arrival), scored against the person as find_candidates scores its own, best first."""
    return _scored(details, Q(pk__in=sorted(record_ids)), run=run) if record_ids else []


def _scored(details: Mapping[str, Any], query: Q, *, run: LinkageRun | None) -> list[Candidate]:
    run = run or LinkageRun.objects.order_by("-started_at", "-id").first()
    if run is None:
        return []
    scorer = scorer_for(run)
    probe = prepare_record({"unique_id": "probe", **details})
    rows = list(SourceRecord.objects.filter(query).values(*FIELDS)[:MAX_CANDIDATES])
    if not rows:
        return []
    records = prepare(from_source_record(row) for row in rows).to_pylist()
    candidates = [
        Candidate(row["id"], row["person_id"], scorer.score(probe, record))
        for row, record in zip(rows, records, strict=True)
    ]
    return sorted(candidates, key=lambda c: -c.score.match_weight)


def best_matches(candidates: list[Candidate], *, limit: int) -> list[dict[str, Any]]:
    """The graded candidates, one per person (their best record), best first, as plain data to store or show:
    person, source record, grade, probability, match weight and the evidence per field."""
    kept: list[dict[str, Any]] = []
    people: set[int] = set()
    for candidate in candidates:
        score = candidate.score
        if score.grade is None:
            continue
        if candidate.person_id is not None:
            if candidate.person_id in people:
                continue
            people.add(candidate.person_id)
        kept.append(
            {
                "person_id": candidate.person_id,
                "source_record_id": candidate.source_record_id,
                "grade": score.grade,
                "probability": score.probability,
                "match_weight": score.match_weight,
                "evidence": [[e.comparison, e.level, round(e.match_weight, 2)] for e in score.evidence],
                **({"under_surname": candidate.under_surname} if candidate.under_surname else {}),
                **({"household": list(candidate.household)} if candidate.household else {}),
            }
        )
        if len(kept) >= limit:
            break
    return kept
