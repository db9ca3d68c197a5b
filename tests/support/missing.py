"""Missing children for tests: the people who work them, a police feed client, and the journey's steps (an episode
reported, the child back, the interview offered and recorded, a trigger plan saved)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.missing import interviews, plans, services
from frontdoor.missing.models import Episode, InterviewRequest, TriggerPlan
from frontdoor.people.models import Person
from support.factories import AgencyFactory, PersonFactory, UserFactory

POLICE = "Esterbury Constabulary"


def police_agency():
    return AgencyFactory(name=POLICE, kind="police")


def actor_for(role: str, user=None, agency=None) -> Actor:
    agency = agency or (police_agency() if "police" in role else AgencyFactory(name="Esterbury Youth Support"))
    user = user or UserFactory(roles=[role], agency=agency)
    return Actor(user=user, role=role, agency=user.agency)


def coordinator() -> Actor:
    return actor_for("missing_exploitation_coordinator")


def rhi_worker() -> Actor:
    return actor_for("return_home_interview_worker")


def police_feed(scopes=("missing-episodes:write", "missing-episodes:read")) -> tuple:
    """A police system's API client and its token."""
    return access_services.create_api_client("police-missing", police_agency(), list(scopes))


def report(
    child: Person | None = None,
    *,
    category: str = "missing-medium",
    actor: Actor | None = None,
    went_missing_at: datetime | None = None,
    **fields,
) -> Episode:
    child = child or PersonFactory()
    return services.report_episode(
        services.EpisodeData(
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            category=category,
            went_missing_at=went_missing_at or timezone.now() - timedelta(hours=6),
            **fields,
        ),
        actor=actor or coordinator(),
    )


def bring_back(episode: Episode, *, at: datetime | None = None, how: str = "found", actor: Actor | None = None):
    return services.record_return(
        episode,
        services.ReturnData(at=at or timezone.now(), how=how, where="Esterbury bus station", found_by="PC Hale"),
        actor=actor or coordinator(),
    )


def interview_of(episode: Episode) -> InterviewRequest:
    return InterviewRequest.objects.get(episode=episode)


def accept(episode: Episode, actor: Actor | None = None) -> InterviewRequest:
    return interviews.offer_interview(
        interview_of(episode), actor=actor or rhi_worker(), at=timezone.now(), answer="accepted"
    )


FINDINGS = interviews.FindingsData(
    held_at=timezone.now(),
    push_factors="Arguments at home about curfew.",
    pull_factors="Older friends with a car and money.",
    where="A flat above the takeaway on Mill Street.",
    with_whom="Two men in their twenties, one called Dex.",
    indicators=["older_associates", "gifts_money"],
    indicators_detail="A new phone and trainers she could not explain.",
    child_account="I just wanted to be somewhere nobody shouts.",
)


def plan(child: Person, actor: Actor | None = None, **changes) -> TriggerPlan:
    fields = {
        "officer_actions": "Check the flat above the takeaway on Mill Street first.",
        "who_to_tell": "Her carer at Oak House, then the missing coordinator.",
        "places": "Mill Street; the retail park car park.",
        "associates": "Dex (twenties).",
        "vehicles": "Silver hatchback, partial plate EX12.",
        "phones": "A second phone, number unknown.",
        **changes,
    }
    return plans.save_trigger_plan(child, plans.PlanData(**fields), actor=actor or coordinator())
