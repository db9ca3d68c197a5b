"""The CIN census's codes the analyst exports and Annex A use for who sent a contact (pure).

The DfE's referral source codes (children in need census guide, "Referral source"), chosen from the kind of agency
that sent the contact: frontdoor knows the agency, not the person within it, so an individual (1A to 1D) or an
anonymous contact (9) is never given."""

from __future__ import annotations

SOURCE_WORDS = {
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health services: GP",
    "3D": "Health services: other primary health services",
    "3F": "Health services: other",
    "4": "Housing",
    "5B": "Local authority services: other internal",
    "5D": "Local authority services: early help",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "10": "Unknown",
}

_BY_AGENCY_KIND = {
    "police": "6",
    "ambulance": "3F",
    "community_health": "3D",
    "acute_hospital": "3F",
    "maternity": "3F",
    "sexual_health": "3F",
    "gp": "3A",
    "school": "2A",
    "alternative_provision": "2A",
    "early_years": "2B",
    "further_education": "2B",
    "childrens_social_care": "5B",
    "youth_support": "5B",
    "emergency_duty_team": "5B",
    "early_help": "5D",
    "probation": "7",
    "housing": "4",
    "other": "8",
}


def source_code(agency_kind: str | None) -> str:
    """The referral source code of a contact sent by an agency of this kind ("10", unknown, when there is none)."""
    return _BY_AGENCY_KIND.get(agency_kind or "", "10")


def source_words(code: str) -> str:
    return SOURCE_WORDS.get(code, "")
