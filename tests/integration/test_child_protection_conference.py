"""The initial child protection conference after a strategy discussion that started section 47: recorded with when
it was held, its chair, the agencies that attended, the child's and the family's views and each child's outcome
(a plan with its category of abuse, stored as the census code and shown in words, and its start); its clock met; a
plan starts the first review's clock, 3 months on; form errors by the field; audited; in the child's chronology."""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape

import pytest
import time_machine

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.core.models import Clock, ClockState
from frontdoor.mash.conference_clocks import add_months, review_due
from frontdoor.mash.models_conference import ChildProtectionConference, ConferenceOutcome
from frontdoor.mash.strategy_convening import StrategyRefused
from support.strategy import convene, hold_conference, make_team, record, refer_child

pytestmark = pytest.mark.django_db
MAISIE_BORN = date(2014, 6, 11)


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unescape(response.content.decode())))


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def section_47(team):
    """A discussion held on Monday 2 March 2026 that started a joint section 47 enquiry about Maisie."""
    referral = refer_child(team, born=MAISIE_BORN)
    with time_machine.travel(london(2026, 3, 2, 10), tick=False):
        discussion = convene(team, referral)
        return record(team, discussion)


def _clock(discussion, rule: str) -> Clock:
    return Clock.objects.get(subject_type="mash.strategy", subject_id=str(discussion.pk), rule=rule)


def test_a_plan_is_stored_as_the_census_code_meets_the_clock_and_starts_the_review_three_months_on(
    team, section_47
) -> None:
    with time_machine.travel(london(2026, 3, 19, 16), tick=False):
        conference = hold_conference(team, section_47, london(2026, 3, 19, 14), plan="PHY")
    outcome = ConferenceOutcome.objects.get(conference=conference)
    assert outcome.plan and outcome.category == "PHY" and outcome.plan_start == date(2026, 3, 19)
    assert outcome.child.name == "Maisie Ashdown"
    assert sorted(conference.attendance.values_list("attending_for", flat=True)) == ["health", "police", "social_care"]
    icpc = _clock(section_47, "mash.strategy.conference")
    assert icpc.state == ClockState.MET and not icpc.met_late and icpc.closed_at == london(2026, 3, 19, 14)
    review = _clock(section_47, "mash.conference.review")
    assert review.state == ClockState.RUNNING
    assert review.due_at == london(2026, 6, 19, 17)  # Friday 19 June 2026, the close of its working day
    audit = AccessAudit.objects.filter(action="record_conference").get()
    assert audit.purpose == section_47.reference


def test_no_plan_starts_no_review_and_a_conference_is_recorded_once(team, section_47) -> None:
    with time_machine.travel(london(2026, 3, 19, 16), tick=False):
        hold_conference(team, section_47, london(2026, 3, 19, 14), plan="")
        assert not Clock.objects.filter(rule="mash.conference.review").exists()
        assert ConferenceOutcome.objects.get().category == ""
        with pytest.raises(StrategyRefused, match="already been recorded"):
            hold_conference(team, section_47, london(2026, 3, 19, 15), plan="")


def test_a_discussion_that_started_no_enquiry_has_no_conference(team) -> None:
    referral = refer_child(team, born=MAISIE_BORN)
    discussion = record(team, convene(team, referral), decisions=("assessment",))
    with pytest.raises(StrategyRefused, match="started section 47"):
        hold_conference(team, discussion, datetime.now(LONDON))
    assert not ChildProtectionConference.objects.exists()


@pytest.mark.parametrize(
    ("held", "due"),
    [
        (date(2026, 3, 19), date(2026, 6, 19)),  # a working day three months on
        (date(2026, 11, 30), date(2027, 2, 26)),  # no 30 February: the 28th, a Sunday, so Friday the 26th
        (date(2026, 2, 2), date(2026, 5, 1)),  # 2 May 2026 is a Saturday, 4 May the early May bank holiday
        (date(2026, 9, 25), date(2026, 12, 24)),  # Christmas Day off: the day before
    ],
)
def test_the_first_review_falls_on_the_last_working_day_within_three_months(held: date, due: date) -> None:
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert review_due(held) == datetime(due.year, due.month, due.day, 17, tzinfo=LONDON)


def test_the_form_puts_each_error_beside_its_field_and_the_page_says_the_category_in_words(
    client, team, section_47
) -> None:
    act_as(client, team.social_worker, Role.MASH_SOCIAL_WORKER)
    url = f"/mash/strategy/{section_47.reference}/conference/"
    page = client.get(url)
    assert page.status_code == 200 and "Record the initial child protection conference" in text_of(page)
    child = section_47.people.get(is_child=True)
    response = client.post(url, {"held_at_time": "10:00", f"plan_{child.pk}": "yes"})
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("held_on", "chair", "agencies", "child_views", "family_views", f"category_{child.pk}"):
        assert f'id="id_{field}-error"' in html or f'id="{field}-error"' in html, field
    assert "Select the category of abuse" in html and "Enter the date the plan starts" in html
    today = datetime.now(LONDON).date()
    data = {
        "held_on_day": today.day,
        "held_on_month": today.month,
        "held_on_year": today.year,
        "held_at_time": "00:01",
        "chair": "Chris Lowe",
        "agencies": ["social_care", "police", "health", "education"],
        "child_views": "Maisie said she feels safe at her nan's.",
        "family_views": "Her mother wants support.",
        f"plan_{child.pk}": "yes",
        f"category_{child.pk}": "EMO",
        f"plan_start_{child.pk}_day": today.day,
        f"plan_start_{child.pk}_month": today.month,
        f"plan_start_{child.pk}_year": today.year,
    }
    assert client.post(url, data).status_code == 302
    shown = text_of(client.get(f"/mash/strategy/{section_47.reference}/"))
    assert "A child protection plan: emotional abuse" in shown and "Chris Lowe" in shown
    assert "First review conference" in shown and "EMO" not in shown
    assert client.get(url).status_code == 302  # recorded once: back to the discussion
    chronology = text_of(client.get(f"/record/{child.person_id}/"))
    assert "Initial child protection conference" in chronology
    assert "category: emotional abuse" in chronology and "EMO" not in chronology
