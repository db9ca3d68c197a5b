"""Access follows the work: the MASH opens the records of the people on the items it works, and their families,
without break-glass, and each look names why; the relationship lasts the policy's period after the item closes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit
from frontdoor.access.relationships import find_legitimate_relationship
from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.intake.models import ArrivalKind, CheckCandidate, IdentityCheck
from frontdoor.mash import services as mash_services
from frontdoor.people.models import PersonKind, RelationshipKind
from support.factories import (
    PersonFactory,
    ReferralChildFactory,
    RelationshipFactory,
    ReviewItemFactory,
    SourceRecordFactory,
    UserFactory,
    VistPersonFactory,
)

pytestmark = pytest.mark.django_db


def opens_without_break_glass(client, person) -> str:
    """Open the person's page as the signed-in user; return the reason the look's audit row gives."""
    response = client.get(f"/record/{person.pk}/")
    assert response.status_code == 200, "refused, or offered break-glass"
    assert "You need a reason to see this record" not in response.content.decode()
    look = AccessAudit.objects.filter(person=person, action="view_person").latest("id")
    assert look.basis == "relationship"
    return look.purpose


def test_the_children_on_a_queued_vist_open_for_every_mash_role(client, sign_in_as) -> None:
    on_vist = VistPersonFactory(person=PersonFactory())
    for role in (Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER, Role.MASH_POLICE, Role.MASH_HEALTH, Role.MASH_EDUCATION):
        sign_in_as(role)
        assert (
            opens_without_break_glass(client, on_vist.person) == f"the person's page (on VIST {on_vist.vist.reference})"
        )


def test_a_person_offered_as_a_match_for_someone_on_a_vist_opens_too(client, sign_in_as) -> None:
    unlinked = VistPersonFactory(person=None)
    candidate = PersonFactory()
    check = IdentityCheck.objects.create(
        kind=ArrivalKind.VIST_PERSON, subject_id=unlinked.pk, created_at=timezone.now(), checked_at=timezone.now()
    )
    CheckCandidate.objects.create(identity_check=check, person=candidate, grade="probable")
    sign_in_as(Role.MASH_POLICE)
    reason = opens_without_break_glass(client, candidate)
    assert reason.endswith(f"(possible match for someone on VIST {unlinked.vist.reference})")


def test_a_decided_referral_stays_open_to_the_mash_for_thirty_days(client, sign_in_as) -> None:
    child = ReferralChildFactory(person=PersonFactory())
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    actor = Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency)
    mash_services.record_decision(child.referral, actor=actor, outcome="early_help", summary="Family support.")
    assert opens_without_break_glass(client, child.person).endswith(f"(child on referral {child.referral.reference})")
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        sign_in_as(Role.MASH_SOCIAL_WORKER)
        assert client.get(f"/record/{child.person.pk}/").status_code == 403


def test_a_triaged_vist_stays_open_for_the_period_then_closes() -> None:
    on_vist = VistPersonFactory(person=PersonFactory())
    worker = UserFactory(roles=[Role.MASH_POLICE])
    actor = Actor(user=worker, role=Role.MASH_POLICE, agency=worker.agency)
    mash_services.triage_vist(on_vist.vist, actor=actor, outcome="no_further_action", rationale="Known, safe.")
    assert find_legitimate_relationship(worker, on_vist.person, Role.MASH_POLICE)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert find_legitimate_relationship(worker, on_vist.person, Role.MASH_POLICE) is None


def test_the_household_of_a_referred_child_opens_from_the_childs_page(client, sign_in_as) -> None:
    child = ReferralChildFactory(person=PersonFactory())
    parent = PersonFactory(kind=PersonKind.ADULT, first_name="Claire")
    for person in (child.person, parent):
        SourceRecordFactory(person=person, address="12 Orchard Way", postcode="ES1 2AB")
    stranger = PersonFactory(kind=PersonKind.ADULT)
    SourceRecordFactory(person=stranger, address="3 Mill Lane", postcode="ES1 2AB")
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    child_page = client.get(f"/record/{child.person.pk}/").content.decode()
    assert f"/record/{parent.pk}/" in child_page
    reason = opens_without_break_glass(client, parent)
    assert reason.endswith(f"(household of a child on referral {child.referral.reference})")
    assert client.get(f"/record/{stranger.pk}/").status_code == 403  # same postcode, another house


def test_a_recorded_parent_of_a_child_on_a_vist_opens(client, sign_in_as) -> None:
    on_vist = VistPersonFactory(person=PersonFactory())
    parent = RelationshipFactory(relative=on_vist.person, kind=RelationshipKind.PARENT).person
    sign_in_as(Role.MASH_HEALTH)
    assert opens_without_break_glass(client, parent).endswith(
        f"(recorded relative of a child on VIST {on_vist.vist.reference})"
    )


def test_people_in_the_identity_review_queue_open_for_the_roles_that_review(client, sign_in_as) -> None:
    person = ReviewItemFactory().left.person
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert opens_without_break_glass(client, person).endswith("(in the identity review queue)")
    sign_in_as(Role.MASH_POLICE)  # MASH police do not review identities
    assert client.get(f"/record/{person.pk}/").status_code == 403


def test_the_work_gives_no_relationship_outside_the_mash() -> None:
    on_vist = VistPersonFactory(person=PersonFactory())
    # In working hours: out of hours the emergency duty team sees any child (test_edt.py).
    with time_machine.travel(datetime(2026, 12, 2, 11, tzinfo=LONDON), tick=False):
        for role in (Role.SCHOOL_DSL, Role.EARLY_HELP_WORKER, Role.EDT_WORKER, Role.MISSING_EXPLOITATION_COORDINATOR):
            assert find_legitimate_relationship(UserFactory(roles=[role]), on_vist.person, role) is None


def test_who_has_looked_shows_the_reason(client, sign_in_as) -> None:
    on_vist = VistPersonFactory(person=PersonFactory())
    sign_in_as(Role.MASH_POLICE)
    client.get(f"/record/{on_vist.person.pk}/")
    sign_in_as(Role.PRIVACY_OFFICER)
    looks = client.get(f"/access/people/{on_vist.person.pk}/looks/").content.decode()
    assert f"on VIST {on_vist.vist.reference}" in looks


def test_reading_a_referral_or_vist_is_in_each_linked_persons_who_has_looked(client, sign_in_as) -> None:
    child = ReferralChildFactory(person=PersonFactory())
    on_vist = VistPersonFactory(person=PersonFactory())
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    client.get(f"/mash/referrals/{child.referral.reference}/")
    client.get(f"/mash/vists/{on_vist.vist.reference}/")
    assert AccessAudit.objects.filter(person=child.person, action="view_referral").count() == 1
    assert AccessAudit.objects.filter(person=on_vist.person, action="view_vist").count() == 1
