"""Family help (early help): the MASH's early-help decisions reach a triage list; families wait on an allocation
waiting list with their weeks counted and an interim duty worker named; past the alert (four weeks) they are
listed and the family help manager is told; a lead practitioner is allocated with the family's and each child's
voice; a step-up to the MASH and the MASH's decision on it stay in the family's history, both ways."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from frontdoor.core import outbox
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, Notification
from frontdoor.familyhelp import stepdown
from frontdoor.familyhelp.clocks import ALLOCATION, FAMILY_SUBJECT
from frontdoor.familyhelp.models import Family, FamilyStatus, StepUp
from frontdoor.familyhelp.waits import tell_duty_workers_of_long_waits
from frontdoor.intake.models import Referral
from support.arrivals import referral_data, submit
from support.factories import PersonFactory, UserFactory
from support.familyhelp import allocated, children_of, decide_early_help, on_the_waiting_list, stepped_down
from support.words import visible_text

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return visible_text(response.content)


# --- Step-down: the MASH's decision reaches family help -----------------------------------------------------------


def test_an_early_help_decision_puts_the_family_on_the_triage_list_once(client, sign_in_as) -> None:
    family = stepped_down()
    assert stepdown.take_decisions() == 0  # taken once, however often the worker looks
    assert family.status == FamilyStatus.TRIAGE
    assert [c.name for c in family.children.order_by("id")] == ["Ellie Brennan", "Sonny Brennan"]
    clock = Clock.objects.get(subject_type=FAMILY_SUBJECT, subject_id=str(family.pk))
    assert clock.rule == ALLOCATION.code and clock.started_at == family.waiting_since
    assert clock.due_at - clock.started_at == timedelta(weeks=4)

    other = submit(UserFactory(roles=["school_dsl"]), referral_data(*children_of("Osei")))
    decide_early_help(other, outcome="assessment")
    assert stepdown.take_decisions() == 0  # only early help comes to family help
    assert Family.objects.count() == 1

    sign_in_as("early_help_worker")
    page = text_of(client.get("/family-help/"))
    assert f"{family.reference}" in page and "Ellie Brennan, Sonny Brennan" in page
    assert "1 family stepped down by the MASH" in page


def test_the_wait_counts_from_the_mashs_decision_not_from_when_the_job_ran() -> None:
    with time_machine.travel(MONDAY, tick=False):
        referral = submit(UserFactory(roles=["school_dsl"]), referral_data(*children_of()))
        decide_early_help(referral)
    with time_machine.travel(MONDAY + timedelta(minutes=5), tick=False):
        stepdown.take_decisions()
    assert Family.objects.get().waiting_since == MONDAY


# --- The waiting list and the alert ---------------------------------------------------------------------------------


def test_an_early_help_family_waits_five_weeks_in_a_test_and_appears_on_the_alert_list(client, sign_in_as) -> None:
    duty = UserFactory(roles=["early_help_worker"], first_name="Chris", last_name="Adebayo")
    manager = UserFactory(roles=["mash_manager"])
    with time_machine.travel(MONDAY, tick=False):
        waiting = on_the_waiting_list(stepped_down(), duty=duty)
        recent = stepped_down("Osei")  # stepped down the same day, allocated within the four weeks
    with time_machine.travel(MONDAY + timedelta(weeks=3), tick=False):
        allocated(on_the_waiting_list(recent))
        assert sweep_due_clocks() == 0
        sign_in_as("early_help_worker")
        assert "0 families still without a lead practitioner" in text_of(client.get("/family-help/waiting/alert/"))

    with time_machine.travel(MONDAY + timedelta(weeks=5), tick=False):
        assert sweep_due_clocks() == 1  # the Brennans' allocation deadline, missed
        assert tell_duty_workers_of_long_waits() == 1
        assert tell_duty_workers_of_long_waits() == 0  # told once
        outbox.deliver_due()
        sign_in_as("early_help_worker")
        alerts = client.get("/family-help/waiting/alert/")
        page = text_of(alerts)
        assert "1 family still without a lead practitioner 4 weeks or more" in page
        assert waiting.reference in page and recent.reference not in page
        assert "5 weeks" in page and "Chris Adebayo" in page
        waiting_list = client.get("/family-help/waiting/").content.decode()
        row = waiting_list.split(f'data-reference="{waiting.reference}"')[1].split("</tr>")[0]
        assert "4 weeks or more" in visible_text(row)  # the family's row carries the alert's tag
        home = text_of(client.get("/"))
        assert "1 family waiting 4 weeks or more" in home

    escalation = Escalation.objects.get(clock__subject_id=str(waiting.pk))
    assert escalation.notify_role == "mash_manager"
    told = Notification.objects.get(user=manager, subject__startswith="Deadline missed")
    assert told.subject == (
        f"Deadline missed: Allocation of a family help lead practitioner for family {waiting.reference}"
    )
    assert Escalation.objects.count() == 1
    sign_in_as("mash_manager")  # the family help manager finds the family from the missed deadline
    missed = client.get("/mash/escalations/").content.decode()
    assert f'href="/family-help/families/{waiting.reference}/"' in missed
    assert Notification.objects.filter(
        user=duty, subject=f"Family {waiting.reference} has waited 4 weeks for a lead practitioner"
    ).exists()


def test_the_waiting_list_shows_each_familys_weeks_and_duty_worker_longest_first(client, sign_in_as) -> None:
    kim = UserFactory(roles=["early_help_worker"], first_name="Kim", last_name="Turner")
    with time_machine.travel(MONDAY, tick=False):
        longer = on_the_waiting_list(stepped_down(), duty=kim)
    with time_machine.travel(MONDAY + timedelta(days=10), tick=False):
        shorter = on_the_waiting_list(stepped_down("Osei"), duty=kim)
    with time_machine.travel(MONDAY + timedelta(days=19), tick=False):
        sign_in_as("mash_manager")
        html = client.get("/family-help/waiting/").content.decode()
        page = visible_text(html)
    assert html.index(longer.reference) < html.index(shorter.reference)
    assert "2 weeks and 5 days" in page and "1 week and 2 days" in page
    assert page.count("Kim Turner") == 2


def test_alert_weeks_are_a_setting(client, sign_in_as, settings) -> None:
    settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS = 2
    with time_machine.travel(MONDAY, tick=False):
        family = stepped_down()
    with time_machine.travel(MONDAY + timedelta(weeks=2, hours=1), tick=False):
        sign_in_as("early_help_worker")
        page = text_of(client.get("/family-help/waiting/alert/"))
    assert "Waiting 2 weeks or more" in page and family.reference in page


# --- Triage and allocation --------------------------------------------------------------------------------------------


def test_triage_names_the_duty_worker_or_signposts_and_closes(client, sign_in_as) -> None:
    worker = sign_in_as("early_help_worker", first_name="Kim", last_name="Turner")
    family, other = stepped_down(), stepped_down("Osei")
    missing = client.post(f"/family-help/families/{family.reference}/triage/", {"outcome": "waiting_list"})
    page = text_of(missing)
    assert "Select the duty worker who will support the family while it waits" in page
    assert "Enter what the family was told, and why" in page

    response = client.post(
        f"/family-help/families/{family.reference}/triage/",
        {"outcome": "waiting_list", "duty_worker": worker.pk, "note": "They want help with mornings."},
        follow=True,
    )
    assert "is on the allocation waiting list" in text_of(response)
    family.refresh_from_db()
    assert family.status == FamilyStatus.WAITING
    assert family.duty_workers.get().worker == worker

    client.post(
        f"/family-help/families/{other.reference}/triage/",
        {"outcome": "signposted", "note": "Dad will use the children's centre's stay-and-play."},
    )
    other.refresh_from_db()
    assert other.status == FamilyStatus.CLOSED
    wait = Clock.objects.get(subject_type=FAMILY_SUBJECT, subject_id=str(other.pk))
    assert wait.state == ClockState.CANCELLED


def test_allocation_asks_each_child_separately_and_records_every_voice(client, sign_in_as) -> None:
    lead = UserFactory(roles=["early_help_worker"], first_name="Kim", last_name="Turner")
    family = on_the_waiting_list(stepped_down())
    ellie, sonny = family.children.order_by("id")
    sign_in_as("mash_manager")
    url = f"/family-help/families/{family.reference}/allocate/"
    form = text_of(client.get(url))
    assert "Do you know Ellie Brennan's own wishes and feelings?" in form
    assert "Do you know Sonny Brennan's own wishes and feelings?" in form

    half = {
        "lead_practitioner": lead.pk,
        "family_voice": "Louise wants calmer mornings.",
        f"voice_{ellie.pk}": "obtained",
    }
    page = text_of(client.post(url, half))
    assert "Enter Ellie Brennan's own wishes and feelings" in page
    assert "Select whether you know Sonny Brennan's own wishes and feelings" in page
    assert Family.objects.get(pk=family.pk).status == FamilyStatus.WAITING

    answers = {
        **half,
        f"wishes_{ellie.pk}": "I hate being late. I want Mum to be less tired.",
        f"voice_{sonny.pk}": "not_obtained",
        f"reason_{sonny.pk}": "Sonny is four and would not talk to a stranger yet.",
    }
    done = client.post(url, answers, follow=True)
    page = text_of(done)
    assert "is allocated to Kim Turner" in page
    assert "I hate being late. I want Mum to be less tired." in page
    assert "Could not be obtained: Sonny is four and would not talk to a stranger yet." in page
    assert "Louise wants calmer mornings." in page
    allocation = family.allocations.get()
    assert {v.child_id: bool(v.wishes_and_feelings) for v in allocation.child_voices.all()} == {
        ellie.pk: True,
        sonny.pk: False,
    }
    wait = Clock.objects.get(subject_type=FAMILY_SUBJECT, subject_id=str(family.pk))
    assert wait.state == ClockState.MET and not wait.met_late
    assert not family.duty_workers.filter(ended_at__isnull=True).exists()  # the interim ends
    outbox.deliver_due()
    assert Notification.objects.get(user=lead).subject == f"You are the lead practitioner for family {family.reference}"


# --- Step-up and step-down keep the history -------------------------------------------------------------------------


def _step_up(client, family: Family) -> Referral:
    children = list(family.children.order_by("id"))
    response = client.post(
        f"/family-help/families/{family.reference}/step-up/",
        {
            "concern": "Ellie told her teacher Mum's new partner hit Sonny.",
            "level_of_need": "4",
            "presenting_issues": ["physical_abuse", "domestic_abuse"],
            "consent": "dispensed",
            "consent_rationale": "Asking could put the children at risk.",
            **{f"voice_{c.pk}": "obtained" for c in children},
            **{f"wishes_{c.pk}": f"{c.first_name} is scared at home." for c in children},
        },
        follow=True,
    )
    assert "is with the MASH" in text_of(response)
    return StepUp.objects.get(family=family).referral


def test_a_step_up_goes_to_the_mash_through_intake_and_comes_back_with_its_history(client, sign_in_as) -> None:
    ellie_person = PersonFactory(first_name="Ellie", last_name="Brennan")
    lead = sign_in_as("early_help_worker", first_name="Kim", last_name="Turner")
    family = allocated(on_the_waiting_list(stepped_down(link=[ellie_person])), lead=lead)
    referral = _step_up(client, family)

    assert referral.channel == "web" and referral.submitted_by == lead and referral.level_of_need == 4
    assert referral.referrer_role == "Family help lead practitioner"
    assert f"Family help (early help) family {family.reference}" in referral.previous_support
    assert "lead practitioner Kim Turner" in referral.previous_support
    assert [c.wishes_and_feelings for c in referral.children.order_by("id")] == [
        "Ellie is scared at home.",
        "Sonny is scared at home.",
    ]
    assert [a.name for a in referral.adults.all()] == ["Louise Brennan"]
    family.refresh_from_db()
    assert family.status == FamilyStatus.STEPPED_UP
    assert referral.status == "received"  # in the MASH's queue like any referral

    decide_early_help(referral)  # the MASH steps it back down
    assert stepdown.take_decisions() == 1
    family.refresh_from_db()
    assert family.status == FamilyStatus.ALLOCATED  # back with Kim, who knows them
    page = text_of(client.get(f"/family-help/families/{family.reference}/"))
    for said in (
        "Stepped down by the MASH",
        "Triaged by",
        "Lead practitioner: Kim Turner",
        "Stepped up to the MASH by Kim Turner",
        f"referral {referral.reference} Referred to the front door.",
        "Back to family help from the MASH",
        "The MASH decided early help on the step-up",
    ):
        assert said in page, said
    assert page.index("Stepped down by the MASH") < page.index("Stepped up to the MASH") < page.index("Back to")

    record = text_of(client.get(f"/record/{ellie_person.pk}/"))  # Kim leads the family: no break-glass
    for line in ("Stepped down to family help", "Family help lead practitioner allocated", "Stepped up to the MASH"):
        assert line in record, line
    assert "Back to family help from the MASH" in record
    outbox.deliver_due()
    assert Notification.objects.filter(user=lead, subject=f"Family {family.reference} is back with you").exists()


def test_a_step_up_the_mash_takes_into_social_care_closes_family_help_and_keeps_the_history(client, sign_in_as) -> None:
    lead = sign_in_as("early_help_worker", first_name="Kim", last_name="Turner")
    family = allocated(on_the_waiting_list(stepped_down()), lead=lead)
    referral = _step_up(client, family)
    decide_early_help(referral, outcome="strategy_discussion")
    assert stepdown.take_decisions() == 1
    assert stepdown.take_decisions() == 0
    family.refresh_from_db()
    assert family.status == FamilyStatus.STEPPED_UP and family.closed_at is not None
    assert not family.allocations.filter(ended_at__isnull=True).exists()
    step_up = StepUp.objects.get(family=family)
    assert step_up.outcome == "strategy_discussion" and step_up.outcome_label == "Strategy discussion"
    page = text_of(client.get(f"/family-help/families/{family.reference}/"))
    assert "The MASH decided strategy discussion." in page
    assert "Stepped up: the MASH decided strategy discussion." in page
    assert "Step up to the MASH" not in page  # nothing left to step up


# --- Who may do what ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("referrer", "/family-help/", 403),
        ("mash_social_worker", "/family-help/waiting/", 403),
        ("early_help_worker", "/family-help/families/{ref}/allocate/", 403),
        ("mash_manager", "/family-help/families/{ref}/allocate/", 200),
        ("mash_manager", "/family-help/families/{ref}/step-up/", 403),
        ("mash_manager", "/family-help/families/{ref}/duty-worker/", 403),
        ("early_help_worker", "/family-help/families/{ref}/duty-worker/", 200),
        ("early_help_worker", "/family-help/families/{ref}/step-up/", 200),
    ],
)
def test_each_role_may_do_only_its_part(client, sign_in_as, role: str, path: str, status: int) -> None:
    family = on_the_waiting_list(stepped_down())
    sign_in_as(role)
    assert client.get(path.format(ref=family.reference)).status_code == status


def test_a_form_for_a_family_that_has_moved_on_says_so(client, sign_in_as) -> None:
    family = allocated(on_the_waiting_list(stepped_down()))
    sign_in_as("mash_manager")
    response = client.get(f"/family-help/families/{family.reference}/allocate/", follow=True)
    assert f"Family {family.reference} is not waiting for allocation." in text_of(response)
