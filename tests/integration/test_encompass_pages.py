"""Operation Encompass on the web: a DSL's home and list, a notice with its journey in words, acknowledging with the
support offered (and the error when none is chosen); the council officer's routed and escalated children; MASH
police's review; MASH education's unmatched children. Another school's notice is as one that does not exist."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine
from django.test import override_settings

from frontdoor.access.models import AccessAudit
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.encompass.models import Notice, NoticeStatus, UnmatchedChild
from support.encompass import Named, adult, calendar, incident, notices_of, pupil, school
from support.factories import SourceRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def millbrook():
    return school("Millbrook Primary School", stored=calendar())


@pytest.fixture
def sent(millbrook) -> Notice:
    child = pupil(millbrook, first_name="Maisie", last_name="Ashdown")
    incident([Named(adult()), Named(child, is_child=True, present=True)], reference="INC-2026-4471")
    return notices_of(child)[0]


def test_a_dsl_sees_reads_and_acknowledges_their_pupils_notice(client, sign_in_as, millbrook, sent) -> None:
    user = sign_in_as("school_dsl", agency=millbrook.agency)
    home = client.get("/").content.decode()
    assert "1 notification about your pupils is waiting" in home and sent.reference in home
    listed = client.get("/encompass/").content.decode()
    assert "Maisie Ashdown" in listed
    page = client.get(f"/encompass/notices/{sent.reference}/")
    html = page.content.decode()
    assert "INC-2026-4471" in html and "Kiln Lane, Esterbury" in html and "Neighbours heard shouting" in html
    assert "Delivered before the school day starts" in html or "the school day has started" in html
    assert "after the incident" in html  # each moment in words, with how long after the incident
    assert AccessAudit.objects.filter(actor=user, person=sent.child, action="view_person").exists()
    sent.refresh_from_db()
    assert sent.opened_at is not None and sent.opened_by == user
    refused = client.post(f"/encompass/notices/{sent.reference}/acknowledge/", {"support": ""})
    assert refused.status_code == 200 and "Select the support the school is offering" in refused.content.decode()
    done = client.post(
        f"/encompass/notices/{sent.reference}/acknowledge/", {"support": "overt", "support_notes": "Daily check-in."}
    )
    assert done.status_code == 302
    after = client.get(f"/encompass/notices/{sent.reference}/").content.decode()
    assert "Overt support" in after and "Daily check-in." in after
    assert "No Operation Encompass notifications are waiting" in client.get("/").content.decode()


def test_another_schools_dsl_cannot_find_the_notice(client, sign_in_as, sent) -> None:
    sign_in_as("school_dsl", agency=school("Esterbury Academy").agency)
    assert client.get(f"/encompass/notices/{sent.reference}/").status_code == 404
    assert sent.child.first_name not in client.get("/encompass/").content.decode()


def test_the_council_officer_sees_home_educated_children_and_escalations(client, sign_in_as, millbrook) -> None:
    home_educated = pupil(None, first_name="Ivy")
    SourceRecordFactory(person=home_educated, system="education", attributes={"elective_home_education": "Y"})
    at_school = pupil(millbrook, first_name="Tyler")
    incident(
        [Named(adult()), Named(home_educated, is_child=True), Named(at_school, is_child=True)],
        at=datetime(2026, 12, 4, 22, 0, tzinfo=LONDON),
    )
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=LONDON)):
        sweep_due_clocks()
        sign_in_as("education_safeguarding_officer")
        home = client.get("/").content.decode()
        [council] = notices_of(home_educated)
        [school_notice] = notices_of(at_school)
        assert council.reference in home and school_notice.reference in home
        assert "not acknowledged in time" in home
        page = client.get(f"/encompass/notices/{council.reference}/").content.decode()
        assert "Electively home educated" in page
        assert client.get(f"/encompass/notices/{school_notice.reference}/").status_code == 200


@override_settings(FRONTDOOR_ENCOMPASS_POLICE_REVIEW=True)
def test_mash_police_review_and_release(client, sign_in_as, millbrook) -> None:
    child = pupil(millbrook)
    incident([Named(adult()), Named(child, is_child=True)])
    [notice] = notices_of(child)
    sign_in_as("mash_police")
    assert notice.reference in client.get("/").content.decode()
    form = client.get(f"/encompass/notices/{notice.reference}/review/")
    assert form.status_code == 200
    empty = client.post(f"/encompass/notices/{notice.reference}/review/", {"circumstances": ""})
    assert "Enter the circumstances of the incident" in empty.content.decode()
    client.post(
        f"/encompass/notices/{notice.reference}/review/",
        {"circumstances": "Police attended a verbal argument.", "child_whereabouts": "Bedroom"},
    )
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT and notice.circumstances == "Police attended a verbal argument."


def test_mash_education_deals_with_a_child_nobody_matched(client, sign_in_as, millbrook) -> None:
    incident([Named(adult()), Named(None, is_child=True, first_name="Kai", last_name="Unfound")])
    sign_in_as("mash_education")
    assert "Kai Unfound" in client.get("/").content.decode()
    [task] = UnmatchedChild.objects.all()
    refused = client.post(f"/encompass/unmatched/{task.pk}/", {"outcome": "none", "note": ""})
    assert "Enter what was done" in refused.content.decode()
    client.post(f"/encompass/unmatched/{task.pk}/", {"outcome": "none", "note": "Phoned St Mary's DSL."})
    task.refresh_from_db()
    assert task.resolved_at is not None
    assert "Every child named by police" in client.get("/encompass/unmatched/").content.decode()


def test_the_officer_reaches_a_routed_child_and_finds_the_notice_in_their_chronology(
    client, sign_in_as, millbrook
) -> None:
    child = pupil(None, first_name="Ivy")
    incident([Named(adult()), Named(child, is_child=True)], reference="INC-2026-5120")
    sign_in_as("education_safeguarding_officer")
    page = client.get(f"/record/{child.pk}/")
    assert page.status_code == 200  # a legitimate relationship through the notice: no break-glass
    html = page.content.decode()
    assert "Operation Encompass notification" in html and "INC-2026-5120" in html
