"""Operation Encompass routed again once identities settle: a child found after the incident was routed (a listed
child or an adult matched later by the already-known check, a relationship a later linkage run recorded) still gets a
notice, due before the school day after they became known and saying so on its timeline; never a second one."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from frontdoor.core.calendars import LONDON
from frontdoor.core.models import Clock, OutboxMessage
from frontdoor.encompass import rerouting, routing, selectors
from frontdoor.encompass.models import NOTICE_SUBJECT, Arrival, Notice, UnmatchedChild
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import ArrivalKind as IntakeArrival
from frontdoor.intake.models import IdentityCheck, IncidentPerson
from frontdoor.people.models import RelationshipKind
from support.encompass import Named, adult, calendar, dsl, enrol, incident, notices_of, police_actor, pupil, school
from support.factories import LinkageRunFactory, RelationshipFactory

pytestmark = pytest.mark.django_db

TUESDAY_NIGHT = datetime(2026, 12, 1, 21, 0, tzinfo=LONDON)
WEDNESDAY_MORNING = datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)  # after Wednesday's school day started
THURSDAY_START = datetime(2026, 12, 3, 8, 30, tzinfo=LONDON)


@pytest.fixture
def millbrook():
    return school("Millbrook Primary School", stored=calendar())


def matched_later(made, position: int, person, at: datetime) -> None:
    """The already-known check on the incident's `position`th person is answered at `at`, linking them."""
    listed = IncidentPerson.objects.filter(incident=made).order_by("id")[position]
    IncidentPerson.objects.filter(pk=listed.pk).update(person=person)
    IdentityCheck.objects.filter(kind=IntakeArrival.INCIDENT_PERSON, subject_id=listed.pk).update(checked_at=at)


def reroute(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return rerouting.reroute_domestic_abuse()


def test_a_listed_child_matched_after_routing_gets_a_notice_due_from_when_they_became_known(millbrook) -> None:
    lead = dsl(millbrook)
    child = pupil(millbrook, address="3 Mill Row")  # not at the adult's address: only the officer's listing finds them
    listed = Named(None, is_child=True, present=True, first_name=child.first_name, last_name=child.last_name)
    made = incident([Named(adult()), listed], at=TUESDAY_NIGHT)
    assert notices_of(child) == []
    task = UnmatchedChild.objects.get()
    matched_later(made, 1, child, WEDNESDAY_MORNING)

    assert reroute(WEDNESDAY_MORNING.replace(second=5)) == 2  # the notice, and MASH education's task closed
    [notice] = notices_of(child)
    assert notice.school == millbrook and notice.child_present is True
    assert notice.found_at == WEDNESDAY_MORNING
    assert notice.due_at == THURSDAY_START  # not Wednesday's start, which had passed before anyone knew of them
    clock = Clock.objects.get(subject_type=NOTICE_SUBJECT, subject_id=str(notice.pk))
    assert (clock.started_at, clock.due_at) == (WEDNESDAY_MORNING, THURSDAY_START)
    steps = [step.what for step in selectors.timeliness(notice).steps]
    assert "Child identified later (the deadline counts from here)" in steps
    assert "Identified after the incident was first passed to schools." in notice.other_information
    assert OutboxMessage.objects.filter(kind="encompass.notice", recipient=lead).exists()
    task.refresh_from_db()
    assert task.resolved_at is not None and task.matched_to == child

    assert reroute(WEDNESDAY_MORNING.replace(minute=5)) == 0  # nothing new: nothing made
    assert Notice.objects.filter(child=child).count() == 1


def test_an_adult_matched_after_routing_brings_the_child_of_their_household(millbrook) -> None:
    mother, child = adult(), pupil(millbrook)  # the same address: one household
    made = incident([Named(None, first_name=mother.first_name, last_name=mother.last_name)], at=TUESDAY_NIGHT)
    assert notices_of(child) == []
    matched_later(made, 0, mother, WEDNESDAY_MORNING)

    assert reroute(WEDNESDAY_MORNING.replace(second=5)) == 1
    [notice] = notices_of(child)
    assert notice.found_at == WEDNESDAY_MORNING and notice.due_at == THURSDAY_START
    assert "Not named by the officer: found as in an adult involved's household." in notice.other_information


def test_a_linkage_run_after_routing_brings_a_child_it_related_to_an_adult(millbrook) -> None:
    father = adult(address="9 Quarry Road")
    child = pupil(millbrook, address="3 Mill Row")
    incident([Named(father)], at=TUESDAY_NIGHT)
    assert reroute(WEDNESDAY_MORNING) == 0  # no news since routing
    RelationshipFactory(person=father, relative=child, kind=RelationshipKind.PARENT)
    LinkageRunFactory(started_at=WEDNESDAY_MORNING, finished_at=WEDNESDAY_MORNING)

    assert reroute(WEDNESDAY_MORNING.replace(minute=1)) == 1
    [notice] = notices_of(child)
    assert notice.found_at == WEDNESDAY_MORNING and notice.due_at == THURSDAY_START
    assert reroute(WEDNESDAY_MORNING.replace(minute=2)) == 0


def test_a_child_already_told_of_is_never_told_again_even_at_a_new_establishment(millbrook) -> None:
    mother, child = adult(), pupil(millbrook)
    made = incident([Named(mother), Named(child, is_child=True)], at=TUESDAY_NIGHT)
    [first] = notices_of(child)
    enrol(child, school("Kiln Lane Academy", stored=calendar("Kiln Lane 2026-27")), status="C", entry_date="2026-12-02")
    matched_later(made, 0, mother, WEDNESDAY_MORNING)  # news about the incident's people, none about this child

    assert reroute(WEDNESDAY_MORNING.replace(second=5)) == 0
    assert notices_of(child) == [first]
    assert Arrival.objects.get().rerouted_at is not None


def test_a_vist_whose_child_is_matched_after_routing_is_routed_again(millbrook) -> None:
    child = pupil(millbrook, address="3 Mill Row")
    with time_machine.travel(TUESDAY_NIGHT.replace(minute=5), tick=False):
        vist, _ = intake_services.receive_vist(
            intake_services.VistData(
                client_id="00000000-0000-4000-8000-000000000091", officer_name="PC Hale", incident_reference="INC-91",
                incident_at=TUESDAY_NIGHT, children_present=True, risk_grade="amber", circumstances="Shouting.",
                child_said="I hid.", domestic_abuse=True,
                persons=[intake_services.PersonData(role="child present", first_name=child.first_name,
                                                    last_name=child.last_name, is_child=True)],
            ),
            actor=police_actor(),
        )  # fmt: skip
    with time_machine.travel(TUESDAY_NIGHT.replace(minute=6), tick=False):  # the check waited for long enough
        assert routing.route_domestic_abuse() == 1
    assert notices_of(child) == []
    vist.persons.update(person=child)
    IdentityCheck.objects.filter(kind=IntakeArrival.VIST_PERSON).update(checked_at=WEDNESDAY_MORNING)

    assert reroute(WEDNESDAY_MORNING.replace(second=5)) == 2  # the notice, and the task for the unmatched child
    [notice] = notices_of(child)
    assert (notice.child_voice, notice.found_at) == ("I hid.", WEDNESDAY_MORNING)
