"""Missing children: every return or find, whatever the category, sends the MASH a VIST and the independent service
a return home interview request with its 72-hour clock; the interview's findings reach police as a structure; the
trigger plan is versioned and police see the current one the moment an episode opens; repeats prompt the MASH
manager; the API is idempotent with the one error shape; forms answer bad input beside the field."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.core.models import Clock, ClockState, OutboxMessage
from frontdoor.intake.models import Vist
from frontdoor.missing import actors, interviews, services
from frontdoor.missing.models import (
    Episode,
    EpisodeStatus,
    InterviewStatus,
    Prompt,
    PromptKind,
    TransitionKind,
    TriggerPlan,
)
from support.factories import AgencyFactory, PersonFactory, UserFactory
from support.missing import (
    FINDINGS,
    accept,
    bring_back,
    coordinator,
    interview_of,
    plan,
    police_agency,
    police_feed,
    report,
    rhi_worker,
)

pytestmark = pytest.mark.django_db


def api_body(child, **changes) -> dict:
    body = {
        "police_reference": "ESP-MIS-0001",
        "category": "concern-for-safety",
        "went_missing_at": (timezone.now() - timedelta(hours=5)).isoformat(),
        "child": {"first_name": child.first_name, "last_name": child.last_name,
                  "date_of_birth": child.date_of_birth.isoformat()},
        "circumstances": "Not home at the agreed time.",
    }  # fmt: skip
    body.update(changes)
    return body


def post(client, token, body, key: str | None = "missing-key-0001"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post("/api/v1/missing-episodes", body, content_type="application/json", **headers)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return unescape(response.content.decode())


# --- The inspection's case: found while still "concern for safety" -------------------------------------------------


def test_a_child_found_while_still_concern_for_safety_gets_a_vist_and_an_interview_request(client) -> None:
    rhi = UserFactory(roles=["return_home_interview_worker"])
    child = PersonFactory()
    _, token = police_feed()
    found_at = timezone.now() - timedelta(hours=1)
    body = api_body(child, returned={"how": "found", "at": found_at.isoformat(), "where": "Mill Street",
                                     "found_by": "PC Hale", "harm_disclosed": ""})  # fmt: skip
    response = post(client, token, body)
    assert response.status_code == 201, response.content
    receipt = response.json()
    episode = Episode.objects.get(reference=receipt["reference"])
    assert episode.category.code == "concern-for-safety" and episode.status == EpisodeStatus.RETURNED
    assert episode.person == child and receipt["matched_to_a_child"] is True
    # A VIST for the MASH, through intake: in the triage queue with its clock.
    vist = Vist.objects.get(reference=receipt["vist_reference"])
    assert episode.vist == vist and vist.persons.get().first_name == child.first_name
    assert Clock.objects.filter(subject_type="intake.vist", subject_id=str(vist.pk), state="running").exists()
    # A return home interview request with its 72-hour clock from the moment the child was found.
    interview = interview_of(episode)
    assert interview.status == InterviewStatus.REQUESTED
    clock = Clock.objects.get(subject_type="missing.interview", subject_id=str(interview.pk))
    assert clock.due_at == found_at.replace(microsecond=found_at.microsecond) + timedelta(hours=72)
    assert receipt["return_interview_due_at"] == clock.due_at.isoformat()
    told = OutboxMessage.objects.filter(kind="missing.interview_requested", recipient=rhi)
    assert told.exists() and child.last_name not in told.first().subject


def test_a_hand_recorded_find_in_any_category_makes_the_vist_and_the_request(client) -> None:
    for code in ("concern-for-safety", "absent", "missing-low", "missing-medium", "missing-high"):
        episode = bring_back(report(category=code))
        assert episode.vist is not None, code
        assert interview_of(episode).status == InterviewStatus.REQUESTED, code
    grades = dict(Episode.objects.values_list("category__code", "vist__risk_grade"))
    assert grades["missing-high"] == "red" and grades["missing-medium"] == "amber" and grades["absent"] == "green"


def test_harm_disclosed_makes_the_vist_red() -> None:
    episode = report(category="absent")
    episode = services.record_return(
        episode, services.ReturnData(at=timezone.now(), how="returned", harm_disclosed="Was hit by an older boy."),
        actor=coordinator(),
    )  # fmt: skip
    assert episode.vist.risk_grade == "red" and "Was hit" in episode.vist.circumstances


def test_every_transition_is_kept_with_its_time(client) -> None:
    child = PersonFactory()
    _, token = police_feed()
    first = timezone.now() - timedelta(hours=8)
    body = api_body(
        child,
        category="missing-high",
        went_missing_at=first.isoformat(),
        reported_at=(first + timedelta(hours=3)).isoformat(),
        categories_before=[{"category": "concern-for-safety", "at": (first + timedelta(hours=1)).isoformat()}],
    )
    episode = Episode.objects.get(reference=post(client, token, body).json()["reference"])
    steps = list(episode.transitions.values_list("kind", "category__code", "at"))
    assert [(k, c) for k, c, _ in steps] == [("opened", "concern-for-safety"), ("category", "missing-high")]
    assert steps[1][2] == first + timedelta(hours=3)
    bring_back(episode)
    services.close_episode(Episode.objects.get(pk=episode.pk), timezone.now(), actor=coordinator())
    kinds = list(episode.transitions.values_list("kind", flat=True))
    assert kinds == [TransitionKind.OPENED, TransitionKind.CATEGORY, TransitionKind.FOUND, TransitionKind.CLOSED]


# --- The API ---------------------------------------------------------------------------------------------------------


def test_the_api_replays_refuses_a_changed_resend_and_names_bad_fields(client) -> None:
    child = PersonFactory()
    _, token = police_feed()
    body = api_body(child)
    first = post(client, token, body)
    again = post(client, token, body)
    assert again.status_code == 201 and again.content == first.content
    assert Episode.objects.count() == 1
    changed = post(client, token, {**body, "circumstances": "Something else."}, key=None)
    assert changed.status_code == 422
    assert changed.json()["error"]["code"] == "idempotency_key_reused"
    assert changed.json()["error"]["fields"][0]["field"] == "body.police_reference"
    wrong = post(client, token, api_body(child, police_reference="ESP-2", category="lost"), key="missing-key-2")
    assert wrong.status_code == 422
    assert wrong.json()["error"]["fields"] == [
        {"field": "body.category", "message": "is not one of the force's categories"}
    ]
    naive = post(
        client, token, api_body(child, police_reference="ESP-3", went_missing_at="2026-01-01T10:00:00"), "k-000003"
    )
    assert naive.status_code == 422 and naive.json()["error"]["fields"][0]["field"] == "body.went_missing_at"
    backwards = api_body(child, police_reference="ESP-4", returned={
        "how": "returned", "at": (timezone.now() - timedelta(days=2)).isoformat()})  # fmt: skip
    response = post(client, token, backwards, key="missing-key-4")
    assert response.status_code == 422 and response.json()["error"]["fields"][0]["field"] == "body.returned.at"


def test_a_client_without_the_scope_is_refused_before_its_body_is_read(client) -> None:
    _, token = access_services.create_api_client("health", AgencyFactory(kind="community_health"), ["vists:write"])
    response = post(client, token, {"not": "an episode"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_police_read_the_current_trigger_plan_and_others_may_not(client) -> None:
    child = PersonFactory()
    plan(child)
    plan(child, officer_actions="Check the retail park first, then Mill Street.")
    _, token = police_feed()
    reference = post(client, token, api_body(child)).json()["reference"]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = client.get(f"/api/v1/missing-episodes/{reference}/trigger-plan", **headers)
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2 and response.json()["officer_actions"].startswith("Check the retail park")
    by_police_reference = client.get("/api/v1/missing-episodes/ESP-MIS-0001/trigger-plan", **headers)
    assert by_police_reference.json()["version"] == 2
    _, health = access_services.create_api_client(
        "health", AgencyFactory(kind="community_health"), ["missing-episodes:read"]
    )
    refused = client.get(f"/api/v1/missing-episodes/{reference}/trigger-plan", HTTP_AUTHORIZATION=f"Bearer {health}")
    assert refused.status_code == 403
    unknown = client.get("/api/v1/missing-episodes/MIS-0000-0000/trigger-plan", **headers)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


# --- The interview ---------------------------------------------------------------------------------------------------


def test_offering_meets_the_clock_and_declining_needs_the_childs_reason() -> None:
    episode = bring_back(report())
    interview = interview_of(episode)
    with pytest.raises(actors.MissingRefused):
        interviews.offer_interview(interview, actor=rhi_worker(), at=timezone.now(), answer="declined")
    interviews.offer_interview(
        interview, actor=rhi_worker(), at=timezone.now(), answer="declined", declined_reason="Doesn't want to talk."
    )
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.DECLINED and interview.declined_reason == "Doesn't want to talk."
    clock = Clock.objects.get(subject_type="missing.interview", subject_id=str(interview.pk))
    assert clock.state == ClockState.MET and not clock.met_late


def test_a_completed_interview_is_shared_with_police_field_by_field_and_prompts_the_plan(client, sign_in_as) -> None:
    child = PersonFactory()
    episode = bring_back(report(child))
    accept(episode)
    interviews.complete_interview(interview_of(episode), FINDINGS, actor=rhi_worker())
    assert interview_of(episode).status == InterviewStatus.COMPLETED
    prompt = Prompt.objects.get(kind=PromptKind.TRIGGER_PLAN, person=child)
    assert prompt.reason == "a return home interview was completed" and prompt.done_at is None
    sign_in_as("mash_police", agency=police_agency())
    html = page(client, f"/missing/episodes/{episode.reference}/")
    findings = html.split('data-testid="interview-findings"')[1].split("</dl>")[0]
    for said in ("Push factors", "Arguments at home", "Pull factors", "Older friends", "Mill Street", "Dex",
                 "Associating with older people", "Unexplained money", "nobody shouts"):  # fmt: skip
        assert said in findings, said
    plan(child)
    assert Prompt.objects.get(pk=prompt.pk).done_at is not None


def test_an_interview_cannot_be_completed_before_it_is_accepted() -> None:
    episode = bring_back(report())
    with pytest.raises(actors.MissingRefused):
        interviews.complete_interview(interview_of(episode), FINDINGS, actor=rhi_worker())


# --- Trigger plans -------------------------------------------------------------------------------------------------


def test_trigger_plans_are_versioned_and_police_see_the_current_one_when_an_episode_opens(client, sign_in_as) -> None:
    child = PersonFactory()
    plan(child, officer_actions="Version one actions.")
    plan(child, officer_actions="Version two actions.", why_changed="After the interview")
    assert list(TriggerPlan.objects.filter(person=child).values_list("version", flat=True)) == [2, 1]
    police = UserFactory(roles=["mash_police"], agency=police_agency())
    episode = report(child)
    assert OutboxMessage.objects.filter(kind="missing.trigger_plan_live", recipient=police).exists()
    sign_in_as("mash_police", agency=police_agency())
    html = page(client, f"/missing/episodes/{episode.reference}/")
    shown = html.split('data-testid="trigger-plan"')[1].split("</dl>")[0]
    assert "Version two actions." in shown and "Version one actions." not in shown
    assert "Version 2" in html


def test_closing_an_episode_prompts_a_review_of_the_plan() -> None:
    child = PersonFactory()
    episode = bring_back(report(child))
    services.close_episode(episode, timezone.now(), actor=coordinator())
    assert Prompt.objects.filter(kind=PromptKind.TRIGGER_PLAN, person=child, reason="the episode closed").exists()
    with pytest.raises(actors.MissingRefused):
        services.close_episode(episode, timezone.now(), actor=coordinator())


# --- Repeats ---------------------------------------------------------------------------------------------------------


def test_the_third_episode_in_ninety_days_prompts_the_mash_manager() -> None:
    manager = UserFactory(roles=["mash_manager"])
    child = PersonFactory()
    now = timezone.now()
    report(child, went_missing_at=now - timedelta(days=80))
    report(child, went_missing_at=now - timedelta(days=30))
    assert not Prompt.objects.filter(kind=PromptKind.STRATEGY).exists()
    third = report(child, went_missing_at=now - timedelta(hours=2))
    prompt = Prompt.objects.get(kind=PromptKind.STRATEGY)
    assert prompt.episode == third and prompt.reason == "3 missing episodes in 90 days"
    told = OutboxMessage.objects.get(kind="missing.repeat_episodes", recipient=manager)
    assert "strategy discussion" in told.subject and child.last_name not in told.subject


def test_three_episodes_spread_over_more_than_ninety_days_prompt_nothing() -> None:
    child = PersonFactory()
    now = timezone.now()
    for days in (120, 60, 0):
        report(child, went_missing_at=now - timedelta(days=days, hours=2))
    assert not Prompt.objects.filter(kind=PromptKind.STRATEGY).exists()


@pytest.mark.parametrize("threshold", [2, 4])
def test_the_repeat_threshold_is_a_setting(settings, threshold: int) -> None:
    settings.FRONTDOOR_MISSING_REPEAT_EPISODES = threshold
    child = PersonFactory()
    for hours in (50, 30, 10):
        report(child, went_missing_at=timezone.now() - timedelta(hours=hours))
    assert Prompt.objects.filter(kind=PromptKind.STRATEGY).count() == (2 if threshold == 2 else 0)


# --- Pages and forms -----------------------------------------------------------------------------------------------


def test_the_coordinator_records_an_episode_and_the_find_by_hand(client, sign_in_as) -> None:
    child = PersonFactory(first_name="Kayla", last_name="Brook")
    sign_in_as("missing_exploitation_coordinator", agency=AgencyFactory(name="Esterbury Youth Support"))
    yesterday = timezone.localtime() - timedelta(days=1)
    form = {
        "first_name": "Kayla", "last_name": "Brook", "date_of_birth_day": "17", "date_of_birth_month": "5",
        "date_of_birth_year": "2015", "category": "concern-for-safety", "went_missing_day": str(yesterday.day),
        "went_missing_month": str(yesterday.month), "went_missing_year": str(yesterday.year),
        "went_missing_time": "9:15pm",
    }  # fmt: skip
    response = client.post("/missing/episodes/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    episode = Episode.objects.get()
    assert episode.person == child
    now = timezone.localtime()
    back = {"how": "found", "ended_day": str(now.day), "ended_month": str(now.month), "ended_year": str(now.year),
            "ended_time": "25:00", "where": ""}  # fmt: skip
    html = unescape(client.post(f"/missing/episodes/{episode.reference}/return/", back).content.decode())
    assert "Enter the time the child came back, like 14:30 or 2:30pm" in html
    assert "Enter where the child was found or returned to" in html
    back.update(ended_time=f"{now:%H}:00", where="Esterbury bus station")
    assert client.post(f"/missing/episodes/{episode.reference}/return/", back).status_code == 302
    episode.refresh_from_db()
    assert episode.vist is not None and interview_of(episode).status == InterviewStatus.REQUESTED
    html = page(client, f"/missing/episodes/{episode.reference}/")
    assert "Found" in html and "Esterbury bus station" in html and episode.vist.reference in html
    home = page(client, "/")
    assert "1 return without a return home interview offered" in home


def test_a_date_in_the_future_is_refused_beside_the_field(client, sign_in_as) -> None:
    sign_in_as("mash_police", agency=police_agency())
    later = timezone.localtime() + timedelta(days=2)
    form = {"first_name": "A", "last_name": "B", "category": "absent", "went_missing_day": str(later.day),
            "went_missing_month": str(later.month), "went_missing_year": str(later.year),
            "went_missing_time": "10am"}  # fmt: skip
    html = unescape(client.post("/missing/episodes/new/", form).content.decode())
    assert "The date the child went missing must be today or in the past" in html
    assert not Episode.objects.exists()


def test_the_rhi_worker_offers_and_records_an_interview_through_the_pages(client, sign_in_as) -> None:
    child = PersonFactory()
    episode = bring_back(report(child))
    sign_in_as("return_home_interview_worker", agency=AgencyFactory(name="Esterbury Youth Support"))
    home = page(client, "/")
    assert "1 return home interview to offer" in home and "My deadlines" in home
    assert episode.reference in page(client, "/missing/interviews/")
    assert page(client, f"/record/{child.pk}/")  # the child referred to them, without break-glass
    now = timezone.localtime()
    offer = {"offered_day": str(now.day), "offered_month": str(now.month), "offered_year": str(now.year),
             "offered_time": f"{now:%H}:00", "answer": "declined"}  # fmt: skip
    html = unescape(client.post(f"/missing/interviews/{episode.reference}/offer/", offer).content.decode())
    assert "Enter why the child declined, in their words if you can" in html
    offer["answer"] = "accepted"
    assert client.post(f"/missing/interviews/{episode.reference}/offer/", offer).status_code == 302
    held = {"held_day": str(now.day), "held_month": str(now.month), "held_year": str(now.year),
            "held_time": f"{now:%H}:00", "push_factors": "Rows at home.", "pull_factors": "Friends in town.",
            "where": "The skate park.", "with_whom": "Two older boys.", "indicators": ["drugs"],
            "child_account": "I was fine."}  # fmt: skip
    assert client.post(f"/missing/interviews/{episode.reference}/findings/", held).status_code == 302
    assert interview_of(episode).status == InterviewStatus.COMPLETED
    html = page(client, f"/missing/interviews/{episode.reference}/")
    assert "Carrying or dealing drugs, or drug debt" in html and "The skate park." in html


def test_the_coordinator_reaches_children_with_open_episodes_only(client, sign_in_as) -> None:
    missing_now, never = PersonFactory(), PersonFactory()
    report(missing_now)
    sign_in_as("missing_exploitation_coordinator", agency=AgencyFactory(name="Esterbury Youth Support"))
    html = page(client, f"/record/{missing_now.pk}/")
    assert "Missing episode: missing: medium risk" in html.lower() or "missing episode" in html.lower()
    assert client.get(f"/record/{never.pk}/").status_code == 403


def test_the_care_profile_is_kept_current_and_shown_on_the_episode(client, sign_in_as) -> None:
    child = PersonFactory()
    episode = report(child)
    sign_in_as("missing_exploitation_coordinator", agency=AgencyFactory(name="Esterbury Youth Support"))
    html = unescape(client.post(f"/missing/children/{child.pk}/care/", {"in_care": "yes"}).content.decode())
    assert "Enter the child's placement" in html
    saved = client.post(
        f"/missing/children/{child.pk}/care/",
        {"in_care": "yes", "placement": "Oak House children's home", "description": "Slim, dark hair, 5 foot 2"},
    )
    assert saved.status_code == 302
    html = page(client, f"/missing/episodes/{episode.reference}/")
    assert "Yes: Oak House children's home" in html and "Slim, dark hair" in html


# --- The child's page and subject access -----------------------------------------------------------------------------


def test_the_episode_and_interview_are_in_the_chronology_deadlines_and_subject_access(client, sign_in_as) -> None:
    child = PersonFactory()
    episode = bring_back(report(child, category="concern-for-safety"))
    sign_in_as("missing_exploitation_coordinator", agency=AgencyFactory(name="Esterbury Youth Support"))
    html = page(client, f"/record/{child.pk}/")
    chronology = html.split('data-testid="chronology"')[1].split("</table>")[0]
    assert "Missing episode: concern for safety" in chronology and episode.reference in chronology
    assert "Return home interview: waiting to be offered" in chronology
    assert f"Offer of a return home interview: episode {episode.reference}" in html  # what the child is on
    accept(episode)
    interviews.complete_interview(interview_of(episode), FINDINGS, actor=rhi_worker())
    sign_in_as("privacy_officer")
    response = client.get(f"/record/{child.pk}/subject-access/", {"format": "json"})
    assert response.status_code == 200
    text = response.content.decode()
    assert episode.reference in text and "nobody shouts" in text


def test_the_interview_worker_reaches_only_the_children_referred_to_them(client, sign_in_as) -> None:
    referred, other = PersonFactory(), PersonFactory()
    bring_back(report(referred))
    report(other)  # missing, but not back: nothing is asked of the interview service yet
    sign_in_as("return_home_interview_worker", agency=AgencyFactory(name="Esterbury Youth Support"))
    assert client.get(f"/record/{referred.pk}/").status_code == 200
    assert client.get(f"/record/{other.pk}/").status_code == 403
    assert client.get("/missing/").status_code == 403  # the coordinator's and police's lists are not theirs
