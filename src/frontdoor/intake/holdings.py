"""What the front door holds about a person from what arrived: the referrals they are on, the VISTs and the
domestic-abuse incidents that name them. Registered as a `people.providers.PersonProvider` in `IntakeConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from frontdoor.intake.models import (
    REFERRAL_SUBJECT,
    VIST_SUBJECT,
    IncidentPerson,
    ReferralAdult,
    ReferralChild,
    VistPerson,
)
from frontdoor.intake.vist_lag import late_words
from frontdoor.people.models import Person
from frontdoor.people.providers import Entry, PersonProvider

FRONT_DOOR = "Front door"


def chronology(person_id: int) -> list[Entry]:
    entries = []
    for child in ReferralChild.objects.filter(person_id=person_id).select_related("referral__referrer_agency"):
        referral = child.referral
        unborn = child.date_of_birth is None and child.expected_date_of_delivery is not None
        if unborn:  # an unborn baby's "wishes and feelings" are the parents' views and wishes
            said = "the parents' views recorded" if child.wishes_and_feelings else "the parents' views not recorded"
        else:
            said = "their own wishes and feelings recorded" if child.wishes_and_feelings else "voice not recorded"
        entries.append(
            Entry(
                referral.received_at,
                None,
                "Referral to the front door",
                f"{referral.reference} from {referral.referrer_agency.name}, level {referral.level_of_need}; {said}",
                FRONT_DOOR,
                "referrals",
                f"Front door {referral.reference}",
                link=f"/mash/referrals/{referral.reference}/",
            )
        )
    for vp in VistPerson.objects.filter(person_id=person_id).select_related("vist"):
        late = late_words(vp.vist)
        entries.append(
            Entry(
                vp.vist.received_at,
                None,
                "VIST received by the front door",
                f"{vp.vist.reference}, graded {vp.vist.get_effective_grade_display().lower()}; {vp.role}"
                + (f". {late}" if late else ""),
                FRONT_DOOR,
                "police",
                f"Front door {vp.vist.reference}",
                link=f"/mash/vists/{vp.vist.reference}/",
            )
        )
    for ip in IncidentPerson.objects.filter(person_id=person_id).select_related("incident"):
        entries.append(
            Entry(
                ip.incident.occurred_at,
                None,
                "Domestic-abuse incident notified",
                f"{ip.incident.incident_reference}; {ip.role}",
                FRONT_DOOR,
                "police",
                f"Police {ip.incident.incident_reference}",
            )
        )
    return entries


def subjects(person_id: int) -> list[tuple[str, str]]:
    referrals = ReferralChild.objects.filter(person_id=person_id).values_list("referral_id", flat=True)
    vists = VistPerson.objects.filter(person_id=person_id).values_list("vist_id", flat=True)
    return [(REFERRAL_SUBJECT, str(pk)) for pk in referrals] + [(VIST_SUBJECT, str(pk)) for pk in vists]


def voice_recorded(person_ids: list[int]) -> set[int]:
    return set(
        ReferralChild.objects.filter(person_id__in=person_ids)
        .exclude(wishes_and_feelings="")
        .values_list("person_id", flat=True)
    )


def subject_access(person: Person) -> list[dict[str, Any]]:
    """Each referral, VIST and incident about the person in full as what was said about them; the other people on
    each only counted (third-party data is reviewed before release)."""
    held: list[dict[str, Any]] = []
    for child in ReferralChild.objects.filter(person=person).select_related("referral__referrer_agency"):
        r = child.referral
        held.append({
            "what": "Referral to the front door", "as": "child referred", "reference": r.reference,
            "received": r.received_at, "from_agency": r.referrer_agency.name, "concern": r.concern,
            "first_hand": r.first_hand, "third_party": r.third_party, "level_of_need": r.level_of_need,
            "your_wishes_and_feelings": child.wishes_and_feelings,
            "why_your_wishes_were_not_recorded": child.wishes_not_obtained_reason,
            "others_on_the_referral": r.children.count() - 1 + r.adults.count(),
        })  # fmt: skip
    for adult in ReferralAdult.objects.filter(person=person).select_related("referral__referrer_agency"):
        r = adult.referral
        held.append({
            "what": "Referral to the front door", "as": f"adult in the household ({adult.relationship})",
            "reference": r.reference, "received": r.received_at, "from_agency": r.referrer_agency.name,
            "concern": r.concern, "parental_responsibility": adult.parental_responsibility,
            "others_on_the_referral": r.children.count() + r.adults.count() - 1,
        })  # fmt: skip
    for vp in VistPerson.objects.filter(person=person).select_related("vist"):
        v = vp.vist
        held.append({
            "what": "Police vulnerability screening (VIST)", "as": vp.role, "reference": v.reference,
            "received": v.received_at, "incident_at": v.incident_at, "grade": v.effective_grade,
            "circumstances": v.circumstances, "what_the_child_said": v.child_said,
            "others_on_the_vist": v.persons.count() - 1,
        })  # fmt: skip
    for ip in IncidentPerson.objects.filter(person=person).select_related("incident"):
        i = ip.incident
        held.append({
            "what": "Domestic-abuse incident notified by the police", "as": ip.role,
            "reference": i.incident_reference, "occurred": i.occurred_at, "circumstances": i.circumstances,
            "others_involved": i.persons.count() - 1,
        })  # fmt: skip
    return held


PROVIDER = PersonProvider(
    "intake", chronology=chronology, subjects=subjects, subject_access=subject_access, voice_recorded=voice_recorded
)
