"""Records as the Splink model compares them: names lower-cased, stripped of punctuation and of diacritics (as many
systems drop them), dates as ISO text, the years a date of birth (or an age given instead) allows, nickname keys,
phonetic keys of first and last name (Double Metaphone, people.phonetic) and every part of a person's names (for a
name recorded in another order or with a part left out), and the key each name's spellings share (Maryam, Meryem;
spellings.py). Pure: no Django, no DuckDB, no Splink.

The comparisons in splink_settings.py and their Python equivalents in conditions.py read these columns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage.names import FOLDED, name_keys, name_parts, normalise_name
from frontdoor.linkage.spellings import spelling
from frontdoor.people.phonetic import phonetic_keys

COLUMNS = (
    "unique_id",
    "source",
    "first_name",
    "middle_names",
    "last_name",
    "dob",
    "sex",
    "postcode",
    "nhs_number",
    "upn",
)


def _text(value: Any) -> str | None:
    cleaned = normalise_name(str(value)) if value else ""
    return cleaned or None


def _postcode(value: Any) -> str | None:
    cleaned = " ".join(str(value).lower().split()) if value else ""
    return cleaned or None


def _dob(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


# How far back an extract's ages may reach when the record does not say when the age was given: police extracts
# give the age at an incident, and keep years of incidents.
AGE_GIVEN_WITHIN_YEARS = 10


def from_source_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A SourceRecord's values (id, system and the person columns) as the engine's input record.

    An age given instead of a date of birth held on the day the record says (age_given_on: police, the day of the
    incident it was given at), which allows two birth years; where it does not say, on some day in the ten years
    before the extract, which allows eleven."""
    age_from = age_to = row.get("age_given_on")
    if age_to is None:
        age_to = row.get("extracted_at")
        age_to = age_to.date() if isinstance(age_to, datetime) else age_to
        age_from = age_to.replace(year=age_to.year - AGE_GIVEN_WITHIN_YEARS, day=1) if age_to else None
    return {
        "age_years": row.get("age_years"),
        "age_from": age_from if row.get("age_years") is not None else None,
        "age_to": age_to if row.get("age_years") is not None else None,
        "unique_id": str(row["id"]),
        "source": row["system"],
        "first_name": row["first_name"],
        "middle_names": row["middle_names"],
        "last_name": row["last_name"],
        "dob": row["date_of_birth"],
        "sex": row["sex"],
        "postcode": row["postcode"],
        "nhs_number": row["nhs_number"],
        "upn": row["upn"],
    }


RAW = (*COLUMNS, "age_years", "age_from", "age_to")


def prepare(records: Iterable[Mapping[str, Any]] | pa.Table) -> pa.Table:
    """Normalise records (mappings, or a table of their columns) into the columns the model compares (model.py).

    Column at a time in Arrow, not record by record: a million records take seconds, not tens of seconds. A few
    records (a real-time lookup's candidates) are done one by one in Python, which is faster at that size and gives
    the same values (tests/unit/linkage/test_linkage_engine.py checks both ways on a county)."""
    if not isinstance(records, pa.Table):
        records = list(records)
        if len(records) <= FEW:
            return _prepare_rows(records)
    raw = records if isinstance(records, pa.Table) else _raw_table(records)
    rows = raw.num_rows

    def column(name: str, kind: pa.DataType | None = None) -> pa.ChunkedArray:
        """The raw column (cast to kind if given; strings by default), or nulls where the records have none."""
        if name not in raw.column_names:
            return pa.chunked_array([pa.nulls(rows, kind or pa.string())])
        values = raw.column(name)
        if kind is None and (pa.types.is_temporal(values.type) or pa.types.is_string(values.type)):
            return values
        return values.cast(kind or pa.string())

    first = _names(column("first_name"))
    unborn = pc.fill_null(pc.equal(first, "unborn"), False)
    first = pc.if_else(unborn, pa.scalar(None, pa.string()), first)
    middle = pc.replace_substring_regex(column("middle_names"), r"^\s*(\S*)[\s\S]*$", r"\1")
    last = _names(column("last_name"))
    sex = pc.utf8_lower(column("sex"))
    postcode = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(column("postcode")), r"\s+", " "))
    dob = _iso_dates(column("dob"))
    low, high = _birth_years(dob, raw, column)
    columns = {
        "unique_id": column("unique_id"),
        "source": pc.fill_null(column("source"), ""),
        "first_name": first,
        "middle_names": _names(middle),
        "last_name": last,
        "dob": dob,
        "sex": pc.if_else(pc.is_in(sex, pa.array(["m", "f"])), sex, pa.scalar(None, pa.string())),
        "postcode": _blank_as_null(postcode),
        "nhs_number": _blank_as_null(column("nhs_number")),
        "upn": _blank_as_null(column("upn")),
        "first_name_keys": each_distinct(first, name_keys, pa.list_(pa.int32()), []),
        "first_name_spelling": each_distinct(first, spelling, pa.string(), None),
        "last_name_spelling": each_distinct(last, spelling, pa.string(), None),
        "first_name_sounds": each_distinct(first, phonetic_keys, pa.list_(pa.string()), []),
        "last_name_sounds": each_distinct(last, phonetic_keys, pa.list_(pa.string()), []),
        "name_parts": _parts(column("first_name"), column("middle_names"), column("last_name"), unborn),
        "birth_year_low": low,
        "birth_year_high": high,
    }
    return pa.table(columns, schema=SCHEMA)


SCHEMA = pa.schema(
    [(name, pa.string()) for name in COLUMNS]
    + [
        ("first_name_keys", pa.list_(pa.int32())),
        ("first_name_spelling", pa.string()),
        ("last_name_spelling", pa.string()),
        ("first_name_sounds", pa.list_(pa.string())),
        ("last_name_sounds", pa.list_(pa.string())),
        ("name_parts", pa.list_(pa.string())),
        ("birth_year_low", pa.int32()),
        ("birth_year_high", pa.int32()),
    ]
)


FEW = 500


def _prepare_rows(records: list[Mapping[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(prepare_rows(records), schema=SCHEMA)


def prepare_rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A few records prepared one by one, as plain dicts (what prepare(...).to_pylist() gives, without the round trip
    through Arrow): a real-time lookup's probe and candidates. The work on each name is cached (_name_columns), as
    the same few thousand names come again and again."""
    prepared = []
    for record in records:
        raw_first = record.get("first_name")
        if raw_first and _text(raw_first) == "unborn":
            raw_first = None
        sex = (record.get("sex") or "").lower()
        dob = _dob(record.get("dob"))
        low = high = int(dob[:4]) if dob else None
        age = record.get("age_years")
        since, until = _dob(record.get("age_from")), _dob(record.get("age_to"))
        since, until = since or until, until or since
        if low is None and age not in (None, "") and since and until:
            low, high = int(since[:4]) - int(age) - 1, int(until[:4]) - int(age)
        names = _name_columns(
            *(str(v) if v else None for v in (raw_first, record.get("middle_names"), record.get("last_name")))
        )
        prepared.append(
            {
                "unique_id": str(record["unique_id"]),
                "source": str(record.get("source") or ""),
                "first_name": names[0],
                "middle_names": names[1],
                "last_name": names[2],
                "dob": dob,
                "sex": sex if sex in ("m", "f") else None,
                "postcode": _postcode(record.get("postcode")),
                "nhs_number": record.get("nhs_number") or None,
                "upn": record.get("upn") or None,
                "first_name_keys": list(names[3]),
                "first_name_spelling": names[7],
                "last_name_spelling": names[8],
                "first_name_sounds": list(names[4]),
                "last_name_sounds": list(names[5]),
                "name_parts": list(names[6]),
                "birth_year_low": low,
                "birth_year_high": high,
            }
        )
    return prepared


@lru_cache(maxsize=65_536)
def _name_columns(first: str | None, middle_names: str | None, last: str | None) -> tuple[Any, ...]:
    """The name columns of a record from its raw names (first name, middle names, last name): first, middle, last
    normalised, the first name's nickname keys, both names' phonetic keys, every part of the names, both names'
    spelling keys. Lists come back as tuples, for the cache; prepare_rows copies them."""
    first_name, last_name = _text(first), _text(last)
    middle = (middle_names or "").split()
    return (
        first_name,
        _text(middle[0]) if middle else None,
        last_name,
        tuple(name_keys(first_name)) if first_name else (),
        tuple(phonetic_keys(first_name)) if first_name else (),
        tuple(phonetic_keys(last_name)) if last_name else (),
        tuple(name_parts(first, middle_names, last)),
        spelling(first_name) if first_name else None,
        spelling(last_name) if last_name else None,
    )


def _raw_table(records: Iterable[Mapping[str, Any]]) -> pa.Table:
    columns: dict[str, list[Any]] = {name: [] for name in RAW}
    for record in records:
        for name, values in columns.items():
            values.append(record.get(name))
    columns["unique_id"] = [str(uid) for uid in columns["unique_id"]]
    columns["dob"] = [_dob(value) for value in columns["dob"]]
    for name in ("age_from", "age_to"):
        columns[name] = [_dob(value) for value in columns[name]]
    for name in ("source", "first_name", "middle_names", "last_name", "sex", "postcode", "nhs_number", "upn"):
        columns[name] = [str(value) if value else None for value in columns[name]]
    columns["age_years"] = [int(value) if value not in (None, "") else None for value in columns["age_years"]]
    types = {"age_years": pa.int32()}
    return pa.table({name: pa.array(values, types.get(name, pa.string())) for name, values in columns.items()})


def _blank_as_null(values: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)


def _fold(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """names.fold, column at a time: lower case, the letters without a mark to strip replaced, then decomposed (the
    marks are not letters, so _names drops them)."""
    lower = pc.utf8_lower(values)
    for letter, plain in FOLDED.items():
        lower = pc.replace_substring(lower, letter, plain)
    return pc.utf8_normalize(lower, "NFKD")


def _names(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """normalise_name, column at a time: lower case, diacritics dropped, letters only, empty as null."""
    return _blank_as_null(pc.replace_substring_regex(_fold(values), r"[^\p{L}]", ""))


def each_distinct(
    names: pa.ChunkedArray, work: Callable[[str], Any], kind: pa.DataType, missing: Any
) -> pa.ChunkedArray:
    """work(name) of each (normalised) name, worked out once for each distinct name; `missing` where there is none."""
    encoded = pc.dictionary_encode(names).combine_chunks()
    values = pa.array([*(work(name) for name in encoded.dictionary.to_pylist()), missing], kind)
    return pa.chunked_array([pc.take(values, encoded.indices.fill_null(len(values) - 1))])


def _parts(
    first: pa.ChunkedArray, middle: pa.ChunkedArray, last: pa.ChunkedArray, unborn: pa.ChunkedArray
) -> pa.ChunkedArray:
    """names.name_parts of each record's raw names, worked out once for each distinct combination: the combinations
    are found as integers (each name's code in its column), not as a million tuples of names."""
    first = pc.if_else(unborn, pa.scalar(None, pa.string()), first)
    codes, names = [], []
    for values in (first, middle, last):
        encoded = pc.dictionary_encode(values).combine_chunks()
        codes.append(encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64) + 1)  # 0: none
        names.append([None, *encoded.dictionary.to_pylist()])
    middles, lasts = len(names[1]), len(names[2])
    combined = (codes[0] * middles + codes[1]) * lasts + codes[2]
    distinct, inverse = np.unique(combined, return_inverse=True)
    parts = [
        name_parts(names[0][key // (middles * lasts)], names[1][key // lasts % middles], names[2][key % lasts])
        for key in distinct.tolist()
    ]
    return pa.chunked_array([pc.take(pa.array(parts, pa.list_(pa.string())), pa.array(inverse.reshape(-1)))])


def _iso_dates(values: pa.ChunkedArray) -> pa.ChunkedArray:
    if pa.types.is_string(values.type):
        return _blank_as_null(values)
    return pc.strftime(values.cast(pa.date32()).cast(pa.timestamp("s")), format="%Y-%m-%d")


def _birth_years(
    dob: pa.ChunkedArray, raw: pa.Table, column: Callable[..., pa.ChunkedArray]
) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
    """The years a person may have been born in: the year of their birth date, or, where a system gives an age
    instead (police: the age at an incident between age_from and age_to), the years that age allows."""
    year = pc.cast(pc.utf8_slice_codeunits(dob, 0, 4), pa.int32())
    age = column("age_years", pa.int32())
    since = pc.cast(pc.utf8_slice_codeunits(_iso_dates(column("age_from")), 0, 4), pa.int32())
    until = pc.cast(pc.utf8_slice_codeunits(_iso_dates(column("age_to")), 0, 4), pa.int32())
    since, until = pc.coalesce(since, until), pc.coalesce(until, since)
    low = pc.coalesce(year, pc.subtract(pc.subtract(since, age), 1))
    high = pc.coalesce(year, pc.subtract(until, age))
    return low, high
