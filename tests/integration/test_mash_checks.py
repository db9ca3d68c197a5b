"""MASH checks: asked from a referral or VIST under screening, answered by each agency on its own queue, on the
clock (reminded before due, escalated when missed), shown on the case at once, and timed for the scorecards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import unescape

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.relationships import find_legitimate_relationship
from frontdoor.access.roles import Role
from frontdoor.config import mash as settings_module
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import RULES, Unit, start_clock, sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, OutboxMessage
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash import checks_selectors, checks_services
from frontdoor.mash import services as mash_services
from frontdoor.mash.checks_clocks import CHECK_RULE_CODES, CHECK_SUBJECT, check_rules
from frontdoor.mash.models import CheckStatus, MashCheck
from frontdoor.people.models import AgencyKind
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, PersonFactory, UserFactory, VistFactory, VistPersonFactory

pytestmark = pytest.mark.django_db


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.fixture
def police():
    return AgencyFactory(name="Esterbury Constabulary", kind=AgencyKind.POLICE)


@pytest.fixture
def health():
    return AgencyFactory(name="Esterbury Hospitals NHS Trust", kind=AgencyKind.ACUTE_HOSPITAL)


@pytest.fixture
def social_worker():
    return UserFactory(first_name="Sam", last_name="Okafor", roles=[Role.MASH_SOCIAL_WORKER])


@pytest.fixture
def child():
    return PersonFactory(first_name="Maisie", last_name="Ashdown", date_of_birth=date(2014, 6, 11))


@pytest.fixture
def referral(child) -> Referral:
    referrer = UserFactory(roles=[Role.SCHOOL_DSL])
    made = submit(
        referrer,
        referral_data(
            intake_services.ChildData(
                first_name="Maisie", last_name="Ashdown", date_of_birth=date(2014, 6, 11), wishes_and_feelings="Sad."
            ),
            adults=[intake_services.AdultData(name="Claire Ashdown", relationship="Mother")],
        ),
    )
    made.children.update(person=child)
    return made


def sw_actor(user) -> Actor:
    return Actor(user=user, role=Role.MASH_SOCIAL_WORKER, agency=user.agency)


def responder_actor(user, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def ask(item, user, *agencies, priority: str = "amber", question: str = "Any contact in the last year?"):
    people = [p.key for p in checks_selectors.list_people_on_item(item)]
    return checks_services.request_checks(
        item, actor=sw_actor(user), agencies=list(agencies), people=people, question=question, priority=priority
    )


def clock_of(check: MashCheck) -> Clock:
    return Clock.objects.get(subject_type=CHECK_SUBJECT, subject_id=str(check.pk))


# --- asking -----------------------------------------------------------------------------------------------------


def test_asking_two_agencies_makes_one_check_each_on_its_clock_and_tells_only_that_agencys_responders(
    referral, social_worker, police, health, child
) -> None:
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    nurse = UserFactory(agency=health, roles=[Role.PARTNER_RESPONDER])
    UserFactory(agency=health, roles=[Role.REFERRER])  # not a responder: not told
    before = timezone.now()
    checks = ask(referral, social_worker, police, health, priority="red")
    assert [c.agency for c in checks] == [police, health]
    for check in checks:
        assert check.reference.startswith("MC-") and check.status == CheckStatus.OPEN
        assert [(p.name, p.described_as, p.person_id) for p in check.people.all()] == [
            ("Maisie Ashdown", "child", child.pk),
            ("Claire Ashdown", "mother", None),
        ]
        clock = clock_of(check)
        # A check to the police runs on the police's own rule, escalating to their supervisor; the same hours.
        assert clock.rule == ("mash.check.red.police" if check.agency == police else "mash.check.red")
        assert clock.state == ClockState.RUNNING
        assert before <= check.requested_at <= clock.due_at and check.remind_at <= clock.due_at
    told = OutboxMessage.objects.filter(kind="mash_check.requested")
    assert sorted(m.recipient_id for m in told) == sorted([officer.pk, nurse.pk])
    assert all("Maisie" not in m.subject + m.body for m in told)  # no personal data in a notification
    assert AccessAudit.objects.filter(action="request_mash_check", actor_id=social_worker.pk).count() == 2


def test_asking_again_with_the_same_question_while_open_changes_nothing(referral, social_worker, police) -> None:
    first = ask(referral, social_worker, police)
    again = ask(referral, social_worker, police)
    assert (
        again == first
        and MashCheck.objects.count() == 1
        and Clock.objects.filter(rule__startswith="mash.check").count() == 1
    )


def test_checks_are_asked_while_screening_not_after_the_decision(referral, social_worker, police) -> None:
    mash_services.record_decision(referral, actor=sw_actor(social_worker), outcome="nfa", summary="No concerns.")
    with pytest.raises(checks_services.CheckRefused, match="already been decided"):
        ask(referral, social_worker, police)


def test_a_check_from_a_vist_asks_about_its_people(social_worker, police) -> None:
    vist = VistFactory()
    VistPersonFactory(vist=vist, first_name="Ruby", last_name="Ashdown", role="child present")
    VistPersonFactory(vist=vist, first_name="Darren", last_name="Ashdown", role="suspect", is_child=False)
    (check,) = ask(vist, social_worker, police, priority="green")
    assert check.vist == vist and check.item_reference == vist.reference
    assert [(p.name, p.is_child) for p in check.people.all()] == [("Ruby Ashdown", True), ("Darren Ashdown", False)]


def test_the_children_services_own_team_is_not_asked(referral, social_worker) -> None:
    csc = AgencyFactory(name="Esterbury Children's Social Care", kind=AgencyKind.CHILDRENS_SOCIAL_CARE)
    assert csc not in checks_selectors.list_agencies_to_ask()
    with pytest.raises(checks_services.CheckRefused):
        ask(referral, social_worker, csc)


# --- answering --------------------------------------------------------------------------------------------------


def test_an_answer_meets_the_clock_tells_the_worker_and_cannot_be_given_twice(referral, social_worker, police) -> None:
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    (check,) = ask(referral, social_worker, police)
    answer = checks_services.Answer(known="Two call-outs in 2026.", risks="Father violent.", child_voice="Scared.")
    done = checks_services.answer_check(check, answer, actor=responder_actor(officer, Role.MASH_POLICE))
    assert (
        done.status == CheckStatus.ANSWERED and done.answered_by == officer and done.known == "Two call-outs in 2026."
    )
    clock = clock_of(check)
    assert clock.state == ClockState.MET and not clock.met_late
    assert OutboxMessage.objects.get(kind="mash_check.answered").recipient == social_worker
    with pytest.raises(checks_services.CheckRefused, match="already been answered"):
        checks_services.answer_check(check, answer, actor=responder_actor(officer, Role.MASH_POLICE))


def test_another_agency_cannot_answer_and_an_answer_needs_words(referral, social_worker, police, health) -> None:
    nurse = UserFactory(agency=health, roles=[Role.PARTNER_RESPONDER])
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    (check,) = ask(referral, social_worker, police)
    with pytest.raises(checks_services.CheckRefused, match="Only the agency asked"):
        checks_services.answer_check(
            check, checks_services.Answer(known="x"), actor=responder_actor(nurse, "partner_responder")
        )
    with pytest.raises(checks_services.CheckRefused, match="or decline with a reason"):
        checks_services.answer_check(check, checks_services.Answer(), actor=responder_actor(officer, Role.MASH_POLICE))
    declined = checks_services.answer_check(
        check,
        checks_services.Answer(decline_reason="No record held."),
        actor=responder_actor(officer, Role.MASH_POLICE),
    )
    assert declined.status == CheckStatus.DECLINED and clock_of(check).state == ClockState.MET


# --- pages: each agency its own queue ---------------------------------------------------------------------------


def test_each_responder_sees_only_their_own_agencys_checks(
    client, sign_in_as, referral, social_worker, police, health
) -> None:
    police_check, health_check = ask(referral, social_worker, police, health)
    sign_in_as(Role.PARTNER_RESPONDER, agency=health)
    page = client.get("/mash/checks/").content.decode()
    assert health_check.reference in page and police_check.reference not in page
    assert client.get(f"/mash/checks/{police_check.reference}/").status_code == 404
    assert client.get(f"/mash/checks/{police_check.reference}/answer/").status_code == 404
    assert client.get(f"/mash/checks/{health_check.reference}/").status_code == 200
    home = client.get("/").content.decode()
    assert (
        "MASH checks for your agency" in home
        and "1 MASH check waiting for Esterbury Hospitals NHS Trust" in unescape(home)
    )


def test_a_mash_police_officer_answers_on_the_web_and_the_answer_is_on_the_referral_at_once(
    client, sign_in_as, referral, social_worker, police
) -> None:
    (check,) = ask(referral, social_worker, police)
    sign_in_as(Role.MASH_POLICE, agency=police)
    form = client.get(f"/mash/checks/{check.reference}/answer/")
    assert form.status_code == 200 and "Maisie Ashdown" in form.content.decode()
    refused = client.post(f"/mash/checks/{check.reference}/answer/", {"answer": "answer"})
    assert "Enter what your agency knows" in refused.content.decode()
    refused = client.post(f"/mash/checks/{check.reference}/answer/", {"answer": "decline"})
    assert "Enter why your agency cannot answer" in refused.content.decode()
    sent = client.post(
        f"/mash/checks/{check.reference}/answer/",
        {"answer": "answer", "known": "Called to the address twice in May.", "strengths": "Nan is protective."},
    )
    assert sent.status_code == 302 and sent["Location"] == "/mash/checks/"
    client.force_login(social_worker)
    session = client.session
    session[ACTIVE_ROLE_KEY] = Role.MASH_SOCIAL_WORKER
    session.save()
    page = unescape(client.get(f"/mash/referrals/{referral.reference}/").content.decode())
    assert "Called to the address twice in May." in page and "Nan is protective." in page
    assert "Esterbury Constabulary" in page


def test_the_decision_page_shows_which_checks_are_outstanding(client, sign_in_as, referral, police, health) -> None:
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    police_check, _ = ask(referral, worker, police, health)
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    checks_services.answer_check(
        police_check, checks_services.Answer(known="Nothing known."), actor=responder_actor(officer, Role.MASH_POLICE)
    )
    page = unescape(client.get(f"/mash/referrals/{referral.reference}/decision/").content.decode())
    warning = page.split('data-testid="outstanding-checks"')[1].split("</div>")[0]
    assert "1 MASH check still outstanding: Esterbury Hospitals NHS Trust" in warning


def test_a_worker_asks_from_the_referral_page(client, sign_in_as, referral, police, health) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    page = client.get(f"/mash/referrals/{referral.reference}/checks/")
    assert page.status_code == 200
    people = [p.key for p in checks_selectors.list_people_on_item(referral)]
    refused = client.post(f"/mash/referrals/{referral.reference}/checks/", {"people": people, "priority": "red"})
    assert "Select the agencies to ask" in refused.content.decode()
    sent = client.post(
        f"/mash/referrals/{referral.reference}/checks/",
        {"agencies": [str(police.pk)], "people": people[:1], "question": "Known to you?", "priority": "red"},
    )
    assert sent.status_code == 302
    (check,) = MashCheck.objects.all()
    assert check.priority == "red" and [p.name for p in check.people.all()] == ["Maisie Ashdown"]
    assert "Ask partner agencies" in client.get(f"/mash/referrals/{referral.reference}/").content.decode()


def test_a_partner_who_does_not_answer_checks_is_refused_the_queue(client, sign_in_as) -> None:
    sign_in_as(Role.REFERRER)
    assert client.get("/mash/checks/").status_code == 403


# --- the responder's relationship with the people asked about -----------------------------------------------------


def test_a_responder_may_open_the_records_a_check_asks_about_and_no_others(
    referral, social_worker, health, child
) -> None:
    nurse = UserFactory(agency=health, roles=[Role.PARTNER_RESPONDER])
    other_nurse = UserFactory(agency=AgencyFactory(kind=AgencyKind.COMMUNITY_HEALTH), roles=[Role.PARTNER_RESPONDER])
    stranger = PersonFactory()
    assert find_legitimate_relationship(nurse, child, Role.PARTNER_RESPONDER) is None
    (check,) = ask(referral, social_worker, health)
    assert (
        find_legitimate_relationship(nurse, child, Role.PARTNER_RESPONDER)
        == f"asked about in MASH check {check.reference}"
    )
    assert find_legitimate_relationship(nurse, stranger, Role.PARTNER_RESPONDER) is None
    assert find_legitimate_relationship(other_nurse, child, Role.PARTNER_RESPONDER) is None
    assert find_legitimate_relationship(nurse, child, Role.REFERRER) is None  # roles never merge
    checks_services.answer_check(
        check, checks_services.Answer(known="Seen in ED."), actor=responder_actor(nurse, "partner_responder")
    )
    assert find_legitimate_relationship(nurse, child, Role.PARTNER_RESPONDER)  # kept a while after the answer
    MashCheck.objects.filter(pk=check.pk).update(answered_at=timezone.now() - timedelta(days=31))
    assert find_legitimate_relationship(nurse, child, Role.PARTNER_RESPONDER) is None


def test_the_responder_opens_the_childs_record_without_break_glass(
    client, sign_in_as, referral, social_worker, health, child
) -> None:
    (check,) = ask(referral, social_worker, health)
    sign_in_as(Role.PARTNER_RESPONDER, agency=health)
    link = f"/record/{child.pk}/?agency=Health#chronology"  # straight to what the hospital's agency kind holds
    assert f'href="{link}"' in unescape(client.get(f"/mash/checks/{check.reference}/").content.decode())
    page = client.get(link.split("#")[0])
    assert page.status_code == 200 and "Maisie" in page.content.decode()
    assert AccessAudit.objects.filter(person_id=child.pk, basis="relationship").exists()


# --- reminders and escalation ------------------------------------------------------------------------------------


def test_responders_are_reminded_once_when_three_quarters_of_the_time_has_gone(referral, social_worker, police) -> None:
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    (check,) = ask(referral, social_worker, police, priority="red")
    assert checks_services.remind_due_checks(now=check.remind_at - timedelta(minutes=1)) == 0
    assert checks_services.remind_due_checks(now=check.remind_at) == 1
    reminder = OutboxMessage.objects.get(kind="mash_check.reminder")
    assert reminder.recipient == officer and check.reference in reminder.body
    assert checks_services.remind_due_checks(now=check.remind_at + timedelta(hours=1)) == 0


def test_an_answered_check_is_never_reminded(referral, social_worker, police) -> None:
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    (check,) = ask(referral, social_worker, police)
    checks_services.answer_check(
        check, checks_services.Answer(known="None."), actor=responder_actor(officer, Role.MASH_POLICE)
    )
    assert checks_services.remind_due_checks(now=check.remind_at + timedelta(days=1)) == 0


def test_a_missed_check_escalates_to_the_mash_manager_and_says_what_it_is(referral, social_worker, health) -> None:
    manager = UserFactory(roles=[Role.MASH_MANAGER])
    (check,) = ask(referral, social_worker, health, priority="red")
    clock = clock_of(check)
    assert sweep_due_clocks(now=clock.due_at + timedelta(minutes=1)) >= 1
    escalation = Escalation.objects.get(clock=clock)
    assert escalation.notify_role == "mash_manager"
    told = OutboxMessage.objects.get(kind="clock.breached", recipient=manager)
    assert (
        told.subject
        == f"Deadline missed: Answer to the MASH check to Esterbury Hospitals NHS Trust on {referral.reference}"
    )


def test_a_missed_check_to_the_police_escalates_to_the_police_supervisor(referral, social_worker, police) -> None:
    manager = UserFactory(roles=[Role.MASH_MANAGER])
    supervisor = UserFactory(agency=police, roles=[Role.POLICE_SUPERVISOR])
    (check,) = ask(referral, social_worker, police, priority="red")
    clock = clock_of(check)
    assert sweep_due_clocks(now=clock.due_at + timedelta(minutes=1)) >= 1
    assert Escalation.objects.get(clock=clock).notify_role == "police_supervisor"
    told = OutboxMessage.objects.get(kind="clock.breached", recipient=supervisor)
    assert (
        told.subject == f"Deadline missed: Answer to the MASH check to Esterbury Constabulary on {referral.reference}"
    )
    assert told.link_path == "/"  # their home lists their force's missed checks
    assert not OutboxMessage.objects.filter(kind="clock.breached", recipient=manager).exists()


def test_another_forces_supervisors_are_not_told_of_a_missed_check(referral, social_worker, police) -> None:
    other_force = AgencyFactory(kind=AgencyKind.POLICE, name="Wexmoor Police")
    ours = UserFactory(agency=police, roles=[Role.POLICE_SUPERVISOR])
    theirs = UserFactory(agency=other_force, roles=[Role.POLICE_SUPERVISOR])
    (check,) = ask(referral, social_worker, police, priority="red")
    clock = clock_of(check)
    assert sweep_due_clocks(now=clock.due_at + timedelta(minutes=1)) >= 1
    told = set(OutboxMessage.objects.filter(kind="clock.breached").values_list("recipient_id", flat=True))
    assert ours.pk in told and theirs.pk not in told


def test_the_police_supervisors_home_lists_their_forces_missed_checks_without_what_they_ask(
    client, sign_in_as, referral, social_worker, police, health
) -> None:
    (late,) = ask(referral, social_worker, police, priority="red")
    (to_health,) = ask(referral, social_worker, health, priority="red")
    for check in (late, to_health):
        sweep_due_clocks(now=clock_of(check).due_at + timedelta(minutes=1))
    sign_in_as(Role.POLICE_SUPERVISOR, agency=police)
    page = unescape(client.get("/").content.decode())
    assert "MASH checks to your agency past their deadline" in page
    assert late.reference in page and "Overdue" in page
    assert to_health.reference not in page
    assert "Maisie" not in page  # what the check asks is the responders' to read
    sign_in_as(Role.POLICE_SUPERVISOR, agency=health)
    assert "past their deadline" not in client.get("/").content.decode()


def test_the_check_page_says_who_is_told_when_it_is_missed(
    client, sign_in_as, referral, social_worker, police, health
) -> None:
    (to_police,) = ask(referral, social_worker, police)
    (to_health,) = ask(referral, social_worker, health)
    sign_in_as(Role.MASH_POLICE, agency=police)
    assert "the police supervisor is told" in client.get(f"/mash/checks/{to_police.reference}/").content.decode()
    sign_in_as(Role.PARTNER_RESPONDER, agency=health)
    assert "the MASH manager is told" in client.get(f"/mash/checks/{to_health.reference}/").content.decode()


# --- the clocks -------------------------------------------------------------------------------------------------


def test_every_check_priority_counts_working_hours_by_default() -> None:
    assert {code: (RULES[code].unit, RULES[code].amount, RULES[code].escalate_to) for code in CHECK_RULE_CODES} == {
        "mash.check.red": (Unit.WORKING_HOURS, 4, "mash_manager"),
        "mash.check.amber": (Unit.WORKING_HOURS, 24, "mash_manager"),
        "mash.check.green": (Unit.WORKING_HOURS, 72, "mash_manager"),
        "mash.check.red.police": (Unit.WORKING_HOURS, 4, "police_supervisor"),
        "mash.check.amber.police": (Unit.WORKING_HOURS, 24, "police_supervisor"),
        "mash.check.green.police": (Unit.WORKING_HOURS, 72, "police_supervisor"),
    }


@pytest.mark.parametrize(
    ("rule", "started", "due"),
    [
        # Friday 3pm: 2 h Friday, 2 h Monday morning; nothing at the weekend.
        ("mash.check.red", london(2026, 3, 6, 15), london(2026, 3, 9, 11)),
        # Asked out of hours on a Saturday: counted from 9am Monday.
        ("mash.check.red", london(2026, 3, 7, 22), london(2026, 3, 9, 13)),
        # Asked at 8pm on a Tuesday: counted from 9am Wednesday.
        ("mash.check.red", london(2026, 3, 10, 20), london(2026, 3, 11, 13)),
        # Friday 3pm before British Summer Time starts (Sunday 29 March): due 11am BST on Monday.
        ("mash.check.red", london(2026, 3, 27, 15), london(2026, 3, 30, 11)),
        # Maundy Thursday 4pm: Good Friday and Easter Monday are bank holidays.
        ("mash.check.amber", london(2026, 4, 2, 16), london(2026, 4, 9, 16)),
        # Friday 4pm before the clocks go back (Sunday 25 October): three working days on, in GMT.
        ("mash.check.amber", london(2026, 10, 23, 16), london(2026, 10, 28, 16)),
        # The late May bank holiday (Monday 25 May): 1 h Friday, then Tuesday on.
        ("mash.check.amber", london(2026, 5, 22, 16), london(2026, 5, 28, 16)),
        # Christmas: the 25th, the 28th (Boxing Day falls on a Saturday) and New Year's Day are bank holidays, so
        # nine working days from Wednesday 23 December end at the close on Thursday 7 January.
        ("mash.check.green", london(2026, 12, 23, 9), london(2027, 1, 7, 17)),
    ],
    ids=[
        "red-weekend",
        "red-saturday-night",
        "red-evening",
        "red-clocks-forward",
        "amber-easter",
        "amber-clocks-back",
        "amber-may-bank-holiday",
        "green-christmas",
    ],
)
def test_a_check_clock_counts_only_working_hours(rule: str, started: datetime, due: datetime) -> None:
    clock = start_clock(subject_type=CHECK_SUBJECT, subject_id=1, rule=rule, started_at=started)
    clock.refresh_from_db()
    assert clock.due_at.astimezone(LONDON) == due


def test_the_check_hours_a_partnership_sets_make_the_rules() -> None:
    rules = check_rules(settings_module._grade_hours("red=2,amber=8,green=16", "FRONTDOOR_MASH_CHECK_HOURS"))
    assert [r.amount for r in rules.values()] == [2, 8, 16]


def test_check_hours_that_make_no_sense_stop_the_start_up_naming_the_setting() -> None:
    with pytest.raises(ImproperlyConfigured, match="FRONTDOOR_MASH_CHECK_HOURS must give red, amber and green"):
        settings_module._grade_hours("red=4,amber=2,green=72", "FRONTDOOR_MASH_CHECK_HOURS")


# --- response times for the scorecards --------------------------------------------------------------------------


def test_each_agencys_response_times_are_kept_in_working_hours(referral, social_worker, police, health) -> None:
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    nurse = UserFactory(agency=health, roles=[Role.PARTNER_RESPONDER])
    friday = london(2026, 3, 6, 15)
    police_check, health_check = ask(referral, social_worker, police, health, priority="red")
    ask(referral, social_worker, police, priority="green", question="Anything on the father?")
    MashCheck.objects.filter(pk__in=[police_check.pk, health_check.pk]).update(requested_at=friday)
    Clock.objects.filter(
        subject_id__in=[str(police_check.pk), str(health_check.pk)], subject_type=CHECK_SUBJECT
    ).update(started_at=friday, due_at=london(2026, 3, 9, 11))
    for check, user, role, answered in (
        (police_check, officer, Role.MASH_POLICE, london(2026, 3, 9, 10)),  # 2 h Friday + 1 h Monday: in time
        (health_check, nurse, Role.PARTNER_RESPONDER, london(2026, 3, 10, 12)),  # 2 + 8 + 3 h: late
    ):
        checks_services.answer_check(check, checks_services.Answer(known="Known."), actor=responder_actor(user, role))
        MashCheck.objects.filter(pk=check.pk).update(answered_at=answered)
        Clock.objects.filter(subject_type=CHECK_SUBJECT, subject_id=str(check.pk)).update(
            closed_at=answered, met_late=answered > london(2026, 3, 9, 11)
        )
    times = {
        t.agency.name: t
        for t in checks_selectors.list_response_times(london(2026, 3, 1), timezone.now() + timedelta(days=1))
    }
    assert list(times) == ["Esterbury Constabulary", "Esterbury Hospitals NHS Trust"]
    p, h = times["Esterbury Constabulary"], times["Esterbury Hospitals NHS Trust"]
    assert (p.asked, p.answered, p.in_time, p.late, p.still_open, p.median_hours) == (2, 1, 1, 0, 1, 3.0)
    assert (h.asked, h.answered, h.in_time, h.late, h.still_open, h.median_hours) == (1, 1, 0, 1, 0, 13.0)
    assert p.in_time_share == 1.0 and h.in_time_share == 0.0


def test_working_hours_between_skip_nights_weekends_and_bank_holidays() -> None:
    from frontdoor.core.clocks import working_calendar

    calendar = working_calendar()
    assert checks_selectors.working_hours_between(calendar, london(2026, 4, 2, 16), london(2026, 4, 7, 10)) == 2.0
    assert checks_selectors.working_hours_between(calendar, london(2026, 3, 27, 16), london(2026, 3, 30, 10)) == 2.0
    assert checks_selectors.working_hours_between(calendar, london(2026, 3, 9, 10), london(2026, 3, 9, 9)) == 0.0


def test_a_vist_check_is_listed_on_the_vist_page(client, sign_in_as, police) -> None:
    vist = VistFactory()
    VistPersonFactory(vist=vist)
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    (check,) = ask(Vist.objects.get(pk=vist.pk), worker, police)
    page = client.get(f"/mash/vists/{vist.reference}/").content.decode()
    assert check.reference in page and "Ask partner agencies" in page


def test_on_the_referral_a_mash_officer_opens_only_their_own_agencys_check(
    client, sign_in_as, referral, social_worker, police, health
) -> None:
    police_check, health_check = ask(referral, social_worker, police, health)
    sign_in_as(Role.MASH_POLICE, agency=police)
    page = client.get(f"/mash/referrals/{referral.reference}/").content.decode()
    assert f'href="/mash/checks/{police_check.reference}/"' in page
    assert health_check.reference in page and f'href="/mash/checks/{health_check.reference}/"' not in page


def test_a_mash_member_of_the_mashs_own_service_has_no_check_section(client, sign_in_as) -> None:
    sign_in_as(Role.MASH_EDUCATION)  # the factory's agency is children's social care, never asked
    assert "MASH checks for your agency" not in client.get("/").content.decode()


def test_an_open_check_is_among_the_childs_deadlines_and_its_answer_in_their_subject_access(
    referral, social_worker, police, child
) -> None:
    from frontdoor.people.providers import list_person_providers

    (provider,) = [p for p in list_person_providers() if p.name == "mash.checks"]
    assert provider.subjects is not None and provider.subject_access is not None
    (check,) = ask(referral, social_worker, police)
    assert provider.subjects(child.pk) == [(CHECK_SUBJECT, str(check.pk))]
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    reply = checks_services.Answer(known="Known to us.", child_voice="She said she is scared.")
    checks_services.answer_check(check, reply, actor=responder_actor(officer, Role.MASH_POLICE))
    assert provider.subjects(child.pk) == []
    (held,) = provider.subject_access(child)
    assert held["agency"] == "Esterbury Constabulary" and held["your_voice"] == "She said she is scared."
