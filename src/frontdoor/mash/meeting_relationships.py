"""The meeting's attendees reach the children on its agenda: a legitimate relationship, without break-glass, for
each person who attended a meeting (acting in a role that works the meeting) with each child on that meeting's
agenda, kept for `after_closing_days` (policy.toml) after the meeting. Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.intake.models import ReferralChild, VistPerson
from frontdoor.mash.meeting_selectors import day_words, on_the_agenda
from frontdoor.mash.models_meeting import AgendaItem, Meeting


def attendees_reach_the_agenda(user: User, role: str | None, person_id: int) -> str | None:
    if not role_grants(role, "mash.meeting"):
        return None
    since = (timezone.now() - timedelta(days=get_policy().after_closing_days)).date()
    attended = Meeting.objects.filter(attendance__user=user, held_on__gte=since).order_by("-held_on")
    if not attended.exists():
        return None
    vists = VistPerson.objects.filter(person_id=person_id, is_child=True).values("vist_id")
    referrals = ReferralChild.objects.filter(person_id=person_id).values("referral_id")
    for meeting in attended[:60]:
        on_it = AgendaItem.objects.filter(on_the_agenda(meeting), Q(vist_id__in=vists) | Q(referral_id__in=referrals))
        if on_it.exists():
            return f"child on the agenda of the daily meeting they attended on {day_words(meeting.held_on)}"
    return None
