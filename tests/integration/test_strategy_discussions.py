"""Strategy discussions: convened from a referral, a VIST, a child's page or out of hours by the EDT; the minimum
attendance enforced or each absence's reason recorded; decisions with rationale; actions on the clock; the record
circulated to the attendees; the referrer told the outcome; the attendees' relationship with the people discussed."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.relationships import find_legitimate_relationship
from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.core.models import Clock, ClockState, OutboxMessage
from frontdoor.intake.models import ReferralStatus
from frontdoor.mash import strategy_convening, strategy_holdings, strategy_recording
from frontdoor.mash.models import Decision, VistTriage
from frontdoor.mash.models_strategy import Attending, StrategyDiscussion, StrategyStatus
from frontdoor.mash.strategy_selectors import is_school_age
from frontdoor.people.models import Relationship
from support.factories import PersonFactory, UserFactory, VistFactory, VistPersonFactory
from support.strategy import convene, everyone_attended, make_team, record, refer_child

pytestmark = pytest.mark.django_db
MAISIE_BORN = date(2014, 6, 11)


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def referral(team):
    return refer_child(team, born=MAISIE_BORN)


def datetime_london(y: int, m: int, d: int, hh: int, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=LONDON)


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(response.content.decode())))


# --- who counts as of school age ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "school_age"),
    [
        (date(2022, 3, 3), False),  # 3 the day before their 4th birthday
        (date(2022, 3, 2), True),  # 4 today
        (date(2010, 3, 2), True),  # 16 today
        (date(2009, 3, 2), False),  # 17 today
        (None, True),  # not known: education is asked rather than missed
    ],
)
def test_a_child_is_of_school_age_from_4_to_16(born, school_age) -> None:
    assert is_school_age(born, date(2026, 3, 2)) is school_age


# --- convening --------------------------------------------------------------------------------------------------


def test_convening_from_a_referral_decides_it_copies_its_people_and_tells_the_named_invitees(team, referral) -> None:
    discussion = convene(team, referral)
    assert discussion.reference.startswith("SD-") and discussion.status == StrategyStatus.CONVENED
    decision = Decision.objects.get(referral=referral)
    assert decision.outcome == "strategy_discussion"
    assert "Bruising" not in decision.summary  # the referrer sees the summary: not the reason for convening
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECIDED
    assert [(p.name, p.described_as, p.is_child) for p in discussion.people.all()] == [
        ("Maisie Ashdown", "child", True),
        ("Claire Ashdown", "mother", False),
    ]
    assert discussion.school_age and not discussion.pre_birth
    assert sorted(i.attending_for for i in discussion.invitees.all()) == sorted(
        ["social_care", "police", "health", "education"]
    )
    hold = Clock.objects.get(subject_type="mash.strategy", rule="mash.strategy.hold")
    assert hold.state == ClockState.RUNNING
    invited = OutboxMessage.objects.filter(kind="strategy.invited")
    assert sorted(m.recipient_id for m in invited) == sorted(
        u.pk for u in (team.social_worker, team.police, team.health, team.education)
    )
    assert all("Maisie" not in m.subject + m.body and "Ashdown" not in m.body for m in invited)
    assert AccessAudit.objects.filter(action="convene_strategy_discussion").count() == 1


def test_the_minimum_attendance_is_enforced_when_convening(team, referral) -> None:
    no_police = [i for i in team.invites() if i.attending_for != Attending.POLICE]
    with pytest.raises(strategy_convening.StrategyRefused) as refused:
        convene(team, referral, invites=no_police)
    assert refused.value.field == "agencies" and "Invite police" in refused.value.message
    with pytest.raises(strategy_convening.StrategyRefused, match="Invite education"):
        convene(team, referral, invites=team.invites(education=False))


def test_education_is_not_needed_for_a_toddler(team) -> None:
    toddler = refer_child(team, born=date(2024, 1, 5))
    discussion = convene(team, toddler, invites=team.invites(education=False))
    assert not discussion.school_age


def test_an_unborn_baby_takes_the_pre_birth_pathway(team) -> None:
    unborn = refer_child(team, expected=date(2027, 2, 1))
    discussion = convene(team, unborn, invites=team.invites(education=False))
    assert discussion.pre_birth and discussion.expected_date_of_delivery == date(2027, 2, 1)
    assert not discussion.school_age


def test_convening_from_a_vist_triages_it(team) -> None:
    vist = VistFactory()
    VistPersonFactory(vist=vist, first_name="Ruby", last_name="Ashdown", role="child present", date_of_birth=None)
    discussion = strategy_convening.convene_strategy_discussion(
        actor=team.actor(), reason="Violence at home.", invites=team.invites(), vist=vist
    )
    assert discussion.vist == vist
    assert VistTriage.objects.get(vist=vist).outcome == "strategy_discussion"


def test_convening_from_a_child_brings_their_recorded_family(team) -> None:
    child = PersonFactory(first_name="Leo", last_name="Hart", date_of_birth=date(2015, 1, 1))
    mother = PersonFactory(kind="adult", first_name="Jo", last_name="Hart", date_of_birth=date(1990, 1, 1))
    Relationship.objects.create(person=mother, relative=child, kind="parent")
    discussion = strategy_convening.convene_strategy_discussion(
        actor=team.actor(), reason="New disclosure on an open case.", invites=team.invites(), person=child
    )
    assert [(p.person_id, p.described_as) for p in discussion.people.all()] == [
        (child.pk, "child"),
        (mother.pk, "parent"),
    ]


# --- recording ------------------------------------------------------------------------------------------------


def test_an_absent_agency_of_the_minimum_needs_its_reason(team, referral) -> None:
    discussion = convene(team, referral)
    police = discussion.invitees.get(attending_for=Attending.POLICE)
    attendance = [
        strategy_convening.Attendance(i.pk, i.pk != police.pk, information_shared="Shared.")
        for i in discussion.invitees.all()
    ]
    with pytest.raises(strategy_convening.StrategyRefused) as refused:
        record(team, discussion, attendance=attendance)
    assert refused.value.field == f"absence_reason_{police.pk}"
    attendance = [
        strategy_convening.Attendance(
            i.pk, i.pk != police.pk, absence_reason="On a call-out; sent notes." if i.pk == police.pk else ""
        )
        for i in discussion.invitees.all()
    ]
    recorded = record(team, discussion, attendance=attendance)
    police.refresh_from_db()
    assert recorded.status == StrategyStatus.RECORDED
    assert police.attended is False and police.absence_reason == "On a call-out; sent notes."


@pytest.mark.parametrize(
    ("decisions", "says"),
    [
        ((), "Select what the discussion decided"),
        (("nfa", "assessment"), "No further action cannot be decided with anything else"),
        (("s47_single", "s47_joint"), "Select one section 47 enquiry"),
    ],
)
def test_decisions_that_do_not_go_together_are_refused(team, referral, decisions, says) -> None:
    discussion = convene(team, referral)
    with pytest.raises(strategy_convening.StrategyRefused, match=says):
        record(team, discussion, decisions=decisions)


def test_section_47_starts_the_conference_clock_and_the_referrer_sees_the_outcome(team, referral) -> None:
    discussion = convene(team, referral)
    record(team, discussion, decisions=("s47_joint", "police_investigation"))
    conference = Clock.objects.get(subject_id=str(discussion.pk), rule="mash.strategy.conference")
    assert (
        conference.state == ClockState.RUNNING
        and conference.started_at == discussion.__class__.objects.get(pk=discussion.pk).held_at
    )
    referral.refresh_from_db()
    told = referral.decision_told
    assert told is not None and told.outcome_label.startswith("Strategy discussion held: ")
    assert "section 47 enquiry jointly with the police" in told.outcome_label
    assert "Reasonable cause" not in told.summary  # the rationale holds what agencies shared: not for the referrer
    assert OutboxMessage.objects.filter(kind="referral.decided", recipient=team.referrer).count() == 2


def test_a_discussion_is_recorded_once(team, referral) -> None:
    discussion = convene(team, referral)
    record(team, discussion, decisions=("assessment",))
    with pytest.raises(strategy_convening.StrategyRefused, match="already been recorded"):
        record(team, discussion, decisions=("assessment",))


def test_circulating_tells_the_attendees_and_meets_the_record_clock(team, referral) -> None:
    discussion = convene(team, referral)
    record(team, discussion, decisions=("assessment",))
    circulated = strategy_recording.circulate_record(discussion, actor=team.actor())
    assert circulated.status == StrategyStatus.CIRCULATED
    clock = Clock.objects.get(subject_id=str(discussion.pk), rule="mash.strategy.record")
    assert clock.state == ClockState.MET
    told = OutboxMessage.objects.filter(kind="strategy.circulated")
    assert sorted(m.recipient_id for m in told) == sorted(
        u.pk for u in (team.social_worker, team.police, team.health, team.education)
    )
    assert all(m.body == f"Strategy discussion {discussion.reference}: see it on frontdoor." for m in told)
    again = strategy_recording.circulate_record(discussion, actor=team.actor())
    assert again.circulated_at == circulated.circulated_at and told.count() == 4


# --- what it shows elsewhere --------------------------------------------------------------------------------------


def test_attendees_and_the_convenor_reach_the_people_discussed_and_others_do_not(team, referral) -> None:
    discussion = convene(team, referral)
    maisie = discussion.people.get(is_child=True).person
    assert find_legitimate_relationship(team.police, maisie, Role.MASH_POLICE) is not None
    assert strategy_holdings.on_their_discussion(team.police, Role.MASH_POLICE, maisie.pk) == (
        f"on strategy discussion {discussion.reference}"
    )
    assert strategy_holdings.on_their_discussion(team.social_worker, Role.MASH_SOCIAL_WORKER, maisie.pk)
    supervisor = UserFactory(agency=team.police.agency, roles=[Role.POLICE_SUPERVISOR])
    assert strategy_holdings.on_their_discussion(supervisor, Role.POLICE_SUPERVISOR, maisie.pk) is None
    # Invited in one role, not in a role that does not attend discussions.
    assert strategy_holdings.on_their_discussion(team.education, Role.ANALYST, maisie.pk) is None


def test_the_childs_chronology_and_deadlines_hold_the_discussion(team, referral) -> None:
    discussion = convene(team, referral)
    maisie = discussion.people.get(is_child=True).person
    (line,) = strategy_holdings.chronology(maisie.pk)
    assert line.what == "Strategy discussion" and line.link == f"/mash/strategy/{discussion.reference}/"
    record(team, discussion, actions=[strategy_recording.Action("Visit.", team.police, date(2030, 1, 1))])
    (line,) = strategy_holdings.chronology(maisie.pk)
    assert "section 47 enquiry jointly with the police" in line.detail and line.decision
    subjects = strategy_holdings.subjects(maisie.pk)
    assert ("mash.strategy", str(discussion.pk)) in subjects and any(s[0] == "mash.strategy_action" for s in subjects)


def test_my_deadlines_hold_the_convenors_discussions_and_the_owners_actions(team, referral) -> None:
    discussion = convene(team, referral)
    record(team, discussion, actions=[strategy_recording.Action("Visit.", team.police, date(2030, 1, 1))])
    mine = strategy_holdings.strategy_mine(team.actor())
    assert ("mash.strategy", str(discussion.pk)) in mine
    police_mine = strategy_holdings.strategy_mine(team.actor(Role.MASH_POLICE, team.police))
    assert [s[0] for s in police_mine] == ["mash.strategy_action"]
    manager = UserFactory(roles=[Role.MASH_MANAGER])
    team_view = strategy_holdings.strategy_team(Actor(user=manager, role=Role.MASH_MANAGER, agency=manager.agency))
    assert ("mash.strategy", str(discussion.pk)) in team_view


# --- pages --------------------------------------------------------------------------------------------------------


def test_a_decision_of_strategy_discussion_goes_straight_to_convening(client, sign_in_as, team, referral) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    response = client.post(
        f"/mash/referrals/{referral.reference}/decision/",
        {"outcome": "strategy_discussion", "decision_summary": "Reasonable cause to suspect significant harm."},
    )
    assert response.status_code == 302 and response.url == f"/mash/referrals/{referral.reference}/strategy/"


def test_the_convene_page_says_beside_the_agencies_which_are_missing(client, sign_in_as, team, referral) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    url = f"/mash/referrals/{referral.reference}/strategy/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Bruising.", "agencies": ["social_care", "health", "education"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_agencies-error"' in html and "Invite police" in html
    response = client.post(url, {"reason": "Bruising.", "agencies": ["social_care", "police", "health", "education"]})
    assert response.status_code == 302 and response.url.startswith("/mash/strategy/SD-")


def test_the_record_page_puts_the_missing_reason_beside_its_field_and_the_discussion_shows_the_conference(
    client, sign_in_as, team, referral
) -> None:
    discussion = convene(team, referral)
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    url = f"/mash/strategy/{discussion.reference}/record/"
    assert client.get(url).status_code == 200
    invitees = list(discussion.invitees.all())
    police = next(i for i in invitees if i.attending_for == Attending.POLICE)
    data = {f"attended_{i.pk}": "yes" for i in invitees} | {f"attended_{police.pk}": "no"}
    data |= {"decisions": ["s47_joint"], "rationale": "Disclosure and injuries."}
    today = timezone.localdate()
    data |= {"held_on_day": today.day, "held_on_month": today.month, "held_on_year": today.year}
    data |= {"held_at_time": "00:01"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert f'id="id_absence_reason_{police.pk}-error"' in response.content.decode()
    data[f"absence_reason_{police.pk}"] = "Sent written notes instead."
    data |= {"action_what_0": "See Maisie alone.", "action_owner_0": str(team.police.pk)}
    response = client.post(url, data)  # the action has no due date
    assert 'id="action_due_0-error"' in response.content.decode()
    data |= {"action_due_0_day": "1", "action_due_0_month": "1", "action_due_0_year": "2030"}
    response = client.post(url, data)
    assert response.status_code == 302
    page = text_of(client.get(f"/mash/strategy/{discussion.reference}/"))
    assert "Initial child protection conference" in page and "Section 47 enquiry jointly with the police" in page
    assert "No: Sent written notes instead." in page and "See Maisie alone." in page


def test_an_invitee_sees_the_discussion_and_others_are_told_it_does_not_exist(
    client, sign_in_as, team, referral
) -> None:
    discussion = convene(team, referral)
    act_as(client, team.education, Role.SCHOOL_DSL)
    assert client.get(f"/mash/strategy/{discussion.reference}/").status_code == 403  # a DSL role does not attend
    sign_in_as(Role.PARTNER_RESPONDER)
    assert client.get(f"/mash/strategy/{discussion.reference}/").status_code == 404
    act_as(client, team.police, Role.MASH_POLICE)
    assert client.get(f"/mash/strategy/{discussion.reference}/").status_code == 200


def test_the_edt_convenes_out_of_hours_and_is_sent_to_the_mash_in_working_hours(client, sign_in_as, team) -> None:
    child = PersonFactory(first_name="Leo", last_name="Hart", date_of_birth=date(2015, 1, 1))
    edt = sign_in_as(Role.EDT_WORKER)
    access_services.add_to_caseload(child, user=edt)
    url = f"/mash/strategy/out-of-hours/{child.pk}/"
    with time_machine.travel(datetime_london(2027, 3, 3, 11), tick=False):
        act_as(client, edt, Role.EDT_WORKER)  # sessions have an absolute limit: signed in at the time
        assert "The MASH is open" in text_of(client.get(url))
    with time_machine.travel(datetime_london(2027, 3, 5, 22), tick=False):
        act_as(client, edt, Role.EDT_WORKER)
        page = client.get(url)
        assert "An urgent discussion out of hours" in text_of(page)
        response = client.post(
            url, {"reason": "Leo ran from home at 9pm.", "agencies": ["social_care", "police", "health", "education"]}
        )
    assert response.status_code == 302
    discussion = StrategyDiscussion.objects.get()
    assert discussion.out_of_hours and discussion.convened_by == edt


def test_the_home_shows_discussions_to_hold_and_records_to_circulate(client, sign_in_as, team, referral) -> None:
    first = convene(team, referral)
    record(team, first, decisions=("assessment",))
    second = convene(team, refer_child(team, born=MAISIE_BORN))
    act_as(client, team.social_worker, Role.MASH_SOCIAL_WORKER)
    page = client.get("/").content.decode()
    assert 'data-testid="to-hold"' in page and second.reference in page
    assert 'data-testid="to-circulate"' in page and first.reference in page


def test_the_referrals_page_offers_convening_and_lists_its_discussions(client, sign_in_as, team, referral) -> None:
    discussion = convene(team, referral)
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    page = client.get(f"/mash/referrals/{referral.reference}/").content.decode()
    assert discussion.reference in page and "Convene a strategy discussion" in page


def test_the_pre_birth_discussion_says_its_pathway(client, sign_in_as, team) -> None:
    unborn = refer_child(team, expected=date(2030, 2, 1))
    discussion = convene(team, unborn, invites=team.invites(education=False))
    record(team, discussion, attendance=everyone_attended(discussion))
    sign_in_as(Role.MASH_MANAGER)
    page = text_of(client.get(f"/mash/strategy/{discussion.reference}/"))
    assert "Pre-birth pathway" in page and "before the baby is due" in page


def test_the_childs_page_offers_convening_to_the_mash_and_the_convene_page_works(client, sign_in_as, team) -> None:
    child = PersonFactory(first_name="Leo", last_name="Hart", date_of_birth=date(2015, 1, 1))
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    access_services.add_to_caseload(child, user=worker)
    page = client.get(f"/record/{child.pk}/").content.decode()
    assert f'href="/mash/strategy/child/{child.pk}/" data-testid="person-action"' in page
    response = client.post(
        f"/mash/strategy/child/{child.pk}/",
        {"reason": "New injuries on an open case.", "agencies": ["social_care", "police", "health", "education"]},
    )
    assert response.status_code == 302
    assert StrategyDiscussion.objects.get().people.get().person == child


def test_an_adults_page_offers_no_strategy_discussion(client, sign_in_as, team) -> None:
    adult = PersonFactory(kind="adult", first_name="Jo", last_name="Hart", date_of_birth=date(1990, 1, 1))
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    access_services.add_to_caseload(adult, user=worker)
    assert 'data-testid="person-action"' not in client.get(f"/record/{adult.pk}/").content.decode()
    assert client.get(f"/mash/strategy/child/{adult.pk}/").status_code == 404


def test_the_subject_access_request_holds_the_discussion_and_not_what_agencies_shared(
    client, sign_in_as, team, referral
) -> None:
    discussion = convene(team, referral)
    record(team, discussion)
    maisie = discussion.people.get(is_child=True).person
    sign_in_as(Role.PRIVACY_OFFICER)
    held = client.get(f"/record/{maisie.pk}/subject-access/", {"format": "json"}).content.decode()
    assert discussion.reference in held and "Reasonable cause to suspect." in held
    assert "Police shared." not in held
    assert client.get(f"/record/{maisie.pk}/subject-access/").status_code == 200


def test_the_convenor_keeps_the_conference_in_their_deadlines_after_circulating(team, referral) -> None:
    discussion = convene(team, referral)
    record(team, discussion)
    strategy_recording.circulate_record(discussion, actor=team.actor())
    assert ("mash.strategy", str(discussion.pk)) in strategy_holdings.strategy_mine(team.actor())


@pytest.mark.parametrize(
    ("held_on", "time", "field", "says"),
    [
        ((1, 1, 2099), "10:00", "held_on", "must be in the past"),
        ((2, 3, 2027), "25:00", "held_at_time", "Enter the time as hours and minutes"),
        (("", "", ""), "10:00", "held_on", "Enter the date it was held"),
    ],
)
def test_when_it_was_held_is_asked_for_beside_its_field(
    client, sign_in_as, team, referral, held_on, time, field, says
) -> None:
    discussion = convene(team, referral)
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    data = {f"attended_{i.pk}": "yes" for i in discussion.invitees.all()}
    data |= {"decisions": ["assessment"], "rationale": "Needs assessing.", "held_at_time": time}
    data |= dict(zip(("held_on_day", "held_on_month", "held_on_year"), held_on, strict=True))
    html = unescape(client.post(f"/mash/strategy/{discussion.reference}/record/", data).content.decode())
    error_id = "held_on-error" if field == "held_on" else "id_held_at_time-error"
    assert f'id="{error_id}"' in html and says in html


def test_the_conference_counts_from_when_the_discussion_was_held_not_when_it_was_recorded(
    client, sign_in_as, team
) -> None:
    with time_machine.travel(datetime_london(2027, 3, 1, 9), tick=False):
        discussion = convene(team, refer_child(team, born=MAISIE_BORN))
    with time_machine.travel(datetime_london(2027, 3, 3, 16), tick=False):
        act_as(client, team.social_worker, Role.MASH_SOCIAL_WORKER)
        data = {f"attended_{i.pk}": "yes" for i in discussion.invitees.all()}
        data |= {"decisions": ["s47_single"], "rationale": "Marks seen.", "held_at_time": "10:30"}
        data |= {"held_on_day": "1", "held_on_month": "3", "held_on_year": "2027"}
        assert client.post(f"/mash/strategy/{discussion.reference}/record/", data).status_code == 302
    conference = Clock.objects.get(subject_id=str(discussion.pk), rule="mash.strategy.conference")
    assert conference.started_at == datetime_london(2027, 3, 1, 10, 30)
    assert conference.due_at == datetime_london(2027, 3, 22, 10, 30)


def test_the_record_form_starts_with_now_as_when_it_was_held(client, sign_in_as, team, referral) -> None:
    discussion = convene(team, referral)
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    with time_machine.travel(datetime_london(2027, 3, 3, 14, 5), tick=False):
        act_as(client, team.social_worker, Role.MASH_SOCIAL_WORKER)
        html = client.get(f"/mash/strategy/{discussion.reference}/record/").content.decode()
    assert re.search(r'name="held_on_day"[^>]*value="3"', html)
    assert re.search(r'name="held_on_year"[^>]*value="2027"', html) and re.search(r'value="14:05"', html)


def test_the_referrer_sees_the_discussions_outcome_even_when_it_was_held_before_the_decision_was_typed(
    team, referral
) -> None:
    """Recorded as held a minute before the decision was saved: what the referrer is told is still the latest."""
    with time_machine.travel(datetime_london(2027, 3, 3, 14, 5, 30), tick=False):
        discussion = convene(team, referral)
        record(team, discussion, held_at=datetime_london(2027, 3, 3, 14, 5))
    referral.refresh_from_db()
    assert referral.decision_told.outcome_label.startswith("Strategy discussion held: ")
