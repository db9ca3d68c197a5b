"""The MASH triage queue as a legitimate relationship: MASH roles may see in full the children in open referrals.

Registered with `frontdoor.access.relationships.register_relationship_source` in `MashConfig.ready`.
"""

from __future__ import annotations

from frontdoor.access.models import User
from frontdoor.access.role_permissions import MASH_ROLES
from frontdoor.intake.models import ReferralChild, ReferralStatus

OPEN_STATUSES = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING)


def in_the_triage_queue(user: User, role: str | None, person_id: int) -> bool:
    """The person is a child in a referral the MASH has not yet decided, and the user acts in a MASH role."""
    if role not in MASH_ROLES:
        return False
    return ReferralChild.objects.filter(person_id=person_id, referral__status__in=OPEN_STATUSES).exists()
