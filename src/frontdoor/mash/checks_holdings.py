"""What MASH checks show of themselves elsewhere: what a check's clock is about, the agency's section of its
responders' home pages, the relationship a responder has with the people a check asks about, and the checks in a
person's open deadlines and subject access request. Registered in `MashConfig.ready`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import deadline
from frontdoor.core.registry import Subject
from frontdoor.mash.checks_clocks import AGENCY_MANAGERS, CHECK_SUBJECT
from frontdoor.mash.checks_selectors import (
    answers_for_agency,
    count_agency_checks,
    is_asked,
    list_agency_checks,
    map_check_clocks,
)
from frontdoor.mash.models import CheckStatus, MashCheck, MashCheckPerson
from frontdoor.people.models import Person
from frontdoor.people.providers import PersonProvider

HOME_SHOWS = 5


def describe_checks(ids: list[str]) -> dict[str, Subject]:
    checks = MashCheck.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).select_related(
        "agency", "referral", "vist"
    )
    return {
        str(c.pk): Subject(f"The MASH check to {c.agency.name} on {c.item_reference}", f"/mash/checks/{c.reference}/")
        for c in checks
    }


def home_checks(actor: Actor) -> dict[str, Any] | None:
    """A responder's home: their agency's open checks in numbers, and the soonest due."""
    agency = actor.agency
    if agency is None or not answers_for_agency(actor) or not is_asked(agency):
        return None  # the MASH's own service is never asked: no section saying "0 checks" for ever
    checks = list_agency_checks(agency)[:HOME_SHOWS]
    clocks = map_check_clocks(checks)
    now = timezone.now()
    return {
        "agency": agency,
        "counts": count_agency_checks(agency, now),
        "soonest": [(c, deadline(clocks.get(c.pk), now)) for c in checks],
    }


def home_missed_checks(actor: Actor) -> dict[str, Any] | None:
    """An agency manager's home (the police supervisor's): the MASH checks to their own agency that are past their
    deadline, by reference and priority only, to chase with their responders. The checks' contents are the
    responders' to read."""
    agency = actor.agency
    if agency is None or agency.kind not in AGENCY_MANAGERS or AGENCY_MANAGERS[agency.kind][0] != actor.role:
        return None
    now = timezone.now()
    checks = list_agency_checks(agency)
    clocks = map_check_clocks(checks)
    late = [(c, due) for c in checks if (due := deadline(clocks.get(c.pk), now)) is not None and due.overdue]
    return {
        "agency": agency,
        "counts": count_agency_checks(agency, now),
        "late": late[:HOME_SHOWS],
        "more": max(0, len(late) - HOME_SHOWS),
    }


def the_check_asks_about(user: User, role: str | None, person_id: int) -> str | None:
    """Why a responder may see this person: a check to their agency asks about them (open, or answered within the
    policy's `after_closing_days`)."""
    if not role_grants(role, "mash.checks.answer") or user.agency_id is None:
        return None
    since = timezone.now() - timedelta(days=get_policy().after_closing_days)
    asked = (
        MashCheckPerson.objects.filter(
            Q(mash_check__status=CheckStatus.OPEN) | Q(mash_check__answered_at__gte=since),
            person_id=person_id,
            mash_check__agency_id=user.agency_id,
        )
        .select_related("mash_check")
        .order_by("-mash_check__requested_at")
        .first()
    )
    return f"asked about in MASH check {asked.mash_check.reference}" if asked else None


def subjects(person_id: int) -> list[tuple[str, str]]:
    checks = MashCheckPerson.objects.filter(person_id=person_id, mash_check__status=CheckStatus.OPEN)
    return [(CHECK_SUBJECT, str(pk)) for pk in checks.values_list("mash_check_id", flat=True).distinct()]


def subject_access(person: Person) -> list[dict[str, Any]]:
    """Each check that asked about the person, with the agency's answer."""
    held: list[dict[str, Any]] = []
    for asked in MashCheckPerson.objects.filter(person=person).select_related("mash_check__agency"):
        c = asked.mash_check
        held.append({
            "what": "A MASH check: the front door asked a partner agency what it knows", "as": asked.described_as,
            "reference": c.reference, "asked": c.requested_at, "agency": c.agency.name, "question": c.question,
            "status": c.get_status_display(), "answered": c.answered_at, "what_the_agency_knows": c.known,
            "risks": c.risks, "strengths": c.strengths, "your_voice": c.child_voice if asked.is_child else "",
            "why_declined": c.decline_reason,
        })  # fmt: skip
    return held


PROVIDER = PersonProvider("mash.checks", subjects=subjects, subject_access=subject_access)
