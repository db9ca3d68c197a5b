"""The evidence that each record is its person's is computed when the link is made and stored: the child's page
reads it and scores nothing, and a person's decision that moves records scores their people again."""

from __future__ import annotations

import pytest
from django.db.models import Count

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.roles import Role
from frontdoor.linkage import merging
from frontdoor.linkage.models import LinkEvidence
from frontdoor.linkage.realtime import Scorer
from frontdoor.linkage.selectors import map_link_evidence
from frontdoor.people.models import Person, SourceRecord
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


def a_person_with(at_least: int) -> int:
    sizes = SourceRecord.objects.values("person").order_by("person").annotate(n=Count("id")).filter(n__gte=at_least)
    row = sizes.order_by("-n", "person").first()
    assert row is not None
    return row["person"]


def records_of(person_id: int) -> list[SourceRecord]:
    return list(SourceRecord.objects.filter(person_id=person_id).order_by("id"))


def test_the_run_stores_every_linked_records_evidence_against_the_principal(linked_county) -> None:
    person = a_person_with(3)
    records = records_of(person)
    stored = map_link_evidence(records)
    assert len(stored) == len(records) - 1  # every record but the principal
    assert all(found.grade in ("certain", "probable", "possible", None) for found in stored.values())
    assert all(found.evidence and 0.0 < found.probability <= 1.0 for found in stored.values())
    principal = LinkEvidence.objects.filter(record__in=records).values_list("principal_id", flat=True).distinct()
    assert list(principal) == [next(r.pk for r in records if r.pk not in stored)]


def test_the_childs_page_shows_the_stored_evidence_and_scores_nothing(
    linked_county, client, sign_in_as, monkeypatch
) -> None:
    person = a_person_with(3)
    user = sign_in_as("mash_social_worker")
    access_services.add_to_caseload(Person.objects.get(pk=person), user=user)

    def no_scoring(*args, **kwargs):
        raise AssertionError("a page view scored a pair")

    monkeypatch.setattr(Scorer, "score", no_scoring)
    response = client.get(f"/record/{person}/")
    assert response.status_code == 200
    html = response.content.decode()
    grades = [found.grade for found in map_link_evidence(records_of(person)).values()]
    assert grades and all(grade is not None for grade in grades)
    assert html.count("Certain (") + html.count("Probable (") + html.count("Possible (") == len(grades)
    assert "Principal record" in html and "Why" in html


def test_a_split_scores_the_people_again(linked_county) -> None:
    user = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    actor = Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency, request_id="test")
    person = a_person_with(3)
    access_services.add_to_caseload(Person.objects.get(pk=person), user=user)
    records = records_of(person)
    before = map_link_evidence(records)
    principal = next(r for r in records if r.pk not in before)
    # The principal record leaves: what is left must be scored against a new principal to explain its links.
    merging.split_person(actor, person, [principal.pk], reason="Someone else.")
    left = records_of(person)
    stored = map_link_evidence(left)
    assert len(stored) == len(left) - 1 >= 1
