"""What family help shows of itself elsewhere: each child's family help in their chronology (stepped down, triaged,
allocated with their voice, stepped up, back from the MASH), the deadline of their family's wait, their subject
access request, whose voice it holds; what its clocks' subjects are called; and its section of the home pages of
the roles that work family help. Registered in `FamilyHelpConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse

from frontdoor.access.audit import Actor
from frontdoor.core.registry import Subject
from frontdoor.familyhelp.clocks import FAMILY_SUBJECT
from frontdoor.familyhelp.models import (
    ChildVoice,
    Family,
    FamilyChild,
    FamilyStatus,
    StepDown,
    StepUp,
    Triage,
    TriageOutcome,
    VistStepDown,
)
from frontdoor.familyhelp.selectors import count_lists, longest_wait, name_of
from frontdoor.familyhelp.waits import alert_words, waited_words
from frontdoor.people.models import Person
from frontdoor.people.providers import Entry, PersonProvider

FAMILY_HELP = "Family help"  # the chronology's agency heading
CATEGORY = "early_help"  # the access policy's data category for family help's records


def _as_child(person_id: int) -> Q:
    return Q(person_id=person_id) | Q(referral_child__person_id=person_id)


def _link(family: Family) -> str:
    return reverse("familyhelp:family", args=[family.reference])


def _entry(family: Family, at, what: str, detail: str, *, decision: bool = False) -> Entry:
    return Entry(
        at, None, what, detail, FAMILY_HELP, CATEGORY, f"Family help {family.reference}", _link(family), decision
    )


def _voice_words(voice: ChildVoice | None) -> str:
    if voice is None:
        return "their voice was not asked for"
    return (
        "their own wishes and feelings recorded"
        if voice.wishes_and_feelings
        else "why their voice could not be heard recorded"
    )


def chronology(person_id: int) -> list[Entry]:
    entries: list[Entry] = []
    children = list(FamilyChild.objects.filter(_as_child(person_id)).select_related("family"))
    families = {child.family_id: child.family for child in children}
    voices = {v.allocation_id: v for v in ChildVoice.objects.filter(child__in=children)}
    step_ups = StepUp.objects.filter(family_id__in=list(families)).select_related("referral", "stepped_up_by")
    stepped_up = {s.referral_id: s for s in step_ups}
    for step in StepDown.objects.filter(family_id__in=list(families)).select_related("referral", "update"):
        family = families[step.family_id]
        if step.referral_id in stepped_up:
            decided = step.update.outcome_label.lower()
            said = f"Family {family.reference}: the MASH decided {decided} on step-up {step.referral.reference}"
            entries.append(_entry(family, step.at, "Back to family help from the MASH", said))
        else:
            said = f"Family {family.reference}: the MASH decided early help on referral {step.referral.reference}"
            entries.append(_entry(family, step.at, "Stepped down to family help", said))
    for from_vist in VistStepDown.objects.filter(family_id__in=list(families)).select_related("vist"):
        family = families[from_vist.family_id]
        said = f"Family {family.reference}: the MASH triaged police {from_vist.vist.reference} as early help"
        entries.append(_entry(family, from_vist.at, "Stepped down to family help", said))
    for triage in Triage.objects.filter(family_id__in=list(families)):
        family = families[triage.family_id]
        outcome = (
            "on the allocation waiting list"
            if triage.outcome == TriageOutcome.WAITING_LIST
            else "signposted to support in the community"
        )
        entries.append(_entry(family, triage.triaged_at, "Family help triage", f"Family {family.reference}: {outcome}"))
    for family in families.values():
        for allocation in family.allocations.select_related("lead_practitioner"):
            heard = _voice_words(voices.get(allocation.pk))
            said = f"Family {family.reference}: {name_of(allocation.lead_practitioner)}; {heard}"
            entries.append(_entry(family, allocation.allocated_at, "Family help lead practitioner allocated", said))
    for step_up in stepped_up.values():
        family = families[step_up.family_id]
        said = f"Family {family.reference}: referral {step_up.referral.reference} by {name_of(step_up.stepped_up_by)}"
        entries.append(_entry(family, step_up.stepped_up_at, "Stepped up to the MASH", said, decision=True))
    return entries


def subjects(person_id: int) -> list[tuple[str, str]]:
    families = FamilyChild.objects.filter(_as_child(person_id)).values_list("family_id", flat=True).distinct()
    return [(FAMILY_SUBJECT, str(pk)) for pk in families]


def voice_recorded(person_ids: list[int]) -> set[int]:
    heard = ChildVoice.objects.exclude(wishes_and_feelings="").filter(
        Q(child__person_id__in=person_ids) | Q(child__referral_child__person_id__in=person_ids)
    )
    found = set()
    for person, linked in heard.values_list("child__person_id", "child__referral_child__person_id"):
        found |= {p for p in (person, linked) if p in person_ids}
    return found


def subject_access(person: Person) -> list[dict[str, Any]]:
    """Each family help family the person is a child in, with what they said at allocation."""
    held: list[dict[str, Any]] = []
    for child in FamilyChild.objects.filter(_as_child(person.pk)).select_related("family"):
        family = child.family
        voices = (
            ChildVoice.objects.filter(child=child).select_related("allocation").order_by("allocation__allocated_at")
        )
        held.append({
            "what": "Family help (early help) for your family", "reference": family.reference,
            "since": family.created_at, "now": FamilyStatus(family.status).label,
            "your_wishes_and_feelings": [v.wishes_and_feelings for v in voices if v.wishes_and_feelings],
            "why_your_wishes_were_not_recorded": [v.not_obtained_reason for v in voices if v.not_obtained_reason],
            "step_ups_to_the_front_door": [s.referral.reference for s in family.step_ups.select_related("referral")],
            "others_in_the_family": family.children.count() - 1,
        })  # fmt: skip
    return held


PROVIDER = PersonProvider(
    "familyhelp", chronology=chronology, subjects=subjects, subject_access=subject_access, voice_recorded=voice_recorded
)


def describe_families(ids: list[str]) -> dict[str, Subject]:
    references = Family.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "reference")
    return {str(pk): Subject(f"Family {ref}", reverse("familyhelp:family", args=[ref])) for pk, ref in references}


def home_lists(actor: Actor) -> dict[str, Any]:
    """Family help on a home page: how many families are on each list, the longest wait, how many have waited
    beyond the alert, and the user's own; each a link to its list."""
    counts = count_lists(actor.user)
    longest = longest_wait()
    return {
        "lists": {
            "counts": counts,
            "longest": waited_words(longest) if longest is not None else "",
            "alert": alert_words(),
        }
    }
