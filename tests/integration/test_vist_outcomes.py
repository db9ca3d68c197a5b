"""What the force is told about its VISTs: being screened, the triage's outcome and a strategy discussion's, through
`GET /api/v1/vists` and on the MASH's VIST page, never with the triage's reasons or what other agencies shared."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.intake import services
from frontdoor.intake.models import Vist, VistUpdate
from frontdoor.mash import checks_selectors, checks_services, strategy_convening, strategy_recording
from frontdoor.mash import services as mash_services
from frontdoor.people.models import AgencyKind
from support.factories import AgencyFactory, PersonFactory, UserFactory
from support.strategy import Team, everyone_attended, make_team

pytestmark = pytest.mark.django_db

SECRET_RATIONALE = "Health said the mother missed four antenatal appointments"
SECRET_CHECK = "Known to the community mental health team since March"
SECRET_SHARED = "Health shared."  # what the health attendee shared (support.strategy.everyone_attended)


@pytest.fixture
def team() -> Team:
    return make_team()


@pytest.fixture
def force():
    police = AgencyFactory(name="Thamesmoor Police", kind=AgencyKind.POLICE)
    return access_services.create_api_client("force-records", police, ["vists:write", "vists:read"])


def send_vist(force, incident: str = "INC-77") -> Vist:
    api_client, _ = force
    vist, _ = services.receive_vist(
        services.VistData(
            client_id=uuid.uuid4(),
            officer_name="PC Hale",
            incident_reference=incident,
            incident_at=timezone.now() - timedelta(hours=2),
            children_present=True,
            risk_grade="red",
            circumstances="Shouting heard; child found hiding.",
            persons=[services.PersonData(role="child present", first_name="Ruby", last_name="Ashdown", is_child=True)],
        ),
        actor=Actor(user=None, role=None, agency=api_client.agency, api_client=api_client),
    )
    return vist


def get(client, token: str, path: str = "/api/v1/vists"):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_force_lists_its_own_vists_newest_first_and_pages_them(client, force) -> None:
    _, token = force
    first, second = send_vist(force, "INC-1"), send_vist(force, "INC-2")
    Vist.objects.filter(pk=first.pk).update(received_at=timezone.now() - timedelta(hours=1))
    other, _ = access_services.create_api_client("other-force", AgencyFactory(kind="police"), ["vists:write"])
    send_vist((other, None), "INC-OTHER")
    listed = get(client, token)
    assert listed.status_code == 200, listed.content
    body = listed.json()
    assert [v["reference"] for v in body] == [second.reference, first.reference]
    assert body[0]["status"] == "received" and body[0]["outcome"] is None and body[0]["updates"] == []
    assert body[0]["id"] == str(second.client_id) and body[0]["incident_reference"] == "INC-2"
    assert [v["reference"] for v in get(client, token, "/api/v1/vists?limit=1&offset=1").json()] == [first.reference]
    assert AccessAudit.objects.filter(action="list_own_vists").exists()


def test_another_clients_or_an_unknown_vist_is_404_naming_the_reference(client, force) -> None:
    _, token = force
    other, _ = access_services.create_api_client("other-force", AgencyFactory(kind="police"), ["vists:write"])
    theirs = send_vist((other, None), "INC-OTHER")
    for reference in (theirs.reference, "VIST-0000-0000"):
        response = get(client, token, f"/api/v1/vists/{reference}")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
        assert reference in response.json()["error"]["message"]
    assert get(client, token, "/api/v1/vists/FD-0000-0000").status_code == 404


def test_without_the_scope_the_client_is_refused(client) -> None:
    _, token = access_services.create_api_client("writer", AgencyFactory(kind="police"), ["vists:write"])
    response = get(client, token)
    assert response.status_code == 403
    assert "vists:read" in response.json()["error"]["message"]


def test_the_force_sees_screening_then_the_triage_outcome_in_words_and_never_the_reasons(
    client, sign_in_as, force
) -> None:
    _, token = force
    vist = send_vist(force)
    worker = sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert client.get(f"/mash/vists/{vist.reference}/").status_code == 200  # picked up by opening it
    assert get(client, token, f"/api/v1/vists/{vist.reference}").json()["status"] == "screening"
    mash_services.triage_vist(
        vist,
        actor=Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency),
        outcome="referral",
        rationale=SECRET_RATIONALE,
    )
    body = get(client, token, f"/api/v1/vists/{vist.reference}").json()
    assert body["status"] == "triaged"
    assert body["outcome"] == "referral"
    assert body["outcome_label"] == "Referral to children's social care"
    assert "referred the children to children's social care" in body["summary"]
    assert [u["status"] for u in body["updates"]] == ["screening", "triaged"]
    assert SECRET_RATIONALE not in str(body)
    assert AccessAudit.objects.filter(action="view_own_vist", purpose=vist.reference).exists()


def test_screening_is_told_once_and_a_second_triage_tells_nothing_more(client, sign_in_as, force) -> None:
    vist = send_vist(force)
    worker = sign_in_as(Role.MASH_MANAGER)
    client.get(f"/mash/vists/{vist.reference}/")
    client.get(f"/mash/vists/{vist.reference}/")
    actor = Actor(user=worker, role=Role.MASH_MANAGER, agency=worker.agency)
    mash_services.triage_vist(vist, actor=actor, outcome="early_help", rationale="Support at home.")
    mash_services.triage_vist(vist, actor=actor, outcome="no_further_action", rationale="Changed my mind.")
    assert list(VistUpdate.objects.filter(vist=vist).values_list("status", "outcome")) == [
        ("screening", ""),
        ("triaged", "early_help"),
    ]


def test_a_police_officer_in_the_mash_sees_what_the_force_was_told_without_starting_screening(
    client, sign_in_as, force
) -> None:
    vist = send_vist(force)
    sign_in_as(Role.MASH_POLICE)
    page = client.get(f"/mash/vists/{vist.reference}/").content.decode()
    assert 'data-testid="vist-force-told"' in page
    assert not VistUpdate.objects.filter(vist=vist).exists()  # a MASH police officer does not decide
    worker = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    mash_services.triage_vist(
        vist,
        actor=Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency),
        outcome="information_shared",
        rationale=SECRET_RATIONALE,
    )
    page = " ".join(client.get(f"/mash/vists/{vist.reference}/").content.decode().split())
    told = page.split('data-testid="vist-force-told"')[1].split("</ul>")[0]
    assert "Information shared with the child&#39;s school and health services</strong>" in told
    assert SECRET_RATIONALE not in told


def test_the_force_is_told_a_vist_convened_discussions_outcome_and_nothing_agencies_shared(client, force, team) -> None:
    _, token = force
    vist = send_vist(force)
    vist.persons.update(person=PersonFactory(first_name="Ruby", last_name="Ashdown"))
    actor = team.actor()
    people = [p.key for p in checks_selectors.list_people_on_item(vist)]
    health = AgencyFactory(name="Esterbury Community Health", kind=AgencyKind.COMMUNITY_HEALTH)
    (check,) = checks_services.request_checks(
        vist, actor=actor, agencies=[health], people=people, question="Known to you?", priority="red"
    )
    nurse = UserFactory(agency=health, roles=[Role.MASH_HEALTH])
    checks_services.answer_check(
        check,
        checks_services.Answer(known=SECRET_CHECK, risks=SECRET_CHECK),
        actor=Actor(user=nurse, role=Role.MASH_HEALTH, agency=health),
    )
    discussion = strategy_convening.convene_strategy_discussion(
        actor=actor, reason=SECRET_RATIONALE, invites=team.invites(), vist=vist
    )
    told = get(client, token, f"/api/v1/vists/{vist.reference}").json()
    assert told["status"] == "triaged" and told["outcome"] == "strategy_discussion"
    assert "a strategy discussion is to be held" in told["summary"]
    strategy_recording.record_discussion(
        discussion,
        actor=actor,
        attendance=everyone_attended(discussion),
        decisions=["s47_joint", "police_investigation"],
        rationale=SECRET_RATIONALE,
        actions=[],
    )
    body = get(client, token, f"/api/v1/vists/{vist.reference}").json()
    assert body["status"] == "discussed"
    assert body["outcome"] == "strategy_discussion"
    assert body["outcome_label"].startswith("Strategy discussion held: ")
    assert "section 47" in body["outcome_label"].lower()
    assert [u["status"] for u in body["updates"]] == ["triaged", "discussed"]
    listed = get(client, token).json()
    assert listed[0]["status"] == "discussed"
    for said in (SECRET_RATIONALE, SECRET_CHECK, SECRET_SHARED):
        assert said not in str(body) and said not in str(listed)


def test_taking_a_vist_tells_the_force_it_is_being_screened(force) -> None:
    vist = send_vist(force)
    police_officer = UserFactory(roles=[Role.MASH_POLICE])
    mash_services.assign(
        vist,
        actor=Actor(user=police_officer, role=Role.MASH_POLICE, agency=police_officer.agency),
        worker=police_officer,
    )
    assert list(VistUpdate.objects.filter(vist=vist).values_list("status", flat=True)) == ["screening"]
