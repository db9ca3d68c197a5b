"""Dormant accounts are disabled by the worker (reliability promise 10: accounts idle past N days auto-disabled; the
Hackney lesson): with the clock advanced, an account with no sign-in for the period loses access on its next
request; one in use, new, or just enabled again by an administrator keeps it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access.dormancy import disable_dormant_accounts
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from frontdoor.core.registry import list_jobs
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_accounts_idle_past_the_period_are_disabled_and_no_others(settings) -> None:
    assert settings.FRONTDOOR_DORMANT_ACCOUNT_DAYS == 90
    now = timezone.now()
    idle = UserFactory(last_login=now - timedelta(days=91), date_joined=now - timedelta(days=400))
    active = UserFactory(last_login=now - timedelta(days=10), date_joined=now - timedelta(days=400))
    never_signed_in = UserFactory(last_login=None, date_joined=now - timedelta(days=91))
    new = UserFactory(last_login=None, date_joined=now - timedelta(days=5))
    enabled_again = UserFactory(last_login=now - timedelta(days=200), date_joined=now - timedelta(days=400))
    User.objects.filter(pk=enabled_again.pk).update(is_active=False)
    enabled_again.refresh_from_db()
    enabled_again.is_active = True
    enabled_again.save()  # an administrator enables the account: a fresh period from today
    assert enabled_again.reactivated_at is not None

    assert disable_dormant_accounts() == 2
    still_active = set(User.objects.filter(is_active=True).values_list("pk", flat=True))
    assert still_active == {active.pk, new.pk, enabled_again.pk}
    assert {idle.pk, never_signed_in.pk}.isdisjoint(still_active)
    assert disable_dormant_accounts() == 0


def test_with_the_clock_advanced_a_signed_in_user_loses_access_on_the_next_request(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    assert client.get("/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert disable_dormant_accounts() == 0
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert disable_dormant_accounts() == 1
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_the_period_is_configurable_and_zero_disables_nothing(settings) -> None:
    UserFactory(last_login=timezone.now() - timedelta(days=40), date_joined=timezone.now() - timedelta(days=400))
    settings.FRONTDOOR_DORMANT_ACCOUNT_DAYS = 0
    assert disable_dormant_accounts() == 0
    settings.FRONTDOOR_DORMANT_ACCOUNT_DAYS = 30
    assert disable_dormant_accounts() == 1


def test_the_worker_runs_it_hourly() -> None:
    jobs = {job.name: job for job in list_jobs()}
    assert jobs["disable_dormant_accounts"].run is disable_dormant_accounts
    assert jobs["disable_dormant_accounts"].every_seconds == 3600
