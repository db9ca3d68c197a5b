"""Operation Encompass: from the incident, every child of the adults involved is found and their establishment told
before the start of its next school day, on its own calendar; the rest goes to the council or to MASH education."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, OutboxChannel, OutboxMessage
from frontdoor.encompass import routing, services
from frontdoor.encompass.models import (
    NOTICE_SUBJECT,
    Arrival,
    Notice,
    NoticeStatus,
    RouteReason,
    UnmatchedChild,
)
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import IdentityCheck
from frontdoor.people.models import RelationshipKind, SchoolPhase
from support.encompass import (
    Named,
    adult,
    calendar,
    dsl,
    enrol,
    incident,
    notices_of,
    police_actor,
    pupil,
    school,
)
from support.factories import RelationshipFactory, UserFactory

pytestmark = pytest.mark.django_db


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def millbrook():
    return school("Millbrook Primary School", stored=calendar())


def _due(child) -> datetime:
    [notice] = notices_of(child)
    clock = Clock.objects.get(subject_type=NOTICE_SUBJECT, subject_id=str(notice.pk))
    assert clock.due_at == notice.due_at
    return notice.due_at.astimezone(LONDON)


# --- Before the start of the next school day, on the establishment's own calendar ----------------------------------


@pytest.mark.parametrize(
    ("what", "at", "due"),
    [
        ("a Friday-night incident: Monday morning", local(2026, 12, 4, 22, 40), local(2026, 12, 7, 8, 30)),
        ("in October half term, across the clock change", local(2026, 10, 23, 21, 0), local(2026, 11, 2, 8, 30)),
        ("in the Christmas holidays: the first day back", local(2026, 12, 23, 1, 15), local(2027, 1, 5, 8, 30)),
        ("before a bank-holiday Monday: Tuesday", local(2027, 4, 30, 19, 0), local(2027, 5, 4, 8, 30)),
        ("at 07:00 on a school day: that morning", local(2026, 12, 8, 7, 0), local(2026, 12, 8, 8, 30)),
        ("at 09:00 on a school day: the next morning", local(2026, 12, 8, 9, 0), local(2026, 12, 9, 8, 30)),
    ],
)
def test_a_notice_is_due_before_the_next_school_day(millbrook, what: str, at: datetime, due: datetime) -> None:
    child = pupil(millbrook)
    incident([Named(adult(), present=None), Named(child, is_child=True, present=True)], at=at)
    assert _due(child) == due, what


def test_a_schools_own_inset_day_moves_only_its_own_deadline(millbrook) -> None:
    own = school("Esterbury Academy", stored=calendar("Academy calendar", inset=(date(2026, 11, 2),)))
    here, there = pupil(millbrook, first_name="Maisie"), pupil(own, first_name="Tyler")
    mother = adult()
    incident([Named(mother), Named(here, is_child=True), Named(there, is_child=True)], at=local(2026, 10, 31, 23, 0))
    assert _due(here) == local(2026, 11, 2, 8, 30)
    assert _due(there) == local(2026, 11, 3, 8, 30)


@override_settings(FRONTDOOR_ENCOMPASS_DAY_START="08:00")
def test_the_start_of_the_school_day_is_a_setting(millbrook) -> None:
    child = pupil(millbrook)
    incident([Named(adult()), Named(child, is_child=True)], at=local(2026, 12, 8, 7, 45))
    assert _due(child) == local(2026, 12, 8, 8, 0)


# --- Which children, and where -----------------------------------------------------------------------------------


def test_a_child_the_officer_did_not_list_but_linked_by_household_gets_a_notice(millbrook) -> None:
    mother = adult(address="14 Kiln Lane")
    listed = pupil(millbrook, first_name="Maisie", address="14 Kiln Lane")
    unlisted = pupil(millbrook, first_name="Tyler", address="14 Kiln Lane")
    elsewhere = pupil(millbrook, first_name="Ruby", address="9 Other Road")
    incident([Named(mother), Named(listed, is_child=True, present=True)])
    assert [n.school for n in notices_of(unlisted)] == [millbrook]
    [notice] = notices_of(unlisted)
    assert notice.child_present is None and "Not named by the officer" in notice.other_information
    assert notices_of(listed)[0].child_present is True
    assert notices_of(elsewhere) == []


def test_a_child_of_a_recorded_relationship_gets_a_notice(millbrook) -> None:
    father = adult(address="1 Away Street")
    child = pupil(millbrook, address="14 Kiln Lane")
    RelationshipFactory(person=father, relative=child, kind=RelationshipKind.PARENT)
    incident([Named(father)])
    assert [n.routed for n in notices_of(child)] == [RouteReason.ESTABLISHMENT]


def test_a_home_educated_child_routes_to_the_council() -> None:
    child = pupil(None)
    enrol_home = pupil(None, first_name="Ivy")
    from support.factories import SourceRecordFactory

    SourceRecordFactory(person=enrol_home, system="education", attributes={"elective_home_education": True})
    incident([Named(adult()), Named(child, is_child=True), Named(enrol_home, is_child=True)])
    assert [(n.school, n.routed) for n in notices_of(enrol_home)] == [(None, RouteReason.HOME_EDUCATED)]
    assert [(n.school, n.routed) for n in notices_of(child)] == [(None, RouteReason.NO_ESTABLISHMENT)]


def test_a_dual_registered_child_goes_to_the_school_where_they_are_a_registered_pupil(millbrook) -> None:
    unit = school("Harefield Learning Centre", phase=SchoolPhase.ALTERNATIVE_PROVISION)
    child = pupil(unit, status="S")
    enrol(child, millbrook, status="M")
    only_there = pupil(unit, status="S", first_name="Olek")
    incident([Named(adult()), Named(child, is_child=True), Named(only_there, is_child=True)])
    assert [n.school for n in notices_of(child)] == [millbrook]
    assert [n.school for n in notices_of(only_there)] == [unit]  # the only establishment they attend


def test_a_child_who_has_left_goes_to_their_new_school(millbrook) -> None:
    old = school("Old School")
    child = pupil(old, status="C")
    enrol(child, old, status="C", leaving_date="2026-07-20")
    child.source_records.filter(attributes__enrol_status="C").exclude(attributes__has_key="leaving_date").delete()
    enrol(child, millbrook, status="C")
    incident([Named(adult()), Named(child, is_child=True)])
    assert [n.school for n in notices_of(child)] == [millbrook]


def test_a_listed_child_nobody_matched_is_a_task_for_mash_education(millbrook) -> None:
    incident([Named(adult()), Named(None, is_child=True, first_name="Kai", last_name="Unfound", school="St Mary's")])
    [task] = UnmatchedChild.objects.all()
    assert (task.first_name, task.school_named) == ("Kai", "St Mary's")
    assert Notice.objects.count() == 0


def test_one_notice_per_child_per_establishment_whatever_the_feeds(millbrook) -> None:
    mother, child = adult(), pupil(millbrook)
    at = timezone.now() - timedelta(hours=3)
    incident([Named(mother), Named(child, is_child=True)], at=at, reference="INC-77")
    police = police_actor()
    vist, _ = intake_services.receive_vist(
        intake_services.VistData(
            client_id="00000000-0000-4000-8000-000000000077", officer_name="PC Hale", incident_reference="INC-77",
            incident_at=at, children_present=True, risk_grade="amber", circumstances="Shouting.",
            child_said="I hid under the bed.", domestic_abuse=True,
            persons=[intake_services.PersonData(role="child present", first_name=child.first_name,
                                                last_name=child.last_name, is_child=True)],
        ),
        actor=police,
    )  # fmt: skip
    vist.persons.update(person=child)
    IdentityCheck.objects.update(checked_at=timezone.now())
    assert routing.route_domestic_abuse() == 1
    assert routing.route_domestic_abuse() == 0
    [notice] = notices_of(child)
    assert notice.vist_at == vist.received_at
    assert Arrival.objects.count() == 2


def test_a_domestic_abuse_vist_with_no_incident_starts_encompass(millbrook) -> None:
    child = pupil(millbrook)
    vist, _ = intake_services.receive_vist(
        intake_services.VistData(
            client_id="00000000-0000-4000-8000-000000000078", officer_name="PC Hale", incident_reference="INC-78",
            incident_at=timezone.now() - timedelta(hours=1), children_present=True, risk_grade="red",
            circumstances="Assault.", child_said="Mummy was crying.", domestic_abuse=True,
            persons=[intake_services.PersonData(role="child present", first_name="A", last_name="B", is_child=True)],
        ),
        actor=police_actor(),
    )  # fmt: skip
    vist.persons.update(person=child)
    assert routing.route_domestic_abuse() == 0  # its person is still being matched
    IdentityCheck.objects.update(checked_at=timezone.now())
    assert routing.route_domestic_abuse() == 1
    [notice] = notices_of(child)
    assert (notice.child_voice, notice.child_present) == ("Mummy was crying.", True)


# --- Delivery, acknowledgement, escalation ---------------------------------------------------------------------------


def test_the_dsl_and_deputies_are_told_in_the_app_and_by_e_mail(millbrook) -> None:
    lead, deputy = dsl(millbrook), dsl(millbrook)
    other_school_lead = dsl(school("Elsewhere School"))
    child = pupil(millbrook)
    incident([Named(adult()), Named(child, is_child=True)])
    messages = OutboxMessage.objects.filter(kind="encompass.notice")
    told = {(m.recipient_id, m.channel) for m in messages if m.recipient_id}
    for user in (lead, deputy):
        assert {(user.pk, OutboxChannel.IN_APP), (user.pk, OutboxChannel.EMAIL)} <= told
    assert other_school_lead.pk not in {r for r, _ in told}
    assert {m.recipient_email for m in messages if m.recipient_email} == {millbrook.dsl_email}
    for message in messages:
        assert child.first_name not in message.subject + message.body
        assert child.last_name not in message.subject + message.body


def test_acknowledging_meets_the_clock_and_a_missed_one_escalates_to_the_council(millbrook) -> None:
    lead = dsl(millbrook)
    officer = UserFactory(roles=["education_safeguarding_officer"])
    first, second = pupil(millbrook, first_name="A"), pupil(millbrook, first_name="B")
    incident([Named(adult()), Named(first, is_child=True), Named(second, is_child=True)], at=local(2026, 12, 4, 22, 0))
    [one], [two] = notices_of(first), notices_of(second)
    actor = Actor(user=lead, role="school_dsl", agency=lead.agency)
    with time_machine.travel(local(2026, 12, 7, 8, 0)):
        services.acknowledge(one, services.Acknowledgement("silent", "Check-in with Mrs Patel."), actor=actor)
    with time_machine.travel(local(2026, 12, 7, 8, 31)):
        sweep_due_clocks()  # the incident's own VIST clock (no VIST was sent) is missed too, by the police
    assert Escalation.objects.filter(clock__subject_type=NOTICE_SUBJECT).count() == 1
    one.refresh_from_db()
    assert one.status == NoticeStatus.ACKNOWLEDGED and one.support == "silent"
    assert Clock.objects.get(subject_id=str(one.pk), subject_type=NOTICE_SUBJECT).state == ClockState.MET
    escalation = Escalation.objects.get(clock__subject_id=str(two.pk))
    assert escalation.notify_role == "education_safeguarding_officer"
    assert OutboxMessage.objects.filter(kind="clock.breached", recipient=officer).exists()
    with pytest.raises(services.NoticeRefused):
        services.acknowledge(one, services.Acknowledgement("overt"), actor=actor)


@override_settings(FRONTDOOR_ENCOMPASS_POLICE_REVIEW=True)
def test_where_the_force_reviews_first_nothing_reaches_the_school_until_released(millbrook) -> None:
    lead = dsl(millbrook)
    reviewer = UserFactory(roles=["mash_police"])
    child = pupil(millbrook)
    incident([Named(adult()), Named(child, is_child=True)])
    [notice] = notices_of(child)
    assert notice.status == NoticeStatus.AWAITING_REVIEW and notice.delivered_at is None
    assert not OutboxMessage.objects.filter(kind="encompass.notice").exists()
    actor = Actor(user=reviewer, role="mash_police", agency=reviewer.agency)
    services.release(notice, actor=actor, edits={"child_whereabouts": "Upstairs bedroom"})
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.child_whereabouts == "Upstairs bedroom"
    assert OutboxMessage.objects.filter(kind="encompass.notice", recipient=lead).exists()


def test_routing_waits_for_the_already_known_check_then_goes_without_it(millbrook) -> None:
    made = incident([Named(adult()), Named(pupil(millbrook), is_child=True)], route=False)
    IdentityCheck.objects.update(checked_at=None)
    now = made.received_at + timedelta(seconds=5)
    assert routing.route_domestic_abuse(now=now) == 0
    assert routing.route_domestic_abuse(now=made.received_at + timedelta(seconds=31)) == 1
