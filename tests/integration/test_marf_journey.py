"""The MARF journey in the test client: a referrer refers two siblings, each with their own wishes and feelings.

Every page goes through the page-shape check (the `client` fixture). Errors are checked beside the field they
belong to, by the id the GOV.UK macros give the error message (`<field id>-error`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.models import Clock, OutboxMessage
from frontdoor.intake import services
from frontdoor.intake.forms import PRESENTING_ISSUES, add_months
from frontdoor.intake.models import Referral, ReferralChild, ReferralDraft, ReferralStatus
from frontdoor.intake.schemas import PRESENTING_ISSUES as API_PRESENTING_ISSUES
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
AMA_BORN = TODAY - timedelta(days=9 * 365)
KOFI_BORN = TODAY - timedelta(days=3 * 365)
VALID_NHS = "943 476 5919"


# --- Helpers ------------------------------------------------------------------------------------------------


class _ById(HTMLParser):
    """The text inside the element with a given id."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.parts = element_id, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(html: str, element_id: str) -> str:
    parser = _ById(element_id)
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def error_beside(response, field_id: str) -> str:
    """The error message shown beside a field (GOV.UK puts it in `<id>-error`), without "Error:"."""
    return text_of(response.content.decode(), f"{field_id}-error").removeprefix("Error: ")


def date_parts(name: str, day: date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def referrer_answers(**changes) -> dict:
    return {
        "referrer_name": "Rosa Fielding",
        "referrer_role": "School nurse",
        "referrer_phone": "01632 960 001",
        "referrer_email": "rosa.fielding@health.example.org",
        "referrer_relationship": "School nurse at Millbrook Primary",
        "share_identity": "yes",
        **changes,
    }


def child_answers(first: str = "Ama", dob: date = AMA_BORN, **changes) -> dict:
    return {
        "first_name": first,
        "last_name": "Mensah",
        "born": "yes",
        **date_parts("date_of_birth", dob),
        "sex": "F",
        "nhs_number": VALID_NHS,
        "address": "4 Quarry Lane, Esterbury",
        "postcode": "es1 2ab",
        "school": "Millbrook Primary School",
        "interpreter_needed": "no",
        **changes,
    }


def adult_answers(**changes) -> dict:
    return {
        "name": "Grace Mensah",
        "relationship": "Mother",
        **date_parts("date_of_birth", date(1990, 4, 2)),
        "parental_responsibility": "yes",
        "lives_with_child": "yes",
        **changes,
    }


CONCERN = {
    "concern": "Ama came to school with bruises on both arms.\nKofi is often collected late and hungry.",
    "first_hand": "I saw the bruises on Monday at 9am.",
    "third_party": "Her class teacher says Ama is withdrawn.",
}
ISSUES = {"presenting_issues": ["physical_abuse", "neglect"], "risks": "Escalating injuries", "strengths": "Nan"}
CONSENT_DISPENSED = {
    "consent": "dispensed",
    "dispensed_rationale": "Asking the mother would put Ama at greater risk.",
    "parents_informed": "no",
    "parents_not_informed_reason": "Telling them could increase the risk to the children.",
}


@pytest.fixture
def referrer(sign_in_as):
    agency = AgencyFactory(name="Esterbury Community Health")
    return sign_in_as(Role.REFERRER, first_name="Rosa", last_name="Fielding", agency=agency, job_title="School nurse")


def post(client, url: str, data: dict, *, to: str | None = None):
    """POST a page and expect to move on (to `to`, if given)."""
    response = client.post(url, data)
    assert response.status_code == 302, error_summary(response)
    if to is not None:
        assert re.search(to, response["Location"]), response["Location"]
    return response["Location"]


def error_summary(response) -> str:
    return text_of(response.content.decode(), "main-content")[:600] if response.status_code == 200 else ""


def start_draft(client) -> str:
    location = post(client, "/referrals/new/", {}, to=r"/referrals/drafts/[0-9a-f-]{36}/referrer/$")
    return location.removesuffix("referrer/")


def add_child(client, base: str, details: dict, wishes: dict, *, first: bool = False) -> str:
    """From the referrer page (first child) or the children list, add a child with their details and wishes."""
    if first:
        child_url = post(client, base + "referrer/", referrer_answers(), to=r"/children/[0-9a-f]{8}/$")
    else:
        child_url = post(client, base + "children/", {"answer": "yes"}, to=r"/children/[0-9a-f]{8}/$")
    wishes_url = post(client, child_url, details, to=r"/wishes/$")
    post(client, wishes_url, wishes, to=r"/children/$")
    return child_url


def complete_draft(client, *, consent: dict | None = None, level: str = "4") -> str:
    """Everything up to "check your answers", for two siblings; returns the draft's base address."""
    base = start_draft(client)
    add_child(
        client,
        base,
        child_answers(),
        {"voice": "obtained", "wishes_and_feelings": "Ama says she wants her mum to stop shouting."},
        first=True,
    )
    add_child(
        client,
        base,
        child_answers("Kofi", KOFI_BORN, sex="M", nhs_number=""),
        {"voice": "not_obtained", "wishes_not_obtained_reason": "Kofi is three and has little speech."},
    )
    adult_url = post(client, base + "children/", {"answer": "no"}, to=r"/adults/$")
    adult_url = post(client, adult_url, {"answer": "yes"}, to=r"/adults/[0-9a-f]{8}/$")
    post(client, adult_url, adult_answers(), to=r"/adults/$")
    post(client, base + "adults/", {"answer": "no"}, to=r"/concern/$")
    post(client, base + "concern/", CONCERN, to=r"/issues/$")
    post(client, base + "issues/", ISSUES, to=r"/level/$")
    post(client, base + "level/", {"level_of_need": level}, to=r"/consent/$")
    post(client, base + "consent/", consent or CONSENT_DISPENSED, to=r"/check/$")
    return base


# --- The whole journey --------------------------------------------------------------------------------------


def test_two_siblings_are_referred_each_with_their_own_wishes_and_feelings(client, referrer) -> None:
    assert "Make a referral" in client.get("/referrals/new/").content.decode()
    base = complete_draft(client)

    check = unescape(client.get(base + "check/").content.decode())
    assert "Check your answers before sending your referral" in check
    assert "Ama says she wants her mum to stop shouting." in check
    assert "Could not be obtained, because:" in check and "Kofi is three and has little speech." in check
    assert "943 476 5919" in check and "ES1 2AB" in check  # normalised as they were saved
    assert "Consent dispensed with: risk of significant harm" in check
    assert check.count(">Change<") >= 10

    location = post(client, base + "check/", {}, to=r"^/referrals/FD-[0-9A-Z]{4}-[0-9A-Z]{4}/sent/$")
    referral = Referral.objects.get()
    sent = client.get(location).content.decode()
    assert "Referral received" in sent and referral.reference in sent
    assert "A decision is due within one working day" in sent
    assert "/referrals/" in sent  # the link to My referrals

    assert referral.channel == "web" and referral.submitted_by == referrer and referral.status == "received"
    assert referral.referrer_agency.name == "Esterbury Community Health"
    assert referral.level_of_need == 4 and referral.consent == "dispensed"
    assert referral.consent_rationale == "Asking the mother would put Ama at greater risk."
    assert referral.parents_informed is False and referral.presenting_issues == ["physical_abuse", "neglect"]
    ama, kofi = ReferralChild.objects.filter(referral=referral).order_by("id")
    assert (ama.first_name, ama.date_of_birth, ama.nhs_number, ama.postcode) == (
        "Ama",
        AMA_BORN,
        "9434765919",
        "ES1 2AB",
    )
    assert (
        ama.wishes_and_feelings == "Ama says she wants her mum to stop shouting." and not ama.wishes_not_obtained_reason
    )
    assert kofi.wishes_not_obtained_reason == "Kofi is three and has little speech." and not kofi.wishes_and_feelings
    assert referral.adults.get().parental_responsibility is True
    assert OutboxMessage.objects.filter(kind="referral.acknowledged", recipient=referrer).count() == 1
    assert AccessAudit.objects.filter(action="submit_referral", purpose=referral.reference, actor=referrer).count() == 1
    clock = Clock.objects.get(subject_type="intake.referral", subject_id=str(referral.pk))
    assert clock.rule == "referral.decision" and clock.state == "running"

    # The draft is closed and keeps no second copy; sending again makes nothing new.
    draft = ReferralDraft.objects.get()
    assert draft.submitted_referral == referral and draft.data == {}
    assert client.post(base + "check/")["Location"] == location
    assert client.get(base + "consent/")["Location"] == location
    assert Referral.objects.count() == 1 and ReferralChild.objects.count() == 2


def test_my_referrals_shows_each_referral_with_its_status_and_the_detail_what_was_sent(client, referrer) -> None:
    base = complete_draft(client)
    post(client, base + "check/", {})
    referral = Referral.objects.get()

    mine = client.get("/referrals/").content.decode()
    assert referral.reference in mine and "Ama Mensah, Kofi Mensah" in mine
    assert text_of(mine, "main-content").count("Received") >= 1 and "govuk-tag--blue" in mine
    detail = unescape(client.get(f"/referrals/{referral.reference}/").content.decode())
    assert "Decision due" in detail and "Ama says she wants her mum to stop shouting." in detail

    referral.status = ReferralStatus.SCREENING
    referral.save()
    assert "Being screened" in client.get("/referrals/").content.decode()


def test_someone_elses_referral_and_draft_are_not_found(client, referrer) -> None:
    base = complete_draft(client)
    post(client, base + "check/", {})
    other_draft = start_draft(client)
    reference = Referral.objects.get().reference

    client.force_login(UserFactory(roles=[Role.REFERRER]))
    session = client.session
    session[ACTIVE_ROLE_KEY] = Role.REFERRER
    session.save()
    assert client.get(f"/referrals/{reference}/").status_code == 404
    assert client.get(f"/referrals/{reference}/sent/").status_code == 404
    assert client.get(other_draft + "referrer/").status_code == 404
    assert client.post(other_draft + "autosave/referrer/", {"referrer_name": "X"}).status_code == 404
    assert reference not in client.get("/referrals/").content.decode()


def test_a_role_that_cannot_refer_is_refused(client, sign_in_as) -> None:
    sign_in_as(Role.ANALYST)
    assert client.get("/referrals/new/").status_code == 403
    assert client.get("/referrals/").status_code == 403


def test_presenting_issues_use_the_partner_apis_codes() -> None:
    assert tuple(code for code, _ in PRESENTING_ISSUES) == API_PRESENTING_ISSUES


# --- Drafts survive the session -----------------------------------------------------------------------------


def test_a_draft_survives_a_new_session_and_continues_where_the_referrer_was(client, referrer) -> None:
    base = start_draft(client)
    child_url = post(client, base + "referrer/", referrer_answers())
    post(client, child_url, child_answers(), to=r"/wishes/$")
    # The session ends (timed out, or the laptop closed) and the referrer signs in again.
    client.logout()
    fresh = Client()
    fresh.force_login(referrer)
    session = fresh.session
    session[ACTIVE_ROLE_KEY] = Role.REFERRER
    session.save()

    home = fresh.get("/").content.decode()
    assert "Continue your draft referral" in home and "Ama Mensah" in home
    resume = re.search(r'href="(/referrals/drafts/[0-9a-f-]{36}/)"', home)
    assert resume is not None and resume.group(1) == base
    page = fresh.get(base, follow=True)
    assert page.redirect_chain[-1][0] == child_url + "wishes/"
    assert "Do you know Ama Mensah&#39;s own wishes and feelings?" in page.content.decode()
    details = fresh.get(child_url).content.decode()
    assert 'value="Mensah"' in details and 'value="943 476 5919"' in details  # as typed


def test_answers_with_errors_are_kept_in_the_draft(client, referrer) -> None:
    base = start_draft(client)
    response = client.post(base + "referrer/", referrer_answers(referrer_email="not an email"))
    assert response.status_code == 200
    again = client.get(base).url
    assert again.endswith("/referrer/")
    assert 'value="not an email"' in client.get(again).content.decode()


def test_autosave_keeps_answers_as_typed_and_is_protected(client, referrer) -> None:
    base = start_draft(client)
    response = client.post(base + "autosave/referrer/", referrer_answers(referrer_role="Health visitor", extra="x"))
    assert response.status_code == 200 and response.json()["saved"] is True
    saved = ReferralDraft.objects.get().data["pages"]["referrer"]
    assert saved["referrer_role"] == "Health visitor" and "extra" not in saved
    assert client.post(base + "autosave/nonsense/", {}).status_code == 404
    assert client.post(base + "autosave/children.00000000.details/", {}).status_code == 404
    assert client.get(base + "autosave/referrer/").status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(referrer)
    session = strict.session
    session[ACTIVE_ROLE_KEY] = Role.REFERRER
    session.save()
    assert strict.post(base + "autosave/referrer/", {"referrer_role": "Forged"}).status_code == 403
    assert ReferralDraft.objects.get().data["pages"]["referrer"]["referrer_role"] == "Health visitor"


def test_drafts_are_listed_on_my_referrals_and_the_start_page(client, referrer) -> None:
    start_draft(client)
    assert "Continue your draft referral" in client.get("/referrals/").content.decode()
    assert "Continue your draft referral" in client.get("/referrals/new/").content.decode()


# --- Children: add, change, remove; unborn ------------------------------------------------------------------


PARENTS_VIEWS = "Mum says she wants to keep the baby and needs help to stay away from him; dad's views are not known."


def add_unborn(client, base: str, due: date) -> str:
    """The first child, an unborn baby (no first name yet); returns the baby's wishes page."""
    child_url = post(client, base + "referrer/", referrer_answers(), to=r"/children/[0-9a-f]{8}/$")
    details = {"first_name": "", "last_name": "Mensah", "born": "no", "sex": "U", "interpreter_needed": "no"}
    return post(client, child_url, {**details, **date_parts("expected_date_of_delivery", due)}, to=r"/wishes/$")


def test_an_unborn_babys_referral_asks_for_the_parents_views(client, referrer) -> None:
    due = TODAY + timedelta(days=60)
    base = start_draft(client)
    wishes_url = add_unborn(client, base, due)

    asked = unescape(client.get(wishes_url).content.decode())
    main = text_of(asked, "main-content")
    assert "<title>Do you know the parents' views and wishes about the baby? - Make a referral" in asked
    assert "expectant mother" in main and "the father's views" in main
    assert "own wishes and feelings" not in main  # the baby cannot say what they want

    nothing = client.post(wishes_url, {})
    assert unescape(error_beside(nothing, "id_voice")) == (
        "Select yes if you know the parents' views and wishes about the baby, or no if you could not find out"
    )
    blank = client.post(wishes_url, {"voice": "obtained"})
    assert (
        unescape(error_beside(blank, "id_wishes_and_feelings")) == "Enter the parents' views and wishes about the baby"
    )
    check = unescape(client.get(base + "check/").content.decode())
    assert "Mensah's parents' views: Enter the parents' views and wishes about the baby" in check

    post(client, wishes_url, {"voice": "obtained", "wishes_and_feelings": PARENTS_VIEWS}, to=r"/children/$")
    listed = " ".join(unescape(client.get(base + "children/").content.decode()).split())
    assert "Unborn </strong> Due " in listed and "or for an unborn baby the parents' views" in listed
    post(client, base + "children/", {"answer": "no"}, to=r"/adults/$")
    post(client, base + "adults/", {"answer": "no"}, to=r"/concern/$")
    post(client, base + "concern/", CONCERN)
    post(client, base + "issues/", ISSUES)
    post(client, base + "level/", {"level_of_need": "4"})
    post(client, base + "consent/", CONSENT_DISPENSED)

    check = " ".join(unescape(client.get(base + "check/").content.decode()).split())
    assert "Parents' views and wishes" in check and PARENTS_VIEWS in check
    assert "The expectant mother's and, where known, the father's views and wishes:" in check
    assert "own words" not in check and ">Wishes and feelings<" not in check
    assert 'Change<span class="govuk-visually-hidden"> the parents\' views and wishes' in check

    location = post(client, base + "check/", {})
    child = ReferralChild.objects.get()
    assert child.expected_date_of_delivery == due and child.date_of_birth is None
    assert child.wishes_and_feelings == PARENTS_VIEWS  # the same field holds the parents' views for the unborn
    reference = location.split("/")[2]
    detail = " ".join(unescape(client.get(f"/referrals/{reference}/").content.decode()).split())
    assert "Parents' views and wishes" in detail and "Unborn" in detail


def test_a_born_childs_wishes_page_still_asks_for_their_own(client, referrer) -> None:
    base = start_draft(client)
    child_url = post(client, base + "referrer/", referrer_answers())
    wishes_url = post(client, child_url, child_answers())
    asked = unescape(client.get(wishes_url).content.decode())
    assert "<title>Do you know Ama Mensah's own wishes and feelings? - Make a referral" in asked
    assert "parents' views" not in asked and "expectant mother" not in asked


def test_a_child_can_be_removed_and_at_least_one_is_needed(client, referrer) -> None:
    base = start_draft(client)
    child_url = add_child(
        client, base, child_answers(), {"voice": "obtained", "wishes_and_feelings": "Happy."}, first=True
    )
    confirm = client.get(child_url + "remove/")
    assert "Are you sure you want to remove Ama Mensah?" in unescape(confirm.content.decode())
    response = client.post(child_url + "remove/", {})
    assert error_beside(response, "id_answer") == "Select yes if you want to remove Ama Mensah"
    post(client, child_url + "remove/", {"answer": "yes"}, to=r"/children/$")
    assert "You have not added any children yet" in client.get(base + "children/").content.decode()
    response = client.post(base + "children/", {"answer": "no"})
    assert error_beside(response, "id_answer") == "Add at least one child"
    assert client.get(child_url).status_code == 404


def test_an_unfinished_child_stops_the_list_moving_on(client, referrer) -> None:
    base = start_draft(client)
    child_url = post(client, base + "referrer/", referrer_answers())
    post(client, child_url, child_answers(), to=r"/wishes/$")
    response = client.post(base + "children/", {"answer": "no"})
    assert response.status_code == 200
    assert error_beside(response, "id_answer").startswith("Ama Mensah's wishes and feelings: Select yes if you know")


def test_check_answers_lists_what_is_missing_and_refuses_to_send(client, referrer) -> None:
    base = start_draft(client)
    page = client.get(base + "check/").content.decode()
    assert "You need to finish these before you can send the referral" in page
    response = client.post(base + "check/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "<title>Error: Check your answers" in html
    assert "Add at least one child" in html and "The concern: Enter what worries you" in html
    assert Referral.objects.count() == 0


def test_change_from_check_answers_comes_back_to_it(client, referrer) -> None:
    base = complete_draft(client)
    page = client.get(base + "concern/?return=check").content.decode()
    assert 'name="return_to" value="check"' in page
    post(client, base + "concern/", {**CONCERN, "return_to": "check"}, to=r"/check/$")


# --- Validation: a specific message beside the right field --------------------------------------------------

FIVE_AGO = TODAY - timedelta(days=5 * 365)


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        (
            {"nhs_number": "943 476 5918"},
            "id_nhs_number",
            "This is not a valid NHS number. Check it and enter it again",
        ),
        ({"nhs_number": "94347659"}, "id_nhs_number", "NHS number must be 10 digits"),
        ({"nhs_number": "943476591X"}, "id_nhs_number", "NHS number must only include numbers 0 to 9"),
        ({"postcode": "NOT A CODE"}, "id_postcode", "Enter a real postcode, like ES1 2AB"),
        (
            {"upn": "A12345678901"},
            "id_upn",
            "This is not a valid unique pupil number (UPN). Check it and enter it again",
        ),
        (
            {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2020"},
            "date_of_birth",
            "Date of birth must be a real date",
        ),
        ({"date_of_birth_month": ""}, "date_of_birth", "Date of birth must include a month"),
        ({"date_of_birth_year": "20"}, "date_of_birth", "Year must include 4 numbers"),
        ({"date_of_birth_day": "x"}, "date_of_birth", "Date of birth must be a real date"),
        (
            lambda today: date_parts("date_of_birth", today + timedelta(days=1)),
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
        (
            {"date_of_birth_day": "", "date_of_birth_month": "", "date_of_birth_year": ""},
            "date_of_birth",
            "Enter the child's date of birth",
        ),
        (
            lambda today: {"born": "no", **date_parts("expected_date_of_delivery", today - timedelta(days=1))},
            "expected_date_of_delivery",
            "Expected date of delivery must be today or in the future",
        ),
        (
            lambda today: {
                "born": "no",
                **date_parts("expected_date_of_delivery", add_months(today, 10) + timedelta(days=1)),
            },
            "expected_date_of_delivery",
            "Expected date of delivery must be within the next 10 months",
        ),
        ({"born": "no"}, "expected_date_of_delivery", "Enter the expected date of delivery"),
        ({"born": ""}, "id_born", "Select yes if the child has been born"),
        ({"first_name": ""}, "id_first_name", "Enter the child's first name"),
        ({"sex": "X"}, "id_sex", "Select the child's sex, or unknown"),
        ({"interpreter_needed": ""}, "id_interpreter_needed", "Select yes if the child needs an interpreter"),
    ],
)
def test_child_details_errors_are_shown_beside_the_field(client, referrer, changes, field_id, message) -> None:
    if callable(changes):  # a date one day from today is worked out when the test runs, not when it is collected
        changes = changes(timezone.localdate())
    base = start_draft(client)
    child_url = post(client, base + "referrer/", referrer_answers())
    response = client.post(child_url, child_answers(**changes))
    assert response.status_code == 200
    assert error_beside(response, field_id) == message
    html = response.content.decode()
    assert "There is a problem" in html and "<title>Error: About " in html
    summary = text_of(html, "main-content")
    assert message in summary


def test_a_born_child_ignores_a_half_typed_expected_date(client, referrer) -> None:
    base = start_draft(client)
    child_url = post(client, base + "referrer/", referrer_answers())
    post(client, child_url, child_answers(expected_date_of_delivery_day="99"), to=r"/wishes/$")


@pytest.mark.parametrize(
    ("answers", "field_id", "message"),
    [
        (
            {},
            "id_voice",
            "Select yes if you know Ama Mensah's own wishes and feelings, or no if you could not find out",
        ),
        ({"voice": "obtained"}, "id_wishes_and_feelings", "Enter Ama Mensah's own wishes and feelings"),
        (
            {"voice": "not_obtained", "wishes_and_feelings": "Ignored"},
            "id_wishes_not_obtained_reason",
            "Enter why Ama Mensah's wishes and feelings could not be obtained",
        ),
    ],
)
def test_each_childs_wishes_or_the_reason_are_required(client, referrer, answers, field_id, message) -> None:
    base = start_draft(client)
    child_url = post(client, base + "referrer/", referrer_answers())
    wishes_url = post(client, child_url, child_answers())
    response = client.post(wishes_url, answers)
    assert response.status_code == 200
    assert unescape(error_beside(response, field_id)) == message


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"referrer_email": ""}, "id_referrer_email", "Enter your secure email address"),
        (
            {"referrer_email": "rosa@"},
            "id_referrer_email",
            "Enter an email address in the correct format, like name@example.org",
        ),
        (
            {"referrer_phone": "call me"},
            "id_referrer_phone",
            "Enter a telephone number, like 01632 960 001 or +44 808 157 0192",
        ),
        ({"referrer_name": ""}, "id_referrer_name", "Enter your full name"),
        ({"referrer_name": "R" * 201}, "id_referrer_name", "Your name must be 200 characters or fewer"),
        (
            {"share_identity": "maybe"},
            "id_share_identity",
            "Select yes if the family may be told who made this referral",
        ),
    ],
)
def test_referrer_errors_are_shown_beside_the_field(client, referrer, changes, field_id, message) -> None:
    base = start_draft(client)
    response = client.post(base + "referrer/", referrer_answers(**changes))
    assert response.status_code == 200
    assert error_beside(response, field_id) == message


@pytest.mark.parametrize(
    ("answers", "errors"),
    [
        (
            {"consent": "given", "parents_informed": "yes"},
            {
                "id_consent_given_by": "Enter who gave consent",
                "id_consent_covers": "Enter whose information the consent covers",
            },
        ),
        (
            {"consent": "not_sought", "parents_informed": "yes"},
            {"id_not_sought_reason": "Enter why consent was not sought"},
        ),
        (
            {"consent": "dispensed", "parents_informed": "yes"},
            {"id_dispensed_rationale": "Enter why the risk of significant harm means consent was not needed"},
        ),
        (
            {
                "consent": "given",
                "consent_given_by": "Grace Mensah, mother",
                "consent_covers": "Grace and the children",
            },
            {"id_parents_informed": "Select yes if the parents or carers know about this referral"},
        ),
        (
            {**CONSENT_DISPENSED, "parents_not_informed_reason": ""},
            {"id_parents_not_informed_reason": "Enter why the parents or carers have not been told"},
        ),
        ({}, {"id_consent": "Select whether the family consented to this referral"}),
    ],
)
def test_consent_variants_need_their_own_answers(client, referrer, answers, errors) -> None:
    base = start_draft(client)
    response = client.post(base + "consent/", answers)
    assert response.status_code == 200
    for field_id, message in errors.items():
        assert error_beside(response, field_id) == message


@pytest.mark.parametrize(
    "consent",
    [
        {"consent": "given", "consent_given_by": "Grace Mensah, mother", "consent_covers": "Grace, Ama and Kofi"},
        {"consent": "not_sought", "not_sought_reason": "Level 4: significant harm"},
        CONSENT_DISPENSED,
    ],
)
def test_each_consent_variant_is_stored(client, referrer, consent) -> None:
    base = complete_draft(client, consent={"parents_informed": "yes", **consent})
    post(client, base + "check/", {})
    referral = Referral.objects.get()
    assert referral.consent == consent["consent"]
    if consent["consent"] == "given":
        assert (referral.consent_given_by, referral.consent_covers) == ("Grace Mensah, mother", "Grace, Ama and Kofi")
        assert referral.consent_rationale == ""
    else:
        assert referral.consent_rationale and not referral.consent_given_by


def test_at_levels_2_and_3_the_family_must_consent(client, referrer) -> None:
    base = complete_draft(client)  # level 4, consent dispensed with
    post(client, base + "level/", {"level_of_need": "3", "return_to": "check"}, to=r"/check/$")
    response = client.post(base + "check/")
    assert response.status_code == 200 and Referral.objects.count() == 0
    assert "Consent and telling the parents: At levels 2 and 3 the family must consent" in response.content.decode()
    response = client.post(base + "consent/", CONSENT_DISPENSED)
    assert error_beside(response, "id_consent").startswith("At levels 2 and 3 the family must consent")


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("referrer/", {"referrer_name": "\x00" * 30000, "share_identity": ["yes", "no"]}),
        ("level/", {"level_of_need": "99"}),
        ("level/", {"level_of_need": "four"}),
        ("issues/", {"presenting_issues": ["arson", "neglect"]}),
        ("consent/", {"consent": "<script>", "parents_informed": "1"}),
    ],
)
def test_bad_input_is_an_error_never_a_crash(client, referrer, url, data) -> None:
    base = start_draft(client)
    response = client.post(base + url, data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_referral_sent_another_way_shows_in_my_referrals(client, referrer) -> None:
    ama = services.ChildData(first_name="Ama", last_name="Mensah", date_of_birth=AMA_BORN, wishes_and_feelings="Sad")
    submit(referrer, referral_data(ama), role=Role.REFERRER)
    assert "Ama Mensah" in client.get("/referrals/").content.decode()
