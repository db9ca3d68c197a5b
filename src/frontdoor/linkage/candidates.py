"""Real-time candidates: the source records that might be the person on an arriving referral, VIST or incident,
fetched from the application database and scored with the latest linkage run's model (realtime.Scorer).

Candidates come from the indexed columns of SourceRecord (candidate_query, which finding a person uses too): NHS
number, UPN and (surname, date of birth) by equality; then first name + date of birth and surname + postcode, which
narrow by the date or postcode first; the date with day and month swapped; and the phonetic keys of first name and
surname (a typo, or nothing else to go on). Surnames are looked up as given and in common casings, since the stored
value is the source system's own; records whose stored surname differs in punctuation (O'Brien / OBrien) are still
reached through the other keys. Names that sound alike are read near the date of birth given (a year either side;
for a name so common in the run's term frequencies that such a year holds many records of it, only the dates a slip
of the date would give), else at the address given, else wherever they are.

find_candidates writes the terms (candidate_terms) as SQL of its own; finding a person and the worker's linking take
them as one Q (candidate_query).

Term frequencies (for the first-name and surname adjustments) are those the linkage run stored
(LinkageRun.term_frequencies: every source record's, as the engine linked them), so no lookup scans the records.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Q

from frontdoor.core.identifiers import normalise_postcode, normalise_upn
from frontdoor.linkage.models import LinkageRun
from frontdoor.linkage.names import normalise_name
from frontdoor.linkage.preparation import from_source_record, prepare, prepare_rows
from frontdoor.linkage.realtime import Score, Scorer, prepare_record, term_frequencies
from frontdoor.people.birthdates import transposed, transposed_date
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
    query = Q(pk__in=[])
    for term in candidate_terms(details):
        query |= Q(**term)
    return query


Term = dict[str, Any]  # column lookups, all to hold (exact, in, range, isnull, gte, lt): one way to be a candidate


def candidate_terms(details: Mapping[str, Any], *, crowded: bool = False) -> list[Term]:
    """candidate_query's terms, any of which makes a record a candidate, each a few lookups an index answers. Plain
    data, so that find_candidates can write them as SQL without building a query through the ORM on every lookup.

    Crowded (a name so common that many records near a date of birth have it, see find_candidates): names that sound
    alike are read only on the dates a slip of the date of birth would give, not the years either side."""
    first, last = (details.get("first_name") or "").strip(), (details.get("last_name") or "").strip()
    dob: date | None = details.get("dob")
    postcode, nhs, upn = (
        (details.get("postcode") or "").strip(),
        details.get("nhs_number") or "",
        details.get("upn") or "",
    )
    terms: list[Term] = []
    if nhs:
        terms.append({"nhs_number": nhs})
    if upn:
        terms.append({"upn__in": sorted({upn, normalise_upn(upn)})})
    if dob:
        dates = [dob, *filter(None, [transposed_date(dob)])]  # day and month the other way round
        if last:
            terms.append({"last_name__in": _casings(last), "date_of_birth__in": dates})
        if first:
            terms.append({"first_name__in": _casings(first), "date_of_birth__in": dates})
        if not (first or last):
            terms.append({"date_of_birth__in": dates})
    postcodes = sorted({*_casings(" ".join(postcode.split())), normalise_postcode(postcode)}) if postcode else []
    if postcode:
        if last:
            terms.append({"postcode__in": postcodes, "last_name__in": _casings(last)})
        if first:  # a surname mistyped or changed: the household's records (the postcode index's prefix)
            terms.append({"postcode__in": postcodes, "first_name__in": _casings(first)})
        if not first:  # a surname alone (perhaps mistyped) or no name at all: the few records at the address
            terms.append({"postcode__in": postcodes})
    if last and (first or not (postcode or nhs or upn)):
        terms += _sounds(first, last, dob, postcodes, names_alone=not (dob or postcode or nhs or upn), crowded=crowded)
    return terms


def _sounds(
    first: str, last: str, dob: date | None, postcodes: list[str], *, names_alone: bool, crowded: bool
) -> list[Term]:
    """Names that sound alike (a typo in either): the phonetic keys' indexes, narrowed near the date of birth given
    (within a year, or none recorded), else at the address given; with names alone, wherever they are. Each case is a
    term of its own, which an index reads directly. Unnarrowed, a common name's sound (Amelia Taylor) read every such
    record of the county on a lookup that gave an address, more the more records the index holds."""
    key = phonetic_key(last)
    near = (date(dob.year - 1, 1, 1), date(dob.year + 1, 12, 31)) if dob else None
    narrowed: list[Term] = [{}]
    if dob and crowded:
        month = (dob.replace(day=1), dob.replace(day=monthrange(dob.year, dob.month)[1]))
        narrowed = [{"date_of_birth__isnull": True}, {"date_of_birth__in": slips(dob)}, {"date_of_birth__range": month}]
    elif near:
        narrowed = [{"date_of_birth__isnull": True}, {"date_of_birth__range": near}]
    elif postcodes:
        narrowed = [{"postcode__in": postcodes}]
    if not first:
        return [{"last_name_key": key, **when} for when in narrowed]
    terms = [{"last_name_key": key, "first_name_key": phonetic_key(first), **when} for when in narrowed]
    # Or the first name's first letters: a last letter lost or mistyped can change a name's Double Metaphone key
    # (Grace, KRS; Grac, KRK), as it could not a Soundex's. The letters are a range of the first name in each
    # common casing (as stored: the source system's own), which the index on the surname's key and the first name
    # reads directly. (As a case-insensitive LIKE no index could read the first name: it read every record of a
    # common surname's sound near the date.)
    letters = [{"first_name__gte": start, "first_name__lt": _after(start)} for start in _casings(first[:3])]
    terms += [{"last_name_key": key, **starts, **when} for starts in letters for when in narrowed]
    if names_alone:  # perhaps written surname first
        terms.append({"last_name_key": phonetic_key(first), "first_name_key": phonetic_key(last)})
    return terms


def slips(dob: date) -> list[date]:
    """The real dates a slip in writing this one would give (the model's near levels of a date of birth): a digit of
    it another, two neighbouring characters swapped, the year one either side, day and month the other way round."""
    text = dob.isoformat()
    written = {text[:i] + digit + text[i + 1 :] for i, ch in enumerate(text) if ch != "-" for digit in "0123456789"}
    written |= {text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(len(text) - 1)}
    written |= {f"{dob.year - 1}{text[4:]}", f"{dob.year + 1}{text[4:]}", transposed(text)}
    dates = set()
    for candidate in written:
        try:
            dates.add(date.fromisoformat(candidate))
        except ValueError:
            continue
    return sorted(dates)


def _after(prefix: str) -> str:
    """The least string above every string starting with prefix (its last character's successor)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def find_candidates(details: Mapping[str, Any], *, run: LinkageRun | None = None) -> list[Candidate]:
    """Source records that might be this person (first_name, middle_names, last_name, dob, sex, postcode,
    nhs_number, upn), best first, each with its score, grade and per-field evidence."""
    run = run or LinkageRun.objects.order_by("-started_at", "-id").first()
    if run is None:
        return []
    return _scored(details, candidate_terms(details, crowded=_crowded(details, run)), run=run)


# Records the run linked with this surname, or with this first name and surname together, at which a name counts as
# crowded (candidate_terms): a year either side of a date of birth then holds too many records of its sound to read
# and score on every lookup (Smith: some 16,000 records at 130,000 children and 38,000 at a million; some 200 Olivia
# Smiths at 130,000 children, a third of them within a year of any one's birth date).
CROWDED_SURNAME = 2000
CROWDED_NAME = 20


def _crowded(details: Mapping[str, Any], run: LinkageRun) -> bool:
    """Whether the run's term frequencies make this surname, or this first name and surname, so common that a year
    either side of a date of birth holds many records of its sound (the more, the more records the index holds). The
    surname alone decides for a first name mistyped (Ameila Smith), which has no frequency of its own."""
    tf_tables = scorer_for(run).tf_tables
    first = tf_tables.get("first_name", {}).get(normalise_name(details.get("first_name") or ""), 0.0)
    last = tf_tables.get("last_name", {}).get(normalise_name(details.get("last_name") or ""), 0.0)
    return run.records * last >= CROWDED_SURNAME or run.records * first * last >= CROWDED_NAME


def score_records(
    details: Mapping[str, Any], record_ids: Collection[int], *, run: LinkageRun | None = None
) -> list[Candidate]:
    """These source records, found some other way than by the indexed columns (the household of a child on the
    same arrival), scored against the person as find_candidates scores its own, best first."""
    return _scored(details, Q(pk__in=sorted(record_ids)), run=run) if record_ids else []


def _scored(details: Mapping[str, Any], query: Q | list[Term], *, run: LinkageRun | None) -> list[Candidate]:
    run = run or LinkageRun.objects.order_by("-started_at", "-id").first()
    if run is None:
        return []
    scorer = scorer_for(run)
    probe = prepare_record({"unique_id": "probe", **details})
    rows = _fetched(query)
    if not rows:
        return []
    records = prepare_rows(from_source_record(row) for row in rows)
    candidates = [
        Candidate(row["id"], row["person_id"], scorer.score(probe, record))
        for row, record in zip(rows, records, strict=True)
    ]
    return sorted(candidates, key=lambda c: -c.score.match_weight)


def _fetched(query: Q | list[Term]) -> list[dict[str, Any]]:
    """The candidates' FIELDS (at most MAX_CANDIDATES, by system and source id). Terms are written as SQL here: the
    ORM took longer to build the query (some 30 lookups) than the database took to answer it."""
    if isinstance(query, Q):
        return [dict(row) for row in SourceRecord.objects.filter(query).values(*FIELDS)[:MAX_CANDIDATES]]
    if not query:
        return []
    quote = connection.ops.quote_name
    table, pk = quote(SourceRecord._meta.db_table), quote(_column("id"))
    # Each term a SELECT of its own, so that the planner reads each by its own index. As one WHERE of ORs, SQLite
    # chose one index per term for them all together, and read a term of the first name's first letters near the
    # date of birth by the surname's key and the date alone: every Jones-sound record born in three years (20 ms of a
    # lookup for Ayodele Jonse at a million records, against 0.1 ms for the terms read one by one).
    selects, params = [], []
    for term in query:
        where, term_params = _where([term])
        selects.append(f"SELECT {pk} FROM {table} WHERE {where}")  # noqa: S608 (model metadata and placeholders)
        params += term_params
    sql = (
        f"SELECT {', '.join(quote(_column(f)) for f in FIELDS)} FROM {table} "  # noqa: S608
        f"WHERE {pk} IN ({' UNION ALL '.join(selects)}) "
        f"ORDER BY {quote('system')}, {quote('source_id')} LIMIT {MAX_CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(FIELDS, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # as the ORM gives them: SQLite returns dates and times as text
        row["date_of_birth"] = _day(row["date_of_birth"])
        row["extracted_at"] = _day(row["extracted_at"])
    return rows


_OPERATORS = {"exact": "= %s", "gte": ">= %s", "lt": "< %s", "range": "BETWEEN %s AND %s"}


def _where(terms: list[Term]) -> tuple[str, list[Any]]:
    """The terms as one SQL condition (any term, all of its lookups) and its parameters."""
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datefield_value
    clauses, params = [], []
    for term in terms:
        parts = []
        for lookup, value in term.items():
            name, _, operator = lookup.partition("__")
            column = quote(_column(name))
            if operator == "isnull":
                parts.append(f"{column} IS {'' if value else 'NOT '}NULL")
                continue
            values = list(value) if operator in ("in", "range") else [value]
            params += [adapt(v) if isinstance(v, date) else v for v in values]
            if operator == "in":
                parts.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            else:
                parts.append(f"{column} {_OPERATORS[operator or 'exact']}")
        clauses.append(f"({' AND '.join(parts)})")
    return " OR ".join(clauses), params


@cache
def _column(name: str) -> str:
    """A SourceRecord field's column, by the field's name or its attribute's (person_id)."""
    return next(str(f.column) for f in SourceRecord._meta.concrete_fields if name in (f.name, f.attname))


def _day(value: date | str | None) -> date | None:
    """A date, or a time's (UTC) day, from what the database driver gives."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(value[:10])


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
