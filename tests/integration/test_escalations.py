"""Missed deadlines: the worker's escalation links to a page where MASH staff see and acknowledge it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Escalation, Notification
from frontdoor.core.outbox import deliver_due
from frontdoor.intake import services
from frontdoor.intake.models import Referral
from support.arrivals import referral_data, submit
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


def overdue_referral() -> Referral:
    referrer = UserFactory(roles=["referrer"])
    amy = services.ChildData(
        first_name="Amy",
        last_name="Test",
        date_of_birth=timezone.localdate() - timedelta(days=3000),
        wishes_not_obtained_reason="Asleep",
    )
    return submit(referrer, referral_data(amy), role="referrer", received_at=timezone.now() - timedelta(days=10))


def test_a_missed_decision_shows_on_the_escalations_page_and_can_be_acknowledged(client, sign_in_as) -> None:
    manager = sign_in_as("mash_manager")
    referral = overdue_referral()
    assert sweep_due_clocks() == 1
    deliver_due()
    notice = Notification.objects.get(user=manager, subject__startswith="Deadline missed")
    assert notice.link_path.startswith("/mash/escalations/#escalation-")
    html = client.get("/mash/escalations/").content.decode()
    assert f"Referral {referral.reference}" in html and "Acknowledge and decide on a referral" in html
    escalation = Escalation.objects.get()
    response = client.post(f"/mash/escalations/{escalation.pk}/acknowledge/")
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.acknowledged_by == manager and escalation.acknowledged_at is not None
    assert f"Referral {referral.reference}" not in client.get("/mash/escalations/").content.decode()


def test_the_page_is_for_mash_staff_only(client, sign_in_as) -> None:
    sign_in_as("referrer")
    assert client.get("/mash/escalations/").status_code == 403


def test_acknowledging_twice_is_harmless(client, sign_in_as) -> None:
    sign_in_as("mash_social_worker")
    overdue_referral()
    sweep_due_clocks()
    escalation = Escalation.objects.get()
    client.post(f"/mash/escalations/{escalation.pk}/acknowledge/")
    assert client.post(f"/mash/escalations/{escalation.pk}/acknowledge/").status_code == 404


def test_the_mash_home_counts_missed_deadlines(client, sign_in_as) -> None:
    sign_in_as("mash_manager")
    overdue_referral()
    sweep_due_clocks()
    html = client.get("/").content.decode()
    assert "1 missed deadline waiting to be taken in hand" in html
