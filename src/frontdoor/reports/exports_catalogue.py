"""The rest of the analyst exports' SSD tables (missing periods, linked identifiers, family help, the voice of the
child), and the list of every table written, with what each row is and what frontdoor cannot fill
(`exports_tables` has the people, contacts, referrals, section 47 enquiries and conferences, and the rules)."""

from __future__ import annotations

from collections.abc import Iterator

from frontdoor.missing.models import Episode
from frontdoor.missing.returns_rows import SSD_MISSING_COLUMNS, periods
from frontdoor.missing.returns_selectors import episode_facts
from frontdoor.people.models import IdentifierScheme, PersonIdentifier
from frontdoor.reports.exports_tables import (
    CHILD_KINDS,
    CIN_EPISODE_COLUMNS,
    CONTACT_COLUMNS,
    ICPC_COLUMNS,
    PERSON_COLUMNS,
    S47_COLUMNS,
    Pseudonymiser,
    Row,
    Table,
    _day,
    _iso,
    cin_episode_rows,
    contact_rows,
    icpc_rows,
    person_rows,
    s47_rows,
)

# --- ssd_missing ---------------------------------------------------------------------------------------------------


def missing_rows(p: Pseudonymiser) -> Iterator[Row]:
    """Every period a child frontdoor has identified was missing or away (all children, not only those looked
    after), cut where its category changed between missing and away, as the SSDA903 return cuts it."""
    episodes = (
        Episode.objects.filter(person__isnull=False)
        .select_related("category", "interview")
        .prefetch_related("transitions__category")
        .order_by("went_missing_at", "pk")
    )
    for episode in episodes.iterator(chunk_size=2000):
        for period in periods(episode_facts(episode)):
            yield {
                "miss_table_id": p("missing", period.reference),
                "miss_person_id": p.person(period.person_id),
                "miss_missing_episode_start_date": period.started_at.strftime("%Y-%m-%d %H:%M"),
                "miss_missing_episode_type": period.code,
                "miss_missing_episode_end_date": period.ended_at.strftime("%Y-%m-%d %H:%M") if period.ended_at else "",
                "miss_missing_rhi_offered": _yes_no(period.interview_offered),
                "miss_missing_rhi_accepted": _yes_no(period.interview_accepted) if period.interview_offered else "",
            }


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Y" if value else "N")


# --- ssd_linked_identifiers ----------------------------------------------------------------------------------------

LINKED_IDENTIFIER_COLUMNS = [
    "link_table_id", "link_person_id", "link_identifier_type", "link_identifier_value", "link_valid_from_date",
    "link_valid_to_date",
]  # fmt: skip
IDENTIFIER_TYPES: dict[str, str] = {
    IdentifierScheme.NHS_NUMBER: "NHS Number",
    IdentifierScheme.UPN: "Unique Pupil Number",
    IdentifierScheme.FORMER_UPN: "Unique Pupil Number",
    IdentifierScheme.LA_CHILD_ID: "Case Number",
}


def linked_identifier_rows(p: Pseudonymiser) -> Iterator[Row]:
    """Each child's national and council identifiers, the value itself a pseudonym (the same number gives the same
    pseudonym wherever it is held, so a second source pseudonymised with this key joins on it)."""
    for pk, person_id, scheme, value, valid_from, valid_to in (
        PersonIdentifier.objects.filter(scheme__in=list(IDENTIFIER_TYPES), person__kind__in=CHILD_KINDS)
        .order_by("person_id", "pk")
        .values_list("pk", "person_id", "scheme", "value", "valid_from", "valid_to")
        .iterator(chunk_size=5000)
    ):
        yield {
            "link_table_id": p("identifier", pk),
            "link_person_id": p.person(person_id),
            "link_identifier_type": IDENTIFIER_TYPES[scheme],
            "link_identifier_value": p(scheme, value),
            "link_valid_from_date": _iso(valid_from),
            "link_valid_to_date": _iso(valid_to),
        }


# --- ssd_voice_of_child and ssd_early_help_episodes ----------------------------------------------------------------

VOICE_COLUMNS = [
    "voch_table_id", "voch_person_id", "voch_explained_worries", "voch_story_help_understand", "voch_agree_worker",
    "voch_plan_safe", "voch_tablet_help_explain",
]  # fmt: skip


def no_rows(p: Pseudonymiser) -> Iterator[Row]:
    return iter(())


EARLY_HELP_COLUMNS = [
    "earl_episode_id", "earl_person_id", "earl_episode_start_date", "earl_episode_end_date", "earl_episode_reason",
    "earl_episode_end_reason", "earl_episode_organisation", "earl_episode_worker_id",
]  # fmt: skip


def early_help_rows(p: Pseudonymiser) -> Iterator[Row]:
    """Each child of a family the MASH stepped down to family help: from when the family came onto the lists to when
    it closed or was stepped up."""
    from frontdoor.familyhelp.models import FamilyChild, FamilyStatus

    for family_id, person_id, created_at, closed_at, status in (
        FamilyChild.objects.filter(person__isnull=False)
        .order_by("family__created_at", "pk")
        .values_list("family_id", "person_id", "family__created_at", "family__closed_at", "family__status")
    ):
        ended = status in (FamilyStatus.CLOSED, FamilyStatus.STEPPED_UP)
        yield {
            **dict.fromkeys(EARLY_HELP_COLUMNS, ""),
            "earl_episode_id": p("family_help", f"{family_id}:{person_id}"),
            "earl_person_id": p.person(person_id),
            "earl_episode_start_date": _day(created_at),
            "earl_episode_end_date": _day(closed_at) if ended else "",
            "earl_episode_reason": "Stepped down by the MASH",
            "earl_episode_end_reason": "Stepped up to the MASH"
            if status == FamilyStatus.STEPPED_UP
            else ("Closed" if status == FamilyStatus.CLOSED else ""),
            "earl_episode_organisation": "Family help",
        }


TABLES: list[Table] = [
    Table(
        "ssd_person",
        PERSON_COLUMNS,
        person_rows,
        "one row for each child and unborn child frontdoor holds",
        "pers_gender, pers_legacy_id, pers_upn_unknown, pers_send_flag, pers_is_mother and pers_nationality are not "
        "held by frontdoor. pers_dob, pers_expected_dob and pers_death_date keep only the month (YYYY-MM), so that "
        "no child can be found by their birthday; pers_common_child_id is the NHS number's pseudonym.",
        title="Children",
    ),
    Table(
        "ssd_contacts",
        CONTACT_COLUMNS,
        contact_rows,
        "one row for each child named on a referral or a police VIST (each child of a contact has a row)",
        "cont_contact_outcome_json is blank while the MASH has not decided; the source code comes from the kind of "
        "agency that sent the contact (frontdoor knows the agency, not the person in it).",
        title="Contacts",
    ),
    Table(
        "ssd_cin_episodes",
        CIN_EPISODE_COLUMNS,
        cin_episode_rows,
        "one row for each child the MASH referred to children's social care (an assessment or a strategy "
        "discussion decided on a referral, or a VIST triaged as a referral or a strategy discussion)",
        "cine_cin_primary_need_code, cine_close_reason, cine_close_date, cine_referral_team and "
        "cine_referral_worker_id are recorded in the council's case management system after the front door.",
        title="Referrals to children's social care",
    ),
    Table(
        "ssd_s47_enquiry",
        S47_COLUMNS,
        s47_rows,
        "one row for each child on a strategy discussion that decided a section 47 enquiry",
        "s47e_s47_end_date, s47e_s47_nfa and the worker and team are the case record's; s47e_s47_outcome_json is "
        "filled only when an initial conference was recorded from the enquiry.",
        title="Section 47 enquiries",
    ),
    Table(
        "ssd_initial_cp_conference",
        ICPC_COLUMNS,
        icpc_rows,
        "one row for each child at an initial child protection conference recorded in frontdoor",
        "icpc_icpc_target_date, icpc_icpc_team and icpc_icpc_worker_id are not exported.",
        title="Initial child protection conferences",
    ),
    Table(
        "ssd_missing",
        SSD_MISSING_COLUMNS,
        missing_rows,
        "one row for each period a child was missing (M) or away (A), the return home interview offered and "
        "accepted after it (Y or N; blank while not known)",
        "Episodes not yet linked to a child in frontdoor are left out.",
        title="Missing and away from placement",
    ),
    Table(
        "ssd_linked_identifiers",
        LINKED_IDENTIFIER_COLUMNS,
        linked_identifier_rows,
        "one row for each NHS number, unique pupil number and council child id a child has",
        "link_identifier_value is the identifier's pseudonym, never the number; agencies' own local ids are not "
        "exported.",
        title="Identifiers (as pseudonyms)",
    ),
    Table(
        "ssd_early_help_episodes",
        EARLY_HELP_COLUMNS,
        early_help_rows,
        "one row for each child of a family the MASH stepped down to family help",
        "earl_episode_worker_id is not exported; the reason is the step-down, not the family's needs (which are "
        "free text).",
        title="Family help",
    ),
    Table(
        "ssd_voice_of_child",
        VOICE_COLUMNS,
        no_rows,
        "no rows",
        "frontdoor records the child's own words where they are heard (free text, which no pseudonym can make safe "
        "to share), not the answers to the SSD's five questions, so the table is written with its columns and no "
        "rows. How many children's voices are recorded is on the scorecard.",
        title="Voice of the child",
    ),
]

# The SSD tables a front door cannot fill: they belong to the council's case management system.
NOT_HELD = [
    "ssd_cin_assessments, ssd_assessment_factors, ssd_cin_plans, ssd_cin_visits",
    "ssd_cp_plans, ssd_cp_visits, ssd_cp_reviews (a plan's start and category are known only from the initial "
    "conference, in ssd_initial_cp_conference)",
    "ssd_cla_episodes, ssd_cla_placement, ssd_cla_reviews, ssd_cla_visits, ssd_cla_health and the other ssd_cla_ "
    "tables, ssd_legal_status, ssd_permanence, ssd_care_leavers",
    "ssd_involvements, ssd_professionals, ssd_department (workers and teams are not exported)",
    "ssd_address, ssd_family, ssd_mother, ssd_disability, ssd_immigration_status, ssd_send and the ssd_ehcp_ tables",
    "ssd_pre_proceedings, ssd_sdq_scores, ssd_s251_finance",
]


def by_name() -> dict[str, Table]:
    return {t.name: t for t in TABLES}
