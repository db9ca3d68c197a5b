"""Who is at stake on the identity review queue: the people on a referral awaiting the MASH's decision or on a VIST
awaiting triage. A wrong or missed link about them changes what the MASH sees today, so their pairs come first.

Linkage orders the queue but cannot know the MASH's work (it sits below intake and the MASH): the review pages pass
it this query of person ids.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from frontdoor.intake.models import ReferralAdult, ReferralChild, VistPerson
from frontdoor.mash.queue import OPEN_STATUSES
from frontdoor.people.models import Person


def people_at_stake() -> QuerySet[Person, Any]:
    """The ids of the people on an open referral (received or being screened) or an untriaged VIST, as a query."""
    children = ReferralChild.objects.filter(referral__status__in=OPEN_STATUSES).values("person_id")
    adults = ReferralAdult.objects.filter(referral__status__in=OPEN_STATUSES).values("person_id")
    on_vists = VistPerson.objects.filter(vist__mash_triage__isnull=True).values("person_id")
    return Person.objects.filter(Q(pk__in=children) | Q(pk__in=adults) | Q(pk__in=on_vists)).values("pk")
