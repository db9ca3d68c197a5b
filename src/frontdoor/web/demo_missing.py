"""Demo data: the missing and exploitation coordinator's morning. Kayla Brook (in care at Oak House, with a
Philomena profile) is missing now for the third time in ninety days, so police see her trigger plan (version 2, made
after her last return home interview) and the MASH manager has been prompted to consider a strategy discussion;
Jayden Marsh was found last night while still "concern for safety" (from the police feed), waiting for his interview
offer; Leah Dunmore came back four days ago and her offer is overdue; Ellis Ward accepted an interview that the
return home interview worker is still to record.

Everyone here is invented. Idempotent: an episode is found again by its police reference, and one that has moved on
(back, offered, completed) is left where it is.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient, User
from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.mash import services as mash_services
from frontdoor.mash.models import VistOutcome
from frontdoor.missing import interviews, plans, services
from frontdoor.missing.models import Episode, EpisodeStatus, InterviewRequest, InterviewStatus, TriggerPlan
from frontdoor.people.models import Address, IdentifierScheme, Person, PersonIdentifier, PersonKind, Sex

CHILDREN: dict[str, tuple[str, str, Sex, date, str, str]] = {
    "kayla": ("Kayla", "Brook", Sex.FEMALE, date(2010, 8, 14), "Oak House, 2 Mill Lane", "ES2 4LT"),
    "jayden": ("Jayden", "Marsh", Sex.MALE, date(2009, 12, 2), "27 Ferry Road", "ES4 1RB"),
    "leah": ("Leah", "Dunmore", Sex.FEMALE, date(2011, 3, 30), "9 Harrow Close", "ES1 6PD"),
    "ellis": ("Ellis", "Ward", Sex.MALE, date(2010, 1, 19), "41 Station Street", "ES3 2AA"),
}
# Each episode: its police reference, the child, the category, how long ago the child went missing, and what has
# happened since: back (hours ago, how, where), closed, the interview's course, and whether it came from the feed.
EPISODES: list[dict[str, Any]] = [
    {"ref": "ESP-DEMO-MIS-01", "child": "kayla", "category": "missing-medium", "ago": timedelta(days=40),
     "back": (timedelta(days=39, hours=20), "returned", "Came back to Oak House by taxi"), "closed": True,
     "interview": ("declined", "Said she was tired of being asked the same questions.")},
    {"ref": "ESP-DEMO-MIS-02", "child": "kayla", "category": "missing-high", "ago": timedelta(days=10),
     "back": (timedelta(days=9), "found", "A flat above the takeaway on Mill Street"), "closed": True,
     "interview": ("completed", None)},
    {"ref": "ESP-DEMO-MIS-03", "child": "kayla", "category": "missing-high", "ago": timedelta(hours=5),
     "circumstances": "Did not come back to Oak House after school; her phone is off."},
    {"ref": "ESP-DEMO-MIS-04", "child": "jayden", "category": "concern-for-safety", "ago": timedelta(hours=26),
     "back": (timedelta(hours=20), "found", "Esterbury bus station, by British Transport Police"), "feed": True},
    {"ref": "ESP-DEMO-MIS-05", "child": "leah", "category": "missing-low", "ago": timedelta(days=4, hours=6),
     "back": (timedelta(days=4), "returned", "Walked home in the morning")},
    {"ref": "ESP-DEMO-MIS-06", "child": "ellis", "category": "absent", "ago": timedelta(days=2, hours=4),
     "back": (timedelta(days=2), "returned", "Came home from a friend's house"), "interview": ("accepted", None)},
]  # fmt: skip
KAYLA_INTERVIEW = interviews.FindingsData(
    held_at=timezone.now(),  # replaced by the time it was held when loaded
    push_factors="Rows with staff at Oak House about her phone being taken at night.",
    pull_factors="An older boyfriend, 'Dex', who buys her food and vapes; friends from her old school.",
    where="A flat above the takeaway on Mill Street, and the retail park car park.",
    with_whom="Dex (about 20) and two other men she did not name; one girl from Esterbury Academy.",
    indicators=["older_associates", "gifts_money", "second_phone", "substances"],
    indicators_detail="A second phone she says is 'for Dex'; new trainers; given cannabis at the flat.",
    child_account="Dex looks after me. Nobody at the home listens, so I go where people do.",
)
PLANS = [
    {"officer_actions": "Phone Oak House for the latest sighting; check the retail park car park.",
     "who_to_tell": "Oak House on 01632 960111; the missing coordinator in working hours, the emergency duty team "
                    "out of hours.",
     "places": "Retail park car park; Esterbury bus station.", "associates": "Friends from Esterbury Academy.",
     "why_changed": ""},
    {"officer_actions": "Go first to the flat above the takeaway on Mill Street; then the retail park car park. "
                        "Treat as high risk: possible child sexual exploitation.",
     "who_to_tell": "Oak House on 01632 960111; the missing coordinator (Alex Rowe); her social worker; the "
                    "emergency duty team out of hours.",
     "places": "Flat above the takeaway, Mill Street; retail park car park; Esterbury bus station.",
     "associates": "'Dex', about 20, slim, often in a grey tracksuit; two older men not named.",
     "vehicles": "Silver hatchback seen collecting her, partial plate EX12.",
     "phones": "Her own phone, and a second phone she says is 'for Dex' (number not known).",
     "why_changed": "After her return home interview: the Mill Street flat, Dex and the car."},
]  # fmt: skip


def load_demo_missing(today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["missing", "rhi", "mash.police"])}
    coordinator = _actor(users["missing"], "missing_exploitation_coordinator")
    rhi = _actor(users["rhi"], "return_home_interview_worker")
    police = ApiClient.objects.get(name="police-records")
    feed = Actor(user=None, role=None, agency=police.agency, api_client=police)
    children = {key: _child(*spec) for key, spec in CHILDREN.items()}
    kayla = children["kayla"]
    if not TriggerPlan.objects.filter(person=kayla).exists():
        plans.save_trigger_plan(kayla, plans.PlanData(**PLANS[0]), actor=coordinator)
    plans.save_care_profile(
        kayla,
        plans.CareData(
            in_care=True, placement="Oak House children's home, Esterbury", placement_since=date(2025, 9, 1),
            description="White, slim, about 5 feet 3 inches, dyed red hair, a small scar through her left eyebrow.",
            associates="'Dex' (about 20); friends from Esterbury Academy.",
            places="Mill Street; the retail park; Esterbury bus station.",
            vulnerabilities="Asthma: carries an inhaler. Anxiety; self-harm in the past.",
            phone_and_social_media="Snapchat as KaylaB2010; a second phone.",
        ),
        actor=coordinator,
    )  # fmt: skip
    now = timezone.now()
    for spec in EPISODES:
        if Episode.objects.filter(police_reference=spec["ref"]).exists():
            continue
        child = children[spec["child"]]
        episode = services.report_episode(
            services.EpisodeData(
                first_name=child.first_name, last_name=child.last_name, date_of_birth=child.date_of_birth,
                category=spec["category"], went_missing_at=now - spec["ago"],
                reported_at=now - spec["ago"] + timedelta(hours=1), police_reference=spec["ref"],
                circumstances=spec.get("circumstances", ""), person_id=child.pk,
            ),
            actor=feed if spec.get("feed") else coordinator,
        )  # fmt: skip
        if "back" in spec:
            ago, how, where = spec["back"]
            # Police report the return (a hand-recorded one is held under a stand-in client: see services).
            episode = services.record_return(
                episode,
                services.ReturnData(at=now - ago, how=how, where=where, found_by="Police" if how == "found" else ""),
                actor=feed,
            )
            _interview(episode, spec.get("interview"), rhi, now - ago)
            if not spec.get("feed") and episode.vist is not None:  # the MASH triaged the older returns' VISTs
                mash_services.triage_vist(
                    episode.vist, actor=_actor(users["mash.police"], "mash_police"),
                    outcome=VistOutcome.INFORMATION_SHARED,
                    rationale="Known to the missing coordinator; return home interview requested.",
                )  # fmt: skip
        if spec.get("closed") and episode.status == EpisodeStatus.RETURNED:
            services.close_episode(episode, now - spec["back"][0] + timedelta(days=1), actor=coordinator)
        if spec["ref"] == "ESP-DEMO-MIS-02" and TriggerPlan.objects.filter(person=kayla).count() == 1:
            plans.save_trigger_plan(kayla, plans.PlanData(**PLANS[1]), actor=coordinator)


def _interview(episode: Episode, course: tuple[str, str | None] | None, rhi: Actor, back_at: datetime) -> None:
    if course is None:
        return
    interview = InterviewRequest.objects.get(episode=episode)
    answer, reason = course
    offered = back_at + timedelta(hours=20)
    interviews.offer_interview(
        interview, actor=rhi, at=offered, answer="declined" if answer == "declined" else "accepted",
        declined_reason=reason or "",
    )  # fmt: skip
    if answer == "completed" and interview.status != InterviewStatus.COMPLETED:
        findings = interviews.FindingsData(**{**KAYLA_INTERVIEW.__dict__, "held_at": offered + timedelta(hours=26)})
        interviews.complete_interview(interview, findings, actor=rhi)


def _actor(user: User, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def _child(first: str, last: str, sex: Sex, born: date, street: str, postcode: str) -> Person:
    child = Person.objects.filter(first_name=first, last_name=last, date_of_birth=born).first()
    if child is None:
        child = Person.objects.create(kind=PersonKind.CHILD, first_name=first, last_name=last, sex=sex,
                                      date_of_birth=born)  # fmt: skip
        Address.objects.create(person=child, line1=street, town="Esterbury", postcode=postcode,
                               valid_from=date(2020, 1, 1))  # fmt: skip
        PersonIdentifier.objects.create(person=child, scheme=IdentifierScheme.NHS_NUMBER, value=_nhs(first, last))
    return child


def _nhs(first: str, last: str) -> str:
    """A valid NHS number from the 999 test range, the same for the same child on every load."""
    seed = int(hashlib.sha256(f"missing/{last}/{first}".encode()).hexdigest()[:8], 16)
    for n in range(1000):
        first_nine = f"999{(seed + n) % 1_000_000:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
    raise AssertionError("unreachable")
