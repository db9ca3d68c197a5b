"""Train on what a file has: which columns the records hold, and the training steps those columns allow. Pure: no
Django, no DuckDB (the counts are Arrow's).

An agency's extract lacks one identifier or another (police hold no NHS numbers, health no UPNs), and a file may
have names and dates of birth only. The model compares the columns the records populate, and each training step
(the EM sessions and their blocking, the near-certain rules for the match rate) is chosen from those the records
can feed; what the records cannot teach is taken from the packaged model (default_model.py), and a file too small
or too sparse to train on is linked with the packaged model alone. ADR 0007 gives the reasons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage.splink_settings import (
    COMPARED,
    DETERMINISTIC,
    SESSIONS,
    STAND_IN_DETERMINISTIC,
    STAND_IN_SESSIONS,
    blocking_rules,
)

# Fewer records than this teach the model nothing it can trust: the packaged model links them.
MIN_RECORDS = 200
# An EM session needs pairs to learn from, and too many (a rule on a date of birth alone in a large file) cost more
# than they teach.
MIN_SESSION_PAIRS = 30
MAX_SESSION_PAIRS = 20_000_000
# The near-certain rules need pairs to count; fewer and the match rate is the packaged model's, scaled to the file.
MIN_DETERMINISTIC_PAIRS = 5

# The prepared columns each comparison reads: an EM session blocked on any of them cannot estimate it.
READS = {
    "first_name": {
        "first_name",
        "middle_names",
        "first_name_keys",
        "first_name_spelling",
        "first_name_sounds",
        "name_parts",
    },
    "middle_names": {"middle_names"},
    "last_name": {"last_name", "last_name_spelling", "last_name_sounds", "name_parts", "sex"},
    "dob": {"dob"},
    "nhs_number": {"nhs_number"},
    "upn": {"upn"},
    "postcode": {"postcode"},
    "sex": {"sex"},
    "birth_year": {"birth_year", "dob"},
}
WORDS = {
    "first_name": "first name",
    "middle_names": "middle name",
    "last_name": "last name",
    "dob": "date of birth",
    "nhs_number": "NHS number",
    "upn": "unique pupil number",
    "postcode": "postcode",
    "sex": "sex",
    "birth_year": "age given instead of a date of birth",
}


@dataclass(frozen=True)
class Plan:
    """What the model compares and how it is trained on these records."""

    records: int
    columns: tuple[str, ...]  # compared, in the model's order
    sessions: tuple[tuple[str, ...], ...]  # EM sessions, each blocked on these columns
    deterministic: tuple[str, ...]  # near-certain rules (SQL) for the match rate; none: the packaged one, scaled

    @property
    def trainable(self) -> bool:
        return self.records >= MIN_RECORDS and bool(self.sessions)

    @property
    def untrained(self) -> tuple[str, ...]:
        """Compared columns no session estimates (their m values are the packaged model's)."""
        return tuple(c for c in self.columns if not any(covers(s, c) for s in self.sessions))


def covers(session: Iterable[str], column: str) -> bool:
    """Whether an EM session blocked on these columns estimates this comparison (Splink fixes those it blocks on)."""
    return not (set(session) & READS[column])


def populated(table: pa.Table) -> tuple[str, ...]:
    """The compared columns that at least two records hold (one value alone can agree with nothing)."""
    present = []
    for column in COMPARED:
        if column == "birth_year":
            # Only an age given instead of a date of birth makes this comparison other than its null level.
            ages = pc.sum(pc.and_(pc.is_valid(table.column("birth_year_low")), pc.is_null(table.column("dob"))))
            held = pc.sum(pc.is_valid(table.column("birth_year_low"))).as_py() or 0
            if (ages.as_py() or 0) and held >= 2:
                present.append(column)
        elif table.num_rows - table.column(column).null_count >= 2:
            present.append(column)
    return tuple(present)


def pairs_agreeing(table: pa.Table, columns: Iterable[str]) -> int:
    """Pairs of records with the same value in every one of these columns (none blank)."""
    names = list(columns)
    held = table.select(names)
    for name in names:
        held = held.filter(pc.is_valid(held.column(name)))
    if held.num_rows < 2:
        return 0
    counts = held.group_by(names).aggregate([([], "count_all")]).column("count_all").to_pylist()
    return sum(n * (n - 1) // 2 for n in counts)


def plan(table: pa.Table) -> Plan:
    """The comparisons and training steps these (prepared) records allow."""
    columns = populated(table)
    have = set(columns)

    def usable(session: tuple[str, ...]) -> bool:
        return set(session) <= have and MIN_SESSION_PAIRS <= pairs_agreeing(table, session) <= MAX_SESSION_PAIRS

    sessions = [session for session in SESSIONS if usable(session)]
    for session in STAND_IN_SESSIONS:  # only where the model's own leave a comparison unestimated
        left = [c for c in columns if not any(covers(s, c) for s in sessions)]
        if left and any(covers(session, c) for c in left) and usable(session):
            sessions.append(session)
    deterministic = _deterministic(table, have)
    return Plan(records=table.num_rows, columns=columns, sessions=tuple(sessions), deterministic=deterministic)


def _deterministic(table: pa.Table, have: set[str]) -> tuple[str, ...]:
    """The model's near-certain rules the records can feed, each one they cannot replaced by its stand-ins (so the
    share of true pairs they find, which the estimate assumes, stays much the same); none if they find too few."""
    rules: list[tuple[tuple[str, ...], str]] = []
    for (needs, sql), stand_ins in zip(DETERMINISTIC, STAND_IN_DETERMINISTIC, strict=True):
        usable = [(needs, sql)] if set(needs) <= have and pairs_agreeing(table, needs) else []
        rules += usable or [(n, s) for n, s in stand_ins if set(n) <= have and pairs_agreeing(table, n)]
    if sum(pairs_agreeing(table, needs) for needs, _sql in rules) < MIN_DETERMINISTIC_PAIRS:
        return ()
    return tuple(sql for _needs, sql in rules)


def _listed(columns: Iterable[str], conjunction: str = "and") -> str:
    words = [WORDS[c] for c in columns]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def notes(plan: Plan, *, borrowed: Iterable[str] = (), rate_estimated: bool = True) -> list[str]:
    """What the model compared and how it was trained, in plain words (for the analyst who runs link-file)."""
    if not plan.columns:
        return ["The file has nothing to compare records on: each record is a person of its own."]
    lacking = [c for c in COMPARED if c not in plan.columns and c != "birth_year"]
    compared = f"Compared {_listed(plan.columns)}"
    said = [f"{compared}; the file has no {_listed(lacking, 'or')}." if lacking else f"{compared}."]
    if not blocking_rules(columns=plan.columns):
        said.append(f"{_listed(plan.columns).capitalize()} alone cannot show two records are one person: each "
                    "record is a person of its own.")  # fmt: skip
        return said
    if not plan.trainable:
        reason = (
            f"it has {plan.records} records; training needs at least {MIN_RECORDS}"
            if plan.records < MIN_RECORDS
            else "too few of its records agree on anything to learn from"
        )
        said.append(
            f"The file is too small or too sparse to train the model on ({reason}): linked with the packaged "
            "model, trained on a synthetic county, using only the columns the file has."
        )
        return said
    said.append("Trained the model on the file itself.")
    taken = [c for c in plan.columns if c in set(plan.untrained) | set(borrowed)]
    if taken:
        said.append(
            f"The file could not teach every weight for {_listed(taken)} (kinds of agreement it never shows, or no "
            "pairs to learn from): those are the packaged model's."
        )
    if not rate_estimated:
        said.append(
            "Too few records agree exactly to estimate how many are the same person: the packaged model's rate is "
            "used, scaled to the file's size."
        )
    return said
