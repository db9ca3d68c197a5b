"""The triage queue: referrals and VISTs together with their priority, level of need, wait, clock and worker;
filtered and sorted with a plain GET form; taken or assigned from the queue and the item's page, with the history
kept; and a referral's priority set by the MASH at triage."""

from __future__ import annotations

import re
import threading
from datetime import timedelta
from html import unescape

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.clocks import start_clock
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT, Referral, Vist
from frontdoor.mash import services
from frontdoor.mash.models import Assignment, ReferralPriority
from support.factories import ReferralChildFactory, ReferralFactory, UserFactory, VistFactory, VistPersonFactory

pytestmark = pytest.mark.django_db


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def actor(user, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def referral(*, ago: timedelta = timedelta(0), level: int = 2, issues=(), **child) -> Referral:
    """A referral in the queue, received `ago`, with its one-working-day clock and one child."""
    made = ReferralFactory(received_at=timezone.now() - ago, level_of_need=level, presenting_issues=list(issues))
    ReferralChildFactory(referral=made, **child)
    start_clock(
        subject_type=REFERRAL_SUBJECT, subject_id=made.pk, rule=REFERRAL_DECISION.code, started_at=made.received_at
    )
    return made


def vist(grade: str, *, ago: timedelta = timedelta(0), child: str = "Ruby") -> Vist:
    """A VIST in the queue, graded by the officer, received `ago`, with its clock and one child present."""
    made = VistFactory(risk_grade=grade, received_at=timezone.now() - ago)
    VistPersonFactory(vist=made, first_name=child)
    start_clock(subject_type=VIST_SUBJECT, subject_id=made.pk, rule=f"mash.{grade}", started_at=made.received_at)
    return made


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return " ".join(unescape(response.content.decode()).split())


def rows(html: str) -> dict[str, str]:
    """The queue's rows by reference, in the order shown (empty when the table is not there)."""
    found = {}
    for row in html.split('data-testid="queue-row" data-reference="')[1:]:
        found[row.split('"', 1)[0]] = row.split("</tr>", 1)[0]
    return found


@pytest.fixture
def sam():
    return UserFactory(first_name="Sam", last_name="Okafor", roles=[Role.MASH_SOCIAL_WORKER])


@pytest.fixture
def morgan():
    return UserFactory(first_name="Morgan", last_name="Price", roles=[Role.MASH_MANAGER, Role.MASH_SOCIAL_WORKER])


@pytest.fixture
def pat():
    return UserFactory(first_name="Pat", last_name="Doyle", roles=[Role.MASH_POLICE])


@pytest.fixture
def four(sam, pat):
    """Four items whose due, received and priority orders all differ: an overdue green referral, a red VIST, a new
    green referral Sam has, and a green VIST from an hour ago that Pat has."""
    old = referral(ago=timedelta(days=30), first_name="Olive")
    green_vist = vist("green", ago=timedelta(hours=1), child="Gus")
    new = referral(first_name="Nina")
    red_vist = vist("red", child="Rhys")
    services.assign(new, actor=actor(sam, Role.MASH_SOCIAL_WORKER), worker=sam)
    services.assign(green_vist, actor=actor(pat, Role.MASH_POLICE), worker=pat)
    return {"old": old.reference, "red": red_vist.reference, "new": new.reference, "green": green_vist.reference}


# --- one queue ----------------------------------------------------------------------------------------------------


def test_one_queue_shows_referrals_and_vists_with_what_a_worker_triages_by(client, sam, morgan) -> None:
    worried = referral(ago=timedelta(hours=2), level=3, issues=["neglect"], first_name="Maisie", last_name="Ashdown")
    police = vist("red", child="Ruby")
    services.assign(police, actor=actor(morgan, Role.MASH_MANAGER), worker=sam)
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)

    html = page(client, "/mash/")
    shown = rows(html)
    assert list(shown) == [police.reference, worried.reference]  # the red VIST's 4 working hours run out first
    row = shown[worried.reference]
    assert "Amber" in row and "Suggested" in row and "Referral, received" in row
    assert "Level 3: intensive" in row and "Maisie Ashdown" in row
    assert "2 hours" in row and " left" in row and "Unassigned" in row and "Take it" in row
    assert 'name="csrfmiddlewaretoken"' in row  # the take button's form works with CSRF protection on
    row = shown[police.reference]
    assert "Red" in row and "Officer's grade" in row and "VIST" in row and "Not given on a VIST" in row
    assert "Sam Okafor (you)" in row and "Ruby" in row
    assert "2 items waiting for triage: 1 referral waiting for a decision and 1 VIST waiting for triage." in html
    assert sam.username not in html and morgan.username not in html  # people by name, never by account
    assert AccessAudit.objects.filter(actor=sam, action="view_triage_queue", purpose="2 of 2 shown").exists()


def test_a_decided_referral_and_a_triaged_vist_leave_the_queue(client, sam) -> None:
    decided, waiting = referral(), referral()
    triaged = vist("amber")
    services.record_decision(decided, actor=actor(sam, Role.MASH_SOCIAL_WORKER), outcome="nfa", summary="No.")
    services.triage_vist(triaged, actor=actor(sam, Role.MASH_SOCIAL_WORKER), outcome="early_help", rationale="EH.")
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    assert list(rows(page(client, "/mash/"))) == [waiting.reference]


# --- filter and sort ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["old", "red", "new", "green"]),
        ("?kind=vist", ["red", "green"]),
        ("?kind=referral", ["old", "new"]),
        ("?priority=red", ["red"]),
        ("?priority=green", ["old", "new", "green"]),
        ("?assigned=me", ["new"]),
        ("?assigned=unassigned", ["old", "red"]),
        ("?overdue=yes", ["old"]),
        ("?kind=referral&assigned=unassigned", ["old"]),
        ("?kind=bogus&priority=purple&assigned=everyone&overdue=maybe&sort=sideways", ["old", "red", "new", "green"]),
    ],
)
def test_the_queue_filters(client, sam, four, query: str, expected: list[str]) -> None:
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    assert list(rows(page(client, "/mash/" + query))) == [four[name] for name in expected]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["old", "red", "new", "green"]),  # due soonest first: the overdue referral, then 4 working hours
        ("?sort=oldest", ["old", "green", "new", "red"]),
        ("?sort=priority", ["red", "old", "new", "green"]),  # red first; then by due
    ],
)
def test_the_queue_sorts(client, sam, four, sort: str, expected: list[str]) -> None:
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    assert list(rows(page(client, "/mash/" + sort))) == [four[name] for name in expected]


def test_the_queue_says_how_much_is_waiting_whatever_is_shown(client, sam, four) -> None:
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    html = page(client, "/mash/?kind=vist&sort=oldest")
    assert (
        "4 items waiting for triage: 2 referrals waiting for a decision and 2 VISTs waiting for triage, 1 overdue"
        in html
    )
    assert "Showing 2 of 4 items, waiting longest" in html
    for label in ("All (4)", "Referrals (2)", "VISTs (2)", "Red (1)", "Amber (0)", "Green (3)"):
        assert label in html, label
    for label in ("Assigned to me (1)", "Unassigned (2)", "Overdue only (1)"):
        assert label in html, label
    # A plain GET form that keeps what was chosen: it works without JavaScript.
    assert '<form method="get" action="/mash/"' in html
    assert 'name="kind" type="radio" value="vist" checked' in html
    assert '<option value="oldest" selected>' in html
    assert 'href="/mash/">Clear filters</a>' in html

    none = page(client, "/mash/?kind=vist&overdue=yes")
    assert "Showing 0 of 4 items" in none and "None of the 4 items waiting matches these filters." in none
    assert 'data-testid="triage-queue"' not in none


# --- take and assign ----------------------------------------------------------------------------------------------


def test_a_worker_takes_an_item_from_the_queue_and_everyone_sees_who_has_it(client, sam, pat) -> None:
    item = referral()
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    back = "/mash/?assigned=unassigned"
    response = client.post(f"/mash/referrals/{item.reference}/assign/", {"worker": sam.pk, "next": back}, follow=True)
    assert response.redirect_chain[-1][0] == back
    assert f"You have taken {item.reference}." in response.content.decode()
    taken = Assignment.objects.get(referral=item)
    assert (taken.worker, taken.assigned_by, taken.ended_at) == (sam, sam, None)
    audit = AccessAudit.objects.get(actor=sam, action="assign_referral")
    assert audit.purpose == f"{item.reference} to user {sam.pk}"

    act_as(client, pat, Role.MASH_POLICE)
    row = rows(page(client, "/mash/"))[item.reference]
    assert "Sam Okafor" in row and "Take it" not in row  # only a manager takes it from Sam
    late = client.post(f"/mash/referrals/{item.reference}/assign/", {"worker": pat.pk}, follow=True)
    assert f"{item.reference} is already assigned to Sam Okafor. Only a MASH manager can reassign it." in unescape(
        late.content.decode()
    )
    assert Assignment.objects.get(referral=item, ended_at__isnull=True).worker == sam


def test_a_manager_reassigns_and_the_history_is_kept(client, sam, morgan, pat) -> None:
    item = vist("amber")
    services.assign(item, actor=actor(sam, Role.MASH_SOCIAL_WORKER), worker=sam)
    act_as(client, morgan, Role.MASH_MANAGER)

    form = page(client, f"/mash/vists/{item.reference}/assign/")
    assert "Who is working on " + item.reference in form and "Assigned to Sam Okafor since" in form
    assert "Who should work on it instead?" in form and "Pat Doyle" in form and "Morgan Price (you)" in form
    response = client.post(f"/mash/vists/{item.reference}/assign/", {"worker": pat.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"/mash/vists/{item.reference}/"
    assert f"{item.reference} is assigned to Pat Doyle." in response.content.decode()

    history = list(Assignment.objects.filter(vist=item).order_by("assigned_at", "id"))
    assert [(a.worker, a.assigned_by) for a in history] == [(sam, sam), (pat, morgan)]
    assert history[0].ended_at == history[1].assigned_at and history[1].ended_at is None
    html = page(client, f"/mash/vists/{item.reference}/")
    assert "Pat Doyle, since" in html and "assigned to Pat Doyle by Morgan Price" in html
    assert "taken by Sam Okafor (until" in html
    assert AccessAudit.objects.get(actor=morgan, action="assign_vist").purpose == (
        f"{item.reference} to user {pat.pk} from user {sam.pk}"
    )


def test_giving_work_to_someone_else_needs_a_social_worker_or_a_manager(client, sam, pat) -> None:
    item = vist("green")
    act_as(client, pat, Role.MASH_POLICE)
    assert client.post(f"/mash/vists/{item.reference}/assign/", {"worker": sam.pk}).status_code == 403
    assert not Assignment.objects.exists()
    offered = page(client, f"/mash/vists/{item.reference}/assign/")
    assert "Take it" in offered and "Who should work on it" not in offered

    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    given = client.post(f"/mash/vists/{item.reference}/assign/", {"worker": pat.pk}, follow=True)
    assert f"{item.reference} is assigned to Pat Doyle." in given.content.decode()
    assert Assignment.objects.get(vist=item).worker == pat
    refused = client.post(f"/mash/vists/{item.reference}/assign/", {"worker": sam.pk}, follow=True)
    assert "Only a MASH manager can reassign it." in refused.content.decode()
    assert Assignment.objects.get(vist=item, ended_at__isnull=True).worker == pat


def test_only_mash_workers_can_be_given_work(client, sam) -> None:
    item = referral()
    outsider = UserFactory(first_name="Rosa", last_name="Fielding", roles=[Role.REFERRER])
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    response = client.post(f"/mash/referrals/{item.reference}/assign/", {"worker": outsider.pk}, follow=True)
    assert "Select a MASH worker" in response.content.decode()
    with pytest.raises(services.AssignmentRefused, match="Rosa Fielding does not work in the MASH"):
        services.assign(item, actor=actor(sam, Role.MASH_SOCIAL_WORKER), worker=outsider)
    assert not Assignment.objects.exists()


def test_the_service_itself_refuses_a_role_outside_the_mash(sam) -> None:
    both = UserFactory(roles=[Role.REFERRER, Role.MASH_POLICE])  # holds a MASH role, acting as a referrer
    with pytest.raises(services.AssignmentRefused, match="Only the MASH works the triage queue") as refused:
        services.assign(referral(), actor=actor(both, Role.REFERRER), worker=both)
    assert refused.value.forbidden and not Assignment.objects.exists()


def test_a_decided_referral_cannot_be_taken(client, sam) -> None:
    item = referral()
    services.record_decision(item, actor=actor(sam, Role.MASH_SOCIAL_WORKER), outcome="nfa", summary="No.")
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    response = client.post(f"/mash/referrals/{item.reference}/assign/", {"worker": sam.pk}, follow=True)
    assert f"{item.reference} has already been decided" in response.content.decode()
    assert not Assignment.objects.exists()


def test_taking_an_item_you_have_changes_nothing(sam) -> None:
    item = referral()
    first = services.assign(item, actor=actor(sam, Role.MASH_SOCIAL_WORKER), worker=sam)
    assert services.assign(item, actor=actor(sam, Role.MASH_SOCIAL_WORKER), worker=sam) == first
    assert Assignment.objects.count() == 1


def test_an_item_has_one_current_worker_at_most(sam, pat) -> None:
    item = vist("red")
    Assignment.objects.create(vist=item, worker=sam, assigned_by=sam, assigned_at=timezone.now())
    with pytest.raises(IntegrityError):
        Assignment.objects.create(vist=item, worker=pat, assigned_by=pat, assigned_at=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_two_workers_taking_the_same_item_at_once_cannot_both_have_it() -> None:
    """PostgreSQL: the item's row is locked FOR UPDATE; SQLite: writers serialise on BEGIN IMMEDIATE."""
    item = vist("red")
    takers = [UserFactory(roles=[Role.MASH_POLICE]) for _ in range(3)]
    barrier = threading.Barrier(len(takers))
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def take(worker) -> None:
        try:
            barrier.wait(timeout=30)
            services.assign(item, actor=actor(worker, Role.MASH_POLICE), worker=worker)
            outcomes.append("took")
        except services.AssignmentRefused:
            outcomes.append("refused")
        except BaseException as exc:  # reported below: an exception in a thread would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(worker,)) for worker in takers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads) and errors == []
    assert sorted(outcomes) == ["refused", "refused", "took"]
    assert Assignment.objects.filter(vist=item).count() == 1


def test_after_taking_an_item_the_worker_goes_back_only_to_a_mash_page(client, sam) -> None:
    item = referral()
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    response = client.post(
        f"/mash/referrals/{item.reference}/assign/", {"worker": sam.pk, "next": "https://example.org/mash/"}
    )
    assert response.status_code == 302 and response["Location"] == f"/mash/referrals/{item.reference}/"


def test_the_items_page_says_who_is_working_on_it_and_offers_to_take_it(client, sam, pat) -> None:
    item = referral()
    act_as(client, pat, Role.MASH_POLICE)
    html = page(client, f"/mash/referrals/{item.reference}/")
    working = html.split("Who is working on it", 1)[1].split("Record the decision", 1)[0]
    assert "Assigned to" in working and "Unassigned" in working and "Take it" in working
    client.post(f"/mash/referrals/{item.reference}/assign/", {"worker": pat.pk})
    html = page(client, f"/mash/referrals/{item.reference}/")
    assert "Pat Doyle (you), since" in html and "Take it" not in html and "taken by Pat Doyle" in html


# --- a referral's priority ----------------------------------------------------------------------------------------


def test_a_referral_shows_its_suggested_priority_until_the_mash_sets_one(client, sam) -> None:
    item = referral(level=3)
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    html = page(client, f"/mash/referrals/{item.reference}/")
    assert "Suggested from level of need 3: not yet set by the MASH" in html
    assert f'href="/mash/referrals/{item.reference}/priority/"' in html

    empty = client.post(f"/mash/referrals/{item.reference}/priority/", {})
    assert empty.status_code == 200 and "Select the referral's priority" in unescape(empty.content.decode())
    response = client.post(f"/mash/referrals/{item.reference}/priority/", {"priority": "red"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/mash/referrals/{item.reference}/"
    html = " ".join(unescape(response.content.decode()).split())
    assert f"Referral {item.reference} is now red priority." in html and "Set by Sam Okafor, " in html
    assert "Suggested from" not in html
    row = rows(page(client, "/mash/"))[item.reference]
    assert "Red" in row and "Set by the MASH" in row and "Suggested" not in row

    client.post(f"/mash/referrals/{item.reference}/priority/", {"priority": "green"})
    assert list(ReferralPriority.objects.filter(referral=item).values_list("priority", flat=True)) == ["green", "red"]
    assert "Green (1)" in page(client, "/mash/")
    assert AccessAudit.objects.filter(actor=sam, action="set_priority").count() == 2


def test_only_a_social_worker_or_manager_sets_a_priority(client, pat) -> None:
    item = referral()
    act_as(client, pat, Role.MASH_POLICE)
    assert f"/mash/referrals/{item.reference}/priority/" not in page(client, f"/mash/referrals/{item.reference}/")
    assert client.get(f"/mash/referrals/{item.reference}/priority/").status_code == 403
    assert client.post(f"/mash/referrals/{item.reference}/priority/", {"priority": "red"}).status_code == 403
    assert not ReferralPriority.objects.exists()


# --- home and permissions -----------------------------------------------------------------------------------------


def test_the_home_page_counts_link_to_the_queue_filtered_to_them(client, sam, four) -> None:
    services.assign(Referral.objects.get(reference=four["old"]), actor=actor(sam, Role.MASH_SOCIAL_WORKER), worker=sam)
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    html = " ".join(client.get("/").content.decode().split())
    assert '<a class="govuk-link" href="/mash/?assigned=me">2 assigned to you</a>' in html
    assert '<a class="govuk-link" href="/mash/?assigned=me&amp;overdue=yes">1 overdue</a>' in html
    assert '<a class="govuk-link" href="/mash/?assigned=unassigned">1 unassigned</a>' in html
    assert '<a class="govuk-link" href="/mash/">4 items waiting for triage</a>' in html
    assert list(rows(page(client, "/mash/?assigned=me&overdue=yes"))) == [four["old"]]


@pytest.mark.parametrize("role", [Role.REFERRER, Role.SCHOOL_DSL, Role.PRIVACY_OFFICER, Role.EARLY_HELP_WORKER])
def test_only_mash_roles_see_the_queue_or_assign(client, sign_in_as, role: str) -> None:
    item, police = referral(), vist("red")
    user = sign_in_as(role)
    assert client.get("/mash/").status_code == 403
    assert client.get(f"/mash/referrals/{item.reference}/assign/").status_code == 403
    assert client.post(f"/mash/referrals/{item.reference}/assign/", {"worker": user.pk}).status_code == 403
    assert client.post(f"/mash/vists/{police.reference}/assign/", {"worker": user.pk}).status_code == 403
    assert client.post(f"/mash/referrals/{item.reference}/priority/", {"priority": "red"}).status_code == 403
    assert not Assignment.objects.exists() and not ReferralPriority.objects.exists()


def test_every_mash_role_sees_the_queue(client, sign_in_as) -> None:
    item = referral()
    for role in (Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER, Role.MASH_POLICE, Role.MASH_HEALTH, Role.MASH_EDUCATION):
        sign_in_as(role)
        assert item.reference in rows(page(client, "/mash/")), role


def test_waiting_is_counted_from_arrival(client, sam) -> None:
    item = referral(ago=timedelta(days=3, hours=2))
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)
    row = rows(page(client, "/mash/"))[item.reference]
    assert "3 days 2 hours" in row and "Overdue" in row
    assert re.search(r"\d{4}-\d{2}-\d{2}", row) is None  # times in words, never an ISO timestamp
