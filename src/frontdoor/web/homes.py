"""Each role's home page: its heading and what the role is for. The sections with live work on them are registered
by the capabilities themselves (`core.registry.register_home_section`); the plain sections here are text only.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.access.roles import Role


@dataclass(frozen=True)
class Section:
    title: str
    empty: str


@dataclass(frozen=True)
class Home:
    heading: str
    intro: str
    sections: tuple[Section, ...]


HOMES: dict[str, Home] = {
    Role.REFERRER: Home(
        "Make and follow referrals",
        "Refer a child to the front door and see what happened to each referral you made.",
        (),
    ),
    Role.SCHOOL_DSL: Home(
        "Your school's safeguarding",
        "Refer pupils to the front door and receive Operation Encompass notices about your pupils.",
        (Section("Operation Encompass notices", "There are no Operation Encompass notices for your school."),),
    ),
    Role.MASH_SOCIAL_WORKER: Home(
        "MASH work",
        "Screen contacts and referrals, request MASH checks and record decisions.",
        (),
    ),
    Role.MASH_MANAGER: Home(
        "MASH oversight",
        "See the triage queue, every running deadline and every escalation across the MASH.",
        (
            Section(
                "Escalations",
                "A missed deadline shows as overdue in the triage queue, and you are sent a notification about it.",
            ),
        ),
    ),
    Role.MASH_POLICE: Home(
        "MASH police",
        "Research police information for MASH checks and chair the daily vulnerability meeting.",
        (Section("MASH checks for police", "There are no MASH checks waiting for police."),),
    ),
    Role.MASH_HEALTH: Home(
        "MASH health",
        "Answer MASH checks with information from health records.",
        (Section("MASH checks for health", "There are no MASH checks waiting for health."),),
    ),
    Role.MASH_EDUCATION: Home(
        "MASH education",
        "Answer MASH checks for education and send Operation Encompass notices to schools.",
        (Section("MASH checks for education", "There are no MASH checks waiting for education."),),
    ),
    Role.PARTNER_RESPONDER: Home(
        "Requests for information",
        "Answer MASH checks sent to your agency before their deadline.",
        (Section("MASH checks for your agency", "There are no MASH checks waiting for your agency."),),
    ),
    Role.EARLY_HELP_WORKER: Home(
        "Early help",
        "See families waiting for early help and how long each has waited.",
        (Section("Waiting list", "No families are waiting for early help."),),
    ),
    Role.EDT_WORKER: Home(
        "Emergency duty team",
        "Out of hours: see what is known about a child and convene urgent strategy discussions.",
        (),
    ),
    Role.MISSING_EXPLOITATION_COORDINATOR: Home(
        "Missing and exploitation",
        "Follow missing episodes to their return home interviews, trigger plans and exploitation screening.",
        (
            Section("Missing episodes", "No children are missing, and no return home interviews are due."),
            Section("Exploitation screening", "No screenings are waiting."),
        ),
    ),
    Role.ANALYST: Home(
        "Analysis",
        "Export pseudonymised data about the front door's work.",
        (Section("Exports", "No exports are available yet."),),
    ),
    Role.STRATEGIC_LEADER: Home(
        "Front door scorecard",
        "See how the front door is performing. This view is read-only.",
        (Section("Scorecard", "The scorecard is not available yet."),),
    ),
    Role.PRIVACY_OFFICER: Home(
        "Privacy and access",
        "Review who has looked at children's records, and every use of break-glass.",
        (),
    ),
    Role.SYSTEM_ADMINISTRATOR: Home(
        "Administration",
        "Manage agencies, schools, users, roles, calendars and API clients.",
        (),
    ),
}
