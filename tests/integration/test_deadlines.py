"""Clocks everywhere: each user's own running deadlines and, for the MASH manager, the team's, on the home page;
and every missed deadline counted by rule and period for the scorecards."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import cancel_clock, meet_clock, start_clock, sweep_due_clocks
from frontdoor.core.registry import DeadlineSource, register_deadline_source
from frontdoor.intake import services as intake_services
from frontdoor.mash import checks_selectors, checks_services
from frontdoor.mash import services as mash_services
from frontdoor.mash.deadlines import Breaches, list_breaches
from frontdoor.people.models import AgencyKind
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def new_referral(first_name: str = "Maisie"):
    referrer = UserFactory(roles=[Role.SCHOOL_DSL])
    child = intake_services.ChildData(
        first_name=first_name, last_name="Ashdown", date_of_birth=date(2014, 6, 11), wishes_and_feelings="Sad."
    )
    return submit(referrer, referral_data(child))


def section(html: str, testid: str) -> str:
    assert f'data-testid="{testid}"' in html, f"no {testid} on the page"
    return unescape(html.split(f'data-testid="{testid}"')[1].split("</table>")[0])


@pytest.fixture
def police():
    return AgencyFactory(name="Esterbury Constabulary", kind=AgencyKind.POLICE)


def test_a_workers_deadlines_are_their_items_and_the_checks_they_asked_for_soonest_first(
    client, sign_in_as, police
) -> None:
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    mine, theirs = new_referral("Maisie"), new_referral("Tyler")
    actor = Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency)
    mash_services.assign(mine, actor=actor, worker=worker)
    people = [p.key for p in checks_selectors.list_people_on_item(theirs)]
    checks_services.request_checks(
        theirs, actor=actor, agencies=[police], people=people, question="Known?", priority="red"
    )
    html = client.get("/").content.decode()
    assert "My deadlines" in html
    table = section(html, "my-deadlines")
    decision, check = (
        table.index(f"Decision on referral {mine.reference}"),
        table.index("Answer to the MASH check to Esterbury Constabulary"),
    )
    assert check < decision  # the red check (4 working hours) falls due before the one-working-day decision
    assert f"Decision on referral {theirs.reference}" not in table  # not theirs
    assert f'href="/mash/referrals/{mine.reference}/"' in html


def test_a_responders_deadlines_are_their_agencys_open_checks(client, sign_in_as, police) -> None:
    referral = new_referral()
    asker = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    people = [p.key for p in checks_selectors.list_people_on_item(referral)]
    (check,) = checks_services.request_checks(
        referral, actor=Actor(user=asker, role=Role.MASH_SOCIAL_WORKER, agency=asker.agency), agencies=[police],
        people=people, question="Known?", priority="amber",
    )  # fmt: skip
    sign_in_as(Role.PARTNER_RESPONDER, agency=police)
    table = section(client.get("/").content.decode(), "my-deadlines")
    assert f"Answer to the MASH check to Esterbury Constabulary on {referral.reference}" in table
    assert f"/mash/checks/{check.reference}/" in table


def test_an_overdue_deadline_says_so(client, sign_in_as) -> None:
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    referral = new_referral()
    mash_services.assign(
        referral, actor=Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency), worker=worker
    )
    from frontdoor.core.models import Clock

    Clock.objects.filter(subject_id=str(referral.pk)).update(due_at=timezone.now() - timedelta(hours=3))
    html = unescape(client.get("/").content.decode())
    assert "1 running, 1 overdue" in html and "3 hours overdue" in section(html, "my-deadlines")


def test_someone_with_no_running_deadlines_has_no_section(client, sign_in_as) -> None:
    new_referral()
    sign_in_as(Role.MASH_SOCIAL_WORKER)  # nothing assigned, nothing asked
    html = client.get("/").content.decode()
    assert "My deadlines" not in html and "Team deadlines" not in html


def test_the_manager_sees_the_teams_deadlines_and_a_worker_does_not(client, sign_in_as, police) -> None:
    first, second = new_referral("Maisie"), new_referral("Tyler")
    sign_in_as(Role.MASH_MANAGER)
    html = unescape(client.get("/").content.decode())
    table = section(html, "team-deadlines")
    assert f"Decision on referral {first.reference}" in table and f"Decision on referral {second.reference}" in table
    assert "2 running across the team" in html
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert "Team deadlines" not in client.get("/").content.decode()


def test_another_capabilitys_deadlines_appear_through_the_registry(client, sign_in_as) -> None:
    """A capability the MASH knows nothing of (family help, say) registers whose clocks are whose."""
    user = sign_in_as(Role.EARLY_HELP_WORKER)
    referral = new_referral()
    register_deadline_source(
        DeadlineSource(
            "test.family_help", mine=lambda actor: [("intake.referral", str(referral.pk))] if actor.user == user else []
        )
    )
    try:
        table = section(client.get("/").content.decode(), "my-deadlines")
        assert f"Decision on referral {referral.reference}" in table
    finally:
        from frontdoor.core import registry

        registry._DEADLINE_SOURCES.pop("test.family_help")


# --- every breach counted ---------------------------------------------------------------------------------------


def test_every_missed_deadline_is_counted_by_rule_and_month() -> None:
    UserFactory(roles=[Role.MASH_MANAGER])
    may = [
        start_clock(
            subject_type="intake.referral", subject_id=i, rule="referral.decision", started_at=london(2026, 5, 11, 10)
        )
        for i in range(3)
    ]
    june = start_clock(subject_type="mash.check", subject_id=9, rule="mash.check.red", started_at=london(2026, 6, 1, 9))
    on_time = start_clock(
        subject_type="intake.referral", subject_id=7, rule="referral.decision", started_at=london(2026, 5, 11, 10)
    )
    cancelled = start_clock(
        subject_type="intake.referral", subject_id=8, rule="referral.decision", started_at=london(2026, 5, 11, 10)
    )
    meet_clock(on_time, london(2026, 5, 11, 12))
    cancel_clock(cancelled, london(2026, 5, 11, 12))
    sweep_due_clocks(now=london(2026, 5, 12, 11))  # breaches may[0..2]
    meet_clock(may[1], london(2026, 5, 13, 9))  # met late: still a breach
    meet_clock(june, london(2026, 6, 1, 14))  # after its 1pm due time, before any sweep: met late
    running_past_due = start_clock(
        subject_type="intake.vist", subject_id=5, rule="mash.amber", started_at=london(2026, 6, 2, 9)
    )
    breaches = list_breaches(london(2026, 1, 1), london(2027, 1, 1), now=running_past_due.due_at + timedelta(minutes=1))
    assert breaches == [
        Breaches("referral.decision", "Acknowledge and decide on a referral", date(2026, 5, 1), 3),
        Breaches("mash.amber", "MASH amber: enquiries complete", date(2026, 6, 1), 1),
        Breaches("mash.check.red", "MASH check (red): the agency answers", date(2026, 6, 1), 1),
    ]


def test_breaches_fall_in_the_uk_period_they_were_due_in() -> None:
    """A clock due at 00:30 on 1 June, British Summer Time (23:30 on 31 May in UTC), is a June breach."""
    clock = start_clock(subject_type="intake.vist", subject_id=1, rule="mash.red", started_at=london(2026, 5, 29, 9))
    from frontdoor.core.models import Clock

    Clock.objects.filter(pk=clock.pk).update(due_at=london(2026, 6, 1, 0, 30))
    by_month = list_breaches(london(2026, 5, 1), london(2026, 7, 1), now=london(2026, 6, 2))
    assert [(b.period, b.count) for b in by_month] == [(date(2026, 6, 1), 1)]
    by_week = list_breaches(london(2026, 5, 1), london(2026, 7, 1), period="week", now=london(2026, 6, 2))
    assert [(b.period, b.count) for b in by_week] == [(date(2026, 6, 1), 1)]  # Monday 1 June starts the week
