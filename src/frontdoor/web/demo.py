"""Demo data: a few agencies and schools, a user for every role, API clients, a handful of synthetic children, a
morning's triage queue (`demo_queue`), the MASH checks out to partner agencies on it (`demo_checks`), family
help's lists (`demo_familyhelp`), the daily meeting and an out-of-hours hand-over (`demo_meeting`), last night's
Operation Encompass notifications (`demo_encompass`), the police's VISTs late and missing (`demo_vistcompliance`),
strategy discussions (`demo_strategy`), an initial child protection conference held (`demo_conference`), the
missing children the coordinator and the return home interview worker follow (`demo_missing`), the looked-after
children's periods missing for the statutory returns (`demo_returns`), the exploitation screenings the
coordinator follows (`demo_exploitation`), the MACE workspace's network, intelligence, disruption actions and last
month's meeting (`demo_mace`), the children's NHS numbers as their GP holds them, with one being traced
(`demo_nhsnumber`), what the children in need census needs of the children the MASH took further (`demo_cin`), a
mother on a referral (Tyler's) whom the police hold under her maiden name, mistyped, and his dad, whom they recorded
with him at an incident (`demo_adults`); and the analyst's first pseudonymised export (`demo_exports`).

Everyone here is invented. Loading is idempotent: re-running finds what is there and adds what is missing.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction

from frontdoor.access import services as access_services
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from frontdoor.core.calendars import england_default_inset_days, england_default_terms
from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.core.models import ClosureDay, InsetDay, SchoolCalendar, TermPeriod
from frontdoor.people.models import (
    Address,
    Agency,
    AgencyKind,
    IdentifierScheme,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    School,
    SchoolPhase,
    Sex,
)
from frontdoor.web.demo_adults import load_demo_adults
from frontdoor.web.demo_checks import load_demo_checks
from frontdoor.web.demo_cin import load_demo_cin
from frontdoor.web.demo_conference import load_demo_conference
from frontdoor.web.demo_encompass import load_demo_encompass
from frontdoor.web.demo_exploitation import load_demo_exploitation
from frontdoor.web.demo_exports import load_demo_exports
from frontdoor.web.demo_familyhelp import load_demo_family_help
from frontdoor.web.demo_mace import load_demo_mace
from frontdoor.web.demo_meeting import load_demo_meeting
from frontdoor.web.demo_missing import load_demo_missing
from frontdoor.web.demo_nhsnumber import load_demo_nhs_numbers
from frontdoor.web.demo_queue import load_demo_queue
from frontdoor.web.demo_returns import load_demo_returns
from frontdoor.web.demo_strategy import load_demo_strategy
from frontdoor.web.demo_vistcompliance import load_demo_vist_compliance

DEMO_PASSWORD = "frontdoor-demo-2026"  # noqa: S105  (the demo's published sign-in, synthetic data only)

AGENCIES = [
    ("Esterbury Constabulary", AgencyKind.POLICE, "0300 123 0001"),
    ("Esterbury Ambulance Service", AgencyKind.AMBULANCE, "0300 123 0002"),
    ("Esterbury Hospitals NHS Trust", AgencyKind.ACUTE_HOSPITAL, "0300 123 0003"),
    ("Esterbury Community Health", AgencyKind.COMMUNITY_HEALTH, "0300 123 0004"),
    ("Riverside Medical Practice", AgencyKind.GP, "0300 123 0005"),
    ("Esterbury Children's Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE, "0300 123 0006"),
    ("Esterbury Early Help", AgencyKind.EARLY_HELP, "0300 123 0007"),
    ("Esterbury Emergency Duty Team", AgencyKind.EMERGENCY_DUTY_TEAM, "0300 123 0008"),
    ("Esterbury Youth Support", AgencyKind.YOUTH_SUPPORT, "0300 123 0009"),
]

SCHOOLS = [
    ("Millbrook Primary School", "100001", SchoolPhase.PRIMARY, "Dana Hollis"),
    ("Esterbury Academy", "100002", SchoolPhase.SECONDARY, "Marcus Webb"),
    ("Harefield Learning Centre", "100003", SchoolPhase.ALTERNATIVE_PROVISION, "Priya Nair"),
]

# (username, first, last, agency, roles)
USERS = [
    ("referrer", "Rosa", "Fielding", "Esterbury Community Health", [Role.REFERRER]),
    ("mash.sw", "Sam", "Okafor", "Esterbury Children's Social Care", [Role.MASH_SOCIAL_WORKER]),
    (
        "mash.manager",
        "Morgan",
        "Price",
        "Esterbury Children's Social Care",
        [Role.MASH_MANAGER, Role.MASH_SOCIAL_WORKER],
    ),
    ("mash.police", "Pat", "Doyle", "Esterbury Constabulary", [Role.MASH_POLICE]),
    ("mash.health", "Hana", "Begum", "Esterbury Community Health", [Role.MASH_HEALTH]),
    ("mash.education", "Eli", "Grant", "Esterbury Children's Social Care", [Role.MASH_EDUCATION]),
    ("responder", "Robin", "Shaw", "Esterbury Hospitals NHS Trust", [Role.PARTNER_RESPONDER]),
    ("dsl", "Dana", "Hollis", "Millbrook Primary School", [Role.SCHOOL_DSL, Role.REFERRER]),
    ("earlyhelp", "Kim", "Turner", "Esterbury Early Help", [Role.EARLY_HELP_WORKER]),
    ("edt", "Jo", "Mensah", "Esterbury Emergency Duty Team", [Role.EDT_WORKER]),
    ("missing", "Alex", "Rowe", "Esterbury Youth Support", [Role.MISSING_EXPLOITATION_COORDINATOR]),
    ("police.supervisor", "Chris", "Hart", "Esterbury Constabulary", [Role.POLICE_SUPERVISOR]),
    ("rhi", "Jordan", "Ellis", "Esterbury Youth Support", [Role.RETURN_HOME_INTERVIEW_WORKER]),
    (
        "education.safeguarding",
        "Sunita",
        "Rao",
        "Esterbury Children's Social Care",
        [Role.EDUCATION_SAFEGUARDING_OFFICER],
    ),
    ("analyst", "Nia", "Evans", "Esterbury Children's Social Care", [Role.ANALYST]),
    ("scrutineer", "Lee", "Carter", "Esterbury Children's Social Care", [Role.STRATEGIC_LEADER]),
    ("privacy", "Val", "Singh", "Esterbury Children's Social Care", [Role.PRIVACY_OFFICER]),
    ("admin", "Ash", "Morley", "Esterbury Children's Social Care", [Role.SYSTEM_ADMINISTRATOR]),
]

MASH_CHECKS = ["mash-checks:read", "mash-checks:write"]  # an agency's system lists and answers its MASH checks
API_CLIENTS = [
    (
        "police-records",
        "Esterbury Constabulary",
        [
            "whoami",
            "identifiers:check",
            "vists:write",
            "vists:read",
            "incidents:write",
            "records:write",
            *MASH_CHECKS,
            "missing-episodes:write",
            "missing-episodes:read",
        ],
    ),
    (
        "health-records",
        "Esterbury Hospitals NHS Trust",
        ["whoami", "identifiers:check", "referrals:write", "referrals:read", "records:write", *MASH_CHECKS],
    ),
    (
        "school-mis",
        "Millbrook Primary School",
        ["whoami", "referrals:write", "referrals:read", "encompass:read", "encompass:write"],
    ),
]


@dataclass
class DemoCredentials:
    users: list[dict]
    api_tokens: dict[str, str]

    def as_json(self) -> dict:
        return {"users": self.users, "api_tokens": self.api_tokens}


def demo_token(client_name: str) -> str:
    # Derived from the demo's secret key, so re-running the demo keeps every printed token valid.
    digest = hmac.new(settings.SECRET_KEY.encode(), f"demo-api:{client_name}".encode(), hashlib.sha256).hexdigest()
    return f"{access_services.TOKEN_PREFIX}demo_{digest[:40]}"


@transaction.atomic
def load_demo_data(today: date | None = None) -> DemoCredentials:
    """Create (or complete) the demo partnership and return its sign-ins and API tokens."""
    today = today or date.today()
    calendar = _default_school_calendar(today)
    ClosureDay.objects.get_or_create(
        date=date(today.year, 12, 24), defaults={"reason": "Christmas Eve: partnership offices closed"}
    )
    agencies = {}
    for name, kind, phone in AGENCIES:
        agencies[name], _ = Agency.objects.get_or_create(
            name=name, defaults={"kind": kind, "phone": phone, "email": _email(name), "postcode": "ES1 1AA"}
        )
    for name, urn, phase, dsl in SCHOOLS:
        kind = AgencyKind.ALTERNATIVE_PROVISION if phase == SchoolPhase.ALTERNATIVE_PROVISION else AgencyKind.SCHOOL
        agency, _ = Agency.objects.get_or_create(
            name=name, defaults={"kind": kind, "email": _email(name), "postcode": "ES2 4BD"}
        )
        agencies[name] = agency
        School.objects.get_or_create(
            agency=agency,
            defaults={
                "urn": urn,
                "phase": phase,
                "calendar": calendar,
                "dsl_name": dsl,
                "dsl_email": f"dsl@{_domain(name)}",
                "deputy_dsl_name": "Deputy DSL",
                "deputy_dsl_email": f"deputy.dsl@{_domain(name)}",
            },
        )
    users = []
    for username, first, last, agency_name, roles in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.org")
        user.agency = agencies[agency_name]
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        for role in roles:
            access_services.grant_role(user, role)
        users.append({"username": username, "password": DEMO_PASSWORD, "roles": [str(r) for r in roles]})
    tokens = {}
    for client_name, agency_name, scopes in API_CLIENTS:
        _, tokens[client_name] = access_services.create_api_client(
            client_name, agencies[agency_name], scopes, token=demo_token(client_name)
        )
    _demo_children(today)
    load_demo_queue(today)
    load_demo_family_help(today)
    load_demo_checks()
    load_demo_vist_compliance()
    load_demo_meeting(today)
    load_demo_encompass(today)
    load_demo_strategy()
    load_demo_conference()
    load_demo_missing(today)
    load_demo_returns(today)
    load_demo_exploitation()
    load_demo_mace()
    load_demo_nhs_numbers(today)
    load_demo_cin(today)
    load_demo_adults(today)
    load_demo_exports()
    return DemoCredentials(users=users, api_tokens=tokens)


def _email(name: str) -> str:
    return f"safeguarding@{_domain(name)}"


def _domain(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())[:20] + ".example.org"


def _default_school_calendar(today: date) -> SchoolCalendar:
    calendar, _ = SchoolCalendar.objects.get_or_create(
        name="Esterbury maintained schools", defaults={"is_default": True}
    )
    first_year = today.year - 1 if today.month < 9 else today.year
    for year in (first_year - 1, first_year, first_year + 1):
        for index, (first, last) in enumerate(england_default_terms(year), start=1):
            TermPeriod.objects.get_or_create(
                calendar=calendar,
                first_day=first,
                defaults={"last_day": last, "name": f"{year}-{year + 1} part {index}"},
            )
        for day in england_default_inset_days(year):
            InsetDay.objects.get_or_create(calendar=calendar, date=day)
    return calendar


# Synthetic families. NHS numbers are from the 999 range the NHS reserves for testing.
FAMILIES: list[dict[str, Any]] = [
    {
        "surname": "Ashdown",
        "postcode": "ES3 7QP",
        "street": "14 Kiln Lane",
        "adults": [("Claire", Sex.FEMALE, date(1988, 4, 2)), ("Darren", Sex.MALE, date(1985, 11, 19))],
        "children": [
            ("Maisie", Sex.FEMALE, date(2014, 6, 11)),
            ("Tyler", Sex.MALE, date(2016, 2, 28)),
            ("Ruby", Sex.FEMALE, date(2019, 9, 3)),
        ],
    },
    {
        "surname": "Kowalski",
        "postcode": "ES5 2HN",
        "street": "Flat 3, Orchard Court",
        "adults": [("Agnieszka", Sex.FEMALE, date(1995, 1, 23))],
        "children": [("Oliwia", Sex.FEMALE, date(2017, 3, 14)), ("Olek", Sex.MALE, date(2017, 3, 14))],
        "unborn_edd_days": 70,
    },
]


def _demo_children(today: date) -> None:
    for family in FAMILIES:
        if Person.objects.filter(last_name=family["surname"]).exists():
            continue
        adults = []
        for first, sex, dob in family["adults"]:
            adult = Person.objects.create(
                kind=PersonKind.ADULT,
                first_name=first,
                last_name=family["surname"],
                sex=sex,
                date_of_birth=dob,
            )
            _address(adult, family)
            adults.append(adult)
        children = []
        for first, sex, dob in family["children"]:
            child = Person.objects.create(
                kind=PersonKind.CHILD,
                first_name=first,
                last_name=family["surname"],
                sex=sex,
                date_of_birth=dob,
            )
            _address(child, family)
            PersonIdentifier.objects.create(
                person=child,
                scheme=IdentifierScheme.NHS_NUMBER,
                value=_test_nhs_number(f"{family['surname']}/{first}"),
            )
            children.append(child)
        if "unborn_edd_days" in family:
            from datetime import timedelta

            unborn = Person.objects.create(
                kind=PersonKind.UNBORN,
                last_name=family["surname"],
                expected_date_of_delivery=today + timedelta(days=family["unborn_edd_days"]),
            )
            children.append(unborn)
        for adult in adults:
            for child in children:
                Relationship.objects.create(
                    person=adult, relative=child, kind=RelationshipKind.PARENT, parental_responsibility=True
                )
        for i, child in enumerate(children):
            for sibling in children[i + 1 :]:
                Relationship.objects.create(person=child, relative=sibling, kind=RelationshipKind.SIBLING)


def _address(person: Person, family: dict) -> None:
    Address.objects.create(
        person=person,
        line1=family["street"],
        town="Esterbury",
        postcode=family["postcode"],
        valid_from=date(2020, 1, 1),
    )


def _test_nhs_number(key: str) -> str:
    """A valid NHS number from the 999 test range, the same for the same child on every load."""
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    n = 0
    while True:
        first_nine = f"999{(seed + n) % 1_000_000:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
        n += 1
