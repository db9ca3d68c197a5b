"""A police VIST the MASH triages as early help reaches family help's triage list, as a referral decided as early help
does: the children it named, waiting since the triage, taken once; the family's history names the VIST."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access.relationships import find_legitimate_relationship
from frontdoor.core.models import Clock
from frontdoor.familyhelp import stepdown
from frontdoor.familyhelp.clocks import FAMILY_SUBJECT
from frontdoor.familyhelp.models import Family, FamilyStatus, VistStepDown
from frontdoor.mash import services as mash_services
from frontdoor.people.models import PersonKind
from support.factories import PersonFactory, UserFactory, VistFactory, VistPersonFactory
from support.meeting import actor

pytestmark = pytest.mark.django_db


def triaged(outcome: str):
    child = PersonFactory(kind=PersonKind.CHILD, first_name="Ruby", last_name="Marsh")
    vist = VistFactory()
    VistPersonFactory(vist=vist, person=child, first_name="Ruby", last_name="Marsh")
    VistPersonFactory(vist=vist, role="parent", first_name="Dean", last_name="Marsh", is_child=False)
    worker = UserFactory(roles=["mash_social_worker"])
    mash_services.triage_vist(vist, actor=actor(worker, "mash_social_worker"), outcome=outcome, rationale="Known.")
    return vist, child


def test_a_vist_triaged_as_early_help_reaches_the_family_help_triage_list_once(client, sign_in_as) -> None:
    vist, child = triaged("early_help")
    triage_time = vist.mash_triage.triaged_at
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        assert stepdown.take_decisions() == 1
        assert stepdown.take_decisions() == 0
    family = Family.objects.get()
    assert family.status == FamilyStatus.TRIAGE and family.waiting_since == triage_time
    assert [c.name for c in family.children.all()] == ["Ruby Marsh"]  # the children only, not the parent
    assert VistStepDown.objects.get().vist == vist
    assert Clock.objects.get(subject_type=FAMILY_SUBJECT, subject_id=str(family.pk)).started_at == triage_time
    worker = sign_in_as("early_help_worker")
    assert find_legitimate_relationship(worker, child, "early_help_worker") == (
        f"child in family help family {family.reference}"
    )
    listed = unescape(client.get("/family-help/").content.decode())
    assert family.reference in listed and f"Police {vist.reference}" in listed
    page = unescape(client.get(f"/family-help/families/{family.reference}/").content.decode())
    assert "The MASH triaged the police VIST as early help." in page and vist.reference in page


@pytest.mark.parametrize("outcome", ["referral", "strategy_discussion", "no_further_action", "information_shared"])
def test_a_vist_triaged_otherwise_does_not(outcome: str) -> None:
    triaged(outcome)
    assert stepdown.take_decisions() == 0
    assert not Family.objects.exists()
