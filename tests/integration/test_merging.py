"""Merging people reads no one new: a reviewer needs a relationship with both, a merge the records argue against
waits for a second reviewer (never the first), and the privacy officers are told of every merge."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.relationships import has_legitimate_relationship
from frontdoor.access.roles import Role
from frontdoor.core.models import OutboxMessage
from frontdoor.linkage import merging
from frontdoor.linkage.models import MergeRequest
from frontdoor.people.models import PersonKind, SourceRecord
from support.factories import PersonFactory, SourceRecordFactory, UserFactory

pytestmark = pytest.mark.django_db


def reviewer(role: str = Role.MASH_SOCIAL_WORKER) -> Actor:
    user = UserFactory(roles=[role])
    return Actor(user=user, role=role, agency=user.agency)


def person_with_record(**fields):
    person = PersonFactory(**{k: v for k, v in fields.items() if k in ("kind", "date_of_birth")})
    SourceRecordFactory(person=person, date_of_birth=person.date_of_birth, nhs_number=fields.get("nhs", ""))
    return person


def working_with(actor: Actor, *people) -> None:
    for person in people:
        access_services.add_to_caseload(person, user=actor.user)


def test_a_reviewer_without_a_relationship_with_both_cannot_merge() -> None:
    ours, theirs, actor = person_with_record(), person_with_record(), reviewer()
    working_with(actor, ours)
    with pytest.raises(merging.ReviewError, match="only people whose records you may see"):
        merging.merge_people(actor, ours.pk, theirs.pk, reason="Same child.")
    assert SourceRecord.objects.filter(person=theirs).exists()


def test_people_the_records_say_could_be_one_are_merged_at_once_and_the_privacy_officer_told() -> None:
    officer = UserFactory(roles=[Role.PRIVACY_OFFICER])
    ours, theirs, actor = person_with_record(nhs="9434765919"), person_with_record(nhs="9434765919"), reviewer()
    working_with(actor, ours, theirs)
    kept = merging.merge_people(actor, ours.pk, theirs.pk, reason="Same child, two registrations.")
    assert set(SourceRecord.objects.values_list("person_id", flat=True)) == {kept}
    assert OutboxMessage.objects.filter(recipient=officer, kind="identity.merged").count() == 1


def test_an_adult_and_a_child_wait_for_a_second_reviewer_who_is_not_the_first() -> None:
    officer = UserFactory(roles=[Role.PRIVACY_OFFICER])
    adult = person_with_record(kind=PersonKind.ADULT, date_of_birth=date(1988, 1, 1))
    child = person_with_record(kind=PersonKind.CHILD, date_of_birth=date(2016, 4, 2))
    first, second = reviewer(), reviewer(Role.MASH_MANAGER)
    working_with(first, adult, child)
    working_with(second, adult, child)
    with pytest.raises(merging.SecondReviewerNeeded, match="One is an adult and the other a child"):
        merging.merge_people(first, child.pk, adult.pk, reason="I think they are the same.")
    waiting = MergeRequest.objects.get()
    assert SourceRecord.objects.filter(person=adult).exists()  # nothing merged yet
    assert OutboxMessage.objects.filter(recipient=officer, kind="identity.merge_requested").count() == 1
    with pytest.raises(merging.ReviewError, match="Another reviewer must decide"):
        merging.decide_merge_request(first, waiting.pk, approve=True)
    assert merging.decide_merge_request(second, waiting.pk, approve=False) is None
    assert SourceRecord.objects.filter(person=adult).exists()
    with pytest.raises(merging.ReviewError, match="already been decided"):
        merging.decide_merge_request(second, waiting.pk, approve=True)


def test_the_person_split_out_stays_open_to_the_reviewer_who_split_them() -> None:
    person, actor = PersonFactory(), reviewer()
    SourceRecordFactory(person=person)
    moving = SourceRecordFactory(person=person)
    working_with(actor, person)
    created = merging.split_person(actor, person.pk, [moving.pk], reason="A cousin's record.")
    assert has_legitimate_relationship(actor.user, created, actor.role)
