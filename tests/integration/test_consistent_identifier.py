"""The consistent child identifier on real pages: the NHS number line on the child's page, in words, with where it
came from; the MASH's form to record why it is absent (errors by the field, audited); and the coverage figure on the
privacy officer's and the analyst's homes, equal to a count by hand."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape

import pytest

from frontdoor.access import services as access_services
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.people.consistent_identifier import consistent_identifier
from frontdoor.people.identifier_coverage import children_open_to_social_care, nhs_number_coverage
from frontdoor.people.models import NhsNumberAbsence, PersonKind, SourceRecord, SourceSystem
from support.arrivals import refer as refer_one
from support.factories import (
    AgencyFactory,
    IdentifierFactory,
    NhsNumberAbsenceFactory,
    PersonFactory,
    SourceEventFactory,
    SourceParticipationFactory,
    SourceRecordFactory,
)

pytestmark = pytest.mark.django_db

VALID = "9434765919"
OTHER_VALID = "9434765870"


def health_record(person, value: str = VALID, *, gp: str = "Riverside Medical Practice") -> SourceRecord:
    record = SourceRecordFactory(
        person=person, system=SourceSystem.HEALTH, nhs_number=value, attributes={"gp_name": gp}
    )
    SourceRecord.objects.filter(pk=record.pk).update(created_at=datetime(2024, 3, 12, 9, 0, tzinfo=UTC))
    return record


def open_to_social_care(person, kind: str = "child_protection_plan", *, ended: bool = False) -> None:
    record = SourceRecordFactory(person=person, system=SourceSystem.CSC)
    event = SourceEventFactory(
        system=SourceSystem.CSC, kind=kind, ended_at=datetime(2026, 10, 20, tzinfo=UTC) if ended else None
    )
    SourceParticipationFactory(record=record, event=event)


def page_of(client, sign_in_as, child, role: str = Role.MASH_SOCIAL_WORKER) -> str:
    user = sign_in_as(role)
    access_services.add_to_caseload(child, user=user)
    response = client.get(f"/record/{child.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_childs_page_says_a_health_record_verifies_the_number_and_since_when(client, sign_in_as) -> None:
    child = PersonFactory()
    health_record(child)
    SourceRecordFactory(person=child, system=SourceSystem.POLICE, nhs_number=VALID)
    html = page_of(client, sign_in_as, child)
    assert "NHS number <strong>943 476 5919</strong>: verified by a health record (Riverside Medical Practice) " \
        "since 12 March 2024." in html  # fmt: skip
    assert "police (police), since" in html and "reported, not verified" in html  # the police record, in the detail


def test_the_childs_page_says_a_number_only_police_hold_is_not_verified(client, sign_in_as) -> None:
    child = PersonFactory()
    SourceRecordFactory(person=child, system=SourceSystem.POLICE, nhs_number=VALID)
    html = page_of(client, sign_in_as, child)
    assert "NHS number <strong>943 476 5919</strong>: reported by police, not verified." in html


def test_an_identifier_held_by_a_gp_agency_verifies_and_one_with_no_agency_does_not() -> None:
    gp = AgencyFactory(name="Harbour Surgery", kind="gp")
    verified = PersonFactory()
    IdentifierFactory(person=verified, value=VALID, agency=gp)
    unverified = PersonFactory()
    IdentifierFactory(person=unverified, value=VALID)
    assert consistent_identifier(verified).status == "verified by a health record (Harbour Surgery)"
    assert consistent_identifier(unverified).status == "reported by a record with no agency named, not verified"


def test_two_valid_numbers_on_one_child_are_flagged_for_review_in_words(client, sign_in_as) -> None:
    child = PersonFactory()
    health_record(child)
    SourceRecordFactory(person=child, system=SourceSystem.CSC, nhs_number=OTHER_VALID)
    html = page_of(client, sign_in_as, child)
    assert 'data-testid="nhs-number-conflict"' in html
    assert "Two different NHS numbers are held (943 476 5870 and 943 476 5919): review which is this person" in html


def test_a_mash_worker_records_why_the_number_is_absent_with_errors_by_the_field_and_an_audit_row(
    client, sign_in_as
) -> None:
    child = PersonFactory()
    html = page_of(client, sign_in_as, child)
    assert "NHS number: not known, and no reason for its absence has been recorded." in html
    form_url = f"/record/{child.pk}/nhs-number-absence/"
    assert form_url in html
    assert client.get(form_url).status_code == 200
    empty = client.post(form_url, {"reason": "", "note": ""})
    assert empty.status_code == 200
    body = empty.content.decode()
    assert "There is a problem" in body and 'id="id_reason-error"' in body
    assert "Select why the NHS number is not recorded" in body
    assert NhsNumberAbsence.objects.count() == 0
    saved = client.post(form_url, {"reason": "risk_of_harm", "note": "Held back on the strategy discussion's advice."})
    assert saved.status_code == 302 and saved["Location"] == f"/record/{child.pk}/"
    absence = NhsNumberAbsence.objects.get(person=child)
    assert absence.reason == "risk_of_harm" and absence.recorded_by is not None
    audit = AccessAudit.objects.filter(person=child, action="record_nhs_number_absence")
    assert audit.count() == 1
    assert audit.get().purpose == (
        "recorded why the NHS number is absent: Including it would put the child at risk of harm"
    )
    after = client.get(f"/record/{child.pk}/").content.decode()
    assert "NHS number: Including it would put the child at risk of harm." in after
    assert "Held back on the strategy discussion" in after


def test_no_absence_is_recorded_for_a_child_whose_number_is_held(client, sign_in_as) -> None:
    child = PersonFactory()
    health_record(child)
    page_of(client, sign_in_as, child)
    refused = client.post(f"/record/{child.pk}/nhs-number-absence/", {"reason": "tracing"})
    assert refused.status_code == 200
    assert "An NHS number is held for this person" in refused.content.decode()
    assert NhsNumberAbsence.objects.count() == 0


def test_the_latest_recorded_reason_stands() -> None:
    child = PersonFactory()
    NhsNumberAbsenceFactory(person=child, reason="tracing", recorded_at=datetime(2026, 11, 1, tzinfo=UTC))
    NhsNumberAbsenceFactory(person=child, reason="undue_delay", recorded_at=datetime(2026, 11, 20, tzinfo=UTC))
    assert consistent_identifier(child).status == "Not known, and finding it would cause undue delay"


@pytest.mark.parametrize("role", [Role.EARLY_HELP_WORKER, Role.ANALYST, Role.REFERRER])
def test_only_the_mash_records_an_absence_reason(client, sign_in_as, role: str) -> None:
    child = PersonFactory()
    sign_in_as(role)
    assert client.post(f"/record/{child.pk}/nhs-number-absence/", {"reason": "tracing"}).status_code == 403
    assert NhsNumberAbsence.objects.count() == 0


def small_county() -> dict[str, object]:
    """Five children open to social care, and three people who are not, each kept apart for a reason."""
    verified = PersonFactory()
    open_to_social_care(verified)
    health_record(verified)
    looked_after = PersonFactory()
    open_to_social_care(looked_after, "looked_after")
    health_record(looked_after, OTHER_VALID)
    police_only = PersonFactory()
    open_to_social_care(police_only, "child_in_need_plan")
    SourceRecordFactory(person=police_only, system=SourceSystem.POLICE, nhs_number=VALID)
    conflict = PersonFactory()
    open_to_social_care(conflict, "section_47_enquiry")
    health_record(conflict)
    SourceRecordFactory(person=conflict, system=SourceSystem.POLICE, nhs_number=OTHER_VALID)
    absent = PersonFactory()
    open_to_social_care(absent, "assessment")
    NhsNumberAbsenceFactory(person=absent)
    closed = PersonFactory()  # plan ended: not open now
    open_to_social_care(closed, ended=True)
    health_record(closed)
    adult = PersonFactory(kind=PersonKind.ADULT)  # not a child
    open_to_social_care(adult)
    health_record(adult)
    contact_only = PersonFactory()  # a contact never stays open
    open_to_social_care(contact_only, "contact")
    return {"open": [verified, looked_after, police_only, conflict, absent], "verified": [verified, looked_after]}


def test_the_coverage_figure_equals_a_count_by_hand() -> None:
    county = small_county()
    assert children_open_to_social_care() == sorted(p.pk for p in county["open"])
    coverage = nhs_number_coverage()
    assert (coverage.children, coverage.verified, coverage.percent) == (5, 2, 40)


@pytest.mark.parametrize("role", [Role.PRIVACY_OFFICER, Role.ANALYST])
def test_the_coverage_figure_is_on_the_privacy_officers_and_the_analysts_homes(client, sign_in_as, role) -> None:
    small_county()
    sign_in_as(role)
    html = client.get("/").content.decode()
    assert "NHS number coverage" in html
    assert "40%</strong> of children open to children's social care have a verified NHS number: 2 of 5." in html
    assert "How this is counted" in html and "with a correct check digit" in html


def test_with_no_child_open_to_social_care_the_home_says_there_is_no_share(client, sign_in_as) -> None:
    sign_in_as(Role.ANALYST)
    html = client.get("/").content.decode()
    assert "No child is open to children's social care in the records received" in html


def test_the_coverage_figure_is_not_on_a_mash_workers_home(client, sign_in_as) -> None:
    small_county()
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert "NHS number coverage" not in client.get("/").content.decode()


def test_the_mash_sees_a_matched_childs_nhs_number_beside_the_already_known_check(
    client, sign_in_as, linked_county
) -> None:
    record = (
        SourceRecord.objects.filter(system="health", kind="child", person__isnull=False)
        .exclude(postcode="")
        .exclude(nhs_number="")
        .first()
    )
    assert record is not None and record.person is not None
    reference = refer_one(
        adult_name=None,
        first_name=record.first_name,
        last_name=record.last_name,
        date_of_birth=record.date_of_birth,
        postcode=record.postcode,
    )
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    html = unescape(client.get(f"/mash/referrals/{reference}/").content.decode())
    expected = consistent_identifier(record.person)
    assert expected.verified
    assert f"NHS number {expected.formatted}: {expected.status}." in html
    assert 'data-testid="known-nhs-number"' in html


def test_the_subject_access_document_gives_the_reason_and_the_recording_in_words(client, sign_in_as) -> None:
    child = PersonFactory()
    page_of(client, sign_in_as, child)
    client.post(f"/record/{child.pk}/nhs-number-absence/", {"reason": "tracing", "note": "GP asked on Monday."})
    sign_in_as(Role.PRIVACY_OFFICER)
    html = unescape(client.get(f"/record/{child.pk}/subject-access/").content.decode())
    assert "Why the identifier is absent" in html and "Not yet known: tracing requested" in html
    assert "Recorded why the NHS number is absent (allowed)" in html


def test_a_reader_who_sees_no_health_records_is_not_told_which_practice_holds_the_number(client, sign_in_as) -> None:
    child = PersonFactory()
    health_record(child)
    html = page_of(client, sign_in_as, child, role=Role.POLICE_SUPERVISOR)
    assert "NHS number <strong>943 476 5919</strong>: verified by a health record." in html
    assert "Riverside Medical Practice" not in html
