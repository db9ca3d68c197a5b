"""The emergency duty team: out of hours it sees any child's early-help and social-care records (through the access
gate, audited as "out of hours"); it records a contact, which reaches the MASH's triage queue at 09:00 on the next
working day with its clock, across weekends, bank holidays and the clock changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import unescape

import pytest
import time_machine

from frontdoor.access.models import AccessAudit
from frontdoor.access.relationships import find_legitimate_relationship
from frontdoor.core.models import Clock, ClockState
from frontdoor.mash import queue
from frontdoor.mash.edt_clocks import HANDOVER_SUBJECT
from frontdoor.mash.models_edt import EdtContact
from frontdoor.people.models import PersonKind
from support.factories import PersonFactory, UserFactory
from support.meeting import edt_contact, uk

pytestmark = pytest.mark.django_db


def handover_clock(contact: EdtContact) -> Clock:
    return Clock.objects.get(subject_type=HANDOVER_SUBJECT, subject_id=str(contact.pk))


def in_queue(reference: str, at: datetime) -> bool:
    return reference in {item.reference for item in queue.open_items(at) if item.kind == "handover"}


@pytest.mark.parametrize(
    ("recorded", "opening", "due"),
    [
        # 22:00 on a Friday: in the MASH queue at 09:00 on Monday, picked up by 13:00.
        (uk(2026, 11, 27, 22), uk(2026, 11, 30, 9), uk(2026, 11, 30, 13)),
        # Monday 25 May 2026 is the spring bank holiday: 09:00 on Tuesday.
        (uk(2026, 5, 22, 22), uk(2026, 5, 26, 9), uk(2026, 5, 26, 13)),
        # The clocks go back on Sunday 25 October 2026: Friday 22:00 BST, Monday 09:00 GMT.
        (uk(2026, 10, 23, 22), uk(2026, 10, 26, 9), uk(2026, 10, 26, 13)),
        # The clocks go forward on Sunday 29 March 2026: Friday 22:00 GMT, Monday 09:00 BST.
        (uk(2026, 3, 27, 22), uk(2026, 3, 30, 9), uk(2026, 3, 30, 13)),
        # Before the day's opening on a working day: 09:00 that day.
        (uk(2026, 12, 1, 6, 30), uk(2026, 12, 1, 9), uk(2026, 12, 1, 13)),
        # In working hours the MASH has it at once; 4 working hours run into the next morning.
        (uk(2026, 12, 2, 15), uk(2026, 12, 2, 15), uk(2026, 12, 3, 11)),
    ],
)
def test_a_contact_reaches_the_mash_queue_at_the_next_working_days_opening_with_its_clock(
    recorded: datetime, opening: datetime, due: datetime
) -> None:
    with time_machine.travel(recorded, tick=False):
        contact = edt_contact()
    assert contact.handover_at == opening
    clock = handover_clock(contact)
    assert clock.started_at == recorded and clock.due_at == due and clock.state == ClockState.RUNNING
    if opening > recorded:
        assert not in_queue(contact.reference, opening - timedelta(minutes=1))
    assert in_queue(contact.reference, opening)


def test_friday_night_contact_is_not_in_the_queue_at_0859_on_monday_and_is_at_0900(client, sign_in_as) -> None:
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        sign_in_as("edt_worker")
        response = client.post(
            "/mash/edt/contacts/new/",
            {
                "first_name": "Kayden",
                "last_name": "Marsh",
                "date_of_birth_day": "14",
                "date_of_birth_month": "6",
                "date_of_birth_year": "2013",
                "what_happened": "Found alone at home at 10pm.",
                "action_taken": "Placed with his aunt overnight.",
                "priority": "red",
            },
        )
        assert response.status_code == 302
    contact = EdtContact.objects.get()
    for at, expected in ((uk(2026, 11, 28, 10), False), (uk(2026, 11, 30, 8, 59), False), (uk(2026, 11, 30, 9), True)):
        with time_machine.travel(at, tick=False):
            sign_in_as("mash_social_worker")
            page = client.get("/mash/").content.decode()
            assert (f'data-reference="{contact.reference}"' in page) is expected, at
    with time_machine.travel(uk(2026, 11, 30, 9, 30), tick=False):
        sign_in_as("mash_social_worker")
        page = client.get("/mash/?kind=handover").content.decode()
        assert contact.reference in page and "Out-of-hours hand-over" in page and "1pm today" in page


def test_the_mash_picks_the_hand_over_up_and_its_clock_is_met(client, sign_in_as) -> None:
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        contact = edt_contact()
    with time_machine.travel(uk(2026, 11, 30, 8), tick=False):
        sign_in_as("mash_social_worker")
        early = client.post(f"/mash/edt/contacts/{contact.reference}/pick-up/", {"note": "Strategy discussion at 10."})
        assert early.status_code == 400 and "reaches the MASH" in early.content.decode()
    with time_machine.travel(uk(2026, 11, 30, 9, 15), tick=False):
        sign_in_as("mash_social_worker")
        blank = client.post(f"/mash/edt/contacts/{contact.reference}/pick-up/", {"note": ""})
        assert blank.status_code == 400 and "Enter what the MASH will do" in blank.content.decode()
        done = client.post(f"/mash/edt/contacts/{contact.reference}/pick-up/", {"note": "Strategy discussion at 10."})
        assert done.status_code == 302
        assert not in_queue(contact.reference, uk(2026, 11, 30, 9, 16))
    clock = handover_clock(contact)
    assert clock.state == ClockState.MET and not clock.met_late


def test_the_contact_form_says_what_is_missing_next_to_the_field(client, sign_in_as) -> None:
    sign_in_as("edt_worker")
    form = {"first_name": "Kayden", "date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2014"}
    response = client.post("/mash/edt/contacts/new/", form)
    page = unescape(response.content.decode())
    assert response.status_code == 200
    for message in ("Enter the child's last name", "Date of birth must be a real date", "Enter what happened",
                    "Select how urgently the MASH should follow it up"):  # fmt: skip
        assert message in page, message
    assert not EdtContact.objects.exists()


def test_out_of_hours_the_edt_sees_any_child_audited_as_out_of_hours(client, sign_in_as) -> None:
    child = PersonFactory(kind=PersonKind.CHILD)
    adult = PersonFactory(kind=PersonKind.ADULT)
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        edt = sign_in_as("edt_worker")
        assert find_legitimate_relationship(edt, child, "edt_worker") == "out of hours"
        assert find_legitimate_relationship(edt, adult, "edt_worker") is None
        assert find_legitimate_relationship(edt, child, "early_help_worker") is None  # roles never merge
        response = client.get(f"/record/{child.pk}/")
        assert response.status_code == 200
        look = AccessAudit.objects.filter(actor=edt, person=child, action="view_person").latest("id")
        assert "out of hours" in look.purpose and look.outcome == "allowed"
    with time_machine.travel(uk(2026, 11, 30, 10), tick=False):  # Monday morning: the MASH is open
        edt = sign_in_as("edt_worker")
        assert find_legitimate_relationship(edt, child, "edt_worker") is None
        assert client.get(f"/record/{child.pk}/").status_code != 200


def test_the_edt_keeps_the_child_of_its_own_contact_in_working_hours(sign_in_as) -> None:
    child = PersonFactory(kind=PersonKind.CHILD, first_name="Kayden", last_name="Marsh")
    edt = UserFactory(roles=["edt_worker"])
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        contact = edt_contact(edt, date_of_birth=child.date_of_birth)
    assert contact.person == child
    with time_machine.travel(uk(2026, 11, 30, 10), tick=False):
        assert (
            find_legitimate_relationship(edt, child, "edt_worker")
            == f"child on out-of-hours contact {contact.reference}"
        )
        assert find_legitimate_relationship(UserFactory(roles=["edt_worker"]), child, "edt_worker") is None


def test_who_may_record_read_and_pick_up_a_contact(client, sign_in_as) -> None:
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        contact = edt_contact()
    page = f"/mash/edt/contacts/{contact.reference}/"
    for role, record, read in (
        ("edt_worker", 200, 200),
        ("mash_social_worker", 403, 200),
        ("mash_police", 403, 200),
        ("partner_responder", 403, 403),
        ("early_help_worker", 403, 403),
    ):
        sign_in_as(role)
        assert client.get("/mash/edt/contacts/new/").status_code == record, role
        assert client.get(page).status_code == read, role
    sign_in_as("edt_worker")
    assert client.post(f"{page}pick-up/", {"note": "Mine now."}).status_code == 403


def test_the_edt_convenes_an_urgent_strategy_discussion_from_a_contact_about_a_known_child(client, sign_in_as) -> None:
    child = PersonFactory(kind=PersonKind.CHILD, first_name="Kayden", last_name="Marsh")
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        known = edt_contact(date_of_birth=child.date_of_birth)
        sign_in_as("edt_worker")
        page = client.get(f"/mash/edt/contacts/{known.reference}/").content.decode()
        assert f'href="/mash/strategy/out-of-hours/{child.pk}/"' in page
        form = client.get(f"/mash/strategy/out-of-hours/{child.pk}/")
        assert form.status_code == 200 and "Kayden Marsh" in unescape(form.content.decode())
    sign_in_as("mash_social_worker")
    with time_machine.travel(uk(2026, 11, 30, 10), tick=False):
        page = client.get(f"/mash/edt/contacts/{known.reference}/").content.decode()
    assert 'data-testid="convene-strategy"' not in page  # the MASH convenes from its own pages


def test_the_contact_is_on_the_childs_page_and_in_their_subject_access_document(client, sign_in_as) -> None:
    child = PersonFactory(kind=PersonKind.CHILD, first_name="Kayden", last_name="Marsh")
    with time_machine.travel(uk(2026, 11, 27, 22), tick=False):
        contact = edt_contact(date_of_birth=child.date_of_birth)
        sign_in_as("edt_worker")
        page = unescape(client.get(f"/record/{child.pk}/").content.decode())
        assert "Out-of-hours contact" in page and "found alone at home" in page
        assert "MASH follow-up of out-of-hours contact" in page  # its open deadline
    sign_in_as("privacy_officer")
    doc = client.get(f"/record/{child.pk}/subject-access/", {"format": "json"}).json()
    held = [item for item in doc["front_door"] if item["reference"] == contact.reference]
    assert len(held) == 1 and "found alone at home" in held[0]["what_happened"]
