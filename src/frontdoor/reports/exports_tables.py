"""The DfE Standard Safeguarding Dataset's tables as frontdoor can fill them, pseudonymised for the analyst.

Each table has the SSD's name and its columns in the SSD's order (data-to-insight/ssd-data-model, `data/objects`).
Every id is a pseudonym (`pseudonyms.pseudonym`, keyed with the project's key): a person's, a referral's, an NHS
number's, so the tables join on them and nobody without the key can work back to a child. No names, addresses,
identifier values or free text leave; a date of birth keeps only its month. A column frontdoor does not hold is left
blank, and the README written beside the files says which (`NOT_HELD`). Rows are plain dicts of strings."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from frontdoor.intake.models import ReferralChild, VistPerson
from frontdoor.mash.models import Outcome, VistOutcome
from frontdoor.mash.models_conference import ConferenceOutcome
from frontdoor.mash.models_strategy import DecisionKind, StrategyDecision, StrategyPerson
from frontdoor.people.consistent_identifier import map_claims, resolve
from frontdoor.people.models import Person, PersonKind
from frontdoor.reports import codes
from frontdoor.reports.pseudonyms import month_of, pseudonym

Row = dict[str, str]


@dataclass(frozen=True)
class Pseudonymiser:
    key: str

    def __call__(self, kind: str, value: object) -> str:
        return pseudonym(self.key, kind, value)

    def person(self, person_id: int | None) -> str:
        return pseudonym(self.key, "person", person_id) if person_id is not None else ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: list[str]
    rows: Callable[[Pseudonymiser], Iterator[Row]]
    about: str  # what a row is, in words
    not_held: str = ""  # the columns (or the whole table) frontdoor cannot fill, and why (for the README)
    title: str = ""  # what the table is, in words (for the page)


def _day(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment is not None else ""


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _flags(keys: list[str], on: set[str]) -> str:
    """The SSD's outcome JSON: every key present, Y for those that apply, N for the rest."""
    return json.dumps({k: ("Y" if k in on else "N") for k in keys}, separators=(",", ":"))


# --- ssd_person ----------------------------------------------------------------------------------------------------

PERSON_COLUMNS = [
    "pers_person_id", "pers_sex", "pers_gender", "pers_ethnicity", "pers_dob", "pers_common_child_id",
    "pers_legacy_id", "pers_upn_unknown", "pers_send_flag", "pers_expected_dob", "pers_death_date",
    "pers_is_mother", "pers_nationality",
]  # fmt: skip


def person_rows(p: Pseudonymiser) -> Iterator[Row]:
    """Each child's row; pers_common_child_id is the pseudonym of their consistent identifier (the NHS number from
    their linked records and identifiers, `people.consistent_identifier`), blank when none is known or two different
    numbers are held (a conflict for the MASH to settle, never chosen between here)."""
    people = (
        Person.objects.filter(kind__in=CHILD_KINDS)
        .order_by("pk")
        .values_list("pk", "sex", "ethnicity", "date_of_birth", "expected_date_of_delivery", "date_of_death")
    )
    last = 0
    while True:
        chunk = list(people.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        last = chunk[-1][0]
        claims = map_claims([row[0] for row in chunk])
        for pk, sex, ethnicity, born, due, died in chunk:
            number = resolve(claims.get(pk, []))
            common = number.nhs_number if number.nhs_number and not number.conflict else ""
            yield {
                **dict.fromkeys(PERSON_COLUMNS, ""),
                "pers_person_id": p.person(pk),
                "pers_sex": sex,
                "pers_ethnicity": ethnicity,
                "pers_dob": month_of(born),
                "pers_common_child_id": p("nhs_number", common) if common else "",
                "pers_expected_dob": month_of(due),
                "pers_death_date": month_of(died),
            }


CHUNK = 5000
CHILD_KINDS = (PersonKind.CHILD, PersonKind.UNBORN)

# --- ssd_contacts --------------------------------------------------------------------------------------------------

CONTACT_COLUMNS = [
    "cont_contact_id", "cont_person_id", "cont_contact_date", "cont_contact_source_code", "cont_contact_source_desc",
    "cont_contact_outcome_json",
]  # fmt: skip
CONTACT_FLAGS = [
    "NEW_REFERRAL_FLAG", "EXISTING_REFERRAL_FLAG", "CP_ENQUIRY_FLAG", "NFA_FLAG", "NON_AGENCY_ADOPTION_FLAG",
    "PRIVATE_FOSTERING_FLAG", "ADVICE_FLAG", "MISSING_FLAG", "OLA_CP_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
]  # fmt: skip
_REFERRAL_CONTACT_FLAGS: dict[str, set[str]] = {
    Outcome.NO_FURTHER_ACTION: {"NFA_FLAG"},
    Outcome.ADVICE: {"ADVICE_FLAG"},
    Outcome.EARLY_HELP: {"OTHER_OUTCOMES_EXIST_FLAG"},
    Outcome.ASSESSMENT: {"NEW_REFERRAL_FLAG"},
    Outcome.STRATEGY_DISCUSSION: {"NEW_REFERRAL_FLAG", "CP_ENQUIRY_FLAG"},
}
_VIST_CONTACT_FLAGS: dict[str, set[str]] = {
    VistOutcome.REFERRAL: {"NEW_REFERRAL_FLAG"},
    VistOutcome.STRATEGY_DISCUSSION: {"NEW_REFERRAL_FLAG", "CP_ENQUIRY_FLAG"},
    VistOutcome.EARLY_HELP: {"OTHER_OUTCOMES_EXIST_FLAG"},
    VistOutcome.INFORMATION_SHARED: {"ADVICE_FLAG"},
    VistOutcome.NO_FURTHER_ACTION: {"NFA_FLAG"},
}


def _contact(p: Pseudonymiser, kind: str, pk: int, reference: str, person_id: int, at: datetime,
             agency_kind: str | None, flags: set[str] | None) -> Row:  # fmt: skip
    code = codes.source_code(agency_kind)
    return {
        "cont_contact_id": p(kind, f"{reference}:{pk}"),
        "cont_person_id": p.person(person_id),
        "cont_contact_date": _day(at),
        "cont_contact_source_code": code,
        "cont_contact_source_desc": codes.source_words(code),
        # Blank while the MASH has not decided (the SSD's keys are all there once it has).
        "cont_contact_outcome_json": _flags(CONTACT_FLAGS, flags) if flags is not None else "",
    }


def contact_rows(p: Pseudonymiser) -> Iterator[Row]:
    for pk, person_id, reference, at, agency_kind, outcome in (
        ReferralChild.objects.filter(person__isnull=False)
        .order_by("referral__received_at", "pk")
        .values_list(
            "pk",
            "person_id",
            "referral__reference",
            "referral__received_at",
            "referral__referrer_agency__kind",
            "referral__mash_decision__outcome",
        )
        .iterator(chunk_size=5000)
    ):
        flags = _REFERRAL_CONTACT_FLAGS.get(outcome) if outcome else None
        yield _contact(p, "contact", pk, reference, person_id, at, agency_kind, flags)
    for pk, person_id, reference, at, agency_kind, outcome in (
        VistPerson.objects.filter(person__isnull=False, is_child=True)
        .order_by("vist__received_at", "pk")
        .values_list(
            "pk",
            "person_id",
            "vist__reference",
            "vist__received_at",
            "vist__api_client__agency__kind",
            "vist__mash_triage__outcome",
        )
        .iterator(chunk_size=5000)
    ):
        flags = _VIST_CONTACT_FLAGS.get(outcome) if outcome else None
        yield _contact(p, "vist_contact", pk, reference, person_id, at, agency_kind, flags)


# --- ssd_cin_episodes ----------------------------------------------------------------------------------------------

CIN_EPISODE_COLUMNS = [
    "cine_referral_id", "cine_person_id", "cine_referral_date", "cine_cin_primary_need_code",
    "cine_referral_source_code", "cine_referral_source_desc", "cine_referral_outcome_json", "cine_referral_nfa",
    "cine_close_reason", "cine_close_date", "cine_referral_team", "cine_referral_worker_id",
]  # fmt: skip
REFERRAL_FLAGS = [
    "SINGLE_ASSESSMENT_FLAG", "NFA_FLAG", "STRATEGY_DISCUSSION_FLAG", "CLA_REQUEST_FLAG", "NON_AGENCY_ADOPTION_FLAG",
    "PRIVATE_FOSTERING_FLAG", "CP_TRANSFER_IN_FLAG", "CP_CONFERENCE_FLAG", "CARE_LEAVER_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
]  # fmt: skip
_CIN_FLAGS: dict[str, set[str]] = {
    Outcome.ASSESSMENT: {"SINGLE_ASSESSMENT_FLAG"},
    Outcome.STRATEGY_DISCUSSION: {"STRATEGY_DISCUSSION_FLAG"},
    VistOutcome.REFERRAL: {"SINGLE_ASSESSMENT_FLAG"},
}


def _cin(p: Pseudonymiser, kind: str, reference: str, person_id: int, decided_at: datetime, agency_kind: str | None,
         outcome: str) -> Row:  # fmt: skip
    code = codes.source_code(agency_kind)
    return {
        **dict.fromkeys(CIN_EPISODE_COLUMNS, ""),
        "cine_referral_id": p(kind, f"{reference}:{person_id}"),
        "cine_person_id": p.person(person_id),
        "cine_referral_date": _day(decided_at),
        "cine_referral_source_code": code,
        "cine_referral_source_desc": codes.source_words(code),
        "cine_referral_outcome_json": _flags(REFERRAL_FLAGS, _CIN_FLAGS.get(outcome, {"STRATEGY_DISCUSSION_FLAG"})),
        "cine_referral_nfa": "N",
    }


def cin_episode_rows(p: Pseudonymiser) -> Iterator[Row]:
    """A referral to children's social care for each child: the MASH's decision on a referral (an assessment or a
    strategy discussion) or its triage of a VIST (a referral or a strategy discussion), dated when it decided."""
    for person_id, reference, decided_at, agency_kind, outcome in (
        ReferralChild.objects.filter(
            person__isnull=False, referral__mash_decision__outcome__in=[Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION]
        )
        .order_by("referral__mash_decision__decided_at", "pk")
        .values_list(
            "person_id",
            "referral__reference",
            "referral__mash_decision__decided_at",
            "referral__referrer_agency__kind",
            "referral__mash_decision__outcome",
        )
        .iterator(chunk_size=5000)
    ):
        yield _cin(p, "referral", reference, person_id, decided_at, agency_kind, outcome)
    for person_id, reference, decided_at, agency_kind, outcome in (
        VistPerson.objects.filter(
            person__isnull=False,
            is_child=True,
            vist__mash_triage__outcome__in=[VistOutcome.REFERRAL, VistOutcome.STRATEGY_DISCUSSION],
        )
        .order_by("vist__mash_triage__triaged_at", "pk")
        .values_list(
            "person_id",
            "vist__reference",
            "vist__mash_triage__triaged_at",
            "vist__api_client__agency__kind",
            "vist__mash_triage__outcome",
        )
        .iterator(chunk_size=5000)
    ):
        yield _cin(p, "vist", reference, person_id, decided_at, agency_kind, outcome)


# --- ssd_s47_enquiry and ssd_initial_cp_conference -----------------------------------------------------------------

S47_COLUMNS = [
    "s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id", "s47e_s47_start_date", "s47e_s47_end_date",
    "s47e_s47_nfa", "s47e_s47_outcome_json", "s47e_s47_completed_by_worker_id", "s47e_s47_completed_by_team",
]  # fmt: skip
S47_FLAGS = [
    "NFA_FLAG", "LEGAL_ACTION_FLAG", "PROV_OF_SERVICES_FLAG", "PROV_OF_SB_CARE_FLAG", "CP_CONFERENCE_FLAG",
    "NFA_CONTINUE_SINGLE_FLAG", "MONITOR_FLAG", "OTHER_OUTCOMES_EXIST_FLAG",
]  # fmt: skip
SECTION_47 = (DecisionKind.SECTION_47_SINGLE, DecisionKind.SECTION_47_JOINT)


def _referral_id(p: Pseudonymiser, referral: str | None, vist: str | None, person_id: int) -> str:
    if referral:
        return p("referral", f"{referral}:{person_id}")
    return p("vist", f"{vist}:{person_id}") if vist else ""


def s47_rows(p: Pseudonymiser) -> Iterator[Row]:
    """A section 47 enquiry for each child on a strategy discussion that decided one, from the day it was held; its
    outcome is known only as far as an initial conference recorded from it."""
    discussions = StrategyDecision.objects.filter(kind__in=SECTION_47).values_list("discussion_id", flat=True)
    conferenced = set(ConferenceOutcome.objects.values_list("child_id", flat=True))
    for sp_pk, person_id, reference, held_at, referral, vist in (
        StrategyPerson.objects.filter(discussion_id__in=discussions, is_child=True, person__isnull=False)
        .order_by("discussion__held_at", "pk")
        .values_list(
            "pk",
            "person_id",
            "discussion__reference",
            "discussion__held_at",
            "discussion__referral__reference",
            "discussion__vist__reference",
        )
    ):
        yield {
            **dict.fromkeys(S47_COLUMNS, ""),
            "s47e_s47_enquiry_id": p("s47", f"{reference}:{person_id}"),
            "s47e_referral_id": _referral_id(p, referral, vist, person_id),
            "s47e_person_id": p.person(person_id),
            "s47e_s47_start_date": _day(held_at),
            "s47e_s47_outcome_json": _flags(S47_FLAGS, {"CP_CONFERENCE_FLAG"}) if sp_pk in conferenced else "",
        }


ICPC_COLUMNS = [
    "icpc_icpc_id", "icpc_icpc_meeting_id", "icpc_s47_enquiry_id", "icpc_person_id", "icpc_cp_plan_id",
    "icpc_referral_id", "icpc_icpc_transfer_in", "icpc_icpc_target_date", "icpc_icpc_date",
    "icpc_icpc_outcome_cp_flag", "icpc_icpc_outcome_json", "icpc_icpc_team", "icpc_icpc_worker_id",
]  # fmt: skip
ICPC_FLAGS = [
    "NFA_FLAG", "REFERRAL_TO_OTHER_AGENCY_FLAG", "SINGLE_ASSESSMENT_FLAG", "PROV_OF_SERVICES_FLAG", "CP_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
]  # fmt: skip


def icpc_rows(p: Pseudonymiser) -> Iterator[Row]:
    for conference_id, person_id, reference, held_at, plan, referral, vist in (
        ConferenceOutcome.objects.filter(child__person__isnull=False)
        .order_by("conference__held_at", "pk")
        .values_list(
            "conference_id",
            "child__person_id",
            "conference__discussion__reference",
            "conference__held_at",
            "plan",
            "conference__discussion__referral__reference",
            "conference__discussion__vist__reference",
        )
    ):
        yield {
            **dict.fromkeys(ICPC_COLUMNS, ""),
            "icpc_icpc_id": p("icpc", f"{conference_id}:{person_id}"),
            "icpc_icpc_meeting_id": p("icpc_meeting", conference_id),
            "icpc_s47_enquiry_id": p("s47", f"{reference}:{person_id}"),
            "icpc_person_id": p.person(person_id),
            "icpc_cp_plan_id": p("cp_plan", f"{conference_id}:{person_id}") if plan else "",
            "icpc_referral_id": _referral_id(p, referral, vist, person_id),
            "icpc_icpc_transfer_in": "N",
            "icpc_icpc_date": _day(held_at),
            "icpc_icpc_outcome_cp_flag": "Y" if plan else "N",
            "icpc_icpc_outcome_json": _flags(ICPC_FLAGS, {"CP_FLAG"} if plan else set()),
        }
