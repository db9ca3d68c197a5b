"""Honest homes: every role's home shows live work from real queries, and says nothing fixed. On a database where
each thing a home shows exists, no sentence on any home says there is none of something."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.roles import Role
from frontdoor.core import outbox
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Notification
from support import encompass
from support.arrivals import refer
from support.factories import (
    PersonFactory,
    ReviewItemFactory,
    SourceEventFactory,
    SourceParticipationFactory,
    SourceRecordFactory,
    UserFactory,
    VistPersonFactory,
)
from support.missing import report

pytestmark = pytest.mark.django_db

ROLES = [role.value for role in Role]
# A sentence saying something is absent: on a home where everything exists, none may remain.
ABSENCE = re.compile(r"\b(no|none|nothing|not yet|not available|not made any|have not)\b", re.IGNORECASE)


def sentences(html: str) -> list[str]:
    body = html.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"</?(p|li|h[1-6]|td|th|dt|dd|div|label|ul|form)\b[^>]*>", "\n", body)
    said = []
    for block in unescape(re.sub(r"<[^>]+>", " ", body)).split("\n"):
        text = re.sub(r"\s+([,.:;])", r"\1", " ".join(block.split()))
        said.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip())
    return said


def home_of(client, sign_in_as, role: str, make_everything=None) -> list[str]:
    user = sign_in_as(role)
    if make_everything is not None:
        make_everything(user)
    response = client.get("/")
    assert response.status_code == 200
    return sentences(response.content.decode())


def everything(user) -> None:
    """One of each thing any home shows, some of it the user's own."""
    child = {"first_name": "Maisie", "last_name": "Ashdown", "date_of_birth": date(2016, 4, 2)}
    refer(referrer=user, **child)  # the user's own referral (for roles that refer), and one waiting for the MASH
    VistPersonFactory(person=PersonFactory())  # a VIST waiting for triage
    refer(referrer=UserFactory(roles=[Role.SCHOOL_DSL]), adult_name=None, **child)
    encompass.one_of_everything(user)  # a notice to the user's establishment, one to the council, a child unmatched
    sweep_due_clocks(timezone.now() + timedelta(days=10))  # both referrals' decisions are now missed
    ReviewItemFactory()  # a pair waiting for identity review
    worker = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    access_services.break_glass(
        Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency),
        PersonFactory().pk,
        "Police have asked whether this child is known before a visit tonight.",
    )
    report()  # a child missing now
    on_a_plan = SourceEventFactory(system="csc", kind="child_protection_plan")  # for the NHS number coverage
    SourceParticipationFactory(record=SourceRecordFactory(person=PersonFactory(), system="csc"), event=on_a_plan)
    outbox.enqueue(kind="test.notice", dedupe_key=f"home:{user.pk}", recipient=user, subject="Something new")
    outbox.deliver_due()
    assert Notification.objects.filter(user=user, read_at__isnull=True).exists()


@pytest.mark.parametrize("role", ROLES)
def test_where_everything_exists_no_home_says_anything_is_absent(client, sign_in_as, role: str) -> None:
    said = home_of(client, sign_in_as, role, everything)
    absent = [s for s in said if ABSENCE.search(s)]
    assert absent == [], f"{role}'s home says something is absent although it exists"


@pytest.mark.parametrize("role", ROLES)
def test_an_empty_home_says_only_what_its_queries_found(client, sign_in_as, role: str) -> None:
    """With nothing in the database, each "no ..." sentence is a section's live answer; the sentence that replaces
    it once the thing exists proves it came from a query (the test above), so here each must be one we know."""
    said = home_of(client, sign_in_as, role)
    known_answers = {
        "There are no referrals or VISTs waiting for triage.",
        "You have not made any referrals.",
        "There are no break-glass accesses waiting for review.",
        "You have no new notifications.",
        "No Operation Encompass notifications are waiting for your acknowledgement.",
        "No notifications routed to the council are waiting for your acknowledgement.",
        "No child is open to children's social care in the records received, so there is no share to give.",
    }
    absent = [s for s in said if ABSENCE.search(s)]
    assert set(absent) <= known_answers, f"{role}: {set(absent) - known_answers}"


def test_the_homes_show_live_counts_that_link_to_their_lists(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_MANAGER)
    everything(user)
    html = client.get("/").content.decode()
    assert 'href="/mash/"' in html and 'href="/mash/escalations/"' in html and 'href="/mash/review/"' in html
    assert 'href="/access/break-glass/"' in html  # a manager reviews break-glass too
    text = " ".join(sentences(html))
    assert "3 items waiting for triage: 2 referrals and 1 VIST, 2 overdue" in text


def test_the_scrutineer_and_the_manager_find_the_scorecard_on_their_homes(client, sign_in_as) -> None:
    """This month's contacts so far, as each may see the number: exact for the manager, suppressed for the
    scrutineer (one contact is fewer than the small-number threshold)."""
    refer(first_name="Maisie", last_name="Ashdown", date_of_birth=date(2016, 4, 2))
    sign_in_as(Role.STRATEGIC_LEADER)
    html = client.get("/").content.decode()
    assert 'href="/reports/scorecard/"' in html
    said = " ".join(sentences(html))
    assert "See the scorecard: fewer than 5 contacts so far this month" in said
    assert "Follow the front door's figures on the scorecard" in said
    sign_in_as(Role.MASH_MANAGER)
    said = " ".join(sentences(client.get("/").content.decode()))
    assert "See the scorecard: 1 contact so far this month" in said
