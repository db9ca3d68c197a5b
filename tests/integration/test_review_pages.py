"""The identity review pages: the queue, one pair side by side with the evidence, a person's records to merge or
split; who may use them, errors beside the field, and every look audited."""

from __future__ import annotations

import pytest
from django.db.models import Count

from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.linkage.models import LinkDecision, ReviewItem, ReviewStatus
from frontdoor.people.models import Person, SourceRecord

pytestmark = pytest.mark.django_db


def person_of(record_id: int) -> int | None:
    return SourceRecord.objects.values_list("person_id", flat=True).get(pk=record_id)


def an_item_between_people() -> ReviewItem:
    for item in ReviewItem.objects.filter(status=ReviewStatus.OPEN).order_by("-match_weight", "id"):
        if person_of(item.left_id) != person_of(item.right_id):
            return item
    raise AssertionError("the run left no open pair between two people")


def a_person_with(at_least: int) -> int:
    rows = SourceRecord.objects.values("person").order_by("person").annotate(n=Count("id")).filter(n__gte=at_least)
    return rows.order_by("-n", "person").first()["person"]


@pytest.mark.parametrize("role", [Role.REFERRER, Role.MASH_POLICE])
def test_only_mash_social_workers_and_managers_may_review(client, sign_in_as, linked_county, role) -> None:
    sign_in_as(role)
    item = ReviewItem.objects.first()
    assert item is not None
    for path in ("/mash/review/", f"/mash/review/{item.pk}/", f"/mash/people/{person_of(item.left_id)}/links/"):
        assert client.get(path).status_code == 403
    response = client.post(f"/mash/review/{item.pk}/", {"decision": "confirm", "reason": "Same."})
    assert response.status_code == 403
    assert not LinkDecision.objects.exists()


def test_the_mash_home_links_to_the_review_queue_with_a_count(client, sign_in_as, linked_county) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    page = client.get("/").content.decode()
    open_items = ReviewItem.objects.filter(status=ReviewStatus.OPEN).count()
    assert f"Identity review: {open_items} pair" in page
    assert 'href="/mash/review/"' in page


def test_the_queue_lists_open_pairs_without_names(client, sign_in_as, linked_county) -> None:
    sign_in_as(Role.MASH_MANAGER)
    response = client.get("/mash/review/")
    assert response.status_code == 200
    page = response.content.decode()
    best = ReviewItem.objects.filter(status=ReviewStatus.OPEN).order_by("-match_weight", "id").first()
    assert best is not None
    assert f'href="/mash/review/{best.pk}/"' in page
    assert best.left.last_name not in page
    assert not AccessAudit.objects.exists()  # systems and scores only: no one's data was looked at


def test_a_pair_shows_the_evidence_field_by_field_and_is_audited(client, sign_in_as, linked_county) -> None:
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    item = an_item_between_people()
    page = client.get(f"/mash/review/{item.pk}/").content.decode()
    for text in ("First name", "Date of birth", "NHS number", "How they compare", "Match probability", "Weight"):
        assert text in page
    assert item.left.first_name in page
    assert f"person {person_of(item.left_id)}" in page and f"person {person_of(item.right_id)}" in page
    audited = AccessAudit.objects.filter(actor=worker, action="view_identity_review")
    assert set(audited.values_list("person_id", flat=True)) == {person_of(item.left_id), person_of(item.right_id)}


def test_a_decision_without_a_reason_is_shown_beside_the_field(client, sign_in_as, linked_county) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    item = an_item_between_people()
    response = client.post(f"/mash/review/{item.pk}/", {"decision": "confirm", "reason": "  "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Are these the same person?" in page
    assert 'id="id_reason-error"' in page and "Enter the reason for your decision" in page
    response = client.post(f"/mash/review/{item.pk}/", {"reason": "Checked"})
    assert 'id="id_decision-error"' in response.content.decode()
    assert not LinkDecision.objects.exists()


def test_confirming_a_pair_makes_one_person(client, sign_in_as, linked_county) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    item = an_item_between_people()
    response = client.post(f"/mash/review/{item.pk}/", {"decision": "confirm", "reason": "GP confirmed."})
    assert response.status_code == 302 and response["Location"] == "/mash/review/"
    assert person_of(item.left_id) == person_of(item.right_id)
    page = client.get(f"/mash/review/{item.pk}/").content.decode()
    assert "Both records belong to" in page and "This pair has been decided" in page
    assert f'href="/mash/review/{item.pk}/"' not in client.get("/mash/review/").content.decode()


def test_splitting_and_merging_from_a_persons_page(client, sign_in_as, linked_county) -> None:
    worker = sign_in_as(Role.MASH_MANAGER)
    person = a_person_with(2)
    records = list(SourceRecord.objects.filter(person_id=person).order_by("id").values_list("id", flat=True))
    page = client.get(f"/mash/people/{person}/links/").content.decode()
    assert "Split records out" in page and "Merge with another person" in page
    assert AccessAudit.objects.filter(actor=worker, action="view_identity_links", person_id=person).exists()

    response = client.post(f"/mash/people/{person}/links/", {"action": "split", "split_reason": "Cousin."})
    assert 'id="id_records-error"' in response.content.decode()
    response = client.post(
        f"/mash/people/{person}/links/", {"action": "split", "records": [str(records[-1])], "split_reason": "Cousin."}
    )
    assert response.status_code == 302
    moved_to = person_of(records[-1])
    assert moved_to != person and person_of(records[0]) == person

    response = client.post(
        f"/mash/people/{person}/links/", {"action": "merge", "other_person": "abc", "merge_reason": "x"}
    )
    assert 'id="id_other_person-error"' in response.content.decode()
    response = client.post(
        f"/mash/people/{person}/links/", {"action": "merge", "other_person": str(moved_to), "merge_reason": "Same."}
    )
    # The split said they are different people: merging them back is refused until that decision is reviewed.
    page = response.content.decode()
    assert response.status_code == 200 and "different people" in page and 'id="id_other_person-error"' in page
    assert person_of(records[-1]) == moved_to

    other = Person.objects.exclude(pk__in=[person, moved_to]).filter(source_records__isnull=False).first()
    both = records[:-1] + list(SourceRecord.objects.filter(person=other).values_list("id", flat=True))
    response = client.post(
        f"/mash/people/{person}/links/", {"action": "merge", "other_person": str(other.pk), "merge_reason": "Same."}
    )
    assert response.status_code == 302
    assert len({person_of(r) for r in both}) == 1
