"""Demo data for the adults on a referral: the school's referral of Tyler Ashdown names his mother Claire, who lives
with him, with her maiden name, Marsden. The police hold Claire from an incident years ago as "CLAIRE MARSDNE"
(the maiden name mistyped), with her age then and no date of birth, at the family's address. Once the worker has
linked it, the MASH sees on Tyler's referral that the police know Claire, found under the surname the school gave as
her previous one.

Everyone here is invented. Idempotent: the police record is found again by its id; the referral is demo_queue's,
which asks `adults_on` for its adults.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from frontdoor.intake import services as intake_services
from frontdoor.people.models import Sex, SourceRecord, SourceSystem

NOMINAL = "DEMO-N-MARSDNE"  # the police nominal's id in their system
CLAIRE_BORN = date(1988, 4, 2)


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
        )
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
