"""Each role's home page: its heading and, in a sentence, what the role does here today.

The sections with work on them (the triage queue, your referrals, access reviews, ...) are registered by the
capabilities themselves (`core.registry.register_home_section`) and built from live queries; a home never has a
section for something the software does not do yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.access.roles import Role


@dataclass(frozen=True)
class Home:
    heading: str
    intro: str


HOMES: dict[str, Home] = {
    Role.REFERRER: Home(
        "Make and follow referrals",
        "Refer a child to the front door and see what happened to each referral you made.",
    ),
    Role.SCHOOL_DSL: Home(
        "Your school's safeguarding",
        "Refer pupils to the front door and follow each referral to its outcome.",
    ),
    Role.MASH_SOCIAL_WORKER: Home("MASH work", "Screen referrals and police VISTs, and record decisions."),
    Role.MASH_MANAGER: Home(
        "MASH oversight",
        "See the triage queue with its deadlines, every missed deadline, the identity review and the scorecard.",
    ),
    Role.MASH_POLICE: Home("MASH police", "Triage police VISTs and screen referrals with the MASH."),
    Role.MASH_HEALTH: Home("MASH health", "Screen referrals and VISTs with the MASH, with what health records hold."),
    Role.MASH_EDUCATION: Home("MASH education", "Screen referrals and VISTs with the MASH, with what schools hold."),
    Role.PARTNER_RESPONDER: Home(
        "Your agency and the front door",
        "Refer a child to the front door and follow each referral to its outcome.",
    ),
    Role.EARLY_HELP_WORKER: Home(
        "Early help",
        "Find what the partnership knows about a family, refer to the front door and follow each referral.",
    ),
    Role.EDT_WORKER: Home(
        "Emergency duty team",
        "Out of hours: open any child's early-help and social-care records (each look recorded as out of hours), "
        "record each contact and what you did, and hand it over to the MASH for the next working day.",
    ),
    Role.MISSING_EXPLOITATION_COORDINATOR: Home(
        "Missing and exploitation",
        "Follow the children missing now and every return: a VIST to the MASH, a return home interview offered "
        "within 72 hours, and each child's trigger plan kept current.",
    ),
    Role.POLICE_SUPERVISOR: Home(
        "Police supervision",
        "Chase the VISTs your force owes: incidents with children still waiting for one, and how long VISTs take.",
    ),
    Role.RETURN_HOME_INTERVIEW_WORKER: Home(
        "Return home interviews",
        "Offer every child back from a missing episode an interview within 72 hours, and record what they tell you "
        "for police and the coordinator.",
    ),
    Role.EDUCATION_SAFEGUARDING_OFFICER: Home("Education safeguarding", "Your notifications are below."),
    Role.ANALYST: Home("Analysis", "Your notifications are below."),
    Role.STRATEGIC_LEADER: Home(
        "Front door oversight",
        "Follow the front door's figures on the scorecard: what came in, how quickly and how well it was done.",
    ),
    Role.PRIVACY_OFFICER: Home(
        "Privacy and access",
        "Review who has looked at children's records, and every use of break-glass.",
    ),
    Role.SYSTEM_ADMINISTRATOR: Home(
        "Administration",
        "Manage agencies, schools, users, roles, calendars and API clients.",
    ),
}
