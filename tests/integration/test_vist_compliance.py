"""VIST compliance: incidents with children and no VIST after the due hours (real hours, nights and weekends
included), their clock escalating to the police supervisor, the lag by team and week, late VISTs marked wherever they
are shown, the "three greens in three months" history, and who may see the list (a supervisor: their own force's)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import unescape

import pytest
import time_machine

from frontdoor.access import services as access_services
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, OutboxMessage
from frontdoor.intake import compliance, vist_lag
from frontdoor.intake.clocks import INCIDENT_VIST
from frontdoor.intake.greens import green_escalation
from frontdoor.intake.models import INCIDENT_SUBJECT, DomesticAbuseIncident, VistPerson
from frontdoor.people.models import Person
from support.factories import PersonFactory, UserFactory
from support.vistcompliance import CHILDREN, force_actor, incident, vist

pytestmark = pytest.mark.django_db


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def listed(police, now: datetime) -> list[str]:
    return [row.incident.incident_reference for row in compliance.list_missing_vists(police.agency, now)]


# --- The threshold -------------------------------------------------------------------------------------------------


def test_an_incident_joins_the_list_exactly_when_the_due_hours_have_passed() -> None:
    police = force_actor()
    occurred = at(2026, 11, 10, 14, 30)  # a Tuesday afternoon
    with time_machine.travel(occurred + timedelta(minutes=20), tick=False):
        incident(police, occurred)
    assert listed(police, occurred + timedelta(hours=24) - timedelta(seconds=1)) == []
    assert listed(police, occurred + timedelta(hours=24)) == ["ES-2026-0001"]


def test_the_hours_run_through_a_weekend_as_real_hours_not_working_hours() -> None:
    police = force_actor()
    friday_night = at(2026, 11, 13, 20, 0)
    with time_machine.travel(friday_night + timedelta(minutes=5), tick=False):
        incident(police, friday_night)
    clock = Clock.objects.get(subject_type=INCIDENT_SUBJECT, rule=INCIDENT_VIST.code)
    assert clock.due_at.astimezone(LONDON) == at(2026, 11, 14, 20, 0)  # Saturday night, not Monday
    assert listed(police, at(2026, 11, 14, 19, 59)) == []
    assert listed(police, at(2026, 11, 14, 20, 0)) == ["ES-2026-0001"]
    supervisor = UserFactory(roles=["police_supervisor"], agency=police.agency)
    assert sweep_due_clocks(now=at(2026, 11, 14, 20, 0)) == 1
    escalation = Escalation.objects.get(clock=clock)
    assert escalation.notify_role == "police_supervisor"
    told = OutboxMessage.objects.get(recipient=supervisor, subject__contains="ES-2026-0001")
    assert told.link_path == "/vist-compliance/"  # a page the supervisor may open (the MASH's list they may not)


def test_a_missed_vist_is_told_only_to_the_supervisors_of_the_incidents_own_force() -> None:
    esterbury, wyvern = force_actor("Esterbury Police"), force_actor("Wyvern Constabulary")
    occurred = at(2026, 11, 10, 9, 0)
    with time_machine.travel(occurred + timedelta(minutes=5), tick=False):
        incident(esterbury, occurred, reference="ES-2026-0001")
        incident(wyvern, occurred, reference="WY-2026-0001")
    ours = UserFactory(roles=["police_supervisor"], agency=esterbury.agency)
    theirs = UserFactory(roles=["police_supervisor"], agency=wyvern.agency)
    assert sweep_due_clocks(now=occurred + timedelta(hours=24)) == 2
    assert list(OutboxMessage.objects.filter(recipient=ours).values_list("subject", flat=True)) == [
        "Deadline missed: VIST for incident ES-2026-0001"
    ]
    assert list(OutboxMessage.objects.filter(recipient=theirs).values_list("subject", flat=True)) == [
        "Deadline missed: VIST for incident WY-2026-0001"
    ]


def test_across_the_clock_change_the_due_time_is_twenty_four_real_hours_later() -> None:
    police = force_actor()
    saturday_noon = at(2026, 10, 24, 12, 0)  # British Summer Time ends at 2am on Sunday 25 October 2026
    with time_machine.travel(saturday_noon, tick=False):
        incident(police, saturday_noon)
    clock = Clock.objects.get(subject_type=INCIDENT_SUBJECT)
    assert clock.due_at - saturday_noon == timedelta(hours=24)
    assert clock.due_at.astimezone(LONDON).hour == 11  # 11am GMT on the Sunday: the wall clock went back an hour


def test_a_vist_under_the_incidents_reference_meets_its_clock_and_takes_it_off_the_list() -> None:
    police = force_actor()
    occurred = at(2026, 11, 10, 22, 0)
    with time_machine.travel(occurred + timedelta(minutes=10), tick=False):
        incident(police, occurred)
    with time_machine.travel(occurred + timedelta(hours=3), tick=False):
        vist(police, occurred)
    clock = Clock.objects.get(subject_type=INCIDENT_SUBJECT)
    assert clock.state == ClockState.MET and not clock.met_late
    assert listed(police, occurred + timedelta(days=3)) == []


def test_a_vist_under_another_reference_counts_when_it_names_one_of_the_children_that_day() -> None:
    police = force_actor()
    occurred = at(2026, 11, 10, 22, 0)
    with time_machine.travel(occurred + timedelta(minutes=10), tick=False):
        incident(police, occurred)
    with time_machine.travel(occurred + timedelta(hours=30), tick=False):
        vist(police, occurred + timedelta(minutes=15), reference="ES-2026-9999", children=[CHILDREN[1]])
    clock = Clock.objects.get(subject_type=INCIDENT_SUBJECT)
    assert clock.state == ClockState.MET and clock.met_late
    assert listed(police, occurred + timedelta(days=3)) == []


def test_another_forces_vist_and_a_vist_about_other_children_do_not_count() -> None:
    police, other = force_actor(), force_actor("Westshire Police")
    occurred = at(2026, 11, 10, 22, 0)
    with time_machine.travel(occurred + timedelta(minutes=10), tick=False):
        incident(police, occurred)
        vist(other, occurred)  # same reference, another force
        vist(police, occurred, reference="ES-2026-0002", children=[("Ruby", "Other", CHILDREN[0][2])])
    assert listed(police, occurred + timedelta(days=2)) == ["ES-2026-0001"]
    assert listed(other, occurred + timedelta(days=2)) == []


def test_incidents_without_children_are_not_listed_and_the_list_is_oldest_first() -> None:
    police = force_actor()
    now = at(2026, 11, 20, 9, 0)
    incident(police, now - timedelta(days=2), reference="NEWER")
    incident(police, now - timedelta(days=5), reference="OLDER")
    incident(police, now - timedelta(days=9), reference="ADULTS-ONLY", children=[])
    assert listed(police, now) == ["OLDER", "NEWER"]


def test_an_incident_arriving_already_past_its_hours_is_listed_but_starts_no_clock() -> None:
    police = force_actor()
    incident(police, at(2026, 1, 5, 21, 0))  # from a bulk import of last year's incidents
    assert not Clock.objects.filter(subject_type=INCIDENT_SUBJECT).exists()
    assert listed(police, at(2026, 11, 20)) == ["ES-2026-0001"]


# --- Late VISTs ------------------------------------------------------------------------------------------------------


def test_a_vist_sent_exactly_at_the_due_hours_is_on_time_and_one_sent_days_later_is_late() -> None:
    police = force_actor()
    occurred = at(2026, 11, 10, 22, 0)
    with time_machine.travel(occurred + timedelta(hours=24), tick=False):
        on_time = vist(police, occurred, reference="A")
    with time_machine.travel(occurred + timedelta(days=3, hours=2), tick=False):
        late = vist(police, occurred, reference="B")
    assert vist_lag.late_words(on_time) == ""
    assert vist_lag.late_words(late) == "Submitted 3 days after the incident"


def test_an_imported_vist_is_timed_from_when_the_officer_submitted_it() -> None:
    police = force_actor()
    occurred = at(2026, 3, 2, 21, 0)
    imported = vist(police, occurred, submitted_at=occurred + timedelta(hours=30))
    assert vist_lag.late_words(imported) == "Submitted 30 hours after the incident"


def test_the_lag_report_gives_median_and_ninetieth_percentile_by_team_and_by_week() -> None:
    police = force_actor()
    now = at(2026, 11, 20, 12, 0)  # a Friday
    lags = {"North": [1, 2, 3, 4, 100], "South": [10, 50]}
    n = 0
    for team, hours in lags.items():
        for h in hours:
            n += 1
            occurred = now - timedelta(days=3, hours=n)
            incident(police, occurred, reference=f"R{n}", team=team)
            vist(police, occurred, reference=f"R{n}", submitted_at=occurred + timedelta(hours=h))
    incident(police, now - timedelta(days=10), reference="NONE", team="South")
    report = vist_lag.lag_report(police.agency, now)
    teams = {row.label: row for row in report.by_team}
    assert teams["North"].median == timedelta(hours=3) and teams["North"].p90 == timedelta(hours=100)
    assert teams["North"].late == 1 and teams["North"].missing == 0
    assert teams["South"].median == timedelta(hours=30) and teams["South"].missing == 1
    assert report.overall.incidents == 8 and report.overall.with_vist == 7
    this_week, last_week = report.by_week[0], report.by_week[1]
    assert this_week.label == "Week beginning 16 November 2026" and this_week.incidents == 7
    assert last_week.label == "Week beginning 9 November 2026" and last_week.missing == 1
    assert teams["North"].p90_words == "4 days" and teams["South"].median_words == "30 hours"


# --- Pages -----------------------------------------------------------------------------------------------------------


def test_the_supervisor_sees_their_forces_incidents_with_officer_and_team_and_not_another_forces(
    client, sign_in_as
) -> None:
    police, other = force_actor(), force_actor("Westshire Police")
    incident(police, at(2026, 11, 1, 23, 0), reference="ES-OURS", team="Rural East response")
    incident(other, at(2026, 11, 1, 23, 0), reference="WS-THEIRS")
    sign_in_as("police_supervisor", agency=police.agency)
    html = unescape(client.get("/vist-compliance/").content.decode())
    assert "ES-OURS" in html and "Rural East response" in html and "PC Jordan Ellis (4471)" in html
    assert "WS-THEIRS" not in html
    assert "Ashdown" not in html  # the list names no child


@pytest.mark.parametrize("role", ["police_supervisor", "mash_police"])
def test_police_supervisors_and_mash_police_may_open_the_list_and_the_lag(client, sign_in_as, role) -> None:
    police = force_actor()
    sign_in_as(role, agency=police.agency)
    assert client.get("/vist-compliance/").status_code == 200
    assert client.get("/vist-compliance/lag/").status_code == 200


@pytest.mark.parametrize("role", ["mash_social_worker", "mash_manager", "school_dsl", "analyst", "referrer"])
def test_other_roles_are_refused_the_list(client, sign_in_as, role) -> None:
    sign_in_as(role, agency=force_actor().agency)
    assert client.get("/vist-compliance/").status_code == 403
    assert client.get("/vist-compliance/lag/").status_code == 403


def test_a_supervisor_outside_a_police_force_is_told_why_the_list_is_empty(client, sign_in_as) -> None:
    incident(force_actor(), at(2026, 11, 1, 23, 0), reference="ES-OURS")
    sign_in_as("police_supervisor")  # a children's social care agency
    html = client.get("/vist-compliance/").content.decode()
    assert "not with a police force" in html and "ES-OURS" not in html


def test_the_supervisors_home_counts_incidents_without_a_vist_and_late_vists(client, sign_in_as) -> None:
    police = force_actor()
    incident(police, datetime.now(tz=LONDON) - timedelta(days=2), reference="ES-WAITING")
    old = datetime.now(tz=LONDON) - timedelta(days=4)
    vist(police, old, reference="ES-LATE")
    sign_in_as("police_supervisor", agency=police.agency)
    html = unescape(client.get("/").content.decode())
    section = html.split('data-testid="home-vist-compliance"')[1].split("</ul>")[0]
    assert "1 incident with children" in section and "the oldest was 2 days ago" in section
    assert "1 VIST sent late" in section
    assert "Your notifications are below" not in html


def test_a_late_vist_is_marked_on_the_mash_queue_the_vist_page_and_the_childs_chronology(client, sign_in_as) -> None:
    police = force_actor()
    late = vist(police, datetime.now(tz=LONDON) - timedelta(days=3, hours=1))
    child = PersonFactory(first_name="Maisie", last_name="Ashdown")
    VistPerson.objects.filter(vist=late).update(person=child)
    user = sign_in_as("mash_social_worker")
    tag = "Submitted 3 days after the incident"
    assert tag in client.get("/mash/").content.decode()
    assert tag in client.get(f"/mash/vists/{late.reference}/").content.decode()
    access_services.add_to_caseload(Person.objects.get(pk=child.pk), user=user)
    assert tag in client.get(f"/record/{child.pk}/").content.decode()


def test_the_third_green_vist_shows_which_greens_raised_it_and_when(client, sign_in_as) -> None:
    police = force_actor()
    now = datetime.now(tz=LONDON)
    greens = [vist(police, now - timedelta(days=days), reference=f"G{days}", grade="green") for days in (60, 30, 1)]
    third = greens[-1]
    assert third.effective_grade == "amber"
    history = green_escalation(third)
    assert history is not None and [v.reference for v in history.greens] == [g.reference for g in greens]
    assert green_escalation(greens[0]) is None
    sign_in_as("mash_police", agency=police.agency)
    html = unescape(client.get(f"/mash/vists/{third.reference}/").content.decode())
    box = html.split('data-testid="green-escalation"')[1].split("</div>")[0]
    assert "the 3 green VISTs about Maisie Ashdown within three months" in box
    assert all(g.reference in box for g in greens) and "(this VIST)" in box
    listing = unescape(client.get("/vist-compliance/").content.decode())
    assert f'href="/mash/vists/{third.reference}/"' in listing  # MASH police may open it from the list


def test_the_supervisor_sees_which_greens_raised_a_vist_without_a_link_to_the_mashs_page(client, sign_in_as) -> None:
    police = force_actor()
    now = datetime.now(tz=LONDON)
    greens = [vist(police, now - timedelta(days=d), reference=f"G{d}", grade="green") for d in (60, 30, 1)]
    sign_in_as("police_supervisor", agency=police.agency)
    html = unescape(client.get("/vist-compliance/").content.decode())
    table = html.split('data-testid="green-escalations"')[1].split("</table>")[0]
    assert all(g.reference in table for g in greens) and "/mash/vists/" not in table
    assert "Maisie" not in table


def test_the_supervisors_deadlines_show_their_forces_running_vist_clocks_only(client, sign_in_as) -> None:
    police, other = force_actor(), force_actor("Westshire Police")
    incident(police, datetime.now(tz=LONDON) - timedelta(hours=20), reference="ES-RUNNING")
    incident(other, datetime.now(tz=LONDON) - timedelta(hours=20), reference="WS-RUNNING")
    sign_in_as("police_supervisor", agency=police.agency)
    html = unescape(client.get("/").content.decode())
    assert re.search(r"VIST for incident ES-RUNNING.*?3 hours 5\d minutes left", html, re.S)
    assert "WS-RUNNING" not in html


# --- The feed -----------------------------------------------------------------------------------------------------


def _post_incident(client, token: str, **fields):
    body = {
        "incident_reference": "ES-API-1",
        "occurred_at": (datetime.now(tz=LONDON) - timedelta(hours=2)).isoformat(),
        "persons": [{"role": "child", "first_name": "Maisie", "last_name": "Ashdown", "is_child": True}],
        **fields,
    }
    return client.post("/api/v1/incidents", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_takes_the_attending_officer_and_team_and_starts_the_vist_clock(client) -> None:
    police = force_actor()
    _, token = access_services.create_api_client("force-feed", police.agency, ["incidents:write"])
    response = _post_incident(client, token, officer_name="PC Sam Rahman", officer_collar="4017", team="Rural West")
    assert response.status_code == 201, response.content
    stored = DomesticAbuseIncident.objects.get(incident_reference="ES-API-1")
    assert (stored.officer_name, stored.officer_collar, stored.team) == ("PC Sam Rahman", "4017", "Rural West")
    assert Clock.objects.filter(subject_type=INCIDENT_SUBJECT, subject_id=str(stored.pk)).exists()


def test_a_team_too_long_is_refused_naming_the_field(client) -> None:
    police = force_actor()
    _, token = access_services.create_api_client("force-feed", police.agency, ["incidents:write"])
    response = _post_incident(client, token, team="x" * 101)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.team"
