"""Who sees family help's families: the family help worker opens the children and adults of the families on the
team's lists, and of their own families, without break-glass; a family with someone else as its lead practitioner
needs break-glass; the early help worker's home counts the lists and links to each."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import Relationship
from frontdoor.access.models import AccessAudit
from frontdoor.access.relationships import find_legitimate_relationship
from frontdoor.access.selectors import NeedsBreakGlass, access_person
from frontdoor.familyhelp.models import FamilyStatus
from frontdoor.familyhelp.relationships import family_help_works_with
from support.factories import PersonFactory, RelationshipFactory, SourceRecordFactory, UserFactory
from support.familyhelp import allocated, on_the_waiting_list, stepped_down
from support.words import visible_text

pytestmark = pytest.mark.django_db


def _people():
    """Ellie, Sonny and their mother Louise, as people the front door knows."""
    ellie = PersonFactory(first_name="Ellie", last_name="Brennan")
    sonny = PersonFactory(first_name="Sonny", last_name="Brennan")
    louise = PersonFactory(first_name="Louise", last_name="Brennan", kind="adult")
    return ellie, sonny, louise


def test_the_team_opens_the_children_and_adults_of_families_on_its_lists_without_break_glass() -> None:
    ellie, sonny, louise = _people()
    family = on_the_waiting_list(stepped_down(link=[ellie, sonny, louise]))
    worker = UserFactory(roles=["early_help_worker"])
    actor = Actor(user=worker, role="early_help_worker", agency=worker.agency)
    seen = access_person(actor, ellie.pk, "family help")
    assert seen.relationship == Relationship.LEGITIMATE
    assert f"child in family help family {family.reference}" in seen.audit.purpose
    assert find_legitimate_relationship(worker, louise, "early_help_worker") == (
        f"adult in family help family {family.reference}"
    )
    # Family help's lists give nothing to a role outside family help (the MASH has its own reasons).
    assert family_help_works_with(UserFactory(roles=["mash_social_worker"]), "mash_social_worker", ellie.pk) is None


def test_a_household_member_and_a_recorded_relative_of_a_child_on_a_list_are_the_teams_to_see() -> None:
    ellie, sonny, _louise = _people()
    family = stepped_down(link=[ellie, sonny])
    grandad = PersonFactory(first_name="Pat", last_name="Brennan", kind="adult")
    RelationshipFactory(person=grandad, relative=ellie, kind="carer")
    lodger = PersonFactory(first_name="Sam", last_name="Lodge", kind="adult")
    for person in (sonny, lodger):
        SourceRecordFactory(person=person, address="27 Mill Row", postcode="ES4 6RT")
    worker = UserFactory(roles=["early_help_worker"])
    assert find_legitimate_relationship(worker, grandad, "early_help_worker") == (
        f"recorded relative of a child in family help family {family.reference}"
    )
    assert find_legitimate_relationship(worker, lodger, "early_help_worker") == (
        f"household of a child in family help family {family.reference}"
    )
    assert find_legitimate_relationship(worker, PersonFactory(), "early_help_worker") is None


def test_an_allocated_family_is_its_lead_practitioners_and_the_managers_not_the_whole_teams() -> None:
    ellie, sonny, louise = _people()
    lead, other = UserFactory(roles=["early_help_worker"]), UserFactory(roles=["early_help_worker"])
    family = allocated(on_the_waiting_list(stepped_down(link=[ellie, sonny, louise])), lead=lead)
    assert family.status == FamilyStatus.ALLOCATED
    assert find_legitimate_relationship(lead, ellie, "early_help_worker") == (
        f"child in family help family {family.reference}"
    )
    assert find_legitimate_relationship(UserFactory(roles=["mash_manager"]), ellie, "mash_manager")
    actor = Actor(user=other, role="early_help_worker", agency=other.agency)
    with pytest.raises(NeedsBreakGlass):
        access_person(actor, ellie.pk, "curious")
    assert AccessAudit.objects.filter(actor=other, person=ellie, outcome="denied").exists()


def test_the_relationship_lasts_the_policys_days_after_family_help_closes() -> None:
    ellie, _sonny, _louise = _people()
    family = stepped_down(link=[ellie])
    worker = UserFactory(roles=["early_help_worker"])
    family.status, family.closed_at = FamilyStatus.CLOSED, timezone.now()
    family.save()
    family.duty_workers.create(worker=worker, named_by=worker, named_at=timezone.now(), ended_at=timezone.now())
    assert find_legitimate_relationship(worker, ellie, "early_help_worker")
    assert find_legitimate_relationship(UserFactory(roles=["early_help_worker"]), ellie, "early_help_worker") is None
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert find_legitimate_relationship(worker, ellie, "early_help_worker") is None


def test_the_early_help_workers_home_counts_the_lists_and_links_to_each(client, sign_in_as) -> None:
    kim = sign_in_as("early_help_worker")
    with time_machine.travel(timezone.now() - timedelta(weeks=6)):
        on_the_waiting_list(stepped_down(), duty=kim)
    on_the_waiting_list(stepped_down("Osei"))
    stepped_down("Hart")
    allocated(on_the_waiting_list(stepped_down("Whitfield")), lead=kim)
    html = client.get("/").content.decode()
    text = re.sub(r" ([,;.:])", r"\1", visible_text(html))  # text nodes meet at links: no space before commas
    assert "1 family on the triage list" in text
    assert "2 families waiting for allocation; the longest wait for a lead practitioner is 6 weeks" in text
    assert "1 family waiting 4 weeks or more" in text
    assert "1 family allocated, 1 to you; you are duty worker for 1 family waiting" in text
    links = set(re.findall(r'href="(/family-help/[^"]*)"', html))
    assert {"/family-help/", "/family-help/waiting/", "/family-help/waiting/alert/", "/family-help/allocated/"} <= links
    assert "/family-help/allocated/?lead=me" in links
    mine = visible_text(client.get("/family-help/allocated/?lead=me").content)
    assert "Your families" in mine and "1 family with you as their family help lead practitioner" in mine
