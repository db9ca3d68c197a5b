"""No personal data in any e-mail. Every e-mail the whole suite sends is scanned as it is sent (tests/conftest.py);
here Operation Encompass's alerts and its escalations are sent for real through the outbox and scanned, and the
scanner itself is shown to catch what it looks for."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.core import mail

from frontdoor.core import outbox
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.people.models import IdentifierScheme
from support.encompass import Named, adult, calendar, dsl, incident, pupil, school
from support.factories import IdentifierFactory, UserFactory
from support.mail import known_people, personal_data_in

pytestmark = pytest.mark.django_db


def test_encompass_alerts_and_escalations_carry_no_personal_data() -> None:
    millbrook = school("Millbrook Primary School", stored=calendar())
    dsl(millbrook)
    UserFactory(roles=["education_safeguarding_officer"])
    child = pupil(millbrook, first_name="Maisie", last_name="Ashdown")
    IdentifierFactory(person=child, scheme=IdentifierScheme.NHS_NUMBER, value="9434765919")
    home_educated = pupil(None, first_name="Ivy", last_name="Kowalski")
    incident(
        [Named(adult(first_name="Claire", last_name="Ashdown")), Named(child, is_child=True),
         Named(home_educated, is_child=True)],
        at=datetime(2026, 12, 4, 22, 0, tzinfo=LONDON),
    )  # fmt: skip
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)):
        outbox.deliver_due()
        sweep_due_clocks()
        outbox.deliver_due()
    assert len(mail.outbox) >= 3  # the DSL, the lead the school recorded, the council
    names, births = known_people()
    assert "maisie ashdown" in names and "28 February 2016" in births
    for message in mail.outbox:
        assert personal_data_in(f"{message.subject}\n{message.body}", names, births) == [], message.subject
        assert "Maisie" not in message.body and "Ashdown" not in message.subject


def test_the_scanner_finds_names_dates_of_birth_nhs_numbers_and_postcodes() -> None:
    text = "About Maisie Ashdown, born 28 February 2016 (2016-02-28), NHS 943 476 5919, of ES3 7QP."
    found = personal_data_in(text, {"maisie ashdown"}, {"28 February 2016"})
    kinds = {f.split(" ")[0] for f in found}
    assert {"name", "date", "NHS", "postcode"} <= kinds
    assert personal_data_in("Sign in to see it: https://frontdoor.example/encompass/notices/OE-7K2M-9QXA/") == []


def test_the_suite_wide_scan_sees_an_e_mail_sent_outside_the_outbox(_no_personal_data_in_e_mails) -> None:
    pupil(None, first_name="Ruby", last_name="Ashdown")
    mail.send_mail("Ruby Ashdown", "Hello", None, ["x@example.org"])
    scan = _no_personal_data_in_e_mails
    assert scan.problems and "name ruby ashdown" in scan.problems[0]
    scan.problems.clear()  # caught: this test's own bad e-mail is not the suite's failure
