"""The CIN census's codes for who sent a contact, used by the census, the analyst exports and Annex A (pure).

The DfE's referral source codes (children in need census guide, "Referral source"), chosen from the kind of agency
that sent the contact: frontdoor knows the agency, not the person within it, so an individual (1A to 1D) or an
anonymous contact (9) is never given."""

from __future__ import annotations

SOURCE_WORDS = {
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health services: GP",
    "3D": "Health services: other primary health services",
    "3E": "Health services: A&E",
    "3F": "Health services: other",
    "4": "Housing",
    "5A": "Local authority services: social care",
    "5B": "Local authority services: other internal",
    "5D": "Local authority services: early help",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "10": "Unknown",
}

# One mapping for every output (the census, the exports, Annex A): the referrer's agency kind (`people.AgencyKind`).
_BY_AGENCY_KIND = {
    "school": "2A",
    "alternative_provision": "2A",  # a pupil referral unit or alternative provision academy is a school
    "early_years": "2B",
    "further_education": "2B",
    "gp": "3A",
    "community_health": "3D",
    "sexual_health": "3D",
    "acute_hospital": "3E",  # a hospital's referrals come from its emergency department in the main
    "maternity": "3F",
    "ambulance": "3F",
    "housing": "4",
    "childrens_social_care": "5A",
    "emergency_duty_team": "5A",
    "youth_support": "5B",
    "early_help": "5D",
    "police": "6",
    "probation": "7",
    "other": "8",
}


def source_code(agency_kind: str | None) -> str:
    """The referral source code of a contact sent by an agency of this kind ("10", unknown, when there is none)."""
    return _BY_AGENCY_KIND.get(agency_kind or "", "10")


def source_words(code: str) -> str:
    return SOURCE_WORDS.get(code, "")
