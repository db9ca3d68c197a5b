"""The rows of the statutory returns made from missing episodes, from plain facts (pure: no database, no Django).

The SSDA903 (children looked after) return's Missing table: one row for each period a looked-after child was
missing from care (M: whereabouts not known) or away from placement without authorisation (A: whereabouts known)
that touches the collection year, with DfE's column names, codes and dd/mm/yyyy dates. The collection year is
1 April to 31 March: "year 2026" is 1 April 2025 to 31 March 2026 (DfE, "Children looked after return: guide",
each year's guide to the SSDA903 collection; `csc-validator-be-903` derives the same bounds from its
`collectionYear` in `datastore._process_metadata`). Its rules 570 and 571 say what a period may carry: it may
start before the year (only a start after 31 March is refused), and an end date must fall inside the year, so a
period still going on at 31 March is returned with no end date (as the guide asks of a child still missing at the
reporting date).

A period is split where the episode's category changed between an M and an A category, the end of one being the
start of the next (the DfE guide, as `ssd_missing.yml` of the Standard Safeguarding Dataset repeats it).

Also the Header and Episodes rows the validator checks the Missing table against, holding only what frontdoor knows,
and the DfE Standard Safeguarding Dataset's `ssd_missing` rows (data-to-insight/ssd-data-model, MISS001A-MISS007A).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime

MISSING = "M"  # missing from care: whereabouts not known
AWAY = "A"  # away from placement without authorisation: whereabouts known

# DfE column names, in the order the validator's `config.column_names` gives them.
MISSING_COLUMNS = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"]
HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]
EPISODES_COLUMNS = [
    "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
    "HOME_POST", "PL_POST", "URN",
]  # fmt: skip
SSD_MISSING_COLUMNS = [
    "miss_table_id", "miss_person_id", "miss_missing_episode_start_date", "miss_missing_episode_type",
    "miss_missing_episode_end_date", "miss_missing_rhi_offered", "miss_missing_rhi_accepted",
]  # fmt: skip
# The SSDA903 Header's SEX is 1 (male) or 2 (female); frontdoor's "not known" has no 903 code.
HEADER_SEX = {"M": "1", "F": "2"}


@dataclass(frozen=True)
class CollectionYear:
    """A collection year, named by the year it ends in: 2026 is 1 April 2025 to 31 March 2026."""

    ending: int

    @property
    def start(self) -> date:
        return date(self.ending - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.ending, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.ending - 1}-{self.ending % 100:02d}"

    @property
    def ruleset(self) -> str:
        """The validator's rule set for this year (`lac_validator.rules.lac2025_26` for 2026)."""
        return f"lac{self.ending - 1}_{self.ending % 100:02d}"


@dataclass(frozen=True)
class LookedAfterChild:
    """What frontdoor holds about a looked-after child that the return uses."""

    person_id: int
    child_id: str  # the local authority's child id, the return's CHILD ("" if frontdoor holds none)
    sex: str  # M, F or U
    date_of_birth: date | None
    ethnicity: str = ""
    upn: str = ""
    placement_since: date | None = None  # the current placement's start: the only care date frontdoor holds


@dataclass(frozen=True)
class EpisodeFacts:
    """One episode in local time: when it started and ended, the 903 code from each moment on (the first at the
    start), and the return home interview's offer and answer (None: not known or not yet)."""

    reference: str
    person_id: int
    started_at: datetime
    ended_at: datetime | None
    codes: list[tuple[datetime, str]] = field(default_factory=list)
    interview_offered: bool | None = None
    interview_accepted: bool | None = None


@dataclass(frozen=True)
class Period:
    """A stretch of one episode under one code: what the Missing table has one row for."""

    reference: str
    person_id: int
    code: str
    started_at: datetime
    ended_at: datetime | None
    interview_offered: bool | None = None
    interview_accepted: bool | None = None


def dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def periods(episode: EpisodeFacts) -> list[Period]:
    """The episode cut where its code changes; the interview (which follows the return) goes with the last."""
    changes: list[tuple[datetime, str]] = []
    for at, code in sorted(episode.codes or [(episode.started_at, MISSING)], key=lambda c: c[0]):
        at = max(at, episode.started_at)
        if changes and episode.ended_at is not None and at >= episode.ended_at:
            continue  # a re-grading recorded after the return changes nothing the return counts
        if changes and changes[-1][1] == code:
            continue
        if changes and changes[-1][0] == at:
            changes[-1] = (at, code)
        else:
            changes.append((at, code))
    result = []
    for i, (at, code) in enumerate(changes):
        last = i == len(changes) - 1
        result.append(
            Period(
                reference=episode.reference if len(changes) == 1 else f"{episode.reference}-{i + 1}",
                person_id=episode.person_id,
                code=code,
                started_at=at,
                ended_at=episode.ended_at if last else changes[i + 1][0],
                interview_offered=episode.interview_offered if last else None,
                interview_accepted=episode.interview_accepted if last else None,
            )
        )
    return result


def touches(period: Period, year: CollectionYear) -> bool:
    """Whether the period was going on at some time in the collection year."""
    started = period.started_at.date()
    return started <= year.end and (period.ended_at is None or period.ended_at.date() >= year.start)


def year_periods(episodes: list[EpisodeFacts], year: CollectionYear) -> list[Period]:
    return [p for episode in episodes for p in periods(episode) if touches(p, year)]


def ssda903_missing_row(child: LookedAfterChild, period: Period, year: CollectionYear) -> dict[str, str]:
    ended = period.ended_at.date() if period.ended_at is not None else None
    return {
        "CHILD": child.child_id,
        "DOB": dmy(child.date_of_birth),
        "MISSING": period.code,
        "MIS_START": dmy(period.started_at.date()),
        # Still missing or away at 31 March: no end date in this year's return (rules 571 and the guide).
        "MIS_END": dmy(ended) if ended is not None and ended <= year.end else "",
    }


def ssda903_missing_rows(
    children: list[LookedAfterChild], episodes: list[EpisodeFacts], year: CollectionYear
) -> list[dict[str, str]]:
    """The Missing table, ordered by child and start. A child with no local authority child id is left out (the
    return is keyed on it: the caller says how many)."""
    by_person = {c.person_id: c for c in children if c.child_id}
    rows = [
        (by_person[p.person_id], p) for p in year_periods(episodes, year) if p.person_id in by_person
    ]  # fmt: skip
    rows.sort(key=lambda cp: (cp[0].child_id, cp[1].started_at, cp[1].reference))
    return [ssda903_missing_row(child, period, year) for child, period in rows]


def header_rows(children: list[LookedAfterChild], with_periods: set[int]) -> list[dict[str, str]]:
    """The Header rows of the children in the Missing table: what frontdoor holds (CHILD, SEX, DOB, and ETHNIC and
    UPN where held); MOTHER and MC_DOB are not held and are left blank."""
    return [
        {
            "CHILD": c.child_id,
            "SEX": HEADER_SEX.get(c.sex, ""),
            "DOB": dmy(c.date_of_birth),
            "ETHNIC": c.ethnicity,
            "UPN": c.upn,
            "MOTHER": "",
            "MC_DOB": "",
        }
        for c in sorted(children, key=lambda c: c.child_id)
        if c.child_id and c.person_id in with_periods
    ]


def episodes_rows(children: list[LookedAfterChild], with_periods: set[int]) -> list[dict[str, str]]:
    """One Episodes row for each child in the Missing table: DECOM is the current placement's start, the one care
    date frontdoor holds; every other column is the care record's and is left blank."""
    return [
        {**dict.fromkeys(EPISODES_COLUMNS, ""), "CHILD": c.child_id, "DECOM": dmy(c.placement_since)}
        for c in sorted(children, key=lambda c: c.child_id)
        if c.child_id and c.person_id in with_periods
    ]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


def ssd_missing_rows(
    children: list[LookedAfterChild], episodes: list[EpisodeFacts], year: CollectionYear
) -> list[dict[str, str]]:
    """The Standard Safeguarding Dataset's `ssd_missing` rows for the same periods, with their times (the SSD's
    columns are datetimes) and the return home interview offered and accepted (Y or N; blank when the child has not
    come back yet, or was not offered one)."""
    by_person = {c.person_id: c for c in children if c.child_id}
    rows = []
    for p in year_periods(episodes, year):
        child = by_person.get(p.person_id)
        if child is None:
            continue
        rows.append(
            {
                "miss_table_id": p.reference,
                "miss_person_id": child.child_id,
                "miss_missing_episode_start_date": p.started_at.strftime("%Y-%m-%d %H:%M"),
                "miss_missing_episode_type": p.code,
                "miss_missing_episode_end_date": p.ended_at.strftime("%Y-%m-%d %H:%M") if p.ended_at else "",
                "miss_missing_rhi_offered": _yes_no(p.interview_offered),
                "miss_missing_rhi_accepted": _yes_no(p.interview_accepted) if p.interview_offered else "",
            }
        )
    rows.sort(key=lambda r: (r["miss_person_id"], r["miss_missing_episode_start_date"], r["miss_table_id"]))
    return rows


def overlapping(periods_of_a_child: list[Period]) -> int:
    """How many of a child's periods start before the one before them ended (or while it is still open): the
    validator's rule 574 refuses them, and only the people who recorded them can say which is right."""
    ordered = sorted(periods_of_a_child, key=lambda p: (p.ended_at or p.started_at, p.started_at))
    count = 0
    for before, after in itertools.pairwise(ordered):
        if before.ended_at is None or after.started_at.date() < before.ended_at.date():
            count += 1
    return count
