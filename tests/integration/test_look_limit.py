"""Bulk browsing is stopped, not only reported: past the role's limit of different people in a period, the next
record is refused with a clear page, the refusal is audited and the privacy officer alerted."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.models import OutboxMessage
from support.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.FRONTDOOR_LOOK_LIMIT = (3, 300)
    settings.FRONTDOOR_LOOK_LIMIT_BY_ROLE = {"mash_manager": (5, 300)}


def caseload(user, n: int) -> list:
    people = PersonFactory.create_batch(n)
    for person in people:
        access_services.add_to_caseload(person, user=user)
    return people


def test_past_the_limit_the_next_person_is_refused_and_the_privacy_officer_told(client, sign_in_as, limited) -> None:
    officer = UserFactory(roles=[Role.PRIVACY_OFFICER])
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    people = caseload(worker, 5)
    for person in people[:3]:
        assert client.get(f"/record/{person.pk}/").status_code == 200
    stopped = client.get(f"/record/{people[3].pk}/")
    assert stopped.status_code == 429
    assert "may open up to 3 different people's records in 5 minutes" in stopped.content.decode()
    refusal = AccessAudit.objects.get(person=people[3], outcome="denied")
    assert refusal.purpose == "look limit reached"
    assert OutboxMessage.objects.filter(kind="access.look_limit", recipient=officer).count() == 1
    assert client.get(f"/record/{people[0].pk}/").status_code == 200  # one already opened may be opened again
    client.get(f"/record/{people[4].pk}/")
    assert OutboxMessage.objects.filter(kind="access.look_limit").count() == 1  # told once per period
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        client.force_login(worker)
        session = client.session
        session[ACTIVE_ROLE_KEY] = Role.MASH_SOCIAL_WORKER
        session.save()
        assert client.get(f"/record/{people[3].pk}/").status_code == 200  # the period has passed


def test_the_limit_is_per_role_and_configurable(client, sign_in_as, limited) -> None:
    manager = sign_in_as(Role.MASH_MANAGER)
    people = caseload(manager, 6)
    assert [client.get(f"/record/{p.pk}/").status_code for p in people] == [200, 200, 200, 200, 200, 429]


def test_reading_many_summaries_is_stopped_too(client, sign_in_as, limited) -> None:
    """A summary (as CP-IS gives health) counts as a look like any other."""
    health = sign_in_as(Role.MASH_HEALTH)
    people = caseload(health, 4)
    codes = [client.get(f"/record/{p.pk}/").status_code for p in people]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
