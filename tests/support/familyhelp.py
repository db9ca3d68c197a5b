"""Family help for tests: a factory for each of its models, and the whole journey's helpers (a family the MASH
stepped down, triaged onto the waiting list, allocated with each child's voice)."""

from __future__ import annotations

from datetime import date

import factory
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.familyhelp import services, stepdown
from frontdoor.familyhelp.models import (
    Allocation,
    ChildVoice,
    DutyWorker,
    Family,
    FamilyChild,
    StepDown,
    StepUp,
    Triage,
    TriageOutcome,
)
from frontdoor.intake.models import ReferralUpdate
from frontdoor.intake.services import AdultData, ChildData
from frontdoor.mash.services import record_decision
from support.arrivals import referral_data, submit
from support.factories import PersonFactory, ReferralChildFactory, ReferralFactory, UserFactory

# --- Factories ------------------------------------------------------------------------------------------------------


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    reference = factory.Sequence(lambda n: f"FH-TEST-{n:04d}")
    waiting_since = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)


class ReferralUpdateFactory(factory.django.DjangoModelFactory):
    """What a referrer is told: here, an early-help decision (write it through the MASH's `record_decision` for the
    whole use case)."""

    class Meta:
        model = ReferralUpdate

    referral = factory.SubFactory(ReferralFactory, status="decided")
    at = factory.LazyFunction(timezone.now)
    status = "decided"
    outcome = stepdown.EARLY_HELP
    outcome_label = "Early help"
    summary = "Family help: support with routines."


class StepDownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepDown

    family = factory.SubFactory(FamilyFactory)
    update = factory.SubFactory(ReferralUpdateFactory)
    referral = factory.SelfAttribute("update.referral")
    at = factory.SelfAttribute("update.at")


class FamilyChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyChild

    family = factory.SubFactory(FamilyFactory)
    referral_child = factory.SubFactory(ReferralChildFactory)
    person = factory.SubFactory(PersonFactory)
    first_name = "Ellie"
    last_name = factory.Sequence(lambda n: f"Brennan{n}")
    date_of_birth = date(2016, 10, 2)


class TriageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Triage

    family = factory.SubFactory(FamilyFactory, status="waiting")
    outcome = TriageOutcome.WAITING_LIST
    note = "The family want help with mornings."
    triaged_at = factory.LazyFunction(timezone.now)
    triaged_by = factory.SubFactory(UserFactory, roles=["early_help_worker"])


class DutyWorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyWorker

    family = factory.SubFactory(FamilyFactory, status="waiting")
    worker = factory.SubFactory(UserFactory, roles=["early_help_worker"])
    named_by = factory.SelfAttribute("worker")
    named_at = factory.LazyFunction(timezone.now)


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    family = factory.SubFactory(FamilyFactory, status="allocated")
    lead_practitioner = factory.SubFactory(UserFactory, roles=["early_help_worker"])
    allocated_by = factory.SubFactory(UserFactory, roles=["mash_manager"])
    allocated_at = factory.LazyFunction(timezone.now)
    family_voice = "We want help with Ellie's mornings."


class ChildVoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildVoice

    allocation = factory.SubFactory(AllocationFactory)
    child = factory.SubFactory(FamilyChildFactory, family=factory.SelfAttribute("..allocation.family"))
    wishes_and_feelings = "I want to get to school on time."


class StepUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepUp

    family = factory.SubFactory(FamilyFactory, status="stepped_up")
    referral = factory.SubFactory(ReferralFactory)
    stepped_up_at = factory.LazyFunction(timezone.now)
    stepped_up_by = factory.SubFactory(UserFactory, roles=["early_help_worker"])


# --- The journey ------------------------------------------------------------------------------------------------------


def actor(user, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def children_of(surname: str = "Brennan") -> list[ChildData]:
    """Ellie, in her own words, and Sonny, too young to say."""
    return [
        ChildData(
            first_name="Ellie",
            last_name=surname,
            date_of_birth=date(2016, 10, 2),
            wishes_and_feelings="I want to get to school on time.",
        ),
        ChildData(
            first_name="Sonny",
            last_name=surname,
            date_of_birth=date(2019, 5, 21),
            wishes_not_obtained_reason="Too young to say.",
        ),
    ]


def decide_early_help(referral, manager=None, outcome: str = stepdown.EARLY_HELP):
    manager = manager or UserFactory(roles=["mash_manager"])
    return record_decision(
        referral, actor=actor(manager, "mash_manager"), outcome=outcome, summary="Family help can support them."
    )


def stepped_down(surname: str = "Brennan", *, link: list | None = None, referrer=None) -> Family:
    """A family the MASH stepped down: a school's referral of two children and their mother, decided as early help,
    taken by family help's job. `link` gives the people the children (then the mother) are."""
    referrer = referrer or UserFactory(roles=["school_dsl"])
    data = referral_data(
        *children_of(surname),
        adults=[AdultData(name=f"Louise {surname}", relationship="Mother", parental_responsibility=True)],
        level_of_need=2,
        consent="given",
        consent_rationale="",
    )
    referral = submit(referrer, data)
    for arrival, person in zip([*referral.children.order_by("id"), *referral.adults.all()], link or [], strict=False):
        type(arrival).objects.filter(pk=arrival.pk).update(person=person)
    decide_early_help(referral)
    assert stepdown.take_decisions() >= 1
    return Family.objects.get(step_downs__referral=referral)


def on_the_waiting_list(family: Family, duty=None, by=None) -> Family:
    by = by or UserFactory(roles=["early_help_worker"])
    services.triage_family(
        family,
        actor=actor(by, "early_help_worker"),
        outcome=TriageOutcome.WAITING_LIST,
        note="They want help with mornings.",
        duty_worker=duty or by,
    )
    family.refresh_from_db()
    return family


def allocated(family: Family, lead=None, manager=None) -> Family:
    lead = lead or UserFactory(roles=["early_help_worker"])
    manager = manager or UserFactory(roles=["mash_manager"])
    voices = {
        child.pk: services.Voice(wishes_and_feelings=f"{child.first_name} wants mornings to be calmer.")
        for child in family.children.all()
    }
    services.allocate(
        family, actor=actor(manager, "mash_manager"), lead=lead, family_voice="Help with routines.", voices=voices
    )
    family.refresh_from_db()
    return family
