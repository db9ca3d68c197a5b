"""What the MASH shows of itself elsewhere: its decisions in a person's chronology and subject access request, what
its clocks' subjects are called, and its section of the MASH roles' home pages. Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from frontdoor.access.audit import Actor
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.registry import Subject
from frontdoor.core.selectors import list_open_escalations
from frontdoor.intake.models import Referral, Vist
from frontdoor.linkage.review_selectors import count_open_review_items
from frontdoor.mash.models import Decision, VistTriage
from frontdoor.mash.queue import QueueFilters, count, open_items
from frontdoor.people.models import Person
from frontdoor.people.providers import Entry, PersonProvider


def chronology(person_id: int) -> list[Entry]:
    decisions = Decision.objects.filter(referral__children__person_id=person_id).select_related("referral").distinct()
    return [
        Entry(
            d.decided_at,
            None,
            "Front door decision",
            f"{d.referral.reference}: {d.get_outcome_display()}. {d.summary}",
            "Front door",
            "referrals",
            f"Front door {d.referral.reference}",
            link=f"/mash/referrals/{d.referral.reference}/",
            decision=True,
        )
        for d in decisions
    ]


def subject_access(person: Person) -> list[dict[str, Any]]:
    held: list[dict[str, Any]] = []
    for d in Decision.objects.filter(referral__children__person=person).select_related("referral").distinct():
        held.append(
            {
                "what": "The front door's decision on a referral about you",
                "reference": d.referral.reference,
                "decided": d.decided_at,
                "outcome": d.get_outcome_display(),
                "decision": d.summary,
            }
        )
    for t in VistTriage.objects.filter(vist__persons__person=person).select_related("vist").distinct():
        held.append(
            {
                "what": "The front door's triage of a police VIST naming you",
                "reference": t.vist.reference,
                "triaged": t.triaged_at,
                "triage": t.get_outcome_display(),
            }
        )
    return held


PROVIDER = PersonProvider("mash", chronology=chronology, subject_access=subject_access)


def describe_referrals(ids: list[str]) -> dict[str, Subject]:
    references = Referral.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "reference")
    return {str(pk): Subject(f"Referral {ref}", f"/mash/referrals/{ref}/") for pk, ref in references}


def describe_vists(ids: list[str]) -> dict[str, Subject]:
    references = Vist.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "reference")
    return {str(pk): Subject(ref, f"/mash/vists/{ref}/") for pk, ref in references}  # "VIST-7K2M-9QXA"


def home_queue(actor: Actor) -> dict[str, Any]:
    """A MASH role's home: what is waiting, what is theirs and what nobody has (each linking to the queue filtered
    to it), missed deadlines, and the identity review for roles that work it."""
    counts = count(open_items(), actor.user)
    everything = QueueFilters()
    return {
        "queue": {
            "counts": counts,
            "links": {
                "all": everything.query(),
                "referral": everything.query(kind="referral"),
                "vist": everything.query(kind="vist"),
                "handover": everything.query(kind="handover"),
                "me": everything.query(assigned="me"),
                "me_overdue": everything.query(assigned="me", overdue=True),
                "unassigned": everything.query(assigned="unassigned"),
                "unassigned_overdue": everything.query(assigned="unassigned", overdue=True),
                "overdue": everything.query(overdue=True),
            },
            "missed": len(list_open_escalations()),
            "review": count_open_review_items() if role_grants(actor.role, "linkage.review") else None,
        }
    }
