"""What Operation Encompass shows of itself elsewhere: the sections of the home pages (a DSL's notifications to
acknowledge; the council officer's children routed to the council and escalations; MASH police's drafts; MASH
education's unmatched children), what its clocks' subjects are called, and each child's notices in their
chronology, open deadlines and subject access document. Registered in `EncompassConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from frontdoor.access.audit import Actor
from frontdoor.core.display import due_words, when
from frontdoor.core.registry import Subject
from frontdoor.encompass import selectors
from frontdoor.encompass.models import Notice, NoticeStatus, RouteReason, Support
from frontdoor.people.models import Person
from frontdoor.people.providers import Entry, PersonProvider

ENCOMPASS = "Operation Encompass"


def _row(notice: Notice) -> dict[str, Any]:
    return {
        "reference": notice.reference,
        "link": reverse("encompass:notice", args=[notice.reference]),
        "due": due_words(notice.due_at),
        "incident": when(notice.incident_at),
        "where": notice.school.agency.name if notice.school else RouteReason(notice.routed).label,
    }


def home_school(actor: Actor) -> dict[str, Any]:
    waiting = selectors.list_to_acknowledge(actor)
    return {"encompass": {"waiting": [_row(n) for n in waiting[:10]], "count": len(waiting)}}


def home_council(actor: Actor) -> dict[str, Any]:
    waiting = selectors.list_to_acknowledge(actor)
    escalated = selectors.list_escalated(actor)
    open_escalations = [n for n in escalated if n.status != NoticeStatus.ACKNOWLEDGED]
    return {
        "encompass": {
            "waiting": [_row(n) for n in waiting[:10]],
            "count": len(waiting),
            "escalated": [_row(n) for n in open_escalations[:10]],
            "escalated_count": len(open_escalations),
        }
    }


def home_review(actor: Actor) -> dict[str, Any] | None:
    drafts = selectors.list_for_review(actor)
    if not drafts:
        return None  # only forces that review notices have any
    return {"encompass": {"drafts": [_row(n) for n in drafts[:10]], "count": len(drafts)}}


def home_unmatched(actor: Actor) -> dict[str, Any]:
    tasks = selectors.list_unmatched()
    return {
        "encompass": {
            "tasks": [
                {
                    "link": reverse("encompass:unmatched-child", args=[t.pk]),
                    "name": " ".join(p for p in (t.first_name, t.last_name) if p) or "A child with no name given",
                    "since": when(t.created_at),
                }
                for t in tasks[:10]
            ],
            "count": len(tasks),
        }
    }


def describe_notices(ids: list[str]) -> dict[str, Subject]:
    found = Notice.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "reference")
    return {
        str(pk): Subject(f"Notification {ref} (Operation Encompass)", reverse("encompass:notice", args=[ref]))
        for pk, ref in found
    }


def chronology(person_id: int) -> list[Entry]:
    entries = []
    for notice in Notice.objects.filter(child_id=person_id).select_related("school__agency"):
        to = notice.school.agency.name if notice.school else "the council's education safeguarding officer"
        detail = f"Police incident {notice.incident.police_reference}: {to} told"
        if notice.acknowledged_at:
            detail += f", acknowledged {when(notice.acknowledged_at)}"
        entries.append(
            Entry(
                notice.created_at, None, "Operation Encompass notification", detail, ENCOMPASS, "education",
                f"Operation Encompass {notice.reference}", "",
            )
        )  # fmt: skip
    return entries


def subjects(person_id: int) -> list[tuple[str, str]]:
    from frontdoor.encompass.models import NOTICE_SUBJECT

    notices = Notice.objects.filter(child_id=person_id).exclude(status=NoticeStatus.ACKNOWLEDGED)
    return [(NOTICE_SUBJECT, str(pk)) for pk in notices.values_list("pk", flat=True)]


def subject_access(person: Person) -> list[dict[str, Any]]:
    return [
        {
            "what": "Operation Encompass: your school was told of a domestic-abuse incident",
            "reference": n.reference,
            "police_reference": n.incident.police_reference,
            "sent_to": n.school.agency.name if n.school else "The council's education safeguarding officer",
            "when_it_happened": when(n.incident_at),
            "what_you_said": n.child_voice,
            "support_offered": Support(n.support).label if n.support else "",
        }
        for n in Notice.objects.filter(child=person).select_related("incident", "school__agency")
    ]


PROVIDER = PersonProvider("encompass", chronology=chronology, subjects=subjects, subject_access=subject_access)
