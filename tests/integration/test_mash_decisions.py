"""The decision loop: a referral in the MASH triage queue, picked up, decided, and the outcome back to the referrer."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.models import Clock, OutboxMessage
from frontdoor.intake import services
from frontdoor.intake.models import Referral, ReferralStatus
from frontdoor.mash.models import Decision
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


@pytest.fixture
def referrer():
    return UserFactory(first_name="Dana", last_name="Hollis", roles=[Role.SCHOOL_DSL, Role.REFERRER])


@pytest.fixture
def social_worker():
    return UserFactory(first_name="Sam", last_name="Okafor", roles=[Role.MASH_SOCIAL_WORKER])


def refer(referrer, *, received_at=None, first_name: str = "Ama") -> Referral:
    return submit(
        referrer,
        referral_data(
            services.ChildData(
                first_name=first_name,
                last_name="Mensah",
                date_of_birth=date(2016, 3, 1),
                wishes_and_feelings="I want mum to stop shouting.",
            ),
            services.ChildData(
                first_name="Kofi",
                last_name="Mensah",
                date_of_birth=date(2022, 6, 1),
                wishes_not_obtained_reason="Too young to say.",
            ),
            referrer_confidential=True,
            parents_informed=False,
            parents_not_informed_reason="It could increase the risk.",
        ),
        received_at=received_at,
    )


def queue_rows(html: str) -> dict[str, str]:
    """Each row of the triage queue's table, by reference."""
    rows = html.split('data-testid="queue-row" data-reference="')[1:]
    assert rows, "the queue shows no rows"
    return {row.split('"', 1)[0]: row.split("</tr>", 1)[0] for row in rows}


def test_the_queue_lists_referrals_soonest_due_first_with_their_deadlines(client, referrer, social_worker) -> None:
    newer = refer(referrer, first_name="Newer")
    older = refer(referrer, received_at=timezone.now() - timedelta(days=10), first_name="Older")
    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)

    html = unescape(client.get("/mash/").content.decode())
    assert html.index(older.reference) < html.index(newer.reference)
    rows = queue_rows(html)
    assert "Older Mensah, Kofi Mensah" in " ".join(rows[older.reference].split())
    assert "Overdue" in rows[older.reference] and "overdue" in rows[older.reference]  # the ten-day-old one
    assert "Overdue" not in rows[newer.reference] and " left" in rows[newer.reference]  # the new one has time
    home = " ".join(unescape(client.get("/").content.decode()).split())
    assert "2 items waiting for triage</a>: " in home and ">1 overdue</a>" in home
    assert 'href="/mash/"' in home and 'href="/mash/?overdue=yes"' in home


def test_opening_a_referral_as_a_social_worker_starts_screening(client, referrer, social_worker) -> None:
    referral = refer(referrer)
    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)

    html = unescape(client.get(f"/mash/referrals/{referral.reference}/").content.decode())
    assert "I want mum to stop shouting." in html and "Too young to say." in html
    assert "The referrer asked that the family are not told who made this referral." in html
    assert "Consent dispensed with: risk of significant harm" in html and "Asking would increase the risk." in html
    assert "Record the decision" in html
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SCREENING
    assert AccessAudit.objects.filter(action="view_referral", actor=social_worker).count() == 1
    assert AccessAudit.objects.filter(action="start_screening", purpose=referral.reference).count() == 1

    act_as(client, referrer, Role.SCHOOL_DSL)
    assert "Being screened" in client.get("/referrals/").content.decode()
    assert "Being screened" in client.get("/").content.decode()


def test_mash_police_can_read_but_not_decide(client, referrer) -> None:
    referral = refer(referrer)
    act_as(client, UserFactory(roles=[Role.MASH_POLICE]), Role.MASH_POLICE)

    page = client.get(f"/mash/referrals/{referral.reference}/")
    assert page.status_code == 200 and "Record the decision" not in page.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED  # only someone who can decide picks it up
    assert client.get(f"/mash/referrals/{referral.reference}/decision/").status_code == 403
    response = client.post(
        f"/mash/referrals/{referral.reference}/decision/", {"outcome": "nfa", "decision_summary": "x"}
    )
    assert response.status_code == 403
    assert not Decision.objects.filter(referral=referral).exists()


def test_recording_a_decision_tells_the_referrer_and_meets_the_clock(client, referrer, social_worker) -> None:
    referral = refer(referrer)
    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)
    client.get(f"/mash/referrals/{referral.reference}/")

    response = client.post(
        f"/mash/referrals/{referral.reference}/decision/",
        {"outcome": "early_help", "decision_summary": "Early help offered: family support worker to visit."},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/mash/"
    html = response.content.decode()
    assert f"Decision recorded on referral {referral.reference}: Early help." in html
    assert "govuk-notification-banner--success" in html
    assert "0 items waiting for triage" in html and "queue-row" not in html
    referral.refresh_from_db()
    decision = Decision.objects.get(referral=referral)
    assert referral.status == ReferralStatus.DECIDED and decision.outcome == "early_help"
    assert decision.decided_by == social_worker
    clock = Clock.objects.get(subject_type="intake.referral", subject_id=str(referral.pk))
    assert clock.state == "met" and clock.closed_at == decision.decided_at
    assert OutboxMessage.objects.filter(kind="referral.decided", recipient=referrer).count() == 1

    act_as(client, referrer, Role.SCHOOL_DSL)
    mine = client.get("/referrals/").content.decode()
    assert "Decision made" in mine and "Early help" in mine
    detail = client.get(f"/referrals/{referral.reference}/").content.decode()
    assert "Early help offered: family support worker to visit." in detail and "Decision made" in detail

    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)
    again = client.get(f"/mash/referrals/{referral.reference}/decision/", follow=True)
    assert "A decision has already been recorded" in again.content.decode()


def test_the_decision_form_needs_an_outcome_and_a_summary(client, referrer, social_worker) -> None:
    referral = refer(referrer)
    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)
    response = client.post(f"/mash/referrals/{referral.reference}/decision/", {"outcome": "bogus"})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Record the decision" in html
    assert 'id="id_outcome-error"' in html and "Select the outcome of the referral" in html
    assert 'id="id_decision_summary-error"' in html and "Enter a summary of the decision" in html
    assert not Decision.objects.filter(referral=referral).exists()


def test_a_referrer_cannot_open_the_queue_or_a_referral_there(client, referrer) -> None:
    referral = refer(referrer)
    act_as(client, referrer, Role.SCHOOL_DSL)
    assert client.get("/mash/").status_code == 403
    assert client.get(f"/mash/referrals/{referral.reference}/").status_code == 403
    assert client.get(f"/mash/referrals/{referral.reference}/decision/").status_code == 403


def test_an_unknown_reference_is_not_found(client, social_worker) -> None:
    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)
    assert client.get("/mash/referrals/FD-0000-0000/").status_code == 404
    assert client.get("/mash/referrals/FD-0000-0000/decision/").status_code == 404


def test_vists_waiting_for_triage_are_listed_read_only(client, social_worker) -> None:
    api_client, _ = access_services.create_api_client(
        "police", AgencyFactory(name="Esterbury Constabulary", kind="police"), ["vists:write"]
    )
    vist, _ = services.receive_vist(
        services.VistData(
            client_id=uuid.uuid4(),
            officer_name="PC Test",
            incident_reference="INC-1",
            incident_at=timezone.now() - timedelta(hours=2),
            children_present=True,
            risk_grade="amber",
            circumstances="Shouting heard.",
            persons=[services.PersonData(role="child present", first_name="Ama", last_name="Mensah", is_child=True)],
        ),
        actor=Actor(user=None, role=None, agency=api_client.agency, api_client=api_client),
    )
    act_as(client, social_worker, Role.MASH_SOCIAL_WORKER)
    html = client.get("/mash/").content.decode()
    row = queue_rows(html)[vist.reference]
    assert "Amber" in row and "govuk-tag--orange" in row and "Ama Mensah" in row
    home = " ".join(client.get("/").content.decode().split())
    assert "1 item waiting for triage</a>: " in home and ">1 VIST</a>" in home
