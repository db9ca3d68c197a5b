"""The child's page: one person as every agency's records describe them, with a chronology, household and flags."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html import unescape

import pytest
from django.db.models import Count

from frontdoor.access import services as access_services
from frontdoor.access.models import AccessAudit
from frontdoor.intake import matching
from frontdoor.people.models import Person, SourceEvent, SourceParticipation, SourceRecord
from support.arrivals import busiest_child, known_child, refer
from support.factories import PersonFactory, RelationshipFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(sign_in_as):
    """Sign in in a role with the person in the user's caseload (a legitimate relationship)."""

    def _sign_in(role: str, person_id: int):
        user = sign_in_as(role)
        access_services.add_to_caseload(Person.objects.get(pk=person_id), user=user)
        return user

    return _sign_in


def test_the_page_merges_every_agencys_records_and_events(client, caseworker, linked_county) -> None:
    child = busiest_child()
    records = list(SourceRecord.objects.filter(person=child))
    worker = caseworker("mash_social_worker", child.pk)
    response = client.get(f"/record/{child.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for record in records:
        assert record.source_id in html  # every linked record, with its system's own id
    assert "Principal record" in html and "Why" in html
    events = set()
    for record in records:
        for event_id in SourceParticipation.objects.filter(
            system=record.system, record_source_id=record.source_id
        ).values_list("event_source_id", flat=True):
            events.add((record.system, event_id))
    assert f"Showing {len(events)} of {len(events)} entries" in html
    assert AccessAudit.objects.filter(actor=worker, person=child, action="view_person", outcome="allowed").count() == 1


def test_the_chronology_filters_by_agency(client, caseworker, linked_county) -> None:
    child = busiest_child()
    caseworker("mash_social_worker", child.pk)
    everything = client.get(f"/record/{child.pk}/").content.decode()
    police = client.get(f"/record/{child.pk}/", {"agency": "Education"}).content.decode()
    shown = int(police.split("Showing ")[1].split(" of")[0])
    total = int(everything.split("Showing ")[1].split(" of")[0])
    assert shown < total
    assert "Emergency department attendance" not in police.split('data-testid="chronology"')[-1].split("</table>")[0]


def test_a_referral_about_the_child_joins_the_chronology_with_their_voice(client, sign_in_as, linked_county) -> None:
    record = known_child()
    reference = refer(record)
    matching.match_arrivals()
    sign_in_as("mash_manager")  # the child is in the triage queue: a MASH role has a legitimate relationship
    html = client.get(f"/record/{record.person_id}/").content.decode()
    assert "Referral to the front door" in html and reference in html
    assert "their own wishes and feelings recorded" in html


def test_open_plans_and_missing_episodes_are_flagged(client, caseworker, linked_county) -> None:
    plan = SourceEvent.objects.filter(system="csc", kind="child_protection_plan", ended_at__isnull=True).first()
    if plan is None:
        pytest.skip("this county has no open child protection plan")
    source_id = SourceParticipation.objects.filter(system="csc", event_source_id=plan.source_id).first()
    person_id = SourceRecord.objects.get(system="csc", source_id=source_id.record_source_id).person_id
    caseworker("mash_social_worker", person_id)
    html = client.get(f"/record/{person_id}/").content.decode()
    flags = html.split('data-testid="flags"')[1].split("</ul>")[0]
    assert "Open to children&#39;s social care" in flags and "Child protection plan" in flags


def test_the_household_shows_each_child_and_whether_their_voice_is_recorded(client, caseworker, linked_county) -> None:
    # A postcode and address line held for several linked people: a household.
    shared = Counter(
        (r.address.lower(), r.postcode)
        for r in SourceRecord.objects.filter(system="health", person__isnull=False).exclude(address="")
    )
    (address, postcode), n = shared.most_common(1)[0]
    assert n > 1
    member = SourceRecord.objects.filter(system="health", address__iexact=address, postcode=postcode).first()
    caseworker("mash_social_worker", member.person_id)
    html = client.get(f"/record/{member.person_id}/").content.decode()
    household = html.split('data-testid="household"')[1].split("</table>")[0]
    assert "Own voice recorded" in html and ("Not recorded" in household or "Not a child" in household)


def test_a_referrer_may_not_open_a_childs_record_and_the_refusal_is_recorded(client, sign_in_as, linked_county) -> None:
    child = busiest_child()
    dsl = sign_in_as("school_dsl")
    assert client.get(f"/record/{child.pk}/").status_code == 403
    assert client.get("/record/999999999/").status_code == 404
    assert AccessAudit.objects.filter(actor=dsl, person=child, outcome="denied").count() == 1


def test_without_a_relationship_a_worker_is_offered_break_glass_and_then_sees_the_page(
    client, sign_in_as, linked_county
) -> None:
    child = busiest_child()
    worker = sign_in_as("mash_social_worker")
    offer = client.get(f"/record/{child.pk}/")
    assert offer.status_code == 403 and "break" in offer.content.decode().lower()
    assert AccessAudit.objects.filter(actor=worker, person=child, outcome="denied").count() == 1
    given = client.post(
        f"/access/people/{child.pk}/break-glass/",
        {
            "reason": "Police called out of hours: child found alone, checking for a plan.",
            "next": f"/record/{child.pk}/",
        },
    )
    assert given.status_code == 302 and given["Location"] == f"/record/{child.pk}/"
    html = client.get(f"/record/{child.pk}/").content.decode()
    assert "reason for breaking glass" in html and "Principal record" in html


def test_a_school_sees_its_pupil_without_the_police_or_social_care_file(client, sign_in_as, linked_county) -> None:
    pupil = (
        SourceRecord.objects.filter(system="education", person__isnull=False)
        .values("person_id")
        .annotate(systems=Count("person__source_records__system", distinct=True))
        .order_by("-systems")
        .first()
    )
    dsl = sign_in_as("school_dsl")
    access_services.add_to_caseload(Person.objects.get(pk=pupil["person_id"]), user=dsl, kind="pupil")
    html = client.get(f"/record/{pupil['person_id']}/").content.decode()
    text = unescape(html)
    for withheld in (
        "Social care, early help and police are not shown to your role. If you need them, contact",
        "Records held by health, children's social care, early help and the police are not shown to your role.",
    ):
        assert withheld in text
    assert 'data-testid="chronology"' in html
    chronology = html.split('data-testid="chronology"')[1].split("</table>")[0]
    for hidden in ("Police incident", "Emergency department attendance", "Contact with children"):
        assert hidden not in chronology


def test_recorded_relationships_are_shown_from_the_childs_side(client, caseworker) -> None:
    mother = PersonFactory(kind="adult", first_name="Claire", last_name="Ashdown", date_of_birth=date(1988, 2, 1))
    child = PersonFactory(first_name="Maisie", last_name="Ashdown")
    RelationshipFactory(person=mother, relative=child, kind="parent", parental_responsibility=True,
                        valid_from=date(2015, 5, 17))  # fmt: skip
    caseworker("mash_social_worker", child.pk)
    html = client.get(f"/record/{child.pk}/").content.decode()
    listed = html.split('data-testid="relationships"')[1].split("</ul>")[0]
    assert "Claire Ashdown</a>: Parent (parental responsibility)" in listed and "from 17 May 2015" in listed
    caseworker("mash_social_worker", mother.pk)
    html = client.get(f"/record/{mother.pk}/").content.decode()
    assert "Maisie Ashdown</a>: Child" in html.split('data-testid="relationships"')[1]


def test_a_mash_manager_can_see_who_has_looked_from_the_page(client, caseworker) -> None:
    child = PersonFactory(first_name="Maisie", last_name="Ashdown")
    caseworker("mash_manager", child.pk)
    html = client.get(f"/record/{child.pk}/").content.decode()
    assert f'href="/access/people/{child.pk}/looks/"' in html
    assert "Subject access request" not in html  # the privacy officer's


def test_an_age_an_agency_gives_says_when_it_held(client, caseworker) -> None:
    child = PersonFactory(first_name="Logan", last_name="Taylor")
    SourceRecordFactory(person=child, system="police", first_name="LOGAN", last_name="TAYLOR", date_of_birth=None,
                        age_years=7, age_given_on=date(2024, 3, 3))  # fmt: skip
    SourceRecordFactory(person=child, system="police", first_name="LOGAN", last_name="TAYLOR", date_of_birth=None,
                        age_years=9)  # fmt: skip
    caseworker("mash_social_worker", child.pk)
    html = client.get(f"/record/{child.pk}/").content.decode()
    assert "LOGAN TAYLOR, age 7 on 3 March 2024, ES1 2AB" in html
    assert "LOGAN TAYLOR, age 9, ES1 2AB" in html  # no day known: the age alone
