"""Demo data for the statutory returns: the looked-after children's local authority child ids (the return's key),
and two more children in care whose periods missing or away make the children looked after return's Missing table
(`frontdoor returns ssda903-missing`) worth reading. Tyler Okonjo went missing from his foster home the night before
the last 31 March and came back on 2 April (so the last return has him still missing at the year's end, and this
year's has his return), and was absent for a night two months ago; Amira Hassan was held as "concern for safety" for
three hours before she was recorded missing at high risk, three weeks ago, and came back the next day. Each was
offered a return home interview within the day and declined it, and the MASH has triaged the VISTs.

Everyone here is invented. Idempotent: an episode is found again by its police reference.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient, User
from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.mash import services as mash_services
from frontdoor.mash.models import VistOutcome
from frontdoor.missing import interviews, plans, services
from frontdoor.missing.models import Episode, InterviewRequest, InterviewStatus
from frontdoor.people.models import Address, IdentifierScheme, Person, PersonIdentifier, PersonKind, Sex

# The local authority child ids of the demo's looked-after children, by name and date of birth.
CHILD_IDS = {
    ("Kayla", "Brook", date(2010, 8, 14)): "ESX100231",
    ("Tyler", "Okonjo", date(2009, 5, 11)): "ESX100187",
    ("Amira", "Hassan", date(2011, 2, 20)): "ESX100264",
}
CHILDREN: dict[str, dict[str, Any]] = {
    "tyler": {"first": "Tyler", "last": "Okonjo", "sex": Sex.MALE, "born": date(2009, 5, 11),
              "street": "14 Kestrel Way", "postcode": "ES3 5JD", "placement": "Foster carers, Kestrel Way, Esterbury",
              "since": date(2024, 6, 10), "description": "Black British, tall and thin, short hair, glasses.",
              "places": "The skate park; his brother's flat on the Riverside estate."},
    "amira": {"first": "Amira", "last": "Hassan", "sex": Sex.FEMALE, "born": date(2011, 2, 20),
              "street": "Linden Lodge, 3 Chapel Row", "postcode": "ES2 7QA",
              "placement": "Linden Lodge children's home, Esterbury", "since": date(2026, 5, 1),
              "description": "Slight, long dark hair usually tied back, a grey school coat.",
              "places": "Esterbury railway station; the shopping centre."},
}  # fmt: skip
DECLINED = "Said she or he was fine and did not want to talk about it."


def _last_year_end(today: date) -> date:
    """The last 31 March at least ten days ago: the spanning episode ends on 2 April, before today."""
    year_end = date(today.year, 3, 31)
    return year_end if today >= year_end + timedelta(days=10) else date(today.year - 1, 3, 31)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _episodes(today: date) -> list[dict[str, Any]]:
    year_end = _last_year_end(today)
    return [
        {"ref": "ESP-DEMO-RET-01", "child": "tyler", "history": [("missing-medium", 0)],
         "went": _at(year_end - timedelta(days=1), 22), "back": _at(year_end + timedelta(days=2), 11),
         "where": "Came back to his foster home"},
        {"ref": "ESP-DEMO-RET-02", "child": "tyler", "history": [("absent", 0)],
         "went": _at(today - timedelta(days=60), 21), "back": _at(today - timedelta(days=59), 9),
         "where": "Stayed at his brother's flat"},
        {"ref": "ESP-DEMO-RET-03", "child": "amira", "history": [("concern-for-safety", 0), ("missing-high", 3)],
         "went": _at(today - timedelta(days=21), 16), "back": _at(today - timedelta(days=20), 10),
         "where": "Esterbury railway station, by British Transport Police"},
    ]  # fmt: skip


def load_demo_returns(today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["missing", "rhi", "mash.police"])}
    coordinator = _actor(users["missing"], "missing_exploitation_coordinator")
    rhi = _actor(users["rhi"], "return_home_interview_worker")
    mash_police = _actor(users["mash.police"], "mash_police")
    police = ApiClient.objects.get(name="police-records")
    feed = Actor(user=None, role=None, agency=police.agency, api_client=police)
    children = {key: _child(spec, coordinator) for key, spec in CHILDREN.items()}
    for (first, last, born), child_id in CHILD_IDS.items():
        person = Person.objects.filter(first_name=first, last_name=last, date_of_birth=born).first()
        if person is not None:
            PersonIdentifier.objects.get_or_create(
                person=person, scheme=IdentifierScheme.LA_CHILD_ID, defaults={"value": child_id}
            )
    for spec in _episodes(today):
        if Episode.objects.filter(police_reference=spec["ref"]).exists():
            continue
        child = children[spec["child"]]
        went: datetime = spec["went"]
        episode = services.report_episode(
            services.EpisodeData(
                first_name=child.first_name, last_name=child.last_name, date_of_birth=child.date_of_birth,
                category=spec["history"][-1][0], went_missing_at=went, reported_at=went + timedelta(hours=1),
                police_reference=spec["ref"], person_id=child.pk,
                history=[(code, went + timedelta(hours=max(hours, 1))) for code, hours in spec["history"]],
            ),
            actor=feed,
        )  # fmt: skip
        episode = services.record_return(
            episode, services.ReturnData(at=spec["back"], how="returned", where=spec["where"]), actor=feed
        )
        interview = InterviewRequest.objects.get(episode=episode)
        if interview.status == InterviewStatus.REQUESTED:
            interviews.offer_interview(
                interview, actor=rhi, at=spec["back"] + timedelta(hours=6), answer="declined", declined_reason=DECLINED
            )
        if episode.vist is not None:
            mash_services.triage_vist(
                episode.vist, actor=mash_police, outcome=VistOutcome.INFORMATION_SHARED,
                rationale="Looked after; known to the missing coordinator; return home interview offered.",
            )  # fmt: skip


def _actor(user: User, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def _child(spec: dict[str, Any], coordinator: Actor) -> Person:
    child = Person.objects.filter(first_name=spec["first"], last_name=spec["last"], date_of_birth=spec["born"]).first()
    if child is None:
        child = Person.objects.create(kind=PersonKind.CHILD, first_name=spec["first"], last_name=spec["last"],
                                      sex=spec["sex"], date_of_birth=spec["born"])  # fmt: skip
        Address.objects.create(person=child, line1=spec["street"], town="Esterbury", postcode=spec["postcode"],
                               valid_from=spec["since"])  # fmt: skip
        PersonIdentifier.objects.create(person=child, scheme=IdentifierScheme.NHS_NUMBER, value=_nhs(spec))
        plans.save_care_profile(
            child,
            plans.CareData(in_care=True, placement=spec["placement"], placement_since=spec["since"],
                              description=spec["description"], places=spec["places"]),
            actor=coordinator,
        )  # fmt: skip
    return child


def _nhs(spec: dict[str, Any]) -> str:
    """A valid NHS number from the 999 test range, the same for the same child on every load."""
    seed = int(hashlib.sha256(f"returns/{spec['last']}/{spec['first']}".encode()).hexdigest()[:8], 16)
    for n in range(1000):
        first_nine = f"999{(seed + n) % 1_000_000:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
    raise AssertionError("unreachable")
