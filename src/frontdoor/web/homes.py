"""What each role's home page offers. Until a capability arrives, its section says so plainly.

A section with a `feed` shows live data instead of its empty text when there is some (see `web.views.home`).
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.access.roles import Role


@dataclass(frozen=True)
class Section:
    title: str
    empty: str
    feed: str = ""  # "my_referrals", "triage_queue" or "access_reviews": filled when the role may see it


@dataclass(frozen=True)
class Home:
    heading: str
    intro: str
    sections: tuple[Section, ...]


_QUEUE = Section("Triage queue", "There are no referrals or VISTs waiting for triage.", feed="triage_queue")
_MY_REFERRALS = Section(
    "Your referrals",
    "You have not made any referrals. When you do, you will see each one's status and outcome here.",
    feed="my_referrals",
)

HOMES: dict[str, Home] = {
    Role.REFERRER: Home(
        "Make and follow referrals",
        "Refer a child to the front door and see what happened to each referral you made.",
        (_MY_REFERRALS,),
    ),
    Role.SCHOOL_DSL: Home(
        "Your school's safeguarding",
        "Refer pupils to the front door and receive Operation Encompass notices about your pupils.",
        (
            _MY_REFERRALS,
            Section("Operation Encompass notices", "There are no Operation Encompass notices for your school."),
        ),
    ),
    Role.MASH_SOCIAL_WORKER: Home(
        "MASH work",
        "Screen contacts and referrals, request MASH checks and record decisions.",
        (_QUEUE,),
    ),
    Role.MASH_MANAGER: Home(
        "MASH oversight",
        "See the triage queue, every running deadline and every escalation across the MASH.",
        (
            _QUEUE,
            Section(
                "Escalations",
                "A missed deadline shows as overdue in the triage queue, and you are sent a notification about it.",
            ),
        ),
    ),
    Role.MASH_POLICE: Home(
        "MASH police",
        "Research police information for MASH checks and chair the daily vulnerability meeting.",
        (_QUEUE, Section("MASH checks for police", "There are no MASH checks waiting for police.")),
    ),
    Role.MASH_HEALTH: Home(
        "MASH health",
        "Answer MASH checks with information from health records.",
        (_QUEUE, Section("MASH checks for health", "There are no MASH checks waiting for health.")),
    ),
    Role.MASH_EDUCATION: Home(
        "MASH education",
        "Answer MASH checks for education and send Operation Encompass notices to schools.",
        (_QUEUE, Section("MASH checks for education", "There are no MASH checks waiting for education.")),
    ),
    Role.PARTNER_RESPONDER: Home(
        "Requests for information",
        "Answer MASH checks sent to your agency before their deadline.",
        (Section("MASH checks for your agency", "There are no MASH checks waiting for your agency."), _MY_REFERRALS),
    ),
    Role.EARLY_HELP_WORKER: Home(
        "Early help",
        "See families waiting for early help and how long each has waited.",
        (Section("Waiting list", "No families are waiting for early help."), _MY_REFERRALS),
    ),
    Role.EDT_WORKER: Home(
        "Emergency duty team",
        "Out of hours: see what is known about a child and convene urgent strategy discussions.",
        (_MY_REFERRALS,),
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
        (Section("Access reviews", "There are no break-glass accesses waiting for review.", feed="access_reviews"),),
    ),
    Role.SYSTEM_ADMINISTRATOR: Home(
        "Administration",
        "Manage agencies, schools, users, roles, calendars and API clients.",
        (),
    ),
}
