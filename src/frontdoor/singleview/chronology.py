"""What each agency's event is, in the single view's words: its data category (the access policy's unit) and the
agency heading it is filtered under. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventKind:
    what: str  # shown in the chronology
    category: str  # the access policy's data category
    agency: str  # the filter heading


KINDS: dict[str, EventKind] = {
    "contact": EventKind("Contact with children's social care", "csc", "Children's social care"),
    "referral": EventKind("Referral to children's social care", "csc", "Children's social care"),
    "assessment": EventKind("Assessment", "csc", "Children's social care"),
    "section_47_enquiry": EventKind("Section 47 enquiry", "csc", "Children's social care"),
    "child_protection_plan": EventKind("Child protection plan", "csc", "Children's social care"),
    "looked_after": EventKind("Looked after", "csc", "Children's social care"),
    "child_in_need_plan": EventKind("Child in need plan", "csc", "Children's social care"),
    "domestic_abuse_incident": EventKind("Domestic-abuse incident", "police", "Police"),
    "missing_episode": EventKind("Missing episode", "police", "Police"),
    "concern_for_safety": EventKind("Concern for safety", "police", "Police"),
    "police_incident": EventKind("Police incident", "police", "Police"),
    "vist": EventKind("VIST (vulnerability screening)", "police", "Police"),
    "ed_attendance": EventKind("Emergency department attendance", "acute_health", "Health"),
    "health_visitor_contact": EventKind("Health visitor contact", "community_health", "Health"),
    "maternity_episode": EventKind("Maternity episode", "maternity", "Health"),
    "school_census": EventKind("School census return", "education", "Education"),
    "early_help_episode": EventKind("Early help episode", "early_help", "Early help"),
    # The front door's own records.
    "fd_referral": EventKind("Referral to the front door", "referrals", "Front door"),
    "fd_decision": EventKind("Front door decision", "referrals", "Front door"),
    "fd_vist": EventKind("VIST received by the front door", "police", "Front door"),
    "fd_incident": EventKind("Domestic-abuse incident notified", "police", "Front door"),
}

# An event still open is a plan, a placement or an episode that has not ended: flags come from these.
OPEN_FLAGS = {
    "child_protection_plan": "Child protection plan",
    "looked_after": "Looked after",
    "child_in_need_plan": "Child in need plan",
    "assessment": "Assessment under way",
    "section_47_enquiry": "Section 47 enquiry under way",
    "early_help_episode": "Open to early help",
}
SOCIAL_CARE_OPEN = {"child_protection_plan", "looked_after", "child_in_need_plan", "assessment", "section_47_enquiry"}

SEN_PROVISION = {"K": "SEN support", "E": "Education, health and care plan (EHCP)"}


def kind_of(kind: str) -> EventKind:
    return KINDS.get(kind, EventKind(kind.replace("_", " ").capitalize(), "other", "Other"))
