"""People's identity decisions on a linked county: each takes effect at once, is audited, and survives a re-run of
linkage (confirm, reject, merge, split); a run leaves its uncertain pairs in the review queue."""

from __future__ import annotations

import pytest
from django.db.models import Count

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.linkage import engine, merging, review, services
from frontdoor.linkage.incremental import link_pending_records
from frontdoor.linkage.models import (
    LinkDecision,
    LinkKind,
    RefusalRule,
    ReviewAction,
    ReviewItem,
    ReviewReason,
    ReviewStatus,
)
from frontdoor.linkage.services import link_source_records
from frontdoor.people.models import Person, SourceRecord
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor() -> Actor:
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    return Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency, request_id="test")


def working_with(actor: Actor, *person_ids: int) -> None:
    """The reviewer's legitimate relationship with these people (changing who someone is needs one)."""
    for person_id in person_ids:
        access_services.add_to_caseload(Person.objects.get(pk=person_id), user=actor.user)


def person_of(record_id: int) -> int | None:
    return SourceRecord.objects.values_list("person_id", flat=True).get(pk=record_id)


def audited_people(actor: Actor, action: str) -> set[int]:
    return set(AccessAudit.objects.filter(actor=actor.user, action=action).values_list("person_id", flat=True))


def people_by_record() -> dict[int, int | None]:
    return dict(SourceRecord.objects.values_list("id", "person_id"))


def a_person_with(at_least: int) -> int:
    sizes = SourceRecord.objects.values("person").order_by("person").annotate(n=Count("id")).filter(n__gte=at_least)
    return sizes.order_by("-n", "person").first()["person"]


def records_of(person_id: int) -> list[int]:
    return list(SourceRecord.objects.filter(person_id=person_id).order_by("id").values_list("id", flat=True))


def an_item_between_people() -> ReviewItem:
    for item in ReviewItem.objects.filter(status=ReviewStatus.OPEN).order_by("-match_weight", "id"):
        if person_of(item.left_id) != person_of(item.right_id):
            return item
    raise AssertionError("the run left no open pair between two people")


def test_a_run_leaves_each_pair_of_people_once_strongest_first_saying_why(linked_county, settings) -> None:
    items = list(ReviewItem.objects.order_by("id"))
    assert items
    assert {item.status for item in items} == {ReviewStatus.OPEN, ReviewStatus.SETTLED}
    assert all(item.left_id < item.right_id for item in items)
    pairs_of_people = [frozenset((person_of(item.left_id), person_of(item.right_id))) for item in items]
    assert len(set(pairs_of_people)) == len(items)
    for item in items:
        if item.reason == ReviewReason.UNCERTAIN:
            assert settings.FRONTDOOR_REVIEW_BAND_LOW <= item.match_probability < settings.FRONTDOOR_REVIEW_BAND_HIGH
        if item.reason == ReviewReason.LINKED:
            assert person_of(item.left_id) == person_of(item.right_id) and item.status == ReviewStatus.SETTLED
        else:
            assert person_of(item.left_id) != person_of(item.right_id)
        if item.reason == ReviewReason.REFUSED:
            assert item.refusal and item.refusal_detail, "a pair kept apart says why"
        settling = item.refusal in {RefusalRule.NHS_NUMBERS, RefusalRule.ONE_RECORD_SYSTEM, RefusalRule.BIRTH_DATES}
        assert (item.status == ReviewStatus.SETTLED) == (settling or item.reason == ReviewReason.LINKED)
    weights = [item.match_weight for item in items]
    assert weights == sorted(weights, reverse=True)


def test_every_pair_a_run_leaves_is_kept_and_a_new_run_closes_the_old_ones(linked_county) -> None:
    before = ReviewItem.objects.count()
    counts = link_source_records(retrain=False)
    kept = ReviewItem.objects.filter(run_id=counts.run_id)
    assert counts.review_items == kept.count() == before  # the same county leaves the same pairs, all of them
    assert ReviewItem.objects.filter(status__in=[ReviewStatus.OPEN, ReviewStatus.SETTLED]).count() == kept.count()
    assert ReviewItem.objects.filter(status=ReviewStatus.CLOSED).count() == before


def test_a_confirmed_pair_is_one_person_now_and_after_a_rerun(linked_county, actor) -> None:
    item = an_item_between_people()
    people = {person_of(item.left_id), person_of(item.right_id)}
    kept = review.decide_review_item(actor, item.pk, decision="confirm", reason="Same child: GP confirmed by phone.")
    assert person_of(item.left_id) == person_of(item.right_id) == kept
    item.refresh_from_db()
    assert item.status == ReviewStatus.DECIDED
    decision = LinkDecision.objects.get(left_id=item.left_id, right_id=item.right_id)
    assert (decision.kind, decision.action, decision.review_item_id) == (
        LinkKind.MUST_LINK,
        ReviewAction.CONFIRM,
        item.pk,
    )
    assert (decision.decided_by, decision.decided_role) == (actor.user, Role.MASH_SOCIAL_WORKER)
    assert decision.reason == "Same child: GP confirmed by phone."
    audited = set(
        AccessAudit.objects.filter(actor=actor.user, action="identity_confirm").values_list("person_id", flat=True)
    )
    assert audited == people

    before = people_by_record()
    again = link_source_records(retrain=False)
    assert person_of(item.left_id) == person_of(item.right_id) == kept
    # The rerun keeps everyone where they were, except records the confirmed pair's new evidence brings to its person.
    moved = {record: person for record, person in people_by_record().items() if before.get(record) != person}
    assert set(moved.values()) <= {kept}, (kept, moved)
    assert not ReviewItem.objects.filter(run_id=again.run_id, left_id=item.left_id, right_id=item.right_id).exists()


def test_a_rejected_pair_is_two_people_now_and_after_a_rerun(linked_county, actor) -> None:
    person = a_person_with(3)
    first, second = records_of(person)[:2]
    moved_to = review.reject_pair(actor, first, second, reason="Different children: school confirmed twins.")
    assert moved_to is not None and moved_to != person
    assert person_of(first) != person_of(second)
    assert person in {person_of(first), person_of(second)}
    assert AccessAudit.objects.filter(actor=actor.user, action="identity_reject", person_id=person).exists()
    assert LinkDecision.objects.get(left_id=first, right_id=second).kind == LinkKind.CANNOT_LINK

    link_source_records(retrain=False)
    assert person_of(first) != person_of(second)
    assert person in {person_of(first), person_of(second)}


def test_merged_people_stay_one_after_a_rerun_even_against_the_twin_guard(linked_county, actor) -> None:
    (ours, _n), (theirs, _m) = _people_sizes()[:2]  # two people of several records each, two health records
    records = records_of(ours) + records_of(theirs)
    second = UserFactory(roles=[Role.MASH_MANAGER])
    second_actor = Actor(user=second, role=Role.MASH_MANAGER, agency=second.agency)
    working_with(actor, ours, theirs)
    working_with(second_actor, ours, theirs)
    with pytest.raises(merging.SecondReviewerNeeded) as waiting:
        merging.merge_people(actor, ours, theirs, reason="Same adult: a change of name by deed poll.")
    assert {person_of(r) for r in records_of(ours)} == {ours}  # not merged until a second reviewer agrees
    kept = merging.decide_merge_request(second_actor, waiting.value.request.pk, approve=True)
    assert {person_of(r) for r in records} == {kept}
    assert LinkDecision.objects.filter(action=ReviewAction.MERGE, kind=LinkKind.MUST_LINK).count() == len(records) - 1
    audited = set(AccessAudit.objects.filter(actor=second, action="identity_merge").values_list("person_id", flat=True))
    assert audited == {ours, theirs}

    link_source_records(retrain=False)
    assert {person_of(r) for r in records} == {kept}


def _people_sizes() -> list[tuple[int, int]]:
    rows = SourceRecord.objects.values("person").order_by("person").annotate(n=Count("id"))
    return sorted(((row["person"], row["n"]) for row in rows), key=lambda pn: (-pn[1], pn[0]))


def test_split_records_stay_apart_after_a_rerun_and_keep_their_ids(linked_county, actor) -> None:
    person = a_person_with(3)
    working_with(actor, person)
    records = records_of(person)
    moving, staying = records[-1:], records[:-1]
    new_person = merging.split_person(actor, person, moving, reason="The police record is the child's cousin.")
    assert {person_of(r) for r in moving} == {new_person} and {person_of(r) for r in staying} == {person}
    apart = LinkDecision.objects.filter(action=ReviewAction.SPLIT, kind=LinkKind.CANNOT_LINK)
    assert apart.count() == len(moving) * len(staying)
    audited = set(
        AccessAudit.objects.filter(actor=actor.user, action="identity_split").values_list("person_id", flat=True)
    )
    assert audited == {person, new_person}

    before = people_by_record()
    link_source_records(retrain=False)
    assert {person_of(r) for r in moving} == {new_person} and {person_of(r) for r in staying} == {person}
    assert people_by_record() == before


def test_a_later_decision_supersedes_an_earlier_one_and_history_is_kept(linked_county, actor) -> None:
    person = a_person_with(2)
    first, second = records_of(person)[:2]
    review.reject_pair(actor, first, second, reason="Looked like twins.")
    review.confirm_pair(actor, first, second, reason="Same child after all: NHS number checked.")
    decisions = list(LinkDecision.objects.filter(left_id=first, right_id=second).order_by("id"))
    assert [d.kind for d in decisions] == [LinkKind.CANNOT_LINK, LinkKind.MUST_LINK]
    assert decisions[0].superseded_at is not None and decisions[1].superseded_at is None
    assert person_of(first) == person_of(second)
    link_source_records(retrain=False)
    assert person_of(first) == person_of(second)


def test_a_confirm_that_contradicts_an_earlier_rejection_is_refused(linked_county, actor) -> None:
    person = a_person_with(3)
    first, second, third = records_of(person)[:3]
    review.reject_pair(actor, first, second, reason="Different children.")
    # The record that left cannot be confirmed as a record of the person it left: that would undo the rejection.
    moved, stayed = (second, first) if person_of(first) == person else (first, second)
    assert person_of(third) == person_of(stayed) == person
    with pytest.raises(review.ReviewError, match="different people"):
        review.confirm_pair(actor, moved, third, reason="Same child.")
    assert person_of(moved) != person_of(third)
    assert LinkDecision.objects.count() == 1


def test_a_decision_needs_a_reason_and_a_split_needs_records(linked_county, actor) -> None:
    person = a_person_with(2)
    working_with(actor, person)
    first, second = records_of(person)[:2]
    with pytest.raises(review.ReviewError, match="reason"):
        review.reject_pair(actor, first, second, reason="   ")
    with pytest.raises(review.ReviewError, match="Select the records"):
        merging.split_person(actor, person, [], reason="Someone else.")
    with pytest.raises(review.ReviewError, match="Leave at least one"):
        merging.split_person(actor, person, records_of(person), reason="Someone else.")
    assert not LinkDecision.objects.exists()
    assert not AccessAudit.objects.filter(action__startswith="identity_").exists()


def test_a_decision_made_while_a_run_links_is_not_undone_by_it(linked_county, actor, monkeypatch) -> None:
    person = a_person_with(3)
    working_with(actor, person)
    records = records_of(person)
    real_link, calls = engine.link, []

    def link_while_someone_splits(*args, **kwargs):
        calls.append(kwargs)
        result = real_link(*args, **kwargs)
        if len(calls) == 1:  # a worker splits the person after this run read the decisions
            merging.split_person(actor, person, records[-1:], reason="The police record is the child's cousin.")
        return result

    monkeypatch.setattr(engine, "link", link_while_someone_splits)
    link_source_records(retrain=False)
    assert len(calls) == 2 and calls[1]["cannot_link"]
    assert person_of(records[-1]) != person_of(records[0]) == person
    run = link_source_records(retrain=False)
    assert person_of(records[-1]) != person_of(records[0]) == person
    assert run.records_relinked == 0


def test_a_decision_made_while_a_run_writes_is_not_undone_by_it(linked_county, actor, monkeypatch) -> None:
    person = a_person_with(3)
    records = records_of(person)
    stray = records[-1]
    # One of the person's records was put with someone else: the run will bring it back to the person...
    SourceRecord.objects.filter(pk=stray).update(person=Person.objects.create(kind="adult"))
    elsewhere = person_of(stray)
    real_write, batches = services._write_batch, []

    def write_after_someone_rejects(*args, **kwargs):
        if not batches:  # ...but after it computed, before it stored anything, a worker says it is not them
            review.reject_pair(actor, records[0], stray, reason="The police record is the child's cousin.")
        batches.append(args[0])
        return real_write(*args, **kwargs)

    monkeypatch.setattr(services, "_write_batch", write_after_someone_rejects)
    monkeypatch.setattr(services, "WRITE_BATCH", 50)
    counts = link_source_records(retrain=False)
    assert len(batches) > 1
    assert person_of(stray) == elsewhere and person_of(records[0]) == person
    # The clusters the decision touched were left as they are, for the worker to link with the new model.
    assert counts.records_left_to_worker >= len(records) - 1
    assert link_pending_records() >= len(records) - 1
    assert person_of(stray) != person and person_of(records[0]) == person
