"""Legitimate relationships and break-glass: refused without one, a reason required, time-limited, the privacy
officer alerted with no personal data, and a second person's review. Revocation takes effect on the next request."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.access import selectors, services
from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit, AuditOutcome, BreakGlass, BreakGlassReview
from frontdoor.access.roles import Role
from frontdoor.core.models import OutboxMessage
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import ReferralChild
from frontdoor.mash import services as mash_services
from frontdoor.people.models import AgencyKind
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, IdentifierFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

REASON = "Police have asked for an urgent strategy discussion about this child tonight."


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


@pytest.fixture
def child():
    child = PersonFactory(first_name="Maisie", last_name="Ashdown", date_of_birth=date(2016, 4, 2))
    IdentifierFactory(person=child)
    return child


@pytest.fixture
def privacy_officer():
    return UserFactory(first_name="Val", last_name="Singh", roles=[Role.PRIVACY_OFFICER])


def field_error(html: str, field: str) -> str:
    """The GOV.UK error message shown beside a field (by its id), or ''."""
    match = re.search(rf'<p id="{field}-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split()) if match else ""


def test_a_worker_without_a_relationship_is_refused_and_offered_break_glass(client, sign_in_as, child) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    response = client.get(f"/people/{child.pk}/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "You need a reason to see this record" in html
    assert "Maisie" not in html and "Ashdown" not in html
    row = AccessAudit.objects.get()
    assert (row.action, row.outcome, row.person, row.basis) == ("view_person", AuditOutcome.DENIED, child, "policy")


def test_a_caseload_relationship_opens_the_record(client, sign_in_as, child) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    services.add_to_caseload(child, user=user)
    assert "Maisie Ashdown" in client.get(f"/people/{child.pk}/").content.decode()


def test_a_teams_queue_counts_for_that_team_and_role_only(client, sign_in_as, child) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    services.add_to_caseload(child, agency=user.agency, role=Role.MASH_SOCIAL_WORKER, kind="team_queue")
    assert client.get(f"/people/{child.pk}/").status_code == 200
    colleague_elsewhere = UserFactory(roles=[Role.MASH_SOCIAL_WORKER], agency=AgencyFactory())
    assert not selectors.has_legitimate_relationship(colleague_elsewhere, child, Role.MASH_SOCIAL_WORKER)
    assert not selectors.has_legitimate_relationship(user, child, Role.MASH_MANAGER)


def test_an_ended_relationship_no_longer_counts(child) -> None:
    user = UserFactory(roles=[Role.EARLY_HELP_WORKER])
    relationship = services.add_to_caseload(child, user=user)
    assert selectors.has_legitimate_relationship(user, child, Role.EARLY_HELP_WORKER)
    services.end_relationship(relationship)
    assert not selectors.has_legitimate_relationship(user, child, Role.EARLY_HELP_WORKER)


def test_a_child_on_a_referral_is_the_mashs_to_see_until_thirty_days_after_the_decision(child) -> None:
    referrer = UserFactory(roles=[Role.REFERRER])
    worker = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    maisie = intake_services.ChildData(
        first_name="Maisie", last_name="Ashdown", date_of_birth=date(2016, 4, 2), wishes_and_feelings="At my nan's."
    )
    referral = submit(referrer, referral_data(maisie), role=Role.REFERRER)
    ReferralChild.objects.filter(referral=referral).update(person=child)
    reason = f"child on referral {referral.reference}"
    assert selectors.find_legitimate_relationship(worker, child, Role.MASH_SOCIAL_WORKER) == reason
    assert not selectors.has_legitimate_relationship(worker, child, Role.EARLY_HELP_WORKER)
    mash_services.record_decision(
        referral,
        actor=Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency),
        outcome="advice",
        summary="Advice given to the school.",
    )
    # The worker who decided, and the manager, can open the record they were reading, for the period the policy sets.
    assert selectors.find_legitimate_relationship(worker, child, Role.MASH_SOCIAL_WORKER) == reason
    manager = UserFactory(roles=[Role.MASH_MANAGER])
    assert selectors.find_legitimate_relationship(manager, child, Role.MASH_MANAGER) == reason
    with time_machine.travel(timezone.now() + timedelta(days=29, hours=23)):
        assert selectors.has_legitimate_relationship(worker, child, Role.MASH_SOCIAL_WORKER)
    with time_machine.travel(timezone.now() + timedelta(days=30, minutes=1)):
        assert not selectors.has_legitimate_relationship(worker, child, Role.MASH_SOCIAL_WORKER)


@pytest.mark.parametrize(
    ("reason", "error"),
    [("", "Give your reason for seeing this record now"), ("  just curious  ", "at least 20 characters")],
)
def test_break_glass_needs_a_reason_shown_beside_the_field(client, sign_in_as, child, reason, error) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    response = client.post(f"/access/people/{child.pk}/break-glass/", {"reason": reason})
    html = response.content.decode()
    assert response.status_code == 200
    assert error in field_error(html, "id_reason")
    assert "There is a problem" in html
    assert not BreakGlass.objects.exists() and not OutboxMessage.objects.exists()


def test_break_glass_opens_the_record_for_a_limited_time_and_alerts_without_personal_data(
    client, sign_in_as, child, privacy_officer, settings
) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    response = client.post(
        f"/access/people/{child.pk}/break-glass/", {"reason": REASON, "next": f"/people/{child.pk}/"}
    )
    assert response.status_code == 302 and response["Location"] == f"/people/{child.pk}/"
    grant = BreakGlass.objects.get()
    assert (grant.user, grant.person, grant.role, grant.review) == (user, child, "mash_social_worker", "awaiting")
    assert grant.expires_at - grant.granted_at == timedelta(minutes=settings.FRONTDOOR_BREAK_GLASS_MINUTES)

    html = client.get(f"/people/{child.pk}/").content.decode()
    assert "Maisie Ashdown" in html and f"break-glass access {grant.reference}" in html
    looked = AccessAudit.objects.filter(action="view_person").get()
    assert (looked.outcome, looked.basis, looked.break_glass) == (AuditOutcome.ALLOWED, "break_glass", grant)
    assert AccessAudit.objects.filter(action="break_glass", break_glass=grant).count() == 1

    [alert] = OutboxMessage.objects.filter(kind="access.break_glass")
    assert alert.recipient == privacy_officer and alert.link_path == f"/access/break-glass/{grant.pk}/"
    sent = f"{alert.subject} {alert.body} {alert.link_path}"
    nhs_number = child.identifiers.get().value
    for personal in ("Maisie", "Ashdown", "2016", nhs_number, "strategy discussion", user.last_name):
        assert personal not in sent.replace(f"/{grant.pk}/", "/"), personal

    with time_machine.travel(grant.expires_at + timedelta(seconds=1)):
        act_as(client, user, Role.MASH_SOCIAL_WORKER)
        after = client.get(f"/people/{child.pk}/")
    assert after.status_code == 403 and "Maisie" not in after.content.decode()


def test_roles_that_may_not_break_glass_are_refused(client, sign_in_as, child) -> None:
    sign_in_as(Role.SCHOOL_DSL)
    assert client.post(f"/access/people/{child.pk}/break-glass/", {"reason": REASON}).status_code == 403
    actor_user = UserFactory(roles=[Role.ANALYST])
    with pytest.raises(PermissionDenied):
        services.break_glass(Actor(user=actor_user, role=Role.ANALYST, agency=actor_user.agency), child.pk, REASON)
    assert not BreakGlass.objects.exists()


def _broken_glass(child, role=Role.MASH_SOCIAL_WORKER, user=None) -> BreakGlass:
    user = user or UserFactory(roles=[role])
    return services.break_glass(Actor(user=user, role=role, agency=user.agency), child.pk, REASON)


def test_the_privacy_officer_sees_it_awaiting_review_and_a_second_person_reviews_it(
    client, child, privacy_officer
) -> None:
    grant = _broken_glass(child)
    act_as(client, privacy_officer, Role.PRIVACY_OFFICER)
    listing = client.get("/access/break-glass/").content.decode()
    assert grant.reference in listing and "Awaiting review" in listing
    assert "1 break-glass access is waiting for review" in client.get("/access/reviews/").content.decode()

    page = client.get(f"/access/break-glass/{grant.pk}/").content.decode()
    assert REASON in page
    assert "Access ends" in page and "Access ended" not in page  # still running: it has not ended yet
    with time_machine.travel(grant.expires_at + timedelta(minutes=1)):
        act_as(client, privacy_officer, Role.PRIVACY_OFFICER)
        assert "Access ended" in client.get(f"/access/break-glass/{grant.pk}/").content.decode()
    act_as(client, privacy_officer, Role.PRIVACY_OFFICER)
    missing_note = client.post(f"/access/break-glass/{grant.pk}/", {"outcome": "referred", "note": ""})
    assert "Say why you are referring it" in field_error(missing_note.content.decode(), "id_note")
    assert client.post(f"/access/break-glass/{grant.pk}/", {}).status_code == 200

    done = client.post(f"/access/break-glass/{grant.pk}/", {"outcome": "justified", "note": ""})
    assert done.status_code == 302
    grant.refresh_from_db()
    assert (grant.review, grant.reviewed_by) == (BreakGlassReview.JUSTIFIED, privacy_officer)
    assert grant.reference not in client.get("/access/break-glass/").content.decode()
    again = client.post(f"/access/break-glass/{grant.pk}/", {"outcome": "referred", "note": "Second thoughts"})
    assert again.status_code == 200 and BreakGlass.objects.get().review == BreakGlassReview.JUSTIFIED


def test_nobody_reviews_their_own_break_glass(client, child) -> None:
    manager = UserFactory(roles=[Role.MASH_MANAGER])
    grant = _broken_glass(child, Role.MASH_MANAGER, user=manager)
    act_as(client, manager, Role.MASH_MANAGER)
    page = client.get(f"/access/break-glass/{grant.pk}/").content.decode()
    assert "This is your own break-glass access" in page
    response = client.post(f"/access/break-glass/{grant.pk}/", {"outcome": "justified"})
    assert "cannot review your own" in field_error(response.content.decode(), "id_outcome")
    assert BreakGlass.objects.get().review == BreakGlassReview.AWAITING

    other_manager = UserFactory(roles=[Role.MASH_MANAGER])
    act_as(client, other_manager, Role.MASH_MANAGER)
    response = client.post(f"/access/break-glass/{grant.pk}/", {"outcome": "referred", "note": "Not on the rota."})
    assert response.status_code == 302
    assert BreakGlass.objects.get().review == BreakGlassReview.REFERRED


def test_a_social_worker_cannot_review_break_glass(client, sign_in_as, child) -> None:
    grant = _broken_glass(child)
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert client.get(f"/access/break-glass/{grant.pk}/").status_code == 403


def test_unreviewed_for_over_a_week_shows_as_overdue(client, child, privacy_officer) -> None:
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        grant = _broken_glass(child)
    act_as(client, privacy_officer, Role.PRIVACY_OFFICER)
    assert "Overdue" in client.get("/access/break-glass/").content.decode()
    assert "1 overdue" in client.get("/access/reviews/").content.decode()
    assert grant.review == BreakGlassReview.AWAITING


# --- Revocation takes effect on the next request -----------------------------------------------------------


def test_revoking_the_role_refuses_the_very_next_request(client, sign_in_as, child) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    services.add_to_caseload(child, user=user)
    assert client.get(f"/people/{child.pk}/").status_code == 200
    services.revoke_role(user, Role.MASH_SOCIAL_WORKER)
    response = client.get(f"/people/{child.pk}/")
    assert response.status_code == 302 and "/role/" in response["Location"]


def test_disabling_the_user_signs_them_out_on_the_very_next_request(client, sign_in_as, child) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    services.add_to_caseload(child, user=user)
    assert client.get(f"/people/{child.pk}/").status_code == 200
    services.disable_user(user)
    response = client.get(f"/people/{child.pk}/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert not selectors.has_legitimate_relationship(user, child, Role.MASH_SOCIAL_WORKER)


def test_health_agency_kind_changes_what_a_partner_sees(child) -> None:
    nurse = UserFactory(roles=[Role.PARTNER_RESPONDER], agency=AgencyFactory(kind=AgencyKind.COMMUNITY_HEALTH))
    services.add_to_caseload(child, user=nurse, kind="mash_check")
    access = selectors.access_person(Actor(user=nurse, role=Role.PARTNER_RESPONDER, agency=nurse.agency), child.pk, "t")
    assert access.may("community_health", "edit") and access.may("acute_health", "view_full")
    assert not access.may("acute_health", "edit") and not access.may("sexual_health", "view_summary")
    assert access.summary_categories == ["csc"]


def test_the_privacy_officers_home_counts_break_glass_awaiting_review(client, sign_in_as, child) -> None:
    worker = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    actor = Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency)
    services.break_glass(actor, child.pk, "Urgent call from the hospital about this child tonight.")
    sign_in_as(Role.PRIVACY_OFFICER)
    html = client.get("/").content.decode()
    assert "1 break-glass access waiting for review" in html and 'href="/access/break-glass/"' in html
    assert 'data-testid="unusual-count"' in html
