"""What the daily meeting and the emergency duty team hold about a person, for the child's page and a subject access
request: each out-of-hours contact about them and each meeting decision on an item naming them (in the chronology
and the subject access document), and the deadlines they are on (a hand-over not yet picked up, a next step not
done). Registered in `MashConfig.ready` through `meeting_home`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from frontdoor.intake.models import ReferralChild, VistPerson
from frontdoor.mash.edt_clocks import HANDOVER_SUBJECT
from frontdoor.mash.meeting_clocks import STEP_SUBJECT
from frontdoor.mash.meeting_selectors import day_words
from frontdoor.mash.models_edt import EdtContact
from frontdoor.mash.models_meeting import AgendaItem, Discussion, NextStep
from frontdoor.people.models import Person
from frontdoor.people.providers import Entry, PersonProvider


def _items_naming(person_id: int) -> Q:
    vists = VistPerson.objects.filter(person_id=person_id).values("vist_id")
    referrals = ReferralChild.objects.filter(person_id=person_id).values("referral_id")
    return Q(vist_id__in=vists) | Q(referral_id__in=referrals)


def chronology(person_id: int) -> list[Entry]:
    entries = [
        Entry(
            c.recorded_at,
            None,
            "Out-of-hours contact",
            f"{c.reference}: {c.what_happened} The emergency duty team: {c.action_taken}",
            "Emergency duty team",
            "csc",
            f"Emergency duty team {c.reference}",
            link=f"/mash/edt/contacts/{c.reference}/",
        )
        for c in EdtContact.objects.filter(person_id=person_id)
    ]
    items = AgendaItem.objects.filter(_items_naming(person_id))
    for d in Discussion.objects.filter(item__in=items).select_related("meeting", "item__vist", "item__referral"):
        entries.append(
            Entry(
                d.recorded_at,
                None,
                "Daily vulnerability meeting",
                f"{d.item.reference}: {d.decision} ({d.get_outcome_display().lower()})",
                "Front door",
                "referrals",
                f"Daily meeting {d.meeting.held_on:%d %B %Y}",
                link=f"/mash/meeting/{d.meeting.held_on.isoformat()}/items/{d.item_id}/",
                decision=True,
            )
        )
    return entries


def subjects(person_id: int) -> list[tuple[str, str]]:
    waiting = EdtContact.objects.filter(person_id=person_id, picked_up_at__isnull=True).values_list("pk", flat=True)
    steps = NextStep.objects.filter(item__in=AgendaItem.objects.filter(_items_naming(person_id)), done_at__isnull=True)
    return [(HANDOVER_SUBJECT, str(pk)) for pk in waiting] + [
        (STEP_SUBJECT, str(pk)) for pk in steps.values_list("pk", flat=True)
    ]


def subject_access(person: Person) -> list[dict[str, Any]]:
    held: list[dict[str, Any]] = [
        {
            "what": "A contact with the emergency duty team about you, out of hours",
            "reference": c.reference,
            "recorded": c.recorded_at,
            "what_happened": c.what_happened,
            "what_the_emergency_duty_team_did": c.action_taken,
            "what_the_front_door_will_do": c.mash_note,
        }
        for c in EdtContact.objects.filter(person=person)
    ]
    items = AgendaItem.objects.filter(_items_naming(person.pk))
    for d in Discussion.objects.filter(item__in=items).select_related("meeting", "item__vist", "item__referral"):
        held.append(
            {
                "what": "The daily multi-agency vulnerability meeting's discussion of something naming you",
                "reference": d.item.reference,
                "meeting": day_words(d.meeting.held_on),
                "discussed": d.note,
                "decided": d.decision,
            }
        )
    return held


PROVIDER = PersonProvider("mash.meeting_edt", chronology=chronology, subjects=subjects, subject_access=subject_access)
