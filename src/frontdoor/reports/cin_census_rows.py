"""The children in need census (DfE, CIN census 2025-26 onwards) from plain facts: pure, no database, no Django.

What a front door holds of a child in need episode is its start: the contact the MASH decided to take further (to a
child and family assessment or a strategy discussion) is the census's referral (`CINreferralDate` N00100, its
`ReferralSource` N00152 from the referrer's agency), a strategy discussion's decision to start a section 47 enquiry
is the census's `Section47` (N00148, with the initial conference's target N00109 and date N00110), and an initial
child protection conference's plan is the census's `ChildProtectionPlans` (N00105, N00113). Everything after that
(the assessment, the child in need plan, the plan's reviews and end, the episode's closure) is the case record's,
so this module never makes it up: what the return lacks is said in words (`Gap`), and a child the census cannot
take without an item frontdoor does not hold is left out and listed.

Choices, each one the validator's rules and the census guide allow:
- A child has one episode in the return, from the first referral in the year: frontdoor does not hold closures, and
  two open episodes for a child are refused (rules 8815, 8816, 8820). Later referrals in the year are listed.
- `PrimaryNeedCode` is N0 ("not stated"): the primary need is set at assessment, in the case record.
- `ReferralNFA` is false: a contact that went no further is not a referral in the census's sense.
- Ethnicity not recorded is NOBT ("information not yet obtained"), the census's own code.
- No UPN for a child not yet of school age (the validator's reckoning in rule 8770Q) is UN1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.people import disability
from frontdoor.reports.codes import source_code

POLICE = "6"
NOT_STATED = "N0"
NOT_OBTAINED = "NOBT"
NOT_SCHOOL_AGE = "UN1"
ETHNICITIES = frozenset(
    [
        "WBRI",
        "WIRI",
        "WIRT",
        "WOTH",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    ]
)
DISABILITIES = disability.CODES  # the one table of the census's disability codes, with their words
DISABILITY = "disability"  # a gap put right by recording the child's disability on their record
CATEGORIES = frozenset({"NEG", "PHY", "EMO", "SAB", "MUL"})
UPN = re.compile(r"[A-Za-z]\d{11}[\dA-Za-z]")
CHILD_ID = re.compile(r"[A-Za-z0-9]{1,20}")


@dataclass(frozen=True)
class CensusChild:
    person_id: int
    child_id: str  # the local authority's child id ("" when frontdoor holds none)
    sex: str  # M, F or U
    date_of_birth: date | None = None
    expected_date_of_delivery: date | None = None
    date_of_death: date | None = None
    unborn: bool = False
    ethnicity: str = ""
    disabilities: tuple[str, ...] = ()  # the census's codes; () when not recorded
    upn: str = ""
    former_upn: str = ""


@dataclass(frozen=True)
class ReferralFacts:
    """A contact the MASH decided to take further: the census's referral."""

    reference: str
    person_id: int
    received_on: date
    agency_kind: str


@dataclass(frozen=True)
class PlanFacts:
    start: date
    category: str
    conference_on: date


@dataclass(frozen=True)
class EnquiryFacts:
    """A section 47 enquiry a strategy discussion started, for one child: what it came from, its conference."""

    reference: str  # the strategy discussion's
    person_id: int
    started_on: date
    target: date  # the initial conference's target date: 15 working days on
    referral_reference: str = ""  # the referral it came from, if one
    vist_received_on: date | None = None  # the police VIST it came from, if one
    conference_on: date | None = None
    plan: PlanFacts | None = None


@dataclass(frozen=True)
class Section47:
    started_on: date
    target: date
    conference_on: date | None
    reference: str = ""  # the strategy discussion that started it, where it is put right


@dataclass(frozen=True)
class Plan:
    start: date
    category: str
    previous: int  # earlier plans frontdoor holds for the child


@dataclass(frozen=True)
class Episode:
    referral_date: date
    source: str
    enquiries: list[Section47] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)


@dataclass(frozen=True)
class CensusRecord:
    child: CensusChild
    upn: str
    upn_unknown: str
    ethnicity: str
    episode: Episode


@dataclass(frozen=True)
class Gap:
    """A child left out of the return, or an item returned with the census's "not known" code or not at all, and
    why, in words. `person_id` is None for a gap that is the return's, not one child's."""

    person_id: int | None
    child_id: str
    words: str
    left_out: bool = False
    fix: str = ""  # what on the child's record puts it right, where a form does: DISABILITY


def school_age(born: date | None, year: CollectionYear) -> bool:
    """Of school age by the validator's reckoning (rule 8770Q): born on or before the 31 August six years before
    the one after the reference date (31 March plus four months and 31 days)."""
    return born is not None and born <= date(year.end.year - 6, 8, 31)


def _in_year(day: date | None, year: CollectionYear) -> bool:
    return day is not None and year.start <= day <= year.end


def build_records(
    children: list[CensusChild],
    referrals: list[ReferralFacts],
    enquiries: list[EnquiryFacts],
    year: CollectionYear,
    all_plans: dict[int, list[date]] | None = None,
) -> tuple[list[CensusRecord], list[Gap]]:
    """One record per child with a referral or a section 47 enquiry in the year; and the gaps, in words."""
    all_plans = all_plans or {}
    by_person = {c.person_id: c for c in children}
    refs: dict[int, list[ReferralFacts]] = {}
    for r in sorted(referrals, key=lambda r: (r.received_on, r.reference)):
        if _in_year(r.received_on, year):
            refs.setdefault(r.person_id, []).append(r)
    s47s: dict[int, list[EnquiryFacts]] = {}
    for e in sorted(enquiries, key=lambda e: (e.started_on, e.reference)):
        if _in_year(e.started_on, year):
            s47s.setdefault(e.person_id, []).append(e)
    records: list[CensusRecord] = []
    gaps: list[Gap] = []
    for person_id in sorted(set(refs) | set(s47s)):
        child = by_person.get(person_id)
        if child is None:
            continue
        made = _record(child, refs.get(person_id, []), s47s.get(person_id, []), year, all_plans.get(person_id, []))
        if isinstance(made, Gap):
            gaps.append(made)
            continue
        record, more = made
        records.append(record)
        gaps.extend(more)
    records.sort(key=lambda r: r.child.child_id)
    return records, gaps


def _left_out(child: CensusChild, words: str, fix: str = "") -> Gap:
    return Gap(child.person_id, child.child_id, words, left_out=True, fix=fix)


def _record(
    child: CensusChild,
    referrals: list[ReferralFacts],
    enquiries: list[EnquiryFacts],
    year: CollectionYear,
    plan_starts: list[date],
) -> tuple[CensusRecord, list[Gap]] | Gap:
    if not child.child_id:
        return _left_out(child, "Not in the return: frontdoor does not hold the child's local authority child id.")
    if not CHILD_ID.fullmatch(child.child_id):
        return _left_out(
            child,
            "Not in the return: the local authority child id held is not 1 to 20 letters and digits (rules 1570 "
            "and 1580).",
        )
    disabilities = disability.parse(child.disabilities)  # a code beside "none" is the one that holds
    child = replace(child, disabilities=disabilities)
    if not disabilities:
        return _left_out(
            child,
            "Not in the return: the child's disability (or that they have none) is not recorded, and the census has "
            "no code for not known.",
            DISABILITY,
        )
    starts: list[tuple[date, str]] = [(r.received_on, source_code(r.agency_kind)) for r in referrals]
    starts += [(e.vist_received_on, POLICE) for e in enquiries if e.vist_received_on is not None]
    if not starts:
        return _left_out(
            child,
            "Not in the return: a section 47 enquiry on a case already open, and frontdoor does not hold the referral "
            "that opened it.",
        )
    referral_date, source = min(starts)
    gaps: list[Gap] = []
    if len(referrals) > 1:
        gaps.append(
            Gap(
                child.person_id,
                child.child_id,
                f"{len(referrals)} referrals in the year are returned as one episode from the first: frontdoor does "
                "not hold when an episode closed. Split them from the case record if the first closed.",
            )
        )
    kept = [e for e in enquiries if e.started_on >= referral_date]
    if len(kept) < len(enquiries):
        gaps.append(
            Gap(
                child.person_id,
                child.child_id,
                "A section 47 enquiry before the episode's referral is not returned: its referral is not held.",
            )
        )
    section47s, plans = [], []
    for e in kept:
        held = e.conference_on if e.conference_on is not None and e.conference_on <= year.end else None
        section47s.append(Section47(e.started_on, e.target, held, e.reference))
        if e.plan is not None and held is not None and e.plan.category in CATEGORIES:
            previous = sum(1 for s in plan_starts if s < e.plan.start)
            plans.append(Plan(e.plan.start, e.plan.category, previous))
    upn = child.upn if UPN.fullmatch(child.upn or "") else ""
    if child.upn and not upn:
        gaps.append(Gap(child.person_id, child.child_id, "The UPN held is not in the census's format: left out."))
    unknown = ""
    if not upn and (child.unborn or not school_age(child.date_of_birth, year)):
        unknown = NOT_SCHOOL_AGE
    ethnicity = child.ethnicity if child.ethnicity in ETHNICITIES else NOT_OBTAINED
    if ethnicity != child.ethnicity:
        gaps.append(
            Gap(child.person_id, child.child_id, "Ethnicity is not recorded: returned as information not yet obtained.")
        )
    episode = Episode(referral_date, source, section47s, plans)
    return CensusRecord(child, upn, unknown, ethnicity, episode), gaps
