"""Demo data for the adults on a referral: the school's referral of Tyler Ashdown names his mother Claire, who lives
with him, with her maiden name, Marsden. The police hold Claire from an incident years ago as "CLAIRE MARSDNE"
(the maiden name mistyped), with her age then and no date of birth, at the family's address. Once the worker has
linked it, the MASH sees on Tyler's referral that the police know Claire, found under the surname the school gave as
her previous one. The school also names Tyler's dad, Darren, who does not live with him, with nothing else about
him: too little to look for anyone by, but the police recorded Darren with Tyler at a domestic-abuse incident at
14 Kiln Lane two years ago (ADR 0012), so the MASH sees that the police know him, and why it thinks so.

Everyone here is invented. Idempotent: the police record is found again by its id; the referral is demo_queue's,
which asks `adults_on` for its adults.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.intake import services as intake_services
from frontdoor.people.models import (
    Person,
    PersonKind,
    Sex,
    SourceEvent,
    SourceParticipation,
    SourceRecord,
    SourceSystem,
)

NOMINAL = "DEMO-N-MARSDNE"  # the police nominal's id in their system
CLAIRE_BORN = date(1988, 4, 2)
DARREN_BORN = date(1985, 11, 19)
INCIDENT = "DEMO-ES-KILN-LANE"  # the police's incident with Darren and Tyler, two years ago
DARREN_NOMINAL, TYLER_NOMINAL = "DEMO-N-DARREN", "DEMO-N-TYLER"


def adults_on(concern: str) -> list[intake_services.AdultData]:
    """The adults the school names on one of demo_queue's referrals (Tyler's: his mother)."""
    if not concern.startswith("Tyler came to school"):
        return []
    return [
        intake_services.AdultData(
            name="Claire Ashdown",
            previous_names="Marsden",
            relationship="Mother",
            date_of_birth=CLAIRE_BORN,
            address="14 Kiln Lane",
            postcode="ES3 7QP",
            parental_responsibility=True,
            lives_with_child=True,
        ),
        intake_services.AdultData(
            name="Darren Ashdown", relationship="Father", parental_responsibility=True, lives_with_child=False
        ),
    ]


def load_demo_adults(today: date) -> None:
    SourceRecord.objects.get_or_create(
        system=SourceSystem.POLICE,
        source_id=NOMINAL,
        defaults={
            "extracted_at": timezone.now() - timedelta(days=1),
            "kind": "adult",
            "first_name": "CLAIRE",
            "last_name": "MARSDNE",
            "age_years": today.year - CLAIRE_BORN.year - 9,  # her age at an incident nine years ago
            "sex": Sex.FEMALE,
            "postcode": "ES3 7QP",
            "link_pending_since": timezone.now(),  # the worker links it as it links any record that arrives
            "content_hash": f"demo-{NOMINAL}",
        },
    )
    _kiln_lane_incident(today)


def _kiln_lane_incident(today: date) -> None:
    """The police's domestic-abuse incident at 14 Kiln Lane two years ago: Darren the suspect (his age then, no date
    of birth), Tyler present. Tyler's record is his; the worker links Darren's as it links any record that arrives."""
    tyler = Person.objects.filter(first_name="Tyler", last_name="Ashdown", kind=PersonKind.CHILD).first()
    if tyler is None:
        return
    occurred = timezone.now() - timedelta(days=730)
    nominals: list[tuple[str, str, dict[str, Any]]] = [
        (TYLER_NOMINAL, "child_present", {"kind": "child", "first_name": "TYLER", "date_of_birth": tyler.date_of_birth,
                                          "sex": Sex.MALE, "person": tyler}),
        (DARREN_NOMINAL, "suspect", {"kind": "adult", "first_name": "DARREN", "sex": Sex.MALE,
                                     "age_years": occurred.year - DARREN_BORN.year - 1,
                                     "age_given_on": timezone.localtime(occurred).date(),
                                     "link_pending_since": timezone.now()}),
    ]  # fmt: skip
    SourceEvent.objects.get_or_create(
        system=SourceSystem.POLICE,
        source_id=INCIDENT,
        defaults={
            "extracted_at": timezone.now() - timedelta(days=1),
            "kind": "domestic_abuse_incident",
            "occurred_at": occurred,
            "attributes": {"incident_type": "DOMESTIC ABUSE", "children_present": True},
            "content_hash": f"demo-{INCIDENT}",
        },
    )
    for source_id, role, fields in nominals:
        SourceRecord.objects.get_or_create(
            system=SourceSystem.POLICE,
            source_id=source_id,
            defaults={
                "extracted_at": timezone.now() - timedelta(days=1),
                "last_name": "ASHDOWN",
                "address": "14 Kiln Lane",
                "postcode": "ES3 7QP",
                "content_hash": f"demo-{source_id}",
                **fields,
            },
        )
        SourceParticipation.objects.get_or_create(
            system=SourceSystem.POLICE,
            event_source_id=INCIDENT,
            record_source_id=source_id,
            role=role,
            defaults={"extracted_at": timezone.now() - timedelta(days=1)},
        )
