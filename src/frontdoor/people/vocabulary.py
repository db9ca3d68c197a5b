"""What each kind of agency event is called, in every place a person reads it: one vocabulary for the child's page
(singleview) and the "already known to" panel (linkage.selectors). Pure: no Django.

A kind (SourceEvent.kind, as the ingest adapters name it) has a heading for the chronology, the access policy's data
category it belongs to, the agency heading it is filtered under and the words for it in a sentence ("2 referrals");
one that can stay open (a plan, a placement, an episode) also says how a sentence and a flag name it while open.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    what: str  # the chronology's heading: "Child protection plan"
    category: str  # the access policy's data category
    agency: str  # the filter heading
    words: str = ""  # in a sentence, counted: "child protection plan"
    open_words: str = ""  # in a sentence while open: "on a child protection plan"; empty if it never stays open
    open_flag: str = ""  # as a flag while open: "Child protection plan"


CSC, POLICE, HEALTH = "Children's social care", "Police", "Health"

KINDS: dict[str, EventKind] = {
    "contact": EventKind("Contact with children's social care", "csc", CSC, "contact"),
    "referral": EventKind("Referral to children's social care", "csc", CSC, "referral"),
    "assessment": EventKind(
        "Assessment", "csc", CSC, "assessment", open_words="being assessed", open_flag="Assessment under way"
    ),
    "section_47_enquiry": EventKind(
        "Section 47 enquiry",
        "csc",
        CSC,
        "section 47 enquiry",
        open_words="in a section 47 enquiry",
        open_flag="Section 47 enquiry under way",
    ),
    "child_protection_plan": EventKind(
        "Child protection plan",
        "csc",
        CSC,
        "child protection plan",
        open_words="on a child protection plan",
        open_flag="Child protection plan",
    ),
    "looked_after": EventKind(
        "Looked after", "csc", CSC, "period looked after", open_words="looked after", open_flag="Looked after"
    ),
    "child_in_need_plan": EventKind(
        "Child in need plan",
        "csc",
        CSC,
        "child in need plan",
        open_words="on a child in need plan",
        open_flag="Child in need plan",
    ),
    "domestic_abuse_incident": EventKind("Domestic-abuse incident", "police", POLICE, "domestic-abuse incident"),
    "missing_episode": EventKind("Missing episode", "police", POLICE, "missing episode"),
    "concern_for_safety": EventKind("Concern for safety", "police", POLICE, "concern for safety"),
    "police_incident": EventKind("Police incident", "police", POLICE, "police incident"),
    "vist": EventKind("VIST (vulnerability screening)", "police", POLICE, "VIST"),
    "ed_attendance": EventKind(
        "Emergency department attendance", "acute_health", HEALTH, "emergency department attendance"
    ),
    "health_visitor_contact": EventKind("Health visitor contact", "community_health", HEALTH, "health visitor contact"),
    "maternity_episode": EventKind("Maternity episode", "maternity", HEALTH, "maternity episode"),
    "school_census": EventKind("School census return", "education", "Education", "school census return"),
    "early_help_episode": EventKind(
        "Early help episode",
        "early_help",
        "Early help",
        "early help episode",
        open_words="open to early help",
        open_flag="Open to early help",
    ),
}

# What is open now is what a MASH worker needs first: an open plan or episode outranks any number of old contacts.
OPEN_FLAGS = {kind: event.open_flag for kind, event in KINDS.items() if event.open_flag}
OPEN_WORDS = {kind: event.open_words for kind, event in KINDS.items() if event.open_words}
SOCIAL_CARE_OPEN = {kind for kind in OPEN_FLAGS if KINDS[kind].category == "csc"}


# A school census's SEN provision code, as a flag says it.
SEN_PROVISION = {"K": "SEN support", "E": "Education, health and care plan (EHCP)"}


def kind_of(kind: str) -> EventKind:
    """A kind's heading, category and agency; an unknown kind is headed by its own words and filed as "other" (a
    category no role is given, so it is never shown by mistake)."""
    return KINDS.get(kind, EventKind(kind.replace("_", " ").capitalize(), "other", "Other"))


def words_for(kind: str) -> str:
    """A kind in a sentence; an unknown kind as its own words ("school_exclusion" -> "school exclusion")."""
    known = KINDS.get(kind)
    return known.words if known else kind.replace("_", " ")


# The coded values agencies' events carry, in words. The DfE children in need census codes (primary need N0-N9,
# category of abuse) and the outcome and risk codes of the partnership's systems; an unknown value is shown as held.
ATTRIBUTE_WORDS: dict[str, dict[str, str]] = {
    "primary_need": {
        "N0": "not stated",
        "N1": "abuse or neglect",
        "N2": "child's disability or illness",
        "N3": "parental disability or illness",
        "N4": "family in acute stress",
        "N5": "family dysfunction",
        "N6": "socially unacceptable behaviour",
        "N7": "low income",
        "N8": "absent parenting",
        "N9": "cases other than children in need",
    },
    "category_of_abuse": {
        "NEG": "neglect",
        "EMO": "emotional abuse",
        "PHY": "physical abuse",
        "SAB": "sexual abuse",
        "MUL": "more than one category",
    },
    "outcome": {
        "NFA": "no further action",
        "ADVICE": "advice and signposting",
        "EARLY_HELP": "early help",
        "ASSESSMENT": "assessment",
        "S47": "section 47 enquiry",
        "CPP": "child protection plan",
        "CLOSED": "closed",
    },
    "risk_level": {"LOW": "low", "MEDIUM": "medium", "HIGH": "high", "STANDARD": "standard"},
    "lead_organisation": {"SCHOOL": "the child's school"},
    # The DfE's ethnicity codes (the school and children in need censuses).
    "ethnicity": {
        "WBRI": "White British",
        "WIRI": "White Irish",
        "WIRT": "Traveller of Irish heritage",
        "WOTH": "any other White background",
        "WROM": "Gypsy or Roma",
        "MWBC": "White and Black Caribbean",
        "MWBA": "White and Black African",
        "MWAS": "White and Asian",
        "MOTH": "any other mixed background",
        "AIND": "Indian",
        "APKN": "Pakistani",
        "ABAN": "Bangladeshi",
        "AOTH": "any other Asian background",
        "BCRB": "Black Caribbean",
        "BAFR": "Black African",
        "BOTH": "any other Black background",
        "CHNE": "Chinese",
        "OOTH": "any other ethnic group",
        "REFU": "refused",
        "NOBT": "not yet obtained",
    },
}
ATTRIBUTE_NAMES = {
    "primary_need": "primary need",
    "category_of_abuse": "category of abuse",
    "outcome": "outcome",
    "reason": "reason",
    "lead_organisation": "lead",
    "risk_level": "risk",
}


def attribute_words(name: str, value: object) -> str:
    """An event's coded attribute as a phrase: "primary need: abuse or neglect"."""
    text = str(value)
    return f"{ATTRIBUTE_NAMES.get(name, name.replace('_', ' '))}: {ATTRIBUTE_WORDS.get(name, {}).get(text, text)}"
